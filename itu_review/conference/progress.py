"""Progress of a long headless load on stderr: a bar on a terminal, a line now and then in a log."""

from __future__ import annotations

import sys
import time
from typing import TextIO

#: Nothing is shown for a load shorter than this (seconds), so quick commands print nothing extra.
QUIET_FOR = 1.0
#: Between two lines when stderr is not a terminal (seconds).
LINE_EVERY = 5.0


class StderrProgress:
    """Call with (done, total) after each package; ``finish`` when all are read."""

    def __init__(self, what: str = "packages", stream: TextIO | None = None) -> None:
        self.what = what
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.start < QUIET_FOR and not self.shown:
            return
        if self.tty:
            if now - self.last < 0.1 and done < total:
                return
            width = 30
            fill = width * done // max(1, total)
            self.stream.write(f"\r[{'#' * fill}{'.' * (width - fill)}] {done}/{total} {self.what}")
            self.stream.flush()
        elif now - self.last >= LINE_EVERY or (done == total and self.shown):
            self.stream.write(f"read {done}/{total} {self.what} ({now - self.start:.0f} s)\n")
            self.stream.flush()
        else:
            return
        self.last = now
        self.shown = True

    def finish(self) -> None:
        if self.shown and self.tty:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()
