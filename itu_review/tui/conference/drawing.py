"""A text of the conference drawn for the "by text" view: rows of styled text, each exactly the pane's width.

Every piece of document text goes through the display layer (``display.render``: cleaned, wrapped in
logical order, reordered for display when right to left, styled per character) and never through
markup. Blocks are drawn one by one and kept: moving to the next edit draws again only the blocks that
show the edit left and the one reached (a paragraph, its change line, a source line), so a keypress
costs a few blocks, not the text.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.text import Text

from ... import decisions as dlog
from ...collisions import BREAK
from ...display.render import Cell, Look, render_cells_edits, span_cells
from ...display.sanitize import clean
from ...session import GLYPHS, ReviewSession
from ...views import Span
from ..screens.summary import STATE_GLYPH
from .plan import Block, ChangeLine, EditLine, Inline, Label, Note, Para, ProposalLine, SourceLine, Stop, TextPlan

Row = tuple[Text, frozenset[int]]
#: A status's glyph: an edit's (this reviewer's), a proposal's, or every reviewer's when they disagree.
GLYPH = {**GLYPHS, **STATE_GLYPH}
#: Characters of context either side of a change.
CONTEXT = 28
#: Where an insertion goes in the paragraph, when it is the current change.
CARET = "\u2041"
#: Indents: a change under its paragraph, a source under its change.
CHANGE_INDENT, SOURCE_INDENT, PROPOSAL_INDENT = 2, 4, 2
NO_STOPS: frozenset[int] = frozenset()


def stop_status(session: ReviewSession, stop: Stop) -> str:
    """What a source line shows: as the by-package view draws the edit (a disagreement or anyone's flag,
    else this reviewer's status)."""
    if stop.edit is None:
        return session.proposal_status(session.items[stop.item])
    return session.look_status(stop.pkg, stop.edit.index)


def is_open(session: ReviewSession, stop: Stop) -> bool:
    """Still to decide (or to confirm) by this reviewer."""
    if stop.edit is None:
        d = session.proposal_decisions(session.items[stop.item]).get(session.reviewer)
        return d is None or not d.verdict or d.to_confirm
    return session.status(stop.pkg, stop.edit) in (dlog.PENDING, dlog.TO_CONFIRM)


def _cells(text: str, key: str = "", edit: int = -1) -> list[Cell]:
    return [(c, key, edit) for c in clean(text)]


def _indent(rows: list[tuple[Text, frozenset[int]]], indent: int, gutter: str = "", style: str = "",
            look: Look | None = None, hang: int = 0) -> list[Text]:
    """Rows shifted right by ``indent`` columns (the rows after the first by ``hang`` more, when they were
    drawn that much narrower); the first starts with ``gutter`` (a paragraph's number)."""
    out = []
    for n, (row, _) in enumerate(rows):
        lead = (gutter if n == 0 else "").ljust(indent + (hang if n else 0))
        out.append(Text.assemble((lead, look.style(style) if look and style else ""), row, no_wrap=True, end=""))
    return out


class TextDrawing:
    """Draws a plan at a width for a session; ``rows(current)`` gives every row, the current stop marked."""

    def __init__(self, plan: TextPlan, session: ReviewSession, look: Look, width: int) -> None:
        self.plan = plan
        self.session = session
        self.look = look
        self.width = max(width, 24)
        n = max((b.number for b in plan.blocks if isinstance(b, Para)), default=0)
        #: the paragraph number's column: "¶12 "
        self.gutter = len(f"\u00b6{n}") + 1
        self._cache: dict[int, tuple[object, list[Text]]] = {}
        self._block_rows: list[tuple[int, int]] = []
        self._rows: list[list[Text]] | None = None
        self._flat: list[Row] | None = None
        self._current = 0
        self._proposal_blocks = [k for k, b in enumerate(plan.blocks) if isinstance(b, ProposalLine)]

    # -- the whole text ---------------------------------------------------------------------------
    def rows(self, current: int, changed: Iterable[int] | None = None) -> list[Row]:
        """Every row, the current stop marked. Only the blocks that may look different are looked at again:
        those of the stop left and the stop reached, of the stops in ``changed`` (decided since), and the
        proposals' lines; ``changed`` None looks at every block (the first drawing, others' decisions).
        On the bench conference's texts (600-1,000 blocks) looking at every block costs 7-20 ms."""
        blocks = self.plan.blocks
        if self._rows is None or changed is None:
            todo: Iterable[int] = range(len(blocks))
        else:
            wanted = {*self.plan.blocks_of[self._current], *self.plan.blocks_of[current], *self._proposal_blocks}
            for s in changed:
                wanted.update(self.plan.blocks_of[s])
            todo = sorted(wanted)
        if self._rows is None:
            self._rows = [[] for _ in blocks]
        grown = False
        for k in todo:
            before = self._rows[k]
            after = self._block(k, blocks[k], current)
            if after is not before:
                grown = grown or len(after) != len(before)
                self._rows[k] = after
        self._current = current
        if grown or self._flat is None or changed is None:
            self._flat, self._block_rows = [], []
            for k, rows in enumerate(self._rows):
                tag = self._tag(blocks[k])
                self._block_rows.append((len(self._flat), len(self._flat) + len(rows)))
                self._flat.extend((t, tag) for t in rows)
        else:
            for k in todo:
                start, _ = self._block_rows[k]
                tag = self._tag(blocks[k])
                for n, t in enumerate(self._rows[k]):
                    self._flat[start + n] = (t, tag)
        return list(self._flat)

    def rows_of_stop(self, stop: int, paragraph: bool = True) -> tuple[int, int]:
        """The first and last row that show the stop: its paragraph (unless not ``paragraph``), its change
        and its source lines."""
        blocks = self.plan.blocks
        spans = [self._block_rows[b] for b in self.plan.blocks_of[stop]
                 if b < len(self._block_rows) and (paragraph or not isinstance(blocks[b], Para))]
        if not spans:
            return 0, 0
        return min(s for s, _ in spans), max(e for _, e in spans) - 1

    def _tag(self, block: Block) -> frozenset[int]:
        if isinstance(block, (SourceLine, EditLine)):
            return frozenset((block.stop,))
        if isinstance(block, ChangeLine):
            return frozenset(block.stops)
        if isinstance(block, Inline):
            return block.stops
        return NO_STOPS

    def _block(self, k: int, block: Block, current: int) -> list[Text]:
        state = self._state(block, current)
        hit = self._cache.get(k)
        if hit is not None and hit[0] == state:
            return hit[1]
        rows = self._draw(block, current)
        self._cache[k] = (state, rows)
        return rows

    def _state(self, block: Block, current: int) -> object:
        """What a block's drawing depends on besides the block itself."""
        if isinstance(block, SourceLine):
            stop = self.plan.stops[block.stop]
            mine = self.session.own(stop.pkg, stop.edit) if stop.edit is not None else None
            return (block.stop == current, stop_status(self.session, stop), mine.note if mine else "")
        if isinstance(block, (ChangeLine, EditLine)):
            return current in self._tag(block)
        if isinstance(block, Para):
            return next(((s, e) for s, e, stops in block.spans if current in stops), None)
        if isinstance(block, Inline):
            return (current if current in block.stops else -1,
                    tuple(stop_status(self.session, self.plan.stops[k]) for k in sorted(block.stops)))
        if isinstance(block, ProposalLine):
            it = self.session.items[block.item]
            return self.session.proposal_status(it), self.session.progress(it)
        return None

    # -- each kind of block -------------------------------------------------------------------------
    def _draw(self, block: Block, current: int) -> list[Text]:
        look, width = self.look, self.width
        if isinstance(block, Note):
            inner = width - block.indent
            return _indent(render_cells_edits(_cells(block.text, block.style), inner, block.rtl, look),
                           block.indent)
        if isinstance(block, Para):
            return self._para(block, current)
        if isinstance(block, Label):
            indent = self.gutter + CHANGE_INDENT
            cells = _cells(block.text, "warning" if block.collision else "marker")
            return _indent(render_cells_edits(cells, width - indent, False, look), indent)
        if isinstance(block, ChangeLine):
            return self._change(block, current)
        if isinstance(block, EditLine):
            stop = self.plan.stops[block.stop]
            assert stop.edit is not None
            e = stop.edit
            spans = [Span(e.before[-CONTEXT:], ""), Span(e.deleted, "del", 0), Span(e.inserted, "ins", 0),
                     Span(e.after[:CONTEXT], "")]
            if not (e.deleted or e.inserted):
                spans.insert(1, Span(f"({e.detail or e.kind})", "note", 0))
            indent = self.gutter + CHANGE_INDENT
            cells = span_cells([s for s in spans if s.text])
            return _indent(render_cells_edits(cells, width - indent, None, look, 0 if block.stop == current else -1),
                           indent)
        if isinstance(block, SourceLine):
            return self._source(block, current)
        if isinstance(block, Inline):
            # drawn as the by-package view draws a line: each decided edit after its glyph, accepted and
            # rejected ones dimmed
            cells = [(c, key, block.stop_of.get(e, -1)) for c, key, e in
                     span_cells(block.line.spans, status=lambda i: self.session.look_status(block.pkg, i))]
            return _indent(render_cells_edits(cells, width - self.gutter, block.line.rtl, look,
                                              current if current in block.stops else -1), self.gutter)
        if isinstance(block, ProposalLine):
            return self._proposal(block)
        raise TypeError(f"no drawing for {type(block).__name__}")

    def _para(self, block: Para, current: int) -> list[Text]:
        mark = next(((s, e) for s, e, stops in block.spans if current in stops), None)
        text = block.text
        if mark is None:
            cells = _cells(text)
        else:
            s, e = mark
            middle = _cells(text[s:e], "", 0) if e > s else [(CARET, "mark", 0)]
            cells = _cells(text[:s]) + middle + _cells(text[e:])
        rows = render_cells_edits(cells, self.width - self.gutter, None, self.look, 0 if mark else -1)
        return _indent(rows, self.gutter, f"\u00b6{block.number}", "dim", self.look)

    def _change(self, block: ChangeLine, current: int) -> list[Text]:
        """``…context [deleted][inserted] context…``, the paragraph's own direction."""
        pc = block.change.first
        text = block.paragraph
        a = max(0, pc.start - CONTEXT)
        if a:
            space = text.find(" ", a, pc.start)
            a = space + 1 if space >= 0 else a
        z = min(len(text), pc.end + CONTEXT)
        if z < len(text):
            space = text.rfind(" ", pc.end, z)
            z = space if space > pc.end else z
        deleted = text[pc.start:pc.end]
        spans = [Span(("\u2026" if a else "") + text[a:pc.start], "")]
        if pc.wordless:
            detail = pc.edit.detail or pc.edit.kind
            spans.append(Span(deleted or pc.edit.subject, "fmt", 0))
            spans.append(Span(f" ({detail})", "note"))
        else:
            spans.append(Span(deleted, "del", 0))
            spans.append(Span(pc.inserted.replace(BREAK, "\u00b6 "), "ins", 0))
            if pc.joins_next:
                spans.append(Span("\u00b6", "del", 0))
        spans.append(Span(text[pc.end:z] + ("\u2026" if z < len(text) else ""), ""))
        cells = span_cells([s for s in spans if s.text])
        indent = self.gutter + CHANGE_INDENT
        here = 0 if current in block.stops else -1
        return _indent(render_cells_edits(cells, self.width - indent, None, self.look, here), indent)

    def _source(self, block: SourceLine, current: int) -> list[Text]:
        stop = self.plan.stops[block.stop]
        status = stop_status(self.session, stop)
        e = stop.entry
        here = 0 if block.stop == current else -1
        cells = _cells(f"{GLYPH.get(status, '?')} ", "", 0)
        cells += _cells(stop.label, "marker", 0)
        cells += _cells(f" \u00b7 {e.source}", "", 0)
        if status != dlog.PENDING:
            cells += _cells(f" \u00b7 {status}", "marker", 0)
        if stop.edit is not None:
            mine = self.session.own(stop.pkg, stop.edit)
            if mine is not None and mine.note:
                cells += _cells(f" \u2014 {mine.note}", "", 0)
        else:
            cells += _cells(" \u00b7 as a whole", "dim", 0)
        cells += _cells(f" \u00b7 {os.path.basename(e.package.path)}", "dim", 0)
        # under a change: indented below it; a proposal without edits: in the list of proposals
        indent = self.gutter + SOURCE_INDENT if stop.edit is not None else PROPOSAL_INDENT
        if cell_len("".join(c for c, _, _ in cells)) <= self.width - indent:
            return _indent(render_cells_edits(cells, self.width - indent, False, self.look, here), indent)
        # what does not fit goes on below, two columns further in
        return _indent(render_cells_edits(cells, self.width - indent - 2, False, self.look, here), indent, hang=2)

    def _proposal(self, block: ProposalLine) -> list[Text]:
        s = self.session
        it = s.items[block.item]
        done, total, _ = s.progress(it)
        e = block.entry
        cells = _cells(f"{GLYPHS.get(s.proposal_status(it), '?')} ")
        cells += _cells(f"{e.action} {e.id}", "marker")
        cells += _cells(f" \u00b7 {e.source} \u00b7 {done}/{total} edits decided")
        cells += _cells(f" \u00b7 {os.path.basename(e.package.path)}", "dim")
        return _indent(render_cells_edits(cells, self.width - PROPOSAL_INDENT, False, self.look), PROPOSAL_INDENT)


def plain(rows: Sequence[Row]) -> str:
    """The rows as plain text (for tests and copying)."""
    return "\n".join(t.plain.rstrip() for t, _ in rows)

