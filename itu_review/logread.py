"""Reading the decision log: streamed in blocks, strict about every line, and read on from where it stopped.

An event is recorded once its line is complete: its newline written. A line without one (its writer
was killed, or is writing it now) is skipped with a warning; the next writer terminates it and adds a
``torn`` marker, and the line before a marker is skipped too, with any unreadable lines just before it
(a marker itself cut short by a full disk). Any other unreadable or invalid line is an error naming its
line number: the log is never guessed at, and never repaired.

Reading streams in blocks of ``BLOCK`` bytes (1 MiB), so memory is bounded by what the caller keeps, not by
the log's length. Lines are decoded with ``orjson`` (measured on one million events, 386 MiB, decoding
alone: ``orjson.loads`` 0.75 s a million lines, ``json`` 2.0 s with ``raw_decode``, 3.0 s with
``json.loads`` of bytes); ``json`` decodes the lines off the usual path, for its messages and its rules.
A log folder's files are merged in time order as they stream (``heapq.merge``).
"""

from __future__ import annotations

import heapq
import json
import os
import stat
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from . import __version__
from .errors import InputError, UsageError
from .logfile import (EDIT_VERDICTS, FORMAT_VERSION, OUTCOMES, PROPOSAL_VERDICTS, LogPath, open_nofollow,
                      owner_name, symlink_error)

#: Read in blocks of 1 MiB (measured on a million events, reading and folding: 3.1 s, 3.6 s with blocks
#: of 4 MiB, whose 10,000 events held at once fit no cache). A line longer than a block is gathered
#: whole before it is decoded.
BLOCK = 1 << 20
Events = Generator[dict[str, Any], None, int]


@dataclass
class LogRead:
    """Events read from a log, the warnings on the way, and where the reading stopped.

    ``end`` is the byte offset after the last complete line of a log file (read on from there with
    ``read_log(path, start=end)``); for a log folder use ``LogTail``.
    """

    events: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)
    end: int = 0


_JSON_SPACE = b" \t\r\n"
_STR_EDIT = ("at", "user", "package", "fp", "note", "kind", "del", "ins", "subject", "before", "after",
             "detail")
_STR_PROPOSAL = ("at", "user", "package", "note", "action", "title", "ref")
TORN = "torn"


class NewerLog(Exception):
    """An event of a newer log format than this version reads (its ``v``)."""


_EDIT_VERDICT_SET = frozenset(EDIT_VERDICTS)
_join = "".join


def plain_edit(obj: Any) -> bool:
    """Whether a decoded line is the usual line: an edit event, ``v`` first, every other value text.

    Recognised by joining the values after ``v`` in C (``str.join`` refuses anything but text): a
    quarter of the cost of a check per field.
    """
    if type(obj) is dict and "edit" in obj and next(iter(obj)) == "v":
        values = iter(obj.values())
        v, reviewer = next(values), obj.get("reviewer")
        try:
            _join(values)
        except TypeError:
            return False
        return bool(type(v) is int and 1 <= v <= FORMAT_VERSION and reviewer and not reviewer.isspace()
                    and obj.get("verdict") in _EDIT_VERDICT_SET)
    return False


def problem(obj: Any) -> str | None:
    """What is wrong with a decoded line as an event (``TORN`` for a torn marker), or None."""
    return None if plain_edit(obj) else _problem(obj)


def _problem(obj: Any) -> str | None:
    if not isinstance(obj, dict):
        return "not an object"
    v = obj.get("v")
    if type(v) is not int:
        return "no format version" if v is None else f"format version {v!r} is not a whole number"
    if v < 1:
        return f"format version {v} does not exist"
    if v > FORMAT_VERSION:
        raise NewerLog(v)
    if obj.get("event") == TORN:
        return TORN
    reviewer = obj.get("reviewer")
    if type(reviewer) is not str or not reviewer.strip():
        return "no reviewer"
    if "edit" in obj:
        if type(obj["edit"]) is not str:
            return "'edit' is not text"
        if obj.get("verdict") not in EDIT_VERDICTS:
            return f"unknown verdict {obj.get('verdict')!r}"
        keys: tuple[str, ...] = _STR_EDIT
    elif "proposal" in obj:
        if type(obj["proposal"]) is not str:
            return "'proposal' is not text"
        if "outcome" in obj:
            if obj["outcome"] not in OUTCOMES:
                return f"unknown outcome {obj['outcome']!r}"
        elif obj.get("verdict") not in PROPOSAL_VERDICTS:
            return f"unknown proposal verdict {obj.get('verdict')!r}"
        target = obj.get("target")
        if target is not None and not (isinstance(target, dict) and all(type(x) is str for x in target.values())):
            return "'target' is not {\"kind\": text, \"number\": text}"
        keys = _STR_PROPOSAL
    else:
        return "neither an edit nor a proposal event"
    for k in keys:
        x = obj.get(k)
        if x is not None and type(x) is not str:
            return f"{k!r} is not text"
    return None


def _has_surrogate(obj: dict[str, Any]) -> str | None:
    for k, x in obj.items():
        for s in (x.values() if isinstance(x, dict) else (x,)):
            if isinstance(s, str) and not s.isascii():
                try:
                    s.encode("utf-8")
                except UnicodeEncodeError:
                    return k
    return None


class _Reader:
    """Lines of one log file as events, with the torn-line rules; fed block by block."""

    def __init__(self, path: Path, warnings: list[str], line: int = 0) -> None:
        self.path = path
        self.warnings = warnings
        self.line = line
        self.decode = json.JSONDecoder().raw_decode
        #: the last good event and its line, held back until the next line shows it is not torn
        self.held: dict[str, Any] | None = None
        self.held_line = 0
        #: unreadable lines waiting to learn whether a torn marker follows them: (line, error, offset)
        self.bad: list[tuple[int, str, int]] = []
        #: byte offset the reading started at (line numbers are counted from there)
        self.start = 0

    def feed(self, block: bytes, offset: int, out: list[dict[str, Any]]) -> None:
        """Complete lines into ``out``: ``block`` starts at byte ``offset``, a line start; what follows its
        last newline (a line the block cut) is left for the next block.

        The loop is the cost of reading a long log beyond decoding itself, so the usual line — one
        well-formed edit event — takes the shortest path: ``plain_edit`` inlined, locals only, line
        numbers and byte offsets counted only when a line needs them (measured on a million events:
        0.1 µs a line less than calling ``plain_edit``). Anything else goes through ``_line``, which
        decodes with ``json`` for its exact messages.

        ``orjson`` decodes (a third of ``json``'s time) and is only trusted with what both parsers read
        alike: an object whose values are all text but a small integer ``v``. What it refuses and
        ``json`` reads (a lone surrogate, ``NaN``, a number past 64 bits) takes the slow path, so the
        rules are ``json``'s.
        """
        held, held_line, bad = self.held, self.held_line, self.bad
        loads, join, verdicts, newest = orjson.loads, _join, _EDIT_VERDICT_SET, FORMAT_VERSION
        base = self.line
        lines = block.split(b"\n")
        lines.pop()
        seen, seen_at = 0, offset  # where the slow path last counted byte offsets to
        for idx, raw in enumerate(lines):
            if not bad:
                try:
                    obj = loads(raw)
                    if type(obj) is dict and "edit" in obj:
                        values = iter(obj.values())
                        v = next(values)
                        join(values)  # TypeError unless every value after the first is text
                        reviewer = obj.get("reviewer")
                        if (type(v) is int and 0 < v <= newest and next(iter(obj)) == "v" and reviewer
                                and not reviewer.isspace() and obj.get("verdict") in verdicts):
                            if held is not None:
                                out.append(held)
                            held, held_line = obj, base + idx + 1
                            continue
                except (ValueError, TypeError):
                    pass  # not the usual line: the careful path below reads it, and says what is wrong
            seen_at += sum(len(x) + 1 for x in lines[seen:idx])
            seen = idx
            self.line, self.held, self.held_line = base + idx + 1, held, held_line
            self._line(raw, seen_at, out)
            held, held_line = self.held, self.held_line
        self.line, self.held, self.held_line = base + len(lines), held, held_line

    def _line(self, raw: bytes, at: int, out: list[dict[str, Any]]) -> None:
        """A line off the fast path: blank, spaced, a torn marker, or unreadable."""
        raw = raw.strip(_JSON_SPACE)
        if not raw:
            return
        obj, err = self._parse(raw)
        if err is None:
            if self.bad:
                self._error(self.bad[0][0], self.bad[0][1])
            if self.held is not None:
                out.append(self.held)
            self.held, self.held_line = obj, self.line
        elif err == TORN:  # the lines before it were cut short
            if self.held is not None:
                self._torn(self.held_line)
                self.held = None
            for k, _, _ in self.bad:
                self._torn(k)
            self.bad.clear()
        else:  # torn, if a marker or an unterminated end follows; an error otherwise
            if self.held is not None:  # a good event before a bad line: kept
                out.append(self.held)
                self.held = None
            self.bad.append((self.line, err, at))

    def finish(self, tail: bytes, out: list[dict[str, Any]]) -> None:
        """End of file: ``tail`` is an unterminated last line (or b"").

        Unreadable lines just before an unterminated one were cut short like it (a writer that failed
        on a full disk); unreadable lines at a clean end of file are errors.
        """
        unterminated = bool(tail.strip(_JSON_SPACE))
        if self.bad and not unterminated:
            self._error(self.bad[0][0], self.bad[0][1])
        for k, _, _ in self.bad:
            self._torn(k)
        self.bad.clear()
        if self.held is not None:
            out.append(self.held)
            self.held = None
        if unterminated:
            self._torn(self.line + 1, unterminated=True)

    def _parse(self, raw: bytes) -> tuple[dict[str, Any] | None, str | None]:
        try:
            text = raw.decode("utf-8")
            obj, end = self.decode(text)
        except UnicodeDecodeError:
            return None, "not UTF-8"
        except ValueError as exc:
            return None, str(exc)
        except RecursionError:
            return None, "nested too deeply"
        if end != len(text):
            return None, f"extra data at column {end + 1}"
        try:
            err = problem(obj)
        except NewerLog as exc:
            raise InputError(self.path, f"{self._where(self.line)} was written by a newer itu-review (log format "
                                        f"v{exc.args[0]}; itu-review {__version__} reads up to v{FORMAT_VERSION}); "
                                        "upgrade itu-review to read this log") from None
        if err is None and (b"\\ud" in raw or b"\\uD" in raw):  # json reads a lone surrogate escape as text
            key = _has_surrogate(obj)
            if key is not None:
                err = f"{key!r} holds a lone surrogate, not text"
        return obj, err

    def _torn(self, n: int, unterminated: bool = False) -> None:
        why = "no line end: its writer was interrupted, or is writing it now" if unterminated else \
            "its writer was interrupted"
        self.warnings.append(f"{self.path}: {self._where(n)} was cut short ({why}): skipped; that one event is not "
                             "recorded, every complete line is")

    def _where(self, n: int) -> str:
        return f"line {n}" + (f" after byte {self.start}" if self.start else "")

    def _error(self, n: int, err: str) -> None:
        raise InputError(self.path, f"{self._where(n)} is not a valid decision event ({err})")


def _open_read(p: Path) -> int:
    try:
        fd = open_nofollow(p, os.O_RDONLY | os.O_NONBLOCK)
    except InputError:
        raise
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        raise InputError(p, "is a directory, not a decision log") from None
    except OSError as exc:
        raise InputError(p, f"cannot read the decision log: {exc.strerror or exc}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise InputError(p, "is not a regular file, not a decision log")
    return fd


Batches = Generator[list[dict[str, Any]], None, int]


def file_batches(p: Path, warnings: list[str], start: int = 0, stop_at_tail: bool = False,
                 user: str | None = None) -> Batches:
    """Events of one log file from byte ``start`` (a line start), a list per block read.

    With ``stop_at_tail`` an unterminated last line is left for later (a live reader: it may be
    being written) and the event before it is not held back. The generator's return value is the
    offset after the last complete line. ``user`` overrides each event's ``user`` (a log folder's
    file owner). Lists per block, not events one by one: two generator layers less per event.
    """
    fd = _open_read(p)
    reader = _Reader(p, warnings)
    reader.start = start
    offset = start  # the start of the first line not yet read whole: each block is read from a line start
    size = BLOCK
    rest = b""  # an unterminated last line
    try:
        while True:
            try:
                block = os.pread(fd, size, offset)
            except OSError as exc:
                raise InputError(p, f"cannot read the decision log: {exc.strerror or exc}") from None
            cut = block.rfind(b"\n") + 1
            if not cut:
                if len(block) < size:  # the end of the file
                    rest = block
                    break
                size *= 2  # a line longer than the block: read it whole
                continue
            out: list[dict[str, Any]] = []
            reader.feed(block, offset, out)  # the line the block cuts is read again with the next block
            offset += cut
            size = BLOCK
            if out:
                yield _owned(out, user)
    finally:
        os.close(fd)
    end = offset
    out = []
    if stop_at_tail:
        if reader.bad:
            if not rest.strip(_JSON_SPACE):
                reader._error(reader.bad[0][0], reader.bad[0][1])
            end = reader.bad[0][2]  # perhaps cut short by a writer still at work: decided on the next read
        if reader.held is not None:
            out.append(reader.held)
    else:
        reader.finish(rest, out)
    if out:
        yield _owned(out, user)
    return end


def _owned(events: list[dict[str, Any]], user: str | None) -> list[dict[str, Any]]:
    if user is not None:
        for ev in events:
            ev["user"] = user
    return events


def iter_file(p: Path, warnings: list[str], start: int = 0, stop_at_tail: bool = False,
              user: str | None = None) -> Events:
    """``file_batches`` one event at a time; returns the end offset likewise."""
    gen = file_batches(p, warnings, start, stop_at_tail, user)
    while True:
        try:
            batch = next(gen)
        except StopIteration as stop:
            return int(stop.value or 0)
        yield from batch


def _tracked(gen: Events, key: Path, ends: dict[Path, int]) -> Iterator[dict[str, Any]]:
    try:
        ends[key] = yield from gen
    except FileNotFoundError:  # a folder's file removed between listing and opening: nothing of it to read
        ends[key] = 0


def log_batches(path: str | Path, warnings: list[str], missing_ok: bool = True,
                ends: dict[Path, int] | None = None) -> Iterator[list[dict[str, Any]]]:
    """Every event of a log file or folder, streamed as lists (a folder's files merged in time order).

    ``ends`` receives each file's offset after its last complete line (to start a ``LogTail`` at).
    """
    where = LogPath.of(path)
    ends = {} if ends is None else ends
    if not where.folder:
        try:
            gen = file_batches(where.path, warnings)
            while True:
                try:
                    yield next(gen)
                except StopIteration as stop:
                    ends[where.path] = int(stop.value or 0)
                    return
        except FileNotFoundError:
            if os.path.islink(where.path):
                raise symlink_error(where.path) from None
            if not missing_ok:
                raise InputError(where.path, "no such decision log") from None
        return
    streams = []
    for f in where.files():
        try:
            owner, note = folder_file_owner(f)
        except FileNotFoundError:
            continue  # removed since the folder was listed
        except NotALogFile as exc:
            warnings.append(f"{exc}: left out of the log")  # anyone in the group could plant one
            continue
        if note:
            warnings.append(note)
        streams.append(_tracked(iter_file(f, warnings, user=owner), f, ends))
    batch: list[dict[str, Any]] = []
    for ev in heapq.merge(*streams, key=lambda ev: str(ev.get("at", ""))):
        batch.append(ev)
        if len(batch) >= 10_000:
            yield batch
            batch = []
    if batch:
        yield batch


def iter_log(path: str | Path, warnings: list[str], missing_ok: bool = True,
             ends: dict[Path, int] | None = None) -> Iterator[dict[str, Any]]:
    """Every event of a log file or folder, one at a time (see ``log_batches``)."""
    for batch in log_batches(path, warnings, missing_ok, ends):
        yield from batch


class NotALogFile(InputError):
    """An entry of a log folder that is no file of events: a link, a FIFO, a directory."""


def folder_file_owner(f: Path) -> tuple[str, str]:
    """The account that owns a log folder's file (the proven author of its events), and a note when
    others can write to it. FileNotFoundError when it is gone, NotALogFile when it is a link, a pipe or
    a folder (the callers leave either out: one planted entry must not make a team's log unreadable)."""
    try:
        st = os.lstat(f)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise InputError(f, f"cannot read the decision log: {exc.strerror or exc}") from None
    if stat.S_ISLNK(st.st_mode):
        raise NotALogFile(f, "is a symbolic link, never followed")
    if not stat.S_ISREG(st.st_mode):
        raise NotALogFile(f, "is not a regular file")
    owner = owner_name(st.st_uid)
    note = ""
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        note = f"{f}: others can write to it, so its events are not proven to be {owner}'s"
    return owner, note


def read_log(path: str | Path, missing_ok: bool = True, start: int = 0) -> LogRead:
    """All events of a log (file or folder) as a list; for a file, those after byte ``start``.

    ``LogRead.end`` tells where to read on from. Prefer ``iter_log`` (or ``decisions.load_state``)
    for large logs: this list holds every event.
    """
    warnings: list[str] = []
    where = LogPath.of(path)
    if where.folder:
        if start:
            raise UsageError("a log folder is read on with LogTail, not from a byte offset")
        return LogRead(list(iter_log(path, warnings, missing_ok)), warnings)
    events: list[dict[str, Any]] = []
    gen = iter_file(where.path, warnings, start=start, stop_at_tail=bool(start))
    try:
        while True:
            events.append(next(gen))
    except StopIteration as stop:
        end = int(stop.value or 0)
    except FileNotFoundError:
        if os.path.islink(where.path):
            raise symlink_error(where.path) from None
        if not missing_ok:
            raise InputError(where.path, "no such decision log") from None
        end = 0
    return LogRead(events, warnings, end)
