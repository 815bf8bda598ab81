"""Verification against the texts in force: is each proposal's base really the text in force?

For a MOD, the base view (every revision rejected) is aligned paragraph by paragraph with the text
in force; a paragraph that differs is an untracked change, a heading naming another edition is a
wrong base, paragraphs of the text that the proposal does not reproduce are elided (noted, not an
error). A SUP must name a text that exists; an ADD is compared with what is already in force.
Across packages, proposals on the same text and edits on the same words are collisions.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from .basetexts import BaseText, Collection, Match, match_proposal
from .collisions import meetings, place
from .ingest import lang
from .model import Package, Proposal
from .normalize import normalize
from .views import reject_all, resolve

ERROR, WARNING, INFO = "error", "warning", "info"
SAME_PARAGRAPH = 60.0  # rapidfuzz ratio above which two paragraphs are the same paragraph, changed


@dataclass
class Finding:
    severity: str
    kind: str  # untracked-change, wrong-edition, not-found, wrong-number, elided, unmatched-paragraph, duplicate, collision, overlap, language
    package: str
    proposal: str
    message: str
    paragraph: int = -1  # index into Package.paragraphs, where there is one
    ours: str = ""
    in_force: str = ""
    place: str = ""
    score: float = 0.0


@dataclass
class ProposalCheck:
    proposal: str
    action: str
    match: str
    text: str
    score: float
    findings: list[Finding] = field(default_factory=list)
    aligned: list[tuple[int, int]] = field(default_factory=list)  # (package paragraph, text paragraph)
    base: BaseText | None = None
    cross_language: bool = False

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.severity in (ERROR, WARNING)]

    def paragraph_marks(self) -> dict[int, str]:
        return {f.paragraph: f.kind.replace("-", " ") for f in self.findings if f.paragraph >= 0}


def _edition(heading: str) -> str:
    m = re.search(r"\(([^()]*\d{4}[^()]*)\)\s*$", heading)
    return normalize(m.group(1)) if m else ""


def _base_lines(pkg: Package, prop: Proposal) -> list[tuple[int, str]]:
    out = []
    for ln in resolve(pkg.paragraphs, reject_all, prop.paras):
        text = ln.text.strip()
        if text:
            out.append((ln.paras[0], text))
    return out


ABJAD = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"
_LABEL = re.compile(r"^\s*(\(?[a-z]\)|\(?[\u0621-\u064a]\s*\)|\d+)")


def language_free(text: str) -> str:
    """What two translations of a paragraph share: its list label (أ ) = a)) and its numbers."""
    t = normalize(text)
    label = ""
    m = _LABEL.match(t)
    if m:
        raw = m.group(1).strip("() ").strip()
        label = chr(ord("a") + ABJAD.index(raw)) if raw in ABJAD else raw
    numbers = re.findall(r"\d+(?:[/.]\d+)*", lang.to_ascii_digits(t))
    return " ".join([f"<{label}>"] + numbers) if label or numbers else ""


def align(ours: list[str], theirs: list[str], key=normalize, cutoff: float = SAME_PARAGRAPH) -> list[tuple[int, int, float]]:  # type: ignore[no-untyped-def]
    """Monotonic best alignment of two paragraph lists by similarity (a small dynamic programme)."""
    from rapidfuzz import fuzz

    a = [key(x) for x in ours]
    b = [key(x) for x in theirs]
    n, m = len(a), len(b)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    sim: dict[tuple[int, int], float] = {}
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best, move = score[i - 1][j], (i - 1, j)
            if score[i][j - 1] > best:
                best, move = score[i][j - 1], (i, j - 1)
            s = fuzz.ratio(a[i - 1], b[j - 1], score_cutoff=cutoff) if a[i - 1] and b[j - 1] else 0
            if s and score[i - 1][j - 1] + s > best:
                best, move = score[i - 1][j - 1] + s, (i - 1, j - 1)
                sim[(i - 1, j - 1)] = s
            score[i][j], back[i][j] = best, move
    pairs: list[tuple[int, int, float]] = []
    i, j = n, m
    while i > 0 and j > 0:
        prev = back[i][j]
        assert prev is not None
        if prev == (i - 1, j - 1) and (i - 1, j - 1) in sim:
            pairs.append((i - 1, j - 1, sim[(i - 1, j - 1)]))
        i, j = prev
    return pairs[::-1]


def _fill_gaps(pairs: list[tuple[int, int, float]], n: int, m: int) -> list[tuple[int, int]]:
    """Between two anchors, as many paragraphs on each side: pair them in order (translations)."""
    anchors = [(-1, -1)] + [(i, j) for i, j, _ in pairs] + [(n, m)]
    out: list[tuple[int, int]] = []
    for (i0, j0), (i1, j1) in zip(anchors, anchors[1:]):
        if i1 - i0 == j1 - j0:
            out.extend((i0 + k, j0 + k) for k in range(1, i1 - i0))
        if i1 < n:
            out.append((i1, j1))
    return out


def _word_diff(ours: str, theirs: str) -> str:
    """A short account of what differs, word by word: '… Members [+and Associates+] in …'."""
    import difflib

    a, b = theirs.split(), ours.split()
    parts: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if a[i1:i2]:
            parts.append("[-" + " ".join(a[i1:i2]) + "-]")
        if b[j1:j2]:
            parts.append("[+" + " ".join(b[j1:j2]) + "+]")
    return " ".join(parts)


def check_proposal(coll: Collection, pkg: Package, prop: Proposal) -> ProposalCheck:
    action = prop.action
    if action.startswith("ADD"):
        res = ProposalCheck(prop.id, action, "none", "", 0.0)
        for text, score in coll.similar(prop.title, " ".join(pkg.paragraphs[pi].any_text for pi in prop.paras[:8]),
                                        3, language=pkg.language):
            if score >= 60:
                res.findings.append(Finding(INFO if score < 85 else WARNING, "duplicate", pkg.path, prop.id,
                                            f"similar to {text.label} in force: {text.title} ({score:.0f}%)",
                                            in_force=text.title, score=score))
        return res
    m: Match = match_proposal(coll, pkg, prop)
    res = ProposalCheck(prop.id, action, m.how, m.text.label if m.text else "", round(m.score, 1), base=m.text)

    def add(severity: str, kind: str, message: str, **kw: Any) -> None:
        res.findings.append(Finding(severity, kind, pkg.path, prop.id, message, **kw))

    if m.note:
        add(WARNING if m.how == "number" else ERROR, "wrong-number", m.note, score=m.score)
    if m.text is None:
        if action.startswith(("MOD", "(MOD)", "SUP", "NOC")) and prop.target.kind:
            add(ERROR, "not-found", f"{prop.target.label()} is not in the base collection")
        return res
    text = m.text
    if text.lang and pkg.language and text.lang != pkg.language:
        add(INFO, "language", f"the collection's {text.label} is in '{text.lang}', the package in "
                              f"'{pkg.language}': the texts were not compared")
        ours = _base_lines(pkg, prop)
        pairs = _fill_gaps(align([t for _, t in ours], text.paragraphs, language_free, 70), len(ours),
                           len(text.paragraphs))
        res.aligned = [(ours[i][0], j) for i, j in pairs]
        res.cross_language = True
        return res
    if not action.startswith(("MOD", "(MOD)")):
        ours = _base_lines(pkg, prop)
        res.aligned = [(ours[i][0], j) for i, j, _ in align([t for _, t in ours], text.paragraphs)]
        return res
    if pkg.source == "flattened":
        add(WARNING, "flattened", "revision marks were lost in extraction: base and proposed text cannot be told "
                                  "apart, so the base was not compared")
        return res
    ours = _base_lines(pkg, prop)
    if ours:
        heading_pi, heading = ours[0]
        if lang.parse_heading(heading) and _edition(heading) and text.edition and _edition(heading) != text.edition:
            add(ERROR, "wrong-edition", f"drafted on another edition: the base heading says "
                                        f"({_edition(heading)}), the text in force is ({text.edition})",
                paragraph=heading_pi, ours=heading, in_force=text.heading, place="heading")
    pairs = align([t for _, t in ours], text.paragraphs)
    res.aligned = [(ours[i][0], j) for i, j, _ in pairs]
    matched_ours = {i for i, _, _ in pairs}
    matched_theirs = {j for _, j, _ in pairs}
    for i, j, score in pairs:
        pi, mine = ours[i]
        heading_reported = j == 0 and any(f.kind in ("wrong-edition", "wrong-number") for f in res.findings)
        if normalize(mine) != normalize(text.paragraphs[j]) and not heading_reported:
            add(ERROR, "untracked-change", f"differs from the text in force without revision marks: "
                                           f"{_word_diff(mine, text.paragraphs[j])}",
                paragraph=pi, ours=mine, in_force=text.paragraphs[j], place=f"paragraph {j + 1} of {text.label}",
                score=score)
    for i, (pi, mine) in enumerate(ours):
        if i not in matched_ours:
            add(ERROR, "unmatched-paragraph", "this paragraph of the base is not in the text in force",
                paragraph=pi, ours=mine)
    skipped = [j for j in range(len(text.paragraphs)) if j not in matched_theirs]
    if skipped and matched_theirs:
        add(INFO, "elided", f"{len(skipped)} paragraph(s) of {text.label} not reproduced (unchanged, elided)",
            place=", ".join(str(j + 1) for j in skipped[:12]) + ("…" if len(skipped) > 12 else ""))
    return res


@dataclass
class CheckReport:
    packages: list[dict[str, Any]]
    collisions: list[Finding]

    @property
    def findings(self) -> list[Finding]:
        out = [f for p in self.packages for c in p["proposals"] for f in c.findings]
        return out + self.collisions

    @property
    def has_problems(self) -> bool:
        return any(f.severity in (ERROR, WARNING) for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        return {"packages": [{"path": p["path"], "proposals": [
            {k: v for k, v in asdict(c).items() if k not in ("aligned", "base", "cross_language")}
            for c in p["proposals"]]}
            for p in self.packages], "collisions": [asdict(f) for f in self.collisions]}


def check_packages(coll: Collection, pkgs: list[Package]) -> CheckReport:
    packages = []
    touched: dict[tuple[str, str], list[tuple[Package, Proposal, ProposalCheck]]] = {}
    for pkg in pkgs:
        checks = []
        for prop in pkg.proposals:
            if not prop.action:
                continue
            chk = check_proposal(coll, pkg, prop)
            checks.append(chk)
            if chk.text:
                touched.setdefault((chk.text, pkg.language), []).append((pkg, prop, chk))
        packages.append({"path": pkg.path, "proposals": checks})
    collisions: list[Finding] = []
    for (label, _), items in touched.items():
        paths = {p.path for p, _, _ in items}
        if len(paths) < 2:
            continue
        names = ", ".join(f"{prop.action} {prop.id}" for _, prop, _ in items)
        collisions.append(Finding(WARNING, "collision", "", items[0][1].id, f"{label} is the subject of {names}"))
        text = next(t for t in coll.texts if t.label == label)
        pieces = [pc for pkg, prop, chk in items if not chk.cross_language
                  for pc in place(pkg, prop, dict(chk.aligned), text.paragraphs, pkg.path)[0]]
        for a, b, same in meetings(pieces):
            ida, idb, ja = a.edit.id, b.edit.id, a.para
            if same:
                collisions.append(Finding(INFO, "same-change", "", ida, f"{ida} and {idb} make the same change "
                                          f"to paragraph {ja + 1} of {label}", place=f"paragraph {ja + 1}"))
            else:
                collisions.append(Finding(ERROR, "overlap", "", ida, f"{ida} and {idb} change the same words "
                                          f"of paragraph {ja + 1} of {label} differently",
                                          in_force=text.paragraphs[ja], place=f"paragraph {ja + 1}"))
    return CheckReport(packages, collisions)
