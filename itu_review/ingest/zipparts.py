"""Opening a .docx safely: the zip, its main part under a size cap, and an XML parser that resolves
no entities, loads no DTD and never reaches the network."""

from __future__ import annotations

import hashlib
import os
import posixpath
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from ..errors import InputError

REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: Default cap on the inflated size of one XML part; ``ITU_REVIEW_MAX_XML_MB`` overrides it.
DEFAULT_MAX_XML_MB = 1024


def max_xml_bytes() -> int:
    raw = os.environ.get("ITU_REVIEW_MAX_XML_MB", "")
    try:
        mb = float(raw) if raw else DEFAULT_MAX_XML_MB
    except ValueError:
        mb = DEFAULT_MAX_XML_MB
    return int(mb * 1024 * 1024)


def safe_parser() -> etree.XMLParser:
    """An lxml parser that resolves no entities, loads no DTD and never reaches the network."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=True, remove_comments=True, remove_pis=True,
    )


def refuse_declarations(data: bytes, path: str | Path, part: str) -> None:
    """A DTD or an entity declaration in a part is refused before any parser sees it."""
    head = data[:2048].lstrip()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data[:65536]:
        raise InputError(path, f"{part} declares a DTD or entities, which a Word document never does "
                               "(refused: possible entity-expansion attack)")


def iterparse_xml(data: bytes, path: str | Path, part: str, tags: tuple[str, ...]) -> etree.iterparse:
    """Stream a part's end events for ``tags`` with the safe parser's settings."""
    import io

    refuse_declarations(data, path, part)
    return etree.iterparse(
        io.BytesIO(data), events=("end",), tag=tags, resolve_entities=False, no_network=True,
        load_dtd=False, dtd_validation=False, huge_tree=True, remove_comments=True, remove_pis=True,
    )


def parse_xml(data: bytes, path: str | Path, part: str) -> etree._Element:
    refuse_declarations(data, path, part)
    try:
        return etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"malformed XML in {part}: {exc.msg or exc}") from None


@dataclass
class DocxParts:
    """The raw parts of a .docx that the reader and the writer need."""

    path: str
    sha256: str
    main: str
    document: bytes
    footnotes: bytes | None = None
    endnotes: bytes | None = None
    names: list[str] = field(default_factory=list)
    #: headers then footers: (part name, XML), in the order of their numbers
    pages: list[tuple[str, bytes]] = field(default_factory=list)


def _diagnose_not_zip(path: Path, head: bytes) -> str:
    if head.startswith(OLE_MAGIC):
        data = path.read_bytes()
        if "EncryptedPackage".encode("utf-16-le") in data or b"EncryptedPackage" in data:
            return "the document is password-protected (encrypted); save an unprotected copy"
        return "a legacy binary Word .doc file; save it as .docx (Word 2007 or later) first"
    if head.startswith(b"{\\rtf"):
        return "an RTF file, not .docx; save it as .docx first"
    return "not a .docx file (not a zip archive)"


def read_parts(path: str | Path) -> DocxParts:
    """Open the zip and read the main document part (and notes) under the size limit."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "no such file")
    if p.is_dir():
        raise InputError(p, "is a directory, not a .docx file")
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(p, f"cannot read: {exc.strerror or exc}") from None
    digest = hashlib.sha256(raw).hexdigest()
    if not raw.startswith(b"PK"):
        raise InputError(p, _diagnose_not_zip(p, raw[:16]))
    try:
        zf = zipfile.ZipFile(p)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(p, f"not a readable .docx (damaged zip: {exc})") from None
    limit = max_xml_bytes()
    with zf:
        names = zf.namelist()
        main = _main_part_name(zf, p)
        if main not in names:
            raise InputError(p, f"not a Word document: the zip has no {main}")

        def read(name: str) -> bytes:
            info = zf.getinfo(name)
            if info.flag_bits & 0x1:
                raise InputError(p, "the document is password-protected (encrypted zip entries)")
            if info.file_size > limit:
                raise InputError(p, f"{name} inflates to {info.file_size / 2**20:.0f} MiB, over the "
                                    f"limit of {limit / 2**20:.0f} MiB (set ITU_REVIEW_MAX_XML_MB)")
            try:
                with zf.open(name) as fh:
                    data = fh.read(limit + 1)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
                raise InputError(p, f"cannot inflate {name}: {exc}") from None
            if len(data) > limit:
                raise InputError(p, f"{name} inflates past the limit of {limit / 2**20:.0f} MiB "
                                    "(set ITU_REVIEW_MAX_XML_MB)")
            return data

        document = read(main)
        folder = str(PurePosixPath(main).parent)
        notes: dict[str, bytes | None] = {"footnotes": None, "endnotes": None}
        for kind in notes:
            name = f"{folder}/{kind}.xml"
            if name in names:
                notes[kind] = read(name)
        pages = [(name, read(name)) for name in _page_parts(read, p, main, names)]
    return DocxParts(str(p), digest, main, document, notes["footnotes"], notes["endnotes"], names, pages)


def read_part(path: str | Path, name: str) -> bytes | None:
    """One more part of a package already read (styles.xml when a formatting change names a style), under
    the same size limit; None when it is missing or cannot be read (it only adds names to a description)."""
    limit = max_xml_bytes()
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(name)
            if info.file_size > limit or info.flag_bits & 0x1:
                return None
            with zf.open(info) as fh:
                data = fh.read(limit + 1)
    except (KeyError, OSError, zipfile.BadZipFile, EOFError, RuntimeError):
        return None
    return data if len(data) <= limit else None


def _page_parts(read: Callable[[str], bytes], path: Path, main: str, names: list[str]) -> list[str]:
    """The header and footer parts the main part refers to: headers first, each kind by its number."""
    folder = PurePosixPath(main).parent
    rels_name = f"{folder}/_rels/{PurePosixPath(main).name}.rels"
    if rels_name not in names:
        return []
    found: list[tuple[int, int, str]] = []
    for rel in parse_xml(read(rels_name), path, rels_name).iter(REL_NS + "Relationship"):
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        target = rel.get("Target", "")
        if kind not in ("header", "footer") or rel.get("TargetMode") == "External" or not target:
            continue
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"{folder}/{target}")
        digits = "".join(ch for ch in PurePosixPath(name).stem if ch.isdigit())
        if name in names and all(name != n for _, _, n in found):
            found.append((0 if kind == "header" else 1, int(digits) if digits else 0, name))
    return [name for _, _, name in sorted(found)]


def _main_part_name(zf: zipfile.ZipFile, path: Path) -> str:
    try:
        rels = zf.read("_rels/.rels")
    except KeyError:
        return "word/document.xml"
    root = parse_xml(rels, path, "_rels/.rels")
    for rel in root.iter(REL_NS + "Relationship"):
        if rel.get("Type", "").endswith("/officeDocument"):
            return rel.get("Target", "word/document.xml").lstrip("/")
    return "word/document.xml"
