"""Internal errors: one short line on the terminal, the traceback in a crash report file.

A traceback on a reviewer's terminal says nothing they can act on, and it can carry document text
(escape sequences included) straight to the screen. The command line prints which command failed and
where the report is; the report holds what a bug report needs.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
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
    body = "".join([
        f"itu-review {__version__} crashed in `{command}`\n",
        f"python {platform.python_version()} ({sys.executable}) on {platform.platform()}\n",
        f"arguments: {argv!r}\n\n",
        *traceback.format_exception(exc),
    ])
    # mkstemp: created 0600 and never over another report (a conference's loader may save several in
    # one second, one per package its reader failed on)
    fd, name = tempfile.mkstemp(prefix=f"crash-{stamp}-{os.getpid()}-", suffix=".txt", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as fh:
        fh.write(body)
    return Path(name)
