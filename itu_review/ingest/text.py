"""Plain-text packages, one paragraph a line: flattened extractions and CriticMarkup.

A flattened extraction (Tika-style text of a .docx) lost its revision marks: deleted and inserted
text run together. Its artefacts — ``[bookmark: _Toc…]`` anchors, ``[footnoteRef:N]`` references
with the note's text appended as ``[N: …]``, field errors, running headers — become clean text and
real footnotes. CriticMarkup (``{++ins++}``, ``{--del--}``, ``{~~old~>new~~}``, ``{>>comment<<}``,
``{==highlight==}``) gives edits just as tracked changes do.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..errors import InputError
from ..model import DEL, INS, Note, Package, Paragraph, Revision, Segment
from .lang import detect_language

BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
FOOTNOTE_REF = re.compile(r"\[(footnoteRef|endnoteRef):(\d+)\]")
NOTE_BODY_START = re.compile(r"\[(\d+): ")
FIELD_ERRORS = re.compile(r"Error! (Unknown document property name|Reference source not found|"
                          r"Bookmark not defined|No text of specified style in document)\.")
RUNNING_HEADER = re.compile(r"^\s*\d*\s*(PP|WRC|WTDC|WTSA|CWG|C)\d{2}/\d+(\(Add\.\d+\))?(\(Rev\.\d+\))?-[ACEFRS]\s*$")
CRITIC = re.compile(r"\{\+\+|\{--|\{~~|\{>>|\{==")
CRITIC_AUTHOR = "CriticMarkup"
LOST_MARKS = ("revision marks were lost in extraction (flattened text): deleted and inserted text run "
              "together and no edit can be shown")


def read_text(path: Path) -> Package:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a package file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if b"\0" in raw[:65536]:
        raise InputError(path, "a binary file, not a text package")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (byte {exc.start})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(raw).hexdigest()
    if CRITIC.search(text):
        pkg = _read_critic(path, digest, text)
    else:
        pkg = _read_flattened(path, digest, text)
    pkg.language = detect_language(text)
    return pkg


def _take_note_bodies(line: str) -> tuple[str, list[tuple[str, str]]]:
    """Cut ``[N: …]`` note bodies (brackets balanced) out of a line."""
    bodies: list[tuple[str, str]] = []
    out: list[str] = []
    pos = 0
    while True:
        m = NOTE_BODY_START.search(line, pos)
        if m is None:
            out.append(line[pos:])
            break
        depth, k = 1, m.end()
        while k < len(line) and depth:
            depth += {"[": 1, "]": -1}.get(line[k], 0)
            k += 1
        if depth:  # unbalanced: not a note body
            out.append(line[pos:m.end()])
            pos = m.end()
            continue
        out.append(line[pos:m.start()])
        body = line[m.end():k - 1].strip()
        body = re.sub(r"^\d+\t\s*", "", body).strip()  # the note's own number, as printed
        bodies.append((m.group(1), body))
        pos = k
    text = "".join(out)
    return (text.rstrip() if bodies else text), bodies


def _read_flattened(path: Path, digest: str, text: str) -> Package:
    paragraphs: list[Paragraph] = []
    notes: dict[tuple[str, str], Note] = {}
    for raw_line in text.split("\n"):
        if RUNNING_HEADER.match(raw_line):
            continue
        line = BOOKMARK.sub("", raw_line)
        line = FIELD_ERRORS.sub("", line)
        line, bodies = _take_note_bodies(line)
        for nid, body in bodies:
            notes[("footnote", nid)] = Note("footnote", nid, [Paragraph([Segment(body)], container=f"footnote:{nid}")])
        para = Paragraph()
        pos = 0
        for m in FOOTNOTE_REF.finditer(line):
            if m.start() > pos:
                para.segments.append(Segment(line[pos:m.start()]))
            kind = "footnote" if m.group(1) == "footnoteRef" else "endnote"
            para.segments.append(Segment("", note=(kind, m.group(2))))
            pos = m.end()
        if pos < len(line):
            para.segments.append(Segment(line[pos:]))
        paragraphs.append(para)
    while paragraphs and not paragraphs[-1].any_text.strip() and not paragraphs[-1].segments:
        paragraphs.pop()
    return Package(str(path), digest, "flattened", paragraphs, notes, warnings=[LOST_MARKS])


def _read_critic(path: Path, digest: str, text: str) -> Package:
    paragraphs: list[Paragraph] = [Paragraph()]
    comments: list[tuple[int, int, str]] = []
    counter = 0

    def rev(kind: str) -> Revision:
        nonlocal counter
        counter += 1
        return Revision(kind, CRITIC_AUTHOR, "", str(counter))

    def add(chunk: str, r: Revision | None) -> None:
        parts = chunk.split("\n")
        for k, part in enumerate(parts):
            if part:
                segs = paragraphs[-1].segments
                if segs and segs[-1].rev == r and segs[-1].note is None:
                    segs[-1].text += part
                else:
                    segs.append(Segment(part, r))
            if k < len(parts) - 1:
                paragraphs[-1].mark = r  # a newline inside a mark is a tracked paragraph mark
                paragraphs.append(Paragraph())

    pos = 0
    for m in re.finditer(r"\{\+\+(.*?)\+\+\}|\{--(.*?)--\}|\{~~(.*?)~>(.*?)~~\}|\{>>(.*?)<<\}|\{==(.*?)==\}",
                         text, re.S):
        add(text[pos:m.start()], None)
        if m.group(1) is not None:
            add(m.group(1), rev(INS))
        elif m.group(2) is not None:
            add(m.group(2), rev(DEL))
        elif m.group(3) is not None:
            add(m.group(3), rev(DEL))
            add(m.group(4), rev(INS))
        elif m.group(5) is not None:
            comments.append((len(paragraphs) - 1, len(paragraphs[-1].segments) - 1, m.group(5).strip()))
        else:
            add(m.group(6), None)
        pos = m.end()
    add(text[pos:], None)
    if paragraphs and not paragraphs[-1].segments and paragraphs[-1].mark is None:
        paragraphs.pop()
    return Package(str(path), digest, "criticmarkup", paragraphs, comments=comments)
