"""Writing an output file safely: whole or not at all, never over an input, never over a file unasked.

The temporary file is written beside the target and renamed into place, so a crash or a full disk
leaves the old file (or none), never half a compilation. The command line's shared safe-output helper
will take this over once it exists; until then the conference's outputs go through here.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError, UsageError


def check_target(out: str | Path, inputs: Iterable[str | Path], force: bool) -> Path:
    """The target, once it is known not to be an input nor an existing file (unless ``force``)."""
    path = Path(out)
    if path.exists():
        for given in inputs:
            try:
                if path.samefile(given):
                    raise UsageError(f"{path}: is one of the inputs; write the output somewhere else")
            except OSError:
                continue
        if path.is_dir():
            raise UsageError(f"{path}: is a directory; give a file name")
        if not force:
            raise UsageError(f"{path}: exists; give --force to replace it")
    return path


def write_bytes(out: str | Path, data: bytes) -> None:
    """Write ``data`` to ``out`` through a temporary file renamed into place."""
    path = Path(out)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
