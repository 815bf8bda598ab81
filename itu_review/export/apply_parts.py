"""Which paragraphs the reader listed live in which part of the package.

The body comes first; headers and footers with revisions follow it in the reader's list (containers
``header:header1``, ``footer:footer2``, mapped to their parts by ``DocxContent.pages``); notes and text
boxes are listed apart. A text box lives in the part of the paragraph that anchors it, often twice:
Word keeps a VML copy (``mc:Fallback``) beside the DrawingML one the reader reads (``mc:Choice``), with
the same paragraphs and its own revision ids. The copy is written the same way: its paragraphs are
listed with the models of the ones read, in a container of their own (so that no paragraph joins across
the two copies), and its revisions take the decisions of their twins, one for one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from lxml import etree

from ..ingest.docx import DocxContent, W
from ..model import Package, Paragraph
from .revisions import P, Listed

TXBX = W + "txbxContent"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


@dataclass
class Part:
    name: str
    root: etree._Element
    listed: list[Listed] = field(default_factory=list)
    #: (copy, original): paragraphs of a text box's VML copy and the paragraphs read in its place
    twins: list[tuple[etree._Element, etree._Element]] = field(default_factory=list)

    def add(self, el: etree._Element, para: Paragraph, container: str = "") -> None:
        self.listed.append(Listed(el, para, len(self.listed), container or para.container))


def listed_parts(pkg: Package, raw: DocxContent) -> dict[str, Part]:
    """The parts the reader read, each with its listed paragraphs in reading order (main part first)."""
    main = raw.parts.main
    parts: dict[str, Part] = {main: Part(main, raw.trees[main])}
    by_root: dict[etree._Element, str] = {raw.trees[main]: main}
    for name, root in raw.trees.items():
        if "/" in name and name not in parts:
            parts[name] = Part(name, root)
            by_root[root] = name
    for el, para in zip(raw.elements, pkg.paragraphs):
        name = raw.pages.get(para.container.split(" ", 1)[0], main)
        parts[name].add(el, para)
    folder = str(PurePosixPath(main).parent)
    for key, elements in raw.note_elements.items():
        note = pkg.notes.get(key)
        name = f"{folder}/{key[0]}s.xml"
        if note is not None and name in parts:
            for el, para in zip(elements, note.paragraphs):
                parts[name].add(el, para)
    for key, elements in raw.box_elements.items():
        note = pkg.notes.get(key)
        if note is None or not elements:
            continue
        part = parts.get(by_root.get(elements[0].getroottree().getroot(), ""))
        if part is None:
            continue
        for el, para in zip(elements, note.paragraphs):
            part.add(el, para)
        copy = raw.box_fallbacks.get(key)
        copies = box_paragraphs(copy) if copy is not None else []
        if len(copies) == len(elements):
            for el, original, para in zip(copies, elements, note.paragraphs):
                part.add(el, para, para.container + " (VML copy)")
                part.twins.append((el, original))
    return parts


def box_paragraphs(box: etree._Element) -> list[etree._Element]:
    """A text box's own paragraphs in document order (not those of a text box inside it)."""
    out = []
    for p in box.iter(P):
        a = p.getparent()
        while a is not None and a.tag != TXBX:
            a = a.getparent()
        if a is box:
            out.append(p)
    return out


def comment_target(el: etree._Element) -> etree._Element | None:
    """Where a comment on a tracked element goes: the element itself, or — inside a text box — the run
    that anchors the box (a comment inside a text box is not shown everywhere); None for the VML copy of a
    text box (its twin carries the comment)."""
    target = el
    a = el.getparent()
    inside = False
    while a is not None:
        if a.tag == MC_FALLBACK:
            return None
        if a.tag == TXBX:
            inside = True
        elif inside and a.tag == W + "r":
            target = a
            inside = False
        a = a.getparent()
    return target
