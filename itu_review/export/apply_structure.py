"""Apply decisions to what is not inline text: property changes, numbering, tracked rows and cells, the
markup of content controls, move ranges; then remove what the decisions emptied.

A property change (``w:rPrChange``, ``w:pPrChange``, ``w:tblPrChange``, ``w:trPrChange``, ``w:tcPrChange``,
``w:tblGridChange``, ``w:sectPrChange``, ``w:tblPrExChange``) holds the properties as they were: accepting
drops it, rejecting puts the old properties back (keeping what other revisions track in the same
element: a paragraph mark's insertion, a row's, a cell's, header references).
"""

from __future__ import annotations

from lxml import etree

from ..ingest.docx import W
from ..model import GONE
from .revisions import (
    ACCEPT,
    MARK,
    PPR,
    RPR,
    WRAPPER_TAGS,
    WRAPPERS,
    P,
    Plan,
    decision_near,
    drop,
    keeps_content,
)

TBL, TR, TC, SDT, SDT_CONTENT = W + "tbl", W + "tr", W + "tc", W + "sdt", W + "sdtContent"
TRPR, TCPR, SECTPR, NUMPR = W + "trPr", W + "tcPr", W + "sectPr", W + "numPr"
CELL_INS, CELL_DEL, CELL_MERGE = W + "cellIns", W + "cellDel", W + "cellMerge"
_REFS = (W + "headerReference", W + "footerReference")
#: What a rejected property change leaves in place: the children other revisions track.
_KEEP = {PPR: (RPR, SECTPR), RPR: WRAPPERS, TRPR: (W + "ins", W + "del"), TCPR: (CELL_INS, CELL_DEL, CELL_MERGE),
         SECTPR: _REFS}
#: Children that come before the restored properties (the schema's order).
_LEADING = {RPR: WRAPPERS, SECTPR: _REFS}
_SCOPE = {W + "tblPrChange": TBL, W + "tblGridChange": TBL, W + "trPrChange": TR, W + "tblPrExChange": TR,
          W + "tcPrChange": TC}
_BLOCK_HOLDERS = frozenset((W + "body", TC, TBL, TR, W + "txbxContent", W + "footnote", W + "endnote", W + "hdr",
                            W + "ftr", W + "comment", SDT_CONTENT, W + "customXml"))
_BLOCK_CONTENT = frozenset((P, TBL, SDT, TR, TC, W + "customXml"))


def _owner_p(el: etree._Element) -> etree._Element | None:
    while el is not None and el.tag != P:
        el = el.getparent()
    return el


def property_changes(plan: Plan, changes: list[etree._Element], kept: list[tuple[int, etree._Element]]) -> None:
    """Accept or reject each property change as the edit it belongs with is decided."""
    for change in changes:
        if change.getparent() is None:
            continue
        edit = _change_edit(plan, change)
        d = plan.choice(edit) if edit >= 0 else _inherited(plan, change)
        if d == MARK:
            if edit >= 0:
                holder = change.getparent().getparent()
                kept.append((edit, holder if holder is not None and holder.tag != PPR else _owner_p(change)))
            continue
        if d == ACCEPT or change.tag == W + "numberingChange":
            drop(change)
        else:
            _restore(change)


def _change_edit(plan: Plan, change: etree._Element) -> int:
    """The edit the reader made of this change: a run's formatting, a paragraph's properties."""
    props = change.getparent()
    if change.tag == W + "pPrChange":
        item = plan.by_el.get(props.getparent()) if props is not None else None
        return item.para.ppr_edit if item is not None else -1
    if change.tag == W + "numberingChange":  # part of the paragraph's format edit, as the reader reads it
        p = _owner_p(change)
        item = plan.by_el.get(p) if p is not None else None
        return item.para.ppr_edit if item is not None else -1
    if change.tag != W + "rPrChange" or props is None or props.getparent() is None:
        return -1
    run = props.getparent()
    if run.tag == PPR:
        return -1
    p = _owner_p(run)
    item = plan.by_el.get(p) if p is not None else None
    if item is None:
        return -1
    rids = plan.fmt_rids.get(p)
    if rids is None:
        rids = plan.fmt_rids[p] = {}
        for s in item.para.segments:
            if s.fmt is not None and s.edit >= 0:
                rids.setdefault(s.fmt.rid, s.edit)
    return rids.get(change.get(W + "id", ""), -1)


def _inherited(plan: Plan, change: etree._Element) -> str:
    """A change no edit shows: the revision around it, else the edits of what it formats."""
    a = change.getparent()
    while a is not None and a.tag != P:
        if a.tag in WRAPPER_TAGS and a in plan.decision:
            return plan.decision[a]
        a = a.getparent()
    scope_tag = _SCOPE.get(change.tag)
    scope = change
    if scope_tag is not None:
        while scope is not None and scope.tag != scope_tag:
            scope = scope.getparent()
    if scope is None:
        return ACCEPT
    if change.tag == W + "sectPrChange":
        sect = change.getparent()
        scope = sect.getparent() if sect is not None and sect.getparent() is not None else change
    return decision_near(plan, scope)


def _restore(change: etree._Element) -> None:
    props = change.getparent()
    old = change[0] if len(change) else None
    keep = _KEEP.get(props.tag, ())
    for c in list(props):
        if c is not change and c.tag not in keep:
            props.remove(c)
    at = 0
    leading = _LEADING.get(props.tag, ())
    while at < len(props) and props[at].tag in leading:
        at += 1
    for k, c in enumerate(list(old) if old is not None else []):
        props.insert(at + k, c)
    drop(change)


def markers(plan: Plan, found: list[etree._Element]) -> None:
    """Revision markers in numbering properties (numbering inserted or deleted) and stray ones in a run's
    properties."""
    for m in found:
        parent = m.getparent()
        if parent is None:
            continue
        if parent.tag == NUMPR:
            p = _owner_p(parent)
            item = plan.by_el.get(p) if p is not None else None
            edit = item.para.ppr_edit if item is not None else -1
            d = plan.choice(edit) if edit >= 0 else decision_near(plan, parent)
            if d == MARK:
                continue
            if keeps_content(m.tag, d):
                drop(m)
            else:
                drop(parent)
        elif parent.tag == RPR and parent.getparent() is not None and parent.getparent().tag != PPR:
            d = _inherited(plan, m)
            if d != MARK:
                drop(m)


def rows(plan: Plan, kept: list[tuple[int, etree._Element]]) -> tuple[bool, list[etree._Element]]:
    """Tracked rows and cells: kept (their marks dropped) or removed as their edit is decided. Returns
    whether anything was removed, and the elements that lost a row or cell."""
    done: set[etree._Element] = set()
    removed = False
    emptied: list[etree._Element] = []
    for item in plan.listed:
        para = item.para
        if para.row is None:
            continue
        cell_level = para.row.kind.startswith("cell")
        holder = item.el
        while holder is not None and holder.tag != (TC if cell_level else TR):
            holder = holder.getparent()
        if holder is None or holder in done or holder.getparent() is None:
            continue
        done.add(holder)
        if para.row.kind == GONE:
            emptied.append(holder.getparent())
            drop(holder)
            removed = True
            continue
        if para.row_edit < 0:
            continue
        d = plan.choice(para.row_edit)
        if d == MARK:
            kept.append((para.row_edit, item.el))
            continue
        if not keeps_content(W + ("ins" if para.row.kind.endswith("ins") else "del"), d):
            emptied.append(holder.getparent())
            drop(holder)
            removed = True
            continue
        props = holder.find(TCPR if cell_level else TRPR)
        for m in list(props) if props is not None else []:
            if m.tag in (W + "ins", W + "del", CELL_INS, CELL_DEL):
                drop(m)
    return removed, emptied


def cell_merges(plan: Plan, found: list[etree._Element]) -> None:
    """``w:cellMerge``: a tracked vertical merge becomes the merge accepted (``vMerge``) or the one before."""
    for m in found:
        tcpr = m.getparent()
        if tcpr is None:
            continue
        d = decision_near(plan, tcpr.getparent() if tcpr.getparent() is not None else tcpr)
        if d == MARK:
            continue
        value = m.get(W + ("vMerge" if d == ACCEPT else "vMergeOrig"))
        drop(m)
        old = tcpr.find(W + "vMerge")
        if old is not None:
            tcpr.remove(old)
        if value in ("rest", "cont"):
            at = 0
            while at < len(tcpr) and tcpr[at].tag in (W + "cnfStyle", W + "tcW", W + "gridSpan", W + "hMerge"):
                at += 1
            tcpr.insert(at, etree.Element(W + "vMerge", {W + "val": "restart" if value == "rest" else "continue"}))


# -- content controls' own insertion, deletion or move ---------------------------------------------------
def control_marks(plan: Plan, found: list[etree._Element]) -> list[tuple[list[etree._Element], etree._Element | None, bool]]:
    """Before anything changes: each pair of ``w:customXml…Range`` markers, the content control (or custom
    XML element) whose tag they mark, and whether that control goes (its insertion rejected, its deletion
    or move away accepted). Undecided pairs are left out."""
    starts: dict[tuple[str, str], etree._Element] = {}
    ends: dict[tuple[str, str], etree._Element] = {}
    for el in found:
        local = etree.QName(el).localname
        kind = local[len("customXml"):local.index("Range")]
        (starts if local.endswith("Start") else ends)[(kind, el.get(W + "id", ""))] = el
    out = []
    for key, start in starts.items():
        end = ends.get(key)
        target = _marked(start, end) if end is not None else None
        d = decision_near(plan, target) if target is not None else decision_near(plan, start)
        if d == MARK:
            continue
        goes = target is not None and (d == ACCEPT) == (key[0] in ("Del", "MoveFrom"))
        out.append(([start] + ([end] if end is not None else []), target, goes))
    for key, end in ends.items():
        if key not in starts:
            out.append(([end], None, False))
    return out


def _marked(start: etree._Element, end: etree._Element) -> etree._Element | None:
    """The control whose start or end tag lies between two range markers."""
    s_up = set()
    a = start
    while a is not None:
        s_up.add(a)
        a = a.getparent()
    e_up = set()
    a = end
    while a is not None:
        e_up.add(a)
        a = a.getparent()
    for low, other in ((end, s_up), (start, e_up)):
        best = None
        a = low.getparent()
        while a is not None and a not in other:
            if a.tag in (SDT, W + "customXml"):
                best = a
            a = a.getparent()
        if best is not None:
            return best
    return None


def apply_control_marks(found: list[tuple[list[etree._Element], etree._Element | None, bool]]) -> None:
    for marks, target, goes in found:
        if goes and target is not None and target.getparent() is not None:
            if target.tag == SDT:
                content = target.find(SDT_CONTENT)
                if content is not None:
                    for child in list(content):
                        target.addprevious(child)
                drop(target)
            else:
                for child in [c for c in target if c.tag != W + "customXmlPr"]:
                    target.addprevious(child)
                drop(target)
        for m in marks:
            drop(m)


# -- moves -------------------------------------------------------------------------------------------------
def move_ranges(seq: list[etree._Element], plan: Plan) -> None:
    """Remove the range markers of every move with no tracked half left. ``seq`` holds, in document
    order, the ranges' markers and the move marks (wrappers and paragraph-mark markers) between them; a
    mark still in the tree, or a wrapper left tracked (split in two, it may have been replaced), is a half
    still tracked."""
    open_: dict[tuple[bool, str], str] = {}
    used: set[str] = set()
    starts: dict[tuple[bool, str], etree._Element] = {}
    ends: list[tuple[tuple[bool, str], etree._Element]] = []
    names: dict[tuple[bool, str], str] = {}
    for el in seq:
        tag = el.tag
        if tag in WRAPPER_TAGS:
            if el.getparent() is not None or plan.decision.get(el) == MARK:
                side = tag == W + "moveFrom"
                used.update(name for (s, _), name in open_.items() if s == side)
            continue
        side = "moveFrom" in tag
        key = (side, el.get(W + "id", ""))
        if tag.endswith("Start"):
            names[key] = el.get(W + "name", "") or key[1]
            open_[key] = names[key]
            starts[key] = el
        else:
            open_.pop(key, None)
            ends.append((key, el))
    for key, el in starts.items():
        if names[key] not in used:
            drop(el)
    for key, el in ends:
        if key not in names or names[key] not in used:
            drop(el)


# -- what decisions emptied ------------------------------------------------------------------------------
def empty_blocks(emptied: list[etree._Element]) -> None:
    """Going up from each element that lost a paragraph, row or cell: a content control around blocks
    left with no content, a row with no cell, a table with no row are removed (a bookmark or comment
    marker a control still holds moves out first)."""
    for el in emptied:
        while el is not None and el.getparent() is not None:
            parent = el.getparent()
            if el.tag == SDT_CONTENT and parent.tag == SDT and parent.getparent() is not None \
                    and parent.getparent().tag in _BLOCK_HOLDERS:
                if any(c.tag in _BLOCK_CONTENT for c in el) or _was_inline(el):
                    break
                for child in list(el):
                    parent.addprevious(child)
                el, gone = parent.getparent(), parent
                drop(gone)
            elif el.tag == TR and next(el.iter(TC), None) is None:
                el, gone = parent, el
                drop(gone)
            elif el.tag == TBL and next(el.iter(TR), None) is None:
                el, gone = parent, el
                drop(gone)
            elif el.tag in (SDT_CONTENT, SDT, W + "customXml"):
                el = parent
            else:
                break


def _was_inline(content: etree._Element) -> bool:
    """A control holding runs: inline content, never a block to remove."""
    return any(c.tag in (W + "r", W + "hyperlink", W + "fldSimple") for c in content)
