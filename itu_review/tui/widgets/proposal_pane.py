"""The proposal drawn side by side (or inline, or one side), scrolled as one: both sides move together."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .scrolling import set_virtual_size

Row = tuple[Text, frozenset[int]]
#: search matches: row -> (start, end, is the current match) in the row's characters
Highlights = dict[int, list[tuple[int, int, bool]]]

MATCH = Style(color="black", bgcolor="yellow", bold=True)
#: the current match: reversed as well, so that it stands out without colour too
CURRENT_MATCH = Style(color="black", bgcolor="bright_yellow", bold=True, reverse=True, underline=True)


class ProposalPane(ScrollView, can_focus=True):
    """Draws pre-laid-out rows with the line API: only visible rows are turned into strips.

    Its scrollbar is always shown (a proposal that fits has a full-length thumb), so that going from a
    long proposal to a short one changes no widget's size: the screen is never laid out again for it."""

    DEFAULT_CSS = """
    ProposalPane { background: $surface; scrollbar-size-vertical: 1; overflow-x: hidden; overflow-y: scroll; }
    """

    class Resized(Message):
        """The pane's drawing width changed: the text must be wrapped again."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[Row] = []
        self._strips: dict[int, Strip] = {}
        self._highlights: Highlights = {}
        self._drawn_width = 0

    @property
    def draw_width(self) -> int:
        """Columns available to the drawing (the vertical scrollbar's gutter excluded)."""
        return max(self.scrollable_content_region.width, 20)

    @property
    def rows(self) -> list[Row]:
        return self._rows

    def set_rows(self, rows: list[Row], top: bool = False) -> None:
        """Show new rows, repainting only the lines that changed (a keypress over SSH stays small);
        ``top``: a new proposal, shown from its header."""
        old = self._rows
        self._rows = rows
        self._drawn_width = self.draw_width
        if top:
            self.scroll_to(y=0, animate=False, immediate=True)
        if len(old) == len(rows) and old and not top:
            changed = [k for k, (a, b) in enumerate(zip(old, rows)) if a[0] is not b[0] and a[0] != b[0]]
            for k in changed:
                self._strips.pop(k, None)
                self.refresh_line(k)
            return
        self._strips.clear()
        width = max((r[0].cell_len for r in rows), default=0)
        set_virtual_size(self, Size(width, len(rows)))  # a new proposal's length: no layout pass
        self.refresh()

    def set_highlights(self, highlights: Highlights) -> None:
        """Mark search matches; rows whose marks change are repainted."""
        old = self._highlights
        self._highlights = highlights
        for k in set(old) | set(highlights):
            if old.get(k) != highlights.get(k):
                self._strips.pop(k, None)
                self.refresh_line(k - self.scroll_offset.y)

    def row_of_edit(self, edit: int) -> int | None:
        for k, (_, edits) in enumerate(self._rows):
            if edit in edits:
                return k
        return None

    def rows_of_edit(self, edit: int) -> tuple[int, int] | None:
        """The first and last row that show the edit."""
        rows = [k for k, (_, edits) in enumerate(self._rows) if edit in edits]
        return (rows[0], rows[-1]) if rows else None

    def on_screen(self, first: int, last: int) -> tuple[int, int]:
        """Rows ``first``..``last`` of the drawing as rows of the screen, as far as they are in view."""
        region = self.content_region
        top = region.y - self.scroll_offset.y
        return max(first + top, region.y), min(last + top, region.bottom - 1)

    def reveal_row(self, row: int, context: int = 3, least: bool = False) -> None:
        """Scroll so that ``row`` is in view, ``context`` lines below its top; with ``least``, a row
        below the view is brought up only as far as needed (the lines above it — a new proposal's
        header — stay in view as long as they can)."""
        top, height = self.scroll_offset.y, self.size.height
        if top <= row < top + height - 1:
            return
        y = row - context
        if least and row >= top:
            y = row - max(height - 1 - context, 0)
        self.scroll_to(y=max(0, y), animate=False, immediate=True)

    def reveal_edit(self, edit: int, least: bool = False) -> None:
        """Scroll so that the edit's first row is in view."""
        row = self.row_of_edit(edit)
        if row is not None:
            self.reveal_row(row, least=least)

    def on_resize(self) -> None:
        if self._rows and self.draw_width != self._drawn_width:
            self.post_message(self.Resized())

    @property
    def text(self) -> str:
        """Everything drawn, as plain text (for tests and copying)."""
        return "\n".join(r[0].plain.rstrip() for r in self._rows)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = y + scroll_y
        width = self.size.width
        if index >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get(index)
        if strip is None:
            text = self._rows[index][0]
            marks = self._highlights.get(index)
            if marks:
                text = text.copy()
                for start, end, current in marks:
                    text.stylize(CURRENT_MATCH if current else MATCH, start, end)
            segments = list(text.render(self.app.console))
            strip = Strip([s for s in segments if s.text != "\n"] or [Segment("")]).apply_style(self.rich_style)
            self._strips[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)
