"""The "by text" view: every text of the conference on the left, the chosen one on the right with every
proposal's change under each of its paragraphs; ``n``/``p`` walk its edits across packages and the
decision keys record each in its own package's log.

A screen of its own, shown over the by-package view (``b`` switches back and forth) and kept between
visits (installed once), so that texts already laid out are not laid out again. It is modal: the
by-package view's keys do not reach through it; the keys that mean something here are bound here
with the same binding ids, so a remapped key is remapped in both views. The session is the app's:
the position moves with the reviewer here (back in the by-package view, the edit last looked at is
the current one), and every decision goes through ``ReviewSession``, so the lists, counts and logs
are the same whichever view made it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol, cast

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static

from ...conference.grouping import ByText, group_by_text
from ...display.render import Look
from ...display.sanitize import clean
from ...errors import ItuReviewError
from ...model import Edit
from ...session import AS_PROPOSAL_VERDICT, VERDICT_PAST, ReviewSession, Undo
from ..screens import ConfirmScreen, HelpScreen, NoteScreen
from ..screens.proposal import ProposalVerdictScreen
from ..watch import LogWatcher
from ..widgets import EditPanel, KeyBar, ProposalList, ProposalPane, TitleBar
from ..widgets.edit_panel import edit_details, proposal_details, rows_for
from .drawing import TextDrawing, is_open
from .plan import Locator, Stop, TextPlan, plan_text
from .text_list import TextList, text_status

NAME = "by-text"


def escape(text: str) -> str:
    """Text from a document as the palette's markup shows it as it is: every bracket escaped (Textual's
    own ``escape`` leaves an unclosed ``[/link`` as a tag, and the palette then fails on it)."""
    return text.replace("[", "\\[")

#: What the key bar keeps when the terminal is narrow, most wanted first: the way back among the first.
KEY_BAR = ["help", "quit", "by_text", "decide('accept')", "decide('reject')", "flag", "next_edit", "undo",
           "next_undecided", "prev_edit"]


class Reviewing(Protocol):
    """What this view needs of the app."""

    session: ReviewSession | None
    look: Look
    base_paths: list[str]
    watcher: LogWatcher | None

    def go(self, item: int, edit: int) -> None: ...


def open_by_text(app: Reviewing) -> None:
    """Show the by-text view (made the first time, kept afterwards)."""
    from textual.app import App

    assert isinstance(app, App)
    if not app.is_screen_installed(NAME):
        app.install_screen(ByTextScreen(), NAME)
    screen = app.get_screen(NAME)
    assert isinstance(screen, ByTextScreen)
    screen.entering = True
    app.push_screen(NAME)


def by_text_command(app: Reviewing) -> SystemCommand:
    """The palette's way into this view."""
    return SystemCommand("View: by text", "Every text with every proposal's change on it, across packages (b)",
                         lambda: open_by_text(app))


class ByTextScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    ByTextScreen { background: $background; }
    ByTextScreen #text-filter { height: 3; }
    ByTextScreen #left { width: 36%; max-width: 50; }
    """
    BINDINGS = [
        Binding("b", "by_text", "By package", id="by-text", tooltip="back to the proposals by package (b again: here)"),
        Binding("n", "next_edit", "Next", id="next-edit",
                tooltip="next edit on this text, whatever its package (then on into the next text)"),
        Binding("p", "prev_edit", "Prev", id="prev-edit", tooltip="previous edit on this text"),
        Binding("N", "next_undecided", "Undecided", id="next-undecided",
                tooltip="next edit you have not decided, on this text and the texts after it (wraps around)"),
        Binding("right_square_bracket", "next_text(1)", "Next text", show=False, id="next-proposal",
                tooltip="next text"),
        Binding("left_square_bracket", "next_text(-1)", "Prev text", show=False, id="prev-proposal",
                tooltip="previous text"),
        Binding("a", "decide('accept')", "Accept", id="accept",
                tooltip="accept the edit, in its own package's log (a proposal without edits: support it); "
                        "on to the next"),
        Binding("r", "decide('reject')", "Reject", id="reject",
                tooltip="reject the edit (a proposal without edits: oppose it); on to the next"),
        Binding("f", "flag", "Flag", id="flag", tooltip="flag the edit for discussion (asks for a note)"),
        Binding("m", "note", "Note", show=False, id="note", tooltip="a note on the edit, keeping its verdict"),
        Binding("c", "decide('clear')", "Clear", show=False, id="clear", tooltip="clear: back to pending"),
        Binding("y", "confirm", "Confirm", show=False, id="confirm",
                tooltip="confirm a re-attached decision for the edit as it now reads"),
        Binding("u", "undo", "Undo", id="undo", tooltip="undo your last decision, in whichever view it was made"),
        Binding("A", "bulk('accept')", "Accept all", show=False, id="accept-proposal",
                tooltip="accept this change for each of its sources you have not decided (asks first)"),
        Binding("R", "bulk('reject')", "Reject all", show=False, id="reject-proposal",
                tooltip="reject this change for each of its sources you have not decided (asks first)"),
        Binding("P", "proposal_verdict", "Proposal", show=False, id="proposal-verdict",
                tooltip="your verdict on the edit's proposal as a whole: support, oppose, flag"),
        Binding("ctrl+f", "filter", "Filter", show=False, id="filter",
                tooltip="filter the texts: words of the name, title, sources or proposal ids"),
        Binding("question_mark", "help", "Help", id="help", tooltip="this help"),
        Binding("q", "quit", "Quit", id="quit", tooltip="quit (every decision is already saved)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        #: set by ``open_by_text``: the next resume comes from the by-package view
        self.entering = False
        self.by_text: ByText | None = None
        self.locate: Locator | None = None
        self.plans: dict[int, TextPlan] = {}
        self.group_of_item: dict[int, int] = {}
        self.g = -1  # the text shown (a group index)
        self.k = 0  # the current stop of that text
        self.drawing: TextDrawing | None = None
        self._watching: tuple[LogWatcher, Callable[[set[int]], None]] | None = None
        #: stops whose status changed since the text was last drawn (None: any may have)
        self._changed: set[int] | None = set()
        #: decisions made together across packages (A, R): the session's undo steps of each
        self._together: list[list[Undo]] = []

    @property
    def reviewing(self) -> Reviewing:
        return cast(Reviewing, self.app)

    @property
    def session(self) -> ReviewSession:
        s = self.reviewing.session
        assert s is not None
        return s

    # -- layout and loading ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield TitleBar(id="title")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield Input(placeholder="filter texts: 130, resolution, ACP", id="text-filter")
                yield TextList(id="texts")
            with Vertical(id="right"):
                yield Static(Text("Grouping the proposals by text\u2026"), id="loading")
                yield ProposalPane(id="pane")
                yield EditPanel(id="edit")
        yield KeyBar(id="keys", ranking=KEY_BAR)

    def on_mount(self) -> None:
        self.query_one("#text-filter").display = False
        self.query_one(ProposalPane).focus()
        self.group()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def group(self) -> None:
        """Group every package's proposals by text (with the collection, when ``--base`` was given)."""
        paths = self.reviewing.base_paths
        try:
            coll = getattr(self.app, "collection", None)  # the app's, when it checked against --base
            if coll is None and paths:
                from ...basetexts import load_collection

                coll = load_collection(paths)
            by_text = group_by_text(self.session.packages, coll)
        except ItuReviewError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._grouped, by_text)

    def _failed(self, message: str) -> None:
        self.query_one("#loading", Static).update(Text(message, style="bold red"))

    def _grouped(self, by_text: ByText) -> None:
        s = self.session
        self.by_text = by_text
        self.locate = Locator(s.packages, [(it.pkg, it.prop) for it in s.items])
        self.group_of_item = {self.locate.item(e): g for g, grp in enumerate(by_text.groups) for e in grp.entries}
        self.query_one("#loading").display = False
        self._fill()
        if not by_text.groups:
            self.query_one(EditPanel).update(Text("No proposal names a text.", end=""))
            return
        if not self._follow_session():
            self.show(0, 0, top=True)

    def _fill(self) -> None:
        assert self.by_text is not None and self.locate is not None
        lst = self.query_one(TextList)
        lst.fill(self.session, self.locate, self.by_text.groups, self.query_one("#text-filter", Input).value)
        lst.select_text(self.g)

    def on_screen_resume(self) -> None:
        self.query_one(EditPanel).styles.height = rows_for(self.app.size.height)
        self._watch(True)
        if self.by_text is None:
            return
        if self.entering:  # back from the by-package view: decisions made there, perhaps another position
            self.entering = False
            self._changed = None
            self._fill()
            self._follow_session()
        self.redraw()

    def on_screen_suspend(self) -> None:
        self._watch(False)

    def _watch(self, on: bool) -> None:
        """Other reviewers' decisions, live: the app's log watcher tells this view too while it is shown."""
        watcher = self.reviewing.watcher
        if on and watcher is not None and self._watching is None:
            before = watcher.changed

            def changed(touched: set[int]) -> None:
                before(touched)
                self.others_decided(touched)

            self._watching = (watcher, before)
            watcher.changed = changed
        elif not on and self._watching is not None:
            w, before = self._watching
            w.changed = before
            self._watching = None

    def others_decided(self, touched: set[int]) -> None:
        """Another reviewer's decisions (or this one's, read back from the log): those lines again."""
        self._decided(touched, here=False)
        self.redraw(reveal=False)

    def on_resize(self, event: events.Resize) -> None:
        self.query_one(EditPanel).styles.height = rows_for(event.size.height)

    def on_proposal_pane_resized(self, event: ProposalPane.Resized) -> None:
        event.stop()
        self.drawing = None
        self._fill()
        self.redraw()

    # -- the text shown -------------------------------------------------------------------------------
    def plan(self, g: int) -> TextPlan:
        plan = self.plans.get(g)
        if plan is None:
            assert self.by_text is not None and self.locate is not None
            plan = self.plans[g] = plan_text(self.by_text.groups[g], self.locate)
        return plan

    @property
    def current(self) -> Stop | None:
        if self.g < 0:
            return None
        stops = self.plan(self.g).stops
        return stops[self.k] if 0 <= self.k < len(stops) else None

    def show(self, g: int, k: int, top: bool = False) -> None:
        """Text ``g`` at its stop ``k``; the session moves there too."""
        if g != self.g:
            self.drawing = None
            self.g = g
            self.query_one(TextList).select_text(g)
        self.k = k
        stop = self.current
        if stop is not None:
            edits = self.session.items[stop.item].prop.edits
            pos = next((j for j, e in enumerate(edits) if e is stop.edit), 0)
            self.session.goto(stop.item, pos)
        self.redraw(top=top)

    def _follow_session(self) -> bool:
        """Show the session's current edit, if it is on a text; False when it is not."""
        s = self.session
        it = s.current
        g = self.group_of_item.get(s.item) if it is not None else None
        if it is None or g is None:
            return False
        e = s.current_edit
        k = self.plan(g).stop_of((it.pkg, e.index) if e is not None else (it.pkg, it.prop.id))
        self.show(g, k or 0, top=g != self.g)
        return True

    def redraw(self, reveal: bool = True, top: bool = False) -> None:
        if self.g < 0:
            return
        pane = self.query_one(ProposalPane)
        look = self.reviewing.look
        if self.drawing is None or self.drawing.look is not look or self.drawing.width != max(pane.draw_width, 24):
            self.drawing = TextDrawing(self.plan(self.g), self.session, look, pane.draw_width)
        pane.set_rows(self.drawing.rows(self.k, self._changed), top=top)
        self._changed = set()
        if reveal and not top:
            self._reveal(pane)
        elif top and self.k:  # a text just shown, deep in it: once the pane knows its new length
            self.call_after_refresh(self._reveal, pane)
        self._details()
        self._title()

    def _reveal(self, pane: ProposalPane) -> None:
        """The current stop's paragraph, change and source lines in view, as far as they fit."""
        assert self.drawing is not None
        first, last = self.drawing.rows_of_stop(self.k)
        top, height = pane.scroll_offset.y, max(pane.size.height, 1)
        if top <= first and last < top + height:
            return
        if last - first >= height - 1:  # a long paragraph: its change and sources, the paragraph's end above
            first = self.drawing.rows_of_stop(self.k, paragraph=False)[0]
        y = first - 1
        pane.scroll_to(y=max(0, y), animate=False, immediate=True)

    def _details(self) -> None:
        stop = self.current
        panel = self.query_one(EditPanel)
        if stop is None:
            panel.update(Text("No proposals on this text.", end=""))
            return
        s = self.session
        plan = self.plan(self.g)
        where = plan.where[self.k]
        head = Text(end="")
        head.append(plan.group.short, "bold")
        head.append(f" \u00b7 {self.k + 1}/{len(plan.stops)}")
        if where.change is not None:
            head.append(f" \u00b7 \u00b6{where.para + 1}")
        if where.collision is not None:
            others = dict.fromkeys(f"{e.id} ({e.source})" for c in where.collision.changes if c is not where.change
                                   for e in c.entries)
            head.append(f" \u00b7 collision {where.collision_no} with {', '.join(others)}", "bold yellow")
        elif where.change is not None and where.change.identical:
            head.append(f" \u00b7 the same change from {len(where.change.sources)} sources: "
                        f"{', '.join(where.change.sources)}", "bold")
        elif where.unplaced:
            head.append(" \u00b7 not placed in the text in force")
        head.append(f" \u00b7 {clean(stop.entry.package.path.rsplit('/', 1)[-1])}\n", "dim")
        it = s.items[stop.item]
        if stop.edit is None:
            body = proposal_details(it.prop, s.standing(it), s.reviewer)
        else:
            pos = next((j for j, e in enumerate(it.prop.edits) if e is stop.edit), 0)
            body = edit_details(stop.edit, s.states[stop.pkg].decisions(stop.edit.index), s.reviewer,
                                f"{pos + 1}/{len(it.prop.edits)} of {it.prop.id}", it.prop, s.standing(it))
        panel.update(head + body)

    def _title(self) -> None:
        s = self.session
        done, total = s.totals()
        waiting = s.to_confirm()
        confirm = f" \u00b7 {waiting} to confirm" if waiting else ""
        self.query_one(TitleBar).show(f"itu-review \u2014 by text \u00b7 {s.reviewer} \u00b7 {done}/{total} decided{confirm}")

    def _refresh_text(self, g: int) -> None:
        assert self.by_text is not None and self.locate is not None
        self.query_one(TextList).refresh_text(self.session, self.locate, self.by_text.groups, g)

    # -- choosing a text -------------------------------------------------------------------------------
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id != "texts":
            return
        event.stop()
        if event.option.id is None or self.by_text is None:
            return
        g = int(event.option.id)
        if g != self.g:
            self.show(g, 0, top=True)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "texts":
            event.stop()
            self.query_one(ProposalPane).focus()

    def action_next_text(self, step: int) -> None:
        lst = self.query_one(TextList)
        if self.g not in lst.shown:
            self.app.bell()
            return
        at = lst.shown.index(self.g) + step
        if not 0 <= at < len(lst.shown):
            self.app.bell()
            return
        self.show(lst.shown[at], 0, top=True)

    # -- moving through the edits ---------------------------------------------------------------------
    def _texts_after(self, step: int, wrap: bool = False) -> list[int]:
        """The texts after (or before) the one shown, in the list's order (filtered, when it is)."""
        order = self.query_one(TextList).shown or list(range(len(self.by_text.groups if self.by_text else [])))
        if self.g not in order:
            return order if step > 0 else order[::-1]
        at = order.index(self.g)
        after = order[at + 1:] + (order[:at] if wrap else []) if step > 0 else (
            order[:at][::-1] + (order[at + 1:][::-1] if wrap else []))
        return after

    def action_next_edit(self) -> None:
        self._step(1)

    def action_prev_edit(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if self.current is None:
            self.app.bell()
            return
        k = self.k + step
        if 0 <= k < len(self.plan(self.g).stops):
            self.show(self.g, k)
            return
        for g in self._texts_after(step):
            stops = self.plan(g).stops
            if stops:
                self.show(g, 0 if step > 0 else len(stops) - 1, top=True)
                return
        self.app.bell()

    def _next_open(self, wrap: bool) -> bool:
        """To the next stop still to decide: on this text after the current one, then the texts after it."""
        s = self.session
        plan = self.plan(self.g)
        for k in range(self.k + 1, len(plan.stops)):
            if is_open(s, plan.stops[k]):
                self.show(self.g, k)
                return True
        assert self.by_text is not None and self.locate is not None
        for g in self._texts_after(1, wrap):
            status, decided, total = text_status(s, self.locate, self.by_text.groups[g])
            if decided == total and status != "to confirm":
                continue  # nothing to do there: not laid out for nothing
            stops = self.plan(g).stops
            found = next((k for k, st in enumerate(stops) if is_open(s, st)), None)
            if found is not None:
                self.show(g, found, top=True)
                return True
        if wrap:
            found = next((k for k in range(self.k + 1) if is_open(s, plan.stops[k])), None)
            if found is not None:
                self.show(self.g, found)
                return True
        return False

    def action_next_undecided(self) -> None:
        if self.current is None:
            return
        if not self._next_open(wrap=True):
            self.notify("Every edit on every text is decided.")

    # -- deciding ----------------------------------------------------------------------------------------
    def _decide(self, stop: Stop, verdict: str, note: str | None = None) -> bool:
        """A verdict on the stop, in its own package's log; False (and said why) when it cannot be saved."""
        s = self.session
        try:
            if stop.edit is None:
                s.decide_proposal(AS_PROPOSAL_VERDICT.get(verdict, verdict), note, s.items[stop.item])
            else:
                s.decide(verdict, note, [stop.edit], stop.pkg)
        except ItuReviewError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=60)
            return False
        self._decided({stop.item})
        return True

    def _decided(self, items: set[int], here: bool = True) -> None:
        """After decisions on these items: their lines in both lists (``here``: the by-package view's
        too; the app repaints its own for what others decided), and their stops on the text shown."""
        if here:
            lst = self.app.query_one(ProposalList)  # the by-package view's, kept current
            for item in items:
                lst.refresh_item(self.session, item)
        for g in {self.group_of_item[k] for k in items if k in self.group_of_item}:
            self._refresh_text(g)
        if self._changed is not None and self.g >= 0:
            self._changed.update(k for k, st in enumerate(self.plan(self.g).stops) if st.item in items)

    def action_decide(self, verdict: str) -> None:
        stop = self.current
        if stop is None:
            self.app.bell()
            return
        if not self._decide(stop, verdict):
            return
        if verdict in ("accept", "reject"):  # on to the next edit of the text, then the next one undecided
            if self.k + 1 < len(self.plan(self.g).stops):
                self.show(self.g, self.k + 1)
                return
            if not self._next_open(wrap=False):
                self.notify("No undecided edit after this one (N looks from the start).")
        self.redraw(reveal=False)

    def _note_for(self, stop: Stop) -> str:
        s = self.session
        if stop.edit is not None:
            mine = s.own(stop.pkg, stop.edit)
        else:
            mine = s.proposal_decisions(s.items[stop.item]).get(s.reviewer)
        return mine.note if mine else ""

    def action_flag(self) -> None:
        stop = self.current
        if stop is None:
            self.app.bell()
            return

        def done(text: str | None) -> None:
            if text and self._decide(stop, "flag", text):
                self.redraw(reveal=False)

        self.app.push_screen(NoteScreen(f"Flag {stop.label}", self._note_for(stop)), done)

    def action_note(self) -> None:
        stop = self.current
        if stop is None:
            self.app.bell()
            return
        before = self._note_for(stop)

        def done(text: str | None) -> None:
            if text is not None and text != before and self._decide(stop, "note", text):
                self.redraw(reveal=False)

        self.app.push_screen(NoteScreen(f"Note on {stop.label}", before, hint="A note for everyone; your verdict "
                                        "stays as it is. Enter saves (empty: no note), Escape cancels.", required=""),
                             done)

    def action_confirm(self) -> None:
        stop = self.current
        if stop is None or stop.edit is None:
            self.app.bell()
            return
        try:
            n = self.session.confirm([stop.edit], stop.pkg)
        except ItuReviewError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=60)
            return
        if not n:
            self.notify("Nothing to confirm here: y confirms a decision re-attached from an earlier issue.")
            return
        self._decided({stop.item})
        self.redraw(reveal=False)

    def action_undo(self) -> None:
        """Undo the last decision; a change decided for all its sources (A, R) is undone as one step."""
        s = self.session
        steps = 1
        while self._together:
            last = self._together[-1]
            if last and len(last) <= len(s.undo_stack) and all(a is b for a, b in zip(last, s.undo_stack[-len(last):])):
                steps = len(last)
                break
            if any(u in s.undo_stack for u in last):
                break
            self._together.pop()  # undone already (in the other view): forgotten
        touched: set[int] = set()
        undone = []
        try:
            for _ in range(steps):
                step = s.undo()
                if step is not None:
                    undone.append(step)
                    touched.add(s.item)
        except ItuReviewError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=60)
        if steps > 1:
            self._together.pop()
        if not undone:
            self.notify("Nothing to undo.")
            return
        self._decided(touched)
        if not self._follow_session():  # undone where no text shows it: stay, say so
            self.redraw(reveal=False)
        if len(undone) == 1:
            self.notify(undone[0].message())
        else:
            n = sum(u.count for u in undone)
            self.notify(f"Undone: {VERDICT_PAST.get(undone[0].verdict, undone[0].verdict)} this change for {n} "
                        f"sources, in {len(undone)} packages.")

    def action_bulk(self, verdict: str) -> None:
        """The current change, for every source that has not decided it (an identical change's support)."""
        stop = self.current
        where = self.plan(self.g).where[self.k] if stop is not None else None
        if stop is None or where is None or where.change is None:
            self.notify("A and R decide a change for all its sources: this edit is not a change in the text.")
            return
        plan = self.plan(self.g)
        ks = [plan.stop_of((self.locate.pkg(e), p.edit.index)) for p, e in  # type: ignore[union-attr]
              zip(where.change.pieces, where.change.entries)]
        targets = [plan.stops[k] for k in dict.fromkeys(k for k in ks if k is not None)
                   if is_open(self.session, plan.stops[k])]
        if not targets:
            self.notify("Every source of this change is decided.")
            return
        ids = ", ".join(t.label for t in targets)
        question = f"{verdict.capitalize()} this change for {len(targets)} source{'s' if len(targets) != 1 else ''}: {ids}?"

        def done(yes: bool | None) -> None:
            if not yes:
                return
            s = self.session
            by_pkg: dict[int, list[Edit]] = {}
            for t in targets:
                assert t.edit is not None
                by_pkg.setdefault(t.pkg, []).append(t.edit)
            first = len(s.undo_stack)
            try:
                for pkg, edits in by_pkg.items():
                    s.decide(verdict, "", edits, pkg)
            except ItuReviewError as exc:
                self.notify(str(exc), title="Not saved", severity="error", timeout=60)
            self._together.append(s.undo_stack[first:])  # one step for u here, whatever the packages
            self._decided({t.item for t in targets})
            self.notify(f"{VERDICT_PAST.get(verdict, verdict)}: {len(targets)} edits.")
            self.redraw(reveal=False)

        self.app.push_screen(ConfirmScreen(question), done)

    def action_proposal_verdict(self) -> None:
        stop = self.current
        if stop is None:
            return
        s = self.session
        it = s.items[stop.item]
        st = s.standing(it)
        mine = st.decisions.get(s.reviewer)
        now = f"your verdict: {mine.verdict}" if mine and mine.verdict else "no verdict of yours yet"
        if it.prop.edits:
            now += f" \u00b7 your edits roll up to: {st.rollup}"
        title = f"{it.prop.action} {it.prop.id} as a whole"

        def decide(verdict: str, note: str | None) -> None:
            try:
                s.decide_proposal(verdict, note, it)
            except ItuReviewError as exc:
                self.notify(str(exc), title="Not saved", severity="error", timeout=60)
                return
            self._decided({stop.item})
            self.redraw(reveal=False)

        def chosen(verdict: str | None) -> None:
            if not verdict:
                return
            if verdict in ("flag", "note"):
                def noted(text: str | None) -> None:
                    if text is not None and (text or verdict == "note"):
                        decide(verdict, text)

                self.app.push_screen(NoteScreen(f"{verdict.capitalize()} {title}", mine.note if mine else "",
                                                required="A flag needs a note." if verdict == "flag" else ""), noted)
                return
            decide(verdict, None)

        self.app.push_screen(ProposalVerdictScreen(title, now), chosen)

    # -- the palette ---------------------------------------------------------------------------------------
    def system_commands(self) -> Iterator[SystemCommand]:
        """The palette's entries in this view (after Textual's own: theme, keys, quit)."""
        yield SystemCommand("View: by package", "The proposals package by package, at this edit (b)",
                            self.action_by_text)
        yield SystemCommand("Next undecided edit, on this text and after", "N", self.action_next_undecided)
        stop = self.current
        if stop is not None:  # the palette reads titles and help as markup: what comes from a document is escaped
            yield SystemCommand(f"Proposal {escape(clean(stop.label))}: your verdict on it as a whole",
                                "Support, oppose, flag, note, clear (P)", self.action_proposal_verdict)
        yield SystemCommand("Filter the texts", "Words of the name, title, sources or ids (ctrl+f)", self.action_filter)
        for g, group in enumerate(self.by_text.groups if self.by_text else []):
            yield SystemCommand(f"Text: {escape(clean(group.summary()))}", escape(clean(group.title)[:80]),
                                lambda g=g: self.show(g, 0, top=True))

    # -- the filter, help, back -------------------------------------------------------------------------
    def action_filter(self) -> None:
        box = self.query_one("#text-filter", Input)
        box.display = True
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "text-filter":
            event.stop()
            self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: the filter stays (named in the list's title), its box goes; to the first text it keeps."""
        if event.input.id == "text-filter":
            event.stop()
            event.input.display = False
            lst = self.query_one(TextList)
            if lst.shown and self.g not in lst.shown:
                self.show(lst.shown[0], 0, top=True)
            self.query_one(ProposalPane).focus()

    def key_escape(self, event: events.Key) -> None:
        """Escape clears a filter; without one, back to the by-package view."""
        event.stop()
        box = self.query_one("#text-filter", Input)
        if box.display or box.value:
            box.value = ""
            box.display = False
            self._fill()
            self.query_one(ProposalPane).focus()
            return
        self.action_by_text()

    def action_help(self) -> None:
        keys: dict[str, list[str]] = {}
        for active in self.active_bindings.values():
            b = active.binding
            shown = keys.setdefault(b.action, [])
            key = self.app.get_key_display(b)
            if key not in shown:
                shown.append(key)
        rows = [(" / ".join(keys[b.action]), b.tooltip) for b in self.BINDINGS
                if isinstance(b, Binding) and keys.get(b.action)]
        rows.append(("escape", "back to the proposals by package (with a filter: clears it)"))
        rows.append((self.app.get_key_display(Binding(self.app.COMMAND_PALETTE_BINDING, "")),
                     "command palette: a text by name, the view by package, your verdict on the proposal"))
        self.app.push_screen(HelpScreen(rows, note="By text: each text in force, paragraph by paragraph, with every "
                                        "proposal's change under the paragraph it changes — a line for each source, "
                                        "identical changes once, collisions named and listed. Each decision is "
                                        "written to the log of the edit's own package as it is made."))

    def action_quit(self) -> None:
        self.app.exit()

    def action_by_text(self) -> None:
        """Back to the by-package view, at the edit last looked at here."""
        s = self.session
        self.app.pop_screen()
        self.reviewing.go(s.item, s.edit)
