"""Damaged and hostile .docx zips, made by patching the bytes of a small valid one: corrupt deflate
data, a wrong CRC, an unknown compression method, the encryption flag, a member name that is not
UTF-8, a central directory offset past the end, two members of one name."""

from __future__ import annotations

import io
import struct
import warnings
import zipfile

from .docxfix import CONTENT_TYPES, NS, RELS

DOC = f'<w:document {NS}><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>'
LOCAL, CENTRAL = b"PK\x03\x04", b"PK\x01\x02"


def build(members: list[tuple[str, str | bytes]]) -> bytearray:
    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        warnings.simplefilter("ignore")  # "Duplicate name": on purpose
        for name, data in members:
            z.writestr(name, data)
    return bytearray(buf.getvalue())


def members(*extra: tuple[str, str | bytes]) -> list[tuple[str, str | bytes]]:
    return [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("word/document.xml", DOC), *extra]


def _headers(data: bytearray, name: str) -> tuple[int, int]:
    """Offsets of the member's local header and of its central directory entry."""
    wanted = name.encode()
    found = {}
    for sig, name_len_at, name_at in ((LOCAL, 26, 30), (CENTRAL, 28, 46)):
        i = data.find(sig)
        while i >= 0:
            n = struct.unpack_from("<H", data, i + name_len_at)[0]
            if bytes(data[i + name_at:i + name_at + n]) == wanted:
                found[sig] = i
                break
            i = data.find(sig, i + 4)
    return found[LOCAL], found[CENTRAL]


def set_field(data: bytearray, name: str, field: str, value: int) -> bytearray:
    """Set the compression method or CRC, or OR bits into the flags, in both headers."""
    local, central = _headers(data, name)
    at = {"flags": (6, 8), "method": (8, 10), "crc": (14, 16)}[field]
    fmt = "<I" if field == "crc" else "<H"
    for base, off in ((local, at[0]), (central, at[1])):
        if field == "flags":
            value_here = struct.unpack_from(fmt, data, base + off)[0] | value
        else:
            value_here = value
        struct.pack_into(fmt, data, base + off, value_here)
    return data


def corrupt_data(data: bytearray, name: str) -> bytearray:
    """Scramble the member's compressed bytes (the CRC stays: the inflater fails first)."""
    local, _ = _headers(data, name)
    name_len, extra_len = struct.unpack_from("<HH", data, local + 26)
    start = local + 30 + name_len + extra_len
    size = struct.unpack_from("<I", data, local + 18)[0]
    for k in range(start, start + size):
        data[k] ^= 0x5A
    return data


def non_utf8_name(data: bytearray, name: str) -> bytearray:
    """The member's name starts with byte 0xFF while its flags say the name is UTF-8."""
    local, central = _headers(data, name)
    for base, name_at in ((local, 30), (central, 46)):
        data[base + name_at] = 0xFF
    for base, off in ((local, 6), (central, 8)):
        struct.pack_into("<H", data, base + off, struct.unpack_from("<H", data, base + off)[0] | 0x800)
    return data


def bad_directory_offset(data: bytearray) -> bytearray:
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<I", data, end + 16, 0x7FFFFFF0)
    return data


PNG = b"\x89PNG" + bytes(range(256)) * 40


def damaged() -> dict[str, tuple[bytes, str]]:
    """name -> (zip bytes, what the one-line error must say)."""
    cases = {
        "corrupt deflate in document.xml": (corrupt_data(build(members()), "word/document.xml"),
                                            "cannot read word/document.xml: damaged zip (Error -3"),
        "corrupt deflate in _rels/.rels": (corrupt_data(build(members()), "_rels/.rels"),
                                           "cannot read _rels/.rels: damaged zip (Error -3"),
        "bad CRC of _rels/.rels": (set_field(build(members()), "_rels/.rels", "crc", 0xDEADBEEF),
                                   "cannot read _rels/.rels: damaged zip (Bad CRC-32"),
        "compression method 9": (set_field(build(members()), "_rels/.rels", "method", 9),
                                 "compression method is not supported"),
        "compression method 99": (set_field(build(members()), "_rels/.rels", "method", 99),
                                  "compression method is not supported"),
        "encrypted _rels/.rels": (set_field(build(members()), "_rels/.rels", "flags", 1),
                                  "password-protected (encrypted zip entries)"),
        "central directory offset": (bad_directory_offset(build(members())), "damaged zip"),
        "member name not UTF-8": (non_utf8_name(build(members(("word/styles.xml", "<x/>"))), "word/styles.xml"),
                                  "a member name is not valid UTF-8"),
        "no [Content_Types].xml": (build(members()[1:]), "the zip has no [Content_Types].xml"),
        "two word/document.xml": (build(members(("word/document.xml", DOC.replace("Hello", "Other")))),
                                  "two members named 'word/document.xml' (refused: tools disagree"),
        "two names differing in case": (build(members(("Word/Document.xml", DOC))),
                                        "two members named 'Word/Document.xml'"),
        "malformed _rels/.rels": (build([members()[0], ("_rels/.rels", "<Relationships"), members()[2]]),
                                  "malformed XML in _rels/.rels"),
    }
    return {k: (bytes(v), msg) for k, (v, msg) in cases.items()}


def damaged_for_apply() -> dict[str, tuple[bytes, str]]:
    """Damage only `apply` meets: in members it copies or in the parts it edits."""
    cases = {
        "corrupt deflate in an image": (corrupt_data(build(members(("word/media/image1.png", PNG))),
                                                     "word/media/image1.png"),
                                        "cannot read word/media/image1.png: damaged zip"),
        "malformed [Content_Types].xml": (build([("[Content_Types].xml", "<Types"), *members()[1:]]),
                                          "malformed XML in [Content_Types].xml"),
        "malformed document relationships": (build(members(("word/_rels/document.xml.rels", "<Relationships"))),
                                             "malformed XML in word/_rels/document.xml.rels"),
        "malformed comments": (build(members(("word/comments.xml", "<w:comments"))),
                               "malformed XML in word/comments.xml"),
    }
    return {k: (bytes(v), msg) for k, (v, msg) in cases.items()}
