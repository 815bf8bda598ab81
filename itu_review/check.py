"""Verification against the texts in force: is each proposal's base really the text in force?

For a MOD, the base view (every revision rejected) is aligned paragraph by paragraph with the text
in force; a paragraph that differs is an untracked change, a heading naming another edition is a
wrong base, paragraphs of the text that the proposal does not reproduce are elided (noted, not an
error). A SUP must name a text that exists; an ADD is compared with what is already in force.
Across packages, proposals on the same text and edits on the same words are collisions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from .basetexts import BaseText, Collection, Match, match_proposal
from .collisions import BREAK, Piece, clusters, place
from .ingest import lang
from .labels import canonical_label, language_free, split_label
from .model import Package, Proposal
from .normalize import normalize
from .output import plural
from .views import reject_all, resolve

ERROR, WARNING, INFO = "error", "warning", "info"
SAME_PARAGRAPH = 60.0  # rapidfuzz ratio above which two paragraphs are the same paragraph, changed


#: What each kind of finding means and how grave it is: an error says the base is not the text in force,
#: a warning asks for an editorial look, an info only informs.
KINDS = {
    "untracked-change": "words of the base differ from the text in force without revision marks",
    "editorial": "the base differs from the text in force in punctuation or spacing only",
    "unmatched-paragraph": "paragraphs of the base are not in the text in force",
    "wrong-edition": "the base heading names another edition than the one in force",
    "wrong-number": "the proposal names one text and matches another",
    "not-found": "the collection has no such text",
    "labels": "list labels differ (typed in one, numbered by Word or renumbered in the other)",
    "elided": "paragraphs in force the proposal does not reproduce",
}


@dataclass
class Finding:
    severity: str
    kind: str  # see KINDS; also flattened, duplicate, language, collision, same-change, overlap
    package: str
    proposal: str
    message: str
    paragraph: int = -1  # index into Package.paragraphs, where there is one
    ours: str = ""
    in_force: str = ""
    place: str = ""
    score: float = 0.0
    #: every package paragraph the finding concerns (``paragraph`` is the first)
    paragraphs: list[int] = field(default_factory=list)
    #: the paragraph named as a reader finds it: its list label, else its first words
    name: str = ""
    #: for a difference of wording: the words that differ, with a few around ("… a [-global-] [+worldwide+] …")
    diff: str = ""
    #: where packages meet: each edit or proposal concerned with its package ("id", "package", and for a
    #: collision "change", the number of the change it makes)
    sources: list[dict[str, str]] = field(default_factory=list)


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
        """Package paragraph -> the short name of the finding on it ("untracked change")."""
        out: dict[int, str] = {}
        for f in self.findings:
            for pi in f.paragraphs or ([f.paragraph] if f.paragraph >= 0 else []):
                out.setdefault(pi, f.kind.replace("-", " "))
        return out

    def findings_for_edit(self, para: int) -> list[Finding]:
        """The findings an edit in package paragraph ``para`` concerns: those on its paragraph, and
        those that put the proposal's whole base in doubt (another edition, another text)."""
        return [f for f in self.findings
                if para in (f.paragraphs or [f.paragraph]) or (f.kind in WHOLE_BASE and f.severity != INFO)]


#: findings about the whole base, not one paragraph of it
WHOLE_BASE = frozenset({"wrong-edition", "wrong-number", "not-found", "flattened"})


def paragraph_name(ours: str, in_force: str = "", words: int = 4) -> str:
    """A paragraph as a reader finds it: its list label (the text in force's, if ours has none), else
    its first words."""
    for text in (ours, in_force):
        label, _ = split_label(text) if text else ("", "")
        if label:
            return label
    parts = (ours or in_force).split()
    return " ".join(parts[:words]) + ("\u2026" if len(parts) > words else "")


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


def align(ours: list[str], theirs: list[str], key: Callable[[str], str] = normalize,
          cutoff: float = SAME_PARAGRAPH) -> list[tuple[int, int, float]]:
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


def word_diff(ours: str, theirs: str, context: int = 3) -> str:
    """What differs, word by word, with a few words around: '… of a [-global-] [+worldwide+] culture of …'.

    ``[-…-]`` is in the text in force and not in ours, ``[+…+]`` in ours and not in force."""
    import difflib

    a, b = theirs.split(), ours.split()
    ops = difflib.SequenceMatcher(None, [normalize(w) for w in a], [normalize(w) for w in b],
                                  autojunk=False).get_opcodes()
    parts: list[str] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            words = a[i1:i2]
            head = words[:context] if k > 0 else []
            tail = words[-context:] if k < len(ops) - 1 else []
            if len(words) <= len(head) + len(tail) + 2:
                parts.extend(words)
            else:
                parts.extend([*head, "\u2026", *tail])
            continue
        if a[i1:i2]:
            parts.append("[-" + " ".join(a[i1:i2]) + "-]")
        if b[j1:j2]:
            parts.append("[+" + " ".join(b[j1:j2]) + "+]")
    return " ".join(p for k, p in enumerate(parts) if p != "\u2026" or k == 0 or parts[k - 1] != "\u2026")


def _letters(text: str) -> str:
    """Letters and digits alone: two texts alike here differ in punctuation or spacing only."""
    return re.sub(r"[\W_]+", "", normalize(text))


class _Add(Protocol):
    """How check_proposal's helpers report a finding: severity, kind, message, Finding's other fields."""

    def __call__(self, severity: str, kind: str, message: str, **kw: Any) -> None: ...


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
        if "paragraphs" not in kw and kw.get("paragraph", -1) >= 0:
            kw["paragraphs"] = [kw["paragraph"]]
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
        filled = _fill_gaps(align([t for _, t in ours], text.paragraphs, language_free, 70), len(ours),
                            len(text.paragraphs))
        res.aligned = [(ours[i][0], j) for i, j in filled]
        res.cross_language = True
        return res
    if not action.startswith(("MOD", "(MOD)")):
        ours = _base_lines(pkg, prop)
        res.aligned = [(ours[i][0], j) for i, j, _ in align([t for _, t in ours], text.paragraphs, _unlabelled)]
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
                paragraph=heading_pi, ours=heading, in_force=text.heading, place="heading", name="heading")
    pairs = align([t for _, t in ours], text.paragraphs, _unlabelled)
    res.aligned = [(ours[i][0], j) for i, j, _ in pairs]
    _compare_pairs(res, ours, text, pairs, add)
    matched_ours = {i for i, _, _ in pairs}
    matched_theirs = {j for _, j, _ in pairs}
    _unmatched_runs(ours, matched_ours, add)
    skipped = [j for j in range(len(text.paragraphs)) if j not in matched_theirs]
    if skipped and matched_theirs:
        add(INFO, "elided", f"{plural(len(skipped), 'paragraph')} of {text.label} not reproduced (unchanged, elided)",
            place=", ".join(str(j + 1) for j in skipped[:12]) + ("…" if len(skipped) > 12 else ""))
    return res


def _unlabelled(text: str) -> str:
    """The key paragraphs are aligned by: normalised, without the list label."""
    return normalize(split_label(text)[1])


def _compare_pairs(res: ProposalCheck, ours: list[tuple[int, str]], text: BaseText,
                   pairs: list[tuple[int, int, float]], add: _Add) -> None:
    """Each paragraph of the base against its paragraph in force: wording (error), punctuation or
    spacing alone (warning); a list label typed in one and not the other, or another number, is one
    info for the whole proposal — a text in force types "b)" where Word numbers the item itself."""
    heading_reported = any(f.kind in ("wrong-edition", "wrong-number") for f in res.findings)
    missing: list[str] = []  # labels of the text in force that ours lacks
    renumbered: list[str] = []  # "e) for d)"
    for i, j, score in pairs:
        pi, mine = ours[i]
        theirs = text.paragraphs[j]
        if j == 0 and heading_reported:
            continue
        my_label, my_rest = split_label(mine)
        their_label, their_rest = split_label(theirs)
        if my_label != their_label and canonical_label(my_label) != canonical_label(their_label):
            if not my_label:
                missing.append(their_label)
            elif their_label:
                renumbered.append(f"{my_label} for {their_label}")
            else:  # a label-like start of ours the text in force does not have: wording after all
                my_rest = mine
        if normalize(my_rest) == normalize(their_rest):
            continue
        name = paragraph_name(mine, theirs)
        place = f"paragraph {j + 1} of {text.label}"
        diff = word_diff(my_rest, their_rest)
        if _letters(my_rest) == _letters(their_rest):
            add(WARNING, "editorial", f"punctuation or spacing differs from the text in force: {diff}",
                paragraph=pi, ours=mine, in_force=theirs, place=place, score=score, name=name, diff=diff)
        else:
            add(ERROR, "untracked-change", f"differs from the text in force without revision marks: {diff}",
                paragraph=pi, ours=mine, in_force=theirs, place=place, score=score, name=name, diff=diff)
    if missing or renumbered:
        parts = []
        if missing:
            shown = ", ".join(missing) if len(missing) <= 3 else f"{missing[0]} \u2026 {missing[-1]}"
            parts.append(f"{plural(len(missing), 'paragraph')} {'lacks' if len(missing) == 1 else 'lack'} the typed "
                         f"labels of the text in force ({shown})")
        if renumbered:
            shown = ", ".join(renumbered[:3]) + (" \u2026" if len(renumbered) > 3 else "")
            parts.append(f"{plural(len(renumbered), 'paragraph')} {'is' if len(renumbered) == 1 else 'are'} labelled "
                         f"differently ({shown})")
        add(INFO, "labels", "; ".join(parts) + ": numbering, not wording, so not reported as changes",
            name="list labels")


def _unmatched_runs(ours: list[tuple[int, str]], matched: set[int], add: _Add) -> None:
    """Paragraphs of the base that are not in force, one finding for each run of them (a table's cells)."""
    run: list[tuple[int, str]] = []
    for i, item in enumerate([*ours, (-1, "")]):
        if i < len(ours) and i not in matched:
            run.append(item)
            continue
        if not run:
            continue
        texts = [t for _, t in run]
        shown = " / ".join(texts) if len(run) > 1 else texts[0]
        what = ("this paragraph of the base is" if len(run) == 1 else f"these {len(run)} paragraphs of the base are")
        add(ERROR, "unmatched-paragraph", f"{what} not in the text in force",
            paragraph=run[0][0], ours=shown, paragraphs=[pi for pi, _ in run], name=paragraph_name(texts[0]))
        run = []


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
    return CheckReport(packages, across_packages(coll, pkgs, touched))


def across_packages(coll: Collection, pkgs: list[Package],
                    touched: dict[tuple[str, str], list[tuple[Package, Proposal, ProposalCheck]]]) -> list[Finding]:
    """Where packages meet: a proposal id in several files; a text several packages act on; and on it,
    each place where their edits meet — once, with every source: an identical change (info) or a
    collision (error, listing each different change with its sources). Every edit is named with its
    file, since a reissue beside its original has the same ids."""
    from .collisions import duplicate_ids, same_id_messages

    name = _file_names(pkgs)
    out: list[Finding] = []
    duplicates = duplicate_ids(pkgs)
    for line, ids in same_id_messages(duplicates, name.__getitem__):
        out.append(Finding(INFO, "same-id", duplicates[ids[0]][0], ids[0], line,
                           sources=[{"id": pid, "package": f} for pid in ids for f in duplicates[pid]]))
    for (label, _), items in touched.items():
        if len({p.path for p, _, _ in items} ) < 2:
            continue
        by_prop: dict[tuple[str, str], list[str]] = {}
        for pkg, prop, _ in items:
            by_prop.setdefault((prop.action, prop.id), []).append(pkg.path)
        names = ", ".join(f"{action} {pid} ({', '.join(name[f] for f in files)})"
                          for (action, pid), files in by_prop.items())
        out.append(Finding(WARNING, "collision", items[0][0].path, items[0][1].id, f"{label} is the subject of {names}",
                           sources=[{"id": pid, "package": f} for (_, pid), files in by_prop.items() for f in files]))
        text = next(t for t in coll.texts if t.label == label)
        pieces = [pc for pkg, prop, chk in items if not chk.cross_language
                  for pc in place(pkg, prop, dict(chk.aligned), text.paragraphs, pkg.path)[0]]
        for cluster in clusters(pieces):
            if len({pc.owner for group in cluster for pc in group}) < 2:
                continue
            para = cluster[0][0].para
            where = f"paragraph {para + 1} of {label}"
            sources = [{"id": pc.edit.id, "package": pc.owner, "change": str(k)}
                       for k, group in enumerate(cluster) for pc in group]
            first = cluster[0][0]
            if len(cluster) == 1:
                if len({pc.edit.proposal for pc in cluster[0]}) < 2:
                    continue  # one proposal's versions in two files, alike: nothing to report
                out.append(Finding(INFO, "same-change", first.owner, first.edit.proposal,
                                   f"the same change to {where}, {_change(cluster[0])}, by "
                                   f"{_by(cluster[0], name)}", place=f"paragraph {para + 1}", sources=sources))
            else:
                changes = "; ".join(f"{_change(group)} by {_by(group, name)}" for group in cluster)
                out.append(Finding(ERROR, "overlap", first.owner, first.edit.proposal,
                                   f"{len(cluster)} different changes to the same words of {where}: {changes}",
                                   in_force=text.paragraphs[para], place=f"paragraph {para + 1}", sources=sources))
    return out


def _file_names(pkgs: list[Package]) -> dict[str, str]:
    """Each package's path as findings name it: its file name, or the whole path where two share one."""
    from collections import Counter

    base = {p.path: p.path.replace("\\", "/").rsplit("/", 1)[-1] for p in pkgs}
    twice = {n for n, k in Counter(base.values()).items() if k > 1}
    return {path: path if n in twice else n for path, n in base.items()}


def _change(group: list[Piece]) -> str:
    """A change as words: “users” → “all users”."""
    pc = group[0]

    def quote(t: str) -> str:
        t = " ".join(t.replace(BREAK, " \u00b6 ").split())
        if len(t) > 60:
            t = t[:59] + "\u2026"
        return f"\u201c{t}\u201d" if t else "\u2014"

    return f"{quote(pc.deleted)} \u2192 {quote(pc.inserted)}"


def _by(group: list[Piece], name: dict[str, str]) -> str:
    """The sources of one change: each edit id once, with the files it is in."""
    files: dict[str, list[str]] = {}
    for pc in group:
        files.setdefault(pc.edit.id, []).append(name.get(pc.owner, pc.owner))
    return ", ".join(f"{eid} ({', '.join(dict.fromkeys(fs))})" for eid, fs in files.items())
