"""Group revision marks into reviewable edits, with kinds, context and fingerprints.

Contiguous revisions with no unchanged text between them (white space aside) make one edit, so a
deletion followed by an insertion is one *replace*; a deleted or inserted paragraph mark joins the
revisions around it (a *merge* or *split* when it stands alone). A move pair is one edit wherever
its halves stand; a tracked table row or cell, a run-formatting change and a paragraph-formatting
change are edits of their own kinds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .model import (
    GONE,
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

Atom = tuple[str, int, int]  # ("seg", para, seg) | ("mark", para, 0) | ("ppr", para, 0) | ("row", para, 0)


@dataclass
class _Group:
    kind: str  # "text" | "move" | "format" | "ppr" | "row"
    atoms: list[Atom] = field(default_factory=list)
    revs: list[Revision] = field(default_factory=list)


def _group_stream(paragraphs: Sequence[Paragraph]) -> list[_Group]:
    groups: list[_Group] = []
    text: _Group | None = None
    fmt: _Group | None = None
    moves: dict[str, _Group] = {}
    rows: dict[str, _Group] = {}

    def new(kind: str) -> _Group:
        g = _Group(kind)
        groups.append(g)
        return g

    for pi, p in enumerate(paragraphs):
        if p.row is not None and p.row.kind == GONE:
            text = fmt = None
            continue
        if p.row is not None:
            text = fmt = None
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
                if s.note is not None or (text is not None and not s.text.strip()):
                    continue  # a note reference or white space does not part two revisions
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
                text.atoms.append(("seg", pi, si))
                text.revs.append(rev)
        fmt = None
        if p.ppr is not None:
            g = new("ppr")
            g.atoms.append(("ppr", pi, 0))
            g.revs.append(p.ppr)
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
            text.atoms.append(("mark", pi, 0))
            text.revs.append(mark)
    return groups


def _sides(paragraphs: Sequence[Paragraph], atoms: list[Atom], index: int) -> tuple[str, str, bool, str]:
    """Mark every atom as part of edit ``index``; return the deleted text, the inserted text, whether any
    of it is hidden, and every segment's text (for checks)."""
    dels: list[str] = []
    ins: list[str] = []
    texts: list[str] = []
    hidden = False
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
            out = dels if row.kind in BASE_ONLY else ins if row.kind in PROPOSED_ONLY else None
            if out is not None:
                sep = " | " if out and p.cell is not None and p.cell[2] > 1 else ("\n" if out else "")
                out.append(sep + p.any_text)
    return "".join(dels), "".join(ins), hidden, "".join(texts)


def _context(paragraphs: Sequence[Paragraph], atoms: list[Atom]) -> tuple[str, str]:
    """Unchanged text just before the edit's first atom and just after its last, same paragraph."""
    first, p0, s0 = atoms[0]
    before = ""
    if first == "seg":
        parts = _unchanged(paragraphs[p0].segments, range(s0 - 1, -1, -1))
        before = "".join(reversed(parts))[-CONTEXT:]
    last, p1, s1 = atoms[-1]
    after = ""
    if last == "seg":
        segs = paragraphs[p1].segments
        after = "".join(_unchanged(segs, range(s1 + 1, len(segs))))[:CONTEXT]
    elif last == "mark" and p1 + 1 < len(paragraphs):
        segs = paragraphs[p1 + 1].segments
        after = "".join(_unchanged(segs, range(len(segs))))[:CONTEXT]
    return before, after


def _unchanged(segs: list[Segment], order: range) -> list[str]:
    """The texts of unchanged segments taken in ``order``, until there are CONTEXT characters."""
    parts: list[str] = []
    n = 0
    for i in order:
        s = segs[i]
        if s.rev is None:
            parts.append(s.text)
            n += len(s.text)
            if n >= CONTEXT:
                break
    return parts


def _kind(g: _Group, deleted: str, inserted: str) -> str:
    if g.kind == "row":
        return ROW_KINDS[g.revs[0].kind]
    if g.kind == "move":
        return MOVE
    if g.kind == "format":
        return FORMAT_EDIT
    if g.kind == "ppr":
        return PARA_FORMAT_EDIT
    del_text = deleted.replace(PILCROW, "")
    ins_text = inserted.replace(PILCROW, "")
    if del_text and ins_text:
        return REPLACE
    if ins_text:
        return INSERT
    if del_text:
        return DELETE
    return SPLIT if inserted else MERGE


def _build(paragraphs: Sequence[Paragraph], groups: list[_Group], start: int, note: str) -> list[Edit]:
    edits: list[Edit] = []
    for n, g in enumerate(groups):
        index = start + n
        atoms = g.atoms
        deleted, inserted, hidden, texts = _sides(paragraphs, atoms, index)
        kind = _kind(g, deleted, inserted)
        subject = ""
        if g.kind == "format":
            subject = texts
        elif g.kind == "ppr":
            subject = paragraphs[atoms[0][1]].text_of("proposed")
        before, after = _context(paragraphs, atoms)
        revs = g.revs
        if len(revs) == 1:
            r = revs[0]
            authors: tuple[str, ...] = (r.author,) if r.author else ()
            date = r.date
            rids: tuple[str, ...] = (r.rid,) if r.rid else ()
        else:
            authors = tuple(dict.fromkeys(r.author for r in revs if r.author))
            date = next((r.date for r in revs if r.date), "")
            rids = tuple(dict.fromkeys(r.rid for r in revs if r.rid))
        warnings = _warnings(paragraphs, atoms, texts) if hidden or SUSPICIOUS_RE.search(texts) else ()
        edits.append(Edit(index, kind, deleted, inserted, before, after, authors, date, rids,
                          atoms[0][1], note, subject, warnings=warnings))
    return edits


def _warnings(paragraphs: Sequence[Paragraph], atoms: list[Atom], texts: str) -> tuple[str, ...]:
    """What could make an edit look different from what it is: hidden text, invisible characters."""
    out: list[str] = []
    if any(what == "seg" and paragraphs[pi].segments[si].hidden for what, pi, si in atoms):
        out.append("contains hidden (w:vanish) text")
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
    ordered: list[Edit] = []
    placed: set[tuple[str, str]] = set()
    by_para: dict[int, list[Edit]] = {}
    for e in body:
        by_para.setdefault(e.para, []).append(e)
    for pi, p in enumerate(pkg.paragraphs):
        ordered.extend(by_para.get(pi, ()))
        for s in p.segments:
            if s.note is not None and s.note in note_edits and s.note not in placed:
                placed.add(s.note)
                for e in note_edits[s.note]:
                    e.para = pi
                    ordered.append(e)
    for key, es in note_edits.items():
        if key not in placed:
            ordered.extend(es)  # notes nobody references still get reviewed
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
