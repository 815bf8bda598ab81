"""A folder of cache entries on disk: the one store behind the package cache (``cache``) and the
conference's cache of small packages (``conference.store``).

An entry is one file, named by a package's SHA-256 (its first 32 hex digits) and a version (the
digest of the reader's code, ``cache.code_digest``), so a changed document or a changed itu-review
never meets an old entry. It is written to a temporary file in the same folder and renamed into
place (a crash leaves no half entry); it is read through mmap (no copy of the file: the large
package's 81 MiB entry is unpacked straight from the page cache), and only when this user wrote it
and nobody else may change it (entries are marshal data, and marshal trusts its input). An entry
that cannot be read or decoded is ignored, for its user to rebuild. The folder is capped by an
environment variable (MB); the least recently used entries go first (a read touches its entry).

The store holds bytes; what they mean (``cache.pack`` and ``cache.unpack``) is its users' business.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: What a damaged entry raises while it is mapped or decoded (an empty file cannot be mapped:
#: ValueError; a truncated marshal stream: EOFError; a stream of the wrong shape: TypeError, IndexError).
DAMAGED = (OSError, EOFError, ValueError, TypeError, IndexError)


def env_float(name: str, default: float) -> float:
    """A number from the environment: ``default`` when the variable is unset, empty or not a number."""
    try:
        return float(os.environ.get(name, "") or default)
    except ValueError:
        return default


def trusted(st: os.stat_result) -> bool:
    """Only entries this user wrote, and nobody else may change, are read (marshal trusts its input)."""
    if not hasattr(os, "getuid"):
        return True
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


class DiskStore:
    """Entries ``<sha256[:32]>-<version><suffix>`` in ``folder()``, capped at ``$cap_variable`` MB.

    ``folder`` and ``version`` are called at each use, not once: the folder follows the environment
    (``ITU_REVIEW_CACHE_DIR``) as it is when the entry is read or written.
    """

    def __init__(self, folder: Callable[[], Path], suffix: str, version: Callable[[], str], cap_variable: str,
                 default_cap_mb: float) -> None:
        self.folder = folder
        self.suffix = suffix
        self.version = version
        self.cap_variable = cap_variable
        self.default_cap_mb = default_cap_mb

    def entry_path(self, sha256: str) -> Path:
        return self.folder() / f"{sha256[:32]}-{self.version()}{self.suffix}"

    def read(self, sha256: str, decode: Callable[[mmap.mmap], T | None]) -> T | None:
        """What ``decode`` makes of the entry for this hash, or None: no entry (the usual case), one
        this user may not trust, or one ``decode`` finds damaged or not what was asked for (it returns
        None or raises one of ``DAMAGED``). A decoded entry is touched: most recently used, evicted last."""
        entry = self.entry_path(sha256)
        try:
            # never through a link, never waiting: a FIFO planted under an entry's (predictable) name in
            # a shared cache folder blocked every later load
            fd = os.open(entry, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return None  # no entry, or none we may read: the caller loads the package instead
        fh = os.fdopen(fd, "rb")
        try:
            with fh:
                st = os.fstat(fh.fileno())
                if not stat.S_ISREG(st.st_mode) or not trusted(st):
                    return None
                with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
                    found = decode(data)
        except DAMAGED:
            found = None  # an empty or damaged entry: loaded afresh and written again
        if found is None:
            return None
        with contextlib.suppress(OSError):  # an entry we may read but not touch is still good to use
            os.utime(entry)
        return found

    def write(self, sha256: str, data: Callable[[], bytes]) -> Path | None:
        """Store the entry for this hash, whole or not at all; its path, or None when it cannot be
        written (a cache we cannot write only makes the next open slower). ``data`` is called once the
        folder is there: packing a large package is not spent on a folder that cannot be made."""
        entry = self.entry_path(sha256)
        try:
            entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            body = data()
            fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=self.suffix)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(body)
                os.replace(tmp, entry)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return None
        return entry

    def evict(self, keep: Path | None = None) -> None:
        """Remove the least recently used entries until the folder is under its cap (never ``keep``)."""
        cap = env_float(self.cap_variable, self.default_cap_mb) * 2**20
        entries = []
        for f in self.folder().glob(f"*{self.suffix}"):
            try:
                st = f.stat()
            except OSError:
                continue  # removed meanwhile by another itu-review
            entries.append((st.st_mtime, st.st_size, f))
        total = sum(size for _, size, _ in entries)
        for _, size, f in sorted(entries, key=lambda e: e[0]):
            if total <= cap:
                break
            if f == keep:
                continue
            try:
                f.unlink()
                total -= size
            except OSError:
                continue  # removed meanwhile, or not ours to remove
