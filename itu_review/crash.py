"""Internal errors: one short line on the terminal, the traceback in a crash report file.

A traceback on a reviewer's terminal says nothing they can act on, and it can carry document text
(escape sequences included) straight to the screen. The command line prints which command failed and
where the report is; the report holds what a bug report needs.
"""

from __future__ import annotations

import os
import platform
import sys
import time
import traceback
from pathlib import Path

from . import __version__


def crash_dir() -> Path:
    """Where crash reports go: ``crashes`` in the platform's state directory (XDG_STATE_HOME on Linux)."""
    from platformdirs import user_state_path

    return user_state_path("itu-review") / "crashes"


def write_crash_report(command: str, argv: list[str], exc: BaseException) -> Path:
    """Save the traceback and the context of an internal error; the report's path.

    Created 0600 (it may quote document text or file names). Raises OSError if it cannot be written.
    """
    folder = crash_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"crash-{stamp}-{os.getpid()}.txt"
    body = "".join([
        f"itu-review {__version__} crashed in `{command}`\n",
        f"python {platform.python_version()} ({sys.executable}) on {platform.platform()}\n",
        f"arguments: {argv!r}\n\n",
        *traceback.format_exception(exc),
    ])
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as fh:
        fh.write(body)
    return path
