"""Document text as styled cells, wrapped in logical order and drawn row by row in visual order.

A *cell* is one character with a style key and the edit it belongs to. Text is wrapped in logical
order at the available width, then each row is reordered for display (right-to-left rows visually, by
``bidi``) with every character keeping its style. Without colour, the bracket markers (``[+ +]``,
``[- -]`` …) are placed around each *visual* run of a change after reordering: markers in the logical
text would take part in the bidi algorithm themselves (a bracket pair is resolved as a unit, rule N0)
and reorder the very text they mark — ``(WRC-07)`` drawn as ``(07-WRC)``.

Style keys are names in ``Look.styles`` joined by ``/``: ``ins/resolved`` is an insertion drawn in
the style of insertions and of decided edits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from rich.cells import get_character_cell_size
from rich.style import Style
from rich.text import Text

from ..model import BASE_ONLY, PROPOSED_ONLY
from ..views import Span
from . import bidi as bidi_mod
from .sanitize import clean_char
from .shaping import shape_cells

DEFAULT_STYLES: dict[str, Style] = {
    "ins": Style(color="green", underline=True),
    "del": Style(color="red", strike=True),
    "move_from": Style(color="magenta", strike=True),
    "move_to": Style(color="magenta", underline=True),
    "fmt": Style(color="cyan", italic=True),
    "mark": Style(color="yellow", bold=True),
    "current": Style(reverse=True),
    "note": Style(dim=True),
    "marker": Style(bold=True),
    "heading": Style(bold=True),
    "dim": Style(dim=True),
    "warning": Style(color="yellow"),
    # decisions: the glyph before an edit, and the text of an edit already decided (dimmed)
    "accepted": Style(color="green", bold=True),
    "rejected": Style(color="red", bold=True),
    "flagged": Style(color="yellow", bold=True),
    "to_confirm": Style(color="cyan", bold=True),
    "disagreement": Style(color="magenta", bold=True),
    "resolved": Style(dim=True),
    # the text in force where the package's base differs from it without revision marks
    "untracked": Style(color="yellow", bold=True),
    "untracked_ours": Style(color="yellow", italic=True),
}
KIND_STYLE = {"ins": "ins", "del": "del", "move_from": "move_from", "move_to": "move_to", "fmt": "fmt",
              "mark_ins": "ins", "mark_del": "del", "row_ins": "ins", "cell_ins": "ins", "row_del": "del",
              "cell_del": "del"}
#: Without colour, changes are told apart by these brackets; untracked differences by braces.
MARKERS = {"ins": ("[+", "+]"), "del": ("[-", "-]"), "move_from": ("[<", "<]"), "move_to": ("[>", ">]"),
           "fmt": ("[~", "~]"), "untracked": ("{", "}")}
#: Style keys drawn inside another key's markers (the package's words of an untracked difference).
MARKER_GROUP = {"untracked_ours": "untracked"}
#: Edit statuses (as ``decisions.edit_status`` names them), the glyph drawn before such an edit and
#: the style key of the glyph; a pending edit has none.
STATUS_GLYPHS = {"accepted": ("\u2713", "accepted"), "rejected": ("\u2717", "rejected"),
                 "flagged": ("\u2691", "flagged"), "disagreement": ("\u2260", "disagreement"),
                 "to-confirm": ("\u21bb", "to_confirm")}
#: Statuses whose edits are done with: their text is dimmed.
RESOLVED = frozenset({"accepted", "rejected"})
#: Drawn in the proposed text where the current edit deleted text (nothing else would show there).
DELETED_HERE = "\u232b"

Cell = tuple[str, str, int]  # (text drawn in one cell run, style key, edit index)
#: An edit's status by its index: a callable or a mapping ("accepted", "pending", "to-confirm" …).
StatusOf = Callable[[int], str] | Mapping[int, str]


@dataclass(frozen=True)
class Look:
    """How to draw: styles, whether to add bracket markers, bidi mode."""

    styles: dict[str, Style]
    markers: bool = False
    bidi: str = "app"
    #: draw Arabic letters in their contextual (presentation) forms, for terminals that do not shape
    shape: bool = False

    def style(self, key: str) -> Style:
        return self.styles.get(key, Style())


def status_name(status: StatusOf | None, edit: int) -> str:
    """The edit's status, spelled as ``STATUS_GLYPHS`` keys it ("to confirm" → "to-confirm")."""
    if status is None or edit < 0:
        return ""
    got = status.get(edit, "") if isinstance(status, Mapping) else status(edit)
    return (got or "").strip().lower().replace(" ", "-").replace("_", "-")


def span_cells(spans: Iterable[Span], side: str = "", status: StatusOf | None = None,
               current: int = -1) -> list[Cell]:
    """Expand spans into characters, each with its style key and edit; controls made visible.

    ``side`` "base" drops what only the proposal has, "proposed" what only the base has — except that
    where the ``current`` edit deleted text and shows nothing else on the line, a ⌫ stands in its place.
    With ``status``, each decided edit is preceded by its glyph (✓ ✗ ⚑ ≠ ↻) once a line, and the
    text of accepted and rejected edits is dimmed.
    """
    spans = list(spans)
    out: list[Cell] = []
    glyphed: set[int] = set()
    placeholder = current >= 0 and side == "proposed" and not any(
        s.edit == current and s.text and s.kind not in BASE_ONLY and s.kind != "mark_del" for s in spans)
    for s in spans:
        key = KIND_STYLE.get(s.kind, "")
        if side == "base" and s.kind in PROPOSED_ONLY | {"mark_ins"}:
            continue
        if side == "proposed" and s.kind in BASE_ONLY | {"mark_del"}:
            if placeholder and s.edit == current:
                out.append((DELETED_HERE, "del", current))
                placeholder = False
            continue
        text = s.text
        if status is not None and key and s.edit >= 0:
            st = status_name(status, s.edit)
            if st in RESOLVED:
                key += "/resolved"
            if st in STATUS_GLYPHS and s.edit not in glyphed:
                glyph, glyph_key = STATUS_GLYPHS[st]
                # the glyph goes with the edit's first word: after the spaces an insertion may open with
                # (before them it stuck to the word before: "…76/19و ✓68/198" right to left)
                lead = len(text) - len(text.lstrip(" ")) if text.strip(" ") else 0
                out.extend((" ", key, s.edit) for _ in range(lead))
                text = text[lead:]
                out.append((glyph, "glyph/" + glyph_key, s.edit))
                glyphed.add(s.edit)
        if s.note is not None:
            out.extend((ch, "note", s.edit) for ch in f"[{s.note[1]}]")
        if _PLAIN.fullmatch(text):  # the common case: nothing to clean
            out.extend((c, key, s.edit) for c in text)
            continue
        reveal = s.edit >= 0 and key != ""
        for ch in text:
            if ch == "\n":
                out.append(("\n", key, s.edit))
                continue
            out.extend((c, key, s.edit) for c in clean_char(ch, reveal=reveal))
    return out


_GROUPS: dict[str, str] = {}


def _group_name(key: str) -> str:
    """The marker group of a style key ("ins/resolved" → "ins"), "" for none."""
    g = _GROUPS.get(key)
    if g is None:
        base = key.split("/", 1)[0]
        base = MARKER_GROUP.get(base, base)
        g = _GROUPS[key] = base if base in MARKERS else ""
    return g


def marker_groups(cells: Sequence[Cell]) -> list[tuple[str, int] | None]:
    """Each cell's marker run: (group, -1) — by kind of change, not by edit: side by side, two deletions
    share one pair of brackets as they share a colour (the current one stands out by its own style).

    By edit, the reordering of a right-to-left row cut ``(WRC-07) 417`` (two deletions, ``417 (WRC``
    and ``07)``) into five bracketed runs, ``[-(-][-WRC-]-[-07-][-) 417-]``: 28 columns for 12
    characters, wrapped inside the brackets at 80x24 (``[-WRC-]-[-) 417-]`` over ``[-(07-]``). By kind it
    is ``[-(WRC-]-[-07) 417-]``, 20 columns."""
    out: list[tuple[str, int] | None] = []
    for _, key, _edit in cells:
        g = _group_name(key)
        out.append((g, -1) if g else None)
    # a decision's glyph inside its edit (after the spaces an insertion opens with) stays inside the
    # edit's brackets: "[+ ⚑68/198+]", not "[+ +]⚑[+68/198+]"
    for k in range(1, len(cells) - 1):
        if out[k] is None and cells[k][1].startswith("glyph") and out[k - 1] is not None \
                and out[k - 1] == out[k + 1]:
            out[k] = out[k - 1]
    return out


def _next_row(cells: Sequence[Cell], start: int, width: int,
              groups: Sequence[tuple[str, int] | None] | None = None) -> tuple[int, int]:
    """The row that begins at ``start``, greedy at spaces: (its end, where the next row begins).

    With ``groups``, a marker run opened on the row counts the width of its two markers."""
    n = len(cells)
    col = 0
    last_space = last_nbsp = last_slash = -1
    i = start
    while i < n:
        ch = cells[i][0]
        if ch == "\n":
            return i, i + 1
        w = get_character_cell_size(ch)
        if groups is not None:
            g = groups[i]
            if g is not None and (i == start or groups[i - 1] != g):
                w += sum(len(m) for m in MARKERS[g[0]])
        if col + w > width and i > start:
            if ch == " ":
                end = i
            elif last_space >= start:
                end = last_space + 1
            elif ch in _NBSP:
                return i, i + 1
            elif last_nbsp > start:  # rather than inside a word: "417" over "(WRC-07)", not "…(WRC-0" over "7)"
                return last_nbsp, last_nbsp + 1
            elif last_slash > start:  # "telecommunication/" over "information", not "…/inform" over "ation"
                end = last_slash + 1
            else:
                end = i
            nxt = end
            while nxt < n and cells[nxt][0] == " ":  # spaces that would open the next row are dropped
                nxt += 1
            return end, nxt
        if ch == " ":
            last_space = i
        elif ch in _NBSP:
            last_nbsp = i
        elif ch in _BREAK_AFTER and i + 1 < n and cells[i + 1][0] not in " \n":
            last_slash = i
        col += w
        i += 1
    return n, n


def wrap(cells: Sequence[Cell], width: int) -> list[tuple[int, int]]:
    """Greedy word wrap in logical order: (start, end) ranges of ``cells`` for each row."""
    width = max(width, 1)
    rows: list[tuple[int, int]] = []
    start, n = 0, len(cells)
    while start < n:
        end, nxt = _next_row(cells, start, width)
        rows.append((start, end))
        start = nxt
    return rows or [(0, 0)]


def render_cells(cells: Sequence[Cell], width: int, rtl: bool | None, look: Look, current: int = -1) -> list[Text]:
    """Rows of styled text, each exactly ``width`` cells wide."""
    return [t for t, _ in render_cells_edits(cells, width, rtl, look, current)]


def render_cells_edits(cells: Sequence[Cell], width: int, rtl: bool | None, look: Look,
                       current: int = -1) -> list[tuple[Text, frozenset[int]]]:
    """Rows of styled text with the edits each row shows."""
    if look.shape and look.bidi in ("app", "auto"):
        cells = shape_cells(cells)
    text = "".join(c[0] for c in cells)
    if rtl is None:
        rtl = bidi_mod.is_rtl_text(text)
    reorder = look.bidi in ("app", "auto") and (rtl or _RTL_CHAR.search(text) is not None)
    lv = bidi_mod.levels(text, rtl) if reorder else []
    groups = marker_groups(cells) if look.markers else None
    styles: dict[tuple[str, bool], Style] = {}

    def style_of(key: str, is_current: bool) -> Style:
        st = styles.get((key, is_current))
        if st is None:
            st = Style()
            for part in key.split("/") if key else ():
                st = st + look.style(part)
            if is_current:
                st = st + look.style("current")
            styles[(key, is_current)] = st
        return st

    def draw(start: int, end: int) -> Text:
        if groups is not None:  # a marked row ends at its last visible character
            while end > start and cells[end - 1][0] == " ":
                end -= 1
        if reorder:
            order: Iterable[int] = [start + k for k in
                                    bidi_mod.visual_order(text[start:end], lv[start:end], 1 if rtl else 0)]
        else:
            order = range(start, end)
        # one append per run of like-styled characters, not per character
        pieces: list[tuple[str, Style]] = []
        run: list[str] = []
        run_style: tuple[str, bool] | None = None
        group: tuple[str, int] | None = None
        for k in order:
            ch, key, edit = cells[k]
            this = (key, current >= 0 and edit == current)
            if groups is not None and groups[k] != group:
                if run and run_style is not None:
                    pieces.append(("".join(run), style_of(*run_style)))
                    run = []
                if group is not None and run_style is not None:
                    pieces.append((MARKERS[group[0]][1], style_of(*run_style)))
                group = groups[k]
                if group is not None:
                    pieces.append((MARKERS[group[0]][0], style_of(*this)))
                run_style = this
            if reorder:
                ch = bidi_mod.mirrored(ch, lv[k])
            if this != run_style and run and run_style is not None:  # (a run has its style)
                pieces.append(("".join(run), style_of(*run_style)))
                run = []
            run_style = this
            run.append(ch)
        if run and run_style is not None:
            pieces.append(("".join(run), style_of(*run_style)))
        if group is not None and run_style is not None:
            pieces.append((MARKERS[group[0]][1], style_of(*run_style)))
        return Text.assemble(*pieces, no_wrap=True, overflow="crop", end="")

    out: list[tuple[Text, frozenset[int]]] = []
    width = max(width, 1)
    start, n = 0, len(cells)
    while True:
        budget = width
        while True:
            end, nxt = _next_row(cells, start, budget, groups)
            row = draw(start, end)
            # a right-to-left run cut in two by the reordering takes a second pair of markers: narrower
            if row.cell_len <= width or groups is None or budget <= 1 or end - start <= 1:
                break
            budget -= row.cell_len - width
        pad = width - row.cell_len
        if pad > 0:
            if rtl and look.bidi != "off":
                row = Text(" " * pad, end="") + row
            else:
                row.append(" " * pad)
        elif pad < 0:
            row.truncate(width)
        edits = frozenset(cells[k][2] for k in range(start, end) if cells[k][2] >= 0)
        out.append((row, edits))
        start = nxt
        if start >= n:
            break
    return out


#: No-break spaces: a row is wrapped at one only where it would otherwise be cut inside a word.
_NBSP = ("\u00a0", "\u202f")
#: Inside a word too long for its row, a row ends after one of these rather than at any letter.
_BREAK_AFTER = ("/", "-", "\u2010", "\u2013")
# text with no control, tab, line break, bidi control, zero-width or separator character
_PLAIN = re.compile("[^\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]*")
_RTL_CHAR = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
