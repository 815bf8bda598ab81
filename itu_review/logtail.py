"""Reading on from where a read stopped: new events for a live reviewer, and one reviewer's latest
verdicts found by reading backwards — both without reading the whole log again."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from .errors import InputError
from .logfile import LogPath, open_nofollow
from .logread import BLOCK, NotALogFile, folder_file_owner, iter_file

#: ``last_verdicts`` reads backwards in blocks of the reading size (a line longer than one is read whole).
SCAN_BLOCK = BLOCK


class LogTail:
    """What other processes appended since the last look, for a live reviewer (a file or a folder).

    ``changed()`` is one ``stat`` per file (a folder: one of the folder, one per file): call it once a
    second; only when it says so, ``read_new()`` reads the complete lines appended since, leaving an
    unterminated last line (being written) for the next call. Start it after a full read with the
    offsets that read ended at (``LogTail(path, start)``), or at 0 to read everything.
    """

    def __init__(self, path: str | Path, start: int | dict[Path, int] = 0) -> None:
        self.where = LogPath.of(path)
        self.offsets: dict[Path, int] = dict(start) if isinstance(start, dict) else (
            {self.where.path: start} if start else {})
        self.warnings: list[str] = []

    def _stat(self) -> dict[Path, tuple[int, int]]:
        out = {}
        try:
            files = self.where.files() if self.where.folder else [self.where.path]
        except InputError:
            return {}
        for f in files:
            try:
                st = os.stat(f, follow_symlinks=False)
            except OSError:
                continue
            out[f] = (st.st_size, st.st_mtime_ns)
        return out

    def changed(self) -> bool:
        """Whether any file grew (or appeared) since the last ``read_new``: stat only."""
        now = self._stat()
        return any(size > self.offsets.get(f, 0) for f, (size, _) in now.items())

    def read_new(self) -> list[dict[str, Any]]:
        """The events appended since the last call, in time order across a folder's files."""
        got: list[dict[str, Any]] = []
        for f, (size, _) in self._stat().items():
            at = self.offsets.get(f, 0)
            if size <= at:
                continue
            user = None
            if self.where.folder:
                try:
                    user, note = folder_file_owner(f)
                except (FileNotFoundError, NotALogFile):
                    continue  # gone, or no file of events (said once, when the log was read)
                if note and at == 0:
                    self.warnings.append(note)
            gen = iter_file(f, self.warnings, start=at, stop_at_tail=True, user=user)
            try:
                while True:
                    got.append(next(gen))
            except StopIteration as stop:
                self.offsets[f] = int(stop.value or at)
            except FileNotFoundError:
                continue
        if self.where.folder:
            got.sort(key=lambda ev: str(ev.get("at", "")))
        return got

    def position(self) -> dict[Path, int]:
        """The offsets read so far, by file (to start another LogTail from)."""
        return dict(self.offsets)


def last_verdicts(path: str | Path, reviewer: str, keys: dict[str, str], field: str = "edit") -> dict[str, str]:
    """``reviewer``'s current verdict on each id in ``keys`` (id → fingerprint, or "" to match any), read
    backwards from the end of a log file and stopping once every id is settled.

    For ``decide`` to say how many verdicts it replaced without reading a long log whole: recent
    decisions are found in the last blocks; an id never decided costs a scan in which only the
    reviewer's own lines (found by a byte search) are looked at. A log folder: only this account's
    file. Lines this cannot place (written by hand with other spacing) are not counted; the state
    itself never uses this.
    """
    where = LogPath.of(path)
    p = where.own_file()
    try:
        fd = open_nofollow(p, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return {}
    found: dict[str, str] = {}
    pending = set(keys)
    tag = f'"{field}":"'.encode()
    ids = {json.dumps(k, ensure_ascii=False)[1:-1].encode("utf-8", "surrogateescape"): k for k in keys}
    # the reviewer's own lines, as itu-review writes them: a byte search in C finds them
    needle = b'"reviewer":' + json.dumps(reviewer, ensure_ascii=False).encode("utf-8", "surrogateescape")
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return {}
        end = os.fstat(fd).st_size
        size = SCAN_BLOCK
        while end > 0 and pending:
            # each block ends where the lines already looked at start; the line it starts inside is read
            # again, whole, with the next (earlier) block: no bytes are copied but by the read
            start = max(0, end - size)
            block = os.pread(fd, end - start, start)
            cut = block.find(b"\n") + 1 if start else 0
            if start and not 0 < cut < len(block):  # no line starts in it: a line longer than the block
                size *= 2
                continue
            size, end = SCAN_BLOCK, start + cut
            hits = []
            i = block.find(needle, cut)
            while i >= 0:
                hits.append(block.rfind(b"\n", cut, i) + 1 or cut)
                i = block.find(needle, i + len(needle))
            for i in reversed(hits):
                j = block.find(b"\n", i)
                raw = block[i:j if j >= 0 else len(block)]
                k = raw.find(tag)
                if k < 0:
                    continue
                k += len(tag)
                eid = ids.get(raw[k:raw.find(b'"', k)])
                if eid is None or eid not in pending:
                    continue
                try:
                    ev = json.loads(raw)
                except (ValueError, RecursionError):
                    continue
                if not isinstance(ev, dict) or ev.get("reviewer") != reviewer or "outcome" in ev:
                    continue
                if keys[eid] and ev.get("fp") != keys[eid]:
                    continue
                verdict = ev.get("verdict")
                if verdict == "note":
                    continue  # a note keeps the verdict before it
                pending.discard(eid)
                if verdict != "clear" and isinstance(verdict, str):
                    found[eid] = verdict
    finally:
        os.close(fd)
    return found
