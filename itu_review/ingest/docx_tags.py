"""The WordprocessingML names the reader compares, and the few element reads both of its rooms share.

The reader's two other rooms: ``docx_walk`` walks the containers (bodies, tables, content controls) down to
paragraphs, and ``docx_inline`` reads what a paragraph holds (runs, revision marks, fields, equations,
text-box anchors). Both compare element tags millions of times in a compilation, so every tag name is
built here once, as a plain module global: a global in the module that uses it is one dictionary
look-up, where ``module.name`` or ``W + "p"`` in the loop would be two or a string concatenation. The
names keep their leading underscore: they are the reader's own, not the package's API (``docx.py``
re-exports the namespaces ``W``, ``W_NS`` and ``M`` that the writers use).
"""

from __future__ import annotations

from lxml import etree

from ..model import DEL, INS, MOVE_FROM, MOVE_TO, Revision

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


def _sdt_content(sdt: etree._Element) -> etree._Element | None:
    for part in sdt:
        if part.tag == _T_sdtContent:
            return part
    return None

