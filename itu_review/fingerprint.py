"""An edit's fingerprint: stable across reissues, so that decisions can follow their edits."""

from __future__ import annotations

import hashlib

from .normalize import normalize


def fingerprint(kind: str, deleted: str, inserted: str, before: str, after: str, subject: str = "") -> str:
    """A hash of the edit's normalised texts and a little context: stable across reissues."""
    family = "format" if "format" in kind else ("row" if "row" in kind or "cell" in kind else "text")
    parts = [family, normalize(deleted), normalize(inserted), normalize(before)[-20:],
             normalize(after)[:20], normalize(subject) if subject else ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


