"""The top line: app, reviewer, progress, view — repainted alone, never re-laid out."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from ...display.sanitize import clean


class TitleBar(Widget):
    DEFAULT_CSS = """
    TitleBar { height: 1; background: $panel; color: $foreground; text-style: bold; content-align: center middle; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text("itu-review", justify="center")

    def render(self) -> Text:
        return self._text

    def show(self, text: str) -> None:
        """A new title (it names the reviewer, whatever was typed as their name: cleaned, and never markup)."""
        text = clean(text)
        if text != self._text.plain:
            self._text = Text(text, justify="center", no_wrap=True, overflow="ellipsis")
            self.refresh()
