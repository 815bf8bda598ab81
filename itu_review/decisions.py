"""The decision log: JSON Lines, appended under an exclusive lock, never truncated or rewritten.

One event a line::

    {"v": 1, "at": "2026-11-28T17:00:00.123Z", "reviewer": "amina", "user": "amina", "package": "<sha256>",
     "edit": "B/67/1#3", "fp": "…", "verdict": "accept", "note": "", "del": "…", "ins": "…",
     "before": "…", "after": "…"}

The deleted and inserted texts and a little context travel with each event so that a decision can
follow its edit into a reissued package (same fingerprint: moved with it; close match: re-attached
for a second look; nothing close: orphaned, and still reported). A crash can leave a torn last line:
the next writer terminates it and appends a ``torn`` marker, and readers skip it with a warning.
"""

from __future__ import annotations

import fcntl
import getpass
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .errors import InputError, UsageError
from .model import Edit, Package

FORMAT_VERSION = 1
VERDICTS = ("accept", "reject", "flag", "clear")
LOG_SUFFIX = ".decisions.jsonl"


def default_log_path(package: str | Path) -> Path:
    """``PACKAGE.decisions.jsonl`` beside the package (the package's full file name kept)."""
    p = Path(package)
    return p.with_name(p.name + LOG_SUFFIX)


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())


def reviewer_name(given: str | None, configured: str | None = None) -> str:
    """--reviewer, else $ITU_REVIEW_REVIEWER, else the config file's, else the login name."""
    for name in (given, os.environ.get("ITU_REVIEW_REVIEWER"), configured):
        if name and name.strip():
            name = name.strip()
            if any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in name):
                raise UsageError(f"reviewer name {name!r} contains a control character")
            return name
    return os_user()


def now_utc() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def make_event(pkg: Package, edit: Edit, reviewer: str, verdict: str, note: str = "") -> dict[str, Any]:
    if verdict not in VERDICTS:
        raise UsageError(f"unknown verdict {verdict!r} (one of {', '.join(VERDICTS)})")
    return {"v": FORMAT_VERSION, "at": now_utc(), "reviewer": reviewer, "user": os_user(),
            "package": pkg.sha256, "edit": edit.id, "fp": edit.fingerprint, "verdict": verdict, "note": note,
            "kind": edit.kind, "del": edit.deleted, "ins": edit.inserted, "subject": edit.subject,
            "before": edit.before, "after": edit.after}


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def append(path: str | Path, events: Sequence[dict[str, Any]]) -> None:
    """Append events durably: exclusive lock, one write, fsync before returning."""
    if not events:
        return
    p = Path(path)
    created = False
    try:
        fd = os.open(p, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL, 0o660)
        created = True
    except FileExistsError:
        fd = os.open(p, os.O_WRONLY | os.O_APPEND)
    except OSError as exc:
        raise InputError(p, f"cannot create the decision log: {exc.strerror or exc}") from None
    try:
        if created:
            os.fchmod(fd, 0o660)  # owner and group only, whatever the umask allows
        fcntl.flock(fd, fcntl.LOCK_EX)
        prefix = b""
        size = os.fstat(fd).st_size
        if size:
            with open(p, "rb") as fh:
                fh.seek(size - 1)
                if fh.read(1) != b"\n":
                    torn = {"v": FORMAT_VERSION, "at": now_utc(), "event": "torn", "user": os_user(),
                            "note": "the line before was cut short by a crash and is skipped"}
                    marker = json.dumps(torn, ensure_ascii=False, separators=(",", ":"))
                    prefix = b"\n" + marker.encode("utf-8") + b"\n"
        lines = b"".join(json.dumps(e, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
                         for e in events)
        _write_all(fd, prefix + lines)
        os.fsync(fd)
    except OSError as exc:
        raise InputError(p, f"cannot write the decision log: {exc.strerror or exc}") from None
    finally:
        os.close(fd)  # closing releases the lock


@dataclass
class LogRead:
    events: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)


_JSON_SPACE = " \t\r\n"


def read_log(path: str | Path, missing_ok: bool = True) -> LogRead:
    """All decision events; a torn line is reported and skipped, any other bad line is an error."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        if missing_ok:
            return LogRead([])
        raise InputError(p, "no such decision log") from None
    except IsADirectoryError:
        raise InputError(p, "is a directory, not a decision log") from None
    except OSError as exc:
        raise InputError(p, f"cannot read the decision log: {exc.strerror or exc}") from None
    raw_lines = data.split(b"\n")
    ends_clean = data.endswith(b"\n") or not data
    parsed: list[tuple[int, dict[str, Any] | None, str]] = []
    decode = json.JSONDecoder().raw_decode  # what json.loads does, less its per-call set-up
    for n, raw in enumerate(raw_lines, 1):
        if not raw.strip():
            continue
        try:
            text = raw.decode("utf-8").strip(_JSON_SPACE)
            obj, end = decode(text)
            if end != len(text):
                raise ValueError(f"extra data at column {end + 1}")
            if not isinstance(obj, dict):
                raise ValueError("not an object")
            parsed.append((n, obj, ""))
        except (ValueError, UnicodeDecodeError) as exc:
            parsed.append((n, None, str(exc)))
    out = LogRead([])
    for k, (n, obj, err) in enumerate(parsed):
        if obj is None:
            is_last = k == len(parsed) - 1
            followed_by_marker = k + 1 < len(parsed) and (parsed[k + 1][1] or {}).get("event") == "torn"
            if (is_last and not ends_clean) or followed_by_marker:
                out.warnings.append(f"{p}: line {n} was cut short by a crash (an event in flight was lost); "
                                    "skipped")
                continue
            raise InputError(p, f"line {n} is not a valid decision event ({err})")
        version = obj.get("v")
        if not isinstance(version, int):
            raise InputError(p, f"line {n} has no format version")
        if version > FORMAT_VERSION:
            raise InputError(p, f"line {n} was written by a newer itu-review (log format v{version}, this "
                                f"version reads v{FORMAT_VERSION}); upgrade itu-review to read this log")
        if obj.get("event") == "torn":
            continue
        for key in ("reviewer", "edit", "verdict"):
            if not isinstance(obj.get(key), str):
                raise InputError(p, f"line {n} lacks {key!r}")
        if obj["verdict"] not in VERDICTS:
            raise InputError(p, f"line {n} has an unknown verdict {obj['verdict']!r}")
        obj["_line"] = n
        out.events.append(obj)
    return out


# -- resolving events against a package --------------------------------------------------------

SAME, MOVED, REATTACHED, ORPHANED = "same", "moved", "re-attached", "orphaned"
FUZZY_THRESHOLD = 80.0


@dataclass
class Decision:
    """A reviewer's current verdict on an edit (or on an edit no longer found)."""

    reviewer: str
    verdict: str
    note: str
    at: str
    user: str
    logged_id: str
    how: str  # SAME | MOVED | REATTACHED | ORPHANED
    score: float = 100.0
    event: dict[str, Any] = field(default_factory=dict)


@dataclass
class State:
    """Decisions resolved against one package."""

    by_edit: dict[int, dict[str, Decision]]
    orphans: list[Decision]
    warnings: list[str]

    def verdicts(self, edit: int) -> dict[str, Decision]:
        return self.by_edit.get(edit, {})

    def reviewers(self) -> list[str]:
        names = {r for ds in self.by_edit.values() for r in ds} | {d.reviewer for d in self.orphans}
        return sorted(names)


class _ByFingerprint:
    """Edits by fingerprint, computed only when an event needs it (a reissued package)."""

    def __init__(self, pkg: Package) -> None:
        self.pkg = pkg
        self.index: dict[str, list[Edit]] | None = None

    def get(self, fp: str) -> list[Edit]:
        if self.index is None:
            self.index = {}
            for e in self.pkg.edits:
                for known in e.fingerprints:  # a log written by 0.1 knows some edits by an older fingerprint
                    self.index.setdefault(known, []).append(e)
        return self.index.get(fp, [])


def _match(pkg: Package, ev: dict[str, Any], by_fp: _ByFingerprint, by_id: dict[str, Edit]) -> tuple[Edit | None, str, float]:
    eid, fp = ev.get("edit", ""), ev.get("fp", "")
    same = by_id.get(eid)
    if ev.get("package") == pkg.sha256 and same is not None:
        return same, SAME, 100.0
    cands = by_fp.get(fp)
    if cands:
        if same is not None and same in cands:
            return same, SAME, 100.0
        proposal = eid.split("#")[0]
        for e in cands:
            if e.proposal == proposal:
                return e, MOVED, 100.0
        return cands[0], MOVED, 100.0
    return _fuzzy(pkg, ev)


def _fuzzy(pkg: Package, ev: dict[str, Any]) -> tuple[Edit | None, str, float]:
    from rapidfuzz import fuzz

    want = f"{ev.get('del', '')}\x1f{ev.get('ins', '')}\x1f{ev.get('subject', '')}"
    ctx = f"{ev.get('before', '')}\x1f{ev.get('after', '')}"
    if not want.strip("\x1f"):
        return None, ORPHANED, 0.0
    proposal = str(ev.get("edit", "")).split("#")[0]
    best: tuple[float, Edit | None] = (0.0, None)
    for e in pkg.edits:
        if e.kind != ev.get("kind", e.kind):
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


def resolve_state(pkg: Package, events: Iterable[dict[str, Any]], warnings: Sequence[str] = ()) -> State:
    """The last event per (reviewer, edit), with every event placed on the package's edits."""
    events = list(events)
    by_fp = _ByFingerprint(pkg)
    by_id = {e.id: e for e in pkg.edits} if events else {}
    by_edit: dict[int, dict[str, Decision]] = {}
    orphans: dict[tuple[str, str, str], Decision] = {}
    cache: dict[tuple[str, str, str], tuple[Edit | None, str, float]] = {}
    for ev in events:
        key = (str(ev.get("package", "")), str(ev.get("edit", "")), str(ev.get("fp", "")))
        if key not in cache:
            cache[key] = _match(pkg, ev, by_fp, by_id)
        edit, how, score = cache[key]
        d = Decision(ev["reviewer"], ev["verdict"], str(ev.get("note", "")), str(ev.get("at", "")),
                     str(ev.get("user", "")), ev["edit"], how, score, ev)
        if edit is None:
            okey = (ev["reviewer"], key[1], key[2])
            if d.verdict == "clear":
                orphans.pop(okey, None)
            else:
                orphans[okey] = d
            continue
        slot = by_edit.setdefault(edit.index, {})
        if d.verdict == "clear":
            slot.pop(d.reviewer, None)
        else:
            slot[d.reviewer] = d
    return State(by_edit, list(orphans.values()), list(warnings))


def load_state(pkg: Package, log: str | Path) -> State:
    read = read_log(log)
    return resolve_state(pkg, read.events, read.warnings)


# -- combined status ------------------------------------------------------------------------------

PENDING, ACCEPTED, REJECTED, FLAGGED, DISAGREE = "pending", "accepted", "rejected", "flagged", "disagreement"


def edit_status(decisions: dict[str, Decision], reviewer: str | None = None) -> str:
    """One status for an edit: a reviewer's own, or the combination of everybody's."""
    if reviewer is not None:
        d = decisions.get(reviewer)
        return {None: PENDING, "accept": ACCEPTED, "reject": REJECTED, "flag": FLAGGED}[d.verdict if d else None]
    verdicts = {d.verdict for d in decisions.values()}
    if not verdicts:
        return PENDING
    if "flag" in verdicts:
        return FLAGGED
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
    if PENDING in s:
        return "pending" if s == {PENDING} else "in progress"
    if s == {ACCEPTED}:
        return "all accepted"
    if s == {REJECTED}:
        return "all rejected"
    return "decided (mixed)"


def chooser_for(pkg: Package, log: str | None, reviewer: str | None):  # type: ignore[no-untyped-def]
    """For the decided view: accepted edits applied, rejected reverted, the rest left marked."""
    state = load_state(pkg, log or default_log_path(pkg.path))

    def choose(index: int) -> str:
        status = edit_status(state.verdicts(index), reviewer)
        return {ACCEPTED: "accept", REJECTED: "reject"}.get(status, "mark")

    return choose
