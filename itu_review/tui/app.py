"""The review app: proposals on the left, the current proposal side by side, the current edit below."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static

from .. import cache
from .. import decisions as dlog
from ..config import DEFAULT_THEME, NO_COLOR_THEME, ThemeSpec, load_config, load_themes, log_for, mark_styles, setting
from ..display.in_force import base_side
from ..display.render import DEFAULT_STYLES, Look, ProposalView
from ..display.sanitize import clean
from ..errors import ItuReviewError
from ..normalize import normalize
from ..package import load
from ..session import ReviewSession
from .screens import ConfirmScreen, HelpScreen, NoteScreen
from .themes import to_textual
from .widgets import EditPanel, ProposalList, ProposalPane, TitleBar

VIEWS = ("side", "inline", "base", "proposed")


class ReviewApp(App[None]):
    """Review every edit of one or more packages, from the keyboard."""

    TITLE = "itu-review"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("n", "next_edit", "Next", id="next-edit"),
        Binding("p", "prev_edit", "Prev", id="prev-edit"),
        Binding("N", "next_undecided", "Undecided", id="next-undecided"),
        Binding("right_square_bracket", "next_proposal", "Next prop.", show=False, id="next-proposal"),
        Binding("left_square_bracket", "prev_proposal", "Prev prop.", show=False, id="prev-proposal"),
        Binding("a", "decide('accept')", "Accept", id="accept"),
        Binding("r", "decide('reject')", "Reject", id="reject"),
        Binding("f", "flag", "Flag", id="flag"),
        Binding("c", "decide('clear')", "Clear", show=False, id="clear"),
        Binding("u", "undo", "Undo", id="undo"),
        Binding("A", "bulk('accept')", "Accept rest", show=False, id="accept-proposal"),
        Binding("R", "bulk('reject')", "Reject rest", show=False, id="reject-proposal"),
        Binding("v", "cycle_view", "View", id="view"),
        Binding("slash", "search", "Search", id="search"),
        Binding("ctrl+f", "filter", "Filter", show=False, id="filter"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
    ]
    HELP = [("n / p", "next / previous edit"), ("N", "next undecided edit (wraps around)"),
            ("] / [", "next / previous proposal"), ("a", "accept the edit"), ("r", "reject the edit"),
            ("f", "flag the edit for discussion (asks for a note)"), ("c", "clear: back to pending"),
            ("u", "undo the last decision"), ("A / R", "accept / reject every undecided edit of the proposal"),
            ("v", "cycle the view: side by side, inline, base, proposed"), ("/", "search the text"),
            ("ctrl+f", "filter the proposal list"), ("ctrl+p", "command palette (bulk decisions by kind, author)"),
            ("?", "this help"), ("q", "quit (decisions are already saved)")]

    def __init__(self, paths: list[str], log: str | None = None, reviewer: str | None = None,
                 bidi: str = "app", markers: bool | None = None, base: list[str] | None = None,
                 theme: str | None = None, keymap: dict[str, str] | None = None,
                 logs: list[Path] | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.base_paths = list(base or [])
        self.wanted_theme = theme or (NO_COLOR_THEME if os.environ.get("NO_COLOR") else DEFAULT_THEME)
        self.keymap = dict(keymap or {})
        self.log_paths = logs
        self.markers_forced = markers
        self.theme_specs: dict[str, ThemeSpec] = {}
        self.render_cache: dict[tuple[object, ...], object] = {}
        self.log_arg = log
        self.reviewer = dlog.reviewer_name(reviewer)
        self.session: ReviewSession | None = None
        self.view_index = 0
        no_color = bool(os.environ.get("NO_COLOR"))
        self.look = Look(DEFAULT_STYLES, markers=no_color if markers is None else markers, bidi=bidi,
                         shape=bidi == "app")
        self.last_search = ""

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield TitleBar(id="title")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield Input(placeholder="filter: text, action:MOD, status:pending", id="filter")
                yield ProposalList(id="proposals")
            with Vertical(id="right"):
                yield Static(Text("Loading…"), id="loading")
                yield ProposalPane(id="pane")
                yield EditPanel(id="edit")
        yield Input(placeholder="search the text (Enter: next match, Escape: close)", id="search")
        yield Footer()

    def on_mount(self) -> None:
        self._setup_themes()
        if self.keymap:
            self.set_keymap(self.keymap)
        self.sub_title = f"{self.reviewer} · loading"
        self.query_one(TitleBar).show(f"itu-review — {self.sub_title}")
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
            self.notify(clean(err), title="Theme not loaded", severity="warning", timeout=15, markup=False)
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
        pkgs = []
        for k, path in enumerate(self.paths, 1):
            self.call_from_thread(self._show_progress, f"Loading {k}/{len(self.paths)}: {path}")
            try:
                pkgs.append(load(path))
            except ItuReviewError as exc:
                self.call_from_thread(self._load_failed, str(exc))
                return
        if self.log_paths is not None:
            logs = self.log_paths
        else:
            logs = [Path(self.log_arg) if self.log_arg and len(pkgs) == 1 else dlog.default_log_path(p.path)
                    for p in pkgs]
        try:
            session = ReviewSession.open(pkgs, logs, self.reviewer)
            if self.base_paths:
                from ..basetexts import load_collection
                from ..check import check_proposal

                self.call_from_thread(self._show_progress, "Checking against the base collection…")
                coll = load_collection(self.base_paths)
                for it in session.items:
                    session.checks[(it.pkg, it.prop.id)] = check_proposal(coll, session.packages[it.pkg], it.prop)
        except ItuReviewError as exc:
            self.call_from_thread(self._load_failed, str(exc))
            return
        self.call_from_thread(self._on_loaded, session)

    def _show_progress(self, message: str) -> None:
        self.query_one("#loading", Static).update(Text(message))

    def _load_failed(self, message: str) -> None:
        self.query_one("#loading", Static).update(Text(clean(message), style="bold red"))
        self.notify(clean(message), title="Cannot open", severity="error", timeout=60, markup=False)

    def _on_loaded(self, session: ReviewSession) -> None:
        self.session = session
        self.query_one("#loading").display = False
        for st in session.states:
            for w in st.warnings:
                self.notify(clean(w), severity="warning", timeout=20, markup=False)
        self.query_one(ProposalPane).focus()
        self._relayout()

    # -- drawing ----------------------------------------------------------------------------
    def redraw(self, reveal: bool = True) -> None:
        s = self.session
        if s is None or s.current is None:
            return
        it = s.current
        pkg = s.packages[it.pkg]
        edit = s.current_edit
        pane = self.query_one(ProposalPane)
        width = pane.draw_width
        chk = s.checks.get((it.pkg, it.prop.id))
        view = ProposalView(pkg, it.prop, VIEWS[self.view_index], self.look, edit.index if edit else -1,
                            side=base_side(pkg, it.prop, chk), cache=self.render_cache)  # type: ignore[arg-type]
        pane.set_rows(view.rows_with_edits(width))
        if edit is not None and reveal:
            pane.reveal_edit(edit.index)
        position = f"{s.edit + 1}/{len(it.prop.edits)}" if edit else ""
        decisions = s.states[it.pkg].verdicts(edit.index) if edit else {}
        findings = [f"{f.kind}: {f.message}" for f in getattr(chk, "problems", [])] if chk is not None else []
        self.query_one(EditPanel).show_edit(edit, decisions, s.reviewer, position, findings)
        done, total = s.totals()
        self.sub_title = f"{s.reviewer} · {done}/{total} decided · {VIEWS[self.view_index]} view"
        self.query_one(TitleBar).show(f"itu-review — {self.sub_title}")

    def on_resize(self) -> None:
        self.call_after_refresh(self._relayout)

    def _relayout(self) -> None:
        if self.session is None:
            return
        lst = self.query_one(ProposalList)
        lst.fill(self.session, self.query_one("#filter", Input).value)
        lst.select_item(self.session.item)
        self.redraw()

    def _moved(self, moved: bool) -> None:
        s = self.session
        if s is None:
            return
        if not moved:
            self.bell()
            return
        self.query_one(ProposalList).select_item(s.item)
        self.redraw()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        s = self.session
        if s is None or event.option.id is None:
            return
        k = int(event.option.id)
        if k != s.item:
            s.goto(k)
            self.redraw()

    # -- actions ----------------------------------------------------------------------------
    def action_next_edit(self) -> None:
        if self.session:
            self._moved(self.session.next_edit(1))

    def action_prev_edit(self) -> None:
        if self.session:
            self._moved(self.session.next_edit(-1))

    def action_next_undecided(self) -> None:
        if self.session:
            found = self.session.next_undecided()
            if not found:
                self.notify("Every edit is decided.")
            self._moved(found)

    def action_next_proposal(self) -> None:
        if self.session:
            self._moved(self.session.next_proposal(1))

    def action_prev_proposal(self) -> None:
        if self.session:
            self._moved(self.session.next_proposal(-1))

    def _after_decision(self, advance: bool) -> None:
        s = self.session
        assert s is not None
        self.query_one(ProposalList).refresh_item(s, s.item)
        if advance and s.current and s.edit + 1 < len(s.current.prop.edits):
            s.edit += 1
        self.redraw()

    def _record(self, verdict: str, note: str = "") -> None:
        s = self.session
        if s is None or s.current_edit is None:
            self.bell()
            return
        try:
            s.decide(verdict, note)
        except ItuReviewError as exc:
            self.notify(clean(str(exc)), title="Not saved", severity="error", timeout=60, markup=False)
            return
        self._after_decision(advance=verdict in ("accept", "reject"))

    def action_decide(self, verdict: str) -> None:
        self._record(verdict)

    def action_flag(self) -> None:
        s = self.session
        if s is None or s.current_edit is None or s.current is None:
            self.bell()
            return
        mine = s.own(s.current.pkg, s.current_edit)
        initial = mine.note if mine and mine.verdict == "flag" else ""

        def done(note: str | None) -> None:
            if note:
                self._record("flag", note)

        self.push_screen(NoteScreen(f"Flag {s.current_edit.id}", initial), done)

    def action_undo(self) -> None:
        s = self.session
        if s is None:
            return
        try:
            n = s.undo()
        except ItuReviewError as exc:
            self.notify(clean(str(exc)), title="Not saved", severity="error", timeout=60, markup=False)
            return
        if not n:
            self.notify("Nothing to undo.")
            return
        for k in range(len(s.items)):
            self.query_one(ProposalList).refresh_item(s, k)
        self.query_one(ProposalList).select_item(s.item)
        self.redraw()

    def action_bulk(self, verdict: str) -> None:
        s = self.session
        if s is None or s.current is None:
            return
        edits = s.undecided(s.current)
        if not edits:
            self.notify("No undecided edit in this proposal.")
            return
        pkg = s.current.pkg
        question = (f"{verdict.capitalize()} the {len(edits)} undecided edit{'s' if len(edits) != 1 else ''} of "
                    f"{s.current.prop.action} {s.current.prop.id}?")
        self._confirm_bulk(question, verdict, [(pkg, e) for e in edits])

    def _confirm_bulk(self, question: str, verdict: str, targets: list) -> None:  # type: ignore[type-arg]
        s = self.session
        assert s is not None

        def done(yes: bool | None) -> None:
            if not yes:
                return
            by_pkg: dict[int, list] = {}  # type: ignore[type-arg]
            for pkg, e in targets:
                by_pkg.setdefault(pkg, []).append(e)
            for pkg, edits in by_pkg.items():
                s.decide(verdict, "", edits, pkg)
            for k in range(len(s.items)):
                self.query_one(ProposalList).refresh_item(s, k)
            self.notify(f"{verdict}: {len(targets)} edits saved.")
            self.redraw()

        self.push_screen(ConfirmScreen(question), done)

    def action_cycle_view(self) -> None:
        self.view_index = (self.view_index + 1) % len(VIEWS)
        self.redraw()

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.HELP))

    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        box.display = True
        box.value = self.last_search
        box.focus()

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter" and self.session:
            self.query_one(ProposalList).fill(self.session, event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            self.last_search = event.value
            self._find(event.value)
        elif event.input.id == "filter":
            self.query_one(ProposalList).focus()

    def key_escape(self) -> None:
        for box_id in ("#search", "#filter"):
            box = self.query_one(box_id, Input)
            if box.has_focus:
                box.display = False
                self.query_one(ProposalPane).focus()

    def _find(self, query: str) -> None:
        """The next proposal (after the current one, wrapping) whose text holds ``query``, in logical order."""
        s = self.session
        needle = normalize(query)
        if s is None or not needle:
            return
        n = len(s.items)
        for step in range(1, n + 1):
            k = (s.item + step) % n
            it = s.items[k]
            paras = s.packages[it.pkg].paragraphs
            hit = [pi for pi in (*it.prop.header_paras, *it.prop.paras, *it.prop.reason_paras)
                   if needle in normalize(paras[pi].any_text)]
            if hit or needle in normalize(f"{it.prop.id} {it.prop.title}"):
                edit = next((j for j, e in enumerate(it.prop.edits) if hit and e.para >= hit[0]), 0)
                s.goto(k, edit)
                self._moved(True)
                self.notify(f"found in {it.prop.id}")
                return
        self.notify(f"not found: {clean(query)}", severity="warning", markup=False)

    # -- command palette ------------------------------------------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        yield from super().get_system_commands(screen)
        s = self.session
        if s is None:
            return
        kinds = sorted({e.kind for it in s.items for e in it.prop.edits})
        authors = sorted({a for it in s.items for e in it.prop.edits for a in e.authors})
        for verdict in ("accept", "reject"):
            for kind in kinds:
                targets = s.matching(kind=kind)
                if targets:
                    yield SystemCommand(f"{verdict.capitalize()} every undecided {kind} edit ({len(targets)})",
                                        "Asks first; applies to all open packages",
                                        lambda v=verdict, t=targets, k=kind: self._confirm_bulk(
                                            f"{v.capitalize()} {len(t)} undecided {k} edits?", v, t))
            for author in authors:
                targets = s.matching(author=author)
                if targets:
                    yield SystemCommand(f"{verdict.capitalize()} every undecided edit by {author} ({len(targets)})",
                                        "Asks first; applies to all open packages",
                                        lambda v=verdict, t=targets, a=author: self._confirm_bulk(
                                            f"{v.capitalize()} {len(t)} undecided edits by {a}?", v, t))
        for k, view in enumerate(VIEWS):
            yield SystemCommand(f"View: {view}", "Change the view", lambda k=k: self._set_view(k))

    def _set_view(self, k: int) -> None:
        self.view_index = k
        self.redraw()





BIDI_EXPLICIT, BIDI_RESTORE = "\x1b[8l", "\x1b[8h"


def run_app(args: argparse.Namespace) -> int:
    from ..display.render import resolve_bidi

    cfg = load_config()
    bidi = resolve_bidi(setting(args.bidi, "ITU_REVIEW_BIDI", cfg.bidi, "app"))
    reviewer = setting(args.reviewer, "ITU_REVIEW_REVIEWER", cfg.reviewer, None)
    theme = setting(args.theme, "ITU_REVIEW_THEME", cfg.theme, None)
    logs = None
    if not args.log:
        logs = [log_for(p, cfg) for p in args.packages]
    app = ReviewApp(list(args.packages), args.log, reviewer, bidi=bidi, base=list(args.base or []), theme=theme,
                    keymap=cfg.keymap, logs=logs)
    switch = bidi == "app" and sys.__stdout__ is not None and sys.__stdout__.isatty()
    if switch:  # ask terminals that do bidi themselves (VTE) to leave our reordered text alone
        sys.__stdout__.write(BIDI_EXPLICIT)
        sys.__stdout__.flush()
    try:
        app.run()
    finally:
        if switch:
            sys.__stdout__.write(BIDI_RESTORE)
            sys.__stdout__.flush()
    return 0
