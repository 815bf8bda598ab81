"""One text laid out for reading every proposal on it together: the core of the "by text" view.

For each language its MODs are in, the text in force in that language (from the collection), else the
base of the first MOD in that language; paragraph by paragraph, every proposal's change to it, one
``Change`` per distinct change with every source that makes it (identical changes are shown once, with
all their sources: their support). Changes of different proposals that touch or overlap the same
words differently are a ``Collision``. Placing edits and finding where they meet is
``itu_review.collisions``, the same logic ``check`` uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..check import align
from ..collisions import Piece, clusters, place
from ..model import Edit
from ..normalize import normalize
from ..views import reject_all, resolve
from .grouping import Entry, TextGroup

MODS = ("MOD", "(MOD)")


@dataclass
class Change:
    """One change to a paragraph, made by one or more proposals (more: an identical change)."""

    pieces: list[Piece]
    entries: list[Entry]
    #: Index into ``Version.collisions`` when it collides with another change, else -1.
    collision: int = -1

    @property
    def first(self) -> Piece:
        return self.pieces[0]

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(e.source for e in self.entries))

    @property
    def identical(self) -> bool:
        """Made by several proposals alike (not a proposal's versions in two files agreeing: that is one
        proposal's change, drawn once with a line for each file)."""
        return len({e.id for e in self.entries}) > 1

    @property
    def edits(self) -> list[Edit]:
        return [p.edit for p in self.pieces]


@dataclass
class Row:
    """A paragraph of the text in force and the changes proposed to it, in order of position."""

    index: int
    text: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class Collision:
    """Changes of different proposals to the same words, made differently."""

    para: int
    changes: list[Change]

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(s for c in self.changes for s in c.sources))


@dataclass
class Version:
    """One language of a text: its base, paragraph by paragraph, with every MOD's changes."""

    language: str
    #: "in force: RESOLUTION 130 (REV. DUBAI, 2018)" or "base of B/67/1 (no text in force in 'fr')".
    heading: str
    in_force: bool
    rows: list[Row]
    entries: list[Entry]
    collisions: list[Collision] = field(default_factory=list)
    #: Edits that could not be placed in a paragraph of the base (notes, paragraphs not in force).
    unplaced: list[tuple[Entry, Edit]] = field(default_factory=list)

    def changes(self) -> list[Change]:
        return [c for r in self.rows for c in r.changes]

    def identical(self) -> list[Change]:
        return [c for c in self.changes() if c.identical]


def _base_lines(entry: Entry) -> list[tuple[int, str]]:
    """(first package paragraph, text) of each non-empty line of a proposal's base view."""
    out = []
    for ln in resolve(entry.package.paragraphs, reject_all, entry.proposal.paras):
        text = ln.text.strip()
        if text and ln.paras:
            out.append((ln.paras[0], text))
    return out


def align_lines(ours: list[str], theirs: list[str]) -> list[tuple[int, int]]:
    """Pairs (i, j) of ours and theirs: equal paragraphs first (a dictionary look-up), ``check.align``
    only between them. Most paragraphs of a MOD's base are the text in force itself, so this does a
    few hundred look-ups where aligning everything costs n x m fuzzy comparisons (2-3 ms a proposal)."""
    first: dict[str, int] = {}
    for j, t in enumerate(theirs):
        first.setdefault(normalize(t), j)
    anchors: list[tuple[int, int]] = []
    for i, t in enumerate(ours):
        hit = first.get(normalize(t))
        if hit is not None and (not anchors or hit > anchors[-1][1]):
            anchors.append((i, hit))
    pairs: list[tuple[int, int]] = []
    bounds = [(-1, -1), *anchors, (len(ours), len(theirs))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
        if i1 - i0 > 1 and j1 - j0 > 1:
            pairs.extend((i0 + 1 + a, j0 + 1 + b) for a, b, _ in align(ours[i0 + 1:i1], theirs[j0 + 1:j1]))
        if i1 < len(ours):
            pairs.append((i1, j1))
    return pairs


def lay_out(group: TextGroup) -> list[Version]:
    """A version per language the text's MODs are in (the collection's language first)."""
    by_lang: dict[str, list[Entry]] = {}
    for e in group.entries:
        if e.action in MODS and e.proposal.edits:
            by_lang.setdefault(e.language, []).append(e)
    first_lang = group.in_force[0].lang if group.in_force else ""
    langs = sorted(by_lang, key=lambda lang: (lang != first_lang, lang))
    return [_version(group, lang, by_lang[lang]) for lang in langs]


def _version(group: TextGroup, language: str, entries: list[Entry]) -> Version:
    text = group.text_in(language)
    if text is not None:
        paragraphs = list(text.paragraphs)
        heading = f"in force: {text.heading or text.label}"
    else:
        paragraphs = [t for _, t in _base_lines(entries[0])]
        why = f"no text in force in '{language}'" if group.in_force else "no text in force given"
        heading = f"base of {entries[0].id} ({why})"
    version = Version(language, heading, text is not None, [Row(j, t) for j, t in enumerate(paragraphs)], entries)
    pieces: list[Piece] = []
    owner: dict[int, Entry] = {}
    for entry in entries:
        ours = _base_lines(entry)
        pairs = align_lines([t for _, t in ours], paragraphs)
        # owner: the proposal in its file; the same proposal in two files (a reissue beside its original)
        # meets itself, so that its two versions are one change when alike and a collision when not
        placed, unplaced = place(entry.package, entry.proposal, {ours[i][0]: j for i, j in pairs}, paragraphs,
                                 f"{entry.id} in {entry.package.path}")
        for pc in placed:
            owner[id(pc)] = entry
        pieces.extend(placed)
        version.unplaced.extend((entry, e) for e in unplaced)
    _changes(version, pieces, owner)
    return version


def _changes(version: Version, pieces: list[Piece], owner: dict[int, Entry]) -> None:
    """Pieces that meet are joined (``collisions.clusters``): one change -> an identical change when
    several proposals make it; several changes -> a collision."""
    for cluster in clusters(pieces):
        changes = [Change(group, [owner[id(pc)] for pc in group]) for group in cluster]
        row = version.rows[cluster[0][0].para]
        if len(changes) > 1:
            version.collisions.append(Collision(row.index, changes))
            for c in changes:
                c.collision = len(version.collisions) - 1
        row.changes.extend(changes)
    for row in version.rows:
        row.changes.sort(key=lambda c: (c.first.start, c.first.end, c.sources))
