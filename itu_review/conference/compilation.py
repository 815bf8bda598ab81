"""The compilation .docx: every text with proposals, its text in force, every proposal's edits as Word
tracked changes by that proposal's source.

For each text (the collection's order, then texts not in it, draft new texts, unmatched proposals):
its heading; for each language its MODs are in, the text in force with every change placed in it as
a tracked change whose author is the source (``B``, ``ACP``, ``B/CAN/CLM/USA``; an identical change
from several sources is written once, by all of them: ``ACP, EUR``), so Word and LibreOffice show each
administration in its own colour. Changes that collide are not applied: the words they fight over
carry a Word comment that lists each. So accepting every change gives the text in force with every
non-colliding change applied. Then the collisions, the identical changes, what could not be placed,
and each proposal (SUP and NOC too) with its Reasons. Formatting-only edits are left out (they change
no words).

Written as WordprocessingML directly (strings, not python-docx objects): 300 texts and 60,000 edits
make a few hundred thousand runs, which python-docx builds many times slower.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import datetime, timezone
from xml.sax.saxutils import escape

from ..collisions import BREAK, WORDLESS, same_id_messages
from ..display.sanitize import xml_text
from ..output import plural
from ..views import accept_all, plain_text, resolve
from .grouping import ByText, Entry, TextGroup
from .layout import Change, Collision, Row, Version, lay_out

LANGUAGES = {"en": "English", "fr": "French", "es": "Spanish", "ru": "Russian", "zh": "Chinese", "ar": "Arabic"}
COMMENT_AUTHOR = "itu-review"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

#: Paragraph styles a reader of the compilation (and its tests) can find the parts by.
IN_FORCE_STYLE = "InForce"
TEXT_STYLE = "Heading1"
VERSION_STYLE = "Heading2"
SECTION_STYLE = "Heading3"


def _x(text: str) -> str:
    return escape(xml_text(text), {'"': "&quot;"})


class _Doc:
    """Accumulates the body and the comments; revision and comment ids are unique in the document."""

    def __init__(self) -> None:
        self.body: list[str] = []
        self.comments: list[str] = []
        self.next_id = 1
        self.date = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def rid(self) -> int:
        self.next_id += 1
        return self.next_id

    @staticmethod
    def run(text: str, rtl: bool = False, deleted: bool = False, bold: bool = False) -> str:
        tag = "w:delText" if deleted else "w:t"
        rpr = ("<w:b/>" if bold else "") + ("<w:rtl/>" if rtl else "")
        out = [f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}"]
        for k, piece in enumerate(text.split("\t")):
            if k:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<{tag} xml:space="preserve">{_x(piece)}</{tag}>')
        out.append("</w:r>")
        return "".join(out)

    def _attrs(self, author: str, date: str) -> str:
        return f'w:id="{self.rid()}" w:author="{_x(author)}"' + (f' w:date="{_x(date)}"' if date else "")

    def ins(self, text: str, author: str, date: str, rtl: bool) -> str:
        return f"<w:ins {self._attrs(author, date)}>{self.run(text, rtl)}</w:ins>"

    def dele(self, text: str, author: str, date: str, rtl: bool) -> str:
        return f"<w:del {self._attrs(author, date)}>{self.run(text, rtl, deleted=True)}</w:del>"

    def para(self, runs: str, style: str = "", rtl: bool = False, mark: str = "", author: str = "",
             date: str = "") -> None:
        ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + ("<w:bidi/>" if rtl else "")
        if mark:
            ppr += f"<w:rPr><w:{mark} {self._attrs(author, date)}/></w:rPr>"
        self.body.append(f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{runs}</w:p>")

    def text(self, text: str, style: str = "", rtl: bool = False, bold: bool = False) -> None:
        self.para(self.run(text, rtl, bold=bold), style, rtl)

    def comment(self, text: str) -> int:
        cid = len(self.comments)
        paras = "".join(f'<w:p><w:r><w:t xml:space="preserve">{_x(line)}</w:t></w:r></w:p>'
                        for line in text.split("\n"))
        self.comments.append(f'<w:comment w:id="{cid}" w:author="{COMMENT_AUTHOR}" w:date="{self.date}" '
                             f'w:initials="IR">{paras}</w:comment>')
        return cid


def _author(change: Change) -> str:
    return ", ".join(change.sources)


def _quote(text: str) -> str:
    return "“" + text.replace(BREAK, " ¶ ").strip() + "”" if text.strip() else "—"


def _file(entry: Entry) -> str:
    return entry.package.path.replace("\\", "/").rsplit("/", 1)[-1]


def _ids(entries: list[Entry], dup: set[str]) -> str:
    """Proposal ids, each with its files where the id is in several (``dup``: a reissue beside its
    original), so that two versions of one proposal are told apart."""
    files: dict[str, list[str]] = {}
    for e in entries:
        files.setdefault(e.id, []).append(_file(e))
    return ", ".join(f"{pid} [{', '.join(dict.fromkeys(fs))}]" if pid in dup else pid for pid, fs in files.items())


def _collision_head(col: Collision) -> str:
    """A collision's comment: administrations fighting over words, or one source whose files (a package
    beside its reissue, or another format of it) say it differently — not a dispute between sources."""
    if len(col.sources) == 1:
        return (f"Versions of {col.sources[0]}'s proposal differ here (the same proposal in several files); "
                "none is applied.")
    return "Collision: these proposals change these words differently; none is applied."


def _describe(change: Change, dup: set[str]) -> str:
    pc = change.first
    return f"{_ids(change.entries, dup)} ({_author(change)}): {_quote(pc.deleted)} → {_quote(pc.inserted)}"


def _row(doc: _Doc, version: Version, row: Row, rtl: bool, dup: set[str]) -> None:
    """One paragraph of the text in force with its changes tracked and its collisions commented."""
    items: list[tuple[int, int, Change | Collision]] = []
    for c in row.changes:
        if c.collision < 0 and not c.first.wordless:
            items.append((c.first.start, c.first.end, c))
    for col in version.collisions:
        if col.para == row.index:
            items.append((min(c.first.start for c in col.changes), max(c.first.end for c in col.changes), col))
    items.sort(key=lambda it: (it[0], it[1]))
    text = row.text
    runs: list[str] = []
    cursor = 0
    joins = False
    joins_author = ""

    def plain(upto: int) -> None:
        nonlocal cursor
        if upto > cursor:
            runs.append(doc.run(text[cursor:upto], rtl))
            cursor = upto

    for start, end, item in items:
        if start < cursor:  # cannot happen for changes that do not meet; kept safe all the same
            start = cursor
            end = max(end, cursor)
        plain(start)
        if isinstance(item, Collision):
            cid = doc.comment(_collision_head(item) + "\n" + "\n".join(_describe(c, dup) for c in item.changes))
            runs.append(f'<w:commentRangeStart w:id="{cid}"/>')
            plain(end)
            runs.append(f'<w:commentRangeEnd w:id="{cid}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/>'
                        f'</w:rPr><w:commentReference w:id="{cid}"/></w:r>')
            continue
        pc = item.first
        author, date = _author(item), pc.edit.date
        if end > start:
            runs.append(doc.dele(text[start:end], author, date, rtl))
        cursor = end
        for k, chunk in enumerate(pc.inserted.split(BREAK)):
            if k:
                doc.para("".join(runs), IN_FORCE_STYLE, rtl, "ins", author, date)
                runs = []
            if chunk:
                runs.append(doc.ins(chunk, author, date, rtl))
        if pc.joins_next:
            joins, joins_author = True, author
    plain(len(text))
    doc.para("".join(runs), IN_FORCE_STYLE, rtl, "del" if joins else "", joins_author)


def _entries(doc: _Doc, entries: list[Entry]) -> None:
    doc.text("Proposals", SECTION_STYLE)
    for e in entries:
        rtl = e.language == "ar"
        doc.text(f"{e.action} {e.id} · {e.source} · {e.package.path}", "ProposalLine", rtl, bold=True)
        if e.proposal.title:
            doc.text(e.proposal.title, "", rtl)
        doc.text(f"Reasons: {e.proposal.reasons}" if e.proposal.reasons else "Reasons: (none given)", "Reasons", rtl)


def _group(doc: _Doc, group: TextGroup, dup: set[str]) -> None:
    doc.text(f"{group.label} — {group.title}" if group.title and not group.key[0] == "draft" else group.label,
             TEXT_STYLE)
    doc.text(group.summary())
    for note in group.notes:
        doc.text(note)
    versions = lay_out(group) if group.key[0] not in ("", "draft") else []
    for v in versions:
        rtl = v.language == "ar"
        doc.text(f"{LANGUAGES.get(v.language, v.language or 'Unknown language')} — {v.heading}", VERSION_STYLE)
        for row in v.rows:
            _row(doc, v, row, rtl, dup)
        if v.collisions:
            doc.text("Collisions", SECTION_STYLE)
            for col in sorted(v.collisions, key=lambda col: col.para):  # in the text's order (found by cluster)
                one = len(col.sources) == 1
                doc.text(f"Paragraph {col.para + 1}: " + ("versions of one source's proposal differ: " if one else "") + "; ".join(_describe(c, dup) for c in col.changes), "", rtl)
        # once each: an identical change within a collision is described there; formatting is left out
        same = sorted((c for c in v.identical() if c.collision < 0 and not c.first.wordless), key=lambda c: c.first.para)
        if same:
            doc.text("Identical changes", SECTION_STYLE)
            for c in same:
                doc.text(f"Paragraph {c.first.para + 1}: {_describe(c, dup)}", "", rtl)
        unplaced = [(entry, edit) for entry, edit in v.unplaced if edit.kind not in WORDLESS]
        if unplaced:
            doc.text("Not placed in the text", SECTION_STYLE)
            for entry, edit in unplaced:
                where = f", {_file(entry)}" if entry.id in dup else ""
                doc.text(f"{edit.id} ({entry.source}{where}, {edit.kind}): {_quote(edit.deleted)} → "
                         f"{_quote(edit.inserted)}" + (f" [{edit.note}]" if edit.note else ""), "", rtl)
    if not versions and group.in_force and group.key[0] != "draft":
        text = group.in_force[0]
        doc.text(f"{LANGUAGES.get(text.lang, text.lang)} — in force: {text.heading}", VERSION_STYLE)
        for p in text.paragraphs:
            doc.text(p, IN_FORCE_STYLE, text.lang == "ar")
    if group.key[0] == "draft":
        for e in group.entries:
            rtl = e.language == "ar"
            doc.text(f"{e.action} {e.id} · {e.source}", VERSION_STYLE, rtl)
            for ln in resolve(e.package.paragraphs, accept_all, e.proposal.paras):
                if ln.text.strip():
                    doc.text(plain_text(ln), IN_FORCE_STYLE, rtl)
    _entries(doc, group.entries)


def body_groups(by_text: ByText) -> Iterator[TextGroup]:
    """The groups the compilation holds, in its order."""
    yield from by_text.groups


def compilation_docx(by_text: ByText, title: str = "Compilation of proposals") -> bytes:
    """The compilation as the bytes of a .docx."""
    doc = _Doc()
    n_props = sum(len(g.entries) for g in by_text.groups)
    sources = {e.source for g in by_text.groups for e in g.entries}
    doc.text(title, "Title")
    doc.text(f"{plural(n_props, 'proposal')} from {plural(len(sources), 'source')} on "
             f"{plural(len(by_text.groups), 'text')}. Each source's "
             f"changes are tracked changes by that source; collisions carry a comment and are not applied.")
    for line, _ in same_id_messages(by_text.duplicates):
        doc.text(line[0].upper() + line[1:])
    for group in body_groups(by_text):
        _group(doc, group, set(by_text.duplicates))
    return _package(doc)


def _package(doc: _Doc) -> bytes:
    sect = '<w:sectPr><w:pgSz w:w="11907" w:h="16840"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" ' \
           'w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>'
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}" '
                f'xmlns:r="{R_NS}"><w:body>{"".join(doc.body)}{sect}</w:body></w:document>')
    comments = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="{W_NS}">'
                f'{"".join(doc.comments)}</w:comments>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                           ("word/_rels/document.xml.rels", DOC_RELS), ("word/document.xml", document),
                           ("word/styles.xml", STYLES), ("word/settings.xml", SETTINGS),
                           ("word/comments.xml", comments)):
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>
</Relationships>"""

SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="794"/></w:settings>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Traditional Arabic" w:eastAsia="SimSun"/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before="80"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="480"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="30"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="200"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="{IN_FORCE_STYLE}"><w:name w:val="In force"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="284"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ProposalLine"><w:name w:val="Proposal"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="160"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Reasons"><w:name w:val="Reasons"/><w:basedOn w:val="Normal"/><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/><w:rPr><w:sz w:val="16"/></w:rPr></w:style>
</w:styles>"""
