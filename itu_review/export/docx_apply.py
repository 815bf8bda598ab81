"""Write the consolidated document: accepted edits applied, rejected ones reverted, the rest left tracked.

Works on the package's own XML, so everything the decisions do not touch — styles, numbering,
headers, fields, bookmarks, right-to-left settings, other parts — stays exactly as it was. A flagged
edit (or one reviewers disagree on) keeps its revision marks and gets a Word comment with the note.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from ..display.sanitize import xml_text
from ..errors import InputError, UsageError
from ..ingest.docx import W, W_NS
from ..model import Package, Paragraph
from ..output import atomic_output

ACCEPT, REJECT, MARK = "accept", "reject", "mark"
INSERTS = (W + "ins", W + "moveTo")
DELETES = (W + "del", W + "moveFrom")
RANGES = (W + "moveFromRangeStart", W + "moveFromRangeEnd", W + "moveToRangeStart", W + "moveToRangeEnd")
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


@dataclass
class Comment:
    cid: int
    author: str
    text: str
    initials: str = ""


@dataclass
class _Work:
    choose: Callable[[int], str]
    notes: dict[int, tuple[str, str]]  # edit -> (author, note) for comments
    comments: list[Comment] = field(default_factory=list)
    next_comment: int = 0
    anchors: dict[int, list[etree._Element]] = field(default_factory=dict)
    decided_moves: set[str] = field(default_factory=set)
    merges: list[etree._Element] = field(default_factory=list)


def _unwrap(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    index = parent.index(el)
    for k, child in enumerate(list(el)):
        parent.insert(index + k, child)
    _drop(el)


def _drop(el: etree._Element) -> None:
    """Remove an element, keeping the text that follows it (lxml keeps tails on the element)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _undelete(el: etree._Element) -> None:
    for t in el.iter(W + "delText"):
        t.tag = W + "t"
    for t in el.iter(W + "delInstrText"):
        t.tag = W + "instrText"


def _inline_revisions(p: etree._Element) -> list[etree._Element]:
    """Revision wrappers in a paragraph's content (not its mark, not a text box's paragraphs)."""
    out = []
    for el in p.iter(*INSERTS, *DELETES):
        anc = el.getparent()
        ok = True
        while anc is not None and anc is not p:
            if anc.tag in (W + "pPr", W + "rPr", W + "p", W + "trPr", W + "tcPr"):
                ok = False
                break
            anc = anc.getparent()
        if ok:
            out.append(el)
    return out


def _apply_paragraph(p: etree._Element, para: Paragraph, work: _Work) -> None:
    by_rid: dict[str, int] = {}
    fmt_rid: dict[str, int] = {}
    moves: dict[int, str] = {}
    for s in para.segments:
        if s.rev is not None and s.edit >= 0:
            by_rid.setdefault(s.rev.rid, s.edit)
            if s.rev.move:
                moves[s.edit] = s.rev.move
        if s.fmt is not None and s.edit >= 0:
            fmt_rid.setdefault(s.fmt.rid, s.edit)
    row_choice = work.choose(para.row_edit) if para.row is not None and para.row_edit >= 0 else None
    unmapped: list[etree._Element] = []
    for el in _inline_revisions(p):
        idx = by_rid.get(el.get(W + "id", ""))
        if idx is None:
            if any(by_rid.get(d.get(W + "id", "")) is not None for d in el.iter(*INSERTS, *DELETES) if d is not el):
                unmapped.append(el)  # wraps a revision that is an edit: decided below, with it
            continue
        choice = work.choose(idx)
        work.anchors.setdefault(idx, []).append(el)
        if choice == MARK:
            continue
        if idx in moves:
            work.decided_moves.add(moves[idx])
        inserted = el.tag in INSERTS
        if (choice == ACCEPT) == inserted:
            if not inserted:
                _undelete(el)
            _unwrap(el)
        else:
            _drop(el)
    # A wrapper around another revision (a deletion inside a move, say) follows its content once that
    # is decided: plain text stays as plain text, nothing left means nothing to keep.
    for el in unmapped:
        if el.getparent() is None or any(True for _ in el.iter(*INSERTS, *DELETES) if _ is not el):
            continue
        if any(True for _ in el.iter(W + "t", W + "delText", W + "tab", W + "br", W + "sym")):
            _undelete(el)
            _unwrap(el)
        else:
            _drop(el)
    for change in list(p.iter(W + "rPrChange")):
        idx = fmt_rid.get(change.get(W + "id", ""))
        if idx is None:
            continue
        choice = work.choose(idx)
        rpr = change.getparent()
        work.anchors.setdefault(idx, []).append(rpr.getparent())
        if choice == ACCEPT:
            _drop(change)
        elif choice == REJECT:
            old = change.find(W + "rPr")
            for child in list(rpr):
                rpr.remove(child)
            for child in list(old) if old is not None else []:
                rpr.append(child)
    ppr = p.find(W + "pPr")
    if ppr is not None and para.ppr is not None and para.ppr_edit >= 0:
        change = ppr.find(W + "pPrChange")
        choice = work.choose(para.ppr_edit)
        work.anchors.setdefault(para.ppr_edit, []).append(p)
        if change is not None and choice == ACCEPT:
            _drop(change)
        elif change is not None and choice == REJECT:
            old = change.find(W + "pPr")
            for child in list(ppr):
                if child.tag not in (W + "rPr", W + "sectPr"):
                    ppr.remove(child)
            for k, child in enumerate(list(old) if old is not None else []):
                ppr.insert(k, child)
    if ppr is not None and para.mark is not None and para.mark.kind == "gone":
        rpr = ppr.find(W + "rPr")
        for m in [m for m in (rpr if rpr is not None else []) if m.tag in INSERTS + DELETES]:
            _drop(m)
        work.merges.append(p)
    elif ppr is not None and para.mark is not None and para.mark_edit >= 0:
        rpr = ppr.find(W + "rPr")
        marker = None
        if rpr is not None:
            marker = next((m for m in rpr if m.tag in INSERTS + DELETES), None)
        choice = work.choose(para.mark_edit)
        work.anchors.setdefault(para.mark_edit, []).append(p)
        if marker is not None and choice != MARK and row_choice is None:
            inserted = marker.tag in INSERTS
            _drop(marker)
            if (choice == ACCEPT) != inserted:
                work.merges.append(p)
        elif marker is not None and row_choice is not None and row_choice != MARK:
            _drop(marker)
    if para.row is not None and para.row.kind == "gone":
        row = p
        while row is not None and row.tag != W + "tr":
            row = row.getparent()
        if row is not None and row.getparent() is not None:
            row.getparent().remove(row)
    elif para.row is not None and para.row_edit >= 0:
        work.anchors.setdefault(para.row_edit, []).append(p)
        _apply_row(p, para, work)


def _apply_row(p: etree._Element, para: Paragraph, work: _Work) -> None:
    choice = work.choose(para.row_edit)
    assert para.row is not None
    cell_level = para.row.kind.startswith("cell")
    holder = p
    while holder is not None and holder.tag != (W + "tc" if cell_level else W + "tr"):
        holder = holder.getparent()
    if holder is None or holder.getparent() is None or choice == MARK:
        return  # (a row another of its paragraphs already removed has no parent)
    inserted = para.row.kind.endswith("ins")
    keep = (choice == ACCEPT) == inserted
    if not keep:
        holder.getparent().remove(holder)
        return
    props = holder.find(W + ("tcPr" if cell_level else "trPr"))
    if props is not None:
        for m in list(props):
            if m.tag in (W + "ins", W + "del", W + "cellIns", W + "cellDel"):
                props.remove(m)


def _merge_marks(paragraphs: list[etree._Element]) -> None:
    """Join each paragraph whose mark goes to the paragraph after it, in document order.

    The following paragraph's mark (and properties) survive. Where no paragraph follows in the same
    container (a table or the end of the body comes next), the mark stays — unless the paragraph was
    joined to nothing yet, in which case it joins the one before it (as Word does with a last paragraph).
    """
    received: list[etree._Element] = []
    for p in paragraphs:
        if p.getparent() is None:
            continue
        nxt = p.getnext()
        while nxt is not None and nxt.tag != W + "p":
            if nxt.tag in (W + "tbl", W + "sectPr"):
                nxt = None
                break
            nxt = nxt.getnext()
        if nxt is None:
            prev = p.getprevious()
            if prev is not None and prev.tag == W + "p" and not any(r is p for r in received):
                for child in [c for c in p if c.tag != W + "pPr"]:
                    prev.append(child)
                p.getparent().remove(p)
            continue
        ppr = nxt.find(W + "pPr")
        at = 1 if ppr is not None and nxt.index(ppr) == 0 else 0
        for k, child in enumerate([c for c in p if c.tag != W + "pPr"]):
            nxt.insert(at + k, child)
        p.getparent().remove(p)
        received.append(nxt)


def _drop_decided_move_ranges(root: etree._Element, names: set[str]) -> None:
    ids = set()
    for el in list(root.iter(W + "moveFromRangeStart", W + "moveToRangeStart")):
        if el.get(W + "name") in names:
            ids.add((el.tag.endswith("FromRangeStart"), el.get(W + "id")))
            _drop(el)
    for el in list(root.iter(W + "moveFromRangeEnd", W + "moveToRangeEnd")):
        if (el.tag.endswith("FromRangeEnd"), el.get(W + "id")) in ids:
            _drop(el)


def _anchor_comment(work: _Work, idx: int, author: str, text: str) -> None:
    els = work.anchors.get(idx)
    if not els:
        return
    cid = work.next_comment
    work.next_comment += 1
    first, last = els[0], els[-1]
    start = etree.Element(W + "commentRangeStart", {W + "id": str(cid)})
    end = etree.Element(W + "commentRangeEnd", {W + "id": str(cid)})
    ref = etree.Element(W + "r")
    etree.SubElement(ref, W + "commentReference", {W + "id": str(cid)})
    if first.tag == W + "p":  # a paragraph-level edit: the whole paragraph
        ppr = first.find(W + "pPr")
        first.insert(1 if ppr is not None else 0, start)
    else:
        first.addprevious(start)
    if last.tag == W + "p":
        last.append(end)
        last.append(ref)
    else:
        last.addnext(end)
        end.addnext(ref)
    initials = "".join(w[0] for w in author.split()[:3]).upper()
    work.comments.append(Comment(cid, author, text, initials))


def _comments_xml(existing: bytes | None, comments: list[Comment]) -> bytes:
    from ..ingest.docx import safe_parser

    if existing:
        root = etree.fromstring(existing, safe_parser())
    else:
        root = etree.Element(W + "comments", nsmap={"w": W_NS})
    date = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    for c in comments:
        el = etree.SubElement(root, W + "comment", {W + "id": str(c.cid), W + "author": xml_text(c.author),
                                                    W + "date": date, W + "initials": xml_text(c.initials)})
        for line in xml_text(c.text).split("\n") or [""]:
            para = etree.SubElement(el, W + "p")
            run = etree.SubElement(para, W + "r")
            t = etree.SubElement(run, W + "t", {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
            t.text = line
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _max_comment_id(root: etree._Element, comments_xml: bytes | None) -> int:
    ids = [int(el.get(W + "id", "-1")) for el in root.iter(W + "commentRangeStart", W + "commentReference")
           if el.get(W + "id", "").lstrip("-").isdigit()]
    if comments_xml:
        ids += [int(x) for x in __import__("re").findall(rb'w:id="(\d+)"', comments_xml)]
    return max(ids, default=-1) + 1


def apply_decisions(pkg: Package, choose: Callable[[int], str], notes: dict[int, tuple[str, str]], out: str | Path) -> dict[str, int]:
    """Write ``out``: the package with each edit accepted, rejected or kept tracked as ``choose`` says."""
    raw = pkg.raw
    if raw is None or pkg.source != "docx":
        raise UsageError(f"{pkg.path}: apply writes .docx and needs a .docx package")
    src = Path(pkg.path)
    out_path = Path(out)
    if out_path.resolve() == src.resolve():
        raise UsageError(f"{out}: apply never overwrites its input; choose another --out")
    main_root = raw.trees[raw.parts.main]  # type: ignore[attr-defined]
    with zipfile.ZipFile(src) as zin:
        names = zin.namelist()
        comments_name = str(Path(raw.parts.main).parent / "comments.xml")  # type: ignore[attr-defined]
        existing_comments = zin.read(comments_name) if comments_name in names else None
        work = _Work(choose, notes, next_comment=_max_comment_id(main_root, existing_comments))
        for p_el, para in zip(raw.elements, pkg.paragraphs):  # type: ignore[attr-defined]
            _apply_paragraph(p_el, para, work)
        changed_notes: dict[str, etree._Element] = {}
        for key, elements in raw.note_elements.items():  # type: ignore[attr-defined]
            for p_el, para in zip(elements, pkg.notes[key].paragraphs):
                _apply_paragraph(p_el, para, work)
                touched = {s.edit for s in para.segments if s.edit >= 0} | {para.mark_edit, para.ppr_edit} - {-1}
                if any(choose(e) != MARK for e in touched):
                    changed_notes[key[0]] = raw.trees[key[0]]  # type: ignore[attr-defined]
        _merge_marks(work.merges)
        _drop_decided_move_ranges(main_root, work.decided_moves)
        for idx, (author, note) in sorted(notes.items()):
            if choose(idx) == MARK:
                _anchor_comment(work, idx, author, note)
        replace: dict[str, bytes] = {raw.parts.main: etree.tostring(  # type: ignore[attr-defined]
            main_root, xml_declaration=True, encoding="UTF-8", standalone=True)}
        folder = str(Path(raw.parts.main).parent)  # type: ignore[attr-defined]
        for kind, root in changed_notes.items():
            replace[f"{folder}/{kind}s.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                              standalone=True)
        if work.comments:
            replace[comments_name] = _comments_xml(existing_comments, work.comments)
            if existing_comments is None:
                replace.update(_register_comments(zin, folder))
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
    return counts


def _register_comments(zin: zipfile.ZipFile, folder: str) -> dict[str, bytes]:
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
    etree.SubElement(rels, f"{{{REL_NS}}}Relationship", {"Id": rid, "Type": COMMENTS_REL, "Target": "comments.xml"})
    out[rels_name] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out
