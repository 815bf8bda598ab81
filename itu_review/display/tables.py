"""Plain aligned tables for `list` and `edits`, sized to the terminal in cells (CJK counts twice)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, get_character_cell_size
from rich.console import Console
from rich.style import Style
from rich.text import Text

from .sanitize import clean


def _fit(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` terminal cells, with an ellipsis, and pad it to exactly that."""
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    out, used = [], 0
    for ch in text:
        w = get_character_cell_size(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "\u2026" + " " * (width - 1 - used)


def plain_table(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int,
                flexible: int | None = -1, keep: Sequence[int] = (), late: Sequence[int] = (),
                wrap: int = 1) -> tuple[str, list[str]]:
    """A simple aligned table: the header line and a line a row, no wider than ``width`` where it can be.

    The columns in ``keep`` (ids, kinds: what a user types or reads whole) are never cut; of the others
    the ``flexible`` column (if any) gives way first, then the widest, the ``late`` ones (an author) only once the
    rest are down to 8 cells. When the kept columns alone are wider than ``width`` the lines are longer
    than it (the terminal wraps them) rather than cut an id. Cells pass the cleaner with controls
    revealed (``⟨RLO⟩``), as everywhere on a terminal. With ``wrap`` above 1, a cell too long for its
    column is wrapped at words over up to that many lines (the last cut with an ellipsis) rather than
    cut on its one line: the edits table's deleted and inserted texts at 80 columns.
    """
    cols = len(headers)
    cells = [[clean(c, keep_newlines=True, reveal=True).replace("\n", " ") for c in row] for row in rows]
    widths = [max([cell_len(headers[i])] + [cell_len(r[i]) for r in cells]) for i in range(cols)]
    kept = {k % cols for k in keep}
    # no column wider than the line (a column a million cells wide was shrunk one cell a pass)
    widths = [w if k in kept else min(w, max(width, cell_len(headers[k]))) for k, w in enumerate(widths)]
    later = {k % cols for k in late}
    flex = -1 if flexible is None else flexible % cols
    budget = width - 2 * (cols - 1)
    while sum(widths) > budget:
        over = sum(widths) - budget
        if flex >= 0 and flex not in kept and widths[flex] > 12:
            widths[flex] = max(12, widths[flex] - over)
            continue
        first = [k for k in range(cols) if k not in kept and k not in later and widths[k] > 8]
        shrinkable = first or [k for k in range(cols) if k not in kept and widths[k] > 4]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda k: widths[k])
        widths[widest] -= 1
    head = "  ".join(_fit(h, widths[i]) for i, h in enumerate(headers)).rstrip()
    if wrap <= 1:
        return head, ["  ".join(_fit(c, widths[i]) for i, c in enumerate(row)).rstrip() for row in cells]
    out: list[str] = []
    for row in cells:
        if all(cell_len(c) <= widths[i] for i, c in enumerate(row)):
            out.append("  ".join(_fit(c, widths[i]) for i, c in enumerate(row)).rstrip())
            continue
        parts = [[c] if i in kept or cell_len(c) <= widths[i] else _wrapped(c, widths[i], wrap)
                 for i, c in enumerate(row)]
        for k in range(max(len(p) for p in parts)):
            out.append("  ".join(_fit(p[k] if k < len(p) else "", widths[i]) for i, p in enumerate(parts)).rstrip())
    return head, out


def _wrapped(text: str, width: int, most: int) -> list[str]:
    """``text`` over at most ``most`` lines of ``width`` cells; what does not fit ends in an ellipsis."""
    lines = wrap_words(text, width)
    if len(lines) <= most:
        return lines
    return [*lines[:most - 1], _fit(" ".join(lines[most - 1:]), width).rstrip()]


def print_table(console: Console, headers: Sequence[str], rows: Sequence[Sequence[str]],
                flexible: int | None = -1, keep: Sequence[int] = (), late: Sequence[int] = (), wrap: int = 1) -> None:
    """The table on ``console``: the header in bold through Rich, the rows written as they are.

    The rows are plain, cleaned text already fitted to the width; handing a hundred thousand of them
    to Rich costs a minute (its line splitting is quadratic in one call, slow per call in many).
    """
    head, lines = plain_table(headers, rows, console.width, flexible, keep, late, wrap)
    console.print(Text(head, style=Style(bold=True), no_wrap=True, overflow="crop"))
    if lines:
        console.file.write("\n".join(lines) + "\n")


def wrap_words(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` cells, at spaces where it can (a long word is split)."""
    width = max(width, 1)
    lines: list[str] = []
    line, used = "", 0
    for word in text.split():
        w = cell_len(word)
        if w > width:  # a word longer than a line: lines of as much as fits, in one pass (a crafted
            if line:   # million-character word re-measured at each line took a minute)
                lines.append(line)
                line, used = "", 0
            chunk: list[str] = []
            taken = 0
            for ch in word:
                cw = get_character_cell_size(ch)
                if taken + cw > width and chunk:
                    lines.append("".join(chunk))
                    chunk, taken = [], 0
                chunk.append(ch)
                taken += cw
            word, w = "".join(chunk), taken
        if not word:
            continue
        if line and used + 1 + w > width:
            lines.append(line)
            line, used = "", 0
        line, used = (f"{line} {word}", used + 1 + w) if line else (word, w)
    if line or not lines:
        lines.append(line)
    return lines


def wrapped_table(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int, fixed: Sequence[int] = (),
                  indent: int = 0, header: bool = True) -> list[str]:
    """Aligned columns whose last one is wrapped at words within the width left to it (continuation
    lines under it, the other columns blank): a message is read whole, never cut. ``fixed`` gives the
    other columns' widths (their text is cut with an ellipsis); by default they take their widest cell.
    Tables printed one after another with the same ``fixed`` widths line up as one."""
    cols = len(headers)
    cells = [[clean(c, keep_newlines=True).replace("\n", " ") for c in row] for row in rows]
    widths = list(fixed) or [max([cell_len(headers[i])] + [cell_len(r[i]) for r in cells]) for i in range(cols - 1)]
    budget = width - indent - 2 * (cols - 1)
    while budget - sum(widths) < 24:
        widest = max(range(cols - 1), key=lambda k: widths[k])
        if widths[widest] <= 6:
            break
        widths[widest] -= 1
    last = max(budget - sum(widths), 8)
    pad = " " * indent

    def line(first: Sequence[str], tail: str) -> str:
        return (pad + "  ".join(_fit(c, widths[i]) for i, c in enumerate(first)) + "  " + tail).rstrip()

    out = [line(headers[:-1], headers[-1])] if header else []
    blank = [""] * (cols - 1)
    for row in cells:
        for k, part in enumerate(wrap_words(row[-1], last)):
            out.append(line(row[:-1] if k == 0 else blank, part))
    return out
