"""The Rich console of the headless commands: every text segment passes the cleaner on its way out.

Renderables clean document text themselves; this is the boundary behind them, so that a heading, a
file name or a finding that reaches a table, `show` or `check` without passing ``clean`` still cannot
put an escape sequence on the terminal (a draft tag `[ESC[2J…]` in a heading once cleared the screen
from `show`'s title line). Rich's own styling travels as styles and control segments, untouched.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import IO

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

from .sanitize import clean, needs_cleaning


class CleanConsole(Console):
    """A Rich console whose text segments are cleaned (line breaks kept)."""

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control is None and needs_cleaning(segment.text):
                yield Segment(clean(segment.text, keep_newlines=True), segment.style)
            else:
                yield segment


def terminal_stream() -> IO[str]:
    """Standard output as Rich must write it: beneath the command line's control-character filter
    (which would show Rich's own colour sequences as text), still behind its full-disk guard."""
    # (the filter is cli._Visible, which the core cannot import: found by its attribute)
    stream: IO[str] = getattr(sys.stdout, "unfiltered", sys.stdout)
    return stream


def terminal_console(width: int | None = None) -> Console:
    return CleanConsole(file=terminal_stream(), width=width, highlight=False, soft_wrap=False, emoji=False,
                        markup=False)
