"""Where a review stands, proposal by proposal: counts by state, the flags and notes, what is left.

Pure Python over a ``ReviewSession``: the app's summary screen draws it, tests read it directly.
Counts and what is left are the session's reviewer's own (re-attached decisions still to confirm are
left too); flags and notes are everybody's (a flag is a question for the whole delegation), and so is
the count of edits the reviewers disagree on. Orphaned decisions — in a package's log, on an edit or a
proposal the package does not hold (a reissue dropped it) — are listed apart, everybody's, as ``export``
lists them. A proposal's own verdicts, the roll-up of the
reviewer's edit verdicts and the recorded outcome come from ``proposal_verdicts``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from . import decisions as dlog
from .proposal_verdicts import rollup
from .session import ReviewSession
from .stops import Item

STATES = (dlog.ACCEPTED, dlog.REJECTED, dlog.FLAGGED, dlog.TO_CONFIRM, dlog.PENDING)


@dataclass(frozen=True)
class Remark:
    """A flag or a note: on an edit (its position) or, position -1, on the proposal as a whole."""

    position: int
    edit_id: str
    reviewer: str
    verdict: str
    note: str


@dataclass
class ProposalSummary:
    item: int
    entry: Item
    #: the reviewer's own edit statuses, counted
    counts: dict[str, int] = field(default_factory=dict)
    remarks: list[Remark] = field(default_factory=list)
    disagreements: int = 0
    #: position of the first edit the reviewer still has to decide or confirm, or None
    first_open: int | None = None
    #: the reviewer's own verdict on the proposal as a whole ("" none), and their edits' roll-up
    verdict: str = ""
    rollup: str = ""
    outcome: dlog.Outcome | None = None

    @property
    def left(self) -> int:
        if not self.entry.prop.edits:
            return 0 if self.verdict else 1
        return self.counts.get(dlog.PENDING, 0) + self.counts.get(dlog.TO_CONFIRM, 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def summarize(session: ReviewSession) -> list[ProposalSummary]:
    """One summary per proposal of the session, in list order."""
    out = []
    me = session.reviewer
    for k, it in enumerate(session.items):
        ps = ProposalSummary(k, it, dict.fromkeys(STATES, 0))
        state = session.states[it.pkg]
        own = []
        for pos, e in enumerate(it.prop.edits):
            decisions = state.decisions(e.index)
            verdicts = state.verdicts(e.index)
            mine = dlog.edit_status(verdicts, me)
            own.append(mine)
            ps.counts[mine] = ps.counts.get(mine, 0) + 1
            if mine in (dlog.PENDING, dlog.TO_CONFIRM) and ps.first_open is None:
                ps.first_open = pos
            if dlog.edit_status(verdicts) == dlog.DISAGREE:
                ps.disagreements += 1
            for name, d in sorted(decisions.items()):
                if d.verdict == "flag" or d.note:
                    ps.remarks.append(Remark(pos, e.id, name, d.verdict, d.note))
        for name, d in sorted(session.proposal_decisions(it).items()):
            if name == me and d.verdict:
                ps.verdict = d.verdict
            if d.verdict == "flag" or d.note:
                ps.remarks.insert(0, Remark(-1, it.prop.id, name, d.verdict, d.note))
        ps.rollup = rollup(own)
        ps.outcome = state.outcome(it.prop.id)
        out.append(ps)
    return out


@dataclass(frozen=True)
class Orphan:
    """A decision (or an outcome) in a package's log whose edit or proposal is not in the package."""

    #: the package's file name (whose log holds it)
    package: str
    #: the edit or proposal id it was given on
    logged_id: str
    reviewer: str
    #: the verdict ("" for a note alone), or "outcome <status>"
    verdict: str
    note: str
    #: on an edit: what it deleted and inserted (as logged), for knowing it again
    deleted: str = ""
    inserted: str = ""


def orphans(session: ReviewSession) -> list[Orphan]:
    """Every package's orphaned decisions, package by package: edits' first, then proposals' (as the
    exports list them)."""
    out = []
    for pkg, state in zip(session.packages, session.states):
        name = os.path.basename(pkg.path)
        for d in state.orphans:
            out.append(Orphan(name, d.logged_id, d.reviewer, d.verdict, d.note, *d.logged_texts))
        for o in state.proposal_orphans:
            if isinstance(o, dlog.Outcome):
                out.append(Orphan(name, o.logged_id, o.reviewer, f"outcome {o.status}", o.note))
            else:
                out.append(Orphan(name, o.logged_id, o.reviewer, o.verdict, o.note))
    return out
