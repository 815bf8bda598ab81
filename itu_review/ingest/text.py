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
from collections.abc import Iterator
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


def _closing_brackets(line: str) -> dict[int, int]:
    """For each ``[`` in the line that is closed, the index of its ``]`` (brackets nest)."""
    closing: dict[int, int] = {}
    opened: list[int] = []
    for m in _BRACKET.finditer(line):
        if m.group() == "[":
            opened.append(m.start())
        elif opened:
            closing[opened.pop()] = m.start()
    return closing


_BRACKET = re.compile(r"[\[\]]")


def _take_note_bodies(line: str) -> tuple[str, list[tuple[str, str]]]:
    """Cut ``[N: …]`` note bodies (brackets balanced) out of a line.

    The brackets are matched once for the whole line: scanning from each ``[N: `` to its end, as this
    did, took 18 s on a line of 5,000 unclosed ``[1: `` (each scan ran to the end of the line).
    """
    bodies: list[tuple[str, str]] = []
    out: list[str] = []
    pos = 0
    closing: dict[int, int] | None = None
    while True:
        m = NOTE_BODY_START.search(line, pos)
        if m is None:
            out.append(line[pos:])
            break
        if closing is None:
            closing = _closing_brackets(line)
        end = closing.get(m.start())
        if end is None:  # unbalanced: not a note body
            out.append(line[pos:m.end()])
            pos = m.end()
            continue
        out.append(line[pos:m.start()])
        body = line[m.end():end].strip()
        body = re.sub(r"^\d+\t\s*", "", body).strip()  # the note's own number, as printed
        bodies.append((m.group(1), body))
        pos = end + 1
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


#: CriticMarkup marks: the opener and the closer(s) that end it, in the order they must follow.
CRITIC_CLOSERS = {"{++": ("++}",), "{--": ("--}",), "{~~": ("~>", "~~}"), "{>>": ("<<}",), "{==": ("==}",)}


class _Finder:
    """``text.find(token, start)`` for starts that mostly grow, remembering the last answer per token:
    a start at or before that answer gets it again without a scan, so the scans for one token never
    overlap and all of them together read the text once. (The regular expression this replaced
    rescanned to the end of the text for every unclosed mark: 20 s for 20,000 unclosed ``{++``.)"""

    def __init__(self, text: str) -> None:
        self.text = text
        self.last: dict[str, tuple[int, int]] = {}  # token -> (start asked, index found or -1)

    def find(self, token: str, start: int) -> int:
        asked = self.last.get(token)
        if asked is not None and asked[0] <= start and (asked[1] == -1 or start <= asked[1]):
            return asked[1]
        found = self.text.find(token, start)
        self.last[token] = (start, found)
        return found


def _critic_marks(text: str) -> Iterator[tuple[int, int, str, list[str]]]:
    """Each complete mark: its start, its end, its opener and its parts (two for a substitution), in
    the order the regular expression ``\\{\\+\\+(.*?)\\+\\+\\}|…`` (DOTALL) would find them."""
    finder = _Finder(text)
    pos = 0
    while True:
        m = CRITIC.search(text, pos)
        if m is None:
            return
        opener, at = m.group(), m.end()
        parts: list[str] = []
        for closer in CRITIC_CLOSERS[opener]:
            found = finder.find(closer, at)
            if found < 0:
                break
            parts.append(text[at:found])
            at = found + len(closer)
        if len(parts) == len(CRITIC_CLOSERS[opener]):
            yield m.start(), at, opener, parts
            pos = at
        else:
            pos = m.start() + 1  # not a mark: its characters are text


def _read_critic(path: Path, digest: str, text: str) -> Package:
    paragraphs: list[Paragraph] = [Paragraph()]
    comments: list[tuple[int, int, str]] = []
    counter = 0
    run: list[str] = []  # the texts of the last segment, joined once it is complete (not += each time)

    def rev(kind: str) -> Revision:
        nonlocal counter
        counter += 1
        return Revision(kind, CRITIC_AUTHOR, "", str(counter))

    def close_run() -> None:
        if len(run) > 1:
            paragraphs[-1].segments[-1].text = "".join(run)
        run.clear()

    def add(chunk: str, r: Revision | None) -> None:
        parts = chunk.split("\n")
        for k, part in enumerate(parts):
            if part:
                segs = paragraphs[-1].segments
                if run and segs[-1].rev == r and segs[-1].note is None:
                    run.append(part)
                else:
                    close_run()
                    segs.append(Segment(part, r))
                    run.append(part)
            if k < len(parts) - 1:
                close_run()
                paragraphs[-1].mark = r  # a newline inside a mark is a tracked paragraph mark
                paragraphs.append(Paragraph())

    pos = 0
    for start, end, opener, parts in _critic_marks(text):
        add(text[pos:start], None)
        if opener == "{++":
            add(parts[0], rev(INS))
        elif opener == "{--":
            add(parts[0], rev(DEL))
        elif opener == "{~~":
            add(parts[0], rev(DEL))
            add(parts[1], rev(INS))
        elif opener == "{>>":
            comments.append((len(paragraphs) - 1, len(paragraphs[-1].segments) - 1, parts[0].strip()))
        else:
            add(parts[0], None)
        pos = end
    add(text[pos:], None)
    close_run()
    if paragraphs and not paragraphs[-1].segments and paragraphs[-1].mark is None:
        paragraphs.pop()
    return Package(str(path), digest, "criticmarkup", paragraphs, comments=comments)
