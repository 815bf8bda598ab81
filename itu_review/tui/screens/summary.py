"""The summary: each proposal's counts by state, its flags and notes, what is left — Enter goes there.

Every line is an option: a proposal's line leads to its first edit still to decide (or its first
edit), a flag's or note's line to that edit. Orphaned decisions (their edit or proposal is not in the
package: a reissue dropped it) come last, as ``export`` lists them; they lead nowhere. Document text and notes go in as ``Text``, cleaned.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ... import decisions as dlog
from ...display.sanitize import clean
from ...proposal_verdicts import UNDECIDED
from ...session import GLYPHS
from ...summary import Orphan, ProposalSummary
from ..widgets.visual import visual_line

STATE_GLYPH = {dlog.ACCEPTED: "\u2713", dlog.REJECTED: "\u2717", dlog.FLAGGED: "\u2691", dlog.TO_CONFIRM: "\u21bb",
               dlog.PENDING: "\u25cb"}
WHOLE = {"support": "supported", "oppose": "opposed", "flag": "flagged"}
#: An orphaned decision's verdict, as its line names it
ORPHAN_VERDICT = {"accept": "\u2713 accepted", "reject": "\u2717 rejected", "flag": "\u2691 flagged",
                  "support": "\u2713 supported", "oppose": "\u2717 opposed", "": "\u270e note"}


def totals_line(rows: list[ProposalSummary], decided: int, total: int, orphaned: int = 0) -> Text:
    """The whole review: decided of all (edits, and proposals without edits), then each state's count."""
    counts = {k: sum(r.counts.get(k, 0) for r in rows) for k in STATE_GLYPH}
    whole = [r for r in rows if not r.entry.prop.edits]
    t = Text(no_wrap=False, end="")
    t.append(f"{decided}/{total} decided", "bold")
    parts = [f"{counts[dlog.ACCEPTED]} accepted", f"{counts[dlog.REJECTED]} rejected", f"{counts[dlog.FLAGGED]} flagged"]
    if counts[dlog.TO_CONFIRM]:
        parts.append(f"{counts[dlog.TO_CONFIRM]} to confirm")
    if whole:
        parts.append(f"{sum(1 for r in whole if r.verdict == 'support')} supported, "
                     f"{sum(1 for r in whole if r.verdict == 'oppose')} opposed of {len(whole)} without edits")
    parts.append(f"{sum(r.left for r in rows)} left")
    t.append(" · " + " · ".join(parts))
    disagree = sum(r.disagreements for r in rows)
    if disagree:
        t.append(f" · {disagree} disagreement{'s' if disagree != 1 else ''}")
    if orphaned:
        t.append(f" · {orphaned} orphaned", "bold")
    return t


def orphan_line(o: Orphan, with_file: bool) -> Text:
    """``    ✗ rejected AFCP/12A1/1#5 amina — note · -“d) UNGA …”`` (and its package when several are open)."""
    t = Text(no_wrap=True, overflow="ellipsis", end="")
    what = ORPHAN_VERDICT.get(o.verdict, f"\u25cf {o.verdict}")
    t.append(f"    {what} {clean(o.logged_id)} ")
    t.append(clean(o.reviewer), "bold")
    if o.note:
        t.append(f" \u2014 {clean(o.note)}")
    if o.deleted or o.inserted:
        gist = " ".join(f"{sign}\u201c{clean(' '.join(text.split()))[:40]}\u201d"
                        for sign, text in (("-", o.deleted), ("+", o.inserted)) if text)
        t.append(f" \u00b7 {gist}", "dim")
    if with_file:
        t.append(f" ({clean(o.package)})", "dim")
    return t


def proposal_line(ps: ProposalSummary, status: str) -> Text:
    p = ps.entry.prop
    t = Text(no_wrap=True, overflow="ellipsis", end="")
    t.append(f"{GLYPHS.get(status, '?')} ")
    t.append(f"{p.action or '—':5}", "bold")
    t.append(f" {clean(p.id)}  ")
    if ps.total:
        for state, glyph in STATE_GLYPH.items():
            n = ps.counts.get(state, 0)
            if n:
                t.append(f"{glyph}{n} ", "bold" if state == dlog.PENDING else "")
        if ps.left:
            t.append(f" {ps.left} left", "bold")
        else:
            t.append(" done", "dim")
        if ps.disagreements:
            t.append(f"  \u2260{ps.disagreements}")
    else:
        t.append("no edits", "dim")
        t.append(f"  {WHOLE.get(ps.verdict, 'no verdict yet')}", "bold" if not ps.verdict else "")
    if ps.entry.prop.edits and ps.verdict:
        t.append(f"  you: {WHOLE.get(ps.verdict, ps.verdict)}", "bold")
    if ps.entry.prop.edits and ps.rollup not in ("", UNDECIDED):
        t.append(f"  edits: {ps.rollup}")
    if ps.outcome is not None:
        t.append(f"  outcome: {ps.outcome.status}", "bold")
    if p.target.kind:
        t.append(f"  {clean(p.target.label())}", "dim")
    return t


class SummaryScreen(ModalScreen[tuple[int, int] | None]):
    """Answers (item, edit position) to go to, or None (Escape)."""

    DEFAULT_CSS = """
    SummaryScreen { align: center middle; }
    SummaryScreen > Vertical { width: 96%; max-width: 140; height: 90%; border: thick $primary; background: $panel;
                               padding: 0 1; }
    SummaryScreen #summary-head { height: auto; }
    SummaryScreen OptionList { height: 1fr; border: none; text-wrap: nowrap; text-overflow: ellipsis; }
    """
    BINDINGS = [Binding("escape,s,q", "close", "Close", id="summary.close")]

    def __init__(self, rows: list[ProposalSummary], statuses: list[str], current: int, totals: tuple[int, int],
                 bidi: str = "app", orphans: list[Orphan] | None = None, files: int = 1) -> None:
        super().__init__()
        #: the app's right-to-left handling: a title or note in Arabic is laid out as the panes lay it out
        self.bidi = bidi
        self.rows = rows
        self.statuses = statuses
        self.current = current
        self.totals = totals
        self.orphans = list(orphans or [])
        #: how many packages are open: with several, an orphan's line names its package
        self.files = files

    def compose(self) -> ComposeResult:
        head = Text(end="")
        head.append("Summary", "bold")
        head.append("  (Enter: go there · Escape: close)\n", "dim")
        head.append_text(totals_line(self.rows, *self.totals, orphaned=len(self.orphans)))
        options: list[Option] = []
        highlight = 0
        for ps, status in zip(self.rows, self.statuses):
            if ps.item == self.current:
                highlight = len(options)
            where = ps.first_open if ps.first_open is not None else 0
            line = visual_line(proposal_line(ps, status), self.app.console, self.bidi)
            options.append(Option(line, id=f"{len(options)}:{ps.item}:{where}"))
            for r in ps.remarks:
                t = Text(no_wrap=True, overflow="ellipsis", end="")
                spot = "proposal" if r.position < 0 else f"#{r.position + 1}"
                t.append(f"    {'⚑' if r.verdict == 'flag' else '✎'} {spot} ")
                t.append(clean(r.reviewer), "bold")
                t.append(f": {clean(r.note) or '(no note)'}")
                t = visual_line(t, self.app.console, self.bidi)
                options.append(Option(t, id=f"{len(options)}:{ps.item}:{max(r.position, 0)}"))
        if self.orphans:
            n = len(self.orphans)
            # short enough for 80 columns; the README says what an orphan is
            head_line = Text(f"{n} orphaned decision{'s' if n != 1 else ''}, on what the package does not hold:",
                             style="bold", end="")
            options.append(Option(head_line, disabled=True))
            for o in self.orphans:
                options.append(Option(visual_line(orphan_line(o, self.files > 1), self.app.console, self.bidi),
                                      disabled=True))
        with Vertical():
            yield Static(head, id="summary-head")
            lst = OptionList(*options, id="summary-list", markup=False)
            lst.highlighted = highlight if options else None
            yield lst

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:  # "line:item:edit position": the line number keeps ids unique
            _, item, pos = event.option.id.split(":")
            self.dismiss((int(item), int(pos)))

    def action_close(self) -> None:
        self.dismiss(None)
