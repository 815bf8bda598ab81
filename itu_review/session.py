"""A review session: where the reviewer is, what they decided, undo — with no UI in it.

The app drives one of these; tests can too. Every decision is appended to the package's log (and
fsynced) before ``decide`` returns, so quitting or a dropped connection loses nothing; it is folded
into the state by the same code that reads the log (``State.apply``), and what other reviewers
append is folded in by ``refresh``.

The reviewer moves through *stops*: every edit of every proposal, and every proposal without edits
(a SUP, an ADD, a NOC is decided as a whole). A ``scope`` (the app's filter) limits the proposals
that moving visits. "Open" stops — still to decide — are pending edits, re-attached decisions to
confirm, and proposals without edits that have no verdict of the reviewer's.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from . import decisions as dlog
from .model import FRONT_ID, Edit, Package, Proposal
from .proposal_verdicts import contradiction, make_outcome_event, make_proposal_event, rollup
from .stops import Item, Stops

if TYPE_CHECKING:
    from .basetexts import Collection
    from .check import ProposalCheck

GLYPHS = {"no edits": "\u00b7", "pending": "\u25cb", "in progress": "\u25d0", "all accepted": "\u2713",
          "all rejected": "\u2717", "has flags": "\u2691", "disagreement": "\u2260", "decided (mixed)": "\u25cf",
          "to confirm": "\u21bb", "supported": "\u2713", "opposed": "\u2717"}
#: What a verdict is called once given, for messages ("accepted AFCP/12A1/1#4").
VERDICT_PAST = {"accept": "accepted", "reject": "rejected", "flag": "flagged", "clear": "cleared",
                "note": "noted", "support": "supported", "oppose": "opposed", "": "noted"}
#: What undo says with nothing to take back: decisions from before the review was opened are in the
#: log, but undo only knows this session's (a reviewer who reopens and presses u expects their last one).
NOTHING_TO_UNDO = ("Nothing to undo since the review was opened: to change an earlier decision, decide again "
                   "(c clears it).")
#: A proposal without edits decided with the edit keys: accept → support, reject → oppose.
AS_PROPOSAL_VERDICT = {"accept": "support", "reject": "oppose", "flag": "flag", "clear": "clear", "note": "note"}
#: Own statuses of a proposal without edits, by its verdict.
PROPOSAL_STATUS = {"support": "supported", "oppose": "opposed", "flag": dlog.FLAGGED}
DECIDED = {dlog.ACCEPTED, dlog.REJECTED, dlog.FLAGGED, "supported", "opposed"}

Key = tuple[int, object]  # (package, edit index) or (package, proposal id): one thing to decide


@dataclass
class Undo:
    """How to take a decision back: the subjects (edits, or one proposal), and what each was before."""

    pkg: int
    edits: list[Edit]
    before: list[dlog.Decision | None]
    verdict: str = ""
    proposal: Proposal | None = None


@dataclass(frozen=True)
class Undone:
    """What an undo took back: ``verdict`` on ``count`` subjects (the first one ``first``), and what they are now."""

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
class Standing:
    """A proposal as a whole: every reviewer's verdict on it, the roll-up of this reviewer's edit
    verdicts, where the two contradict, and the outcome recorded."""

    decisions: dict[str, dlog.Decision] = field(default_factory=dict)
    rollup: str = ""
    contradiction: str = ""
    outcome: dlog.Outcome | None = None


def _now(prev: dlog.Decision | None) -> str:
    if prev is None:
        return "pending"
    if not prev.verdict:
        return "pending, with its note"
    if prev.to_confirm:
        return "to confirm"
    return VERDICT_PAST.get(prev.verdict, prev.verdict)


@dataclass
class ReviewSession(Stops):
    packages: list[Package]
    logs: list[Path]
    reviewer: str
    states: list[dlog.State] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    item: int = 0
    edit: int = 0  # position in the current proposal's edits
    undo_stack: list[Undo] = field(default_factory=list)
    #: base-text checks by (package, proposal id), when a base collection was given: made when first
    #: asked for (``check``) or by the app in the background (checking a conference's 6,600 proposals
    #: took 3.7 s before the first paint)
    checks: dict[tuple[int, str], ProposalCheck] = field(default_factory=dict)
    #: the base collection (``--base``), or None
    collection: Collection | None = None
    #: the items moving visits (a filter), in list order; None: all of them
    scope: list[int] | None = None
    #: this reviewer's status of everything not pending, and how many of each (kept current by every change)
    _mine: dict[Key, str] = field(default_factory=dict)
    _counts: Counter[str] = field(default_factory=Counter)
    _units: int = 0
    _item_of: dict[tuple[int, str], int] = field(default_factory=dict)
    #: events this session appended, not yet read back by ``refresh``: by package, since packages whose
    #: logs are one file (a log folder or a log named in the config) each read them back
    _own_events: dict[int, set[tuple[object, ...]]] = field(default_factory=dict)
    #: for each package, the packages whose log is the same file as its own (itself included)
    _sharing: dict[int, list[int]] = field(default_factory=dict)
    #: items of other packages that this session's own decisions changed (a log they share): for the app
    #: to repaint with the decision, as it repaints the item decided
    _touched_too: set[int] = field(default_factory=set)

    def check(self, item: Item) -> ProposalCheck | None:
        """The proposal's check against the base collection (None without one), made once. Safe from a
        worker thread beside the app's: two threads making the same check store equal results."""
        if self.collection is None:
            return None
        key = (item.pkg, item.prop.id)
        chk = self.checks.get(key)
        if chk is None:
            from .check import check_proposal

            chk = self.checks[key] = check_proposal(self.collection, self.packages[item.pkg], item.prop)
        return chk

    @classmethod
    def open(cls, packages: Sequence[Package], logs: Sequence[Path], reviewer: str) -> ReviewSession:
        """Read each package's log and stand where the reviewer left off (the first stop still open)."""
        s = cls(list(packages), list(logs), reviewer)
        for pkg, log in zip(s.packages, s.logs):
            s.states.append(dlog.load_state(pkg, log))
        same: dict[str, list[int]] = {}
        for k, log in enumerate(s.logs):
            same.setdefault(os.path.realpath(log), []).append(k)
        s._sharing = {k: ks for ks in same.values() for k in ks}
        for k, pkg in enumerate(s.packages):
            for prop in pkg.proposals:
                if prop.id == FRONT_ID and not prop.edits:
                    continue
                s._item_of[(k, prop.id)] = len(s.items)
                s.items.append(Item(k, prop))
        s._count_all()
        s.start()
        return s

    def _count_all(self) -> None:
        self._mine.clear()
        self._units = 0
        for it in self.items:
            self._units += len(it.prop.edits) or 1
            if not it.prop.edits:
                self._note(self._key(it), self._proposal_own(it))
        for k, st in enumerate(self.states):
            for index in st.by_edit:
                self._note((k, index), dlog.edit_status(st.verdicts(index), self.reviewer))
        self._counts = Counter(self._mine.values())

    def _note(self, key: Key, status: str) -> None:
        """Record this reviewer's status of one thing (``_counts`` is the caller's to keep)."""
        if status == dlog.PENDING:
            self._mine.pop(key, None)
        else:
            self._mine[key] = status

    def _recount(self, keys: Sequence[Key]) -> None:
        """After a change to ``keys``: their statuses and the running counts, without recounting the rest."""
        for key in keys:
            old = self._mine.get(key, dlog.PENDING)
            pkg, what = key
            if isinstance(what, int):
                new = dlog.edit_status(self.states[pkg].verdicts(what), self.reviewer)
            else:  # a proposal counts on its own only when it has no edits
                k = self._item_of.get((pkg, str(what)))
                it = self.items[k] if k is not None else None
                new = self._proposal_own(it) if it is not None and not it.prop.edits else dlog.PENDING
            if old != new:
                self._counts[old] -= 1
                self._counts[new] += 1
                self._note(key, new)

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
        """This reviewer's decision on an edit, a note without a verdict included."""
        return self.states[pkg].decisions(edit.index).get(self.reviewer)

    def status(self, pkg: int, edit: Edit) -> str:
        """This reviewer's status of an edit: pending, accepted, rejected, flagged, to confirm."""
        return dlog.edit_status(self.states[pkg].verdicts(edit.index), self.reviewer)

    def look_status(self, pkg: int, index: int) -> str:
        """How an edit is drawn in the text: this reviewer's status, unless reviewers disagree on it or
        someone flagged it (everybody's matters there)."""
        verdicts = self.states[pkg].verdicts(index)
        together = dlog.edit_status(verdicts)
        if together in (dlog.DISAGREE, dlog.FLAGGED):
            return together
        return dlog.edit_status(verdicts, self.reviewer)

    def combined(self, pkg: int, edit: Edit) -> str:
        """Every reviewer's verdicts on an edit as one status (``disagreement`` when they differ)."""
        return dlog.edit_status(self.states[pkg].verdicts(edit.index))

    def proposal_decisions(self, item: Item) -> dict[str, dlog.Decision]:
        """Every reviewer's decision on the proposal as a whole (notes without a verdict included)."""
        return self.states[item.pkg].proposal_verdicts(item.prop.id)

    def _proposal_own(self, item: Item) -> str:
        d = self.proposal_decisions(item).get(self.reviewer)
        if d is None or not d.verdict:
            return dlog.PENDING
        if d.to_confirm:
            return dlog.TO_CONFIRM
        return PROPOSAL_STATUS.get(d.verdict, dlog.PENDING)

    def standing(self, item: Item) -> Standing:
        """Where the proposal stands as a whole, for this reviewer."""
        decisions = self.proposal_decisions(item)
        own = [self.status(item.pkg, e) for e in item.prop.edits]
        mine = decisions.get(self.reviewer)
        return Standing(decisions, rollup(own), contradiction(mine.verdict if mine else "", own),
                        self.states[item.pkg].outcome(item.prop.id))

    def _key(self, item: Item) -> Key:
        return (item.pkg, item.prop.id)

    def progress(self, item: Item) -> tuple[int, int, int]:
        """(decided, total, flagged) of the reviewer's own decisions on a proposal's edits."""
        st = [self.status(item.pkg, e) for e in item.prop.edits]
        return sum(s in DECIDED for s in st), len(st), st.count(dlog.FLAGGED)

    def proposal_status(self, item: Item) -> str:
        """The list's status: a disagreement or a flag by anyone shows; otherwise this reviewer's progress.
        A proposal without edits has the status of its verdicts."""
        if not item.prop.edits:
            verdicts = {d.verdict for d in self.proposal_decisions(item).values() if d.verdict}
            if {"support", "oppose"} <= verdicts:
                return "disagreement"
            if "flag" in verdicts:
                return "has flags"
            own = self._proposal_own(item)
            return "pending" if own == dlog.PENDING else own
        together = {self.combined(item.pkg, e) for e in item.prop.edits}
        if dlog.DISAGREE in together:
            return "disagreement"
        if dlog.FLAGGED in together:
            return "has flags"
        return dlog.proposal_status([self.status(item.pkg, e) for e in item.prop.edits])

    def totals(self) -> tuple[int, int]:
        """(decided, total): edits, and proposals without edits, over every open package (re-attached
        decisions still to confirm are not decided: see ``to_confirm``)."""
        return sum(self._counts[s] for s in DECIDED), self._units

    def to_confirm(self) -> int:
        return self._counts[dlog.TO_CONFIRM]

    # -- deciding ---------------------------------------------------------------------------
    def decide(self, verdict: str, note: str | None = None, edits: Sequence[Edit] | None = None,
               pkg: int | None = None, record_undo: bool = True) -> int:
        """Record a verdict (or ``note``: a note alone) on the current edit, or on ``edits`` of package
        ``pkg``; durable on return. A proposal without edits gets the matching proposal verdict.
        ``note`` None keeps the reviewer's note on each edit (``clear`` drops it)."""
        if edits is None:
            it = self.current
            if it is not None and not it.prop.edits:
                return self.decide_proposal(AS_PROPOSAL_VERDICT.get(verdict, verdict), note,
                                            record_undo=record_undo)
            e = self.current_edit
            if e is None or it is None:
                return 0
            edits, pkg = [e], it.pkg
        assert pkg is not None
        if not edits:
            return 0
        package = self.packages[pkg]
        before = [self.own(pkg, e) for e in edits]
        events = [dlog.make_event(package, e, self.reviewer, verdict,
                                  (b.note if b else "") if note is None and verdict != "clear" else (note or ""))
                  for e, b in zip(edits, before)]
        self._append(pkg, events)
        self._recount([(pkg, e.index) for e in edits])
        if record_undo:
            self.undo_stack.append(Undo(pkg, list(edits), before, verdict))
        return len(edits)

    def decide_proposal(self, verdict: str, note: str | None = None, item: Item | None = None,
                        record_undo: bool = True) -> int:
        """A verdict on a proposal as a whole (support, oppose, flag, clear, note), the current one by default."""
        it = item or self.current
        if it is None:
            return 0
        before = self.proposal_decisions(it).get(self.reviewer)
        if note is None:
            note = before.note if before and verdict != "clear" else ""
        event = make_proposal_event(self.packages[it.pkg], it.prop, self.reviewer, verdict, note)
        self._append(it.pkg, [event])
        self._recount([self._key(it)])
        if record_undo:
            self.undo_stack.append(Undo(it.pkg, [], [before], verdict, it.prop))
        return 1

    def record_outcome(self, outcome: str, ref: str = "", note: str = "", item: Item | None = None) -> None:
        """The conference's outcome for a proposal (the current one by default), as the secretariat records it."""
        it = item or self.current
        if it is None:
            return
        event = make_outcome_event(self.packages[it.pkg], it.prop, self.reviewer, outcome, ref, note)
        self._append(it.pkg, [event])

    def confirm(self, edits: Sequence[Edit] | None = None, pkg: int | None = None) -> int:
        """Confirm re-attached decisions: their verdict and note again, now on the edit as it reads."""
        if edits is None:
            e, it = self.current_edit, self.current
            if e is None or it is None:
                return 0
            edits, pkg = [e], it.pkg
        assert pkg is not None
        state = self.states[pkg]
        carried = [(e, d) for e in edits if (d := state.verdicts(e.index).get(self.reviewer)) and d.to_confirm]
        if not carried:
            return 0
        events = [dlog.confirm_event(self.packages[pkg], e, d) for e, d in carried]
        self._append(pkg, events)
        self._recount([(pkg, e.index) for e, _ in carried])
        self.undo_stack.append(Undo(pkg, [e for e, _ in carried], [d for _, d in carried], "confirm"))
        return len(carried)

    def to_confirm_edits(self) -> list[tuple[int, Edit]]:
        """Every edit whose decision by this reviewer was re-attached and waits to be confirmed."""
        return [(it.pkg, e) for it in self.items for e in it.prop.edits
                if self.status(it.pkg, e) == dlog.TO_CONFIRM]

    def undo(self) -> Undone | None:
        """Append each subject's earlier decision again (or clear it): the log keeps the history."""
        if not self.undo_stack:
            return None
        u = self.undo_stack.pop()
        if u.proposal is not None:
            k = self._item_of[(u.pkg, u.proposal.id)]
            it = self.items[k]
            self._restore(u.pkg, u.before[0],
                          lambda v, n: self.decide_proposal(v, n, it, record_undo=False), self._key(it))
            self.item, self.edit = k, 0
            return Undone(u.verdict, 1, u.proposal.id, _now(u.before[0]))
        for e, prev in zip(u.edits, u.before):
            self._restore(u.pkg, prev, partial(self.decide, edits=[e], pkg=u.pkg, record_undo=False),
                          (u.pkg, e.index))
        found = self._item_of.get((u.pkg, u.edits[0].proposal))
        if found is not None:
            self.item, self.edit = found, self.items[found].prop.edits.index(u.edits[0])
        return Undone(u.verdict, len(u.edits), u.edits[0].id, _now(u.before[0]))

    def _restore(self, pkg: int, prev: dlog.Decision | None, write: Callable[[str, str], int], key: Key) -> None:
        """Append what brings back ``prev``: clear, its verdict and note, or a note alone. A decision
        that was re-attached is appended as it was logged, so that it is re-attached (to confirm) again."""
        if prev is None:
            write("clear", "")
        elif prev.to_confirm:
            # clear the confirmation on this edit (a decision on its own text would hold the carried one
            # off), then the carried event again, so that it is re-attached (to confirm) once more
            write("clear", "")
            again = {k: v for k, v in prev.event.items() if not k.startswith("_")}
            again.update(at=dlog.now_utc(), user=dlog.os_user())
            self._append(pkg, [again])
            self._recount([key])
        elif prev.verdict:
            write(prev.verdict, prev.note)
        else:
            write("clear", "")
            write("note", prev.note)

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

    # -- other reviewers, live ---------------------------------------------------------------
    def refresh(self) -> set[int]:
        """Fold in what other processes appended to the logs (one stat a log when nothing was); the
        items whose proposal or edits changed. This session's own events, read back, are skipped:
        they were folded in when they were written."""
        touched: set[int] = set()
        for pkg, state in enumerate(self.states):
            tail = state.tail
            if tail is None or not tail.changed():
                continue
            new = [ev for ev in tail.read_new() if not self._written(pkg, ev)]
            state.warnings.extend(tail.warnings)
            tail.warnings.clear()
            if not new:
                continue
            changes = state.apply(new)
            keys: list[Key] = [(pkg, index) for index in changes.edits]
            keys += [(pkg, pid) for pid in changes.proposals]
            self._recount(keys)
            touched |= self._items_of(pkg, changes)
        return touched

    def _items_of(self, pkg: int, changes: dlog.Changes) -> set[int]:
        """The items whose edits or proposal ``changes`` touched in package ``pkg``."""
        edits = self.packages[pkg].edits
        out = {k for index in changes.edits if (k := self._item_of.get((pkg, edits[index].proposal))) is not None}
        out |= {k for pid in changes.proposals if (k := self._item_of.get((pkg, pid))) is not None}
        return out

    @staticmethod
    def _sign(ev: dict[str, object]) -> tuple[object, ...]:
        return (ev.get("at"), ev.get("reviewer"), ev.get("edit"), ev.get("proposal"), ev.get("verdict"),
                ev.get("outcome"))

    def _written(self, pkg: int, ev: dict[str, object]) -> bool:
        """Whether ``ev``, read back from package ``pkg``'s log, is one this session appended (then
        forgotten for that package: each reads it back once)."""
        own = self._own_events.get(pkg)
        sign = self._sign(ev)
        if own is not None and sign in own:
            own.discard(sign)
            return True
        return False

    def _append(self, pkg: int, events: list[dict[str, object]]) -> None:
        """Append to the package's log (durable on return) and fold into the state — and into the state of
        every other package that reads the same log file, as it would read them on opening it again."""
        dlog.append(self.logs[pkg], events)
        signs = {self._sign(ev) for ev in events}
        for k in self._sharing.get(pkg, [pkg]):
            self._own_events.setdefault(k, set()).update(signs)
            if k == pkg:
                continue
            changes = self.states[k].apply(events)
            keys: list[Key] = [(k, index) for index in changes.edits]
            keys += [(k, pid) for pid in changes.proposals]
            self._recount(keys)
            self._touched_too |= self._items_of(k, changes)
        self.states[pkg].apply(events)

    def touched_too(self) -> set[int]:
        """The items of other packages this session's own decisions changed since the last call (their
        log is the decided package's too); each given once."""
        out, self._touched_too = self._touched_too, set()
        return out
