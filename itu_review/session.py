"""A review session: where the reviewer is, what they decided, undo — with no UI in it.

The app drives one of these; tests can too. Every decision is appended to the package's log (and
fsynced) before ``decide`` returns, so quitting or a dropped connection loses nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import decisions as dlog
from .model import FRONT_ID, Edit, Package, Proposal

GLYPHS = {"no edits": "\u00b7", "pending": "\u25cb", "in progress": "\u25d0", "all accepted": "\u2713",
          "all rejected": "\u2717", "has flags": "\u2691", "disagreement": "\u2260", "decided (mixed)": "\u25cf"}
VERDICT_STATUS = {"accept": dlog.ACCEPTED, "reject": dlog.REJECTED, "flag": dlog.FLAGGED}


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
    checks: dict[tuple[int, str], object] = field(default_factory=dict)
    _totals: tuple[int, int] | None = None

    @classmethod
    def open(cls, packages: Sequence[Package], logs: Sequence[Path], reviewer: str) -> ReviewSession:
        s = cls(list(packages), list(logs), reviewer)
        for pkg, log in zip(s.packages, s.logs):
            s.states.append(dlog.load_state(pkg, log))
        for k, pkg in enumerate(s.packages):
            for prop in pkg.proposals:
                if prop.id == FRONT_ID and not prop.edits:
                    continue
                s.items.append(Item(k, prop))
        first = next((i for i, it in enumerate(s.items) if it.prop.edits), 0)
        s.item = first
        return s

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
        return dlog.edit_status(self.states[pkg].verdicts(edit.index), self.reviewer)

    def progress(self, item: Item) -> tuple[int, int, int]:
        """(decided, total, flagged) of the reviewer's own decisions on a proposal."""
        st = [self.status(item.pkg, e) for e in item.prop.edits]
        return sum(s != dlog.PENDING for s in st), len(st), st.count(dlog.FLAGGED)

    def proposal_status(self, item: Item) -> str:
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

    def next_edit(self, step: int = 1) -> bool:
        """Next (or previous) edit, going on into the next proposal that has edits."""
        it = self.current
        if it is None:
            return False
        pos = self.edit + step
        if 0 <= pos < len(it.prop.edits):
            self.edit = pos
            return True
        k = self.item + step
        while 0 <= k < len(self.items):
            edits = self.items[k].prop.edits
            if edits:
                self.item, self.edit = k, (0 if step > 0 else len(edits) - 1)
                return True
            k += step
        return False

    def next_proposal(self, step: int = 1) -> bool:
        k = self.item + step
        if 0 <= k < len(self.items):
            self.item, self.edit = k, 0
            return True
        return False

    def next_undecided(self) -> bool:
        """The next edit this reviewer has not decided, after the current one, wrapping around."""
        flat = [(i, j) for i, it in enumerate(self.items) for j in range(len(it.prop.edits))]
        if not flat:
            return False
        here = flat.index((self.item, self.edit)) if (self.item, self.edit) in flat else -1
        for step in range(1, len(flat) + 1):
            i, j = flat[(here + step) % len(flat)]
            it = self.items[i]
            if self.status(it.pkg, it.prop.edits[j]) == dlog.PENDING:
                self.item, self.edit = i, j
                return True
        return False

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
        if self._totals is not None:  # keep the count current without recounting every edit
            now_decided = verdict != "clear"
            change = sum(int(now_decided) - int(b is not None) for b in before)
            self._totals = (self._totals[0] + change, self._totals[1])
        events = [dlog.make_event(package, e, self.reviewer, verdict, note) for e in edits]
        dlog.append(self.logs[pkg], events)
        slot = self.states[pkg].by_edit
        for e, ev in zip(edits, events):
            mine = slot.setdefault(e.index, {})
            if verdict == "clear":
                mine.pop(self.reviewer, None)
            else:
                mine[self.reviewer] = dlog.Decision(self.reviewer, verdict, note, ev["at"], ev["user"], e.id,
                                                    dlog.SAME, 100.0, ev)
        if record_undo:
            self.undo_stack.append(Undo(pkg, list(edits), before))
        return len(edits)

    def undo(self) -> int:
        """Append each edit's earlier verdict again (or clear it): the log keeps the history."""
        if not self.undo_stack:
            return 0
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
        return len(u.edits)

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
