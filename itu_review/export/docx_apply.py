"""Write the consolidated document: accepted edits applied, rejected ones reverted, the rest left tracked.

Works on the package's own XML, so everything the decisions do not touch — styles, numbering, headers,
fields, bookmarks, right-to-left settings, other parts — stays exactly as it was. A flagged edit (or one
reviewers disagree on) keeps its revision marks and gets a Word comment with the note.

Each part with revisions (the document, its notes, headers and footers) goes through the same steps, in
rooms of their own: ``revisions`` decides every revision mark before anything changes (a mark no edit
shows follows the edit it belongs with), ``apply_structure`` handles property changes, numbering, rows and
content-control markup, ``apply_inline`` each paragraph's text, ``apply_fields`` mends fields a decision
cut, ``apply_marks`` joins paragraphs whose mark went. Once every edit is decided no revision element is
left anywhere, and the output reads — in this project, pandoc and LibreOffice — as the decided view.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from ..display.sanitize import xml_text
from ..errors import InputError, UsageError
from ..ingest.docx import STRICT_NAMESPACES, W, W_NS, transitional
from ..ingest.zipparts import max_xml_bytes, parse_xml
from ..model import Package
from ..output import atomic_output
from . import apply_structure as structure
from .apply_fields import mend_fields
from .apply_inline import Outcome, resolve_paragraph
from .apply_marks import join, marks, unlisted_marks
from .apply_parts import comment_target, listed_parts
from .revisions import (
    ACCEPT,
    CUSTOM_RANGES,
    MARK,
    MARKER_PARENTS,
    PPR,
    PR_CHANGES,
    RANGE_MARKERS,
    REJECT,
    REVISION_TAGS,
    RPR,
    WRAPPER_TAGS,
    Listed,
    attached,
    plan_part,
)

COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_REL_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships/comments"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
#: Parts the reader may not read whose revisions still have to be applied or kept: headers and footers
#: (the reader reads those with tracked text) and the comments.
_OTHER_PARTS = re.compile(r"((header|footer)\d*|comments)\.xml$")


@dataclass
class Comment:
    cid: int
    author: str
    text: str


@dataclass
class _Work:
    choose: Callable[[int], str]
    notes: dict[int, tuple[str, str]]  # edit -> (author, note) for comments
    comments: list[Comment] = field(default_factory=list)
    next_comment: int = 0
    #: elements left tracked, by edit: (whether in the document part, position, element)
    anchors: dict[int, list[tuple[bool, int, etree._Element]]] = field(default_factory=dict)
    #: revision marks holding text no edit covers, left tracked
    unseen: int = 0


_MOVE_WRAPPERS = (W + "moveFrom", W + "moveTo")
_COMMENT_IDS = (W + "commentRangeStart", W + "commentReference")
_FLD_CHAR = W + "fldChar"


def _sort(root: etree._Element) -> tuple[dict[str, list[etree._Element]], dict[etree._Element, list[etree._Element]],
                                         int, bool]:
    """The part's revision elements by what handles them, in document order, the wrappers that sit
    right in a paragraph by paragraph, the highest comment id the part uses and whether it has a field
    (one pass over the part). ``moves`` holds the move ranges' markers and every move mark in
    between, in order, to tell which ranges still mark something once decisions are applied."""
    out: dict[str, list[etree._Element]] = {"wrappers": [], "changes": [], "markers": [], "cells": [],
                                            "controls": [], "moves": [], "marks": []}
    changes, controls, moves = set(PR_CHANGES), set(CUSTOM_RANGES), set(RANGE_MARKERS)
    wrappers, move_seq = out["wrappers"], out["moves"]
    own: dict[etree._Element, list[etree._Element]] = {}
    top = -1
    fields = False
    for el in root.iter(*REVISION_TAGS, *_COMMENT_IDS, _FLD_CHAR):
        tag = el.tag
        if tag == _FLD_CHAR:
            fields = True
        elif tag in WRAPPER_TAGS:
            if tag in _MOVE_WRAPPERS:
                move_seq.append(el)
            parent = el.getparent()
            if parent is None:
                continue
            ptag = parent.tag
            if ptag == _P:  # most revisions sit right in their paragraph
                group = own.get(parent)
                if group is None:
                    own[parent] = [el]
                else:
                    group.append(el)
            elif ptag not in MARKER_PARENTS:
                wrappers.append(el)
            elif parent.tag == RPR and parent.getparent() is not None and parent.getparent().tag == PPR:
                p = parent.getparent().getparent()
                if p is not None:
                    out["marks"].append(p)
            elif parent.tag in (W + "numPr", RPR):
                out["markers"].append(el)
        elif tag in changes:
            out["changes"].append(el)
        elif tag in moves:
            move_seq.append(el)
        elif tag in controls:
            out["controls"].append(el)
        elif tag == W + "cellMerge":
            out["cells"].append(el)
        else:
            cid = el.get(W + "id", "")
            if cid.isdigit():
                top = max(top, int(cid))
    if not any(el.tag in moves for el in move_seq):
        move_seq.clear()
    return out, own, top, fields


def _apply_part(root: etree._Element, listed: list[Listed], work: _Work, main: bool = False,
                twins: list[tuple[etree._Element, etree._Element]] | None = None) -> bool:
    """Apply the decisions to one part; False when it holds no revision at all (left byte for byte)."""
    found, own, top, fields = _sort(root)
    work.next_comment = max(work.next_comment, top + 1)
    if not own and not any(found.values()):
        return False
    plan = plan_part(root, listed, work.choose, own, found["wrappers"], twins or ())
    out = Outcome(has_fields=fields)
    controls = structure.control_marks(plan, found["controls"]) if found["controls"] else []
    if found["changes"]:
        structure.property_changes(plan, found["changes"], out.kept)
    if found["markers"]:
        structure.markers(plan, found["markers"])
    if found["cells"]:
        structure.cell_merges(plan, found["cells"])
    for p in plan.own:
        resolve_paragraph(p, plan, out)
    joining = marks(plan, out.kept)
    unlisted_marks(plan, found["marks"])
    rows_cut, emptied = structure.rows(plan, out.kept)
    structure.apply_control_marks(controls)
    if out.fields_cut or rows_cut:
        mend_fields(root)
    emptied += join(plan, joining)
    if found["moves"]:
        structure.move_ranges(found["moves"], plan)
    structure.empty_blocks(emptied)
    for edit, el in out.kept:
        p = el
        while p is not None and p.tag != W + "p":
            p = p.getparent()
        item = plan.by_el.get(p) if p is not None else None
        work.anchors.setdefault(edit, []).append((main, item.index if item is not None else -1, el))
    work.unseen += plan.unseen
    return True


def _anchors(work: _Work, pkg: Package, idx: int, main_root: etree._Element) -> list[etree._Element]:
    """Where a flagged edit's comment goes: its tracked elements in the document, in order. An edit in a
    footnote or endnote is commented on the note's reference mark (LibreOffice refuses to open a
    document with a comment inside a note)."""
    found = []
    for n, (main, pos, el) in enumerate(work.anchors.get(idx, ())):
        target = comment_target(el) if main and attached(el, main_root) else None
        if target is not None:
            found.append((pos, n, target))
    if found:
        found.sort(key=lambda f: (f[0], f[1]))
        return list(dict.fromkeys(el for _, _, el in found))
    edit = pkg.edits[idx] if 0 <= idx < len(pkg.edits) else None
    if edit is None or ":" not in edit.note:
        return []
    kind, nid = edit.note.split(":", 1)
    for ref in main_root.iter(W + f"{kind}Reference"):
        if ref.get(W + "id") == nid and ref.getparent() is not None and ref.getparent().tag == W + "r":
            return [ref.getparent()]
    return []


def _anchor_comment(work: _Work, idx: int, author: str, text: str, els: list[etree._Element]) -> None:
    if not els:
        return
    cid = work.next_comment
    work.next_comment += 1
    first, last = els[0], els[-1]
    ident = {_ID: str(cid)}
    # made as children of the elements they go beside, then moved: a free-standing lxml element costs a
    # document of its own (5,000 flags: a third of this function's time)
    if first.tag == _P:  # a paragraph-level edit: the whole paragraph
        start = etree.SubElement(first, _RANGE_START, ident)
        first.insert(1 if len(first) and first[0].tag == _PPR else 0, start)
    else:
        start = etree.SubElement(first.getparent(), _RANGE_START, ident)
        first.addprevious(start)
    holder = last if last.tag == _P else last.getparent()
    end = etree.SubElement(holder, _RANGE_END, ident)
    ref = etree.SubElement(holder, _R)
    etree.SubElement(ref, _REFERENCE, ident)
    if last.tag != _P:
        last.addnext(end)
        end.addnext(ref)
    work.comments.append(Comment(cid, author, text))


_ID, _P, _PPR, _R = W + "id", W + "p", W + "pPr", W + "r"
_RANGE_START, _RANGE_END, _REFERENCE = W + "commentRangeStart", W + "commentRangeEnd", W + "commentReference"


def _comments_xml(existing: bytes | None, comments: list[Comment], strict: bool = False) -> bytes:
    """The comments part: the package's own comments, then ours. Written as text and parsed once: a
    package with thousands of flags was spending most of this on building elements one by one."""
    from ..ingest.docx import safe_parser

    date = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    chunks = [f'<w:comments xmlns:w="{W_NS}">']
    who: dict[str, str] = {}  # author -> its attributes (a log has few reviewers)
    for c in comments:
        attrs = who.get(c.author)
        if attrs is None:
            initials = "".join(w[0] for w in c.author.split()[:3]).upper()
            attrs = who[c.author] = f'w:author={_attr(c.author)} w:date="{date}" w:initials={_attr(initials)}'
        chunks.append(f'<w:comment w:id="{c.cid}" {attrs}>')
        for line in xml_text(c.text).split("\n"):
            chunks.append(f'<w:p><w:r><w:t xml:space="preserve">{_escape(line)}</w:t></w:r></w:p>')
        chunks.append("</w:comment>")
    chunks.append("</w:comments>")
    text = "".join(chunks).encode("utf-8")
    if not existing:  # well-formed as written (every text escaped, every name ours)
        data = b'<?xml version=\'1.0\' encoding=\'UTF-8\' standalone=\'yes\'?>\n' + text
        return _as_strict(data) if strict else data
    root = etree.fromstring(transitional(existing) if strict else existing, safe_parser())
    root.extend(list(etree.fromstring(text, safe_parser())))
    return _xml(root, strict)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attr(text: str) -> str:
    return '"' + _escape(xml_text(text)).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;") + '"'


def _max_comment_id(comments_xml: bytes | None) -> int:
    """The first comment id the package's comments part leaves free (the parts' own markers are counted
    as they are read)."""
    ids = [int(x) for x in re.findall(rb'w:id="(\d+)"', comments_xml)] if comments_xml else []
    return max(ids, default=-1) + 1


def apply_decisions(pkg: Package, choose: Callable[[int], str], notes: dict[int, tuple[str, str]],
                    out: str | Path) -> dict[str, int]:
    """Write ``out``: the package with each edit accepted, rejected or kept tracked as ``choose`` says.

    The package's XML trees (``pkg.raw``, loaded with ``keep_elements``) are changed in place: load the
    package afresh for each call. Returns how many edits were applied (``accept``), reverted
    (``reject``) and left tracked (``mark``),
    how many comments were written, and how many revision marks holding text that no edit covers were
    left tracked (``unseen``: a part the reader does not read)."""
    from ..ingest.docx import DocxContent

    raw = pkg.raw
    if not isinstance(raw, DocxContent) or pkg.source != "docx":
        raise UsageError(f"{pkg.path}: apply writes .docx and needs a .docx package")
    src = Path(pkg.path)
    out_path = Path(out)
    if out_path.resolve() == src.resolve():
        raise UsageError(f"{out}: apply never overwrites its input; choose another --out")
    main_name = raw.parts.main
    main_root = raw.trees[main_name]
    folder = str(Path(main_name).parent)
    with zipfile.ZipFile(src) as zin:
        names = zin.namelist()
        comments_name = f"{folder}/comments.xml"
        existing_comments = zin.read(comments_name) if comments_name in names else None
        work = _Work(choose, notes, next_comment=_max_comment_id(existing_comments))
        changed: dict[str, etree._Element] = {main_name: main_root}
        for name, part in listed_parts(pkg, raw).items():
            if _apply_part(part.root, part.listed, work, main=name == main_name, twins=part.twins):
                changed[name] = part.root
        for name in names:
            if name.startswith(folder + "/") and _OTHER_PARTS.search(name) and name not in raw.trees:
                root = _other_part(zin, name, pkg.path, raw.strict)
                if root is not None and _apply_part(root, [], work):
                    changed[name] = root
        for idx, (author, note) in sorted(notes.items()):
            if choose(idx) == MARK:
                _anchor_comment(work, idx, author, note, _anchors(work, pkg, idx, main_root))
        replace = {name: _xml(root, raw.strict) for name, root in changed.items()}
        if comments_name in replace:  # the package's comments held revisions: ours go after them
            existing_comments = replace[comments_name]
        if work.comments:
            replace[comments_name] = _comments_xml(existing_comments, work.comments, raw.strict)
            if existing_comments is None:
                replace.update(_register_comments(zin, folder, raw.strict))
        try:
            with atomic_output(out_path) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
                for info in zin.infolist():
                    data = replace.pop(info.filename, None)
                    zout.writestr(info, data if data is not None else zin.read(info.filename))
                for name, data in replace.items():
                    zout.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data,
                                  compress_type=zipfile.ZIP_DEFLATED)
        except OSError as exc:
            raise InputError(out_path, f"cannot write: {exc.strerror or exc}") from None
    counts = {c: 0 for c in (ACCEPT, REJECT, MARK)}
    for e in pkg.edits:
        counts[choose(e.index)] += 1
    counts["comments"] = len(work.comments)
    counts["unseen"] = work.unseen
    return counts


def _xml(root: etree._Element, strict: bool = False) -> bytes:
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return _as_strict(data) if strict else data


def _as_strict(data: bytes) -> bytes:
    """A part read under the transitional namespace names, written back under the Strict ones."""
    for strict_ns, usual in STRICT_NAMESPACES:
        data = data.replace(usual, strict_ns)
    return data


def _other_part(zin: zipfile.ZipFile, name: str, path: str, strict: bool) -> etree._Element | None:
    """A header or footer, parsed only when it holds a revision (most hold none)."""
    if zin.getinfo(name).file_size > max_xml_bytes():
        raise InputError(path, f"{name} is larger than the XML size limit")
    data = zin.read(name)
    if not re.search(rb"<(\w+:)?(ins|del|moveFrom|moveTo|\w+PrChange|cellIns|cellDel|customXml\w+Range\w+)\b",
                     data):
        return None
    return parse_xml(transitional(data) if strict else data, path, name)


def _register_comments(zin: zipfile.ZipFile, folder: str, strict: bool = False) -> dict[str, bytes]:
    """Declare a new comments part: its content type and its relationship from the document."""
    from ..ingest.docx import safe_parser

    out: dict[str, bytes] = {}
    ct = etree.fromstring(zin.read("[Content_Types].xml"), safe_parser())
    etree.SubElement(ct, f"{{{CT_NS}}}Override", {"PartName": f"/{folder}/comments.xml", "ContentType": COMMENTS_TYPE})
    out["[Content_Types].xml"] = etree.tostring(ct, xml_declaration=True, encoding="UTF-8", standalone=True)
    rels_name = f"{folder}/_rels/document.xml.rels"
    if rels_name in zin.namelist():
        rels = etree.fromstring(zin.read(rels_name), safe_parser())
    else:
        rels = etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
    used = {r.get("Id") for r in rels}
    rid = next(f"rId{k}" for k in range(900, 100000) if f"rId{k}" not in used)
    kind = COMMENTS_REL_STRICT if strict else COMMENTS_REL
    etree.SubElement(rels, f"{{{REL_NS}}}Relationship", {"Id": rid, "Type": kind, "Target": "comments.xml"})
    out[rels_name] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out
