"""Read a .docx with its tracked changes into the model, in one pass over the XML with lxml.

python-docx's ``Paragraph.text`` ignores revision marks, so the XML is read directly. The parser
never resolves entities, loads a DTD or touches the network, and the main part's inflated size is
capped before it is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import InputError
from .zipparts import DocxParts, iterparse_xml, parse_xml, read_parts, safe_parser  # noqa: F401  (re-exported)
from ..model import (
    GONE,
    CELL_DEL,
    CELL_INS,
    DEL,
    FORMAT,
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

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Tag names, built once (the reader compares them millions of times).
_T_author = W + "author"
_T_bdo = W + "bdo"
_T_bidi = W + "bidi"
_T_body = W + "body"
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
_T_p = W + "p"
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
_T_type = W + "type"
_T_val = W + "val"
_T_vanish = W + "vanish"

def _on(el: etree._Element | None) -> bool:
    """A Word toggle property: present and not switched off."""
    if el is None:
        return False
    return el.get(_T_val, "true").lower() not in ("0", "false", "off", "none")


def _rev(el: etree._Element, kind: str, move: str = "") -> Revision:
    return Revision(kind, el.get(_T_author, ""), el.get(_T_date, ""), el.get(_T_id, ""), move)


_BREAK_TEXT = {_T_tab: "\t", _T_ptab: "\t", _T_cr: "\n", _T_br: "\n", _T_noBreakHyphen: "\u2011"}
_TRANSPARENT = {_T_hyperlink, _T_smartTag, _T_customXml, _T_bdo, _T_dir, _T_fldSimple}
_RANGE_TAGS = {_T_moveFromRangeStart, _T_moveFromRangeEnd, _T_moveToRangeStart, _T_moveToRangeEnd}
_MARK_KINDS = {_T_ins: INS, _T_del: DEL, _T_moveFrom: MOVE_FROM, _T_moveTo: MOVE_TO}
_MATH = {M + "oMath", M + "oMathPara"}


class _Reader:
    """Walks one part's XML and appends paragraphs in document order.

    Written for speed: a conference compilation has a million elements, so every element is visited
    once, by iterating its parent's children (``find`` costs a microsecond a call), and a run's
    properties and text are read in one loop over the run.
    """

    def __init__(self, keep_elements: bool = False) -> None:
        self.paragraphs: list[Paragraph] = []
        #: the w:p element of each paragraph, in the same order (for writing decisions back)
        self.elements: list[etree._Element] | None = [] if keep_elements else None
        self.tables = 0
        self.fields: list[bool] = []  # per open complex field: True once past "separate"
        self.unseparated = 0  # open fields still in their instruction part
        self.move_ranges: dict[str, dict[str, str]] = {MOVE_FROM: {}, MOVE_TO: {}}
        self.current_move: dict[str, str] = {MOVE_FROM: "", MOVE_TO: ""}
        #: whether any move mark was read (if not, there are no moves to pair)
        self.moves = False
        self.warnings: list[str] = []

    # -- block level ----------------------------------------------------------------------
    def block(self, child: etree._Element, container: str, cell: tuple[int, int, int] | None,
              row: Revision | None, row_key: str) -> None:
        tag = child.tag
        if tag == _T_p:
            self.paragraph(child, container, cell, row, row_key)
        elif tag == _T_tbl:
            self.table(child, row, row_key)
        elif tag == _T_sdt:
            for part in child:
                if part.tag == _T_sdtContent:
                    self.blocks(part, container, cell, row, row_key)
                    break
        elif tag in _MARK_KINDS or tag == _T_customXml:
            self.blocks(child, container, cell, row, row_key)
        elif tag in _RANGE_TAGS:
            self.move_range(child)

    def blocks(self, parent: etree._Element, container: str, cell: tuple[int, int, int] | None,
               row: Revision | None, row_key: str) -> None:
        for child in parent:
            if child.tag == _T_p:
                self.paragraph(child, container, cell, row, row_key)
            else:
                self.block(child, container, cell, row, row_key)

    def table(self, tbl: etree._Element, outer_row: Revision | None, outer_key: str) -> None:
        self.tables += 1
        t = self.tables
        for r, tr in enumerate(tbl.iterfind(_T_tr), 1):
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
            for c, tc in enumerate(tr.iterfind(_T_tc), 1):
                cell_rev, cell_key = row_rev, key
                tcpr = tc.find(_T_tcPr)
                if tcpr is not None and cell_rev is None:
                    ci, cd = tcpr.find(_T_cellIns), tcpr.find(_T_cellDel)
                    if ci is not None:
                        cell_rev, cell_key = _rev(ci, CELL_INS), f"t{t}r{r}c{c}"
                    elif cd is not None:
                        cell_rev, cell_key = _rev(cd, CELL_DEL), f"t{t}r{r}c{c}"
                self.blocks(tc, f"t{t}r{r}c{c}", (t, r, c), cell_rev, cell_key)

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

    def paragraph_properties(self, ppr: etree._Element, para: Paragraph) -> None:
        for prop in ppr:
            tag = prop.tag
            if tag == _T_pStyle:
                para.style = prop.get(_T_val, "")
            elif tag == _T_bidi:
                para.rtl = _on(prop)
            elif tag == _T_pPrChange:
                para.ppr = _rev(prop, PARA_FORMAT)
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

    def inline(self, parent: etree._Element, para: Paragraph, rev: Revision | None) -> None:
        segs = para.segments
        for child in parent:
            tag = child.tag
            if tag == _T_r:
                self.run(child, segs, rev)
            elif tag in _MARK_KINDS:
                kind = _MARK_KINDS[tag]
                move = ""
                if kind is MOVE_FROM or kind is MOVE_TO:
                    move = self.current_move[kind]
                    self.moves = True
                self.inline(child, para, _nest(rev, _rev(child, kind, move)))
            elif tag in _TRANSPARENT:
                self.inline(child, para, rev)
            elif tag == _T_sdt:
                for part in child:
                    if part.tag == _T_sdtContent:
                        self.inline(part, para, rev)
                        break
            elif tag in _RANGE_TAGS:
                self.move_range(child)
            elif tag in _MATH:
                text = "".join(t.text or "" for t in child.iter(M + "t"))
                if text:
                    _append(segs, text, rev, None, False)

    def run(self, r: etree._Element, segs: list[Segment], rev: Revision | None) -> None:
        fmt: Revision | None = None
        hidden = False
        gone = rev is not None and rev.kind == GONE
        for child in r:
            tag = child.tag
            if tag == _T_t or tag == _T_delText:
                text = child.text
                if text and not gone and not self.unseparated:  # not inserted-then-deleted, not a field code
                    _append(segs, text, rev, fmt, hidden)
            elif tag == _T_rPr:  # the run's properties come first
                for prop in child:
                    ptag = prop.tag
                    if ptag == _T_rPrChange:
                        fmt = _rev(prop, FORMAT)
                    elif ptag == _T_vanish:
                        hidden = _on(prop)
            elif tag == _T_fldChar:
                self.field_char(child.get(_T_fldCharType))
            elif gone or self.unseparated:
                continue
            elif tag in _BREAK_TEXT:
                _append(segs, _BREAK_TEXT[tag], rev, fmt, hidden)
            elif tag == _T_sym:
                code = child.get(_T_char, "")
                try:
                    ch = chr(int(code, 16))
                except ValueError:
                    continue
                if 0xF020 <= ord(ch) <= 0xF0FF:  # symbol fonts map into the private use area
                    ch = chr(ord(ch) - 0xF000)
                _append(segs, ch, rev, fmt, hidden)
            elif tag == _T_footnoteReference or tag == _T_endnoteReference:
                kind = "footnote" if tag == _T_footnoteReference else "endnote"
                segs.append(Segment("", rev, fmt, (kind, child.get(_T_id, "")), hidden))

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


#: The order the marks of one paragraph mark are read in (the last deletion wins a GONE mark).
_MARK_ORDER = {INS: 0, DEL: 1, MOVE_FROM: 2, MOVE_TO: 3}


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


def _read_notes(data: bytes | None, kind: str, path: str,
                elements: dict[tuple[str, str], list[etree._Element]] | None = None,
                root: etree._Element | None = None) -> dict[tuple[str, str], Note]:
    if data is None:
        return {}
    if root is None:
        root = parse_xml(data, path, f"word/{kind}s.xml")
    out: dict[tuple[str, str], Note] = {}
    for note in root.iterfind(W + kind):
        if note.get(_T_type) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        nid = note.get(_T_id, "")
        reader = _Reader(keep_elements=elements is not None)
        reader.blocks(note, f"{kind}:{nid}", None, None, "")
        if reader.moves:
            _resolve_moves(reader.paragraphs)
        out[(kind, nid)] = Note(kind, nid, reader.paragraphs)
        if elements is not None and reader.elements is not None:
            elements[(kind, nid)] = reader.elements
    return out


def _resolve_moves(paragraphs: list[Paragraph]) -> None:
    """A move with no partner is an insertion or a deletion."""
    names: dict[str, set[str]] = {MOVE_FROM: set(), MOVE_TO: set()}
    for p in paragraphs:
        for s in p.segments:
            if s.rev is not None and s.rev.kind in names and s.rev.move:
                names[s.rev.kind].add(s.rev.move)
        if p.mark is not None and p.mark.kind in names and p.mark.move:
            names[p.mark.kind].add(p.mark.move)
    paired = names[MOVE_FROM] & names[MOVE_TO]

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


@dataclass
class DocxContent:
    parts: DocxParts
    paragraphs: list[Paragraph]
    notes: dict[tuple[str, str], Note]
    warnings: list[str]
    #: with keep_elements: the parsed parts and every paragraph's w:p element
    trees: dict[str, etree._Element] = field(default_factory=dict)
    elements: list[etree._Element] = field(default_factory=list)
    note_elements: dict[tuple[str, str], list[etree._Element]] = field(default_factory=dict)


def read_docx(path: str | Path, keep_elements: bool = False) -> DocxContent:
    """Read a .docx: body paragraphs in document order (tables cell by cell) and its notes.

    With ``keep_elements`` (for writing decisions back) the whole tree is kept; otherwise the body is
    streamed, each top-level block read and freed as soon as it ends, so the parsed XML never sits in
    memory whole (on a 50 MB document.xml the tree alone is several hundred MiB).
    """
    parts = read_parts(path)
    reader = _Reader(keep_elements)
    trees: dict[str, etree._Element] = {}
    if keep_elements:
        root = parse_xml(parts.document, parts.path, parts.main)
        body = root.find(_T_body)
        if body is None:
            raise InputError(parts.path, f"not a Word document: {parts.main} has no w:body")
        reader.blocks(body, "body", None, None, "")
        trees[parts.main] = root
    else:
        _stream_body(reader, parts)
    if reader.moves:
        _resolve_moves(reader.paragraphs)
    note_elements: dict[tuple[str, str], list[etree._Element]] = {}
    notes: dict[tuple[str, str], Note] = {}
    for kind, data in (("footnote", parts.footnotes), ("endnote", parts.endnotes)):
        if data is None:
            continue
        note_root = parse_xml(data, parts.path, f"word/{kind}s.xml")
        if keep_elements:
            trees[kind] = note_root
        notes.update(_read_notes(data, kind, parts.path, note_elements if keep_elements else None, note_root))
    return DocxContent(parts, reader.paragraphs, notes, reader.warnings, trees, reader.elements or [], note_elements)


def _stream_body(reader: _Reader, parts: DocxParts) -> None:
    """Read the body as it is parsed: at the end of each body-level paragraph or table, the body-level
    elements before it that are not read yet (move ranges, sdt or revision wrappers), then it; then
    free them. Only w:p and w:tbl raise events, so the parser does not stop at every inline mark."""
    events = iterparse_xml(parts.document, parts.path, parts.main, (_T_p, _T_tbl))
    done: etree._Element | None = None  # the last element read, kept (cleared) until the next one ends
    try:
        for _, el in events:
            body = el.getparent()
            if body is None or body.tag != _T_body:
                continue  # inside a table or a wrapper: read with it
            _read_siblings_before(reader, el, done)
            reader.block(el, "body", None, None, "")
            el.clear(keep_tail=True)
            done = el
            while el.getprevious() is not None:
                del body[0]
    except etree.XMLSyntaxError as exc:
        raise InputError(parts.path, f"malformed XML in {parts.main}: {exc.msg or exc}") from None
    root = events.root
    body = root.find(_T_body) if root is not None else None
    if body is None:
        raise InputError(parts.path, f"not a Word document: {parts.main} has no w:body")
    for el in body:  # what follows the last paragraph or table (a trailing wrapper, sectPr)
        if el is not done:
            reader.block(el, "body", None, None, "")


def _read_siblings_before(reader: _Reader, el: etree._Element, done: etree._Element | None) -> None:
    before = []
    for prev in el.itersiblings(preceding=True):
        if prev is done:
            break
        before.append(prev)
    for prev in reversed(before):
        reader.block(prev, "body", None, None, "")
