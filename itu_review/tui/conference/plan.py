"""What the "by text" view shows of one text, in reading order, and where a reviewer stops in it.

A ``TextPlan`` is built from a ``TextGroup`` and its layout (``conference.layout.lay_out``): for each
language version the text in force (or the first MOD's base), paragraph by paragraph, each paragraph
followed by every change proposed to it — identical changes once, with a line for each source —
and the collisions named and listed; then the edits that could not be placed, the proposals whose
edits are not laid out (draft new texts, unmatched proposals, an ADD to a text: shown inline), and
every proposal on the text, SUP and NOC among them.

A *stop* is what ``n``/``p`` visit and ``a``/``r``/``f`` decide: an edit of one package (once, even
when it falls in several paragraphs), or a proposal without edits (decided as a whole, as in the
by-package view). Stops come in the order they are drawn. Each carries its package index and its
item index in the ``ReviewSession``, so a decision goes to the edit's own package log.

No textual here: the plan is data; ``drawing`` turns it into rows.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from ...conference.grouping import Entry, TextGroup
from ...conference.layout import Change, Collision, Version, lay_out
from ...model import Edit, Package, Proposal
from ...output import plural
from ...views import Line

LANGUAGES = {"en": "English", "fr": "French", "es": "Spanish", "ru": "Russian", "zh": "Chinese", "ar": "Arabic"}


@dataclass(frozen=True, slots=True)
class Stop:
    """An edit of one package, or a proposal without edits (``edit`` None), on this text."""

    pkg: int
    item: int
    entry: Entry
    edit: Edit | None

    @property
    def key(self) -> tuple[int, object]:
        """The session's key of what is decided: (package, edit index) or (package, proposal id)."""
        return (self.pkg, self.edit.index if self.edit is not None else self.entry.id)

    @property
    def label(self) -> str:
        return self.edit.id if self.edit is not None else f"{self.entry.action} {self.entry.id}"


# -- blocks: what is drawn, in order ----------------------------------------------------------------
@dataclass(slots=True)
class Note:
    """Lines of text that belong to no stop: headings, counts, the collision list, Reasons."""

    text: str
    style: str = ""
    indent: int = 0
    #: None: the direction of the text itself (a title in Arabic is drawn right to left)
    rtl: bool | None = False


@dataclass(slots=True)
class Para:
    """A paragraph of the text in force (or of a MOD's base)."""

    number: int
    text: str
    #: where each change falls: (start, end, the stops it holds), to mark the current one
    spans: list[tuple[int, int, frozenset[int]]] = field(default_factory=list)


@dataclass(slots=True)
class Label:
    """Above a change: that it collides (and with whom), or that several sources make it alike."""

    text: str
    collision: bool


@dataclass(slots=True)
class ChangeLine:
    """One change to a paragraph, in a little of its context; ``stops``: every source's edit."""

    change: Change
    paragraph: str
    stops: tuple[int, ...]


@dataclass(slots=True)
class EditLine:
    """An edit not placed in the text in force: what it deletes and inserts, as the package has it."""

    stop: int


@dataclass(slots=True)
class SourceLine:
    """One source of a change (or the proposal decided as a whole): status, id, source, package."""

    stop: int


@dataclass(slots=True)
class Inline:
    """One line of a proposal drawn inline (its marks as they are); package edits mapped to stops."""

    entry: Entry
    #: the session's index of its package
    pkg: int
    line: Line
    stop_of: dict[int, int]
    stops: frozenset[int]


@dataclass(slots=True)
class ProposalLine:
    """A proposal on the text that has edits: its status over them, action, id, source, package."""

    entry: Entry
    item: int


Block = Note | Para | Label | ChangeLine | EditLine | SourceLine | Inline | ProposalLine


@dataclass
class Where:
    """Where a stop is, for the details: its paragraph, the change and the collision it belongs to."""

    version: Version | None = None
    para: int = -1
    change: Change | None = None
    collision: Collision | None = None
    #: the collision's number as the view lists it (in the order of the paragraphs)
    collision_no: int = 0
    unplaced: bool = False


@dataclass
class TextPlan:
    group: TextGroup
    versions: list[Version]
    blocks: list[Block] = field(default_factory=list)
    stops: list[Stop] = field(default_factory=list)
    #: the blocks each stop is drawn in (a source line, a change line, a paragraph …)
    blocks_of: list[list[int]] = field(default_factory=list)
    where: list[Where] = field(default_factory=list)
    _index: dict[tuple[int, object], int] = field(default_factory=dict)

    def stop_of(self, key: tuple[int, object]) -> int | None:
        """The stop deciding this (package, edit index) or (package, proposal id), if on this text."""
        return self._index.get(key)

    @property
    def collisions(self) -> int:
        return sum(len(v.collisions) for v in self.versions)

    @property
    def identical(self) -> int:
        return sum(1 for v in self.versions for c in v.identical() if c.collision < 0)


class Locator:
    """A proposal of the conference (an ``Entry``) as the session knows it: package and item index."""

    def __init__(self, packages: list[Package], items: list[tuple[int, Proposal]]) -> None:
        self._pkg = {id(p): k for k, p in enumerate(packages)}
        self._item = {id(prop): k for k, (_, prop) in enumerate(items)}

    def pkg(self, entry: Entry) -> int:
        return self._pkg[id(entry.package)]

    def item(self, entry: Entry) -> int:
        return self._item[id(entry.proposal)]


class _Builder:
    def __init__(self, group: TextGroup, locate: Locator, versions: list[Version]) -> None:
        self.plan = TextPlan(group, versions)
        self.locate = locate

    def add(self, block: Block, stops: Iterable[int] = ()) -> int:
        k = len(self.plan.blocks)
        self.plan.blocks.append(block)
        for s in stops:
            self.plan.blocks_of[s].append(k)
        return k

    def stop(self, entry: Entry, edit: Edit | None, where: Where) -> int:
        pkg = self.locate.pkg(entry)
        key = (pkg, edit.index if edit is not None else entry.id)
        found = self.plan._index.get(key)
        if found is not None:
            return found
        k = len(self.plan.stops)
        self.plan.stops.append(Stop(pkg, self.locate.item(entry), entry, edit))
        self.plan.blocks_of.append([])
        self.plan.where.append(where)
        self.plan._index[key] = k
        return k


def plan_text(group: TextGroup, locate: Locator, versions: list[Version] | None = None) -> TextPlan:
    """The text's blocks and stops; ``versions``: its layout when already made (``lay_out`` otherwise)."""
    if versions is None:
        versions = lay_out(group) if group.key[0] not in ("", "draft") else []
    b = _Builder(group, locate, versions)
    _header(b)
    laid_out = {id(e.proposal) for v in versions for e in v.entries}
    for v in versions:
        _version(b, v)
    if not versions and group.in_force and group.key[0] not in ("", "draft"):  # a SUP, a NOC: the text itself
        text = group.in_force[0]
        b.add(Note(f"{LANGUAGES.get(text.lang, text.lang)} \u2014 in force: {text.heading or text.label}", "heading",
                   rtl=None))
        for n, paragraph in enumerate(text.paragraphs, 1):
            b.add(Para(n, paragraph))
    # proposals whose edits are not laid out, and draft new texts (an ADD, often without marks): as they read
    inline = [e for e in group.entries if id(e.proposal) not in laid_out
              and (e.proposal.edits or e.action.startswith("ADD"))]
    for e in inline:
        _inline(b, e)
    b.add(Note(f"Proposals on this text ({len(group.entries)})", "heading"))
    for e in group.entries:
        if e.proposal.edits:
            b.add(ProposalLine(e, locate.item(e)))
        else:
            k = b.stop(e, None, Where())
            b.add(SourceLine(k), (k,))
        if e.proposal.reasons:
            b.add(Note(f"Reasons: {e.proposal.reasons}", "dim", indent=4, rtl=None))
    return b.plan


def _header(b: _Builder) -> None:
    """The text's name and title, its counts, and why a proposal was put here."""
    g, plan = b.plan.group, b.plan
    b.add(Note(f"{g.label} \u2014 {g.title}" if g.title and g.key[0] != "draft" else g.label, "heading", rtl=None))
    counts = [g.summary()]
    if plan.versions:
        counts.append(f"{plan.collisions} collision{'s' if plan.collisions != 1 else ''}")
        counts.append(f"{plan.identical} identical change{'s' if plan.identical != 1 else ''}")
    b.add(Note(" \u00b7 ".join(counts), "dim"))
    for note in g.notes:
        b.add(Note(note, "dim", rtl=None))


def _version(b: _Builder, v: Version) -> None:
    language = LANGUAGES.get(v.language, v.language or "unknown language")
    b.add(Note(f"{language} \u2014 {v.heading}", "heading", rtl=None))
    collisions = len(v.collisions)
    identical = sum(1 for c in v.identical() if c.collision < 0)
    counts = [f"{len(v.changes())} change{'s' if len(v.changes()) != 1 else ''}"]
    if collisions:
        counts.append(f"{collisions} collision{'s' if collisions != 1 else ''}")
    if identical:
        counts.append(f"{identical} made alike by several sources")
    b.add(Note(" \u00b7 ".join(counts), "dim"))
    order = sorted(range(collisions), key=lambda i: (v.collisions[i].para,
                                                     min(c.first.start for c in v.collisions[i].changes)))
    number = {i: n for n, i in enumerate(order, 1)}
    for i in order:
        listed = v.collisions[i]
        who = ", ".join(dict.fromkeys(f"{e.id} ({e.source})" for c in listed.changes for e in c.entries))
        b.add(Note(f"collision {number[i]} \u00b7 \u00b6{listed.para + 1} \u00b7 {who}", "warning", indent=2))
    for row in v.rows:
        para = Para(row.index + 1, row.text)
        para_block = b.add(para)
        previous = -1
        for change in row.changes:
            col = v.collisions[change.collision] if change.collision >= 0 else None
            where = Where(v, row.index, change, col, number.get(change.collision, 0))
            stops: list[int] = []
            for piece, entry in zip(change.pieces, change.entries):
                k = b.stop(entry, piece.edit, where)
                if k not in stops:
                    stops.append(k)
            if col is not None and change.collision != previous:
                b.add(Label(collision_label(col, number[change.collision]), collision=True))
            elif col is None and change.identical:
                b.add(Label(f"the same change from {change_count(change)}: {', '.join(change.sources)}",
                            collision=False))
            previous = change.collision
            para.spans.append((change.first.start, change.first.end, frozenset(stops)))
            b.add(ChangeLine(change, row.text, tuple(stops)), stops)
            for k in stops:
                b.add(SourceLine(k), (k,))
            for k in stops:
                b.plan.blocks_of[k].append(para_block)
    if v.unplaced:
        b.add(Note("Not placed in the text (notes, paragraphs not in force)", "heading", indent=2))
        for entry, edit in v.unplaced:
            k = b.stop(entry, edit, Where(v, unplaced=True))
            b.add(EditLine(k), (k,))
            b.add(SourceLine(k), (k,))


def how_many(sources: Iterable[str], edits: int, files: int) -> str:
    """The one count of a change's sources the view uses everywhere (heading, details, dialog, messages):
    administrations, and the edits behind them when those are more — "3 sources (5 edits)" for ACP, IAP
    and AFCP, whose proposal is in three files (a package and its reissues); the files too when fewer
    than the edits."""
    n = len(set(sources))
    if edits == n and files == n:
        return plural(n, "source")
    behind = plural(edits, "edit") + (f" in {plural(files, 'file')}" if files < edits else "")
    return f"{plural(n, 'source')} ({behind})"


def change_count(change: Change) -> str:
    """``how_many`` for every source of an identical change."""
    return how_many(change.sources, len(change.entries), len({e.package.path for e in change.entries}))


def collision_label(col: Collision, number: int) -> str:
    ids = list(dict.fromkeys(e.id for c in col.changes for e in c.entries))
    if len(ids) == 1:  # one proposal in several packages (a reissue beside its original)
        return f"collision {number}: {ids[0]} reads differently in its packages"
    return f"collision {number}: {', '.join(col.sources)} change these words differently"


def _inline(b: _Builder, e: Entry) -> None:
    from ...display.render import proposal_lines

    b.add(Note(f"{e.action} {e.id} \u00b7 {e.source} \u00b7 {os.path.basename(e.package.path)}", "heading"))
    stop_of = {edit.index: b.stop(e, edit, Where()) for edit in e.proposal.edits}
    locate_pkg = b.locate.pkg(e)
    for ln in proposal_lines(e.package, e.proposal):
        stops = frozenset(stop_of[x] for x in ln.edits() if x in stop_of)
        b.add(Inline(e, locate_pkg, ln, stop_of, stops), stops)
    for edit in e.proposal.edits:  # edits no line shows (in a note): listed, so that each can be seen
        k = stop_of[edit.index]
        if not b.plan.blocks_of[k]:
            b.add(EditLine(k), (k,))
    for k in stop_of.values():
        b.add(SourceLine(k), (k,))
