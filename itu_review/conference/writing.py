"""Writing the compilation .docx through the one safe-output helper (``output.atomic_output``): whole
or not at all. Where it may go (never over an input or a log, never over a file unasked) is checked
before any work, by ``conference_cli`` through ``output.check_output``."""

from __future__ import annotations

from pathlib import Path

from ..output import atomic_output


def write_bytes(out: str | Path, data: bytes) -> None:
    """Write ``data`` to ``out`` through a temporary file renamed into place."""
    with atomic_output(out) as tmp:
        tmp.write_bytes(data)
