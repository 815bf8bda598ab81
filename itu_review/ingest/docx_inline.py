"""Reading what one paragraph holds: runs and their text, revision marks, fields, symbols, equations and
the anchors of text boxes — the inner loop of the reader.

``InlineReader`` is the half of ``docx_walk.Reader`` that works inside a ``w:p``: the block walk calls
its ``inline`` once per paragraph (and ``move_range`` for a move range between paragraphs), and it
never calls back into the walk. It is a base class of ``Reader`` rather than an object of its own, so
that those calls stay one attribute look-up on ``self``, and the inner loop touches nothing but locals
and this module's globals (the tag names are imported into it by name from ``docx_tags``: no
``module.name`` look-up per element). Marks nest with explicit stacks, never by recursion.
``resolve_moves``, which pairs the move marks read here once a part is read, lives here too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from typing import TYPE_CHECKING

from lxml import etree

from ..model import DEL, FORMAT, GONE, INS, MOVE_FROM, MOVE_TO, Paragraph, Revision, Segment
from .docx_tags import (
    _BREAK_TEXT,
    _ID_AUTHOR_DATE,
    _MARK_KINDS,
    _MATH,
    _MAX_CHAR,
    _OBJECTS,
    _RANGE_TAGS,
    _TRANSPARENT,
    _M_r,
    _M_t,
    _T_AlternateContent,
    _T_Choice,
    _T_Fallback,
    _T_author,
    _T_char,
    _T_date,
    _T_delText,
    _T_endnoteReference,
    _T_fldChar,
    _T_fldCharType,
    _T_footnoteReference,
    _T_id,
    _T_name,
    _T_r,
    _T_rPr,
    _T_rPrChange,
    _T_sdt,
    _T_sym,
    _T_t,
    _T_txbxContent,
    _T_vanish,
    W,
    _new_rev,
    _on,
    _rev,
    _sdt_content,
)

if TYPE_CHECKING:
    from .docx_walk import Shared


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



class InlineReader:
    """Reads a paragraph's content into its segments; keeps the state that runs across paragraphs
    (open complex fields, open move ranges) for the part it reads."""

    def __init__(self, shared: Shared) -> None:
        self.shared = shared
        self.fields: list[bool] = []  # per open complex field: True once past "separate"
        self.unseparated = 0  # open fields still in their instruction part
        self.move_ranges: dict[str, dict[str, str]] = {MOVE_FROM: {}, MOVE_TO: {}}
        self.current_move: dict[str, str] = {MOVE_FROM: "", MOVE_TO: ""}
        #: whether any move mark was read (if not, there are no moves to pair)
        self.moves = False

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
