"""The review app: proposals on the left, the current proposal side by side, the current edit below."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult
from textual.actions import ActionParseResult
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.containers import Horizontal, Vertical
from textual.notifications import SeverityLevel
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from .. import cache
from .. import decisions as dlog
from ..config import (DEFAULT_THEME, NO_COLOR_THEME, ThemeSpec, config_path, load_config, load_themes, log_for,
                      mark_styles, setting, unknown_keymap)
from ..display.in_force import base_side
from ..display.render import DEFAULT_STYLES, Look, ProposalView, RowCache
from ..display.sanitize import clean
from ..errors import ItuReviewError, UsageError
from ..session import ReviewSession
from .conference import by_text_command, open_by_text
from .deciding import DecidingActions
from .keys import BINDINGS, CHANGES_STATE, CONFERENCE_KEYS, WHOLE_PROPOSAL
from .navigation import NavigationActions
from .palette import Command, GotoProvider, ReviewCommands, app_commands
from .screens import HelpScreen
from .search import SearchActions, SearchState
from .themes import to_textual
from .watch import INTERVAL, LogWatcher
from .widgets import EditPanel, FindingsPanel, KeyBar, ProposalList, ProposalPane, TitleBar
from .widgets.edit_panel import rows_for
from .widgets.findings import finding_line
from .widgets.text_input import TextInput

if TYPE_CHECKING:
    from ..basetexts import Collection

#: The views ``v`` cycles through; "package-base" (the package's own base beside the proposal, where
#: the side view shows the text in force) only when a base collection was given.
VIEWS = ("side", "package-base", "inline", "base", "proposed")
#: How the help names each view (package-base: the title bar's name, and what it is).
VIEW_HELP = {"side": "side by side", "package-base": "package-base (the package's own base beside it)",
             "inline": "inline", "base": "base", "proposed": "proposed"}
#: The fewest lines of text the pane keeps when the findings are unfolded (at 80x24 it keeps 9).
PANE_LEAST = 5


class ReviewApp(NavigationActions, DecidingActions, SearchActions):
    """Review every edit of one or more packages, from the keyboard.

    The actions live in rooms of their own: moving (``navigation``), deciding (``deciding``),
    searching (``search``), the palette (``palette``); this module lays out, loads and draws.
    """

    TITLE = "itu-review"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [*BINDINGS]  # (App declares the wider type; the list is invariant)
    COMMANDS = App.COMMANDS | {ReviewCommands, GotoProvider}

    def __init__(self, paths: list[str], log: str | None = None, reviewer: str | None = None,
                 bidi: str = "app", markers: bool | None = None, base: list[str] | None = None,
                 theme: str | None = None, keymap: dict[str, str] | None = None,
                 logs: list[Path] | None = None, watch_interval: float = INTERVAL) -> None:
        super().__init__()
        self.watch_interval = watch_interval
        self.watcher: LogWatcher | None = None
        self.paths = paths
        self.base_paths = list(base or [])
        self.wanted_theme = theme or (NO_COLOR_THEME if os.environ.get("NO_COLOR") else DEFAULT_THEME)
        self.keymap = dict(keymap or {})
        self.log_paths = logs
        self.markers_forced = markers
        self.theme_specs: dict[str, ThemeSpec] = {}
        self.render_cache: RowCache = {}
        self.log_arg = log
        self.reviewer = dlog.reviewer_name(reviewer)
        self.session: ReviewSession | None = None
        #: the base collection, once loaded for the checks (the by-text view groups by it too)
        self.collection: Collection | None = None
        self.view_index = 0
        self.views = VIEWS if self.base_paths else tuple(v for v in VIEWS if v != "package-base")
        no_color = bool(os.environ.get("NO_COLOR"))
        self.look = Look(DEFAULT_STYLES, markers=no_color if markers is None else markers, bidi=bidi,
                         shape=bidi == "app")
        self.search = SearchState()
        #: the files met in the directories opened that were not read, each as "path: why (skipped)"
        self.skipped: list[str] = []

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notification as plain, cleaned text: messages carry file names, notes and log lines,
        which are never markup (Textual parses notifications as markup unless told not to).

        What a key says ("Undone: …", "Nothing left …") goes on the top line of the screen's details
        panel, where it hides nothing; a warning, an error or a message too long for that line is a toast,
        at the top right (``app.tcss``), away from the details."""
        if severity == "information" and not title:
            panel = next(iter(self.screen.query(EditPanel)), None)
            if panel is not None and panel.say(message, self.NOTIFICATION_TIMEOUT if timeout is None else timeout):
                return
        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout, markup=False)

    async def run_action(self, action: str | ActionParseResult, default_namespace: DOMNode | None = None,
                         namespaces: Mapping[str, DOMNode] | None = None) -> bool:
        """Every key's action, in both views. A key that changes what is decided (``CHANGES_STATE``) owns
        the details' top line: what the key before said goes as it is pressed, and the action says its
        own ("Undone: …", "accept: 4 edits saved.") or nothing — ``y`` after ``u`` once left "Undone: …"
        above "you: accepted". The one place for it, rather than each key's action clearing the line."""
        name = action if isinstance(action, str) else action[1]
        if name.partition("(")[0].rpartition(".")[2] in CHANGES_STATE:
            panel = next(iter(self.screen.query(EditPanel)), None)
            if panel is not None:
                panel.clear_status()
        return await super().run_action(action, default_namespace, namespaces)

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield TitleBar(id="title")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield TextInput(placeholder="text action: status:", id="filter")  # 21 columns at 80x24
                yield ProposalList(id="proposals")
            with Vertical(id="right"):
                yield Static(Text("Loading…"), id="loading")
                yield ProposalPane(id="pane")
                yield FindingsPanel(id="findings")
                yield EditPanel(id="edit", bidi=self.look.bidi)
        yield TextInput(placeholder="search the text (Enter: next match, Escape: close)", id="search")
        yield KeyBar(id="keys", also=self._conference_keys, labels=self._key_labels)

    def _conference_keys(self) -> tuple[str, ...]:
        """``b`` in the key bar once several packages are open (it works with one too, from help)."""
        return CONFERENCE_KEYS if self.session is not None and len(self.session.packages) > 1 else ()

    def _key_labels(self) -> dict[str, str]:
        """On a proposal without edits, ``a`` and ``r`` support and oppose it: the key bar says so."""
        s = self.session
        return WHOLE_PROPOSAL if s is not None and s.current is not None and not s.current.prop.edits else {}

    def on_mount(self) -> None:
        self._setup_themes()
        if self.keymap:
            self.set_keymap(self.keymap)
            wrong = unknown_keymap(self.keymap, binding_ids())
            if wrong:  # once, here: the by-text view and the dialogs take the same keymap
                self.notify(f"{config_path()}: {wrong}", title="Keymap", severity="warning", timeout=20)
        self.query_one(TitleBar).show(f"itu-review — {self.reviewer} · loading")
        self.query_one("#filter").display = False
        self.query_one("#search").display = False
        self.load_packages()

    def _setup_themes(self) -> None:
        """Register the shipped and the user's themes; a broken one is reported once and skipped."""
        specs, errors = load_themes()
        self.theme_specs = specs
        for spec in specs.values():
            self.register_theme(to_textual(spec))
        for err in errors:
            self.notify(err, title="Theme not loaded", severity="warning", timeout=15)
        wanted = self.wanted_theme
        if wanted not in self.available_themes:
            self.notify(f"No theme named {wanted!r}; using {DEFAULT_THEME}.", severity="warning", timeout=15)
            wanted = DEFAULT_THEME if DEFAULT_THEME in self.available_themes else "textual-dark"
        self.theme = wanted
        self._apply_marks(wanted)
        self.theme_changed_signal.subscribe(self, lambda theme: self._on_theme(theme.name))

    def _apply_marks(self, name: str) -> None:
        styles, brackets = mark_styles(self.theme_specs.get(name))
        markers = brackets or bool(os.environ.get("NO_COLOR"))
        if self.markers_forced is not None:
            markers = self.markers_forced
        self.look = Look(styles, markers=markers, bidi=self.look.bidi, shape=self.look.bidi == "app")

    def _on_theme(self, name: str) -> None:
        self._apply_marks(name)
        self.redraw()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_packages(self) -> None:
        with cache.deferred():  # cache entries are written once the review is on screen
            self._load_packages()

    def _load_packages(self) -> None:
        from .loading import read_packages

        read = read_packages(self, self.paths)
        if read is None:
            return
        pkgs, expanded = read
        if self.log_paths is not None and not expanded:  # chosen by the caller, one a package
            logs = self.log_paths
        elif self.log_arg and len(pkgs) == 1:
            logs = [Path(self.log_arg)]
        else:  # each package's log where the config says (beside the package by default)
            cfg = load_config()
            logs = [log_for(p.path, cfg) for p in pkgs]
        try:
            session = ReviewSession.open(pkgs, logs, self.reviewer)
            if self.base_paths:
                from ..basetexts import load_collection

                self.call_from_thread(self._show_progress, "Reading the base collection…")
                # kept for the by-text view; each proposal is checked when shown, the rest once on screen
                session.collection = self.collection = load_collection(self.base_paths)
        except ItuReviewError as exc:
            self.call_from_thread(self._load_failed, str(exc))
            return
        self.call_from_thread(self._on_loaded, session)
        if session.collection is not None:
            self._check_the_rest(session)

    def _show_progress(self, message: str) -> None:
        self.query_one("#loading", Static).update(Text(clean(message)))

    def _load_failed(self, message: str) -> None:
        self.query_one("#loading", Static).update(Text(clean(message), style="bold red"))
        self.notify(message, title="Cannot open", severity="error", timeout=60)

    def _on_loaded(self, session: ReviewSession) -> None:
        self.session = session
        self.query_one("#loading").display = False
        for st in session.states:
            for w in st.warnings:
                self.notify(w, severity="warning", timeout=20)
            st.warnings.clear()
        self.query_one(ProposalPane).focus()
        self.query_one(KeyBar).refresh()  # b, when a conference is open
        self._relayout()
        self.call_after_refresh(self._reveal_current)  # once the pane has its size: where the review resumes
        self.watcher = LogWatcher(self, session, self.others_decided, self.watch_interval)
        self.watcher.start()

    def _check_the_rest(self, session: ReviewSession) -> None:
        """Every proposal's check against the base collection, in list order, in the loading worker once
        the review is on screen; each list line whose check found a problem is repainted (its ⚠) as the
        checks come."""
        found: list[int] = []
        worker = get_current_worker()
        for k, item in enumerate(session.items):
            if worker.is_cancelled:
                return
            chk = session.check(item)
            if chk is not None and chk.problems:  # (a line drawn before its check lacks the ⚠)
                found.append(k)
            if len(found) >= 50 or (found and k == len(session.items) - 1):
                self.call_from_thread(self._checked, found)
                found = []

    def _checked(self, items: list[int]) -> None:
        s = self.session
        if s is None:
            return
        lst = self.query_one(ProposalList)
        for k in items:
            lst.refresh_item(s, k)

    def _reveal_current(self) -> None:
        s = self.session
        if s is not None and s.current_edit is not None:
            self.query_one(ProposalPane).reveal_edit(s.current_edit.index, least=True)

    def others_decided(self, touched: set[int]) -> None:
        """What another process appended to a log: repaint those proposals' lines, and the rest if shown."""
        s = self.session
        assert s is not None
        lst = self.query_one(ProposalList)
        for k in touched:
            lst.refresh_item(s, k)
        if s.item in touched:
            self.redraw(reveal=False)
        else:
            self.show_title()

    # -- drawing ----------------------------------------------------------------------------
    def redraw(self, reveal: bool = True, top: bool = False) -> None:
        """Draw the current proposal and edit; ``top``: a proposal just entered, shown from its header."""
        s = self.session
        if s is None or s.current is None:
            return
        it = s.current
        pkg = s.packages[it.pkg]
        edit = s.current_edit
        pane = self.query_one(ProposalPane)
        width = pane.draw_width
        chk = s.check(it)
        # the findings have their own panel here: the pane's header does not repeat them (``show`` does)
        side = dataclasses.replace(base_side(pkg, it.prop, chk), findings=())
        view = ProposalView(pkg, it.prop, self.views[self.view_index], self.look, edit.index if edit else -1,
                            side=side, status=lambda k: s.look_status(it.pkg, k),
                            cache=self.render_cache)
        pane.set_rows(view.rows_with_edits(width), top=top)
        if edit is not None and reveal:
            pane.reveal_edit(edit.index, least=top)
        position = f"{s.edit + 1}/{len(it.prop.edits)}" if edit else ""
        decisions = s.states[it.pkg].decisions(edit.index) if edit else {}
        file = os.path.basename(pkg.path) if len(s.packages) > 1 else ""  # an id may be in several
        self.query_one(EditPanel).show_edit(edit, decisions, s.reviewer, position, it.prop, s.standing(it), file)
        problems = chk.findings if chk is not None else []
        self.query_one(FindingsPanel).show([(f.severity, finding_line(f)) for f in problems])
        self.search_highlights()
        self.show_title()
        self.query_one(KeyBar).relabel()

    def show_title(self) -> None:
        s = self.session
        assert s is not None
        done, total = s.totals()
        waiting = s.to_confirm()
        confirm = f" · {waiting} to confirm" if waiting else ""
        # the title bar alone: App.sub_title would repaint the whole screen at every decision
        self.query_one(TitleBar).show(f"itu-review — {s.reviewer} · {done}/{total} decided{confirm} · "
                                      f"{self.views[self.view_index]} view")

    def side_column(self) -> int | None:
        """The width of the left column when side by side (as the renderer lays it out), else None."""
        if self.views[self.view_index] not in ("side", "package-base"):
            return None
        return max((self.query_one(ProposalPane).draw_width - 3) // 2, 4)

    def on_resize(self, event: events.Resize) -> None:
        details = rows_for(event.size.height)
        self.query_one(EditPanel).styles.height = details
        # unfolded findings take up to a third of the column, never the text's last PANE_LEAST lines
        column = event.size.height - 2  # the title bar and the key bar
        self.query_one(FindingsPanel).styles.max_height = max(1, min(column // 3, column - details - PANE_LEAST))

    def on_proposal_pane_resized(self) -> None:
        """The pane's width changed (a resized terminal): wrap the text again, now."""
        self._relayout()

    def _relayout(self) -> None:
        if self.session is None:
            return
        lst = self.query_one(ProposalList)
        lst.fill(self.session, self.query_one("#filter", Input).value)
        lst.select_item(self.session.item)
        self.redraw()

    # -- actions kept here: views, help, findings ------------------------------------------------
    def action_cycle_view(self) -> None:
        self.set_view((self.view_index + 1) % len(self.views))

    def set_view(self, k: int) -> None:
        self.view_index = k
        self.redraw()

    def action_toggle_findings(self) -> None:
        if not self.query_one(FindingsPanel).toggle():
            self.notify("No base-text findings on this proposal.")
            return
        self.call_after_refresh(self._reveal_current)  # the pane is shorter (or taller): the edit stays in view

    def action_help(self) -> None:
        """Every key of the review screen as it is bound now (a remapped key as remapped), and what it does."""
        keys: dict[str, list[str]] = {}
        for active in self.screen.active_bindings.values():
            b = active.binding
            shown = keys.setdefault(b.action, [])
            key = self.get_key_display(b)
            if key not in shown:
                shown.append(key)
        views = "cycle the view: " + ", ".join(VIEW_HELP[v] for v in self.views)  # the views this review has
        rows = [(" / ".join(keys[b.action]), views if b.action == "cycle_view" else b.tooltip)
                for b in BINDINGS if keys.get(b.action)]
        rows.append((self.get_key_display(Binding(self.COMMAND_PALETTE_BINDING, "")),
                     "command palette: go to an id, the summary, bulk decisions, views, themes"))
        self.push_screen(HelpScreen(rows))

    def show_skipped(self) -> None:
        """The files met in the directories opened that were skipped, and why (from the palette)."""
        self.push_screen(HelpScreen([("", line) for line in self.skipped], title="itu-review — files skipped",
                                    note="Not read as packages, each with the reason."))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            self.search_next(event.value)
        elif event.input.id == "filter":  # the filter stays (named in the list's title), its box goes
            event.input.display = False
            lst = self.query_one(ProposalList)
            s = self.session
            if s is not None and lst.shown and s.item not in lst.shown:
                self.go(lst.shown[0], 0)  # the proposal shown is not one the filter keeps: its first one
            lst.focus()

    # -- command palette ------------------------------------------------------------------------
    def commands(self) -> Iterator[Command]:
        """This view's palette entries (the by-text view has its own: ``ByTextScreen.commands``)."""
        yield from app_commands(self)
        if self.session is not None:
            yield by_text_command(self)

    def action_by_text(self) -> None:
        if self.session is not None:
            open_by_text(self)


def binding_ids() -> list[str]:
    """Every binding id a ``[keymap]`` may name: the two views' keys and the dialogs'."""
    from .conference import ByTextScreen
    from .screens import ConfirmScreen, GotoScreen, HelpScreen, NoteScreen, SummaryScreen
    from .screens.proposal import OutcomeScreen, ProposalVerdictScreen

    owners: list[type[DOMNode]] = [ReviewApp, ByTextScreen, ConfirmScreen, GotoScreen, HelpScreen, NoteScreen,
                                   SummaryScreen, OutcomeScreen, ProposalVerdictScreen]
    return sorted({b.id for o in owners for b in o.BINDINGS if isinstance(b, Binding) and b.id})


BIDI_EXPLICIT, BIDI_RESTORE = "\x1b[8l", "\x1b[8h"


def run_app(args: argparse.Namespace) -> int:
    from ..display.render import resolve_bidi

    cfg = load_config()
    bidi = resolve_bidi(setting(args.bidi, "ITU_REVIEW_BIDI", cfg.bidi, "app"))
    reviewer = setting(args.reviewer, "ITU_REVIEW_REVIEWER", cfg.reviewer, None)
    theme = setting(args.theme, "ITU_REVIEW_THEME", cfg.theme, None)
    if args.log and (len(args.packages) > 1 or Path(args.packages[0]).is_dir()):
        # it named one log; the app would have used each package's own, silently
        what = (f"{len(args.packages)} packages are open" if len(args.packages) > 1
                else f"{clean(args.packages[0])} is a directory of packages")
        raise UsageError(f"--log names one package's log, and {what}: each keeps its own (beside it, or where the "
                         "config puts it); leave --log out, or open one package")
    # each package's log is where the config puts it, found once the packages (a directory's too) are read
    app = ReviewApp(list(args.packages), args.log, reviewer, bidi=bidi, base=list(args.base or []), theme=theme,
                    keymap=cfg.keymap)
    terminal = sys.__stdout__
    switch = terminal if bidi == "app" and terminal is not None and terminal.isatty() else None
    if switch is not None:  # ask terminals that do bidi themselves (VTE) to leave our reordered text alone
        switch.write(BIDI_EXPLICIT)
        switch.flush()
    try:
        app.run()
    finally:
        if switch is not None:
            switch.write(BIDI_RESTORE)
            switch.flush()
    return 0
