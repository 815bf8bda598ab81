"""Rich renderables for a proposal, shared by ``itu-review show`` and the app.

``ProposalView`` lays a proposal out as rows: side by side (the base column | proposed), inline (every
change marked), or one column (base, proposed), and ``package-base`` — side by side with the package's
own base however a collection matched. The base column is the text in force when a collection holds
the proposal's text (``in_force.BaseSide``), and every column says what it holds. Decided edits carry
a glyph and accepted or rejected ones are dimmed, given each edit's status. Document text only ever
becomes ``rich.text.Text`` — it is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from ..model import PROPOSED_ONLY, Package, Paragraph, Proposal
from ..views import Line, Span, mark_all, resolve
from . import bidi
from .in_force import PACKAGE_BASE_LABEL, BaseSide, base_side, force_cells, package_base_side
from .rows import (
    DEFAULT_STYLES,
    KIND_STYLE,
    MARKERS,
    STATUS_GLYPHS,
    Cell,
    Look,
    StatusOf,
    render_cells,
    render_cells_edits,
    span_cells,
    status_name,
    wrap,
)
from .sanitize import clean
from .tables import _fit, wrap_words

__all__ = ["DEFAULT_STYLES", "KIND_STYLE", "MARKERS", "STATUS_GLYPHS", "VIEWS", "BaseSide", "Cell", "Look",
           "ProposalView", "look_for_console", "proposal_lines", "render_cells", "render_cells_edits",
           "resolve_bidi", "span_cells", "wrap"]

#: The views, in the order a reviewer cycles through them; ``package-base`` matters with a collection.
VIEWS = ("side", "inline", "base", "proposed", "package-base")
BIDI_MODES = ("auto", "app", "terminal", "off")
Rows = list[tuple[Text, frozenset[int]]]
#: one row pair to draw: (left cache key, left rows, right cache key, right rows, the edits of its line)
Pair = tuple[tuple[object, ...], Callable[[], Rows], tuple[object, ...], Callable[[], Rows], frozenset[int]]
#: rows already drawn, by what they depend on (``ProposalView``'s ``cache``)
RowCache = dict[tuple[object, ...], Rows]
NOT_IN_FORCE = "\u26a0 not in force: "
#: Before a paragraph whose formatting is a tracked change (a paragraph-format edit: alignment, style,
#: indent, numbering), in the style of formatting changes: the edit has a place in the text, to be
#: scrolled to, marked current and shown decided like any other.
FORMAT_MARK = "\u00b6"


def proposal_lines(pkg: Package, prop: Proposal) -> list[Line]:
    """The proposal's body as marked lines: one per source paragraph, so both sides align."""
    lines = resolve(pkg.paragraphs, mark_all, prop.paras)
    return _squeeze_blank(_join_table_rows(format_marked(lines, pkg.paragraphs)))


def format_marked(lines: list[Line], paragraphs: list[Paragraph]) -> list[Line]:
    """Each line whose paragraph's formatting changed (``ppr_edit``) led by ``FORMAT_MARK`` for that edit."""
    for ln in lines:
        marks = [Span(FORMAT_MARK, "fmt", e) for e in dict.fromkeys(paragraphs[pi].ppr_edit for pi in ln.paras)
                 if e >= 0]
        if marks:
            ln.spans[:0] = [*marks, Span(" ")]
    return lines


def line_edits(ln: Line, paragraphs: list[Paragraph]) -> frozenset[int]:
    """Every edit a line stands for: its marked text's, and its paragraphs' own (formatting, a tracked
    row, a paragraph mark) — what the pane must be able to scroll to, whichever of them the view draws."""
    out = set(ln.edits())
    for pi in ln.paras:
        p = paragraphs[pi]
        out.update(e for e in (p.ppr_edit, p.row_edit, p.mark_edit) if e >= 0)
    return frozenset(out)


def _then_anchored(make: Callable[[], Rows], edits: frozenset[int]) -> Callable[[], Rows]:
    """``make``'s rows, anchored (``_anchored``), when they are made."""
    return lambda: _anchored(make(), edits)


def _joined(left: Callable[[], Rows], right: Callable[[], Rows], col: int, sep: Text,
            edits: frozenset[int]) -> Callable[[], Rows]:
    """A pair of columns' rows side by side, anchored, when they are made."""
    return lambda: _anchored(_join_sides((left(), right()), col, sep), edits)


def _anchored(rows: Rows, edits: frozenset[int]) -> Rows:
    """``rows`` with each of ``edits`` that no row shows given to the first row: an edit of which the view
    draws nothing (an insertion in the base view, a deletion in the proposed one) is still where its
    line is, so that the pane can scroll to it."""
    if not rows or not edits:
        return rows
    missing = edits.difference(*(e for _, e in rows))
    if not missing:
        return rows
    first, shown = rows[0]
    return [(first, shown | missing), *rows[1:]]


def _join_table_rows(lines: list[Line]) -> list[Line]:
    """A table row as one line, its cells parted by a dashed bar (┆: the solid │ parts the columns)."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (ln.cell is not None and prev is not None and prev.cell is not None
                and prev.cell[:2] == ln.cell[:2]):
            # the bar between two cells of a tracked row belongs to the row's change
            kind = next((sp.kind for sp in ln.spans if sp.kind in ("row_ins", "row_del", "cell_ins", "cell_del")), "")
            edit = next((sp.edit for sp in ln.spans if sp.kind == kind), -1) if kind else -1
            prev.spans.append(Span(" \u2506 " if prev.cell[2] != ln.cell[2] else " ", kind, edit))
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
    """A proposal drawn side by side (base column | proposed), inline, or as one column.

    ``side`` says what the base column holds (``in_force.base_side``; by default the package's own
    base), ``status`` gives each edit's status by its index (a callable or a mapping: "accepted",
    "rejected", "flagged", "pending", "disagreement", "to-confirm"), ``cache`` keeps rendered rows of
    unchanged lines between redraws for a caller that redraws often (the app).
    """

    def __init__(self, pkg: Package, prop: Proposal, view: str = "side", look: Look | None = None,
                 current: int = -1, *, side: BaseSide | None = None, status: StatusOf | None = None,
                 header: bool = True, cache: RowCache | None = None) -> None:
        if view not in VIEWS:
            raise ValueError(f"unknown view {view!r} (views: {', '.join(VIEWS)})")
        self.pkg, self.prop, self.view = pkg, prop, view
        self.look = look or Look(DEFAULT_STYLES)
        self.current = current
        self.side = side if side is not None else base_side(pkg, prop, None)
        self.status = status
        self.header = header
        self.cache = cache

    def rows(self, width: int) -> list[Text]:
        return [t for t, _ in self.rows_with_edits(width)]

    def rows_with_edits(self, width: int) -> Rows:
        """Every row of the drawing, with the edits it shows (to scroll to the current one)."""
        none: frozenset[int] = frozenset()
        out: Rows = []
        if self.header:  # an edit in the header's own paragraphs (the header typed in as a change) is there
            out.extend(_anchored([(t, none) for t in self._header(width)], self._edits_in(self.prop.header_paras)))
        lines = proposal_lines(self.pkg, self.prop)
        if self.view == "side":
            out.extend(self._side(lines, width, self.side))
        elif self.view == "package-base":
            out.extend(self._side(lines, width, package_base_side(self.side, self.pkg, self.prop)))
        elif self.view == "base":
            out.extend(self._one_column_base(lines, width))
        else:
            side = "proposed" if self.view == "proposed" else ""
            for n, ln in enumerate(lines):  # (``_cached`` calls ``make`` before it returns)
                out.extend(self._cached(("line", side, n, width) + self._line_key(ln),
                                        lambda: _anchored(self._render(ln, side, width), self._edits(ln))))
        out.extend(self._footer(width))
        return out

    # -- pieces --------------------------------------------------------------------------------
    def _cached(self, key: tuple[object, ...], make: Callable[[], Rows]) -> Rows:
        """Rows from the cache when the same line was drawn the same way before."""
        if self.cache is None:
            return make()
        look = self.look
        full = (self.prop.id, *key, look.markers, look.bidi, look.shape, id(look.styles))
        hit = self.cache.get(full)
        if hit is None:
            if len(self.cache) > 5000:
                self.cache.clear()
            hit = self.cache[full] = make()
        return hit

    def _line_key(self, ln: Line) -> tuple[object, ...]:
        """What a line's drawing depends on besides the width: its text, the highlight, the statuses."""
        edits = ln.edits()
        cur = self.current if self.current in edits else -1
        statuses = tuple(status_name(self.status, e) for e in sorted(edits)) if self.status is not None else ()
        return (ln.text, cur, statuses)

    def _edits(self, ln: Line) -> frozenset[int]:
        return line_edits(ln, self.pkg.paragraphs)

    def _edits_in(self, paras: list[int]) -> frozenset[int]:
        """The proposal's edits in these paragraphs (its header's, its Reasons')."""
        wanted = set(paras)
        return frozenset(e.index for e in self.prop.edits if e.para in wanted)

    def _render(self, ln: Line, side: str, width: int, prefix: list[Cell] | None = None) -> Rows:
        cells = span_cells(ln.spans, side, self.status, self.current)
        return render_cells_edits((prefix or []) + cells, width, ln.rtl, self.look, self.current)

    def _heads(self, side: BaseSide, col: int, width: int) -> Rows:
        look = self.look
        label, note = side.label, side.note
        if cell_len(label) > col and side.short_label:
            label = side.short_label
        sep = Text(" \u2502 ", style=look.style("dim"), end="")
        head_l = Text(_fit(clean(label), col), style=look.style("dim"), end="")
        head_r = Text(_fit("proposed", col), style=look.style("dim"), end="")
        out: Rows = [(head_l + sep + head_r, frozenset())]
        if note and not side.empty:  # wrapped, never cut: it says what to do (give --base)
            out.extend((Text(_fit(part, width), style=look.style("warning"), end=""), frozenset())
                       for part in wrap_words(note, width))
        return out

    def _side(self, lines: list[Line], width: int, side: BaseSide) -> Rows:
        col = max((width - 3) // 2, 4)
        out = self._heads(side, col, width)
        if side.in_force is not None:
            pairs = self._pairs_in_force(lines, col, side)
        elif side.empty:  # a draft new text: nothing in force beside it
            nothing: Callable[[], Rows] = list
            pairs = [(("none",), nothing, ("right", n, col) + self._line_key(ln),
                      partial(self._render, ln, "proposed", col), self._edits(ln))
                     for n, ln in enumerate(lines)]
        else:
            pairs = [(("pkg", n, col, self._marks(ln, side)) + self._line_key(ln),
                      partial(self._render_base, ln, col, side),
                      ("right", n, col) + self._line_key(ln), partial(self._render, ln, "proposed", col),
                      self._edits(ln))
                     for n, ln in enumerate(lines)]
        sep = Text(" \u2502 ", style=self.look.style("dim"), end="")
        for lkey, left, rkey, right, edits in pairs:  # one cache entry a pair: the joined rows are what is drawn
            out.extend(self._cached(("pair", lkey, rkey), _joined(left, right, col, sep, edits)))
        return out

    def _one_column_base(self, lines: list[Line], width: int) -> Rows:
        side = self.side
        # a draft new text's own base, in one column, is the package's (its edits are found in it)
        label = PACKAGE_BASE_LABEL if side.empty else side.label
        out: Rows = [(Text(_fit(clean(label), width), style=self.look.style("dim"), end=""), frozenset())]
        if side.note:
            out.extend((Text(_fit(part, width), style=self.look.style("warning"), end=""), frozenset())
                       for part in wrap_words(side.note, width))
        if side.in_force is not None:
            for lkey, left, _, _, edits in self._pairs_in_force(lines, width, side, right=False):
                out.extend(self._cached(lkey, _then_anchored(left, edits)))
            return out
        for n, ln in enumerate(lines):  # (``_cached`` calls ``make`` before it returns)
            out.extend(self._cached(("pkg", n, width, self._marks(ln, side)) + self._line_key(ln),
                                    lambda: _anchored(self._render_base(ln, width, side), self._edits(ln))))
        return out

    @staticmethod
    def _marks(ln: Line, side: BaseSide) -> str:
        return next((side.marks[pi] for pi in ln.paras if pi in side.marks), "")

    def _render_base(self, ln: Line, width: int, side: BaseSide) -> Rows:
        """A line of the package's base, with a finding's mark before it (``_mark_cells``)."""
        return self._render(ln, "base", width, self._mark_cells(ln, side))

    def _render_in_force(self, ln: Line, para: str, width: int) -> Rows:
        """A line of the package's base drawn as its paragraph in force ``para`` (``force_cells``)."""
        return render_cells_edits(force_cells(span_cells(ln.spans, "base", self.status, self.current), para,
                                              bool(ln.rtl)), width, ln.rtl, self.look, self.current)

    def _render_not_in_force(self, ln: Line, width: int) -> Rows:
        """A line of the package's base that is not in force: marked, all of it the package's own words."""
        return render_cells_edits([(c, "warning", -1) for c in NOT_IN_FORCE]
                                  + _as_ours(span_cells(ln.spans, "base", self.status, self.current)), width,
                                  ln.rtl, self.look, self.current)

    def _mark_cells(self, ln: Line, side: BaseSide) -> list[Cell]:
        """"⚠ untracked change: " before a paragraph of the package's base that a finding is about."""
        label = self._marks(ln, side)
        return [(c, "warning", -1) for c in f"\u26a0 {label}: "] if label else []

    def _pairs_in_force(self, lines: list[Line], col: int, side: BaseSide, right: bool = True) -> list[Pair]:
        """(left key, left rows, right key, right rows) a line: each proposal line beside its paragraph in
        force; paragraphs in force it does not reproduce, dimmed, beside "⋯ not reproduced"."""
        assert side.in_force is not None
        text = side.in_force
        look = self.look
        out: list[Pair] = []
        shown = 0  # next paragraph of the text in force not yet drawn
        nothing: Callable[[], Rows] = list

        def elided(upto: int) -> None:
            nonlocal shown
            first = True
            while shown < upto:
                para = text[shown]
                out.append((("elided", para, col), partial(_plain, para, "dim", col, look),
                            ("elided-right", first and right, col),
                            partial(_plain, side.elided_label if first and right else "", "dim", col, look),
                            frozenset()))
                shown += 1
                first = False

        for n, ln in enumerate(lines):
            js = [side.aligned[pi] for pi in ln.paras if pi in side.aligned]
            j = js[0] if js else None
            force = text[j] if j is not None else ""
            if ln.cell is not None and len(js) > 1 and js == sorted(set(js)):
                # a table row is one line of its cells' paragraphs: beside it, their paragraphs in force
                # parted as the cells are (one paragraph left the others' words marked as ours)
                force = " \u2506 ".join(text[x] for x in js)
            if j is not None and j >= shown:
                elided(j)
                shown = max(js) + 1
            key = self._line_key(ln)
            if side.cross_language:
                # the text in force (another language) on the left, the proposal with all its marks on the right
                left = partial(_plain, text[j], "", col, look) if j is not None else nothing
                out.append((("xl", j, col), left, ("inline", n, col) + key,
                            partial(self._render, ln, "", col), self._edits(ln)))
                continue
            if j is not None:
                left = partial(self._render_in_force, ln, force, col)
            elif _base_text(ln).strip():
                left = partial(self._render_not_in_force, ln, col)
            else:
                left = nothing
            out.append((("force", n, col, tuple(js)) + key, left, ("right", n, col) + key,
                        partial(self._render, ln, "proposed", col) if right else nothing, self._edits(ln)))
        elided(len(text))
        return out

    def _header(self, width: int) -> list[Text]:
        p = self.prop
        cells: list[Cell] = [(c, "heading", -1) for c in f"{p.action or '—'} {clean(p.id)}"]
        if p.target.kind:
            cells += [(c, "heading", -1) for c in "  " + clean(p.target.label())]
        cells += [(c, "dim", -1) for c in f"  ({len(p.edits)} edit{'s' if len(p.edits) != 1 else ''})"]
        if p.title:  # last, so that a right-to-left title cannot pull the count into its run
            cells += [(c, "", -1) for c in "  " + clean(p.title, keep_newlines=True)]
        # a title in Arabic makes the header a right-to-left paragraph, laid out as the body's lines are
        # (right-aligned, each row in visual order, wrapped rows read from the right): in a left-to-right
        # line its words ran right to left and its wrapped part started at the left edge
        rows = render_cells(cells, width, bool(p.title) and bidi.is_rtl_text(p.title), self.look)
        for w in (*p.warnings, *self.side.findings):
            warning = [(c, "warning", -1) for c in "! " + clean(w, keep_newlines=True)]
            rows.extend(render_cells(warning, width, False, self.look))
        return rows

    def _footer(self, width: int) -> list[tuple[Text, frozenset[int]]]:
        rows: list[tuple[Text, frozenset[int]]] = []
        p = self.prop
        if p.reasons:
            rows.append((Text(" " * width, end=""), frozenset()))
            rows.extend(_anchored(render_cells_edits([(c, "marker", -1) for c in "Reasons:"], width, False, self.look),
                                  self._edits_in(p.reason_paras)))
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
                    for k, ln in enumerate(format_marked(resolve(note.paragraphs, mark_all), note.paragraphs)):
                        prefix = [(c, "note", -1) for c in (f"[{s.note[1]}] " if k == 0 else "    ")]
                        rows.extend(_anchored(render_cells_edits(
                            prefix + span_cells(ln.spans, "", self.status, self.current), width, ln.rtl, self.look,
                            self.current), line_edits(ln, note.paragraphs)))
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


def _plain(text: str, style: str, width: int, look: Look) -> Rows:
    """``text`` (document text: cleaned, its line breaks kept) in one style, wrapped to ``width``."""
    return render_cells_edits([(c, style, -1) for c in clean(text, keep_newlines=True)], width, None, look)


def _base_text(ln: Line) -> str:
    return "".join(sp.text for sp in ln.spans if sp.kind not in PROPOSED_ONLY and sp.kind != "mark_ins")


def _as_ours(cells: list[Cell]) -> list[Cell]:
    """A paragraph of the package's base that is not in force: all of it the package's own words."""
    return [c if c[1].startswith(("glyph", "note")) else (c[0], "untracked_ours", c[2]) for c in cells]


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


