"""Write .docx proposal packages with real Word tracked changes from a compact description.

Shared by ``samples/build.py`` (the bundled samples) and the benchmark generator. A paragraph is
written as a string with inline marks:

    {++inserted++}  {--deleted--}  {~~old~>new~~}      tracked insertion, deletion, replacement
    [[mf:NAME|text]]  [[mt:NAME|text]]                  the two halves of a tracked move
    [[b|text]]                                          text made bold (a tracked formatting change)
    [[fn:N]]                                            a reference to footnote N

and paragraph options: ``style``, ``rtl`` (right-to-left paragraph), ``mark`` ("ins"/"del": a
tracked paragraph mark), ``ppr_change`` (a tracked paragraph-properties change), ``numbered`` (an
item of a list Word numbers itself, a), b) …: the label is not in the text).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'

TOKEN = re.compile(r"\{\+\+(.*?)\+\+\}|\{--(.*?)--\}|\{~~(.*?)~>(.*?)~~\}|\[\[(mf|mt):([^|\]]+)\|(.*?)\]\]"
                   r"|\[\[b\|(.*?)\]\]|\[\[fn:(\d+)\]\]", re.S)


@dataclass
class Para:
    text: str
    style: str = ""
    rtl: bool = False
    mark: str = ""
    ppr_change: bool = False
    author: str = ""
    numbered: bool = False


@dataclass
class Table:
    """Rows of cell strings (inline marks allowed); ``row_marks[i]`` is "", "ins" or "del"."""

    rows: list[list[str]]
    row_marks: list[str] = field(default_factory=list)
    rtl: bool = False


Block = Para | Table


class Writer:
    """Accumulates WordprocessingML; revision ids are unique across the document."""

    def __init__(self, author: str = "Secretariat", date: str = "2026-10-01T09:00:00Z") -> None:
        self.author = author
        self.date = date
        self.next_id = 1
        self.parts: list[str] = []

    def _rid(self) -> int:
        self.next_id += 1
        return self.next_id

    def _attrs(self, author: str = "") -> str:
        return f'w:id="{self._rid()}" w:author="{escape(author or self.author, {chr(34): "&quot;"})}" w:date="{self.date}"'

    @staticmethod
    def _rpr(rtl: bool, extra: str = "") -> str:
        inner = ("<w:rtl/>" if rtl else "") + extra
        return f"<w:rPr>{inner}</w:rPr>" if inner else ""

    def _run(self, text: str, rtl: bool, deleted: bool = False, extra: str = "") -> str:
        tag = "w:delText" if deleted else "w:t"
        out: list[str] = []
        for k, piece in enumerate(text.split("\t")):
            if k:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<{tag} xml:space="preserve">{escape(piece)}</{tag}>')
        return f"<w:r>{self._rpr(rtl, extra)}{''.join(out)}</w:r>"

    def inline(self, text: str, rtl: bool, author: str = "") -> str:
        out: list[str] = []
        pos = 0
        for m in TOKEN.finditer(text):
            if m.start() > pos:
                out.append(self._run(text[pos:m.start()], rtl))
            if m.group(1) is not None:
                out.append(f"<w:ins {self._attrs(author)}>{self._run(m.group(1), rtl)}</w:ins>")
            elif m.group(2) is not None:
                out.append(f"<w:del {self._attrs(author)}>{self._run(m.group(2), rtl, True)}</w:del>")
            elif m.group(3) is not None:
                out.append(f"<w:del {self._attrs(author)}>{self._run(m.group(3), rtl, True)}</w:del>")
                out.append(f"<w:ins {self._attrs(author)}>{self._run(m.group(4), rtl)}</w:ins>")
            elif m.group(5) is not None:
                kind = "moveFrom" if m.group(5) == "mf" else "moveTo"
                rng = self._rid()
                out.append(f'<w:{kind}RangeStart w:id="{rng}" w:name="{m.group(6)}" w:author="{author or self.author}" '
                           f'w:date="{self.date}"/>')
                out.append(f"<w:{kind} {self._attrs(author)}>{self._run(m.group(7), rtl, kind == 'moveFrom')}</w:{kind}>")
                out.append(f'<w:{kind}RangeEnd w:id="{rng}"/>')
            elif m.group(8) is not None:
                change = f"<w:b/><w:rPrChange {self._attrs(author)}><w:rPr/></w:rPrChange>"
                out.append(self._run(m.group(8), rtl, extra=change))
            else:
                out.append(f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                           f'<w:footnoteReference w:id="{m.group(9)}"/></w:r>')
            pos = m.end()
        if pos < len(text):
            out.append(self._run(text[pos:], rtl))
        return "".join(out)

    def para(self, p: Para) -> str:
        ppr = []
        if p.style:
            ppr.append(f'<w:pStyle w:val="{p.style}"/>')
        if p.numbered:
            ppr.append('<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
        if p.rtl:
            ppr.append("<w:bidi/>")
        if p.mark:
            ppr.append(f"<w:rPr><w:{p.mark} {self._attrs(p.author)}/></w:rPr>")
        if p.ppr_change:
            ppr.append(f'<w:pPrChange {self._attrs(p.author)}><w:pPr><w:jc w:val="left"/></w:pPr></w:pPrChange>')
        return f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>{self.inline(p.text, p.rtl, p.author)}</w:p>"

    def table(self, t: Table) -> str:
        rows = []
        marks = t.row_marks + [""] * (len(t.rows) - len(t.row_marks))
        width = max(len(r) for r in t.rows)
        for cells, mark in zip(t.rows, marks):
            trpr = f"<w:trPr><w:{mark} {self._attrs()}/></w:trPr>" if mark else ""
            tcs = []
            for cell in cells:
                text = cell
                if mark == "ins" and "{++" not in cell:
                    text = "{++" + cell + "++}"
                elif mark == "del" and "{--" not in cell:
                    text = "{--" + cell + "--}"
                tcs.append(f'<w:tc><w:tcPr><w:tcW w:w="{9000 // width}" w:type="dxa"/></w:tcPr>'
                           f"{self.para(Para(text, rtl=t.rtl))}</w:tc>")
            rows.append(f"<w:tr>{trpr}{''.join(tcs)}</w:tr>")
        bidi = "<w:bidiVisual/>" if t.rtl else ""
        grid = "".join(f'<w:gridCol w:w="{9000 // width}"/>' for _ in range(width))
        return (f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>{bidi}<w:tblW w:w="9000" w:type="dxa"/></w:tblPr>'
                f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")

    def blocks(self, blocks: Iterable[Block]) -> str:
        return "".join(self.para(b) if isinstance(b, Para) else self.table(b) for b in blocks)


STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {NS}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Traditional Arabic"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before="120"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Proposal"><w:name w:val="Proposal"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ResNo"><w:name w:val="Res_No"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:jc w:val="center"/><w:spacing w:before="480"/></w:pPr><w:rPr><w:caps/><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Restitle"><w:name w:val="Res_title"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:jc w:val="center"/><w:spacing w:before="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Call"><w:name w:val="Call"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:ind w:left="794"/><w:spacing w:before="160"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Reasons"><w:name w:val="Reasons"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="20"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>
</w:styles>"""

SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings {NS}><w:trackRevisions/><w:defaultTabStop w:val="794"/><w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr></w:settings>"""

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
</Relationships>"""


# one list, numbered a), b) … as ITU texts label the items of "recalling", "considering" …
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="794" w:hanging="794"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"""
NUMBERING_TYPE = ('<Override PartName="/word/numbering.xml" '
                  'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>')
NUMBERING_REL = ('<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                 'numbering" Target="numbering.xml"/>')


def core_props(title: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(title)}</dc:title><dc:creator>itu-review samples</dc:creator>"
            '<dcterms:created xsi:type="dcterms:W3CDTF">2026-10-01T09:00:00Z</dcterms:created>'
            "</cp:coreProperties>")


def write_docx(path: Path, blocks: Sequence[Block], footnotes: dict[str, str] | None = None, *,
               title: str = "", author: str = "Secretariat", rtl: bool = False) -> Path:
    """Write a complete .docx that Word and LibreOffice open."""
    w = Writer(author)
    body = w.blocks(blocks)
    sect = ('<w:sectPr><w:pgSz w:w="11907" w:h="16840"/><w:pgMar w:top="1418" w:right="1134" w:bottom="1134" '
            f'w:left="1134" w:header="567" w:footer="567" w:gutter="0"/>{"<w:bidi/>" if rtl else ""}</w:sectPr>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NS}><w:body>{body}{sect}'
                "</w:body></w:document>")
    notes = ['<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
             "</w:footnote>"]
    for nid, text in (footnotes or {}).items():
        inner = w.inline(text, rtl)
        notes.append(f'<w:footnote w:id="{nid}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/>{"<w:bidi/>" if rtl else ""}'
                     f'</w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
                     f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{inner}</w:p></w:footnote>')
    footnotes_xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {NS}>{"".join(notes)}</w:footnotes>'
    path.parent.mkdir(parents=True, exist_ok=True)
    parts = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
             ("docProps/core.xml", core_props(title)), ("word/_rels/document.xml.rels", DOC_RELS),
             ("word/document.xml", document), ("word/styles.xml", STYLES),
             ("word/settings.xml", SETTINGS), ("word/footnotes.xml", footnotes_xml)]
    if any(isinstance(b, Para) and b.numbered for b in blocks):  # only then: other samples stay byte for byte
        parts[0] = (parts[0][0], CONTENT_TYPES.replace("</Types>", NUMBERING_TYPE + "\n</Types>"))
        parts[3] = (parts[3][0], DOC_RELS.replace("</Relationships>", NUMBERING_REL + "\n</Relationships>"))
        parts.append(("word/numbering.xml", NUMBERING))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2026, 10, 1, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return path


def text_package(blocks: Sequence[Block]) -> str:
    """The same package as CriticMarkup text, one paragraph a line (tables cell by cell)."""
    lines: list[str] = []
    for b in blocks:
        cells = [b.text] if isinstance(b, Para) else [c for row in b.rows for c in row]
        for c in cells:
            c = re.sub(r"\[\[mf:[^|\]]+\|(.*?)\]\]", r"{--\1--}", c)
            c = re.sub(r"\[\[mt:[^|\]]+\|(.*?)\]\]", r"{++\1++}", c)
            c = re.sub(r"\[\[b\|(.*?)\]\]", r"\1", c)
            lines.append(re.sub(r"\[\[fn:\d+\]\]", "", c))
    return "\n".join(lines) + "\n"
