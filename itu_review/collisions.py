"""Where a proposal's edits fall in a text in force, and which edits of different proposals meet there.

Shared by ``check`` (edits on the same words across packages) and the conference (collisions and
identical changes, the compilation): one way to place an edit, one rule for when two edits meet.

An edit is placed piece by piece: the part of it that falls in one paragraph of the text in force is
a ``Piece`` with a start and an end in that paragraph's own characters (what it deletes) and the text
it puts there. Positions come from the package's own segments (its base view, paragraph by paragraph,
not a search for the edit's context, which fails when another edit stands within the context), mapped
onto the text in force through the paragraph alignment; where the package's base differs from the
text in force (untracked changes, a tab for a space) the two strings are matched word by word,
and a paragraph too unlike the text in force to map (under 60% alike) places nothing.

Two pieces of different owners (packages for ``check``, a proposal in its file for the conference)
*meet* when they touch or overlap in the same paragraph. Pieces that meet, directly or through
others, form a cluster (``clusters``); within it, pieces make the *same change* when their
``change_key`` is equal — an identical change, reported once with all its sources — and the cluster
is a *collision* when it holds more than one change. ``check`` and the conference (the by-text view,
the compilation) use this one rule, so a pair is never both a collision and the same change.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from .model import (
    BASE_ONLY,
    CELL_DEL,
    CELL_INS,
    DEL,
    GONE,
    INS,
    MOVE_TO,
    PROPOSED_ONLY,
    ROW_DEL,
    ROW_INS,
    Edit,
    Package,
    Proposal,
)
from .normalize import normalize
from .views import reject_all, resolve

#: In an inserted text, a paragraph break: what follows goes into a new paragraph.
BREAK = "\u00b6"
#: Below this likeness (0-1) a package paragraph is not mapped onto the text in force word by word.
MIN_LIKENESS = 0.6
#: Edit kinds that change no words: placed (for display) but never meeting another edit.
WORDLESS = frozenset({"format", "paragraph-format"})


@dataclass(slots=True)
class Piece:
    """The part of one edit that falls in one paragraph of a text in force."""

    #: Paragraph of the text in force (an index into its paragraph list).
    para: int
    #: Characters of that paragraph it deletes (``start == end``: an insertion at ``start``).
    start: int
    end: int
    #: The text of the text in force it deletes (``paragraph[start:end]``).
    deleted: str
    #: What it puts there; ``BREAK`` separates paragraphs it inserts.
    inserted: str
    edit: Edit
    #: Who made it; pieces of one owner never meet.
    owner: str
    #: The paragraph's own mark is deleted too: what remains of it joins the next paragraph.
    joins_next: bool = False
    #: It deletes all of its paragraph's text (set by ``place``).
    whole: bool = False

    @property
    def wordless(self) -> bool:
        """A formatting change: it changes no words."""
        return self.edit.kind in WORDLESS

    def same_change(self, other: Piece) -> bool:
        return change_key(self) == change_key(other)


def sides(text: str) -> tuple[str, ...]:
    """A text side as it is compared: paragraph by paragraph, each part normalised on its own (case,
    white space, Arabic forms …), the paragraph breaks (``¶``) kept as breaks — so " and¶d) UNGA" and
    "and ¶ d)  UNGA" are the same, and "a¶b" is never "a b"."""
    return tuple(normalize(part) for part in text.split(BREAK))


def change_key(pc: Piece) -> tuple[object, ...]:
    """What makes two pieces the same change: the same words of the text in force deleted (their span,
    white space at its edges aside) and the same text put there (``sides``).

    The paragraph mark is handled explicitly: a deletion of a paragraph's whole text with nothing put
    there is the same change with its paragraph mark (a Word deletion of the paragraph) and without
    it (CriticMarkup, which cannot delete a paragraph mark) — the words that go are the same. Where
    text remains, or is put in, a deleted mark joins it to the next paragraph: then it counts.
    """
    start = pc.start + len(pc.deleted) - len(pc.deleted.lstrip())
    end = max(start, pc.end - (len(pc.deleted) - len(pc.deleted.rstrip())))
    inserted = sides(pc.inserted)
    joins = pc.joins_next and not (pc.whole and not any(inserted))
    return (start, end, inserted, joins)


@dataclass(slots=True)
class _Run:
    """One edit's stretch of a package paragraph, in that paragraph's base-view characters."""

    edit: int
    start: int
    end: int
    inserted: list[str]
    joins_next: bool = False


def _runs(pkg: Package, pi: int) -> tuple[str, list[_Run]]:
    """A package paragraph's base-view text and the stretch of each edit in it.

    The stretch runs from the edit's first segment to its last, unchanged text between them included
    (on both sides), so that replacing it by ``inserted`` gives the proposed text."""
    p = pkg.paragraphs[pi]
    base: list[str] = []
    proposed: list[str] = []
    pos = 0
    runs: dict[int, _Run] = {}
    pending: list[str] = []  # unchanged text since the last edit segment, inserted if the edit goes on
    last: _Run | None = None
    row_edit = p.row_edit if p.row is not None and p.row.kind in (ROW_DEL, CELL_DEL, ROW_INS, CELL_INS) else -1
    for s in p.segments:
        r = s.rev
        kind = r.kind if r is not None else ""
        if kind == GONE:
            continue
        in_base = r is None or kind in BASE_ONLY
        in_proposed = r is None or kind in PROPOSED_ONLY
        text = s.text
        if s.edit >= 0 and s.edit != row_edit:
            run = runs.get(s.edit)
            if run is None:
                run = runs[s.edit] = _Run(s.edit, pos, pos, [])
            elif run is last:
                run.inserted.extend(pending)
            if in_proposed:
                run.inserted.append(text)
            if in_base:
                run.end = pos + len(text)
            last = run
            pending = []
        elif r is None:
            pending.append(text)
        if in_base:
            base.append(text)
            pos += len(text)
        if in_proposed:
            proposed.append(text)
    if p.mark is not None and p.mark_edit >= 0 and p.mark.kind != GONE:
        run = runs.get(p.mark_edit)
        if run is None:
            run = runs[p.mark_edit] = _Run(p.mark_edit, pos, pos, [])
        if p.mark.kind in (INS, MOVE_TO):
            run.inserted.append(BREAK)
        elif p.mark.kind == DEL:
            run.joins_next = True
    if row_edit >= 0 and p.row is not None:  # a tracked table row or cell: the whole paragraph
        if p.row.kind in (ROW_DEL, CELL_DEL):
            runs[row_edit] = _Run(row_edit, 0, pos, [], joins_next=True)
        else:
            runs[row_edit] = _Run(row_edit, 0, 0, ["".join(proposed), BREAK])
    return "".join(base), list(runs.values())


_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


class _Mapper:
    """Positions in a package's base paragraph mapped onto the text in force, word by word.

    Where words differ, a start maps to where the differing words of the text in force start and an
    end to where they end, so an edit of "BUSAN, 2014" in a base drafted on another edition deletes
    the "DUBAI, 2018" that stands there in force."""

    def __init__(self, ours: str, theirs: str) -> None:
        a = [m.span() for m in _TOKEN.finditer(ours)]
        b = [m.span() for m in _TOKEN.finditer(theirs)]
        ta, tb = [ours[x:y] for x, y in a], [theirs[x:y] for x, y in b]
        matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
        equal = sum(y - x for blk in matcher.get_matching_blocks() for x, y in a[blk.a:blk.a + blk.size])
        self.ok = 2.0 * equal / max(1, len(ours) + len(theirs)) >= MIN_LIKENESS
        ca = [x for x, _ in a] + [len(ours)]
        cb = [x for x, _ in b] + [len(theirs)]
        #: (our start, our end, their start, their end, equal) for each stretch
        self.spans = [(ca[i1], ca[i2], cb[j1], cb[j2], tag == "equal")
                      for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
        self.size = len(theirs)

    def start(self, o: int) -> int:
        for a0, a1, b0, b1, equal in self.spans:
            if a0 <= o < a1 or (o == a1 and equal):
                return b0 + (o - a0) if equal else b0
        return self.size

    def end(self, o: int) -> int:
        for a0, a1, b0, b1, equal in self.spans:
            if a0 < o <= a1 or (o == a0 and equal):
                return b0 + (o - a0) if equal else b1
        return 0 if o == 0 else self.size


def place(pkg: Package, prop: Proposal, aligned: Mapping[int, int], paragraphs: Sequence[str],
          owner: str) -> tuple[list[Piece], list[Edit]]:
    """Every edit of ``prop`` as pieces in ``paragraphs`` (the text in force), and the edits not placed.

    ``aligned`` maps a package paragraph (the first of a base-view line) to the paragraph of the text
    in force it stands for (``check.align``). A paragraph the proposal inserts whole after the last
    one placed (a new paragraph, an inserted table row) is an insertion at the end of that one,
    starting with a paragraph break.
    """
    lines = resolve(pkg.paragraphs, reject_all, prop.paras)
    line_of = {pi: n for n, ln in enumerate(lines) for pi in ln.paras}
    placer = _Placer(pkg, owner)
    last: tuple[int, int] | None = None  # (paragraph of the text in force, its length) last placed
    done_lines: set[int] = set()
    for pi in prop.paras:
        n = line_of.get(pi)
        if n is None:  # not in the base at all: an inserted table row
            base_text, runs = _runs(pkg, pi)
            if last is not None and not base_text:
                for run in runs:
                    placer.add(run, last[0], last[1], last[1], "", BREAK + "".join(run.inserted).rstrip(BREAK))
            continue
        if n in done_lines:
            continue
        done_lines.add(n)
        line = lines[n]
        texts = [_runs(pkg, p) for p in line.paras]
        ours = "".join(t for t, _ in texts)
        j = aligned.get(line.paras[0])
        if j is None or not 0 <= j < len(paragraphs):
            if not ours.strip() and last is not None:  # paragraphs the proposal inserts, after the last placed
                for _, runs in texts:
                    for run in runs:
                        placer.add(run, last[0], last[1], last[1], "", BREAK + "".join(run.inserted).rstrip(BREAK))
            continue  # otherwise a paragraph not in force: its edits stay unplaced
        target = paragraphs[j]
        mapping = _Mapper(ours, target) if ours != target else None
        if mapping is not None and not mapping.ok:
            continue
        offset = 0
        for base_text, runs in texts:
            for run in runs:
                a, b = offset + run.start, offset + run.end
                if mapping is not None:
                    a, b = (mapping.start(a), mapping.end(b)) if b > a else (mapping.start(a),) * 2
                b = max(a, b)
                placer.add(run, j, a, b, target[a:b], "".join(run.inserted))
            offset += len(base_text)
        last = (j, len(target))
    for pc in placer.pieces:  # "X¶" at the very end of a paragraph is a paragraph X after it
        if pc.start == len(paragraphs[pc.para]) and pc.inserted.endswith(BREAK) and not pc.inserted.startswith(BREAK):
            pc.inserted = BREAK + pc.inserted[:-1]
        pc.whole = not paragraphs[pc.para][:pc.start].strip() and not paragraphs[pc.para][pc.end:].strip() \
            and pc.end > pc.start
    return placer.pieces, [e for e in prop.edits if e.index not in placer.placed]


class _Placer:
    """Collects pieces; an edit going on where its piece in the same paragraph ended extends that piece
    (the two halves of a split paragraph, the cells of an inserted row)."""

    def __init__(self, pkg: Package, owner: str) -> None:
        self.pkg, self.owner = pkg, owner
        self.pieces: list[Piece] = []
        self.placed: set[int] = set()
        self._open: dict[tuple[int, int], Piece] = {}

    def add(self, run: _Run, para: int, start: int, end: int, deleted: str, inserted: str) -> None:
        self.placed.add(run.edit)
        prev = self._open.get((run.edit, para))
        if prev is not None and prev.end == start:
            prev.end, prev.deleted, prev.inserted = end, prev.deleted + deleted, prev.inserted + inserted
            prev.joins_next = prev.joins_next or run.joins_next
            return
        piece = Piece(para, start, end, deleted, inserted, self.pkg.edits[run.edit], self.owner, run.joins_next)
        self._open[(run.edit, para)] = piece
        self.pieces.append(piece)


def clusters(pieces: Sequence[Piece]) -> list[list[list[Piece]]]:
    """The pieces joined where they meet (union-find over ``meetings``), each cluster as its distinct
    changes — the pieces of each, alike by ``change_key`` — in the order the pieces come. A cluster of
    one change made by several owners is an identical change; one of several changes, a collision.
    A piece that meets nothing (a formatting change among them) is a cluster of its own."""
    parent = {id(pc): id(pc) for pc in pieces}

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b, _ in meetings(pieces):
        ra, rb = root(id(a)), root(id(b))
        if ra != rb:
            parent[rb] = ra
    joined: dict[int, dict[tuple[object, ...], list[Piece]]] = {}
    for pc in pieces:
        joined.setdefault(root(id(pc)), {}).setdefault(change_key(pc), []).append(pc)
    return [list(kinds.values()) for kinds in joined.values()]


def duplicate_ids(packages: Sequence[Package]) -> dict[str, list[str]]:
    """Proposal ids found in more than one package (a reissue beside its original?), with the files."""
    seen: dict[str, list[str]] = {}
    for pkg in packages:
        for prop in pkg.proposals:
            if prop.action and pkg.path not in seen.setdefault(prop.id, []):
                seen[prop.id].append(pkg.path)
    return {pid: files for pid, files in seen.items() if len(files) > 1}


def same_id_messages(duplicates: dict[str, list[str]],
                     name: Callable[[str], str] = str) -> list[tuple[str, list[str]]]:
    """The lines that say proposal ids are in several files, one for each set of files (a reissue
    beside its original repeats every id of it): (line, the ids it names), for `list`, `check` and
    `compile`. ``name`` shows a file's path."""
    by_files: dict[tuple[str, ...], list[str]] = {}
    for pid, paths in duplicates.items():
        by_files.setdefault(tuple(paths), []).append(pid)
    out = []
    for files, ids in by_files.items():
        shown = ", ".join(ids) if len(ids) <= 4 else f"{ids[0]} \u2026 {ids[-1]}"
        what = (f"the same proposal id {shown} is" if len(ids) == 1
                else f"the same {len(ids)} proposal ids ({shown}) are")
        line = (f"{what} in {len(files)} files ({', '.join(name(f) for f in files)}): a reissue beside its "
                "original? Each is read on its own, and their edits meet like different proposals'")
        out.append((line, ids))
    return out


def meetings(pieces: Sequence[Piece]) -> Iterator[tuple[Piece, Piece, bool]]:
    """Each pair of pieces of different owners that touch or overlap in one paragraph, and whether they
    make the same change. Pieces are swept in order of position (not compared all with all)."""
    by_para: dict[int, list[Piece]] = {}
    for pc in pieces:
        if not pc.wordless:
            by_para.setdefault(pc.para, []).append(pc)
    for para in sorted(by_para):
        row = sorted(by_para[para], key=lambda pc: (pc.start, pc.end))
        for k, a in enumerate(row):
            for b in row[k + 1:]:
                if b.start > a.end:
                    break
                if a.owner != b.owner:
                    yield a, b, a.same_change(b)
