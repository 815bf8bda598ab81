"""Formatting edits say what changed ("bold removed", "style Heading 1 → Normal"), in `edits` too."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from itu_review.cli import main
from itu_review.package import load

from .docxfix import NS, make_docx, p, r

DATE = 'w:author="B" w:date="2026-02-02T10:00:00Z"'
STYLES = (f'<w:styles {NS}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'
          '<w:style w:type="character" w:styleId="Emph"><w:name w:val="Emphasis"/></w:style></w:styles>')


def changed(new: str, old: str, rid: int) -> str:
    """Run properties ``new`` that were ``old`` before a tracked change."""
    return f'{new}<w:rPrChange w:id="{rid}" {DATE}><w:rPr>{old}</w:rPr></w:rPrChange>'


def package(tmp: Path) -> Path:
    body = (p(r("plain "), r("was bold", changed("", "<w:b/>", 1)), r(" "), r("now italic", changed("<w:i/>", "", 2)))
            + p(r("bigger, underlined, raised", changed('<w:sz w:val="24"/><w:u w:val="single"/><w:vertAlign w:val="superscript"/>',
                                                        '<w:sz w:val="20"/>', 3)))
            + p(r("styled", changed('<w:rStyle w:val="Emph"/><w:color w:val="FF0000"/>', "", 4)))
            + p(r("Was a heading"), ppr=f'<w:ind w:left="720"/><w:jc w:val="center"/><w:keepNext/>'
                f'<w:pPrChange w:id="5" {DATE}><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:pPrChange>'))
    path = make_docx(tmp / "format.docx", body)
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("word/styles.xml", STYLES)
    return path


def test_format_edits_say_what_changed(tmp_path: Path) -> None:
    pkg = load(package(tmp_path))
    assert [(e.kind, e.subject, e.detail) for e in pkg.edits] == [
        ("format", "was bold", "bold removed"),
        ("format", "now italic", "italic added"),
        ("format", "bigger, underlined, raised", "font size 10 pt \u2192 12 pt; underline added; superscript added"),
        ("format", "styled", "character style Default Paragraph Font \u2192 Emphasis; colour default \u2192 FF0000"),
        ("paragraph-format", "Was a heading",
         "indent 0 \u2192 720; alignment default \u2192 center; keep with next added; style Heading 1 \u2192 Normal")]


def test_text_edits_have_no_detail_and_an_unnamed_style_keeps_its_id(tmp_path: Path) -> None:
    from .docxfix import dele, ins

    body = p(dele("old"), ins("new"), r("x", changed('<w:rStyle w:val="Mine"/>', "", 9)))
    pkg = load(make_docx(tmp_path / "t.docx", body))  # no styles.xml at all
    assert [(e.kind, e.detail) for e in pkg.edits] == [("replace", ""),
                                                       ("format", "character style Default Paragraph Font \u2192 Mine")]


def test_edits_shows_the_detail_in_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(package(tmp_path))
    assert main(["edits", path, "--format", "json"]) == 0
    assert [e["detail"] for e in json.loads(capsys.readouterr().out)["edits"]][:2] == ["bold removed", "italic added"]
    assert main(["edits", path, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert [row["detail"] for row in rows][:2] == ["bold removed", "italic added"]
    assert main(["edits", path]) == 0
    table = capsys.readouterr().out.splitlines()
    head = next(n for n, line in enumerate(table) if line.startswith("id "))
    assert table[head].split() == ["id", "kind", "deleted", "inserted", "detail"]  # one author: named above
    assert ", all by " in table[head - 1]
    assert "bold removed" in table[head + 1] and "italic added" in table[head + 2]
