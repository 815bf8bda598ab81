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

from collections.abc import Iterator
from functools import partial

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, OptionList, Static

from ...conference.grouping import ByText, group_by_text
from ...display.sanitize import clean
from ...errors import ItuReviewError
from ..palette import Command
from ..screens import GotoScreen, HelpScreen
from ..widgets import EditPanel, KeyBar, ProposalPane, TitleBar
from ..ids import find_next
from ..widgets.edit_panel import rows_for
from .deciding import Deciding
from .plan import Locator
from .text_list import TextList
from .view import Reviewing
from ..widgets.text_input import TextInput

NAME = "by-text"


#: What the key bar keeps when the terminal is narrow, most wanted first: the way back among the first.
KEY_BAR = ["help", "quit", "by_text", "decide('accept')", "decide('reject')", "flag", "next_edit", "undo",
           "next_undecided", "prev_edit"]


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


def by_text_command(app: Reviewing) -> Command:
    """The palette's way into this view."""
    return Command("View: by text", "Every text with every proposal's change on it, across packages (b)",
                   lambda: open_by_text(app))


class ByTextScreen(Deciding):
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
        Binding("g", "goto", "Go to", show=False, id="goto",
                tooltip="go to a proposal or edit by id, within its text (B/67/1, B/67/1#3, #3)"),
        Binding("ctrl+f", "filter", "Filter", show=False, id="filter",
                tooltip="filter the texts: words of the name, title, sources or proposal ids"),
        Binding("question_mark", "help", "Help", id="help", tooltip="this help"),
        Binding("q", "quit", "Quit", id="quit", tooltip="quit (every decision is already saved)"),
    ]

    # -- layout and loading ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield TitleBar(id="title")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield TextInput(placeholder="filter texts: 130, resolution, ACP", id="text-filter")
                yield TextList(id="texts")
            with Vertical(id="right"):
                yield Static(Text("Grouping the proposals by text\u2026"), id="loading")
                yield ProposalPane(id="pane")
                yield EditPanel(id="edit", bidi=self.reviewing.look.bidi)
        yield KeyBar(id="keys", ranking=KEY_BAR, labels=self.key_labels)

    def on_mount(self) -> None:
        self.query_one("#text-filter").display = False
        self.query_one(ProposalPane).focus()
        self.group()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def group(self) -> None:
        """Group every package's proposals by text (with the collection, when ``--base`` was given)."""
        paths = self.reviewing.base_paths
        try:
            coll = self.reviewing.collection  # the app's, when it checked against --base
            if coll is None and paths:
                from ...basetexts import load_collection

                coll = load_collection(paths)
            by_text = group_by_text(self.session.packages, coll)
        except ItuReviewError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._grouped, by_text)

    def _failed(self, message: str) -> None:
        self.query_one("#loading", Static).update(Text(clean(message), style="bold red"))

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

    # -- the palette ---------------------------------------------------------------------------------------
    def commands(self) -> Iterator[Command]:
        """The palette's entries in this view (Textual's own — theme, keys, quit — come beside them; go to
        an id too). Titles and help are plain text: a text's title is document text."""
        yield Command("View: by package", "The proposals package by package, at this edit (b)", self.action_by_text)
        yield Command("Next undecided edit, on this text and after", "N", self.action_next_undecided)
        yield Command("Go to a proposal or edit by id, within its text", "B/67/1, B/67/1#3 or #3 (g)",
                      self.action_goto)
        stop = self.current
        if stop is not None:
            it = self.session.items[stop.item]
            here = f"{it.prop.action} {it.prop.id}"
            yield Command(f"Proposal {here}: your verdict on it as a whole", "Support, oppose, flag, note, clear (P)",
                          self.action_proposal_verdict)
            yield Command(f"Outcome of {here}: record what the conference decided",
                          "approved, approved as amended, not approved, merged, withdrawn, …", self.record_outcome)
        yield Command("Filter the texts", "Words of the name, title, sources or ids (ctrl+f)", self.action_filter)
        for g, group in enumerate(self.by_text.groups if self.by_text else []):
            yield Command(f"Text: {group.summary()}", group.title[:80], partial(self.show, g, 0, top=True))

    # -- going to an id ----------------------------------------------------------------------------------
    def action_goto(self) -> None:
        """``g``: an id typed, and there within its text (``#3``: the edit of the current proposal)."""
        s = self.session

        def done(ref: str | None) -> None:
            where, said = find_next(s, ref) if ref else (None, "")
            if where is not None and self.go_to(*where) and said:
                self.notify(said)  # the id is in several open files: which one this is

        self.app.push_screen(GotoScreen(list(dict.fromkeys(it.prop.id for it in s.items)),
                                        lambda ref: find_next(s, ref)[0] is not None), done)

    def go_to(self, item: int, edit: int) -> bool:
        """Show the edit ``edit`` of proposal ``item`` (a proposal without edits: its line) in its text; a
        proposal on no text of this view is said so, and nothing moves (False)."""
        if self.by_text is None:
            return False
        s = self.session
        it = s.items[item]
        g = self.group_of_item.get(item)
        if g is None:
            self.notify(f"{it.prop.action} {it.prop.id} is on no text here (b: by package).", severity="warning")
            return False
        plan = self.plan(g)
        key = (it.pkg, it.prop.edits[edit].index) if it.prop.edits else (it.pkg, it.prop.id)
        k = plan.stop_of(key)
        if k is None:  # an edit the text does not show apart: the proposal's first stop there
            k = next((n for n, st in enumerate(plan.stops) if st.item == item), 0)
        self.show(g, k, top=g != self.g)
        return True

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
