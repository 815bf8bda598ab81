"""Deciding from the keyboard: accept, reject, flag, a note, clear, undo, and decisions in bulk.

``a``/``r`` move on: to the proposal's next edit, and from its last edit to the next undecided edit
of the proposals that follow. Every decision is appended to the log (and fsynced) before the screen
says so; a write that fails is shown and nothing moves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

from ..errors import ItuReviewError
from ..model import Edit
from ..session import ReviewSession
from .screens import ConfirmScreen, NoteScreen
from .widgets import ProposalList


class DecidingActions(App[None]):
    session: ReviewSession | None

    if TYPE_CHECKING:  # provided by the app
        def redraw(self, reveal: bool = True, top: bool = False) -> None: ...

    def _refresh_list(self) -> None:
        s = self.session
        assert s is not None
        lst = self.query_one(ProposalList)
        for k in range(len(s.items)):
            lst.refresh_item(s, k)

    def _after_decision(self, advance: bool) -> None:
        s = self.session
        assert s is not None
        self.query_one(ProposalList).refresh_item(s, s.item)
        here = s.item
        if advance and not s.move_on():
            self.notify("No undecided edit after this one (N looks from the start)." if s.scope is None
                        else "No undecided edit after this one in the filtered proposals.")
        if s.item != here:
            self.query_one(ProposalList).select_item(s.item)
        self.redraw(top=s.item != here)

    def _record(self, verdict: str, note: str = "") -> bool:
        s = self.session
        if s is None or s.current_edit is None:
            self.bell()
            return False
        try:
            s.decide(verdict, note)
        except ItuReviewError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=60)
            return False
        self._after_decision(advance=verdict in ("accept", "reject"))
        return True

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
        here = s.item
        try:
            undone = s.undo()
        except ItuReviewError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=60)
            return
        if undone is None:
            self.notify("Nothing to undo.")
            return
        self._refresh_list()
        self.query_one(ProposalList).select_item(s.item)
        self.redraw(top=s.item != here)
        self.notify(undone.message())

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
        self.confirm_bulk(question, verdict, [(pkg, e) for e in edits])

    def confirm_bulk(self, question: str, verdict: str, targets: list[tuple[int, Edit]]) -> None:
        s = self.session
        assert s is not None

        def done(yes: bool | None) -> None:
            if not yes:
                return
            by_pkg: dict[int, list[Edit]] = {}
            for pkg, e in targets:
                by_pkg.setdefault(pkg, []).append(e)
            try:
                for pkg, edits in by_pkg.items():
                    s.decide(verdict, "", edits, pkg)
            except ItuReviewError as exc:
                self.notify(str(exc), title="Not saved", severity="error", timeout=60)
            self._refresh_list()
            self.notify(f"{verdict}: {len(targets)} edits saved.")
            self.redraw()

        self.push_screen(ConfirmScreen(question), done)
