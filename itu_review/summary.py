"""Where a review stands, proposal by proposal: counts by state, the flags and notes, what is left.

Pure Python over a ``ReviewSession``: the app's summary screen draws it, tests read it directly.
Counts are the session's reviewer's own; flags and notes are everybody's (a flag is a question for
the whole delegation), and edits the reviewers disagree on are counted too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import decisions as dlog
from .session import Item, ReviewSession

STATES = (dlog.ACCEPTED, dlog.REJECTED, dlog.FLAGGED, dlog.PENDING)


@dataclass(frozen=True)
class Remark:
    """A flag or a note on one edit: by whom, what it says, and which edit (its position)."""

    position: int
    edit_id: str
    reviewer: str
    verdict: str
    note: str


@dataclass
class ProposalSummary:
    item: int
    entry: Item
    counts: dict[str, int] = field(default_factory=dict)
    remarks: list[Remark] = field(default_factory=list)
    disagreements: int = 0
    #: position of the first edit the reviewer still has to decide, or None
    first_open: int | None = None

    @property
    def left(self) -> int:
        return self.counts.get(dlog.PENDING, 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def summarize(session: ReviewSession) -> list[ProposalSummary]:
    """One summary per proposal of the session, in list order."""
    out = []
    for k, it in enumerate(session.items):
        ps = ProposalSummary(k, it, dict.fromkeys(STATES, 0))
        state = session.states[it.pkg]
        for pos, e in enumerate(it.prop.edits):
            decisions = state.verdicts(e.index)
            mine = dlog.edit_status(decisions, session.reviewer)
            ps.counts[mine] = ps.counts.get(mine, 0) + 1
            if mine == dlog.PENDING and ps.first_open is None:
                ps.first_open = pos
            if dlog.edit_status(decisions) == dlog.DISAGREE:
                ps.disagreements += 1
            for name, d in sorted(decisions.items()):
                if d.verdict == "flag" or d.note:
                    ps.remarks.append(Remark(pos, e.id, name, d.verdict, d.note))
        out.append(ps)
    return out
