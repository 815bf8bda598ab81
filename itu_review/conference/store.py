"""The conference's own cache of small packages, so that reopening hundreds of them takes a moment.

The package cache (``itu_review.cache``) keeps only large packages: one small package loads faster than
its entry would be read. A conference of 600 small packages is another matter: reading them all again
costs seconds, reading 600 entries a fraction of one. This store keeps what the package cache does not
(small .docx and text packages), in a folder of its own beside the package cache's entries, with the
same packing (``cache.pack`` / ``cache.unpack``), the same key (the file's SHA-256 and the reader's
code) and the same rules: written to a temporary file and renamed into place, read only when this user
wrote it and nobody else may change it, anything unreadable ignored and rebuilt. It is capped at
``ITU_REVIEW_CONFERENCE_CACHE_MAX_MB`` (default 1024; least recently used entries go first) and off
whenever the package cache is (``ITU_REVIEW_CACHE=off``).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .. import cache
from ..model import Package

SUFFIX = ".itu-conf"
DEFAULT_MAX_MB = 1024.0


def folder() -> Path:
    return cache.cache_dir() / "conference"


def enabled() -> bool:
    return cache.enabled() and bool(cache.code_digest())


def entry_path(sha256: str) -> Path:
    return folder() / f"{sha256[:32]}-{cache.code_digest()}{SUFFIX}"


def _trusted(st: os.stat_result) -> bool:
    """marshal trusts its input: only entries this user wrote and nobody else may change are read."""
    if not hasattr(os, "getuid"):
        return True
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def read(sha256: str, path: str) -> Package | None:
    """The stored package with this hash, or None."""
    entry = entry_path(sha256)
    try:
        with entry.open("rb") as fh:
            if not _trusted(os.fstat(fh.fileno())):
                return None
            data = fh.read()
    except OSError:
        return None  # no entry (the usual case)
    try:
        pkg = cache.unpack(data, path)
    except (EOFError, ValueError, TypeError, IndexError):
        pkg = None  # damaged: read afresh and written again
    if pkg is None or pkg.sha256 != sha256:
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # most recently used: evicted last
    return pkg


def write(sha256: str, data: bytes) -> bool:
    """Store a packed package (``cache.pack``); whole or not at all. False when it cannot be written."""
    entry = entry_path(sha256)
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=SUFFIX)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False  # a store we cannot write only makes the next open slower
    return True


def evict() -> None:
    """Remove the least recently used entries until the store is under its cap."""
    try:
        cap = float(os.environ.get("ITU_REVIEW_CONFERENCE_CACHE_MAX_MB", "") or DEFAULT_MAX_MB) * 2**20
    except ValueError:
        cap = DEFAULT_MAX_MB * 2**20
    entries = []
    for f in folder().glob(f"*{SUFFIX}"):
        with contextlib.suppress(OSError):  # removed meanwhile by another itu-review
            st = f.stat()
            entries.append((st.st_mtime, st.st_size, f))
    total = sum(size for _, size, _ in entries)
    for _, size, f in sorted(entries, key=lambda e: e[0]):
        if total <= cap:
            break
        with contextlib.suppress(OSError):
            f.unlink()
            total -= size
