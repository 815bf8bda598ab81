"""The base column: the text in force from a collection, or the package's own base — and which it is.

With a collection, the column headed "in force: Resolution 130 (Rev. Dubai, 2018)" shows the text in
force itself, paragraph by paragraph beside the proposal. Each paragraph is compared word by word with
the package's base (the proposal with every revision rejected): where they agree, the text in force
is drawn with the package's tracked deletions on it (so the current edit is seen on both sides);
where the package's base differs without revision marks, the words in force are marked and the
package's words follow an arrow — ``global→worldwide``, in braces without colour:
``{global→worldwide}``. List labels are numbering, not wording: the label in force is shown, never
marked. Without a collection (or without a match) the column is the package's base and says so.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..check import INFO, ProposalCheck
from ..labels import split_label
from ..model import Package, Proposal
from ..normalize import normalize
from .rows import Cell
from .sanitize import clean

PACKAGE_BASE_LABEL = "base (from the package)"
#: cells that are not words of the text: footnote references, decision glyphs, paragraph marks, ⌫
_EXTRA_KEYS = ("note", "glyph")


@dataclass(frozen=True)
class BaseSide:
    """What the base column shows, and under which heading."""

    #: the column's heading: "base (from the package)" or "in force: Resolution 130 (Rev. Dubai, 2018)"
    label: str = PACKAGE_BASE_LABEL
    #: a line under the headings: why there is no base (ADD), why it is not shown (SUP, flattened)
    note: str = ""
    #: the paragraphs of the text in force, when the collection holds the proposal's text
    in_force: tuple[str, ...] | None = None
    #: package paragraph -> paragraph of the text in force it stands for
    aligned: Mapping[int, int] = field(default_factory=dict)
    #: package paragraph -> the short name of the finding on it, shown beside the package's base
    marks: Mapping[int, str] = field(default_factory=dict)
    #: the text in force is in another language: shown beside the proposal, not compared
    cross_language: bool = False
    #: the check's findings, one line each, for a header ("error untracked-change in d): …")
    findings: tuple[str, ...] = ()
    #: the heading in fewer columns ("in force: Res. 130 (Rev. Dubai, 2018)"), for a narrow column
    short_label: str = ""
    #: beside paragraphs in force the proposal does not reproduce: unchanged and elided (a MOD), or
    #: going with the whole text (a SUP)
    elided_label: str = "\u22ef not reproduced"
    #: a draft new text has no base at all: the column stays empty under its heading (the package's
    #: "base" of an untracked ADD is the draft itself, which is not a text in force)
    empty: bool = False


def base_note(source: str, action: str, collection: bool = False) -> str:
    """Why the base side shows what it shows (ADD, SUP, a flattened extraction); "" when it needs no word."""
    if action.startswith("ADD"):
        return "ADD: new text, no base text in force"
    if action.startswith("SUP"):
        return ("SUP: the text to suppress is not reproduced, and the base collection does not hold it" if collection
                else "SUP: the text to suppress is not reproduced; give --base to see it")
    if source == "flattened" and "MOD" in action:
        return "flattened extraction: revision marks were lost, so base and proposed cannot be told apart"
    return ""


def finding_lines(chk: ProposalCheck) -> tuple[str, ...]:
    """The findings worth a line beside the text: problems, and how list labels differ."""
    out = []
    for f in chk.findings:
        if f.severity == INFO and f.kind != "labels":
            continue
        where = ""
        if f.name and f.kind != "labels":
            where = f" in {f.name}" if split_label(f.name + " x")[0] else f' in "{f.name}"'
        out.append(f"{f.severity} {f.kind}{where}: {f.diff or f.message}")
    return tuple(out)


NO_BASE_LABEL = "in force: nothing (a draft new text)"
SUPPRESSED_LABEL = "\u22ef suppressed with the whole text"


def _draft(prop: Proposal) -> bool:
    """An ADD of a draft new text (not an ADD of a provision to a text in force)."""
    return prop.action.startswith("ADD") and prop.target.kind in ("draft", "")


def base_side(pkg: Package, prop: Proposal, chk: ProposalCheck | None) -> BaseSide:
    """The base column for a proposal, from its check against a collection (None: no collection)."""
    note = base_note(pkg.source, prop.action, collection=chk is not None)
    if _draft(prop) and (chk is None or chk.base is None):
        return BaseSide(NO_BASE_LABEL, note, empty=True, findings=finding_lines(chk) if chk else (),
                        short_label="in force: none")
    if chk is None:
        return BaseSide(PACKAGE_BASE_LABEL, note)
    findings = finding_lines(chk)
    text = chk.base
    if text is None or (pkg.source == "flattened" and "MOD" in prop.action and not chk.cross_language):
        # a flattened MOD was not compared (base and proposed are one text): nothing to align
        return BaseSide(PACKAGE_BASE_LABEL, note, marks=chk.paragraph_marks(), findings=findings)
    head = f"in force ({text.lang}): " if chk.cross_language else "in force: "
    short = text.full_label.replace(text.label, f"{_SHORT_KIND.get(text.kind, text.kind.capitalize())} {text.number}", 1)
    elided = SUPPRESSED_LABEL if prop.action.startswith("SUP") else BaseSide.elided_label
    return BaseSide(head + text.full_label, "", tuple(text.paragraphs), dict(chk.aligned), chk.paragraph_marks(),
                    chk.cross_language, findings, head + short, elided)


_SHORT_KIND = {"resolution": "Res.", "decision": "Dec.", "recommendation": "Rec."}


def package_base_side(side: BaseSide, pkg: Package, prop: Proposal) -> BaseSide:
    """The same proposal with the package's own base in the column (the ``package-base`` view)."""
    if side.empty:
        return side
    return BaseSide(PACKAGE_BASE_LABEL, base_note(pkg.source, prop.action), marks=side.marks, findings=side.findings)


_WORD = re.compile(r"\S+")


def _is_extra(cell: Cell) -> bool:
    key = cell[1]
    return key.startswith(_EXTRA_KEYS) or cell[0] in ("\u00b6", "\u232b") and bool(key)


def force_cells(base: Sequence[Cell], paragraph: str, rtl: bool = False) -> list[Cell]:
    """The paragraph in force as cells, compared with the package's base (``base``: its cells).

    Words both have take the package's styles (its tracked deletions, the current edit); words only
    the text in force has are keyed ``untracked``, the package's own words ``untracked_ours`` after an
    arrow (← in a right-to-left paragraph, so that it still points from the text in force to ours).
    """
    text = clean(paragraph)
    # the package's words: runs of text cells; extras (notes, glyphs, ¶) keep their places in them
    text_idx = [k for k, c in enumerate(base) if not _is_extra(c)]
    btext = "".join(base[k][0] for k in text_idx)
    my_label, my_rest = split_label(btext)
    their_label, their_rest = split_label(text)
    # the label in force is drawn as it is; the package's own label (or its lack) is numbering, not wording
    skip = len(btext) - len(my_rest) if my_label and their_label else 0
    if skip and any(base[k][2] >= 0 for k in text_idx[:skip]):
        skip, their_label = 0, ""  # a tracked change to the label: compare it as words
    offset = len(text) - len(their_rest) if their_label else 0
    words: list[list[int]] = []
    # extras by where they stand: (word, character) they come before; (word, its length) is after it
    extras: dict[tuple[int, int], list[Cell]] = {}
    gaps: dict[int, Cell] = {}  # the package's first white space cell after word w
    skipped = set(text_idx[:skip])
    in_word = False
    glyphs: list[Cell] = []  # a decision's glyph goes with the first character of its edit
    for k, c in enumerate(base):
        if k in skipped:
            continue
        if _is_extra(c):
            if c[1].startswith("glyph"):
                glyphs.append(c)
            else:  # a note reference, a paragraph mark, ⌫: after the character before it
                at = (len(words) - 1, len(words[-1])) if words else (-1, 0)
                extras.setdefault(at, []).append(c)
            continue
        if c[0].isspace():
            if in_word:
                gaps.setdefault(len(words) - 1, c)
            in_word = False
            continue
        if not in_word:
            words.append([])
            in_word = True
        if glyphs:
            extras.setdefault((len(words) - 1, len(words[-1])), []).extend(glyphs)
            glyphs = []
        words[-1].append(k)
    if glyphs:
        extras.setdefault((len(words) - 1, len(words[-1])) if words else (-1, 0), []).extend(glyphs)

    def word_cells(chars: str, bj: int, key: str = "") -> list[Cell]:
        """``chars`` drawn for the package's word ``bj``: its styles (or ``key``) and its extras in place."""
        cells = [base[k] for k in words[bj]]
        same = len(cells) == len(chars)
        out: list[Cell] = []
        for o, ch in enumerate(chars):
            out.extend(extras.get((bj, o), []) if same or o == 0 else [])
            c = cells[o] if same else cells[0]
            out.append((ch, key or c[1], c[2]))
        if not same:
            out.extend(x for o in range(1, len(cells)) for x in extras.get((bj, o), []))
        out.extend(extras.get((bj, len(cells)), []))
        return out

    their = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, offset)]

    def gap_after(ti: int) -> str:
        return text[their[ti][2]:their[ti + 1][1]] if ti + 1 < len(their) else ""

    out: list[Cell] = list(extras.get((-1, 0), []))
    out.extend((ch, "", -1) for ch in text[:offset])
    arrow = "\u2190" if rtl else "\u2192"
    ops = difflib.SequenceMatcher(None, [normalize(w) for w, _, _ in their],
                                  [normalize("".join(base[k][0] for k in w)) for w in words],
                                  autojunk=False).get_opcodes()
    pending: list[Cell] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            for d in range(i2 - i1):
                ti, bj = i1 + d, j1 + d
                out.extend(pending)
                out.extend(word_cells(their[ti][0], bj))
                g = gaps.get(bj) if d < i2 - i1 - 1 else None
                pending = [(ch, g[1], g[2]) if g else (ch, "", -1) for ch in gap_after(ti)]
            continue
        out.extend(pending)
        pending = []
        if tag == "insert" and out and not out[-1][0].isspace():
            out.append((" ", "", -1))
        for ti in range(i1, i2):
            out.extend((ch, "untracked", -1) for ch in their[ti][0])
            if ti < i2 - 1:
                out.extend((ch, "untracked", -1) for ch in gap_after(ti))
        out.append((arrow, "untracked_ours", -1))
        for bj in range(j1, j2):
            out.extend(word_cells("".join(base[k][0] for k in words[bj]), bj, "untracked_ours"))
            if bj < j2 - 1:
                out.append((" ", "untracked_ours", -1))
        if i2 > i1:
            pending = [(ch, "", -1) for ch in gap_after(i2 - 1)]
        elif i1 < len(their):
            pending = [(" ", "", -1)]
    return out
