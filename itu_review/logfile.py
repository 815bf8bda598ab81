"""The decision log on disk: its format, where it is, and appending to it durably.

A log is JSON Lines, one event a line, appended under an exclusive lock and never truncated or
rewritten — except that a writer whose own append failed cuts its partial bytes back off (under the
lock, to the size it found), so that a full disk never leaves half an event behind. Reading is in
``logread.py``.

Two layouts (see ``LogPath``): one file that every reviewer appends to (trust: whoever can write the
file can write any ``user``), or a *log folder* holding one file per operating-system account, each
created 0640 and owned by its writer, read together as one log with ``user`` taken from each file's
owner (authorship proven by the file system).
"""

from __future__ import annotations

import errno
import fcntl
import getpass
import hashlib
import json
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .errors import InputError, UsageError

#: The newest event format this version reads. An event's ``v`` is the oldest format that can read
#: it: plain edit verdicts are still written as 1 (itu-review 0.1 reads them); note-only events,
#: proposal verdicts and outcomes are 2, so that an older reader says "upgrade" instead of guessing.
FORMAT_VERSION = 2
#: Verdicts on an edit. ``note`` changes the reviewer's note and keeps their verdict.
EDIT_VERDICTS = ("accept", "reject", "flag", "clear", "note")
#: Verdicts on a proposal as a whole. ``note`` as for edits.
PROPOSAL_VERDICTS = ("support", "oppose", "flag", "clear", "note")
#: A proposal's outcome in the conference's vocabulary (``clear`` withdraws one recorded by mistake).
OUTCOMES = ("approved", "approved as amended", "not approved", "merged", "withdrawn", "suppressed",
            "no change", "noted", "postponed", "referred", "clear")
LOG_SUFFIX = ".decisions.jsonl"
#: A file name's limit on Linux and macOS file systems, in bytes.
NAME_MAX = 255


def default_log_path(package: str | Path) -> Path:
    """``PACKAGE.decisions.jsonl`` beside the package, the package's full file name kept.

    A name too long for the file system with the suffix (a package name of 240 bytes or more) is cut
    and given a hash of the whole name, so that two long names never share a log.
    """
    p = Path(package)
    name = p.name
    if len((name + LOG_SUFFIX).encode("utf-8", "surrogateescape")) > NAME_MAX:
        digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:12]
        room = NAME_MAX - len(LOG_SUFFIX.encode()) - len(digest) - 1
        cut = name.encode("utf-8", "surrogateescape")[:room].decode("utf-8", "ignore")
        name = f"{cut}-{digest}"
    return p.with_name(name + LOG_SUFFIX)


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())


def owner_name(uid: int) -> str:
    """The account name of a uid (the number itself when the system has no name for it)."""
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def now_utc() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def check_text(value: str, what: str) -> str:
    """``value`` if it can be written to the log as UTF-8; a usage error naming ``what`` otherwise.

    Command-line arguments that are not valid UTF-8 reach Python as lone surrogates (``$'\\xff'``);
    they would fail half-way through a write, so they are refused before anything is written.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise UsageError(f"{what} is not valid UTF-8 text: {shown}") from None
    return value


def encode(events: Sequence[dict[str, Any]]) -> bytes:
    """The lines for ``events``, every one checked to be writable before any byte is written."""
    out = []
    for e in events:
        line = json.dumps(e, ensure_ascii=False, separators=(",", ":"))
        try:
            out.append(line.encode("utf-8") + b"\n")
        except UnicodeEncodeError:
            raise UsageError(f"a decision holds text that is not valid UTF-8 ({line[:80]!r}); nothing recorded") from None
    return b"".join(out)


# -- where the log is ----------------------------------------------------------------------------

@dataclass(frozen=True)
class LogPath:
    """A log's location: one file, or a folder of per-account files (``folder`` is True).

    A path that is an existing directory is a log folder; anything else is a log file.
    """

    path: Path
    folder: bool

    @classmethod
    def of(cls, path: str | Path) -> LogPath:
        p = Path(path)
        try:
            st = os.lstat(p)
        except OSError:
            return cls(p, False)
        return cls(p, stat.S_ISDIR(st.st_mode))

    def own_file(self) -> Path:
        """Where this account appends: the file itself, or ``FOLDER/<account>.jsonl``."""
        # the account's own name (not $LOGNAME or $USER, which anyone can set: named from them, root's
        # file could take another reviewer's name and lock them out of the sticky folder)
        return self.path / f"{owner_name(os.geteuid())}.jsonl" if self.folder else self.path

    def files(self) -> list[Path]:
        """The files to read (a folder's ``*.jsonl``, sorted by name)."""
        if not self.folder:
            return [self.path]
        try:
            return sorted(self.path / n for n in os.listdir(self.path) if n.endswith(".jsonl"))
        except OSError as exc:
            raise InputError(self.path, f"cannot list the log folder: {exc.strerror or exc}") from None


def symlink_error(p: Path) -> InputError:
    try:
        target = os.readlink(p)
    except OSError:
        target = "?"
    missing = "" if os.path.exists(p) else ", which does not exist"
    return InputError(p, f"is a symbolic link (to {target}{missing}); a decision log is never followed through a "
                         "link: give its real path with --log")


def open_nofollow(p: Path, flags: int, mode: int = 0o660) -> int:
    try:
        return os.open(p, flags | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP or (exc.errno == errno.EEXIST and os.path.islink(p)):
            raise symlink_error(p) from None
        raise


# -- appending ------------------------------------------------------------------------------------

def append(path: str | Path, events: Sequence[dict[str, Any]]) -> None:
    """Append events durably: exclusive lock, one write, fsync before returning — all or nothing.

    Reads no more of the log than its first line (to refuse a file that is not a log: a package named
    with ``--log``) and its last byte (to terminate a line a crashed writer left open), so an append
    costs the same on a log of ten events and of a million. On a failed write the partial bytes
    are cut back off under the lock; if even that fails, the error says how many events are recorded.
    """
    if not events:
        return
    data = encode(events)
    where = LogPath.of(path)
    p = where.own_file()
    if where.folder:
        _check_folder(where.path)
    mode = 0o640 if where.folder else 0o660
    base = os.O_RDWR | os.O_APPEND
    created = False
    try:
        try:
            fd = open_nofollow(p, base | os.O_CREAT | os.O_EXCL, mode)
            created = True
        except FileExistsError:
            fd = open_nofollow(p, base | os.O_NONBLOCK)  # O_NONBLOCK: a FIFO planted as the log cannot hang us
    except InputError:
        raise
    except IsADirectoryError:
        raise InputError(p, "is a directory, not a decision log") from None
    except OSError as exc:
        raise InputError(p, f"cannot open the decision log for writing: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(p, "is not a regular file, not a decision log")
        if where.folder and st.st_uid != os.geteuid():
            raise InputError(p, f"belongs to {owner_name(st.st_uid)}: in a log folder each account appends to its "
                                "own file only")
        if created:
            os.fchmod(fd, mode)  # whatever the umask allows
        fcntl.flock(fd, fcntl.LOCK_EX)
        not_a_log = _not_a_log(fd)
        if not_a_log:
            raise InputError(p, f"is not a decision log ({not_a_log}); nothing recorded (name the log with --log)")
        _append_locked(fd, p, data, len(events))
    finally:
        os.close(fd)  # closing releases the lock


#: How much of a log's first line is read to tell that it is a log (an event line is well under 1 KiB;
#: a longer one that starts like an event is taken on trust).
FIRST_LINE = 64 << 10
#: Every event this program writes starts so (``v`` first, compact separators).
EVENT_START = b'{"v":'


def _not_a_log(fd: int) -> str | None:
    """Why the open file is not a decision log, or None when it is one (or is empty).

    Appending to a package named as the log (``--log pkg.docx``) or to a text file would damage it, so
    the first line must be an event: read through one ``pread`` of at most ``FIRST_LINE`` bytes, so
    appending still costs the same at ten events and at a million. A first line cut short (its writer
    was killed) passes when it starts as every event does (``{"v":``); a first line that is JSON is
    checked as an event by the reader's own rules.
    """
    head = os.pread(fd, FIRST_LINE, 0)
    if not head:
        return None
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "it is a zip archive: a .docx package?"
    if head.startswith(EVENT_START):
        return None  # an event, or one cut short by a crash (the reader skips it with a warning)
    line, newline, _ = head.partition(b"\n")
    if not newline:
        return "its first line is not a decision event"
    from .logread import TORN, NewerLog, problem

    try:
        obj = json.loads(line)
    except (ValueError, RecursionError):
        return "its first line is not JSON"
    try:
        why = problem(obj)
    except NewerLog:
        return None  # a log of a newer format: the reader says "upgrade"
    if why is None or why == TORN:
        return None
    return f"its first line is not a decision event: {why}"


def _append_locked(fd: int, p: Path, data: bytes, count: int) -> None:
    size = os.fstat(fd).st_size
    if size and os.pread(fd, 1, size - 1) != b"\n":
        marker = {"v": 1, "at": now_utc(), "event": "torn", "user": os_user(),
                  "note": "the line before was cut short by a crash and is skipped"}
        data = b"\n" + json.dumps(marker, separators=(",", ":")).encode() + b"\n" + data
    written = 0
    try:
        view = memoryview(data)
        while written < len(data):
            written += os.write(fd, view[written:])
        os.fsync(fd)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        try:
            os.ftruncate(fd, size)
            os.fsync(fd)
        except OSError:
            kept = data[:written].count(b"\n") - (2 if data.startswith(b"\n") and written > 1 else 0)
            kept = max(0, min(kept, count))
            raise InputError(p, f"{kept} of {count} decision{'s' if count != 1 else ''} recorded, then: {reason} "
                                "(the rest were not)") from None
        raise InputError(p, f"cannot write the decision log: {reason}; nothing of the {count} "
                            f"decision{'s' if count != 1 else ''} was recorded") from None


def _check_folder(folder: Path) -> None:
    """A log folder proves authorship only if nobody can remove or replace another account's file."""
    st = os.stat(folder)
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and not st.st_mode & stat.S_ISVTX:
        raise InputError(folder, "is a log folder that others can write to without the sticky bit: anyone could "
                                 "replace your file (chmod +t it; see README, 'Who wrote what')")
