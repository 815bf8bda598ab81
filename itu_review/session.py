"""A review session: where the reviewer is, what they decided, undo — with no UI in it.

The app drives one of these; tests can too. Every decision is appended to the package's log (and
fsynced) before ``decide`` returns, so quitting or a dropped connection loses nothing.

The reviewer moves through *stops*: every edit of every proposal. A ``scope`` (the app's filter)
limits the proposals that moving visits.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import decisions as dlog
from .model import FRONT_ID, Edit, Package, Proposal

if TYPE_CHECKING:
    from .check import ProposalCheck

GLYPHS = {"no edits": "\u00b7", "pending": "\u25cb", "in progress": "\u25d0", "all accepted": "\u2713",
          "all rejected": "\u2717", "has flags": "\u2691", "disagreement": "\u2260", "decided (mixed)": "\u25cf"}
VERDICT_STATUS = {"accept": dlog.ACCEPTED, "reject": dlog.REJECTED, "flag": dlog.FLAGGED}
#: What a verdict is called once given, for messages ("accepted AFCP/12A1/1#4").
VERDICT_PAST = {"accept": "accepted", "reject": "rejected", "flag": "flagged", "clear": "cleared"}


@dataclass
class Item:
    """One entry of the proposal list: a proposal of one of the open packages."""

    pkg: int
    prop: Proposal


@dataclass
class Undo:
    pkg: int
    edits: list[Edit]
    before: list[dlog.Decision | None]
    verdict: str = ""


@dataclass(frozen=True)
class Undone:
    """What an undo took back: ``verdict`` on ``count`` edits (the first one ``first``), and what they are now."""

    verdict: str
    count: int
    first: str
    now: str

    def message(self) -> str:
        what = VERDICT_PAST.get(self.verdict, self.verdict)
        if self.count == 1:
            return f"Undone: {what} {self.first} (now {self.now})."
        return f"Undone: {what} {self.count} edits from {self.first} on (back to what they were)."


@dataclass
class ReviewSession:
    packages: list[Package]
    logs: list[Path]
    reviewer: str
    states: list[dlog.State] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    item: int = 0
    edit: int = 0  # position in the current proposal's edits
    undo_stack: list[Undo] = field(default_factory=list)
    #: base-text checks by (package, proposal id), when a base collection was given
    checks: dict[tuple[int, str], ProposalCheck] = field(default_factory=dict)
    #: the items moving visits (a filter), in list order; None: all of them
    scope: list[int] | None = None
    _totals: tuple[int, int] | None = None

    @classmethod
    def open(cls, packages: Sequence[Package], logs: Sequence[Path], reviewer: str) -> ReviewSession:
        """Read each package's log and stand where the reviewer left off (the first undecided edit)."""
        s = cls(list(packages), list(logs), reviewer)
        for pkg, log in zip(s.packages, s.logs):
            s.states.append(dlog.load_state(pkg, log))
        for k, pkg in enumerate(s.packages):
            for prop in pkg.proposals:
                if prop.id == FRONT_ID and not prop.edits:
                    continue
                s.items.append(Item(k, prop))
        s.start()
        return s

    def start(self) -> None:
        """The first edit still to decide; when every edit is decided, the first proposal with edits."""
        first = next((i for i, it in enumerate(self.items) if it.prop.edits), 0)
        self.item, self.edit = first, 0
        for i, j in self._stops(-1, -1):
            if self._open(i, j):
                self.item, self.edit = i, j
                return

    # -- where we are ---------------------------------------------------------------------
    @property
    def current(self) -> Item | None:
        return self.items[self.item] if self.items else None

    @property
    def current_edit(self) -> Edit | None:
        it = self.current
        if it is None or not it.prop.edits:
            return None
        return it.prop.edits[min(self.edit, len(it.prop.edits) - 1)]

    def own(self, pkg: int, edit: Edit) -> dlog.Decision | None:
        return self.states[pkg].verdicts(edit.index).get(self.reviewer)

    def status(self, pkg: int, edit: Edit) -> str:
        """This reviewer's status of an edit: pending, accepted, rejected, flagged."""
        return dlog.edit_status(self.states[pkg].verdicts(edit.index), self.reviewer)

    def combined(self, pkg: int, edit: Edit) -> str:
        """Every reviewer's verdicts on an edit as one status (``disagreement`` when they differ)."""
        return dlog.edit_status(self.states[pkg].verdicts(edit.index))

    def progress(self, item: Item) -> tuple[int, int, int]:
        """(decided, total, flagged) of the reviewer's own decisions on a proposal."""
        st = [self.status(item.pkg, e) for e in item.prop.edits]
        return sum(s != dlog.PENDING for s in st), len(st), st.count(dlog.FLAGGED)

    def proposal_status(self, item: Item) -> str:
        """The list's status: a disagreement or a flag by anyone shows; otherwise this reviewer's progress."""
        together = {self.combined(item.pkg, e) for e in item.prop.edits}
        if dlog.DISAGREE in together:
            return "disagreement"
        if dlog.FLAGGED in together:
            return "has flags"
        return dlog.proposal_status([self.status(item.pkg, e) for e in item.prop.edits])

    def totals(self) -> tuple[int, int]:
        """(decided, total) over every open package; counted once, then kept up to date by ``decide``."""
        if self._totals is None:
            done = total = 0
            for it in self.items:
                d, t, _ = self.progress(it)
                done, total = done + d, total + t
            self._totals = (done, total)
        return self._totals

    # -- moving -----------------------------------------------------------------------------
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

    def next_edit(self, step: int = 1) -> bool:
        """Next (or previous) edit, going on into the next proposal (in scope) that has edits."""
        it = self.current
        if it is None:
            return False
        pos = self.edit + step
        if 0 <= pos < len(it.prop.edits):
            self.edit = pos
            return True
        for k in self._following(step):
            edits = self.items[k].prop.edits
            if edits:
                self.item, self.edit = k, (0 if step > 0 else len(edits) - 1)
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
        """Every edit after (item, edit) in scope order, lazily (a large package has 150,000); with
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
            yield from ((i, j) for j in range(len(self.items[i].prop.edits)))
        if wrap and item in order:
            yield from ((item, j) for j in range(min(edit + 1, len(self.items[item].prop.edits))))

    def _open(self, i: int, j: int) -> bool:
        """Whether the reviewer still has to decide this edit."""
        it = self.items[i]
        return self.status(it.pkg, it.prop.edits[j]) == dlog.PENDING

    def next_undecided(self) -> bool:
        """The next edit this reviewer has not decided, after the current one, wrapping around."""
        for i, j in self._stops(self.item, self.edit, wrap=True):
            if self._open(i, j):
                self.item, self.edit = i, j
                return True
        return False

    def move_on(self) -> str:
        """After accepting or rejecting: the next edit of this proposal, or at its last edit the next
        undecided edit of the proposals that follow. Says where it went: ``edit``, ``proposal`` or ``""``."""
        it = self.current
        if it is None:
            return ""
        if self.edit + 1 < len(it.prop.edits):
            self.edit += 1
            return "edit"
        here = self.item
        for i, j in self._stops(here, len(it.prop.edits) - 1):
            if i != here and self._open(i, j):
                self.item, self.edit = i, j
                return "proposal"
        return ""

    # -- deciding ---------------------------------------------------------------------------
    def decide(self, verdict: str, note: str = "", edits: Sequence[Edit] | None = None,
               pkg: int | None = None, record_undo: bool = True) -> int:
        """Record a verdict on the current edit (or on ``edits`` of package ``pkg``); durable on return."""
        if edits is None:
            e, it = self.current_edit, self.current
            if e is None or it is None:
                return 0
            edits, pkg = [e], it.pkg
        assert pkg is not None
        if not edits:
            return 0
        package = self.packages[pkg]
        before = [self.own(pkg, e) for e in edits]
        events = [dlog.make_event(package, e, self.reviewer, verdict, note) for e in edits]
        dlog.append(self.logs[pkg], events)
        if self._totals is not None:  # keep the count current without recounting every edit
            now_decided = verdict != "clear"
            change = sum(int(now_decided) - int(b is not None) for b in before)
            self._totals = (self._totals[0] + change, self._totals[1])
        slot = self.states[pkg].by_edit
        for e, ev in zip(edits, events):
            mine = slot.setdefault(e.index, {})
            if verdict == "clear":
                mine.pop(self.reviewer, None)
            else:
                mine[self.reviewer] = dlog.Decision(self.reviewer, verdict, note, ev["at"], ev["user"], e.id,
                                                    dlog.SAME, 100.0, ev)
        if record_undo:
            self.undo_stack.append(Undo(pkg, list(edits), before, verdict))
        return len(edits)

    def undo(self) -> Undone | None:
        """Append each edit's earlier verdict again (or clear it): the log keeps the history."""
        if not self.undo_stack:
            return None
        u = self.undo_stack.pop()
        for e, prev in zip(u.edits, u.before):
            if prev is None:
                self.decide("clear", "", [e], u.pkg, record_undo=False)
            else:
                self.decide(prev.verdict, prev.note, [e], u.pkg, record_undo=False)
        for i, it in enumerate(self.items):
            if it.pkg == u.pkg and u.edits[0] in it.prop.edits:
                self.item, self.edit = i, it.prop.edits.index(u.edits[0])
                break
        first = u.before[0]
        now = VERDICT_PAST.get(first.verdict, first.verdict) if first else "pending"
        return Undone(u.verdict, len(u.edits), u.edits[0].id, now)

    def undecided(self, item: Item) -> list[Edit]:
        return [e for e in item.prop.edits if self.status(item.pkg, e) == dlog.PENDING]

    def matching(self, kind: str = "", author: str = "") -> list[tuple[int, Edit]]:
        """Undecided edits of every open package, filtered by kind and/or author."""
        out = []
        for it in self.items:
            for e in it.prop.edits:
                if kind and e.kind != kind or author and author not in e.authors:
                    continue
                if self.status(it.pkg, e) == dlog.PENDING:
                    out.append((it.pkg, e))
        return out
