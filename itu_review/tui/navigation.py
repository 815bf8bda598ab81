"""Moving through a package: edits, proposals, the filter that limits them, ids, the summary.

A move into another proposal shows it from its header (scrolled down only as far as its current edit
needs); a move within a proposal keeps the edit in view. With a filter, ``]``/``[`` (and ``n``/``p``
across proposals, ``N``) visit the filtered proposals only; the filter stays named in the list's
title while it is active.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.widgets import Input, OptionList

from ..display.render import Look
from ..session import ReviewSession
from ..summary import orphans, summarize
from .ids import find_next
from .screens import GotoScreen, SummaryScreen
from .widgets import ProposalList, ProposalPane


class NavigationActions(App[None]):
    session: ReviewSession | None
    look: Look

    if TYPE_CHECKING:  # provided by the app
        def redraw(self, reveal: bool = True, top: bool = False) -> None: ...

        def close_search(self) -> None: ...

    def _moved(self, moved: bool, before: int | None = None) -> None:
        """After a move: ring when there was nowhere to go; a new proposal opens at its header."""
        s = self.session
        if s is None:
            return
        if not moved:
            self.bell()
            return
        self.query_one(ProposalList).select_item(s.item)
        self.redraw(top=before is not None and before != s.item)

    def _here(self) -> int | None:
        return self.session.item if self.session else None

    def action_next_edit(self) -> None:
        if self.session:
            here = self._here()
            self._moved(self.session.next_edit(1), here)

    def action_prev_edit(self) -> None:
        if self.session:
            here = self._here()
            self._moved(self.session.next_edit(-1), here)

    def action_next_undecided(self) -> None:
        if self.session:
            here = self._here()
            found = self.session.next_undecided()
            if not found:
                self.notify("Every edit is decided." if self.session.scope is None
                            else "Every edit of the filtered proposals is decided.")
            self._moved(found, here)

    def action_next_proposal(self) -> None:
        if self.session:
            here = self._here()
            self._moved(self.session.next_proposal(1), here)

    def action_prev_proposal(self) -> None:
        if self.session:
            here = self._here()
            self._moved(self.session.next_proposal(-1), here)

    def go(self, item: int, edit: int) -> None:
        """To an edit (or a proposal), from the list, the summary or an id."""
        s = self.session
        if s is None:
            return
        here = s.item
        s.goto(item, edit)
        self._moved(True, here)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        s = self.session
        if s is None or event.option_list.id != "proposals" or event.option.id is None:
            return
        k = int(event.option.id)
        if k != s.item:
            here = s.item
            s.goto(k)
            self.redraw(top=here != k)

    # -- by id, and the summary ------------------------------------------------------------------
    def action_goto(self) -> None:
        s = self.session
        if s is None:
            return

        def done(ref: str | None) -> None:
            where, said = find_next(s, ref) if ref else (None, "")
            if where is not None:
                self.go(*where)
                if said:  # the id is in several open files: which one this is
                    self.notify(said)

        ids = list(dict.fromkeys(it.prop.id for it in s.items))
        self.push_screen(GotoScreen(ids, lambda ref: find_next(s, ref)[0] is not None), done)

    def action_summary(self) -> None:
        s = self.session
        if s is None:
            return
        rows = summarize(s)
        statuses = [s.proposal_status(it) for it in s.items]

        def done(where: tuple[int, int] | None) -> None:
            if where is not None:
                self.go(*where)

        self.push_screen(SummaryScreen(rows, statuses, s.item, s.totals(), bidi=self.look.bidi, orphans=orphans(s),
                                       files=len(s.packages)), done)

    # -- the filter ----------------------------------------------------------------------------------
    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    def apply_filter(self, query: str) -> None:
        """Fill the list with the proposals the filter keeps; moving visits only those."""
        s = self.session
        if s is None:
            return
        lst = self.query_one(ProposalList)
        lst.fill(s, query)
        s.scope = list(lst.shown) if query.strip() else None
        lst.select_item(s.item)

    def clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        box.display = False
        self.apply_filter("")
        self.query_one(ProposalPane).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.apply_filter(event.value)

    def key_escape(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus or search.display:
            self.close_search()
            self.query_one(ProposalPane).focus()
            return
        if self.query_one("#filter", Input).has_focus:
            self.clear_filter()
