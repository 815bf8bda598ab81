"""The conference's own cache of small packages, so that reopening hundreds of them takes a moment.

The package cache (``itu_review.cache``) keeps only large packages: one small package loads faster than
its entry would be read. A conference of 600 small packages is another matter: reading them all again
costs seconds, reading 600 entries a fraction of one. This store keeps what the package cache does not
(small .docx and text packages), in a folder of its own beside the package cache's entries, with the
same packing (``cache.pack`` / ``cache.unpack``), the same key (the file's SHA-256 and the reader's
code) and the same store (``diskstore.DiskStore``: written to a temporary file and renamed into place,
read only when this user wrote it and nobody else may change it, anything unreadable ignored and
rebuilt). It is capped at ``ITU_REVIEW_CONFERENCE_CACHE_MAX_MB`` (default 1024; least recently used
entries go first) and off whenever the package cache is (``ITU_REVIEW_CACHE=off``).
"""

from __future__ import annotations

from pathlib import Path

from .. import cache
from ..diskstore import DiskStore
from ..model import Package

SUFFIX = ".itu-conf"
DEFAULT_MAX_MB = 1024.0


def folder() -> Path:
    return cache.cache_dir() / "conference"


STORE = DiskStore(folder, SUFFIX, cache.code_digest, "ITU_REVIEW_CONFERENCE_CACHE_MAX_MB", DEFAULT_MAX_MB)


def enabled() -> bool:
    return cache.enabled() and bool(cache.code_digest())


def entry_path(sha256: str) -> Path:
    return STORE.entry_path(sha256)


def read(sha256: str, path: str) -> Package | None:
    """The stored package with this hash, or None."""
    return cache.read_from(STORE, sha256, path)


def write(sha256: str, data: bytes) -> bool:
    """Store a packed package (``cache.pack``); whole or not at all. False when it cannot be written."""
    return STORE.write(sha256, lambda: data) is not None


def evict() -> None:
    """Remove the least recently used entries until the store is under its cap."""
    STORE.evict()
