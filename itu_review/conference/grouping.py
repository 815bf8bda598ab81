"""Every proposal of a conference under the text it acts on: the "by text" grouping.

Texts are matched by kind and number, whatever the language (``RESOLUTION 130``, ``RÉSOLUTION 130`` and
``القرار 130`` all parse to resolution 130, see ``ingest/lang.py``); Radio Regulations provisions by
their number; draft new texts (ADD of a ``DRAFT NEW RESOLUTION``) by the likeness of their titles
(rapidfuzz token-set ratio of the normalised titles, at least ``DRAFT_LIKENESS``); proposals whose
heading names no text form one group, last. With a collection, a proposal whose number the collection
lacks but whose title matches one of its texts (``basetexts.match_proposal``) joins that text, and
groups come in the collection's order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..basetexts import BaseText, Collection, match_proposal
from ..collisions import duplicate_ids
from ..model import Package, Proposal
from ..normalize import normalize
from .sources import members, source_of

DRAFT_LIKENESS = 80.0
UNMATCHED = ("", "")
SHORT = {"resolution": "Res", "decision": "Dec", "recommendation": "Rec", "article": "Art.", "appendix": "App.",
         "constitution": "CS", "convention": "CV", "rr_provision": "RR", "draft": "Draft"}
_KIND_ORDER = ["resolution", "decision", "recommendation", "constitution", "convention", "article", "appendix",
               "rr_provision"]


@dataclass(slots=True)
class Entry:
    """One proposal of the conference, with the package it came from."""

    package: Package
    proposal: Proposal
    #: The source part of its id: ``B``, ``ACP``, ``B/CAN/CLM/USA``.
    source: str

    @property
    def id(self) -> str:
        return self.proposal.id

    @property
    def action(self) -> str:
        return self.proposal.action

    @property
    def language(self) -> str:
        return self.package.language

    @property
    def members(self) -> tuple[str, ...]:
        return members(self.source)


@dataclass
class TextGroup:
    """A text in force (or a draft new text, or the unmatched) and every proposal on it."""

    key: tuple[str, str]
    label: str
    short: str
    title: str = ""
    entries: list[Entry] = field(default_factory=list)
    #: The collection's texts of this kind and number, one per language it has.
    in_force: list[BaseText] = field(default_factory=list)
    #: Why a proposal was put here when its own heading names another text.
    notes: list[str] = field(default_factory=list)

    def actions(self) -> Counter[str]:
        return Counter(e.action for e in self.entries)

    def administrations(self) -> list[str]:
        """Every administration or group that proposes something on this text, each once."""
        return list(dict.fromkeys(m for e in self.entries for m in e.members))

    def sources(self) -> list[str]:
        return list(dict.fromkeys(e.source for e in self.entries))

    def summary(self) -> str:
        """``Res 130 · 6 MOD · 1 SUP · 7 adm.``"""
        counts = self.actions()
        parts = [self.short] + [f"{n} {a}" for a, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        parts.append(f"{len(self.administrations())} adm.")
        return " · ".join(parts)

    def text_in(self, language: str) -> BaseText | None:
        return next((t for t in self.in_force if t.lang == language), None)


@dataclass
class ByText:
    groups: list[TextGroup]
    #: Proposal ids found in more than one package (a reissue beside its original?), with their files.
    duplicates: dict[str, list[str]] = field(default_factory=dict)

    def find(self, label: str) -> TextGroup | None:
        want = normalize(label)
        return next((g for g in self.groups if normalize(g.label) == want or normalize(g.short) == want), None)


def _natural(number: str) -> tuple[object, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", number))


def _label(kind: str, number: str) -> tuple[str, str]:
    if kind == "rr_provision":
        return f"RR {number}", f"RR {number}"
    if kind in ("constitution", "convention"):
        return f"{kind.capitalize()} {number}", f"{SHORT[kind]} {number}"
    return f"{kind.capitalize()} {number}", f"{SHORT.get(kind, kind)} {number}"


def group_by_text(packages: list[Package], coll: Collection | None = None) -> ByText:
    """Every proposal (front matter aside) under its text; texts in the collection's order first."""
    from rapidfuzz import fuzz, process

    groups: dict[tuple[str, str], TextGroup] = {}
    drafts: list[TextGroup] = []
    draft_titles: list[str] = []
    known = {(t.kind, t.number.upper()) for t in coll.texts} if coll else set()
    for pkg in packages:
        for prop in pkg.proposals:
            if not prop.action:
                continue
            entry = Entry(pkg, prop, source_of(prop.id))
            kind, number = prop.target.kind, prop.target.number.upper()
            note = ""
            if kind == "draft" or (prop.action.startswith("ADD") and not kind):
                title = normalize(prop.title)
                hit = process.extractOne(title, draft_titles, scorer=fuzz.token_set_ratio,
                                         score_cutoff=DRAFT_LIKENESS) if title else None
                if hit is not None:
                    drafts[hit[2]].entries.append(entry)
                    continue
                drafts.append(TextGroup(("draft", str(len(drafts) + 1)),
                                        f"Draft new text: {prop.title or number or prop.id}",
                                        f"Draft {number or len(drafts) + 1}", prop.title, [entry]))
                draft_titles.append(title or f"\0{prop.id}")
                continue
            if not kind:
                key = UNMATCHED
            else:
                key = (kind, number)
                if coll and key not in known and prop.title:
                    m = match_proposal(coll, pkg, prop)
                    if m.text is not None and m.how == "title":
                        key = (m.text.kind, m.text.number.upper())
                        note = f"{prop.id}: {m.note}"
            g = groups.get(key)
            if g is None:
                label, short = ("Unmatched proposals", "Unmatched") if key == UNMATCHED else _label(*key)
                g = groups[key] = TextGroup(key, label, short, prop.title)
                if coll and key != UNMATCHED:
                    g.in_force = [t for t in coll.texts if (t.kind, t.number.upper()) == key]
                    if g.in_force:
                        g.title = g.in_force[0].title or g.title
            if not g.title:
                g.title = prop.title
            g.entries.append(entry)
            if note:
                g.notes.append(note)
    order = {(t.kind, t.number.upper()): k for k, t in reversed(list(enumerate(coll.texts)))} if coll else {}

    def rank(g: TextGroup) -> tuple[object, ...]:
        if g.key in order:
            return (0, order[g.key])
        kind = g.key[0]
        return (1, _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER), kind, _natural(g.key[1]))

    texts = sorted((g for k, g in groups.items() if k != UNMATCHED), key=rank)
    tail = [groups[UNMATCHED]] if UNMATCHED in groups else []
    return ByText(texts + drafts + tail, duplicate_ids(packages))
