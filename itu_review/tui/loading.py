"""Reading the packages the app opens, off the screen's thread, with the count on the loading screen.

One file is read directly. Several files, or directories, are read as ``itu-review list DIR`` reads
them (``conference.loader``: in parallel, from the caches when they hold them); a file met in a
directory that cannot be read is skipped: a one-line notification counts them, the palette's
"Skipped files" lists them (a toast naming each covered the text at 80x24 for 30 seconds).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from ..conference.discover import has_directory
from ..errors import ItuReviewError
from ..model import Package
from ..package import load

if TYPE_CHECKING:
    from .app import ReviewApp

#: Seconds between two updates of the count (each waits for the screen to take it).
UPDATE_EVERY = 0.1
#: Seconds the count of skipped files stays on the screen (a toast hides part of the text).
SKIPPED_TIMEOUT = 8


def read_packages(app: ReviewApp, paths: list[str]) -> tuple[list[Package], bool] | None:
    """The packages, and whether directories were expanded (then they do not match ``paths`` one to
    one); None once the failure is on the screen."""
    expanded = has_directory(paths)
    if expanded or len(paths) > 1:
        found = _in_parallel(app, paths)
        return None if found is None else (found, expanded)
    pkgs = []
    for k, path in enumerate(paths, 1):
        app.call_from_thread(app._show_progress, f"Loading {k}/{len(paths)}: {path}")
        try:
            pkgs.append(load(path))
        except ItuReviewError as exc:
            app.call_from_thread(app._load_failed, str(exc))
            return None
    return pkgs, False


def _in_parallel(app: ReviewApp, paths: list[str]) -> list[Package] | None:
    from ..conference.loader import load_packages

    shown = 0.0

    def progress(done: int, total: int) -> None:
        nonlocal shown
        now = time.monotonic()
        if now - shown >= UPDATE_EVERY or done == total:
            shown = now
            app.call_from_thread(app._show_progress, f"Loading {done}/{total} packages…")

    try:
        loaded = load_packages(paths, progress, leave_out=app.base_paths)
    except ItuReviewError as exc:  # a file named on the command line that cannot be read
        app.call_from_thread(app._load_failed, str(exc))
        return None
    if loaded.skipped:  # one short line: the list itself is one palette entry away
        app.skipped = [s.line() for s in loaded.skipped]
        n = len(loaded.skipped)
        app.call_from_thread(app.notify, f"{n} file{'s' if n != 1 else ''} skipped (ctrl+p: Skipped)",
                             severity="warning", timeout=SKIPPED_TIMEOUT)
    if not loaded.packages:
        app.call_from_thread(app._load_failed, f"{', '.join(paths)}: no package could be read")
        return None
    return loaded.packages
