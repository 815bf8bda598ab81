"""Rich renderables for a proposal, shared by ``itu-review show`` and the app.

Text is wrapped in logical order at the available width, then each row is reordered for display
(right-to-left rows visually, by ``bidi``) with every character keeping its style. Document text
only ever becomes ``rich.text.Text`` — it is never parsed as markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.cells import get_character_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.text import Text

from ..model import BASE_ONLY, PROPOSED_ONLY, Package, Proposal
from ..views import Line, Span, mark_all, resolve
from . import bidi as bidi_mod
from .sanitize import clean, clean_char
from .shaping import shape_cells
from .tables import _fit

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
}
KIND_STYLE = {"ins": "ins", "del": "del", "move_from": "move_from", "move_to": "move_to", "fmt": "fmt",
              "mark_ins": "ins", "mark_del": "del", "row_ins": "ins", "cell_ins": "ins", "row_del": "del",
              "cell_del": "del"}
#: Without colour, insertions and deletions are told apart by these brackets.
MARKERS = {"ins": ("[+", "+]"), "del": ("[-", "-]"), "move_from": ("[<", "<]"), "move_to": ("[>", ">]"),
           "fmt": ("[~", "~]")}
BIDI_MODES = ("auto", "app", "terminal", "off")


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


Cell = tuple[str, str, int]  # (text drawn in one cell run, style key, edit index)


def span_cells(spans: Iterable[Span], markers: bool, side: str = "") -> list[Cell]:
    """Expand spans into characters, each with its style key and edit; controls made visible.

    With ``markers``, each run of one kind of change (one edit) is bracketed: ``[+…+]``, ``[-…-]``.
    """
    out: list[Cell] = []
    open_key, open_edit = "", -1

    def close() -> None:
        nonlocal open_key
        if open_key:
            out.extend((ch, open_key, open_edit) for ch in MARKERS[open_key][1])
        open_key = ""

    for s in spans:
        key = KIND_STYLE.get(s.kind, "")
        if side == "base" and s.kind in PROPOSED_ONLY | {"mark_ins"}:
            continue
        if side == "proposed" and s.kind in BASE_ONLY | {"mark_del"}:
            continue
        if markers and (key != open_key or s.edit != open_edit) and (s.text or key != open_key):
            close()
            if key in MARKERS and s.text:
                open_key, open_edit = key, s.edit
                out.extend((ch, key, s.edit) for ch in MARKERS[key][0])
        if s.note is not None:
            out.extend((ch, "note", s.edit) for ch in f"[{s.note[1]}]")
        if _PLAIN.fullmatch(s.text):  # the common case: nothing to clean
            out.extend((c, key, s.edit) for c in s.text)
            continue
        reveal = s.edit >= 0 and key != ""
        for ch in s.text:
            if ch == "\n":
                out.append(("\n", key, s.edit))
                continue
            out.extend((c, key, s.edit) for c in clean_char(ch, reveal=reveal))
    if markers:
        close()
    return out


def wrap(cells: Sequence[Cell], width: int) -> list[tuple[int, int]]:
    """Greedy word wrap in logical order: (start, end) ranges of ``cells`` for each row."""
    rows: list[tuple[int, int]] = []
    width = max(width, 1)
    start = 0
    col = 0
    last_space = -1
    i = 0
    n = len(cells)
    while i < n:
        ch = cells[i][0]
        if ch == "\n":
            rows.append((start, i))
            start, col, last_space = i + 1, 0, -1
            i += 1
            continue
        w = get_character_cell_size(ch)
        if col + w > width and i > start:
            if last_space >= start and last_space + 1 > start and cells[i][0] != " ":
                rows.append((start, last_space + 1))
                i = last_space + 1
            else:
                rows.append((start, i))
            # spaces that would open the next row are dropped
            while i < n and cells[i][0] == " ":
                i += 1
            start, col, last_space = i, 0, -1
            continue
        if ch == " ":
            last_space = i
        col += w
        i += 1
    if start < n or not rows:
        rows.append((start, n))
    return rows


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
    out: list[tuple[Text, frozenset[int]]] = []
    styles: dict[tuple[str, bool], Style] = {}

    def style_of(key: str, is_current: bool) -> Style:
        st = styles.get((key, is_current))
        if st is None:
            st = look.style(key) if key else Style()
            if is_current:
                st = st + look.style("current")
            styles[(key, is_current)] = st
        return st

    for start, end in wrap(cells, width):
        edits = frozenset(cells[k][2] for k in range(start, end) if cells[k][2] >= 0)
        if reorder:
            order = [start + k for k in bidi_mod.visual_order(text[start:end], lv[start:end], 1 if rtl else 0)]
        else:
            order = range(start, end)
        # one append per run of like-styled characters, not per character
        pieces: list[tuple[str, Style]] = []
        run: list[str] = []
        run_style: tuple[str, bool] | None = None
        for k in order:
            ch, key, edit = cells[k]
            if reorder:
                ch = bidi_mod.mirrored(ch, lv[k])
            this = (key, current >= 0 and edit == current)
            if this != run_style and run:
                pieces.append(("".join(run), style_of(*run_style)))  # type: ignore[misc]
                run = []
            run_style = this
            run.append(ch)
        if run and run_style is not None:
            pieces.append(("".join(run), style_of(*run_style)))
        row = Text.assemble(*pieces, no_wrap=True, overflow="crop", end="")
        pad = width - row.cell_len
        if pad > 0:
            if rtl and look.bidi != "off":
                row = Text(" " * pad, end="") + row
            else:
                row.append(" " * pad)
        elif pad < 0:
            row.truncate(width)
        out.append((row, edits))
    return out


# text with no control, tab, line break, bidi control, zero-width or separator character
_PLAIN = re.compile("[^\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]*")
_RTL_CHAR = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def proposal_lines(pkg: Package, prop: Proposal) -> list[Line]:
    """The proposal's body as marked lines: one per source paragraph, so both sides align."""
    lines = resolve(pkg.paragraphs, mark_all, prop.paras)
    return _squeeze_blank(_join_table_rows(lines))


def _join_table_rows(lines: list[Line]) -> list[Line]:
    """A table row as one line, its cells parted by a bar."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (ln.cell is not None and prev is not None and prev.cell is not None
                and prev.cell[:2] == ln.cell[:2]):
            # the bar between two cells of a tracked row belongs to the row's change
            kind = next((sp.kind for sp in ln.spans if sp.kind in ("row_ins", "row_del", "cell_ins", "cell_del")), "")
            edit = next((sp.edit for sp in ln.spans if sp.kind == kind), -1) if kind else -1
            prev.spans.append(Span(" \u2502 " if prev.cell[2] != ln.cell[2] else " ", kind, edit))
            prev.spans.extend(ln.spans)
            prev.paras.extend(ln.paras)
            prev.cell = ln.cell
            continue
        out.append(Line(list(ln.spans), list(ln.paras), ln.rtl, ln.container, ln.cell, ln.style))
    return out


def _squeeze_blank(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    for ln in lines:
        if not ln.text.strip() and not any(s.note for s in ln.spans):
            if not out or not out[-1].text.strip():
                continue
        out.append(ln)
    while out and not out[-1].text.strip():
        out.pop()
    return out


class ProposalView:
    """A proposal drawn side by side (base | proposed), inline, or as one side."""

    def __init__(self, pkg: Package, prop: Proposal, view: str = "side", look: Look | None = None,
                 current: int = -1, base_lines: list[Line] | None = None, header: bool = True,
                 base_label: str = "base (text in force)", base_note: str = "",
                 in_force: list[str] | None = None, aligned: dict[int, int] | None = None,
                 marks: dict[int, str] | None = None, cross_language: bool = False,
                 cache: dict[tuple[object, ...], object] | None = None) -> None:
        self.pkg, self.prop, self.view = pkg, prop, view
        self.look = look or Look(DEFAULT_STYLES)
        self.current = current
        self.base_lines = base_lines
        self.header = header
        self.base_label = base_label
        self.base_note = base_note
        #: the text in force from a base collection, and which package paragraph stands for which of it
        self.in_force = in_force
        self.aligned = aligned or {}
        #: findings to flag beside paragraphs: package paragraph -> short label
        self.marks = marks or {}
        #: the text in force is another language's: show it beside the proposal, paragraph by paragraph
        self.cross_language = cross_language
        #: rendered rows of unchanged lines, kept between redraws by a caller that redraws often (the app)
        self.cache = cache

    def rows(self, width: int) -> list[Text]:
        return [t for t, _ in self.rows_with_edits(width)]

    def rows_with_edits(self, width: int) -> list[tuple[Text, frozenset[int]]]:
        """Every row of the drawing, with the edits it shows (to scroll to the current one)."""
        look = self.look
        none: frozenset[int] = frozenset()
        out: list[tuple[Text, frozenset[int]]] = []
        if self.header:
            out.extend((t, none) for t in self._header(width))
        lines = proposal_lines(self.pkg, self.prop)
        if self.view == "side":
            out.extend(self._side(lines, width))
        else:
            side = {"inline": "", "base": "base", "proposed": "proposed"}[self.view]
            for ln in lines:
                out.extend(render_cells_edits(span_cells(ln.spans, look.markers, side), width, ln.rtl, look,
                                              self.current))
        out.extend(self._footer(width))
        return out

    def _side(self, lines: list[Line], width: int) -> list[tuple[Text, frozenset[int]]]:
        col = max((width - 3) // 2, 4)
        look = self.look
        sep = Text(" \u2502 ", style=look.style("dim"), end="")
        head_l = Text(_fit(self.base_label, col), style=look.style("dim"), end="")
        head_r = Text(_fit("proposed", col), style=look.style("dim"), end="")
        out: list[tuple[Text, frozenset[int]]] = [(head_l + sep + head_r, frozenset())]
        if self.base_note:
            out.append((Text(_fit(self.base_note, width), style=look.style("warning"), end=""), frozenset()))
        Rows = list[tuple[Text, frozenset[int]]]
        pairs: list[tuple[Rows, Rows]] = []
        if self.base_lines is not None:
            lefts = [render_cells_edits(span_cells(ln.spans, look.markers), col, ln.rtl, look) for ln in self.base_lines]
            rights = [render_cells_edits(span_cells(ln.spans, look.markers, "proposed"), col, ln.rtl, look,
                                         self.current) for ln in lines]
            pairs = [(lefts[i] if i < len(lefts) else [], rights[i] if i < len(rights) else [])
                     for i in range(max(len(lefts), len(rights)))]
        elif self.in_force is not None:
            pairs = self._pairs_with_text_in_force(lines, col)
        else:
            for n, ln in enumerate(lines):
                pairs.append(self._pair(n, ln, col))
        for pair in pairs:
            out.extend(pair if isinstance(pair, list) else _join_sides(pair, col, sep))
        return out

    def _pair(self, n: int, ln: Line, col: int):  # type: ignore[no-untyped-def]
        """Both sides of one line, from the cache when neither the line nor its highlight changed."""
        look = self.look
        key = None
        if self.cache is not None:
            holds_current = self.current >= 0 and self.current in ln.edits()
            key = (self.prop.id, n, col, self.current if holds_current else -1, ln.text, look.markers, look.bidi,
                   id(look.styles), tuple(self.marks.get(pi, "") for pi in ln.paras))
            hit = self.cache.get(key)
            if hit is not None:
                return hit
        left = render_cells_edits(self._marked(ln, span_cells(ln.spans, look.markers, "base")), col, ln.rtl, look,
                                  self.current)
        right = render_cells_edits(span_cells(ln.spans, look.markers, "proposed"), col, ln.rtl, look, self.current)
        rows = _join_sides((left, right), col, Text(" \u2502 ", style=look.style("dim"), end=""))
        if key is not None:
            assert self.cache is not None
            if len(self.cache) > 5000:
                self.cache.clear()
            self.cache[key] = rows
        return rows

    def _marked(self, ln: Line, cells: list[Cell]) -> list[Cell]:
        label = next((self.marks[pi] for pi in ln.paras if pi in self.marks), "")
        return [(c, "warning", -1) for c in f"\u26a0 {label}: "] + cells if label else cells

    def _pairs_with_text_in_force(self, lines: list[Line], col: int):  # type: ignore[no-untyped-def]
        """Proposal lines beside their paragraphs in force; paragraphs it does not reproduce, dimmed."""
        look = self.look
        assert self.in_force is not None
        text = self.in_force
        pairs = []
        shown = 0  # next paragraph of the text in force not yet drawn

        def elided(upto: int) -> None:
            nonlocal shown
            first = True
            while shown < upto:
                cells = [(c, "dim", -1) for c in clean(text[shown], keep_newlines=True)]
                left = render_cells_edits(cells, col, None, look)
                right = render_cells_edits([(c, "dim", -1) for c in ("\u22ef not reproduced" if first else "")], col,
                                           None, look)
                pairs.append((left, right))
                shown += 1
                first = False

        for ln in lines:
            j = next((self.aligned[pi] for pi in ln.paras if pi in self.aligned), None)
            if j is not None and j >= shown:
                elided(j)
                shown = j + 1
            if self.cross_language:
                # the text in force (another language) on the left, the proposal with all its marks on the right
                left = (render_cells_edits([(c, "", -1) for c in clean(text[j], keep_newlines=True)], col, None, look)
                        if j is not None else [])
                right = render_cells_edits(span_cells(ln.spans, look.markers), col, ln.rtl, look, self.current)
            else:
                left = render_cells_edits(self._marked(ln, span_cells(ln.spans, look.markers, "base")), col, ln.rtl,
                                          look, self.current)
                right = render_cells_edits(span_cells(ln.spans, look.markers, "proposed"), col, ln.rtl, look,
                                           self.current)
            pairs.append((left, right))
        elided(len(text))
        return pairs

    def _header(self, width: int) -> list[Text]:
        p = self.prop
        cells: list[Cell] = [(c, "heading", -1) for c in f"{p.action or '—'} {clean(p.id)}"]
        if p.target.kind:
            cells += [(c, "heading", -1) for c in "  " + clean(p.target.label())]
        cells += [(c, "dim", -1) for c in f"  ({len(p.edits)} edit{'s' if len(p.edits) != 1 else ''})"]
        if p.title:  # last, so that a right-to-left title cannot pull the count into its run
            cells += [(c, "", -1) for c in "  " + clean(p.title, keep_newlines=True)]
        rows = render_cells(cells, width, False, self.look)
        for w in p.warnings:
            warning = [(c, "warning", -1) for c in "! " + clean(w, keep_newlines=True)]
            rows.extend(render_cells(warning, width, False, self.look))
        return rows

    def _footer(self, width: int) -> list[tuple[Text, frozenset[int]]]:
        rows: list[tuple[Text, frozenset[int]]] = []
        p = self.prop
        if p.reasons:
            rows.append((Text(" " * width, end=""), frozenset()))
            rows.extend(render_cells_edits([(c, "marker", -1) for c in "Reasons:"], width, False, self.look))
            for para in p.reasons.split("\n"):  # each paragraph in its own direction
                cells = [(c, "", -1) for c in clean(para, keep_newlines=True)]
                rows.extend(render_cells_edits(cells, width, None, self.look))
        for e in p.edits:
            for w in e.warnings:
                warning = [(c, "warning", -1) for c in f"! {e.id}: {clean(w, keep_newlines=True)}"]
                rows.extend(render_cells_edits(warning, width, False, self.look))
        seen: set[tuple[str, str]] = set()
        for pi in (*p.paras, *p.reason_paras):
            for s in self.pkg.paragraphs[pi].segments:
                if s.note is not None and s.note not in seen and s.note in self.pkg.notes:
                    seen.add(s.note)
                    note = self.pkg.notes[s.note]
                    for k, ln in enumerate(resolve(note.paragraphs, mark_all)):
                        prefix = [(c, "note", -1) for c in (f"[{s.note[1]}] " if k == 0 else "    ")]
                        rows.extend(render_cells_edits(prefix + span_cells(ln.spans, self.look.markers), width,
                                                       ln.rtl, self.look, self.current))
        return rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for row in self.rows(options.max_width):
            yield row
            yield Text("\n", end="")


def resolve_bidi(mode: str | None, environ: dict[str, str] | None = None) -> str:
    """``auto`` becomes ``terminal`` where the terminal always applies bidi itself, else ``app``."""
    import os

    env = os.environ if environ is None else environ
    mode = (mode or env.get("ITU_REVIEW_BIDI") or "app").lower()
    if mode not in BIDI_MODES:
        mode = "app"
    if mode == "auto":
        program = env.get("TERM_PROGRAM", "")
        if env.get("KONSOLE_VERSION") or program in ("Apple_Terminal",) or env.get("TERM", "").startswith("mlterm"):
            return "terminal"
        return "app"
    return mode


def _join_sides(pair: tuple[list[tuple[Text, frozenset[int]]], list[tuple[Text, frozenset[int]]]], col: int,
                sep: Text) -> list[tuple[Text, frozenset[int]]]:
    """The rows of a left and a right column side by side, the shorter one padded."""
    left, right = pair
    blank = (Text(" " * col, end=""), frozenset[int]())
    out = []
    for k in range(max(len(left), len(right))):
        lt, le = left[k] if k < len(left) else blank
        rt, re_ = right[k] if k < len(right) else blank
        out.append((Text.assemble(lt, sep, rt, no_wrap=True, end=""), le | re_))
    return out


def look_for_console(console: Console, bidi: str = "app") -> Look:
    """Bracket markers wherever colour cannot be shown (a pipe, NO_COLOR, a dumb terminal)."""
    bidi = resolve_bidi(bidi)
    markers = console.no_color or console.color_system is None
    return Look(DEFAULT_STYLES, markers=markers, bidi=bidi, shape=bidi == "app")


