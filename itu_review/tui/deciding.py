"""Deciding from the keyboard: accept, reject, flag, a note, clear, undo, and decisions in bulk.

``a``/``r`` move on: to the proposal's next edit, and from its last edit to the next undecided edit
of the proposals that follow. Every decision is appended to the log (and fsynced) before the screen
says so; a write that fails is shown and nothing moves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import App

from ..errors import ItuReviewError
from ..model import Edit
from ..session import NOTHING_TO_UNDO, ReviewSession
from .ids import named
from .screens import ConfirmScreen, NoteScreen
from .screens.dialogs import place_clear_of
from .screens.proposal import OutcomeScreen, ProposalVerdictScreen
from .widgets import ProposalList, ProposalPane

#: The note dialog's hint, in both views.
NOTE_HINT = "A note for everyone; your verdict stays as it is. Enter saves (empty: no note), Escape cancels."


def confirmed(notify: Callable[..., object], confirm: Callable[[], int]) -> bool:
    """Run ``confirm`` (a session's confirmation of re-attached decisions); whether it confirmed any.
    When not, the reviewer is told why: nothing saved (the log's error), or nothing to confirm here."""
    try:
        n = confirm()
    except ItuReviewError as exc:
        notify(str(exc), title="Not saved", severity="error", timeout=60)
        return False
    if not n:
        notify("Nothing to confirm here: y confirms a decision re-attached from an earlier issue.")
    return bool(n)


class DecidingActions(App[None]):
    session: ReviewSession | None

    if TYPE_CHECKING:  # provided by the app
        def redraw(self, reveal: bool = True, top: bool = False) -> None: ...

    def _refresh_list(self) -> None:
        s = self.session
        assert s is not None
        lst = self.query_one(ProposalList)
        s.touched_too()  # every line is repainted
        for k in range(len(s.items)):
            lst.refresh_item(s, k)

    def _after_decision(self, advance: bool) -> None:
        s = self.session
        assert s is not None
        lst = self.query_one(ProposalList)
        for k in {s.item} | s.touched_too():  # the proposal decided, and any other package's its log changed
            lst.refresh_item(s, k)
        here = s.item
        if advance and not s.move_on():
            done, total = s.totals()
            if done == total:
                self.notify("Everything is decided: every edit, and every proposal without edits (s: the summary).")
            elif s.scope is not None:
                self.notify("Nothing left to decide after this one in the filtered proposals.")
            else:
                self.notify("Nothing left to decide after this one (N looks from the start).")
        if s.item != here:
            self.query_one(ProposalList).select_item(s.item)
        self.redraw(top=s.item != here)

    def _record(self, verdict: str, note: str | None = None) -> bool:
        """A verdict on the current edit — on a proposal without edits, the matching verdict on it."""
        s = self.session
        if s is None or s.current is None:
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

    def _subject(self) -> tuple[str, str]:
        """(what the keys act on, its note so far): the current edit, or the proposal without edits."""
        s = self.session
        assert s is not None and s.current is not None
        e = s.current_edit
        if e is not None:
            mine = s.own(s.current.pkg, e)
            return named(s, s.item, e.id), mine.note if mine else ""
        mine = s.proposal_decisions(s.current).get(s.reviewer)
        return f"{s.current.prop.action} {named(s, s.item, s.current.prop.id)}", mine.note if mine else ""

    def action_flag(self) -> None:
        """Flag the edit (or the proposal without edits) for discussion: a flag needs a note."""
        self._ask_note("flag")

    def action_note(self) -> None:
        """A note on the edit (or the proposal without edits) that keeps its verdict; empty removes it."""
        self._ask_note("note")

    def _ask_note(self, verdict: str) -> None:
        s = self.session
        if s is None or s.current is None:
            self.bell()
            return
        what, note = self._subject()
        flag = verdict == "flag"
        place = ""  # the edit stays in view above or below the dialog (a proposal without edits: centred)
        rows = self.query_one(ProposalPane).rows_of_edit(s.current_edit.index) if s.current_edit else None
        if rows is not None:
            place = place_clear_of(self.screen.size.height, *self.query_one(ProposalPane).on_screen(*rows))

        def done(text: str | None) -> None:
            if text if flag else (text is not None and text != note):
                self._record(verdict, text)

        if flag:
            self.push_screen(NoteScreen(f"Flag {what}", note, place=place), done)
        else:
            self.push_screen(NoteScreen(f"Note on {what}", note, required="", place=place, hint=NOTE_HINT), done)

    def action_confirm(self) -> None:
        """Confirm a decision re-attached from an earlier issue: the same verdict, now on this edit."""
        s = self.session
        if s is None or s.current_edit is None:
            self.bell()
            return
        if confirmed(self.notify, s.confirm):
            self._after_decision(advance=False)

    def confirm_all(self) -> None:
        """From the palette: confirm every re-attached decision of this reviewer, after asking."""
        s = self.session
        assert s is not None
        waiting = s.to_confirm_edits()
        if not waiting:
            self.notify("No decision waits to be confirmed.")
            return

        def done(yes: bool | None) -> None:
            if not yes:
                return
            by_pkg: dict[int, list[Edit]] = {}
            for pkg, e in waiting:
                by_pkg.setdefault(pkg, []).append(e)
            try:
                n = sum(s.confirm(edits, pkg) for pkg, edits in by_pkg.items())
            except ItuReviewError as exc:
                self.notify(str(exc), title="Not saved", severity="error", timeout=60)
                return
            self._refresh_list()
            self.notify(f"{n} re-attached decisions confirmed.")
            self.redraw()

        self.push_screen(ConfirmScreen(f"Confirm {len(waiting)} re-attached decisions, each as it was given, for "
                                       "the edits as they now read? (Look at them first with N.)"), done)

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
            self.notify(NOTHING_TO_UNDO)
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

    # -- the proposal as a whole ---------------------------------------------------------------------
    def action_proposal_verdict(self) -> None:
        """``P``: support, oppose, flag, a note on, or clear the proposal as a whole (apart from its edits)."""
        s = self.session
        if s is None or s.current is None:
            return
        it = s.current
        st = s.standing(it)
        mine = st.decisions.get(s.reviewer)
        now = f"your verdict: {mine.verdict}" if mine and mine.verdict else "no verdict of yours yet"
        if it.prop.edits:
            now += f" · your edits roll up to: {st.rollup}"
        title = f"{it.prop.action} {it.prop.id} as a whole"

        def chosen(verdict: str | None) -> None:
            if verdict is None:
                return
            if verdict in ("flag", "note"):
                note = mine.note if mine else ""

                def noted(text: str | None) -> None:
                    if text is not None and (text or verdict == "note"):
                        self._decide_proposal(verdict, text)

                self.push_screen(NoteScreen(f"{verdict.capitalize()} {title}", note,
                                            required="A flag needs a note." if verdict == "flag" else ""), noted)
                return
            self._decide_proposal(verdict, None)

        self.push_screen(ProposalVerdictScreen(title, now), chosen)

    def _decide_proposal(self, verdict: str, note: str | None) -> None:
        s = self.session
        assert s is not None
        try:
            s.decide_proposal(verdict, note)
        except ItuReviewError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=60)
            return
        self._after_decision(advance=False)

    def record_outcome(self) -> None:
        """From the palette: the outcome the conference reached on the current proposal."""
        s = self.session
        if s is None or s.current is None:
            return
        it = s.current

        def done(answer: tuple[str, str, str] | None) -> None:
            if answer is None:
                return
            try:
                s.record_outcome(*answer)
            except ItuReviewError as exc:
                self.notify(str(exc), title="Not saved", severity="error", timeout=60)
                return
            self.redraw()

        self.push_screen(OutcomeScreen(f"Outcome of {it.prop.action} {it.prop.id}"), done)
