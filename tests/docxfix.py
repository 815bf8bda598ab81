"""Build small .docx files from compact WordprocessingML strings, for corner-case tests."""

from __future__ import annotations

import zipfile
from pathlib import Path

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
</Relationships>"""


def r(text: str, rpr: str = "") -> str:
    """A run of text."""
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def ins(text: str, author: str = "A", rid: str = "1") -> str:
    return f'<w:ins w:id="{rid}" w:author="{author}" w:date="2026-01-01T00:00:00Z">{r(text)}</w:ins>'


def dele(text: str, author: str = "A", rid: str = "2") -> str:
    return (f'<w:del w:id="{rid}" w:author="{author}" w:date="2026-01-01T00:00:00Z"><w:r>'
            f'<w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>')


def p(*runs: str, mark: str = "", ppr: str = "") -> str:
    """A paragraph; ``mark`` is "ins" or "del" for a tracked paragraph mark."""
    rpr = f'<w:rPr><w:{mark} w:id="9{len(runs)}" w:author="A" w:date="2026-01-01T00:00:00Z"/></w:rPr>' if mark else ""
    return f"<w:p><w:pPr>{ppr}{rpr}</w:pPr>{''.join(runs)}</w:p>"


def make_docx(path: Path, body: str, footnotes: str | None = None) -> Path:
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", doc)
        if footnotes is not None:
            z.writestr("word/_rels/document.xml.rels", DOC_RELS)
            z.writestr("word/footnotes.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {NS}>'
                                             f"{footnotes}</w:footnotes>")
    return path
