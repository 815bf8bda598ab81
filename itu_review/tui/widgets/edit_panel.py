"""The current edit's details: id, kind, position, author, date, what a format edit changes, where a
carried decision came from, and every reviewer's verdict and note.

The most wanted lines come first, so that at 80x24 the edit itself always shows; what does not fit
scrolls (mouse wheel, or the panel's scrollbar). The panel's height is set by the app from the
terminal's (``rows_for``), never by its content: updating it repaints it and re-lays out nothing.
"""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...decisions import MOVED, REATTACHED, Decision
from ...display.sanitize import clean
from ...model import Edit

VERDICT_LABEL = {"accept": "accepted", "reject": "rejected", "flag": "flagged", "support": "supports",
                 "oppose": "opposes"}


def rows_for(screen_height: int) -> int:
    """The panel's height (border included) for a terminal this tall: 6 at 24 lines, up to 12."""
    return max(6, min(12, screen_height // 4))


def _short(text: str, limit: int = 60) -> str:
    text = clean(" ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def edit_details(edit: Edit | None, decisions: dict[str, Decision], reviewer: str, position: str) -> Text:
    """The details as text (document text only ever as ``Text``, cleaned)."""
    t = Text(no_wrap=False, end="")
    if edit is None:
        t.append("No edits in this proposal.")
        return t
    t.append(f"{edit.id}", "bold")
    t.append(f" · {edit.kind} · {position} · ")
    t.append(f"by {clean(edit.author) or 'unknown'}", "dim")
    if edit.date:
        t.append(f" · {edit.date[:16].replace('T', ' ')}", "dim")
    if edit.detail:
        t.append("\n")
        t.append(clean(edit.detail), "italic")
        if edit.subject:
            t.append(f" on \u201c{_short(edit.subject, 40)}\u201d")
    mine = decisions.get(reviewer)
    t.append("\nyou: ")
    t.append(VERDICT_LABEL.get(mine.verdict, mine.verdict) if mine else "pending", "bold")
    if mine and mine.note:
        t.append(f" \u2014 {clean(mine.note)}")
    for name, d in sorted(decisions.items()):
        if name == reviewer:
            continue
        t.append(f"\n{clean(name)}: ")
        t.append(VERDICT_LABEL.get(d.verdict, d.verdict), "bold")
        if d.note:
            t.append(f" \u2014 {clean(d.note)}")
    for name, d in sorted(decisions.items()):
        if d.how == MOVED:
            t.append(f"\n{clean(name)}'s decision moved with the edit from {clean(d.logged_id)}", "italic")
        elif d.how == REATTACHED:
            t.append(f"\n{clean(name)}'s decision was re-attached from {clean(d.logged_id)} ({d.score:.0f}% alike)",
                     "italic")
            old_del, old_ins = str(d.event.get("del", "")), str(d.event.get("ins", ""))
            t.append(f"\n  then: -\u201c{_short(old_del)}\u201d +\u201c{_short(old_ins)}\u201d", "dim")
            t.append(f"\n  now:  -\u201c{_short(edit.deleted)}\u201d +\u201c{_short(edit.inserted)}\u201d", "dim")
    if edit.comment:
        t.append(f"\nauthor's comment: {clean(edit.comment)}", "italic")
    for w in edit.warnings:
        t.append(f"\n! {clean(w)}", "yellow")
    t.append(f"\nfingerprint {edit.fingerprint}", "dim")
    return t


class EditPanel(ScrollView):
    """A fixed-height panel drawn with the line API; its text scrolls when longer than the panel."""

    DEFAULT_CSS = """
    EditPanel { height: 6; border-top: solid $primary; padding: 0 1; scrollbar-size-vertical: 1; overflow-x: hidden; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()
        self._lines: list[Strip] = []
        self._laid_out_for = -1

    @property
    def text(self) -> str:
        """Everything the panel holds, as plain text (for tests)."""
        return self._text.plain

    def render(self) -> Text:  # what str(panel.render()) gives: the whole text
        return self._text

    def update(self, text: Text) -> None:
        if text == self._text and self._laid_out_for == self._width():
            return
        self._text = text
        self._layout_lines()
        self.scroll_to(y=0, animate=False)
        self.refresh()

    def _width(self) -> int:
        return max(self.scrollable_content_region.width, 10)

    def _layout_lines(self) -> None:
        width = self._width()
        console: Console = self.app.console
        lines = self._text.wrap(console, width)
        style = self.rich_style
        self._lines = [Strip([s for s in ln.render(console) if s.text != "\n"] or [Segment("")]).apply_style(style)
                       for ln in lines]
        self._laid_out_for = width
        self.virtual_size = Size(width, len(self._lines))

    def on_resize(self) -> None:
        self._layout_lines()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.size.width
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        return self._lines[index].crop_extend(0, width, self.rich_style)

    def show_edit(self, edit: Edit | None, decisions: dict[str, Decision], reviewer: str, position: str) -> None:
        self.update(edit_details(edit, decisions, reviewer, position))
