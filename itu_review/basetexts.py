"""Base collections: the texts in force, indexed by kind and number, and matching proposals to them.

A collection is read from Akoma Ntoso 3.0 XML (a ``documentCollection`` of ``statement``s, as the
PP-18 Final Acts), from a .docx or a text file whose headings follow the ITU conventions in any of
the six languages, or from a directory of such files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError
from .ingest import lang
from .model import Package, Proposal
from .normalize import normalize

if TYPE_CHECKING:
    from lxml import etree

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
SUFFIXES = {".xml", ".akn", ".docx", ".txt", ".text", ".md"}
_EDITION = re.compile(r"\(([^()]*\d{4}[^()]*)\)\s*$")


@dataclass
class BaseText:
    """One text in force: a resolution, decision, recommendation …"""

    kind: str
    number: str
    heading: str
    title: str
    paragraphs: list[str]
    lang: str
    source: str

    @property
    def edition(self) -> str:
        """The edition the heading names, normalised: "rev. dubai, 2018"."""
        m = _EDITION.search(self.heading)
        return normalize(m.group(1)) if m else ""

    @property
    def label(self) -> str:
        return f"{self.kind.capitalize()} {self.number}"

    @property
    def full_label(self) -> str:
        """The label with the edition as a reader writes it: "Resolution 130 (Rev. Dubai, 2018)"."""
        m = _EDITION.search(self.heading)
        return f"{self.label} ({edition_case(m.group(1).strip())})" if m else self.label


#: kept in capitals when an edition is written in small letters (WRC-15, not Wrc-15)
_ACRONYMS = frozenset({"WRC", "WTSA", "WTDC", "PP", "RA", "WCIT", "ITU", "CMR", "AMNT", "CMDT", "CMR", "AMR"})


def edition_case(edition: str) -> str:
    """"REV. DUBAI, 2018" → "Rev. Dubai, 2018"; "REV.WRC-15" → "Rev.WRC-15"; mixed case is kept."""
    if not any(ch.isupper() for ch in edition) or any(ch.islower() for ch in edition):
        return edition
    return "".join(w.capitalize() if w.isalpha() and len(w) > 1 and w not in _ACRONYMS else w
                   for w in re.split(r"(\W+)", edition))


@dataclass
class Collection:
    texts: list[BaseText] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    _index: dict[tuple[str, str], list[BaseText]] = field(default_factory=dict)
    _norm_titles: list[str] = field(default_factory=list)

    def add(self, text: BaseText) -> None:
        self.texts.append(text)
        self._index.setdefault((text.kind, text.number.upper()), []).append(text)
        self._norm_titles.append(normalize(text.title))

    def get(self, kind: str, number: str, language: str = "") -> BaseText | None:
        found = self._index.get((kind, number.upper()), [])
        if language:
            same = [t for t in found if t.lang == language]
            if same:
                return same[0]
        return found[0] if found else None

    def similar(self, title: str, body: str = "", limit: int = 3, exclude: BaseText | None = None,
                language: str = "") -> list[tuple[BaseText, float]]:
        """Texts whose title (and opening) look like these, best first, with scores 0–100."""
        from rapidfuzz import fuzz, process

        if not self.texts:
            return []
        query = normalize(title)
        scored: dict[int, float] = {}
        for _, score, k in process.extract(query, self._norm_titles, scorer=fuzz.token_set_ratio,
                                           limit=limit * 3):
            scored[k] = float(score)
        if body:
            head = normalize(body)[:300]
            for k in list(scored):
                opening = normalize(" ".join(self.texts[k].paragraphs[:6]))[:300]
                scored[k] = 0.7 * scored[k] + 0.3 * fuzz.ratio(head, opening)
        ranked = sorted(scored.items(), key=lambda kv: -kv[1])
        out = [(self.texts[k], s) for k, s in ranked
               if self.texts[k] is not exclude and (not language or self.texts[k].lang == language)]
        return out[:limit]


def _akn_text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _read_akn(path: Path, data: bytes, coll: Collection) -> None:
    from .ingest.docx import parse_xml

    root = parse_xml(data, path, "Akoma Ntoso XML")
    found = 0
    for statement in root.iter(AKN + "statement", AKN + "act", AKN + "doc"):
        lang_code = (statement.get("{http://www.w3.org/XML/1998/namespace}lang") or "en")[:2]
        number_el = statement.find(f".//{AKN}FRBRWork/{AKN}FRBRnumber")
        heading = number_el.get("showAs", "") if number_el is not None else ""
        parsed = lang.parse_heading(heading)
        if parsed is None:
            continue
        title_el = statement.find(f".//{AKN}preface/{AKN}container[@name='title']")
        title = _akn_text(title_el) if title_el is not None else ""
        paragraphs = [heading, title] if title else [heading]
        for part in (statement.find(AKN + "preamble"), statement.find(AKN + "mainBody")):
            if part is None:
                continue
            for el in part.iter(AKN + "p", AKN + "heading"):
                if el.tag == AKN + "heading" or el.getparent().tag == AKN + "intro":
                    text = _akn_text(el)
                else:
                    text = _akn_text(el)
                    holder = el.getparent()
                    if holder is not None and holder.tag == AKN + "content":
                        holder = holder.getparent()
                    num = holder.find(AKN + "num") if holder is not None else None
                    if num is not None and num.text and not text.startswith(num.text.strip()):
                        text = f"{num.text.strip()} {text}"
                if text and (el.tag != AKN + "p" or el.getparent().tag != AKN + "heading"):
                    paragraphs.append(text)
        coll.add(BaseText(parsed[0], parsed[1], heading, title, paragraphs, lang_code, str(path)))
        found += 1
    if not found:
        raise InputError(path, "no resolution, decision or recommendation found in this Akoma Ntoso file")


def _read_lines(path: Path, lines: list[str], coll: Collection, language: str) -> None:
    current: BaseText | None = None
    at = -1  # current's place in the collection (``texts.index`` compared whole texts: quadratic)
    found = 0
    for raw in lines:
        text = raw.strip()
        if not text:
            continue
        parsed = lang.parse_heading(text)
        if parsed is not None and parsed[0] != "draft":
            current = BaseText(parsed[0], parsed[1], text, "", [text], language, str(path))
            at = len(coll.texts)
            coll.add(current)
            found += 1
            continue
        if current is None:
            continue
        if not current.title:
            current.title = text
            coll._norm_titles[at] = normalize(text)
        current.paragraphs.append(text)
    if not found:
        raise InputError(path, "no heading such as 'RESOLUTION 71 (REV. DUBAI, 2018)' found: not a base collection")


def load_collection(paths: list[str]) -> Collection:
    coll = Collection()
    for given in paths:
        p = Path(given)
        if not p.exists():
            raise InputError(p, "no such base collection")
        files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES) if p.is_dir() else [p]
        if p.is_dir() and not files:
            raise InputError(p, "no .xml, .docx or .txt base texts in this directory")
        for f in files:
            _read_file(f, coll)
            coll.sources.append(str(f))
    return coll


def _read_file(path: Path, coll: Collection) -> None:
    suffix = path.suffix.lower()
    if suffix in (".xml", ".akn"):
        _read_akn(path, path.read_bytes(), coll)
        return
    if suffix == ".docx":
        from .ingest.docx import read_docx
        from .views import accept_all, plain_text, resolve

        content = read_docx(path)
        lines = [plain_text(ln) for ln in resolve(content.paragraphs, accept_all)]
    else:
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except UnicodeDecodeError:
            raise InputError(path, "not UTF-8 text") from None
    language = lang.detect_language("\n".join(lines[:400]))
    _read_lines(path, lines, coll, language)


@dataclass
class Match:
    """How a proposal was matched to a text in force, and how sure that is."""

    text: BaseText | None
    how: str  # "number" | "title" | "none"
    score: float
    note: str = ""


def match_proposal(coll: Collection, pkg: Package, prop: Proposal) -> Match:
    """By target kind and number, checked against the title; by fuzzy title and body otherwise."""
    body = " ".join(pkg.paragraphs[pi].text_of("base") for pi in prop.paras[:8])
    lang_code = pkg.language
    by_number = coll.get(prop.target.kind, prop.target.number, lang_code) if prop.target.number else None
    same_language = [t for t in coll.texts if t.lang == lang_code]
    if by_number is not None:
        if not prop.title or by_number.lang != lang_code:
            return Match(by_number, "number", 100.0)
        from rapidfuzz import fuzz

        agree = fuzz.token_set_ratio(normalize(prop.title), normalize(by_number.title))
        if agree >= 70:
            return Match(by_number, "number", float(agree))
        best = coll.similar(prop.title, body, 1, language=lang_code)
        if best and best[0][1] >= 85 and best[0][0] is not by_number:
            other = best[0][0]
            return Match(other, "title", best[0][1],
                         f"the number says {by_number.label}, but the title and text match {other.label} "
                         f"({best[0][1]:.0f}%)")
        return Match(by_number, "number", float(agree), f"the title differs from {by_number.label}'s "
                                                          f"({agree:.0f}% alike)")
    if prop.title and same_language:
        best = coll.similar(prop.title, body, 1, language=lang_code)
        if best and best[0][1] >= 80:
            note = (f"{prop.target.label() or 'the heading'} is not in the collection; matched "
                    f"{best[0][0].label} by title ({best[0][1]:.0f}%)")
            return Match(best[0][0], "title", best[0][1], note)
    return Match(None, "none", 0.0)
