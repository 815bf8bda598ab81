"""Which decision every revision mark of a Word part takes, before anything is changed.

A mark that carries text the reader turned into an edit takes that edit's decision (accept, reject or
mark). Many marks carry no text of their own: a field's begin and instruction in one ``w:ins`` and its
result in another, an empty run, a picture, the deletion nested in an insertion (content that is in
neither view), the markup of a content control, a table's property change. The reader shows no edit for
them, yet leaving them tracked leaves a document that is not the decided one (a field cut in half hides
everything after it). Such a mark follows the edit it belongs with, in this order: the revision around
it, the other parts of its field, the revisions inside it (a text box's), then — when it holds no text —
the nearest edit of its paragraph, and failing that the nearest edit of the part, and failing that it is
accepted (text is the same either way). A mark that holds text no edit covers (a part the reader does
not read) stays tracked: applying it would change text nobody reviewed; ``Plan.unseen`` counts them.

Everything here is iterative: a hostile document nests thousands of elements, and the walks below go
up the parent chain with a memo instead of recursing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from lxml import etree

from ..ingest.docx import M, W
from ..model import BASE_ONLY, PROPOSED_ONLY, Paragraph

ACCEPT, REJECT, MARK = "accept", "reject", "mark"

INS, DEL, MOVE_FROM, MOVE_TO = W + "ins", W + "del", W + "moveFrom", W + "moveTo"
WRAPPERS = (INS, DEL, MOVE_FROM, MOVE_TO)
WRAPPER_TAGS = frozenset(WRAPPERS)
INSERTS = frozenset((INS, MOVE_TO))
DELETES = frozenset((DEL, MOVE_FROM))
P, PPR, RPR, R = W + "p", W + "pPr", W + "rPr", W + "r"
FLD_CHAR, INSTR, DEL_INSTR = W + "fldChar", W + "instrText", W + "delInstrText"
T, DEL_TEXT = W + "t", W + "delText"
#: Elements whose presence is text in some view (the reader reads them).
TEXT_TAGS = (T, DEL_TEXT, M + "t", W + "tab", W + "ptab", W + "br", W + "cr", W + "sym", W + "noBreakHyphen",
             W + "footnoteReference", W + "endnoteReference")
#: Parents that make a w:ins/w:del a property marker (a paragraph mark, a row, numbering), not a wrapper.
MARKER_PARENTS = frozenset((RPR, PPR, W + "trPr", W + "tcPr", W + "numPr", W + "tblPr", W + "sectPr"))
PR_CHANGES = tuple(W + t for t in ("rPrChange", "pPrChange", "tblPrChange", "tblGridChange", "trPrChange",
                                   "tcPrChange", "tblPrExChange", "sectPrChange", "numberingChange"))
RANGE_MARKERS = tuple(W + t for t in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                                      "moveToRangeEnd"))
CUSTOM_RANGES = tuple(W + f"customXml{k}Range{e}" for k in ("Ins", "Del", "MoveFrom", "MoveTo")
                      for e in ("Start", "End"))
#: Every element that is a revision (what must be gone once every edit is decided).
REVISION_TAGS = (*WRAPPERS, *RANGE_MARKERS, *CUSTOM_RANGES, *PR_CHANGES, W + "cellIns", W + "cellDel",
                 W + "cellMerge")


def keeps_content(tag: str, decision: str) -> bool:
    """Whether a decided wrapper's content stays: an accepted insertion or a rejected deletion."""
    return (decision == ACCEPT) == (tag in INSERTS)


def drop(el: etree._Element) -> None:
    """Remove an element (OOXML has no text between elements worth keeping, but keep any tail)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def unwrap(el: etree._Element) -> None:
    """Replace an element by its children."""
    if el.getparent() is None:
        return
    for child in list(el):
        el.addprevious(child)
    drop(el)


def attached(el: etree._Element, root: etree._Element) -> bool:
    """Whether ``el`` is still in the tree under ``root`` (a removed row takes its paragraphs along)."""
    while el is not None:
        if el is root:
            return True
        el = el.getparent()
    return False


@dataclass
class Listed:
    """A paragraph the reader read: its element and its model (and where it may join the next one)."""

    el: etree._Element
    para: Paragraph
    index: int
    container: str = ""

    def __post_init__(self) -> None:
        if not self.container:
            self.container = self.para.container


@dataclass
class Plan:
    """The decisions of one part's revision marks, computed before the part is changed."""

    root: etree._Element
    listed: list[Listed]
    choose: Callable[[int], str]
    #: every wrapper's decision, by element
    decision: dict[etree._Element, str] = field(default_factory=dict)
    #: the edit a wrapper carries text of (for comments on flagged edits)
    edit_of: dict[etree._Element, int] = field(default_factory=dict)
    #: each paragraph's own inline wrappers, in document order (text boxes' paragraphs are their own)
    own: dict[etree._Element, list[etree._Element]] = field(default_factory=dict)
    #: paragraphs with a wrapper that is not right in the paragraph (nested, in a hyperlink…)
    nested: set[etree._Element] = field(default_factory=set)
    #: per listed paragraph, the edit of each run-formatting change it reads (by w:id)
    fmt_rids: dict[etree._Element, dict[str, int]] = field(default_factory=dict)
    by_el: dict[etree._Element, Listed] = field(default_factory=dict)
    unseen: int = 0
    _field_of: dict[etree._Element, int] | None = None
    _field_parts: list[list[etree._Element]] = field(default_factory=list)
    _field_decision: dict[int, str] = field(default_factory=dict)
    _edit_near: list[int] | None = None

    def choice(self, edit: int) -> str:
        return self.choose(edit)


def plan_part(root: etree._Element, listed: list[Listed], choose: Callable[[int], str],
              own: dict[etree._Element, list[etree._Element]], deeper: list[etree._Element],
              twins: Iterable[tuple[etree._Element, etree._Element]] = ()) -> Plan:
    """Decide every inline wrapper: ``own`` holds those right in a paragraph, by paragraph, in order;
    ``deeper`` those inside something else (a hyperlink, a content control, another revision, an
    equation), in document order. A paragraph holding any of the latter is listed in ``plan.nested``.
    ``twins`` pairs the paragraphs of a text box's VML copy with those read: their wrappers take their
    twins' decisions one for one (the copy has revision ids of its own)."""
    plan = Plan(root, listed, choose)
    plan.by_el = {item.el: item for item in listed}
    plan.own = own
    owner: dict[etree._Element, etree._Element | None] = {}
    for w in deeper:
        p = _owner(w.getparent(), owner)
        if p is not None and p not in plan.nested:
            plan.nested.add(p)
    for p in plan.nested:  # in document order, the paragraph's own wrappers at any depth
        own[p] = [w for w in p.iter(*WRAPPERS) if w.getparent().tag not in MARKER_PARENTS
                  and (w.getparent() is p or _owner(w.getparent(), owner) is p)]
    by_el, decision = plan.by_el, plan.decision
    copies = dict(twins)
    rest = []
    for p, group in own.items():
        item = by_el.get(p)
        if p in copies:
            continue
        if item is None or not _decide_mapped(plan, item, group):
            rest.append((p, group))
    for p, group in rest:
        for w in group:
            if w not in decision:
                decision[w] = _inherit(plan, p, w)
    for p, original in copies.items():
        group, theirs = own.get(p, []), own.get(original, [])
        if len(group) == len(theirs):
            for w, twin in zip(group, theirs):
                decision[w] = decision[twin]
        for w in group:
            if w not in decision:
                decision[w] = _inherit(plan, p, w)
    return plan


def _owner(el: etree._Element, memo: dict[etree._Element, etree._Element | None]) -> etree._Element | None:
    """The paragraph an inline element belongs to (the nearest w:p above it), iteratively, memoised."""
    path = []
    found: etree._Element | None = None
    while el is not None:
        if el.tag == P:
            found = el
            break
        if el in memo:
            found = memo[el]
            break
        path.append(el)
        el = el.getparent()
    for a in path:
        memo[a] = found
    return found


def _decide_mapped(plan: Plan, item: Listed, wrappers: list[etree._Element]) -> bool:
    """Wrappers whose text the reader made part of an edit take that edit's decision; True when that
    decided them all."""
    by_rid: dict[tuple[str, bool], int] = {}
    fmt: dict[str, int] = {}
    side = _SIDE
    for s in item.para.segments:
        if s.edit < 0:
            continue
        rev = s.rev
        if rev is not None:
            inserted = side.get(rev.kind)
            if inserted is not None:
                by_rid.setdefault((rev.rid, inserted), s.edit)
        if s.fmt is not None:
            fmt.setdefault(s.fmt.rid, s.edit)
    plan.fmt_rids[item.el] = fmt
    if not by_rid:
        return False
    choose, decision, edit_of, key = plan.choose, plan.decision, plan.edit_of, W + "id"
    every = True
    for w in wrappers:
        edit = by_rid.get((w.get(key, ""), w.tag in INSERTS))
        if edit is not None:
            decision[w] = choose(edit)
            edit_of[w] = edit
        else:
            every = False
    return every


#: Whether a revision kind is on the inserted side (True) or the deleted side (False).
_SIDE = {**{k: True for k in PROPOSED_ONLY}, **{k: False for k in BASE_ONLY}}


def _inherit(plan: Plan, p: etree._Element, w: etree._Element) -> str:
    """The decision of a wrapper that carries no edit's text (see the module's docstring)."""
    a = w.getparent()
    while a is not None and a is not p:  # 1. the revision around it
        if a.tag in WRAPPER_TAGS and a in plan.decision:
            return plan.decision[a]
        a = a.getparent()
    d = _field_decision(plan, w)  # 2. the rest of its field
    if d is not None:
        return d
    for inner in w.iter(*WRAPPERS):  # 3. what it holds (a text box's revisions)
        if inner is not w and inner in plan.edit_of:
            return plan.decision[inner]
    if _holds_text(w):
        plan.unseen += 1
        return MARK
    own = plan.own.get(p, [])
    at = _index(own, w)
    for k in (*range(at - 1, -1, -1), *range(at + 1, len(own))):  # 4. its paragraph's nearest edit
        if own[k] in plan.edit_of:
            return plan.decision[own[k]]
    return _nearest_edit(plan, p)


def _index(items: list[etree._Element], el: etree._Element) -> int:
    for k, x in enumerate(items):
        if x is el:
            return k
    return 0


def _holds_text(w: etree._Element) -> bool:
    """Whether the wrapper's own content (not a nested revision's, not a text box's) is text in a view."""
    for t in w.iter(*TEXT_TAGS):
        a = t.getparent()
        while a is not None and a is not w:
            if a.tag in WRAPPER_TAGS or a.tag == P:
                break
            a = a.getparent()
        if a is w and not _gone(w):
            return True
    return False


def _gone(w: etree._Element) -> bool:
    """Whether the wrapper sits in a revision of the opposite kind (its content is in neither view)."""
    insert = w.tag in INSERTS
    a = w.getparent()
    while a is not None and a.tag != P:
        if a.tag in WRAPPER_TAGS and (a.tag in INSERTS) != insert:
            return True
        a = a.getparent()
    return False


def paragraph_edits(para: Paragraph) -> Iterable[int]:
    """Every edit a paragraph takes part in: its mark, its properties, its row, its text."""
    for e in (para.mark_edit, para.ppr_edit, para.row_edit):
        if e >= 0:
            yield e
    for s in para.segments:
        if s.edit >= 0:
            yield s.edit


def _nearest_edit(plan: Plan, p: etree._Element) -> str:
    """The decision of the nearest edit of this paragraph, else of the part around it, else accept."""
    item = plan.by_el.get(p)
    if item is None:  # a paragraph the reader did not list (a text box's): its anchoring paragraph's
        a = p.getparent()
        while a is not None and item is None:
            if a.tag == P:
                item = plan.by_el.get(a)
            a = a.getparent()
    if item is None:
        return ACCEPT
    for e in paragraph_edits(item.para):
        return plan.choice(e)
    if plan._edit_near is None:
        plan._edit_near = _edit_near(plan.listed)
    e = plan._edit_near[item.index]
    return plan.choice(e) if e >= 0 else ACCEPT


def _edit_near(listed: list[Listed]) -> list[int]:
    """For each listed paragraph, an edit of the nearest paragraph before it that has one (else after)."""
    near = [-1] * len(listed)
    last = -1
    for k, item in enumerate(listed):
        last = next(iter(paragraph_edits(item.para)), last)
        near[k] = last
    nxt = -1
    for k in range(len(listed) - 1, -1, -1):
        nxt = next(iter(paragraph_edits(listed[k].para)), nxt)
        if near[k] < 0:
            near[k] = nxt
    return near


def decision_near(plan: Plan, scope: etree._Element) -> str:
    """The decision for a property change or marker of ``scope`` (a paragraph, a cell, a row, a table):
    the paragraph it sits in, else the first edit of a listed paragraph it holds, else the part's
    nearest edit, else accept."""
    a = scope
    while a is not None:
        if a.tag == P and a in plan.by_el:
            return _nearest_edit(plan, a)
        a = a.getparent()
    first = None
    for p in scope.iter(P):
        item = plan.by_el.get(p)
        if item is not None:
            for e in paragraph_edits(item.para):
                return plan.choice(e)
            first = first if first is not None else p
    return _nearest_edit(plan, first) if first is not None else ACCEPT


# -- fields ------------------------------------------------------------------------------------
def _field_decision(plan: Plan, w: etree._Element) -> str | None:
    """The decision of another revision holding part of a field that this wrapper holds part of."""
    part = next(w.iter(FLD_CHAR, INSTR, DEL_INSTR), None)
    if part is None:
        return None
    if plan._field_of is None:
        plan._field_of, plan._field_parts = _fields(plan.root)
    group = plan._field_of.get(part)
    if group is None:
        return None
    if group not in plan._field_decision:
        found = ""
        for el in plan._field_parts[group]:
            a = el.getparent()
            while a is not None and a.tag != P and not found:
                if a.tag in WRAPPER_TAGS and a in plan.edit_of:
                    found = plan.decision[a]
                a = a.getparent()
            if found:
                break
        plan._field_decision[group] = found
    return plan._field_decision[group] or None


def _fields(root: etree._Element) -> tuple[dict[etree._Element, int], list[list[etree._Element]]]:
    """Each fldChar, instruction and result text of the part, with the field it belongs to (a field's
    parts are often in several revisions: its result text tells which edit the field goes with)."""
    out: dict[etree._Element, int] = {}
    parts: list[list[etree._Element]] = []
    stack: list[int] = []
    separated: set[int] = set()
    for el in root.iter(FLD_CHAR, INSTR, DEL_INSTR, T, DEL_TEXT):
        tag = el.tag
        if tag == FLD_CHAR:
            kind = el.get(W + "fldCharType")
            if kind == "begin":
                stack.append(len(parts))
                parts.append([])
            elif not stack:
                continue
            elif kind == "separate":
                separated.add(stack[-1])
            group = stack[-1]
            if kind == "end":
                stack.pop()
        elif not stack or (tag in (T, DEL_TEXT) and stack[-1] not in separated):
            continue
        else:
            group = stack[-1]
        out[el] = group
        parts[group].append(el)
    return out, parts
