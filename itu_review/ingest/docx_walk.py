"""Walking WordprocessingML into the model: paragraphs in document order, with their revisions.

Written for speed and for hostile input. A conference compilation has a million elements, so every
element is visited once, by iterating its parent's children (``find`` costs a microsecond a call),
and a run's properties and text are read in one loop over the run. Nesting — tables in tables,
revision marks, hyperlinks, content controls, equations, text boxes in text boxes — is walked with
explicit stacks, never by recursion: a file nesting 2,000 marks or 400 tables reads like any other
(libxml2 itself stops at 2,048 levels, which the reader reports as malformed XML).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import TYPE_CHECKING

from lxml import etree

from ..model import (
    CELL_DEL,
    CELL_INS,
    DEL,
    FORMAT,
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
    Segment,
)

if TYPE_CHECKING:
    from .docx_props import StyleNames

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# Tag names, built once (the reader compares them millions of times).
_T_author = W + "author"
_T_bdo = W + "bdo"
_T_bidi = W + "bidi"
_T_br = W + "br"
_T_cellDel = W + "cellDel"
_T_cellIns = W + "cellIns"
_T_char = W + "char"
_T_cr = W + "cr"
_T_customXml = W + "customXml"
_T_date = W + "date"
_T_del = W + "del"
_T_delText = W + "delText"
_T_dir = W + "dir"
_T_drawing = W + "drawing"
_T_endnoteReference = W + "endnoteReference"
_T_fldChar = W + "fldChar"
_T_fldCharType = W + "fldCharType"
_T_fldSimple = W + "fldSimple"
_T_footnoteReference = W + "footnoteReference"
_T_hyperlink = W + "hyperlink"
_T_id = W + "id"
_T_ins = W + "ins"
_T_moveFrom = W + "moveFrom"
_T_moveFromRangeEnd = W + "moveFromRangeEnd"
_T_moveFromRangeStart = W + "moveFromRangeStart"
_T_moveTo = W + "moveTo"
_T_moveToRangeEnd = W + "moveToRangeEnd"
_T_moveToRangeStart = W + "moveToRangeStart"
_T_name = W + "name"
_T_noBreakHyphen = W + "noBreakHyphen"
_T_numPr = W + "numPr"
_T_numberingChange = W + "numberingChange"
_T_object = W + "object"
_T_p = W + "p"
_T_pict = W + "pict"
_T_pPr = W + "pPr"
_T_pPrChange = W + "pPrChange"
_T_pStyle = W + "pStyle"
_T_ptab = W + "ptab"
_T_r = W + "r"
_T_rPr = W + "rPr"
_T_rPrChange = W + "rPrChange"
_T_sdt = W + "sdt"
_T_sdtContent = W + "sdtContent"
_T_smartTag = W + "smartTag"
_T_sym = W + "sym"
_T_t = W + "t"
_T_tab = W + "tab"
_T_tbl = W + "tbl"
_T_tc = W + "tc"
_T_tcPr = W + "tcPr"
_T_tr = W + "tr"
_T_trPr = W + "trPr"
_T_txbxContent = W + "txbxContent"
_T_val = W + "val"
_T_vanish = W + "vanish"
_M_r = M + "r"
_M_t = M + "t"
_T_AlternateContent = MC + "AlternateContent"
_T_Choice = MC + "Choice"
_T_Fallback = MC + "Fallback"

_BREAK_TEXT = {_T_tab: "\t", _T_ptab: "\t", _T_cr: "\n", _T_br: "\n", _T_noBreakHyphen: "\u2011"}
_TRANSPARENT = {_T_hyperlink, _T_smartTag, _T_customXml, _T_bdo, _T_dir, _T_fldSimple}
_RANGE_TAGS = {_T_moveFromRangeStart, _T_moveFromRangeEnd, _T_moveToRangeStart, _T_moveToRangeEnd}
_MARK_KINDS = {_T_ins: INS, _T_del: DEL, _T_moveFrom: MOVE_FROM, _T_moveTo: MOVE_TO}
_MATH = {M + "oMath", M + "oMathPara"}
#: Run content that may hold text boxes.
_OBJECTS = {_T_AlternateContent, _T_drawing, _T_pict, _T_object}
#: The order the marks of one paragraph mark are read in (the last deletion wins a GONE mark).
_MARK_ORDER = {INS: 0, DEL: 1, MOVE_FROM: 2, MOVE_TO: 3}
#: A character code a w:sym may name.
_MAX_CHAR = 0x10FFFF

Key = tuple[str, str]
#: A table cell to read: its w:tc, container, position, tracked row or cell, and row key.
_Cell = tuple[etree._Element, str, tuple[int, int, int], Revision | None, str]
#: A frame of the block walk: the children still to read and where they are, or (no children) the
#: cells of a table still to read.
_Frame = tuple[Iterator[etree._Element] | None, str, tuple[int, int, int] | None, Revision | None, str,
               Iterator[_Cell] | None]


def _on(el: etree._Element | None) -> bool:
    """A Word toggle property: present and not switched off."""
    if el is None:
        return False
    return el.get(_T_val, "true").lower() not in ("0", "false", "off", "none")


#: ``Revision``'s own constructor is a Python function: the tuple's, called with all six fields, is not
_new_rev = tuple.__new__
#: a revision mark's attributes in the order Word writes them (read in two calls where ``get`` takes three)
_ID_AUTHOR_DATE = [_T_id, _T_author, _T_date]


def _rev(el: etree._Element, kind: str, move: str = "", detail: str = "") -> Revision:
    return _new_rev(Revision, (kind, el.get(_T_author, ""), el.get(_T_date, ""), el.get(_T_id, ""), move, detail))


def _nest(outer: Revision | None, inner: Revision) -> Revision:
    """Revision of content nested in two marks: inserted-then-deleted text is in neither view."""
    if outer is None:
        return inner
    kinds = {outer.kind, inner.kind}
    if kinds & {INS, MOVE_TO} and kinds & {DEL, MOVE_FROM}:
        return Revision(GONE)
    return inner


def _append(segs: list[Segment], text: str, rev: Revision | None, fmt: Revision | None, hidden: bool) -> None:
    if segs:
        last = segs[-1]
        if last.rev == rev and last.fmt == fmt and last.hidden == hidden and last.note is None:
            last.text += text
            return
    segs.append(Segment(text, rev, fmt, None, hidden))


def _sdt_content(sdt: etree._Element) -> etree._Element | None:
    for part in sdt:
        if part.tag == _T_sdtContent:
            return part
    return None


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


def _outer_boxes(obj: etree._Element) -> list[etree._Element]:
    """The text boxes in ``obj`` that are not inside another of its text boxes (those are read with it)."""
    out = []
    for box in obj.iter(_T_txbxContent):
        anc = box.getparent()
        while anc is not None and anc is not obj and anc.tag != _T_txbxContent:
            anc = anc.getparent()
        if anc is None or anc is obj:
            out.append(box)
    return out


def _choice(alt: etree._Element) -> etree._Element | None:
    """The branch of an ``mc:AlternateContent`` a reader takes: its first ``mc:Choice``, else ``mc:Fallback``."""
    fallback = None
    for branch in alt:
        if branch.tag == _T_Choice:
            return branch
        if branch.tag == _T_Fallback:
            fallback = branch
    return fallback


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


class Reader:
    """Walks one part's XML (a body, a note, a header, a text box) and appends its paragraphs in order."""

    def __init__(self, shared: Shared) -> None:
        self.shared = shared
        self.paragraphs: list[Paragraph] = []
        #: the w:p element of each paragraph, in the same order (for writing decisions back)
        self.elements: list[etree._Element] | None = [] if shared.keep else None
        self.tables = 0
        #: put before table-cell containers (a header's tables: "header:header1 t3r1c2")
        self.prefix = ""
        self.fields: list[bool] = []  # per open complex field: True once past "separate"
        self.unseparated = 0  # open fields still in their instruction part
        self.move_ranges: dict[str, dict[str, str]] = {MOVE_FROM: {}, MOVE_TO: {}}
        self.current_move: dict[str, str] = {MOVE_FROM: "", MOVE_TO: ""}
        #: whether any move mark was read (if not, there are no moves to pair)
        self.moves = False

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

    def move_range(self, el: etree._Element) -> None:
        local = el.tag[len(W):]
        kind = MOVE_FROM if local.startswith("moveFrom") else MOVE_TO
        rid = el.get(_T_id, "")
        if local.endswith("Start"):
            name = el.get(_T_name, "") or rid
            self.move_ranges[kind][rid] = name
            self.current_move[kind] = name
        else:
            self.move_ranges[kind].pop(rid, None)
            open_names = list(self.move_ranges[kind].values())
            self.current_move[kind] = open_names[-1] if open_names else ""

    def _mark(self, el: etree._Element, kind: str, outer: Revision | None) -> Revision:
        move = ""
        if kind is MOVE_FROM or kind is MOVE_TO:
            move = self.current_move[kind]
            self.moves = True
        values = el.values()
        if len(values) == 3 and el.keys() == _ID_AUTHOR_DATE:  # as Word writes a mark: one call, not three
            rid, author, date = values
        else:
            author, date, rid = el.get(_T_author, ""), el.get(_T_date, ""), el.get(_T_id, "")
        rev = _new_rev(Revision, (kind, author, date, rid, move, ""))
        return rev if outer is None else _nest(outer, rev)

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
                found = [rev for _, rev in sorted(found, key=lambda f: _MARK_ORDER[f[0]])]
                if len(found) > 1:  # inserted, then deleted: the paragraph is joined in every view
                    para.mark = Revision(GONE, found[-1].author, found[-1].date, found[-1].rid)
                elif found:
                    para.mark = found[0]
        if change is not None:
            detail = self.shared.describe(change.find(_T_pPr), ppr) or "paragraph properties changed"
            para.ppr = _rev(change, PARA_FORMAT, detail=detail)

    def inline(self, parent: etree._Element, para: Paragraph, rev: Revision | None) -> None:
        segs = para.segments
        run = self.run
        stack: list[tuple[Iterator[etree._Element], Revision | None]] = [(iter(parent), rev)]
        while stack:
            it, rev = stack[-1]
            for child in it:
                tag = child.tag
                if tag == _T_r:
                    run(child, segs, rev)
                elif tag in _MARK_KINDS:
                    inner = self._mark(child, _MARK_KINDS[tag], rev)
                    rest = iter(child)
                    for grand in rest:  # the usual mark holds runs only: read them here
                        if grand.tag == _T_r:
                            run(grand, segs, inner)
                        else:
                            stack.append((chain((grand,), rest), inner))
                            break
                    else:
                        continue
                    break
                elif tag in _TRANSPARENT:
                    stack.append((iter(child), rev))
                    break
                elif tag == _T_sdt:
                    content = _sdt_content(child)
                    if content is not None:
                        stack.append((iter(content), rev))
                        break
                elif tag in _RANGE_TAGS:
                    self.move_range(child)
                elif tag in _MATH:
                    self.math(child, segs, rev)
                elif tag == _T_AlternateContent:
                    branch = _choice(child)
                    if branch is not None:
                        stack.append((iter(branch), rev))
                        break
            else:
                stack.pop()

    def math(self, root: etree._Element, segs: list[Segment], rev: Revision | None) -> None:
        """An equation: the text of its runs (``m:t``) in order, with their revisions (``w:ins``/``w:del``
        around a math run, or inside one, as Word writes them)."""
        stack: list[tuple[Iterator[etree._Element], Revision | None]] = [(iter(root), rev)]
        while stack:
            it, rev = stack[-1]
            for child in it:
                tag = child.tag
                if tag == _M_r or tag == _T_r:
                    self.math_run(child, segs, rev)
                elif tag in _MARK_KINDS:
                    stack.append((iter(child), self._mark(child, _MARK_KINDS[tag], rev)))
                    break
                elif tag in _RANGE_TAGS:
                    self.move_range(child)
                elif isinstance(tag, str) and not tag.endswith("Pr"):  # not m:fPr, m:ctrlPr, w:rPr …
                    stack.append((iter(child), rev))
                    break
            else:
                stack.pop()

    def math_run(self, r: etree._Element, segs: list[Segment], rev: Revision | None) -> None:
        stack: list[tuple[Iterator[etree._Element], Revision | None]] = [(iter(r), rev)]
        while stack:
            it, rev = stack[-1]
            for child in it:
                tag = child.tag
                if tag == _M_t or tag == _T_t or tag == _T_delText:
                    text = child.text
                    if text and not (rev is not None and rev.kind == GONE) and not self.unseparated:
                        _append(segs, text, rev, None, False)
                elif tag in _MARK_KINDS:
                    stack.append((iter(child), self._mark(child, _MARK_KINDS[tag], rev)))
                    break
                elif tag in _BREAK_TEXT and not (rev is not None and rev.kind == GONE):
                    _append(segs, _BREAK_TEXT[tag], rev, None, False)
            else:
                stack.pop()

    def run(self, r: etree._Element, segs: list[Segment], rev: Revision | None) -> None:
        fmt: Revision | None = None
        hidden = False
        gone = rev is not None and rev.kind == GONE
        for child in r:
            tag = child.tag
            if tag == _T_t or tag == _T_delText:
                text = child.text
                if text and not gone and not self.unseparated:  # not inserted-then-deleted, not a field code
                    if segs:  # (_append, written out: this is the reader's busiest line)
                        last = segs[-1]
                        if last.rev == rev and last.fmt == fmt and last.hidden == hidden and last.note is None:
                            last.text += text
                            continue
                    segs.append(Segment(text, rev, fmt, None, hidden))
            elif tag == _T_rPr:  # the run's properties come first
                for prop in child:
                    ptag = prop.tag
                    if ptag == _T_rPrChange:
                        fmt = _rev(prop, FORMAT, detail=self.shared.run_change(prop, child))
                    elif ptag == _T_vanish:
                        hidden = _on(prop)
            elif tag == _T_fldChar:
                self.field_char(child.get(_T_fldCharType))
            elif gone or self.unseparated:
                continue
            elif tag in _BREAK_TEXT:
                _append(segs, _BREAK_TEXT[tag], rev, fmt, hidden)
            elif tag == _T_sym:
                ch = self.symbol(child.get(_T_char, ""))
                if ch:
                    _append(segs, ch, rev, fmt, hidden)
            elif tag == _T_footnoteReference or tag == _T_endnoteReference:
                kind = "footnote" if tag == _T_footnoteReference else "endnote"
                segs.append(Segment("", rev, fmt, (kind, child.get(_T_id, "")), hidden))
            elif tag in _OBJECTS:
                self.text_boxes(child, segs, rev, fmt, hidden)

    def symbol(self, code: str) -> str:
        """The character a ``w:sym`` shows; U+FFFD (and a warning) for a code no character has."""
        try:
            n = int(code, 16)
        except ValueError:
            return ""  # no code at all: nothing to show, as before
        if not 0 < n <= _MAX_CHAR or 0xD800 <= n <= 0xDFFF:
            self.shared.warn(f"a symbol (w:sym) names no character (code {code[:16]!r}): shown as U+FFFD")
            return "\ufffd"
        if 0xF020 <= n <= 0xF0FF:  # symbol fonts map into the private use area
            n -= 0xF000
        return chr(n)

    def text_boxes(self, obj: etree._Element, segs: list[Segment], rev: Revision | None, fmt: Revision | None,
                   hidden: bool) -> None:
        """Anchor the text boxes of a drawing, a VML shape or an alternate-content pair in this paragraph
        (one segment each, whose ``note`` is the box's key); their paragraphs are read once this paragraph is."""
        if obj.tag == _T_AlternateContent:
            choice = fallback = None
            for branch in obj:
                if branch.tag == _T_Choice and choice is None:
                    choice = branch
                elif branch.tag == _T_Fallback:
                    fallback = branch
            boxes = _outer_boxes(choice) if choice is not None else []
            fallback_boxes = _outer_boxes(fallback) if fallback is not None else []
            if not boxes:
                boxes, fallback_boxes = fallback_boxes, []
        else:
            boxes, fallback_boxes = _outer_boxes(obj), []
        shared = self.shared
        for k, box in enumerate(boxes):
            shared.count += 1
            key = ("textbox", f"textbox{shared.count}")
            segs.append(Segment("", rev, fmt, key, hidden))
            shared.pending.append((key, box, fallback_boxes[k] if len(fallback_boxes) == len(boxes) else None))

    def field_char(self, kind: str | None) -> None:
        fields = self.fields
        if kind == "begin":
            fields.append(False)
            self.unseparated += 1
        elif kind == "separate" and fields:
            if not fields[-1]:
                self.unseparated -= 1
            fields[-1] = True
        elif kind == "end" and fields:
            if not fields.pop():
                self.unseparated -= 1


def resolve_moves(paragraphs: Iterable[Paragraph]) -> None:
    """A move with no partner is an insertion or a deletion."""
    paragraphs = list(paragraphs)
    names: dict[str, set[str]] = {MOVE_FROM: set(), MOVE_TO: set()}
    anonymous = False  # a move mark outside any named move range pairs with nothing
    for p in paragraphs:
        for s in p.segments:
            if s.rev is not None and s.rev.kind in names:
                if s.rev.move:
                    names[s.rev.kind].add(s.rev.move)
                else:
                    anonymous = True
        if p.mark is not None and p.mark.kind in names:
            if p.mark.move:
                names[p.mark.kind].add(p.mark.move)
            else:
                anonymous = True
    paired = names[MOVE_FROM] & names[MOVE_TO]
    if not anonymous and len(paired) == len(names[MOVE_FROM]) == len(names[MOVE_TO]):
        return  # every move has both halves (the usual case): nothing to change

    def fix(rev: Revision) -> Revision:
        if rev.kind in names and rev.move not in paired:
            return Revision(INS if rev.kind == MOVE_TO else DEL, rev.author, rev.date, rev.rid)
        return rev

    for p in paragraphs:
        for s in p.segments:
            if s.rev is not None and s.rev.kind in names:
                s.rev = fix(s.rev)
        if p.mark is not None and p.mark.kind in names:
            p.mark = fix(p.mark)
