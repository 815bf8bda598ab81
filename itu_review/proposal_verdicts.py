"""Proposals decided as a whole: reviewers' verdicts, the conference's outcomes, and MOD roll-ups.

Every proposal (MOD, ``(MOD)``, ADD, ``ADD*``, SUP, ``SUP*``, NOC) can receive a verdict — ``support``,
``oppose``, ``flag`` (with a note), ``clear`` — or a note alone; it is the only way to decide a
proposal without edits. A proposal with edits also has a *roll-up* from a reviewer's edit verdicts:
all accepted → ``support``, all rejected → ``oppose``, some of each → ``support as amended``. A
reviewer's own proposal verdict wins over their roll-up, and where the two contradict (support with
rejected edits, oppose with accepted ones) the summary says so.

The secretariat records each proposal's *outcome* separately, in the conference's vocabulary
(``OUTCOMES``), with a reference where the outcome needs one (the text replacing it, what it was
merged into, to whom it was referred).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .carry import target_of
from .decisions import (ACCEPTED, DISAGREE, EDIT_STATUSES, FLAGGED, PENDING, REJECTED, TO_CONFIRM, Decision,
                        Outcome, State, edit_status)
from .errors import UsageError
from .logfile import OUTCOMES, PROPOSAL_VERDICTS, check_text, now_utc, os_user
from .model import FRONT_ID, Package, Proposal
from .output import plural

SUPPORT, OPPOSE, AMENDED = "support", "oppose", "support as amended"
#: Roll-ups that are not (yet) a position: edits still pending or to confirm, flagged, disputed.
UNDECIDED, FLAGGED_ROLLUP, DISPUTED = "undecided", "flagged", "disagreement"
#: Outcomes that need --ref: the replacing text, what it was merged into, to whom it was referred.
NEEDS_REF = {"approved as amended": "the reference of the text that replaces it (e.g. an ad hoc group's document)",
             "merged": "the proposal or text it was merged into", "referred": "to whom it was referred"}


def parse_outcome(text: str) -> str:
    """An outcome as typed (``approved-as-amended``, ``Not_Approved``) in its canonical spelling."""
    norm = " ".join(text.replace("-", " ").replace("_", " ").lower().split())
    if norm not in OUTCOMES:
        raise UsageError(f"unknown outcome {text!r} (one of: {', '.join(OUTCOMES)})")
    return norm


def _proposal_fields(pkg: Package, prop: Proposal, reviewer: str, note: str) -> dict[str, Any]:
    if prop.id == FRONT_ID:
        raise UsageError(f"{pkg.path}: {FRONT_ID} is the front matter, not a proposal")
    return {"v": 2, "at": now_utc(), "reviewer": reviewer, "user": os_user(), "package": pkg.sha256,
            "proposal": prop.id, "action": prop.action, "target": target_of(prop), "title": prop.title,
            "note": check_text(note, "the note")}


def make_proposal_event(pkg: Package, prop: Proposal, reviewer: str, verdict: str, note: str = "") -> dict[str, Any]:
    """The log event for a verdict on a proposal as a whole (``"note"``: a note alone)."""
    if verdict not in PROPOSAL_VERDICTS:
        raise UsageError(f"unknown proposal verdict {verdict!r} (one of {', '.join(PROPOSAL_VERDICTS)})")
    if verdict == "flag" and not note.strip():
        raise UsageError("a flag needs a note: say what needs discussing")
    return {**_proposal_fields(pkg, prop, reviewer, note), "verdict": verdict}


def make_outcome_event(pkg: Package, prop: Proposal, reviewer: str, outcome: str, ref: str = "",
                       note: str = "") -> dict[str, Any]:
    """The log event recording a proposal's outcome (``outcome`` as ``parse_outcome`` gives it)."""
    if outcome not in OUTCOMES:
        raise UsageError(f"unknown outcome {outcome!r} (one of: {', '.join(OUTCOMES)})")
    if outcome in NEEDS_REF and not ref.strip():
        raise UsageError(f"outcome {outcome!r} needs --ref: {NEEDS_REF[outcome]}")
    return {**_proposal_fields(pkg, prop, reviewer, note), "outcome": outcome, "ref": check_text(ref, "--ref")}


# -- roll-ups and summaries ------------------------------------------------------------------------

def rollup(statuses: Sequence[str]) -> str:
    """A proposal's position from its edits' statuses ("" without edits)."""
    if not statuses:
        return ""
    s = set(statuses)
    if DISAGREE in s:
        return DISPUTED
    if FLAGGED in s:
        return FLAGGED_ROLLUP
    if PENDING in s or TO_CONFIRM in s:
        return UNDECIDED
    if s == {ACCEPTED}:
        return SUPPORT
    if s == {REJECTED}:
        return OPPOSE
    return AMENDED


def contradiction(verdict: str, statuses: Sequence[str]) -> str:
    """Where a reviewer's proposal verdict and their own edit verdicts disagree, in words ("" if not)."""
    n = len(statuses)
    if verdict == "support" and REJECTED in statuses:
        return f"supports the proposal but rejected {statuses.count(REJECTED)} of its {plural(n, 'edit')}"
    if verdict == "oppose" and ACCEPTED in statuses:
        return f"opposes the proposal but accepted {statuses.count(ACCEPTED)} of its {plural(n, 'edit')}"
    return ""


@dataclass
class ReviewerPosition:
    """One reviewer on one proposal: their verdict (if any), note, roll-up, and the position that counts."""

    reviewer: str
    decision: Decision | None
    rollup: str
    contradiction: str

    @property
    def verdict(self) -> str:
        return self.decision.verdict if self.decision else ""

    @property
    def position(self) -> str:
        """The reviewer's own verdict if given (it wins), else their roll-up."""
        if self.verdict:
            return {"flag": FLAGGED_ROLLUP}.get(self.verdict, self.verdict)
        return self.rollup


@dataclass
class ProposalSummary:
    """Where a proposal stands: every reviewer's position, the combined one, the outcome, edit counts."""

    proposal: Proposal
    positions: dict[str, ReviewerPosition]
    rollup: str
    outcome: Outcome | None
    counts: dict[str, int] = field(default_factory=dict)
    #: other recorders' different outcomes (the one in effect is the latest)
    other_outcomes: list[Outcome] = field(default_factory=list)

    @property
    def decision(self) -> str:
        """The reviewers' positions combined: support / oppose / support as amended / flagged /
        disagreement / undecided (nobody has a position yet, or an edit is still open)."""
        pos = {p.position for p in self.positions.values()} - {""}
        if not pos:
            return UNDECIDED
        for special in (FLAGGED_ROLLUP, DISPUTED, UNDECIDED):
            if special in pos:
                return special
        return pos.pop() if len(pos) == 1 else DISPUTED

    @property
    def decided(self) -> bool:
        return self.decision in (SUPPORT, OPPOSE, AMENDED)

    @property
    def contradictions(self) -> list[str]:
        out = [f"{r}: {p.contradiction}" for r, p in sorted(self.positions.items()) if p.contradiction]
        if self.outcome is not None and self.other_outcomes:
            others = ", ".join(f"{o.reviewer} recorded {o.status}" + (f" ({o.ref})" if o.ref else "")
                               for o in self.other_outcomes)
            out.append(f"outcomes differ: {others}; in effect, the later: {self.outcome.status} "
                       f"by {self.outcome.reviewer}")
        return out


def summarize(state: State, prop: Proposal, reviewers: Sequence[str] | None = None) -> ProposalSummary:
    """The summary of ``prop`` in ``state`` (for ``reviewers``, by default everyone in the state)."""
    names = list(state.reviewers()) if reviewers is None else list(reviewers)
    own = state.proposal_verdicts(prop.id)
    decisions = [state.verdicts(e.index) for e in prop.edits]
    combined = [edit_status(ds) for ds in decisions]
    positions = {}
    for r in names:
        mine = [edit_status(ds, r) for ds in decisions]
        d = own.get(r)
        if d is None and all(s == PENDING for s in mine):
            continue
        positions[r] = ReviewerPosition(r, d, rollup(mine), contradiction(d.verdict if d else "", mine))
    counts = {s: combined.count(s) for s in EDIT_STATUSES}
    return ProposalSummary(prop, positions, rollup(combined), state.outcome(prop.id), counts,
                           state.other_outcomes(prop.id))


def outcome_json(o: Outcome | None) -> dict[str, str] | None:
    if o is None:
        return None
    return {"status": o.status, "ref": o.ref, "note": o.note, "at": o.at, "reviewer": o.reviewer, "user": o.user,
            "carried": o.how}


def summary_json(s: ProposalSummary) -> dict[str, Any]:
    """The decision state of a proposal as `list --format json` and `export --format json` give it."""
    verdicts = {}
    for r, p in sorted(s.positions.items()):
        d = p.decision
        verdicts[r] = {"verdict": p.verdict, "note": d.note if d else "", "at": d.at if d else "",
                       "user": d.user if d else "", "carried": d.how if d else "", "rollup": p.rollup,
                       "position": p.position, "contradiction": p.contradiction}
    return {"decision": s.decision, "rollup": s.rollup, "verdicts": verdicts, "contradictions": s.contradictions,
            "outcome": outcome_json(s.outcome), "counts": dict(s.counts)}
