"""Apply decisions to one paragraph's inline revisions, the way the reader reads them.

The reader gives each piece of content the revision closest around it, except that content inside two
revisions of opposite kinds (inserted, then deleted) is in neither view. So each piece of content under
a revision (a run, a math run's text, a picture, a bookmark) gets a fate from its innermost revision:

- kept plain: an accepted insertion, a rejected deletion;
- removed: a rejected insertion, an accepted deletion, or content in neither view once decided;
- kept tracked: a revision left marked (flagged, pending, disputed).

Then every revision no content needs any more is unwrapped (or removed when empty), deleted text that is
no longer inside a deletion becomes text again, and containers left empty (a hyperlink, a content
control, a math run) go. Where plain content sits inside a revision that stays tracked for other content
(a nested revision decided differently), that revision is split around it, so the output reads exactly
as the decided view. All walks use explicit stacks: no recursion, whatever the nesting depth.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..ingest.docx import M, W
from .revisions import (
    ACCEPT,
    DEL_INSTR,
    DEL_TEXT,
    DELETES,
    FLD_CHAR,
    INSERTS,
    INSTR,
    MARK,
    P,
    T,
    WRAPPER_TAGS,
    Plan,
    drop,
    keeps_content,
    unwrap,
)

#: Range markers stay where they are whatever happens to the revision around them: removing a bookmark's
#: or a comment's start would leave its end dangling.
KEEP_MARKERS = frozenset(W + t for t in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd",
                                         "permStart", "permEnd", "moveFromRangeStart", "moveFromRangeEnd",
                                         "moveToRangeStart", "moveToRangeEnd"))
#: Containers that go when a decision leaves them with no content.
_EMPTY_GOES = frozenset((W + "hyperlink", W + "smartTag", W + "customXml", W + "bdo", W + "dir", W + "sdt",
                         M + "r", M + "oMath", M + "oMathPara"))
#: Containers a split may cut in two (they carry no identity that two halves would break).
_SPLITTABLE = WRAPPER_TAGS | {W + "hyperlink", W + "smartTag", W + "bdo", W + "dir"}
_CONTENT_OF_SDT = W + "sdtContent"


def _is_props(el: etree._Element) -> bool:
    """Property children (w:sdtPr, w:smartTagPr, m:ctrlPr's rPr…) follow their container, never a fate."""
    tag = el.tag
    return isinstance(tag, str) and (tag.endswith("Pr") or tag.endswith("EndPr"))


@dataclass
class Outcome:
    """What resolving a paragraph did that the rest of the part needs to know."""

    #: whether the part has fields at all (if not, no removal is checked for cutting one)
    has_fields: bool = True
    #: a field's begin, separate, end or instruction was removed (the part's fields need mending)
    fields_cut: bool = False
    #: elements that stay tracked, by the edit they carry (for comments on flagged edits)
    kept: list[tuple[int, etree._Element]] = field(default_factory=list)


@dataclass
class _Frame:
    wrapper: etree._Element
    outer: _Frame | None
    #: content here is in neither view (this wrapper's kind clashes with the one around it)
    gone: bool
    #: some wrapper from here outwards stays tracked
    any_mark: bool


def resolve_paragraph(p: etree._Element, plan: Plan, out: Outcome) -> None:
    """Apply ``plan``'s decisions to the paragraph's own inline wrappers."""
    own = plan.own.get(p)
    if not own:
        return
    decision = plan.decision
    edit_of = plan.edit_of
    for w in own:  # a tracked wrapper (even one holding only nested revisions' content) marks its edit
        if decision[w] == MARK and w in edit_of:
            out.kept.append((edit_of[w], w))
    if all(decision[w] == MARK for w in own):  # nothing decided here
        return
    if p not in plan.nested:
        _flat(p, own, decision, out)
        return
    spine: set[etree._Element] = set()
    for w in own:
        a = w
        while a is not p and a not in spine:
            spine.add(a)
            a = a.getparent()
    removed: list[etree._Element] = []
    plain: list[tuple[etree._Element, _Frame]] = []
    tracked: list[tuple[etree._Element, _Frame]] = []
    needed = {w for w in own if decision[w] == MARK}  # a tracked wrapper stays, around what is left in it
    stack: list[tuple[etree._Element, _Frame | None]] = [(p, None)]
    visited: list[etree._Element] = []  # every container, each after the one holding it
    while stack:
        el, frame = stack.pop()
        visited.append(el)
        for child in el:
            if child in spine:
                if child.tag in WRAPPER_TAGS:
                    stack.append((child, _frame(child, frame, decision[child])))
                else:
                    stack.append((child, frame))
            elif frame is not None and not _is_props(child) and child.tag not in KEEP_MARKERS:
                _fate(child, frame, decision, removed, plain, tracked, needed)
    origin: dict[etree._Element, etree._Element] = {}
    if needed and (plain or tracked):
        _lift_out(p, plain, tracked, needed, origin)
    for el in removed:
        if out.has_fields and not out.fields_cut and next(el.iter(FLD_CHAR, INSTR, DEL_INSTR), None) is not None:
            out.fields_cut = True
        drop(el)
    for w in [*reversed(own), *(c for c in origin if c.tag in WRAPPER_TAGS)]:
        if w.getparent() is None or origin.get(w, w) in needed:
            continue
        if len(w):
            unwrap(w)
        else:
            drop(w)
    for el, frame in plain:
        if _under_delete(frame):
            _undelete(el, p)
    _drop_emptied(visited)


def _flat(p: etree._Element, own: list[etree._Element], decision: dict[etree._Element, str], out: Outcome) -> None:
    """The common case, fast: every revision sits right in the paragraph, none inside another."""
    for w in own:
        d = decision[w]
        if d == MARK:
            continue
        deleted = w.tag in DELETES
        if (d == ACCEPT) != deleted:  # an accepted insertion, a rejected deletion: the content stays
            if deleted:
                _undelete(w, w)
            unwrap(w)
            continue
        for c in [c for c in w if c.tag in KEEP_MARKERS]:
            w.addprevious(c)
        if out.has_fields and not out.fields_cut and next(w.iter(FLD_CHAR, INSTR, DEL_INSTR), None) is not None:
            out.fields_cut = True
        drop(w)


def _frame(w: etree._Element, outer: _Frame | None, d: str) -> _Frame:
    """The reader's rule: content in revisions of both kinds is in neither view; a revision nested
    deeper than that is read as itself again."""
    if outer is None:
        return _Frame(w, None, False, d == MARK)
    gone = not outer.gone and (outer.wrapper.tag in INSERTS) != (w.tag in INSERTS)
    return _Frame(w, outer, gone, outer.any_mark or d == MARK)


def _fate(leaf: etree._Element, frame: _Frame, decision: dict[etree._Element, str],
          removed: list[etree._Element], plain: list[tuple[etree._Element, _Frame]],
          tracked: list[tuple[etree._Element, _Frame]], needed: set[etree._Element]) -> None:
    if frame.gone:
        if frame.any_mark:  # undecided: the whole nest stays as it is
            f: _Frame | None = frame
            while f is not None:
                needed.add(f.wrapper)
                f = f.outer
        else:
            removed.append(leaf)
        return
    w = frame.wrapper
    d = decision[w]
    if d == MARK:
        tracked.append((leaf, frame))
    elif keeps_content(w.tag, d):
        plain.append((leaf, frame))
    else:
        removed.append(leaf)


def _under_delete(frame: _Frame | None) -> bool:
    while frame is not None:
        if frame.wrapper.tag in DELETES:
            return True
        frame = frame.outer
    return False


def _undelete(el: etree._Element, up_to: etree._Element) -> None:
    """Deleted text kept plain is text again, unless it still sits in a deletion left tracked (or in a
    text box's paragraph, whose revisions are its own): the walk up from each text stops at ``up_to``."""
    for t in el.iter(DEL_TEXT, DEL_INSTR):
        a = t.getparent()
        while a is not None and a is not up_to and a.tag not in DELETES and a.tag != P:
            a = a.getparent()
        if a is up_to:
            t.tag = T if t.tag == DEL_TEXT else INSTR


def _lift_out(p: etree._Element, plain: list[tuple[etree._Element, _Frame]],
              tracked: list[tuple[etree._Element, _Frame]], needed: set[etree._Element],
              origin: dict[etree._Element, etree._Element]) -> None:
    """Move content out of a tracked wrapper it does not belong to (a nested revision decided otherwise)."""
    for leaf, mine in [*((leaf, None) for leaf, _ in plain), *((leaf, f.wrapper) for leaf, f in tracked)]:
        # plain content leaves every tracked wrapper; tracked content only those of the other kind (the
        # reader reads content by its innermost revision, unless kinds clash)
        clash = None if mine is None else mine.tag not in INSERTS
        top = None
        a = leaf.getparent()
        above = mine is None
        while a is not None and a is not p:
            if a.tag in WRAPPER_TAGS:
                if origin.get(a, a) is mine:
                    above = True
                elif above and origin.get(a, a) in needed and (clash is None or (a.tag in INSERTS) == clash):
                    top = a
            a = a.getparent()
        if top is None:
            continue
        path = _isolate(leaf, top, origin)
        if path is None:
            continue
        for a in path:  # the copies of the path to the leaf: keep only what the leaf belongs to
            if a.tag in WRAPPER_TAGS and origin.get(a, a) is not mine:
                unwrap(a)


def _isolate(leaf: etree._Element, top: etree._Element,
             origin: dict[etree._Element, etree._Element]) -> list[etree._Element] | None:
    """Split every element from the leaf's parent up to ``top`` so that the leaf's branch holds the leaf
    alone; return that branch's elements (bottom up), or None where something unsplittable is between."""
    path = []
    a = leaf.getparent()
    while a is not top:
        if a is None or a.tag not in _SPLITTABLE:
            return None
        path.append(a)
        a = a.getparent()
    path.append(top)
    if top.tag not in _SPLITTABLE:
        return None
    node = leaf
    for parent in path:
        before = [c for c in node.itersiblings(preceding=True) if not _is_props(c)]
        after = list(node.itersiblings())
        if before:
            left = _shell(parent, origin)
            for c in reversed(before):
                left.append(c)
            parent.addprevious(left)
        if after:
            right = _shell(parent, origin)
            for c in after:
                right.append(c)
            parent.addnext(right)
        node = parent
    return path


def _shell(el: etree._Element, origin: dict[etree._Element, etree._Element]) -> etree._Element:
    """An empty copy of ``el`` (its attributes and properties), remembered as a copy of its original."""
    copy = etree.Element(el.tag, attrib=dict(el.attrib), nsmap=el.nsmap)
    for c in el:
        if _is_props(c):
            copy.append(etree.fromstring(etree.tostring(c)))
        else:
            break
    origin[copy] = origin.get(el, el)
    return copy


def _drop_emptied(visited: list[etree._Element]) -> None:
    """Containers that held decided content and now hold nothing go, innermost first (``visited`` lists
    each container after the one holding it, so it is walked backwards)."""
    for el in reversed(visited):
        if el.getparent() is None:
            continue
        if el.tag == _CONTENT_OF_SDT:
            if len(el) == 0 and el.getparent().tag == W + "sdt":
                drop(el.getparent())
        elif el.tag in _EMPTY_GOES and not any(not _is_props(c) for c in el):
            drop(el)
