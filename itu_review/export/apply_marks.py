"""Paragraph marks: a decided mark is dropped, and where the decision removes it (an accepted deletion, a
rejected insertion) its paragraph joins the next one, exactly as ``views.resolve`` joins their lines.

The join follows the reader's order of paragraphs: a paragraph joins the next listed paragraph of the same
container (body, table cell, note). Where none follows — the last paragraph of a cell or note, or one
before a table — the mark stays: the paragraph goes whole if it is left with no text, else joins the
paragraph before it if nothing joined it yet (as Word does with a last paragraph). The paragraph whose
mark survives keeps its properties.
"""

from __future__ import annotations

from lxml import etree

from ..model import GONE
from ..ingest.docx import W
from .revisions import (
    DEL_TEXT,
    MARK,
    PPR,
    RPR,
    TEXT_TAGS,
    WRAPPER_TAGS,
    Listed,
    Plan,
    T,
    attached,
    decision_near,
    drop,
    keeps_content,
)


def marks(plan: Plan, kept: list[tuple[int, etree._Element]]) -> list[Listed]:
    """Drop the decided marks of listed paragraphs; return the paragraphs to join, in order."""
    joining: list[Listed] = []
    for item in plan.listed:
        mark = item.para.mark
        if mark is None:
            continue
        p = item.el
        ppr = p.find(PPR)
        rpr = ppr.find(RPR) if ppr is not None else None
        found = [m for m in rpr if m.tag in WRAPPER_TAGS] if rpr is not None else []
        if mark.kind == GONE:  # inserted, then deleted: joined in every view
            for m in found:
                drop(m)
            joining.append(item)
            continue
        edit = item.para.mark_edit
        d = plan.choice(edit) if edit >= 0 else decision_near(plan, p)
        if d == MARK:
            if edit >= 0:
                kept.append((edit, p))
            continue
        if not found:
            continue
        goes = not keeps_content(found[0].tag, d)
        for m in found:
            drop(m)
        if goes:
            joining.append(item)
    return joining


def unlisted_marks(plan: Plan, paragraphs: list[etree._Element]) -> None:
    """Marks of paragraphs the reader did not list (a part it does not read): left tracked (a join or a
    split is text nobody reviewed) and counted."""
    for p in paragraphs:
        if p in plan.by_el:
            continue
        ppr = p.find(PPR)
        rpr = ppr.find(RPR) if ppr is not None else None
        if rpr is not None and any(m.tag in WRAPPER_TAGS for m in rpr):
            plan.unseen += 1


def join(plan: Plan, joining: list[Listed]) -> list[etree._Element]:
    """Join each paragraph whose mark went to the paragraph after it (see the module's docstring);
    return the elements that lost a paragraph (a content control may be left empty)."""
    emptied: list[etree._Element] = []
    listed = plan.listed
    received: set[etree._Element] = set()
    root = plan.root
    for item in joining:
        p = item.el
        if not attached(p, root):
            continue
        k = item.index + 1
        nxt = listed[k] if k < len(listed) and listed[k].container == item.container else None
        if nxt is not None and attached(nxt.el, root):
            target = nxt.el
            ppr = target.find(PPR)
            at = 1 if ppr is not None and target.index(ppr) == 0 else 0
            for n, child in enumerate([c for c in p if c.tag != PPR]):
                target.insert(at + n, child)
            emptied.append(p.getparent())
            drop(p)
            received.add(target)
            continue
        prev = None
        for j in range(item.index - 1, -1, -1):
            if attached(listed[j].el, root):
                prev = listed[j]
                break
        if not _has_text(p):  # an empty paragraph goes whole (Word deletes an empty one before a table)
            if prev is not None:
                for child in [c for c in p if c.tag != PPR]:
                    prev.el.append(child)
            emptied.append(p.getparent())
            drop(p)
            continue
        if p in received:
            continue
        if prev is not None and prev.container == item.container:
            for child in [c for c in p if c.tag != PPR]:
                prev.el.append(child)
            emptied.append(p.getparent())
            drop(p)
    return emptied


_SHOWN = (*TEXT_TAGS, W + "drawing", W + "pict", W + "object")


def _has_text(p: etree._Element) -> bool:
    """Whether a paragraph shows anything: text, a note reference, a picture (a picture keeps it). Its
    properties are not looked at (their w:tabs hold w:tab stops, which are no text)."""
    for child in p:
        if child.tag == PPR:
            continue
        for el in child.iter(*_SHOWN):
            if el.tag not in (T, DEL_TEXT) or el.text:
                return True
    return False
