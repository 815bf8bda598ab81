"""Deciding in the by-text view: each decision goes to the log of the edit's own package, through
``ReviewSession`` (the same calls the by-package view makes), and the lines that show it — the source
line, the text's line in the list, the proposal's line in the by-package list — are drawn again.
``a``/``r`` move on to the next edit of the text, and from its last one to the next edit still to
decide; ``A``/``R`` decide the current change for each of its sources at once, and ``u`` takes such a
step back whole, in whichever packages it went.
"""

from __future__ import annotations

from ...errors import ItuReviewError
from ...model import Edit
from ...output import plural
from ...session import AS_PROPOSAL_VERDICT, NOTHING_TO_UNDO, VERDICT_PAST
from ..deciding import NOTE_HINT, confirmed
from ..screens import ConfirmScreen, NoteScreen
from ..screens.dialogs import place_clear_of
from ..ids import named
from ..screens.proposal import OutcomeScreen, ProposalVerdictScreen
from ..widgets import ProposalList, ProposalPane
from .drawing import is_open
from .plan import Stop, how_many
from .walking import Walking


class Deciding(Walking):
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
        too; the app repaints its own for what others decided), and their stops on the text shown. Items of
        other packages that read the same log file are changed by a decision too: those as well."""
        items = items | self.session.touched_too()
        if here:
            lst = self.app.query_one(ProposalList)  # the by-package view's, kept current
            for item in items:
                lst.refresh_item(self.session, item)
        for g in {self.group_of_item[k] for k in items if k in self.group_of_item}:
            self._refresh_text(g)
        if self._changed is not None and self.g >= 0:
            self._changed.update(k for k, st in enumerate(self.plan(self.g).stops) if st.item in items)

    def _note_place(self) -> str:
        """Where the note dialog leaves the current stop's change and source lines in view."""
        if self.drawing is None:
            return ""
        rows = self.drawing.rows_of_stop(self.k, paragraph=False)
        return place_clear_of(self.app.screen.size.height, *self.query_one(ProposalPane).on_screen(*rows))

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

        what = named(self.session, stop.item, stop.label)
        self.app.push_screen(NoteScreen(f"Flag {what}", self._note_for(stop), place=self._note_place()), done)

    def action_note(self) -> None:
        stop = self.current
        if stop is None:
            self.app.bell()
            return
        before = self._note_for(stop)

        def done(text: str | None) -> None:
            if text is not None and text != before and self._decide(stop, "note", text):
                self.redraw(reveal=False)

        self.app.push_screen(NoteScreen(f"Note on {named(self.session, stop.item, stop.label)}", before, hint=NOTE_HINT,
                                        required="", place=self._note_place()), done)

    def action_confirm(self) -> None:
        stop = self.current
        if stop is None or stop.edit is None:
            self.app.bell()
            return
        edit = stop.edit
        if confirmed(self.notify, lambda: self.session.confirm([edit], stop.pkg)):
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
            self.notify(NOTHING_TO_UNDO)
            return
        self._decided(touched)
        if not self._follow_session():  # undone where no text shows it: stay, say so
            self.redraw(reveal=False)
        if len(undone) == 1:
            self.notify(undone[0].message())
        else:
            n = sum(u.count for u in undone)
            self.notify(f"Undone: {VERDICT_PAST.get(undone[0].verdict, undone[0].verdict)} this change "
                        f"({plural(n, 'edit')}).")

    def action_bulk(self, verdict: str) -> None:
        """The current change, for every source that has not decided it (an identical change's support)."""
        stop = self.current
        where = self.plan(self.g).where[self.k] if stop is not None else None
        if stop is None or where is None or where.change is None:
            self.notify("A and R decide a change for all its sources: this edit is not a change in the text.")
            return
        plan = self.plan(self.g)
        assert self.locate is not None  # (set before any plan is made)
        ks = [plan.stop_of((self.locate.pkg(e), p.edit.index)) for p, e in
              zip(where.change.pieces, where.change.entries)]
        targets = [plan.stops[k] for k in dict.fromkeys(k for k in ks if k is not None)
                   if is_open(self.session, plan.stops[k])]
        if not targets:
            self.notify("Every source of this change is decided.")
            return
        ids = ", ".join(named(self.session, t.item, t.label) for t in targets)  # an id in several files: each file
        count = how_many((t.entry.source for t in targets), len(targets), len({t.pkg for t in targets}))
        question = f"{verdict.capitalize()} this change for {count}: {ids}?"

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
            self.notify(f"{VERDICT_PAST.get(verdict, verdict).capitalize()} this change for {count}.")
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

    def record_outcome(self) -> None:
        """From the palette: the outcome the conference reached on the current edit's proposal, in its package's
        log (the secretariat, text by text as committees decide)."""
        stop = self.current
        if stop is None:
            return
        s = self.session
        it = s.items[stop.item]

        def done(answer: tuple[str, str, str] | None) -> None:
            if answer is None:
                return
            try:
                s.record_outcome(*answer, item=it)
            except ItuReviewError as exc:
                self.notify(str(exc), title="Not saved", severity="error", timeout=60)
                return
            self._decided({stop.item})
            self.redraw(reveal=False)

        self.app.push_screen(OutcomeScreen(f"Outcome of {it.prop.action} {it.prop.id}"), done)
