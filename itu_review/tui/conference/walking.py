"""Moving through a text's edits, whatever their packages, and from text to text: ``n``/``p`` in the
order they are drawn (on into the next text at the last one), ``N`` to the next edit still to decide
(texts with nothing left are skipped without being laid out), ``]``/``[`` to the next text of the
list (of the filter, when there is one).
"""

from __future__ import annotations

from .drawing import is_open
from .text_list import TextList, text_status
from .view import TextView


class Walking(TextView):
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
