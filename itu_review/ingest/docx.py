"""Read a .docx with its tracked changes into the model, in one pass over the XML with lxml.

python-docx's ``Paragraph.text`` ignores revision marks, so the XML is read directly (``docx_walk``).
Read: the body (tables cell by cell, content controls, equations), text boxes, footnotes and endnotes,
and the headers and footers that carry tracked changes. The parser never resolves entities, loads a
DTD or touches the network, and every part's inflated size is capped before it is read. ISO/IEC 29500
Strict documents are read too: their namespaces are the transitional ones under other names.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from ..errors import InputError
from ..model import Note, Paragraph
from .docx_walk import M, W, W_NS, Reader, Shared, resolve_moves
from .zipparts import (  # noqa: F401  (safe_parser re-exported)
    ZIP_ERRORS,
    DocxParts,
    Part,
    iterparse_xml,
    parse_xml,
    read_parts,
    safe_parser,
    sibling_part,
    xml_message,
)

__all__ = ["DocxContent", "M", "W", "W_NS", "read_docx", "safe_parser", "parse_xml"]

_T_body = W + "body"
_T_id = W + "id"
_T_type = W + "type"

#: ISO/IEC 29500 Strict namespaces and their transitional names (what the reader and Word's own
#: transitional files use). Strict only renames them; the elements the reader needs are the same.
STRICT_NAMESPACES = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", W_NS.encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    (b"http://purl.oclc.org/ooxml/officeDocument/math", b"http://schemas.openxmlformats.org/officeDocument/2006/math"),
    (b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing",
     b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
    (b"http://purl.oclc.org/ooxml/drawingml/main", b"http://schemas.openxmlformats.org/drawingml/2006/main"),
)
#: Element names whose presence means a part carries tracked changes.
REVISION_TAGS = tuple(W + t for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "cellIns",
                                      "cellDel", "numberingChange", "sectPrChange", "tblPrChange", "trPrChange",
                                      "tcPrChange"))


@dataclass
class DocxContent:
    """What ``read_docx`` found.

    ``paragraphs`` are the body's, then those of each header and footer that carries tracked changes
    (containers ``header:header1``, ``footer:footer2``; ``pages`` maps each such container to its part).
    ``notes`` holds footnotes, endnotes and text boxes (kind ``textbox``, key ``("textbox", "textbox1")``,
    anchored by a segment in the paragraph that holds the box).

    With ``keep_elements`` (for writing decisions back): ``trees`` maps each part read — by part name,
    and footnotes and endnotes also by ``"footnote"`` / ``"endnote"`` — to its root; ``elements`` is the
    w:p element of every paragraph (parallel to ``paragraphs``); ``note_elements`` those of footnotes
    and endnotes; ``box_elements`` those of text boxes (which live in the part of their anchor), and
    ``box_fallbacks`` the VML copy of a text box (``mc:Fallback``'s ``w:txbxContent``) that Word keeps
    beside the one read (``mc:Choice``) — the same paragraphs, to be written the same way.
    """

    parts: DocxParts
    paragraphs: list[Paragraph]
    notes: dict[tuple[str, str], Note]
    warnings: list[str]
    trees: dict[str, etree._Element] = field(default_factory=dict)
    elements: list[etree._Element] = field(default_factory=list)
    note_elements: dict[tuple[str, str], list[etree._Element]] = field(default_factory=dict)
    box_elements: dict[tuple[str, str], list[etree._Element]] = field(default_factory=dict)
    box_fallbacks: dict[tuple[str, str], etree._Element] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)
    #: the package is ISO/IEC 29500 Strict: its parts were read under the transitional namespaces
    strict: bool = False


def is_strict(part: Part) -> bool:
    """Whether a part uses the Strict WordprocessingML namespace, declared on its root at the start (a
    root further than 16 KB in is not seen as Strict, and is refused saying so when it has no body)."""
    try:
        with zipfile.ZipFile(io.BytesIO(part.archive)) as zf, zf.open(part.name) as fh:
            head = fh.read(16384)
    except ZIP_ERRORS:
        return False  # reading it properly will say what is wrong
    return STRICT_NAMESPACES[0][0] in head


def transitional(xml: bytes) -> bytes:
    """A Strict part under the transitional namespace names."""
    for strict, usual in STRICT_NAMESPACES:
        xml = xml.replace(strict, usual)
    return xml


def _as_transitional(parts: DocxParts) -> None:
    """Every part the reader parses, inflated (under the size cap) and renamed: a Strict package is read
    from bytes, not streamed."""
    parts.document = transitional(_bytes(parts.document))
    if parts.footnotes is not None:
        parts.footnotes = transitional(_bytes(parts.footnotes))
    if parts.endnotes is not None:
        parts.endnotes = transitional(_bytes(parts.endnotes))
    parts.pages = [(name, transitional(_bytes(data))) for name, data in parts.pages]


def _bytes(part: Part | bytes) -> bytes:
    return part if isinstance(part, bytes) else part.read()


#: The size of ``document.xml`` up to which it is parsed whole rather than streamed: a small tree costs
#: little memory, and the stream's work per block (an event, freeing what was read) was 15% of reading a
#: conference's 45 KB package (2.2 -> 1.9 ms).
WHOLE_TREE_MAX = 1 << 20


def read_docx(path: str | Path, keep_elements: bool = False) -> DocxContent:
    """Read a .docx: body paragraphs in document order (tables cell by cell), then tracked headers and
    footers, and its notes and text boxes.

    With ``keep_elements`` (for writing decisions back) the whole tree is kept; otherwise the body of a
    large document is streamed, each top-level block read and freed as soon as it ends, so the parsed
    XML never sits in memory whole (on a 50 MB document.xml the tree alone is several hundred MiB).
    """
    parts = read_parts(path)
    archive = parts.document
    assert isinstance(archive, Part)  # (only _as_transitional, below, turns parts into bytes)
    whole = archive.size <= WHOLE_TREE_MAX  # a small main part is inflated whole, then parsed whole
    main: bytes | Part = archive.read() if whole else archive
    strict = STRICT_NAMESPACES[0][0] in main[:16384] if isinstance(main, bytes) else is_strict(archive)
    if strict:
        _as_transitional(parts)
        main = parts.document
    styles = str(PurePosixPath(parts.main).parent / "styles.xml")
    shared = Shared(keep_elements, lambda: _styles(archive, styles, strict))
    reader = Reader(shared)
    trees: dict[str, etree._Element] = {}
    if keep_elements or whole:
        root = parse_xml(main, parts.path, parts.main)
        body = root.find(_T_body)
        if body is None:
            raise InputError(parts.path, _no_body(parts.main, root.tag))
        reader.blocks(body, "body", None, None, "")
        if keep_elements:
            trees[parts.main] = root
    else:
        _stream_body(reader, parts)
    pages = _read_pages(reader, parts, trees if keep_elements else None)
    if reader.moves:
        resolve_moves(reader.paragraphs)
    note_elements: dict[tuple[str, str], list[etree._Element]] = {}
    notes: dict[tuple[str, str], Note] = {}
    for kind, data in (("footnote", parts.footnotes), ("endnote", parts.endnotes)):
        if data is None:
            continue
        name = str(PurePosixPath(parts.main).parent / f"{kind}s.xml")
        note_root = parse_xml(data, parts.path, name)
        if keep_elements:
            trees[kind] = trees[name] = note_root
        notes.update(_read_notes(note_root, kind, shared, note_elements if keep_elements else None))
    shared.drain()
    notes.update(shared.boxes)
    return DocxContent(parts, reader.paragraphs, notes, shared.warnings, trees, reader.elements or [], note_elements,
                       shared.box_elements, shared.box_fallbacks, pages, strict)


def _styles(main: Part, name: str, strict: bool) -> bytes | None:
    part = sibling_part(main, name)
    try:
        data = part.read() if part is not None else None
    except InputError:
        return None  # a damaged styles part only costs the style names
    return transitional(data) if data is not None and strict else data


def _no_body(part: str, root_tag: object) -> str:
    if isinstance(root_tag, str) and root_tag.startswith("{http://purl.oclc.org/ooxml/"):
        return f"a Strict Open XML document this reader could not read (no body found in {part})"
    return f"not a Word document: {part} has no w:body"


def _read_pages(reader: Reader, parts: DocxParts, trees: dict[str, etree._Element] | None) -> dict[str, str]:
    """Headers and footers that carry tracked changes, after the body, one container each."""
    pages: dict[str, str] = {}
    for name, data in parts.pages:
        root = parse_xml(data, parts.path, name)
        if next(root.iter(*REVISION_TAGS), None) is None:
            continue  # nothing to review: left out, as it always was
        kind = "header" if root.tag == W + "hdr" else "footer"
        container = f"{kind}:{PurePosixPath(name).stem}"
        reader.prefix = container + " "
        reader.blocks(root, container, None, None, "")
        reader.prefix = ""
        pages[container] = name
        if trees is not None:
            trees[name] = root
    return pages


def _read_notes(root: etree._Element, kind: str, shared: Shared,
                elements: dict[tuple[str, str], list[etree._Element]] | None = None) -> dict[tuple[str, str], Note]:
    out: dict[tuple[str, str], Note] = {}
    for note in root.iterfind(W + kind):
        if note.get(_T_type) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        nid = note.get(_T_id, "")
        reader = Reader(shared)
        reader.blocks(note, f"{kind}:{nid}", None, None, "")
        if reader.moves:
            resolve_moves(reader.paragraphs)
        out[(kind, nid)] = Note(kind, nid, reader.paragraphs)
        if elements is not None and reader.elements is not None:
            elements[(kind, nid)] = reader.elements
    return out


def _stream_body(reader: Reader, parts: DocxParts) -> None:
    """Read the body as it is parsed: at the end of each body-level paragraph or table, the body-level
    elements before it that are not read yet (move ranges, sdt or revision wrappers), then it; then
    free them. Only w:p and w:tbl raise events, so the parser does not stop at every inline mark."""
    events = iterparse_xml(parts.document, parts.path, parts.main, (W + "p", W + "tbl"))
    done: etree._Element | None = None  # the last element read, kept (cleared) until the next one ends
    known: etree._Element | None = None  # w:body, once met (lxml gives the same object while it is held)
    block = reader.block
    try:
        for _, el in events:
            body = el.getparent()
            if body is not known:
                if body is None or body.tag != _T_body:
                    continue  # inside a table or a wrapper: read with it
                known = body
            prev = el.getprevious()
            if prev is not None and prev is not done:  # body-level wrappers or ranges before it
                _read_siblings_before(reader, el, done)
            block(el, "body", None, None, "")
            el.clear(keep_tail=True)
            done = el
            if prev is not None:
                while el.getprevious() is not None:
                    del body[0]
    except etree.XMLSyntaxError as exc:
        raise InputError(parts.path, f"malformed XML in {parts.main}: {xml_message(exc)}") from None
    root = events.root
    body = root.find(_T_body) if root is not None else None
    if body is None:
        raise InputError(parts.path, _no_body(parts.main, root.tag if root is not None else None))
    for el in body:  # what follows the last paragraph or table (a trailing wrapper, sectPr)
        if el is not done:
            reader.block(el, "body", None, None, "")


def _read_siblings_before(reader: Reader, el: etree._Element, done: etree._Element | None) -> None:
    before = []
    for prev in el.itersiblings(preceding=True):
        if prev is done:
            break
        before.append(prev)
    for prev in reversed(before):
        reader.block(prev, "body", None, None, "")
