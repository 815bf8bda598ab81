"""The proposal drawn side by side (or inline, or one side), scrolled as one: both sides move together."""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

Row = tuple[Text, frozenset[int]]


class ProposalPane(ScrollView, can_focus=True):
    """Draws pre-laid-out rows with the line API: only visible rows are turned into strips."""

    DEFAULT_CSS = """
    ProposalPane { background: $surface; scrollbar-size-vertical: 1; scrollbar-gutter: stable;
                   overflow-x: hidden; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[Row] = []
        self._strips: dict[int, Strip] = {}

    @property
    def draw_width(self) -> int:
        """Columns available to the drawing (the vertical scrollbar's gutter excluded)."""
        return max(self.scrollable_content_region.width, 20)

    def set_rows(self, rows: list[Row]) -> None:
        """Show new rows, repainting only the lines that changed (a keypress over SSH stays small)."""
        old = self._rows
        self._rows = rows
        if len(old) == len(rows) and old:
            changed = [k for k, (a, b) in enumerate(zip(old, rows)) if a[0] is not b[0] and a[0] != b[0]]
            for k in changed:
                self._strips.pop(k, None)
                self.refresh_line(k)
            return
        self._strips.clear()
        width = max((r[0].cell_len for r in rows), default=0)
        self.virtual_size = Size(width, len(rows))
        self.refresh()

    def row_of_edit(self, edit: int) -> int | None:
        for k, (_, edits) in enumerate(self._rows):
            if edit in edits:
                return k
        return None

    def reveal_edit(self, edit: int) -> None:
        """Scroll so that the edit's first row is in view, with a little context above it."""
        row = self.row_of_edit(edit)
        if row is None:
            return
        top, height = self.scroll_offset.y, self.size.height
        if row < top or row >= top + height - 1:
            self.scroll_to(y=max(0, row - 3), animate=False)

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
            segments = list(text.render(self.app.console))
            strip = Strip([s for s in segments if s.text != "\n"] or [Segment("")]).apply_style(self.rich_style)
            self._strips[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)
