"""Decisions resolved against a package: who decided what on each edit and proposal, and statuses.

The log (``logfile.py`` writes it, ``logread.py`` reads it) holds three kinds of event, one a line:

- on an edit: ``{"v": 1, "at", "reviewer", "user", "package", "edit": "B/67/1#3", "fp", "verdict":
  "accept"|"reject"|"flag"|"clear"|"note", "note", "kind", "del", "ins", "subject", "before", "after",
  "detail"?}`` (``detail``: what a formatting edit changes, when it is one)
- on a proposal as a whole: ``{"v": 2, …, "proposal": "B/67/3", "action": "SUP", "target": {"kind",
  "number"}, "title", "verdict": "support"|"oppose"|"flag"|"clear"|"note", "note"}``
- a proposal's outcome: ``{"v": 2, …, "proposal", "action", "target", "title", "outcome": "approved as
  amended", "ref": "DT/45", "note"}``

The state is the last event per (reviewer, edit) and per (reviewer, proposal); a ``note`` event
changes the note and keeps the verdict; ``clear`` removes both. An outcome is one per proposal,
whoever recorded it last. Texts and targets travel with the events so that decisions follow their
subjects into a reissued package (``carry.py``); a decision carried by a close match only
(``re-attached``) has the status ``TO_CONFIRM`` until its reviewer decides the new edit.

``State`` is built by folding events in log order (``State.apply``), so a live reviewer folds in what
others append (``State.refresh``, fed by a ``LogTail``) without reading the log again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .carry import FOREIGN, FUZZY_THRESHOLD, MOVED, ORPHANED, REATTACHED, SAME, EditIndex, Kinship, ProposalIndex
from .errors import UsageError
from .logfile import (EDIT_VERDICTS, FORMAT_VERSION, LOG_SUFFIX, OUTCOMES, PROPOSAL_VERDICTS, LogPath, append,
                      check_text, default_log_path, now_utc, os_user)
from .logread import LogRead, iter_log, log_batches, read_log
from .logtail import LogTail
from .model import Edit, Package

__all__ = ["FORMAT_VERSION", "LOG_SUFFIX", "EDIT_VERDICTS", "PROPOSAL_VERDICTS", "OUTCOMES", "VERDICTS", "SAME",
           "MOVED", "REATTACHED", "ORPHANED", "FOREIGN", "FUZZY_THRESHOLD", "LogPath", "LogRead", "LogTail", "append",
           "read_log", "iter_log", "default_log_path", "now_utc", "os_user", "reviewer_name", "make_event",
           "confirm_event", "Decision", "Outcome", "Changes", "State", "record", "resolve_state", "load_state",
           "edit_status", "TO_CONFIRM",
           "proposal_status", "chooser_for"]

#: Verdicts on an edit that the command line's --accept/--reject/--flag/--clear record.
VERDICTS = ("accept", "reject", "flag", "clear")


def reviewer_name(given: str | None, configured: str | None = None) -> str:
    """--reviewer, else $ITU_REVIEW_REVIEWER, else the config file's, else the login name.

    A name given but empty is refused (it would fall through to the login name unnoticed).
    """
    if given is not None and not given.strip():
        raise UsageError("--reviewer is empty: give a name, or leave the option out to use your login name")
    for name in (given, os.environ.get("ITU_REVIEW_REVIEWER"), configured):
        if name and name.strip():
            name = check_text(name.strip(), "the reviewer name")
            if any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in name):
                raise UsageError(f"reviewer name {name!r} contains a control character")
            return name
    return os_user()


def make_event(pkg: Package, edit: Edit, reviewer: str, verdict: str, note: str = "") -> dict[str, Any]:
    """The log event for a verdict (or, with ``"note"``, a note alone) on an edit."""
    if verdict not in EDIT_VERDICTS:
        raise UsageError(f"unknown verdict {verdict!r} (one of {', '.join(EDIT_VERDICTS)})")
    ev = {"v": 2 if verdict == "note" else 1, "at": now_utc(), "reviewer": reviewer, "user": os_user(),
          "package": pkg.sha256, "edit": edit.id, "fp": edit.fingerprint, "verdict": verdict,
          "note": check_text(note, "the note"), "kind": edit.kind, "del": edit.deleted, "ins": edit.inserted,
          "subject": edit.subject, "before": edit.before, "after": edit.after}
    if edit.detail:  # what a formatting edit changes, shown beside the edit a reissue re-attaches it to
        ev["detail"] = edit.detail
    return ev


def confirm_event(pkg: Package, edit: Edit, decision: Decision) -> dict[str, Any]:
    """The event that confirms a re-attached decision: its verdict and note, now on the new edit."""
    return make_event(pkg, edit, decision.reviewer, decision.verdict, decision.note)


# -- the state ------------------------------------------------------------------------------------

@dataclass(slots=True)
class Decision:
    """A reviewer's current verdict on an edit or a proposal (``verdict`` "" for a note alone)."""

    reviewer: str
    verdict: str
    note: str
    at: str
    user: str
    logged_id: str
    how: str  # SAME | MOVED | REATTACHED | ORPHANED
    score: float = 100.0
    event: dict[str, Any] = field(default_factory=dict)

    @property
    def to_confirm(self) -> bool:
        """Carried over by a close match only: its reviewer has not seen the edit it now sits on."""
        return self.how == REATTACHED and bool(self.verdict)

    @property
    def logged_texts(self) -> tuple[str, str]:
        """(deleted, inserted) of the edit the verdict was given on — beside a re-attached edit's own."""
        return str(self.event.get("del", "")), str(self.event.get("ins", ""))

    @property
    def logged_format(self) -> tuple[str, str]:
        """(subject, detail) of the formatting edit the verdict was given on ("" for a detail not logged:
        logs before itu-review 0.2 kept the subject only)."""
        return str(self.event.get("subject", "")), str(self.event.get("detail", ""))


@dataclass
class Outcome:
    """A proposal's outcome as the secretariat recorded it (the last one recorded wins)."""

    status: str
    ref: str
    note: str
    at: str
    reviewer: str
    user: str
    logged_id: str
    how: str
    event: dict[str, Any] = field(default_factory=dict)


@dataclass
class Changes:
    """What an ``apply`` touched: edit indices and proposal ids (current ones) to redraw."""

    edits: set[int] = field(default_factory=set)
    proposals: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.edits or self.proposals)


_NONE: dict[str, Decision] = {}


@dataclass
class State:
    """Decisions resolved against one package, folded from log events in order."""

    pkg: Package | None = None
    #: edit index → reviewer → decision (note-only decisions included: see ``decisions``)
    by_edit: dict[int, dict[str, Decision]] = field(default_factory=dict)
    #: proposal id → reviewer → decision on the proposal as a whole
    by_proposal: dict[str, dict[str, Decision]] = field(default_factory=dict)
    #: proposal id → its outcome
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    #: proposal id → recorder → the last outcome they recorded (two recorders may differ: after a merge)
    outcomes_by: dict[str, dict[str, Outcome]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: reading on from the end of the log (set by ``load_state``)
    tail: LogTail | None = None
    _orphans: dict[tuple[str, str, str], Decision] = field(default_factory=dict)
    _proposal_orphans: dict[tuple[str, str, str], Decision | Outcome] = field(default_factory=dict)
    _edits: EditIndex | None = None
    _proposals: ProposalIndex | None = None
    _kinship: Kinship | None = None
    _cache: dict[tuple[str, str, str], tuple[Any, str, float]] = field(default_factory=dict)

    # -- reading the state ------------------------------------------------------------------------
    def verdicts(self, edit: int) -> dict[str, Decision]:
        """Reviewer → decision with a verdict, on an edit (notes without a verdict left out)."""
        ds = self.by_edit.get(edit)
        if not ds:
            return _NONE
        for d in ds.values():
            if not d.verdict:
                return {r: d for r, d in ds.items() if d.verdict}
        return ds

    def decisions(self, edit: int) -> dict[str, Decision]:
        """Reviewer → decision on an edit, notes without a verdict included."""
        return self.by_edit.get(edit, _NONE)

    def proposal_verdicts(self, proposal: str) -> dict[str, Decision]:
        """Reviewer → decision on a proposal as a whole (notes without a verdict included)."""
        return self.by_proposal.get(proposal, _NONE)

    def outcome(self, proposal: str) -> Outcome | None:
        return self.outcomes.get(proposal)

    def other_outcomes(self, proposal: str) -> list[Outcome]:
        """Outcomes other recorders last gave the proposal that differ from the one in effect (the
        latest): two logs merged may hold an 'approved' and a 'withdrawn'; the later one is in effect,
        and the other must be seen."""
        current = self.outcomes.get(proposal)
        if current is None:
            return []
        return [o for r, o in sorted(self.outcomes_by.get(proposal, {}).items())
                if r != current.reviewer and (o.status, o.ref) != (current.status, current.ref)]

    @property
    def orphans(self) -> list[Decision]:
        """Edit decisions whose edit is not in this package."""
        return list(self._orphans.values())

    @property
    def proposal_orphans(self) -> list[Decision | Outcome]:
        """Proposal verdicts and outcomes whose proposal is not in this package."""
        return list(self._proposal_orphans.values())

    def reviewers(self) -> list[str]:
        names = {r for ds in self.by_edit.values() for r in ds} | {d.reviewer for d in self._orphans.values()}
        names |= {r for ds in self.by_proposal.values() for r in ds}
        names |= {d.reviewer for d in self._proposal_orphans.values() if isinstance(d, Decision)}
        return sorted(names)

    # -- folding events in --------------------------------------------------------------------------
    def apply(self, events: Iterable[dict[str, Any]]) -> Changes:
        """Fold events (in log order) into the state; what they touched, to redraw."""
        changes = Changes()
        pkg = self.pkg
        if pkg is None:
            raise ValueError("a State without a package cannot place events")
        for ev in events:
            if "edit" in ev:
                self._edit_event(pkg, ev, changes)
            else:
                self._proposal_event(pkg, ev, changes)
        return changes

    def refresh(self) -> Changes:
        """What others appended since the last look (one stat when nothing was): for a live reviewer."""
        if self.tail is None or not self.tail.changed():
            return Changes()
        changes = self.apply(self.tail.read_new())
        self.warnings.extend(self.tail.warnings)
        self.tail.warnings.clear()
        return changes

    def _kin(self, pkg: Package) -> Kinship:
        if self._kinship is None:
            self._kinship = Kinship(pkg)
        return self._kinship

    def _edit_event(self, pkg: Package, ev: dict[str, Any], changes: Changes) -> None:
        """One edit event in: the hot path of reading a long log (a million events), kept lean."""
        eid = ev["edit"]
        key = (ev.get("package", ""), eid, ev.get("fp", ""))
        found = self._cache.get(key)
        if found is None:
            if self._edits is None:
                self._edits = EditIndex(pkg, self._kin(pkg))
            found = self._edits.match(ev)
            if found[1] == FOREIGN:
                return  # another document's decision, in a log several packages share (not cached: a
                # file's kinship may still be learnt from its next events)
            self._cache[key] = found
        edit, how, score = found
        reviewer, verdict = ev["reviewer"], ev["verdict"]
        if edit is None:
            d = Decision(reviewer, verdict, ev.get("note") or "", ev.get("at") or "", ev.get("user") or "", eid, how,
                         score, ev)
            _fold(self._orphans, (reviewer, key[1], key[2]), d)
            return
        slot = self.by_edit.get(edit.index)
        if slot is None:
            slot = self.by_edit[edit.index] = {}
        if how == REATTACHED:
            prev = slot.get(reviewer)
            if prev is not None and prev.how != REATTACHED:
                # a decision given on this edit's own text (here, or on an issue where it reads the same)
                # is never replaced by one given on other words in another issue: confirming on Rev.1 a
                # verdict carried from the original must leave the original's own decision as it was
                return
        if verdict == "clear":
            slot.pop(reviewer, None)
        elif verdict == "note":
            prev = slot.get(reviewer)
            note = ev.get("note") or ""
            slot[reviewer] = (Decision(reviewer, "", note, ev.get("at") or "", ev.get("user") or "", eid, how, score, ev)
                              if prev is None else _with_note(prev, note))
        else:
            slot[reviewer] = Decision(reviewer, verdict, ev.get("note") or "", ev.get("at") or "", ev.get("user") or "",
                                      eid, how, score, ev)
        changes.edits.add(edit.index)

    def _proposal_event(self, pkg: Package, ev: dict[str, Any], changes: Changes) -> None:
        target = ev.get("target") or {}
        key = (str(ev.get("package", "")), ev["proposal"], f"{target.get('kind', '')} {target.get('number', '')}")
        found = self._cache.get(key)
        if found is None:
            if self._proposals is None:
                self._proposals = ProposalIndex(pkg, self._kin(pkg))
            found = self._proposals.match(ev)
            if found[1] == FOREIGN:
                return
            self._cache[key] = found
        prop, how, score = found
        if "outcome" in ev:
            o = Outcome(ev["outcome"], ev.get("ref") or "", ev.get("note") or "", ev.get("at") or "", ev["reviewer"],
                        ev.get("user") or "", ev["proposal"], how, ev)
            if prop is None:
                okey = ("", key[1], key[2])
                if o.status == "clear":
                    self._proposal_orphans.pop(okey, None)
                else:
                    self._proposal_orphans[okey] = o
                return
            if o.status == "clear":
                self.outcomes.pop(prop.id, None)
                self.outcomes_by.pop(prop.id, None)
            else:
                self.outcomes[prop.id] = o
                self.outcomes_by.setdefault(prop.id, {})[o.reviewer] = o
            changes.proposals.add(prop.id)
            return
        d = Decision(ev["reviewer"], ev["verdict"], ev.get("note") or "", ev.get("at") or "", ev.get("user") or "",
                     ev["proposal"], how, score, ev)
        if prop is None:
            orphans: dict[Any, Any] = self._proposal_orphans
            _fold(orphans, (d.reviewer, key[1], key[2]), d)
            return
        _fold(self.by_proposal.setdefault(prop.id, {}), d.reviewer, d)
        changes.proposals.add(prop.id)


def _with_note(d: Decision, note: str) -> Decision:
    """``d`` with another note (``dataclasses.replace`` costs five times as much)."""
    return Decision(d.reviewer, d.verdict, note, d.at, d.user, d.logged_id, d.how, d.score, d.event)


def _fold(slot: dict[Any, Decision], key: Any, d: Decision) -> None:
    """One event into a slot: ``clear`` removes, ``note`` changes the note and keeps the verdict."""
    if d.verdict == "clear":
        slot.pop(key, None)
    elif d.verdict == "note":
        prev = slot.get(key)
        slot[key] = _with_note(prev, d.note) if prev is not None else _with_note(d, d.note)
        if prev is None:
            slot[key].verdict = ""
    else:
        slot[key] = d


def record(state: State, log: str | Path, events: Sequence[dict[str, Any]]) -> Changes:
    """Append ``events`` to the log (durable on return), then fold them into ``state``.

    What a live reviewer's own decisions go through. ``state.refresh()`` reads them again later
    with whatever others appended around them, in log order; folding an event twice in log order
    gives the same state, so nothing needs to tell one's own events apart.
    """
    append(log, events)
    return state.apply(events)


def resolve_state(pkg: Package, events: Iterable[dict[str, Any]], warnings: Sequence[str] = ()) -> State:
    """The state of ``pkg`` after ``events`` (in log order)."""
    state = State(pkg, warnings=list(warnings))
    events = list(events)
    state._kin(pkg).learn(events)
    state.apply(events)
    return state


def load_state(pkg: Package, log: str | Path, missing_ok: bool = True) -> State:
    """Read a log (file or folder) as a stream into the state of ``pkg``, ready to ``refresh``.

    Memory is bounded by the package's edits and proposals and the reviewers, not by the log's
    length: events are folded as they are read and not kept.
    """
    warnings: list[str] = []
    ends: dict[Path, int] = {}
    state = State(pkg, warnings=warnings)
    events = _reduced(log_batches(log, warnings, missing_ok=missing_ok, ends=ends))
    state._kin(pkg).learn(events)  # which other files were issues of this package's documents
    state.apply(events)
    state.tail = LogTail(log, ends)
    return state


def _reduced(batches: Iterable[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The events that decide the state, in log order: per logged edit (id, package, fingerprint) and
    reviewer, the last verdict or clear and the last note after it — every earlier event on it is
    overwritten by that verdict whatever else happens in between — and every proposal event.

    Folding only these is the same as folding all (the tests replay both ways); it costs a tuple and a
    dict look-up per event instead of a decision, and holds one entry per (edit, reviewer) logged:
    a million events of 5,420 (edit, reviewer) pairs fold in a third of the time.
    """
    last: dict[tuple[str, str, str, str], list[Any]] = {}
    kept: list[tuple[int, dict[str, Any]]] = []
    seq = 0
    for batch in batches:
        for ev in batch:
            seq += 1
            eid = ev.get("edit")
            if eid is None:
                kept.append((seq, ev))
                continue
            key = (eid, ev.get("package", ""), ev.get("fp", ""), ev["reviewer"])
            if ev["verdict"] == "note":
                slot = last.get(key)
                if slot is None:
                    last[key] = [0, None, seq, ev]
                else:
                    slot[2], slot[3] = seq, ev
            else:
                last[key] = [seq, ev, 0, None]
    for a, verdict, b, note in last.values():
        if verdict is not None:
            kept.append((a, verdict))
        if note is not None:
            kept.append((b, note))
    kept.sort(key=lambda pair: pair[0])
    return [ev for _, ev in kept]


# -- statuses -------------------------------------------------------------------------------------

PENDING, ACCEPTED, REJECTED, FLAGGED, DISAGREE = "pending", "accepted", "rejected", "flagged", "disagreement"
#: A verdict carried over a reissue by a close match only: decided, but not on this edit.
TO_CONFIRM = "to confirm"
EDIT_STATUSES = (ACCEPTED, REJECTED, FLAGGED, DISAGREE, TO_CONFIRM, PENDING)
_OWN = {"accept": ACCEPTED, "reject": REJECTED, "flag": FLAGGED}


def edit_status(decisions: dict[str, Decision], reviewer: str | None = None) -> str:
    """One status for an edit: a reviewer's own, or the combination of everybody's.

    A re-attached verdict is ``TO_CONFIRM`` (after a flag, in the combination: a flag asks for more).
    """
    if reviewer is not None:
        d = decisions.get(reviewer)
        if d is None or not d.verdict:
            return PENDING
        return TO_CONFIRM if d.how == REATTACHED else _OWN[d.verdict]
    verdicts = {d.verdict for d in decisions.values() if d.verdict}
    if not verdicts:
        return PENDING
    if "flag" in verdicts:
        return FLAGGED
    if any(d.how == REATTACHED for d in decisions.values() if d.verdict):
        return TO_CONFIRM
    if verdicts == {"accept"}:
        return ACCEPTED
    if verdicts == {"reject"}:
        return REJECTED
    return DISAGREE


def proposal_status(statuses: Sequence[str]) -> str:
    """Derived status of a proposal from its edits' statuses."""
    if not statuses:
        return "no edits"
    s = set(statuses)
    if DISAGREE in s:
        return "disagreement"
    if FLAGGED in s:
        return "has flags"
    if TO_CONFIRM in s:
        return "to confirm"
    if PENDING in s:
        return "pending" if s == {PENDING} else "in progress"
    if s == {ACCEPTED}:
        return "all accepted"
    if s == {REJECTED}:
        return "all rejected"
    return "decided (mixed)"


def chooser_for(pkg: Package, log: str | Path | None, reviewer: str | None,
                statuses: dict[int, str] | None = None) -> Callable[[int], str]:
    """For the decided view: accepted edits applied, rejected reverted, the rest (to confirm too) marked.
    ``statuses``, if given, is filled with each edit's status (to tell "to confirm" apart)."""
    state = load_state(pkg, log or default_log_path(pkg.path), missing_ok=log is None)
    found = {e.index: edit_status(state.verdicts(e.index), reviewer) for e in pkg.edits}
    if statuses is not None:
        statuses.update(found)

    def choose(index: int) -> str:
        return {ACCEPTED: "accept", REJECTED: "reject"}.get(found.get(index, PENDING), "mark")

    return choose
