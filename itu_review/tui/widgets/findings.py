"""The base-text findings of the current proposal, in a place of their own above the edit's details.

Folded, one line: how many findings and the first of them. Unfolded (``i``), a list up to a third of
the screen that scrolls. Either way the edit's details below keep their height: a proposal with
findings never pushes the edit out of view (at 80x24 the findings used to fill the whole panel).
Hidden when the proposal has none.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...check import Finding
from ...display.sanitize import clean

SEVERITY_GLYPH = {"error": "\u26a0", "warning": "\u26a0", "info": "\u2139"}


def finding_line(f: Finding) -> str:
    """One finding in words: its kind, the paragraph it names, what is wrong, the words that differ."""
    where = f" in {f.name}" if f.name else ""
    diff = f" \u2014 {f.diff}" if f.diff and f.diff not in f.message else ""
    return f"{f.kind}{where}: {f.message}{diff}"


class FindingsPanel(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    FindingsPanel { height: 1; padding: 0 1; scrollbar-size-vertical: 1; display: none; overflow-y: hidden; }
    FindingsPanel.-open { height: auto; max-height: 33%; overflow-y: auto; }
    FindingsPanel > Static { width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[tuple[str, str]] = []
        self.open = False
        self._body = Static(Text(), markup=False)

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, findings: list[tuple[str, str]]) -> None:
        """``findings``: (severity, "kind: message") pairs; an empty list hides the panel."""
        if findings == self.lines and self.display == bool(findings):
            return
        self.lines = findings
        self.display = bool(findings)
        self._draw()

    def toggle(self) -> bool:
        """Fold or unfold; False when there is nothing to show."""
        if not self.lines:
            return False
        self.open = not self.open
        self._draw()
        return True

    def _draw(self) -> None:
        self.set_class(self.open, "-open")
        t = Text(end="", no_wrap=not self.open, overflow="ellipsis")
        n = len(self.lines)
        if not self.open:
            sev, first = self.lines[0] if self.lines else ("", "")
            t.append(f"{SEVERITY_GLYPH.get(sev, '⚠')} {n} finding{'s' if n != 1 else ''} (i: show)  ", "bold yellow")
            t.append(clean(first))
        else:
            t.append(f"{n} finding{'s' if n != 1 else ''} on this proposal (i: fold)", "bold")
            for sev, line in self.lines:
                t.append(f"\n{SEVERITY_GLYPH.get(sev, '⚠')} ", "bold yellow" if sev != "info" else "bold")
                t.append(clean(line))
        self._body.update(t)
        self.scroll_home(animate=False)
