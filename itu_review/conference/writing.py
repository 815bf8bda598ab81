"""Writing the conference's output files through the command line's one safe-output helper
(``output.check_output`` and ``output.atomic_output``): whole or not at all, never over an input
(compared by device and inode), never over a file unasked."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..output import atomic_output, check_output


def check_target(out: str | Path, inputs: Iterable[str | Path], force: bool) -> Path:
    """The target, once it is known not to be an input nor an existing file (unless ``force``)."""
    check_output(out, inputs, force=force)
    return Path(out)


def write_bytes(out: str | Path, data: bytes) -> None:
    """Write ``data`` to ``out`` through a temporary file renamed into place."""
    with atomic_output(out) as tmp:
        tmp.write_bytes(data)
