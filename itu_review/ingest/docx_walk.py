"""Walking WordprocessingML into the model: paragraphs in document order, with their revisions.

Written for speed and for hostile input. A conference compilation has a million elements, so every
element is visited once, by iterating its parent's children (``find`` costs a microsecond a call),
and a run's properties and text are read in one loop over the run. Nesting — tables in tables,
revision marks, hyperlinks, content controls, equations, text boxes in text boxes — is walked with
explicit stacks, never by recursion: a file nesting 2,000 marks or 400 tables reads like any other
(libxml2 itself stops at 2,048 levels, which the reader reports as malformed XML).

The reader is three rooms. This one holds what a package's readers share (``Shared``: text boxes,
warnings, style names) and the walk over containers — bodies, tables and their tracked rows and
cells, content controls — down to each paragraph and its properties (``Reader``). What a paragraph
holds (runs, marks, fields, equations, text-box anchors) is read by ``docx_inline.InlineReader``,
which ``Reader`` extends; the tag names both compare are in ``docx_tags``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from lxml import etree

from ..model import (
    CELL_DEL,
    CELL_INS,
    GONE,
    INS,
    MOVE_FROM,
    MOVE_TO,
    PARA_FORMAT,
    ROW_DEL,
    ROW_INS,
    Note,
    Paragraph,
    Revision,
)
from .docx_inline import InlineReader, resolve_moves
from .docx_tags import (
    _MARK_KINDS,
    _MARK_ORDER,
    _RANGE_TAGS,
    _T_author,
    _T_bidi,
    _T_cellDel,
    _T_cellIns,
    _T_customXml,
    _T_del,
    _T_id,
    _T_ins,
    _T_numberingChange,
    _T_numPr,
    _T_p,
    _T_pPr,
    _T_pPrChange,
    _T_pStyle,
    _T_rPr,
    _T_sdt,
    _T_sdtContent,
    _T_tbl,
    _T_tc,
    _T_tcPr,
    _T_tr,
    _T_trPr,
    _T_val,
    M,
    W,
    W_NS,
    _on,
    _rev,
    _sdt_content,
)

if TYPE_CHECKING:
    from .docx_props import StyleNames

__all__ = ["M", "W", "W_NS", "Key", "Reader", "Shared", "resolve_moves"]

Key = tuple[str, str]
#: A table cell to read: its w:tc, container, position, tracked row or cell, and row key.
_Cell = tuple[etree._Element, str, tuple[int, int, int], Revision | None, str]
#: A frame of the block walk: the children still to read and where they are, or (no children) the
#: cells of a table still to read.
_Frame = tuple[Iterator[etree._Element] | None, str, tuple[int, int, int] | None, Revision | None, str,
               Iterator[_Cell] | None]


def _wrapped(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """``parent``'s children with ``tag``, looking through content controls and custom XML around them
    (``w:sdt`` around ``w:tr`` or ``w:tc``), however deep."""
    stack = [iter(parent)]
    while stack:
        for child in stack[-1]:
            t = child.tag
            if t == tag:
                yield child
            elif t == _T_sdt or t == _T_sdtContent or t == _T_customXml:
                stack.append(iter(child))
                break
        else:
            stack.pop()


class Shared:
    """What every reader of one package shares: its text boxes, its warnings, its style names.

    A text box is read once its anchoring paragraph is (``drain``), by a reader of its own, so that a
    text box in a text box is queued rather than recursed into.
    """

    def __init__(self, keep_elements: bool, styles_xml: Callable[[], bytes | None]) -> None:
        self.keep = keep_elements
        self.styles_xml = styles_xml
        self.boxes: dict[Key, Note] = {}
        #: with keep_elements: each text box's w:p elements, and its VML fallback copy (mc:Fallback) if any
        self.box_elements: dict[Key, list[etree._Element]] = {}
        self.box_fallbacks: dict[Key, etree._Element] = {}
        self.pending: deque[tuple[Key, etree._Element, etree._Element | None]] = deque()
        self.draining = False
        self.count = 0
        self.warnings: list[str] = []
        self.changes: dict[bytes, str] = {}  # run formatting changes described so far
        self.styles: StyleNames | None = None

    def describe(self, old: etree._Element | None, new: etree._Element) -> str:
        """What a formatting change changed (``docx_props``, imported when a package first has one)."""
        from .docx_props import StyleNames, describe

        if self.styles is None:
            self.styles = StyleNames(self.styles_xml)
        return describe(old, new, self.styles)

    def run_change(self, change: etree._Element, rpr: etree._Element) -> str:
        """What a run's formatting change (``w:rPrChange`` in ``rpr``) changed. The same change recurs
        (a compare tool's bold, run after run): its description is kept by the properties' XML, less the
        change's own id, author and date — serialising costs a third of describing."""
        xml = etree.tostring(rpr)
        cut = xml.find(b"<w:rPrChange ")
        if cut < 0:
            return self.describe(change.find(_T_rPr), rpr) or "formatting changed"
        key = xml[:cut] + xml[xml.find(b">", cut):]
        found = self.changes.get(key)
        if found is None:
            found = self.changes[key] = self.describe(change.find(_T_rPr), rpr) or "formatting changed"
        return found

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def drain(self) -> None:
        if self.draining:
            return
        self.draining = True
        try:
            while self.pending:
                key, box, fallback = self.pending.popleft()
                sub = Reader(self)
                sub.blocks(box, f"textbox:{key[1]}", None, None, "")
                if sub.moves:
                    resolve_moves(sub.paragraphs)
                self.boxes[key] = Note("textbox", key[1], sub.paragraphs)
                if sub.elements is not None:
                    self.box_elements[key] = sub.elements
                    if fallback is not None:
                        self.box_fallbacks[key] = fallback
        finally:
            self.draining = False


class Reader(InlineReader):
    """Walks one part's XML (a body, a note, a header, a text box) and appends its paragraphs in order."""

    def __init__(self, shared: Shared) -> None:
        super().__init__(shared)
        self.paragraphs: list[Paragraph] = []
        #: the w:p element of each paragraph, in the same order (for writing decisions back)
        self.elements: list[etree._Element] | None = [] if shared.keep else None
        self.tables = 0
        #: put before table-cell containers (a header's tables: "header:header1 t3r1c2")
        self.prefix = ""

    # -- block level ----------------------------------------------------------------------
    def block(self, el: etree._Element, container: str, cell: tuple[int, int, int] | None,
              row: Revision | None, row_key: str) -> None:
        if el.tag == _T_p:  # the usual block: no walk to set up
            self.paragraph(el, container, cell, row, row_key)
        else:
            self._walk(iter((el,)), container, cell, row, row_key)

    def blocks(self, parent: etree._Element, container: str, cell: tuple[int, int, int] | None,
               row: Revision | None, row_key: str) -> None:
        self._walk(iter(parent), container, cell, row, row_key)

    def _walk(self, children: Iterator[etree._Element], container: str, cell: tuple[int, int, int] | None,
              row: Revision | None, row_key: str) -> None:
        paragraph = self.paragraph
        stack: list[_Frame] = [(children, container, cell, row, row_key, None)]
        while stack:
            it, container, cell, row, row_key, cells = stack[-1]
            if it is None:
                assert cells is not None
                nxt = next(cells, None)
                if nxt is None:
                    stack.pop()
                else:
                    tc, c_container, c_cell, c_row, c_key = nxt
                    stack.append((iter(tc), c_container, c_cell, c_row, c_key, None))
                continue
            for child in it:
                tag = child.tag
                if tag == _T_p:
                    paragraph(child, container, cell, row, row_key)
                elif tag == _T_tbl:
                    stack.append((None, container, cell, row, row_key, self._cells(child, row, row_key)))
                    break
                elif tag == _T_sdt:
                    content = _sdt_content(child)
                    if content is not None:
                        stack.append((iter(content), container, cell, row, row_key, None))
                        break
                elif tag in _MARK_KINDS or tag == _T_customXml:
                    stack.append((iter(child), container, cell, row, row_key, None))
                    break
                elif tag in _RANGE_TAGS:
                    self.move_range(child)
            else:
                stack.pop()

    def _cells(self, tbl: etree._Element, outer_row: Revision | None, outer_key: str) -> Iterator[_Cell]:
        """A table's cells in order, with their containers and tracked row or cell revision."""
        self.tables += 1
        t = self.tables
        prefix = self.prefix
        for r, tr in enumerate(_wrapped(tbl, _T_tr), 1):
            row_rev = outer_row
            key = outer_key
            trpr = tr.find(_T_trPr)
            if trpr is not None and row_rev is None:
                ins, dele = trpr.find(_T_ins), trpr.find(_T_del)
                if ins is not None and dele is not None:  # inserted, then deleted: in no view
                    row_rev, key = Revision(GONE, dele.get(_T_author, ""), "", dele.get(_T_id, "")), f"t{t}r{r}"
                elif ins is not None:
                    row_rev, key = _rev(ins, ROW_INS), f"t{t}r{r}"
                elif dele is not None:
                    row_rev, key = _rev(dele, ROW_DEL), f"t{t}r{r}"
            for c, tc in enumerate(_wrapped(tr, _T_tc), 1):
                cell_rev, cell_key = row_rev, key
                tcpr = tc.find(_T_tcPr)
                if tcpr is not None and cell_rev is None:
                    ci, cd = tcpr.find(_T_cellIns), tcpr.find(_T_cellDel)
                    if ci is not None:
                        cell_rev, cell_key = _rev(ci, CELL_INS), f"t{t}r{r}c{c}"
                    elif cd is not None:
                        cell_rev, cell_key = _rev(cd, CELL_DEL), f"t{t}r{r}c{c}"
                yield tc, f"{prefix}t{t}r{r}c{c}", (t, r, c), cell_rev, cell_key

    # -- paragraph level ------------------------------------------------------------------
    def paragraph(self, p: etree._Element, container: str, cell: tuple[int, int, int] | None,
                  row: Revision | None, row_key: str) -> None:
        para = Paragraph(container=container, cell=cell, row=row, row_key=row_key)
        for ppr in p:
            if ppr.tag == _T_pPr:
                self.paragraph_properties(ppr, para)
            break  # w:pPr, when present, is the first child
        self.inline(p, para, None)
        self.paragraphs.append(para)
        if self.elements is not None:
            self.elements.append(p)
        shared = self.shared
        if shared.pending and not shared.draining:
            shared.drain()

    def paragraph_properties(self, ppr: etree._Element, para: Paragraph) -> None:
        change = None
        for prop in ppr:
            tag = prop.tag
            if tag == _T_pStyle:
                para.style = prop.get(_T_val, "")
            elif tag == _T_bidi:
                para.rtl = _on(prop)
            elif tag == _T_pPrChange:
                change = prop
            elif tag == _T_numPr:
                for m in prop:
                    if m.tag == _T_ins:
                        para.numbering = _rev(m, INS, detail="numbering added")
                    elif m.tag == _T_numberingChange:
                        para.numbering = _rev(m, PARA_FORMAT, detail="numbering changed")
            elif tag == _T_rPr:
                found = []
                for m in prop:
                    kind = _MARK_KINDS.get(m.tag)
                    if kind is not None:
                        move = ""
                        if kind is MOVE_FROM or kind is MOVE_TO:
                            move = self.current_move[kind]
                            self.moves = True
                        found.append((kind, _rev(m, kind, move)))
                marks = [rev for _, rev in sorted(found, key=lambda f: _MARK_ORDER[f[0]])]
                if len(marks) > 1:  # inserted, then deleted: the paragraph is joined in every view
                    para.mark = Revision(GONE, marks[-1].author, marks[-1].date, marks[-1].rid)
                elif marks:
                    para.mark = marks[0]
        if change is not None:
            detail = self.shared.describe(change.find(_T_pPr), ppr) or "paragraph properties changed"
            para.ppr = _rev(change, PARA_FORMAT, detail=detail)
