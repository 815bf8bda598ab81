"""The current edit's details: id, kind, position, author, date, what a format edit changes, where a
carried decision came from, and every reviewer's verdict and note.

The most wanted lines come first, so that at 80x24 the edit itself always shows; what does not fit
scrolls (mouse wheel, or the panel's scrollbar, always shown so that it never comes and goes). The
panel's height is set by the app from the terminal's (``rows_for``), never by its content, and its
virtual size is set without a layout pass (``scrolling``): a decision repaints the panel and lays out
nothing — before, 7 accepts in 20 laid the whole screen out again when the details changed length.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from ...decisions import MOVED, REATTACHED, Decision
from ...display.sanitize import clean
from ...model import Edit, Proposal
from ...proposal_verdicts import UNDECIDED
from ...session import Standing
from .scrolling import set_virtual_size
from .visual import visual_rows

VERDICT_LABEL = {"accept": "accepted", "reject": "rejected", "flag": "flagged", "support": "supported",
                 "oppose": "opposed"}


def rows_for(screen_height: int) -> int:
    """The panel's height (border included) for a terminal this tall: 6 at 24 lines, up to 12."""
    return max(6, min(12, screen_height // 4))


def _short(text: str, limit: int = 60) -> str:
    text = clean(" ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def then_now(then: str, now: str, limit: int = 40) -> tuple[str, str]:
    """Two versions of a text, each cut to about ``limit`` characters around where they first differ.

    A reissue changes a word late in a long paragraph ("… for all users;" -> "… for all the users;"):
    cut from their starts, both read the same and the difference is out of sight."""
    a, b = clean(" ".join(then.split())), clean(" ".join(now.split()))
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    start = 0
    if a != b and max(len(a), len(b)) > limit:  # begin two words before the difference
        start = a.rfind(" ", 0, k) + 1
        for _ in range(2):
            start = a.rfind(" ", 0, max(start - 1, 0)) + 1

    def cut(t: str) -> str:
        part = ("\u2026" if start else "") + t[start:start + limit]
        return part + "\u2026" if len(t) > start + limit else part

    return cut(a), cut(b)


def _to_confirm(t: Text, edit: Edit, mine: Decision) -> None:
    """A verdict carried over by a close match: what the edit was when it was given, and what it is now —
    the texts of a text edit, the change and its text of a formatting edit."""
    t.append("\nto confirm (y): ", "bold yellow")
    which = "it" if mine.logged_id == edit.id else clean(mine.logged_id)
    t.append(f"you {VERDICT_LABEL.get(mine.verdict, mine.verdict)} {which} as it read then")
    same = ""
    if is_format(edit):
        old_subject, old_detail = mine.logged_format
        subj_then, subj_now = then_now(old_subject, edit.subject, 40)
        subj_then, subj_now = f"on \u201c{subj_then}\u201d", f"on \u201c{subj_now}\u201d"
        detail_now = clean(edit.detail) or "formatting"
        # what differs on the then/now lines, what is alike once below: at 80x24 the pair stays in view
        if old_detail == edit.detail and subj_then != subj_now:
            rows, same = (subj_then, subj_now), detail_now
        elif old_detail and old_detail != edit.detail and subj_then == subj_now:
            rows, same = (clean(old_detail), detail_now), subj_now
        else:  # a log before 0.2 did not keep the detail: the subject then, the whole change now
            rows = (f"{clean(old_detail)} {subj_then}" if old_detail else subj_then, f"{detail_now} {subj_now}")
    else:
        old_del, old_ins = mine.logged_texts
        del_then, del_now = then_now(old_del, edit.deleted, 24)
        ins_then, ins_now = then_now(old_ins, edit.inserted, 24)
        rows = (f"-\u201c{del_then}\u201d +\u201c{ins_then}\u201d", f"-\u201c{del_now}\u201d +\u201c{ins_now}\u201d")
    if rows[0] == rows[1]:
        t.append(f"\n  then and now: {rows[1]} (the text around it changed)")
    else:
        t.append(f"\n  then: {rows[0]}")
        t.append(f"\n  now:  {rows[1]}")
    if same:
        t.append(f"\n  then and now: {same}")


def is_format(edit: Edit) -> bool:
    """A formatting edit: it changes how a text looks (its ``detail``), not the text."""
    return not (edit.deleted or edit.inserted) and bool(edit.detail or edit.subject)


def _verdicts(t: Text, decisions: dict[str, Decision], reviewer: str, label: str) -> None:
    """``you: accepted — note`` and one line for each other reviewer (a note alone: "pending — note")."""
    mine = decisions.get(reviewer)
    t.append(f"\n{label}")
    t.append(VERDICT_LABEL.get(mine.verdict, mine.verdict) if mine and mine.verdict else "pending", "bold")
    if mine and mine.note:
        t.append(f" \u2014 {clean(mine.note)}")
    for name, d in sorted(decisions.items()):
        if name == reviewer:
            continue
        t.append(f"\n{clean(name)}: ")
        t.append(VERDICT_LABEL.get(d.verdict, d.verdict) if d.verdict else "no verdict", "bold")
        if d.note:
            t.append(f" \u2014 {clean(d.note)}")


def proposal_lines(t: Text, prop: Proposal, standing: Standing, reviewer: str, has_edits: bool) -> None:
    if has_edits:  # a MOD: a line when there is something to say of the whole — verdicts, a roll-up
        mine = standing.decisions.get(reviewer)
        others = [f"{clean(n)} {VERDICT_LABEL.get(d.verdict, d.verdict)} it" for n, d in sorted(standing.decisions.items())
                  if n != reviewer and d.verdict]
        if (mine and mine.verdict) or others or standing.rollup not in ("", UNDECIDED):
            t.append(f"\nproposal {clean(prop.id)}: ")
            if mine and mine.verdict:
                t.append(f"you {VERDICT_LABEL.get(mine.verdict, mine.verdict)} it", "bold")
            else:
                t.append("no verdict of yours (P)")
            if standing.rollup:
                t.append(f" · your edits: {standing.rollup}")
            if others:
                t.append(" · " + ", ".join(others))
    else:
        _verdicts(t, standing.decisions, reviewer, "you: ")
    if standing.contradiction:
        t.append(f"\n\u26a0 {clean(reviewer)} {standing.contradiction}", "bold yellow")
    o = standing.outcome
    if o is not None:
        t.append("\noutcome: ")
        t.append(o.status, "bold")
        if o.ref:
            t.append(f" ({clean(o.ref)})")
        if o.note:
            t.append(f" \u2014 {clean(o.note)}")
        t.append(f"  recorded by {clean(o.reviewer)}", "dim")


def proposal_details(prop: Proposal, standing: Standing, reviewer: str, file: str = "") -> Text:
    """A proposal without edits: it is decided as a whole. ``file``: its package's, when several are open."""
    t = Text(no_wrap=False, end="")
    t.append(f"{prop.action or '—'} {clean(prop.id)}", "bold")
    if file:
        t.append(f" · {clean(file)}")
    t.append(" · no edits: decided as a whole · a support · r oppose · f flag · m note")
    proposal_lines(t, prop, standing, reviewer, has_edits=False)
    return t


def edit_details(edit: Edit | None, decisions: dict[str, Decision], reviewer: str, position: str,
                 prop: Proposal | None = None, standing: Standing | None = None, file: str = "") -> Text:
    """The details as text (document text only ever as ``Text``, cleaned). ``file``: the package's file
    name, on the first line after the position — given when several packages are open, where an id
    (a package beside its reissue) may be in more than one."""
    if edit is None:
        if prop is not None and standing is not None:
            return proposal_details(prop, standing, reviewer, file)
        return Text("No edits in this proposal.", end="")
    t = Text(no_wrap=False, end="")
    t.append(clean(edit.id), "bold")
    t.append(f" · {edit.kind} · {clean(position)} · ")
    if file:
        t.append(f"{clean(file)} · ")
    t.append(f"by {clean(edit.author) or 'unknown'}", "dim")
    if edit.date:
        t.append(f" · {edit.date[:16].replace('T', ' ')}", "dim")
    mine = decisions.get(reviewer)
    if mine is not None and mine.to_confirm:
        _to_confirm(t, edit, mine)  # its "now" line says what a formatting edit changes
    elif edit.detail:
        t.append("\n")
        t.append(clean(edit.detail), "italic")
        if edit.subject:
            t.append(f" on \u201c{_short(edit.subject, 40)}\u201d")
    _verdicts(t, decisions, reviewer, "you: ")
    if prop is not None and standing is not None:
        proposal_lines(t, prop, standing, reviewer, has_edits=True)
    for name, d in sorted(decisions.items()):
        if d.how == MOVED:
            t.append(f"\n{clean(name)}'s decision moved with the edit from {clean(d.logged_id)}", "italic")
        elif d.how == REATTACHED and name != reviewer:
            t.append(f"\n{clean(name)}'s decision was re-attached from {clean(d.logged_id)} ({d.score:.0f}% alike),"
                     " to confirm", "italic")
    if edit.comment:
        t.append(f"\nauthor's comment: {clean(edit.comment)}", "italic")
    for w in edit.warnings:
        t.append(f"\n! {clean(w)}", "yellow")
    t.append(f"\nfingerprint {edit.fingerprint}", "dim")
    return t


class EditPanel(ScrollView):
    """A fixed-height panel drawn with the line API; its text scrolls when longer than the panel."""

    DEFAULT_CSS = """
    EditPanel { height: 6; border-top: solid $primary; padding: 0 1; scrollbar-size-vertical: 1; overflow-x: hidden;
                overflow-y: scroll; border-title-color: $foreground; border-title-style: bold; }
    """

    def __init__(self, *, id: str | None = None, bidi: str = "app") -> None:
        super().__init__(id=id)
        #: the app's right-to-left handling: with "app", a line holding Arabic or Hebrew (a note, an
        #: author) is reordered and shaped as the text panes do it (``visual``)
        self.bidi = bidi
        self._text = Text()
        self._lines: list[Strip] = []
        self._laid_out_for = -1
        self._status = ""
        self._status_timer: Timer | None = None

    @property
    def status(self) -> str:
        """The message on the panel's top line ("" for none)."""
        return self._status

    def status_room(self) -> int:
        """How many columns the top line has for a message (its border's corners and padding aside)."""
        return self.size.width - 4 if self.display else 0

    def say(self, message: str, timeout: float) -> bool:
        """A message on the panel's top line, where it hides nothing, for ``timeout`` seconds; False (and
        nothing shown) when it does not fit — a toast says it then, away from the details, and the line's
        earlier message goes: it would stand for the newer one ("accept: 4 edits saved." above the
        undone edits' "you: pending", the undo's own message in the toast).

        A toast at the bottom right, the default, sat over the details ("you: pendi…") at 80x24."""
        text = clean(" ".join(message.split()))
        if not text or cell_len(text) > self.status_room():
            self.clear_status()
            return False
        self._status = text
        self.border_title = Text(text, end="")
        if self._status_timer is not None:
            self._status_timer.stop()
        self._status_timer = self.set_timer(timeout, self._clear_status)
        return True

    def clear_status(self) -> None:
        """No message on the top line (a key that changes what is decided begins with this)."""
        if self._status_timer is not None:
            self._status_timer.stop()
        self._clear_status()

    def _clear_status(self) -> None:
        self._status = ""
        self._status_timer = None
        self.border_title = None

    @property
    def text(self) -> str:
        """Everything the panel holds, as plain text (for tests)."""
        return self._text.plain

    def render(self) -> Text:  # what str(panel.render()) gives: the whole text
        return self._text

    def update(self, text: Text) -> None:
        if text == self._text and self._laid_out_for == self._width():
            return
        self._text = text
        self._layout_lines()
        self.scroll_to(y=0, animate=False)
        self.refresh()

    def _width(self) -> int:
        return max(self.scrollable_content_region.width, 10)

    def _layout_lines(self) -> None:
        width = self._width()
        console: Console = self.app.console
        lines: list[Text] = []
        for logical in self._text.split("\n", allow_blank=True):
            rows = visual_rows(logical, width, console, self.bidi)
            lines.extend(rows if rows is not None else logical.wrap(console, width))
        style = self.rich_style
        self._lines = [Strip([s for s in ln.render(console) if s.text != "\n"] or [Segment("")]).apply_style(style)
                       for ln in lines]
        self._laid_out_for = width
        # never a layout pass: the panel's height is the app's (``rows_for``), its scrollbar always shown
        set_virtual_size(self, Size(width, max(len(self._lines), self.scrollable_content_region.height)))

    def on_resize(self) -> None:
        self._layout_lines()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.size.width
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        return self._lines[index].crop_extend(0, width, self.rich_style)

    def show_edit(self, edit: Edit | None, decisions: dict[str, Decision], reviewer: str, position: str,
                  prop: Proposal | None = None, standing: Standing | None = None, file: str = "") -> None:
        self.update(edit_details(edit, decisions, reviewer, position, prop, standing, file))
