"""Moving through a review: its *stops*, in list order, within a scope.

The stops are every edit of every proposal, and every proposal without edits (a SUP, an ADD or a NOC
is decided as a whole). A ``scope`` (the app's filter) limits the proposals that moving visits. "Open"
stops — still to decide — are pending edits, re-attached decisions to confirm, and proposals without
edits that have no verdict of the reviewer's. Walks are lazy: a large package has 150,000 stops.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import decisions as dlog
from .model import Edit, Proposal


@dataclass
class Item:
    """One entry of the proposal list: a proposal of one of the open packages."""

    pkg: int
    prop: Proposal


class Stops:
    """Where the reviewer is (``item``, and ``edit`` in its edits) and how they move; mixed into
    ``ReviewSession``, which holds the items and says what is still open."""

    items: list[Item]
    item: int
    edit: int
    #: the items moving visits (a filter), in list order; None: all of them
    scope: list[int] | None

    if TYPE_CHECKING:  # provided by the session
        @property
        def current(self) -> Item | None: ...

        def status(self, pkg: int, edit: Edit) -> str: ...

        def _proposal_own(self, item: Item) -> str: ...

    def start(self) -> None:
        """The first stop still open; when everything is decided, the first proposal with edits."""
        first = next((i for i, it in enumerate(self.items) if it.prop.edits), 0)
        self.item, self.edit = first, 0
        for i, j in self._stops(-1, -1):
            if self._open(i, j):
                self.item, self.edit = i, j
                return

    def goto(self, item: int, edit: int = 0) -> None:
        if self.items:
            self.item = max(0, min(item, len(self.items) - 1))
            self.edit = max(0, edit)

    def find(self, ref: str) -> tuple[int, int] | None:
        """Where an id leads: ``B/67/1`` (a proposal), ``B/67/1#3`` (an edit), ``#3`` (in this proposal)."""
        ref = ref.strip()
        if not ref:
            return None
        pid, _, num = ref.partition("#")
        if not pid and self.current is not None:
            pid = self.current.prop.id
        wanted = pid.casefold()
        k = next((k for k, it in enumerate(self.items) if it.prop.id.casefold() == wanted), None)
        if k is None:
            return None
        if not num:
            return k, 0
        edits = self.items[k].prop.edits
        if num.isdigit() and 1 <= int(num) <= len(edits):
            return k, int(num) - 1
        return None

    def _order(self) -> list[int]:
        return self.scope if self.scope is not None else list(range(len(self.items)))

    def _n(self, i: int) -> int:
        """Stops in item ``i``: its edits, or the proposal itself when it has none."""
        return len(self.items[i].prop.edits) or 1

    def next_edit(self, step: int = 1) -> bool:
        """Next (or previous) stop: an edit, or the next proposal (in scope) — one without edits too."""
        it = self.current
        if it is None:
            return False
        pos = self.edit + step
        if 0 <= pos < len(it.prop.edits):
            self.edit = pos
            return True
        for k in self._following(step):
            self.item, self.edit = k, (0 if step > 0 else self._n(k) - 1)
            return True
        return False

    def _following(self, step: int) -> Iterator[int]:
        """Items after (or before) the current one in scope order, without wrapping."""
        order = self._order()
        if self.item in order:
            at = order.index(self.item)
        else:  # outside the filter: from the nearest item in scope on that side
            after = next((n for n, k in enumerate(order) if k > self.item), len(order))
            at = after - 1 if step > 0 else after
        k = at + step
        while 0 <= k < len(order):
            yield order[k]
            k += step

    def next_proposal(self, step: int = 1) -> bool:
        """The next (or previous) proposal in scope, at its first edit."""
        for k in self._following(step):
            self.item, self.edit = k, 0
            return True
        return False

    def _stops(self, item: int, edit: int, wrap: bool = False) -> Iterator[tuple[int, int]]:
        """Every stop after (item, edit) in scope order, lazily (a large package has 150,000); with
        ``wrap``, on from the first item in scope and back round to (item, edit) itself."""
        order = self._order()
        if item in order:
            at = order.index(item)
            yield from ((item, j) for j in range(edit + 1, len(self.items[item].prop.edits)))
            rest = order[at + 1:] + (order[:at] if wrap else [])
        else:
            at = next((n for n, k in enumerate(order) if k > item), len(order))
            rest = order[at:] + (order[:at] if wrap else [])
        for i in rest:
            yield from ((i, j) for j in range(self._n(i)))
        if wrap and item in order:
            yield from ((item, j) for j in range(min(edit + 1, self._n(item))))

    def _open(self, i: int, j: int) -> bool:
        """Whether the reviewer still has to decide this stop (or confirm a carried decision)."""
        it = self.items[i]
        if not it.prop.edits:
            return self._proposal_own(it) in (dlog.PENDING, dlog.TO_CONFIRM)
        return self.status(it.pkg, it.prop.edits[j]) in (dlog.PENDING, dlog.TO_CONFIRM)

    def next_undecided(self) -> bool:
        """The next stop this reviewer has still to decide or confirm, after the current one, wrapping."""
        for i, j in self._stops(self.item, self.edit, wrap=True):
            if self._open(i, j):
                self.item, self.edit = i, j
                return True
        return False

    def move_on(self) -> str:
        """After accepting or rejecting: the next edit of this proposal, or at its last stop the next
        open stop of the proposals that follow. Says where it went: ``edit``, ``proposal`` or ``""``."""
        it = self.current
        if it is None:
            return ""
        if self.edit + 1 < len(it.prop.edits):
            self.edit += 1
            return "edit"
        here = self.item
        for i, j in self._stops(here, self._n(here) - 1):
            if i != here and self._open(i, j):
                self.item, self.edit = i, j
                return "proposal"
        return ""

