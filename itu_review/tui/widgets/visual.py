"""Lines of the app's own panels that hold right-to-left text, laid out as the text panes lay it out.

The panes draw document text through the display layer (``display.rows``: UAX #9 reordering, Arabic
shaping for terminals that do not shape); the details panel drew notes, authors and comments as Rich
wraps them, in logical order — a note typed ``ملاحظة: see Council WG`` read reversed, its letters
unjoined. A line holding right-to-left text goes through the same ``render_cells`` as the panes, each
character keeping its style; any other line is wrapped by Rich as before (nothing changes for it).
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.style import Style
from rich.text import Text

from ...display.render import Look, render_cells

#: Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko … and their presentation forms).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


def visual_rows(line: Text, width: int, console: Console, bidi: str) -> list[Text] | None:
    """One logical line (no line break) as rows of ``width`` cells in display order, when it holds
    right-to-left text and the app does the bidi (``bidi`` "app" or "auto"); None otherwise.

    The panel's lines are labelled in English ("you: pending — …", "author's comment: …"), so each is a
    left-to-right paragraph: an Arabic note in it reads right to left, where it stands."""
    if bidi not in ("app", "auto") or not has_rtl(line.plain):
        return None
    styles: dict[str, Style] = {}
    keys: dict[Style, str] = {}
    cells: list[tuple[str, str, int]] = []
    for seg in line.render(console):
        style = seg.style or Style()
        key = keys.get(style)
        if key is None:
            key = keys[style] = f"s{len(keys)}"
            styles[key] = style
        cells.extend((ch, key, -1) for ch in seg.text if ch != "\n")
    look = Look(styles, markers=False, bidi=bidi, shape=bidi == "app")
    return render_cells(cells, width, False, look)


def visual_line(line: Text, console: Console, bidi: str) -> Text:
    """One line, never wrapped (a list's line, cut with an ellipsis at the right), in display order when
    it holds right-to-left text; the line itself when not."""
    rows = visual_rows(line, max(line.cell_len, 1), console, bidi)
    if rows is None:
        return line
    out = rows[0]
    out.rstrip()  # the padding to the width asked: a lam-alef ligature makes the line a cell shorter
    out.no_wrap, out.overflow, out.end = line.no_wrap, line.overflow, line.end
    return out
