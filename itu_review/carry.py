"""Placing a logged event on a package: which edit or proposal it is about, and how it got there.

A decision names its subject by id and carries enough to find it again in a reissued package: an edit
event its fingerprint, texts and context; a proposal event its action and target. How it was found:

- ``SAME``: the package the event was logged on, or the same id with the same fingerprint (target);
- ``MOVED``: the same fingerprint (target) under another id;
- ``REATTACHED``: only a close match (rapidfuzz) — the decision is "to confirm";
- ``ORPHANED``: nothing close; kept and reported, never dropped;
- ``FOREIGN``: logged on another document — not placed, not an orphan of this one.

A log may serve several packages (a team's log folder, a config log path without ``{name}``). An
event logged on another file carries over only from an issue of the same document: its proposal id's
document (``AFCP/12A1`` of ``AFCP/12A1/1#3``: the source and document number, which a reissue keeps)
must be one of this package's. Without that, EUR's decision on a change would land on ACP's identical
change, and a French package's edits would re-attach an English one's decisions. Front matter and
header events (``DOC#2``, ``HEADERS#1``: no document in the id) follow what the same file's numbered
events say — learnt from the whole log before any event is placed (``Kinship.learn``), so the order
of review does not matter; a file with no numbered event at all is another document's when this
package has numbered proposals, and kin when it has none (two files of front matter only cannot be
told apart by their ids).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .model import Edit, Package, Proposal

SAME, MOVED, REATTACHED, ORPHANED, FOREIGN = "same", "moved", "re-attached", "orphaned", "foreign"
FUZZY_THRESHOLD = 80.0

Match = tuple[Edit | None, str, float]
ProposalMatch = tuple[Proposal | None, str, float]


def document_of(ident: str) -> str:
    """The document a proposal or edit id belongs to: ``AFCP/12A1`` of ``AFCP/12A1/1#3``; "" for
    ``DOC`` and ``HEADERS``."""
    pid = ident.split("#", 1)[0]
    return pid.rsplit("/", 1)[0] if "/" in pid else ""


class Kinship:
    """Which other files' events belong to this package: earlier issues of its own documents."""

    def __init__(self, pkg: Package) -> None:
        self.sha256 = pkg.sha256
        self.documents = {document_of(p.id) for p in pkg.proposals} - {""}
        #: package hash -> whether that file was an issue of one of our documents (learnt from its events)
        self.files: dict[str, bool] = {}

    def learn(self, events: Iterable[dict[str, Any]]) -> None:
        """Which files were issues of our documents, from their numbered events (before placing any)."""
        for ev in events:
            ident = ev.get("edit") or ev.get("proposal") or ""
            package = str(ev.get("package", ""))
            if package and package != self.sha256 and isinstance(ident, str) and document_of(ident):
                self.foreign(package, ident)

    def foreign(self, package: str, ident: str) -> bool:
        """Whether an event on ``ident`` logged on file ``package`` is about another document."""
        if package == self.sha256 or not package:
            return False
        doc = document_of(ident)
        if not doc:
            known = self.files.get(package)
            return bool(self.documents) if known is None else not known
        kin = doc in self.documents
        if kin or package not in self.files:
            self.files[package] = kin
        return not kin


class EditIndex:
    """A package's edits by id, and by fingerprint once an event needs it (a reissued package)."""

    def __init__(self, pkg: Package, kinship: Kinship | None = None) -> None:
        self.pkg = pkg
        self.by_id = {e.id: e for e in pkg.edits}
        self._by_fp: dict[str, list[Edit]] | None = None
        self.kinship = kinship or Kinship(pkg)

    def by_fingerprint(self, fp: str) -> list[Edit]:
        if self._by_fp is None:
            self._by_fp = {}
            for e in self.pkg.edits:
                for f in e.fingerprints:  # a log written by 0.1 knows some edits by an older fingerprint
                    self._by_fp.setdefault(f, []).append(e)
        return self._by_fp.get(fp, [])

    def match(self, ev: dict[str, Any]) -> Match:
        eid, fp = ev.get("edit", ""), ev.get("fp", "")
        if self.kinship.foreign(str(ev.get("package", "")), eid):
            return None, FOREIGN, 0.0
        same = self.by_id.get(eid)
        if ev.get("package") == self.pkg.sha256 and same is not None:
            return same, SAME, 100.0
        cands = self.by_fingerprint(fp) if fp else []
        if cands:
            if same is not None and same in cands:
                return same, SAME, 100.0
            proposal = eid.split("#")[0]
            for e in cands:
                if e.proposal == proposal:
                    return e, MOVED, 100.0
            return cands[0], MOVED, 100.0
        return fuzzy(self.pkg, ev)


#: Kinds of text edits: what tells them apart is which sides hold text or paragraph marks, which a
#: reissue may change (and which itu-review 0.1 named differently for edits of text and marks together).
TEXT_KINDS = frozenset({"replace", "insert", "delete", "split", "merge"})


def _family(kind: str) -> str:
    return "text" if kind in TEXT_KINDS else kind


def fuzzy(pkg: Package, ev: dict[str, Any]) -> Match:
    """The closest edit of the same family (text edits are one) by texts (75%) and context (25%), +5 in
    the same proposal."""
    from rapidfuzz import fuzz

    want = f"{ev.get('del', '')}\x1f{ev.get('ins', '')}\x1f{ev.get('subject', '')}"
    ctx = f"{ev.get('before', '')}\x1f{ev.get('after', '')}"
    if not want.strip("\x1f"):
        return None, ORPHANED, 0.0
    proposal = str(ev.get("edit", "")).split("#")[0]
    best: tuple[float, Edit | None] = (0.0, None)
    family = _family(str(ev.get("kind", "")))
    for e in pkg.edits:
        if family and _family(e.kind) != family:
            continue
        score = fuzz.ratio(want, f"{e.deleted}\x1f{e.inserted}\x1f{e.subject}", score_cutoff=FUZZY_THRESHOLD - 10)
        if not score:
            continue
        score = 0.75 * score + 0.25 * fuzz.ratio(ctx, f"{e.before}\x1f{e.after}")
        if e.proposal == proposal:
            score += 5
        if score > best[0]:
            best = (score, e)
    if best[1] is not None and best[0] >= FUZZY_THRESHOLD:
        return best[1], REATTACHED, min(best[0], 100.0)
    return None, ORPHANED, best[0]


def target_of(prop: Proposal) -> dict[str, str]:
    return {"kind": prop.target.kind, "number": prop.target.number}


class ProposalIndex:
    """A package's proposals by id and by what they act on (action family and target)."""

    def __init__(self, pkg: Package, kinship: Kinship | None = None) -> None:
        self.pkg = pkg
        self.kinship = kinship or Kinship(pkg)
        self.by_id = {p.id: p for p in pkg.proposals}
        self.by_target: dict[tuple[str, str], list[Proposal]] = {}
        for p in pkg.proposals:
            if p.target.kind:
                self.by_target.setdefault((p.target.kind, p.target.number), []).append(p)

    def match(self, ev: dict[str, Any]) -> ProposalMatch:
        """Same id (and target) → SAME; the one proposal on that target → MOVED; the same id now acting
        on another text → REATTACHED (to confirm); otherwise ORPHANED."""
        pid = ev.get("proposal", "")
        if self.kinship.foreign(str(ev.get("package", "")), pid):
            return None, FOREIGN, 0.0
        same = self.by_id.get(pid)
        target = ev.get("target") or {}
        key = (str(target.get("kind", "")), str(target.get("number", "")))
        if same is not None and (ev.get("package") == self.pkg.sha256 or not key[0]
                                 or key == (same.target.kind, same.target.number)):
            return same, SAME, 100.0
        cands = self.by_target.get(key, []) if key[0] else []
        action = str(ev.get("action", "")).strip("()*")
        if len(cands) > 1:
            cands = [p for p in cands if p.action.strip("()*") == action] or cands
        if len(cands) == 1:
            return cands[0], MOVED, 100.0
        if same is not None:
            return same, REATTACHED, 50.0
        return None, ORPHANED, 0.0
