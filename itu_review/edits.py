"""Group revision marks into reviewable edits, with kinds, context and fingerprints.

Contiguous revisions with no unchanged text between them (white space aside) make one edit, so a
deletion followed by an insertion is one *replace*; the unchanged white space between them belongs
to both sides of the edit, so its deleted text is the text the base view reads there and its inserted
text the proposed view's. A deleted or inserted paragraph mark joins the revisions around it (a
*merge* or *split* when it stands alone). A move pair is one edit wherever its halves stand; a
tracked table row or cell, a run-formatting change and a paragraph-formatting change (numbering
included) are edits of their own kinds.

An edit's ``before`` and ``after`` are the unchanged text next to it, up to 40 characters, stopping at
the nearest other revision, so that ``before + deleted + after`` is in the base view and ``before +
inserted + after`` in the proposed one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .model import (
    GONE,
    PAGE_CONTAINERS,
    BASE_ONLY,
    CELL_DEL,
    CELL_INS,
    MOVE_FROM,
    MOVE_TO,
    PROPOSED_ONLY,
    ROW_DEL,
    ROW_INS,
    Edit,
    Package,
    Paragraph,
    Revision,
    Segment,
)
from .display.sanitize import SUSPICIOUS_RE, suspicious_chars
from .fingerprint import fingerprint  # noqa: F401  (re-exported: edits.fingerprint)

# Edit kinds.
REPLACE, INSERT, DELETE, SPLIT, MERGE, MOVE = "replace", "insert", "delete", "split", "merge", "move"
FORMAT_EDIT, PARA_FORMAT_EDIT = "format", "paragraph-format"
ROW_KINDS = {ROW_INS: "row-insert", ROW_DEL: "row-delete", CELL_INS: "cell-insert", CELL_DEL: "cell-delete"}
EDIT_KINDS = (REPLACE, INSERT, DELETE, SPLIT, MERGE, MOVE, FORMAT_EDIT, PARA_FORMAT_EDIT, *ROW_KINDS.values())

PILCROW = "\u00b6"
CONTEXT = 40

#: ("seg", para, seg) | ("ws", para, seg): unchanged white space inside a text edit | ("mark", para, 0) |
#: ("ppr", para, 0) | ("row", para, 0)
Atom = tuple[str, int, int]


class _Group:
    """The atoms and revisions of one edit to be. (A plain slotted class: a dataclass with list factories
    cost a microsecond to make, 0.15 s on 150,000 edits.)"""

    __slots__ = ("kind", "atoms", "revs")

    def __init__(self, kind: str) -> None:
        self.kind = kind  # "text" | "move" | "format" | "ppr" | "row"
        self.atoms: list[Atom] = []
        self.revs: list[Revision] = []


def _group_stream(paragraphs: Sequence[Paragraph]) -> list[_Group]:
    groups: list[_Group] = []
    text: _Group | None = None
    fmt: _Group | None = None
    moves: dict[str, _Group] = {}
    rows: dict[str, _Group] = {}
    space: list[Atom] = []  # unchanged white space after the open text edit: its own if the edit goes on
    container = None

    def new(kind: str) -> _Group:
        g = _Group(kind)
        groups.append(g)
        return g

    for pi, p in enumerate(paragraphs):
        if p.container != container:  # an edit never runs from one cell, note or part into another
            container = p.container
            text = fmt = None
        if p.row is not None:
            text = fmt = None
            space.clear()
            if p.row.kind == GONE:
                continue
            g = rows.get(p.row_key)
            if g is None:
                g = rows[p.row_key] = new("row")
                g.revs.append(p.row)
            g.atoms.append(("row", pi, 0))
            continue
        for si, s in enumerate(p.segments):
            rev = s.rev
            if rev is None:
                if s.fmt is not None:
                    text = None
                    if fmt is None or fmt.revs[-1].author != s.fmt.author:
                        fmt = new("format")
                    fmt.atoms.append(("seg", pi, si))
                    fmt.revs.append(s.fmt)
                    continue
                fmt = None
                if s.note is not None and text is not None:
                    continue  # a note reference does not part two revisions
                if text is not None and not s.text.strip():
                    space.append(("ws", pi, si))  # nor does white space
                    continue
                text = None
            elif rev.kind in (MOVE_FROM, MOVE_TO):
                text = fmt = None
                g = moves.get(rev.move)
                if g is None:
                    g = moves[rev.move] = new("move")
                g.atoms.append(("seg", pi, si))
                g.revs.append(rev)
            else:
                fmt = None
                if text is None:
                    text = new("text")
                elif space:
                    text.atoms.extend(space)
                text.atoms.append(("seg", pi, si))
                text.revs.append(rev)
            if space:
                space.clear()
        fmt = None
        if p.ppr is not None or p.numbering is not None:
            g = new("ppr")
            g.atoms.append(("ppr", pi, 0))
            g.revs.extend(r for r in (p.ppr, p.numbering) if r is not None)
        mark = p.mark
        if mark is None or mark.kind == GONE:
            text = None
        elif mark.kind in (MOVE_FROM, MOVE_TO):
            text = None
            g = moves.get(mark.move)
            if g is None:
                g = moves[mark.move] = new("move")
            g.atoms.append(("mark", pi, 0))
            g.revs.append(mark)
        else:
            if text is None:
                text = new("text")
            elif space:
                text.atoms.extend(space)
            text.atoms.append(("mark", pi, 0))
            text.revs.append(mark)
        if space:
            space.clear()
    return groups


#: What an edit's atoms say (``_sides``): deleted, inserted, whether any of it is hidden, every segment's
#: text (for checks and a format edit's subject), (deleted, inserted) as 0.1 had them — without the shared
#: white space, a row with all its text — or None where that is the same, and the note references and
#: text-box anchors the edit inserts or deletes (("text box 1", inserted?)). A plain tuple: a named one
#: costs a microsecond to make, 15 ms on 15,000 edits.
_Texts = tuple[str, str, bool, str, "tuple[str, str] | None", list[tuple[str, bool]]]


def _sides(paragraphs: Sequence[Paragraph], atoms: list[Atom], index: int) -> _Texts:
    """Mark every atom as part of edit ``index``; return its texts."""
    dels: list[str] = []
    ins: list[str] = []
    texts: list[str] = []
    hidden = False
    shared = False  # whether 0.1 read this edit's texts otherwise
    anchors: list[tuple[str, bool]] = []
    for what, pi, si in atoms:
        p = paragraphs[pi]
        if what == "seg":
            s = p.segments[si]
            s.edit = index
            texts.append(s.text)
            if s.hidden:
                hidden = True
            r = s.rev
            if r is not None:
                if r.kind in BASE_ONLY:
                    dels.append(s.text)
                elif r.kind in PROPOSED_ONLY:
                    ins.append(s.text)
                if s.note is not None and r.kind != GONE:
                    anchors.append((_note_label(s.note), r.kind in PROPOSED_ONLY))
        elif what == "ws":  # unchanged: in both views, so on both sides
            s = paragraphs[pi].segments[si]
            texts.append(s.text)
            dels.append(s.text)
            ins.append(s.text)
            shared = True
        elif what == "mark":
            p.mark_edit = index
            m = p.mark
            if m is not None:
                if m.kind in BASE_ONLY:
                    dels.append(PILCROW)
                elif m.kind in PROPOSED_ONLY:
                    ins.append(PILCROW)
        elif what == "ppr":
            p.ppr_edit = index
        else:  # a tracked row or cell: the paragraph goes with it
            p.row_edit = index
            for seg in p.segments:
                seg.edit = index
            if p.mark is not None:
                p.mark_edit = index
            row = p.row
            if row is None:
                continue
            if row.kind in BASE_ONLY:
                out, view = dels, "base"
            elif row.kind in PROPOSED_ONLY:
                out, view = ins, "proposed"
            else:
                continue
            sep = " | " if out and p.cell is not None and p.cell[2] > 1 else ("\n" if out else "")
            text = p.text_of(view)  # the row's text as its view reads it
            out.append(sep + text)
            if len(text) != len(p.any_text):
                shared = True  # (0.1 also took the text deleted or inserted inside the row)
    deleted, inserted = "".join(dels), "".join(ins)
    core = _core(paragraphs, atoms) if shared else None
    return deleted, inserted, hidden, "".join(texts), core, anchors


def _core(paragraphs: Sequence[Paragraph], atoms: list[Atom]) -> tuple[str, str]:
    """An edit's (deleted, inserted) as 0.1 wrote them: no white space between revisions, rows whole."""
    dels: list[str] = []
    ins: list[str] = []
    for what, pi, si in atoms:
        p = paragraphs[pi]
        if what == "seg":
            s = p.segments[si]
            if s.rev is not None and s.rev.kind in BASE_ONLY:
                dels.append(s.text)
            elif s.rev is not None and s.rev.kind in PROPOSED_ONLY:
                ins.append(s.text)
        elif what == "mark" and p.mark is not None:
            if p.mark.kind in BASE_ONLY:
                dels.append(PILCROW)
            elif p.mark.kind in PROPOSED_ONLY:
                ins.append(PILCROW)
        elif what == "row" and p.row is not None:
            out = dels if p.row.kind in BASE_ONLY else ins if p.row.kind in PROPOSED_ONLY else None
            if out is not None:
                sep = " | " if out and p.cell is not None and p.cell[2] > 1 else ("\n" if out else "")
                out.append(sep + p.any_text)
    return "".join(dels), "".join(ins)


def _note_label(key: tuple[str, str]) -> str:
    if key[0] == "textbox":
        return "text box " + key[1].removeprefix("textbox")
    return f"{key[0]} {key[1]}"


def _context(paragraphs: Sequence[Paragraph], atoms: list[Atom]) -> tuple[str, str, str, str]:
    """Unchanged text just before the edit's first atom and just after its last, in the same paragraph
    (after a paragraph mark: at the start of the next paragraph of the same cell, note or part), up to
    the nearest other revision; then the same as 0.1 took it (which skipped other revisions' text)."""
    first, p0, s0 = atoms[0]
    before = old_before = ""
    if first == "seg" and s0 > 0:
        segs = paragraphs[p0].segments
        prev = segs[s0 - 1]
        if prev.rev is None and len(prev.text) >= CONTEXT:  # the usual case: a long unchanged run before
            before = old_before = prev.text[-CONTEXT:]
        else:
            parts, cut = _unchanged(segs, range(s0 - 1, -1, -1))
            old_before = "".join(reversed(parts))[-CONTEXT:]
            before = old_before if cut < 0 or cut == len(parts) else "".join(reversed(parts[:cut]))[-CONTEXT:]
    last, p1, s1 = atoms[-1]
    after = old_after = ""
    if last == "seg":
        segs = paragraphs[p1].segments
        if s1 + 1 < len(segs):
            nxt = segs[s1 + 1]
            if nxt.rev is None and len(nxt.text) >= CONTEXT:  # and after
                after = old_after = nxt.text[:CONTEXT]
            else:
                parts, cut = _unchanged(segs, range(s1 + 1, len(segs)))
                old_after = "".join(parts)[:CONTEXT]
                after = old_after if cut < 0 or cut == len(parts) else "".join(parts[:cut])[:CONTEXT]
    elif last == "mark" and p1 + 1 < len(paragraphs):
        here, following = paragraphs[p1], paragraphs[p1 + 1]
        parts, cut = _unchanged(following.segments, range(len(following.segments)))
        if following.container == here.container:
            after = "".join(parts if cut < 0 else parts[:cut])[:CONTEXT]
        if not following.container.startswith(PAGE_CONTAINERS) or here.container.startswith(PAGE_CONTAINERS):
            old_after = "".join(parts)[:CONTEXT]  # (0.1 read no headers or footers)
    return before, after, old_before, old_after


def _unchanged(segs: list[Segment], order: range) -> tuple[list[str], int]:
    """The texts of the unchanged segments taken in ``order`` (past other revisions, as 0.1 did) until
    there are CONTEXT characters, and how many of them come before the first other revision (-1: all)."""
    parts: list[str] = []
    n = 0
    cut = -1
    for i in order:
        s = segs[i]
        r = s.rev
        if r is None:
            parts.append(s.text)
            n += len(s.text)
            if n >= CONTEXT:
                break
        elif cut < 0 and r.kind != GONE:  # inserted-then-deleted text is in neither view: it parts nothing
            cut = len(parts)
    return parts, cut


def _kind(g: _Group, deleted: str, inserted: str, anchors: list[tuple[str, bool]]) -> str:
    """The kind of an edit, from its revisions' own texts (not the white space it shares)."""
    if g.kind == "row":
        return ROW_KINDS[g.revs[0].kind]
    if g.kind == "move":
        return MOVE
    if g.kind == "format":
        return FORMAT_EDIT
    if g.kind == "ppr":
        return PARA_FORMAT_EDIT
    del_text: object = deleted.replace(PILCROW, "")
    ins_text: object = inserted.replace(PILCROW, "")
    if anchors:  # an inserted or deleted note reference or text box is content too
        del_text = del_text or any(not ins for _, ins in anchors)
        ins_text = ins_text or any(ins for _, ins in anchors)
    # A deleted paragraph mark before inserted text (or an inserted one after deleted text) is a
    # deletion and an insertion together: a replace, as any deletion followed by an insertion is.
    if del_text and ins_text or ins_text and PILCROW in deleted or del_text and PILCROW in inserted:
        return REPLACE
    if ins_text:
        return INSERT
    if del_text:
        return DELETE
    # paragraph marks alone: more inserted than deleted splits a paragraph, fewer merges paragraphs
    added = inserted.count(PILCROW) - deleted.count(PILCROW)
    return SPLIT if added > 0 else MERGE if added < 0 else REPLACE


def _detail(g: _Group, anchors: list[tuple[str, bool]]) -> str:
    """What a formatting edit changes, or which notes and text boxes an edit inserts or deletes."""
    if len(g.revs) == 1 and not anchors:
        return g.revs[0].detail  # (the usual formatting edit: one change)
    found = [r.detail for r in g.revs if r.detail]
    found += [f"{label} {'inserted' if ins else 'deleted'}" for label, ins in anchors]
    return "; ".join(dict.fromkeys(found))


def _build(paragraphs: Sequence[Paragraph], groups: list[_Group], start: int, note: str) -> list[Edit]:
    edits: list[Edit] = []
    for n, g in enumerate(groups):
        index = start + n
        atoms = g.atoms
        deleted, inserted, hidden, texts, core, anchors = _sides(paragraphs, atoms, index)
        kind = _kind(g, *(core or (deleted, inserted)), anchors)
        subject = ""
        if g.kind == "format":
            subject = texts
        elif g.kind == "ppr":
            subject = paragraphs[atoms[0][1]].text_of("proposed")
        before, after, old_before, old_after = _context(paragraphs, atoms)
        revs = g.revs
        if len(revs) == 1:
            r = revs[0]
            authors: tuple[str, ...] = (r.author,) if r.author else ()
            date = r.date
            rids: tuple[str, ...] = (r.rid,) if r.rid else ()
        elif len(revs) == 2:  # a replacement, usually: the same as below without a generator and a dict
            r, q = revs
            authors = _distinct(r.author, q.author)
            date = r.date or q.date
            rids = _distinct(r.rid, q.rid)
        else:
            authors = tuple(dict.fromkeys(r.author for r in revs if r.author))
            date = next((r.date for r in revs if r.date), "")
            rids = tuple(dict.fromkeys(r.rid for r in revs if r.rid))
        e = Edit(index, kind, deleted, inserted, before, after, authors, date, rids, atoms[0][1], note, subject)
        if hidden or SUSPICIOUS_RE.search(texts) or "\ufffd" in texts:
            e.warnings = _warnings(paragraphs, atoms, texts)
        if g.kind == "format" or g.kind == "ppr" or anchors:
            e.detail = _detail(g, anchors)
        if core is not None and core != (deleted, inserted):
            e.glued = core
        if (old_before is not before or old_after is not after) and (old_before != before or old_after != after):
            e.glued_context = (old_before, old_after)
        edits.append(e)
    return edits


def _distinct(a: str, b: str) -> tuple[str, ...]:
    """The non-empty ones of two values, once each, in order."""
    if a and b:
        return (a,) if a == b else (a, b)
    return (a,) if a else (b,) if b else ()


def _warnings(paragraphs: Sequence[Paragraph], atoms: list[Atom], texts: str) -> tuple[str, ...]:
    """What could make an edit look different from what it is: hidden text, invisible characters."""
    out: list[str] = []
    if any(what == "seg" and paragraphs[pi].segments[si].hidden for what, pi, si in atoms):
        out.append("contains hidden (w:vanish) text")
    if "\ufffd" in texts:
        out.append("contains U+FFFD, a replacement for a character the document does not name properly")
    names = suspicious_chars(texts)
    if names:
        counts = {n: names.count(n) for n in dict.fromkeys(names)}
        out.append("contains invisible or control characters: "
                   + ", ".join(f"{n}" + (f" x{c}" if c > 1 else "") for n, c in counts.items()))
    return tuple(out)


def group_package(pkg: Package) -> None:
    """Build ``pkg.edits`` from the body's and the notes' revisions, in document order.

    A note's edits follow the edits of the paragraph that references it.
    """
    body = _build(pkg.paragraphs, _group_stream(pkg.paragraphs), 0, "")
    note_edits: dict[tuple[str, str], list[Edit]] = {}
    nxt = len(body)
    for key, note in pkg.notes.items():
        es = _build(note.paragraphs, _group_stream(note.paragraphs), nxt, f"{key[0]}:{key[1]}")
        nxt += len(es)
        note_edits[key] = es
    if not any(note_edits.values()):
        pkg.edits = body  # (made paragraph by paragraph: already in reading order)
        return
    ordered: list[Edit] = []
    placed: set[tuple[str, str]] = set()
    by_para: dict[int, list[Edit]] = {}
    for e in body:
        by_para.setdefault(e.para, []).append(e)

    def place(key: tuple[str, str], pi: int) -> None:
        """A note's edits, then those of the notes and text boxes it refers to, as if at paragraph ``pi``."""
        stack = [key]
        while stack:
            k = stack.pop()
            if k in placed or k not in note_edits:
                continue
            placed.add(k)
            for e in note_edits[k]:
                e.para = pi
                ordered.append(e)
            inner = [s.note for q in pkg.notes[k].paragraphs for s in q.segments if s.note is not None]
            stack.extend(reversed(inner))

    for pi, p in enumerate(pkg.paragraphs):
        ordered.extend(by_para.get(pi, ()))
        for s in p.segments:
            if s.note is not None and s.note in note_edits and s.note not in placed:
                place(s.note, pi)
    last_body = next((i for i in range(len(pkg.paragraphs) - 1, -1, -1)
                      if not pkg.paragraphs[i].container.startswith(PAGE_CONTAINERS)), 0)
    for key in note_edits:
        place(key, last_body)  # notes nobody refers to still get reviewed, with the end of the body
    if all(e.index == n for n, e in enumerate(ordered)):
        pkg.edits = ordered  # no note moved anything: the numbering already is the reading order
        return
    # renumber so that an edit's index is its place in reading order
    remap = {e.index: n for n, e in enumerate(ordered)}
    for n, e in enumerate(ordered):
        e.index = n
    for p in _all_paragraphs(pkg):
        for seg in p.segments:
            if seg.edit >= 0:
                seg.edit = remap[seg.edit]
        if p.mark_edit >= 0:
            p.mark_edit = remap[p.mark_edit]
        if p.ppr_edit >= 0:
            p.ppr_edit = remap[p.ppr_edit]
        if p.row_edit >= 0:
            p.row_edit = remap[p.row_edit]
    pkg.edits = ordered


def _all_paragraphs(pkg: Package) -> Iterable[Paragraph]:
    yield from pkg.paragraphs
    for note in pkg.notes.values():
        yield from note.paragraphs
