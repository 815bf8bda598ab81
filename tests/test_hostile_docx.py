"""Hostile .docx content: symbols naming no character, very deep nesting, huge runs of empty marks.

Each is run through the command line in a separate process, as a user would, and must end with a
documented exit code and no traceback: read (exit 0), or refused in one line (exit 3).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from itu_review.ingest.docx import read_docx
from itu_review.package import load

from .conftest import run_cli
from .docxfix import make_docx, p, r

D = 'w:author="A" w:date="2026-01-01T00:00:00Z"'


def nested(opening: str, closing: str, depth: int, inner: str) -> str:
    return opening * depth + inner + closing * depth


def read_ok(path: Path, *commands: str) -> list[str]:
    """Every command reads the file: exit 0, no traceback; the outputs."""
    outs = []
    for command in commands:
        res = run_cli(command, str(path))
        assert res.returncode == 0, (command, res.stderr[-500:])
        assert "Traceback" not in res.stderr and "Error" not in res.stderr
        outs.append(res.stdout)
    return outs


@pytest.mark.parametrize("code", ["D800", "DFFF", "FFFFFFFFFFFFFFFFFFFFFFFFFFFF", "110000", "0"])
def test_a_symbol_naming_no_character_is_a_replacement_character_and_a_warning(tmp_path: Path, code: str) -> None:
    """A surrogate (D800) once reached the terminal and failed to encode; an overlong code raised
    OverflowError. Now: U+FFFD in the text, a package warning, and an edit warning inside an edit."""
    body = p(r("a"), f'<w:r><w:sym w:font="Symbol" w:char="{code}"/></w:r>',
             f'<w:ins w:id="1" {D}><w:r><w:sym w:font="Symbol" w:char="{code}"/></w:r></w:ins>')
    path = make_docx(tmp_path / "sym.docx", body)
    text, edits = read_ok(path, "text", "edits")
    assert text == "a\ufffd\ufffd\n"
    pkg = load(path)
    assert pkg.warnings == [f"a symbol (w:sym) names no character (code {code[:16]!r}): shown as U+FFFD"]
    (e,) = pkg.edits
    assert e.inserted == "\ufffd" and any("U+FFFD" in w for w in e.warnings)


def test_a_symbol_font_character_still_reads(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "ok.docx", p('<w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:sym w:char="03A9"/></w:r>'))
    assert read_ok(path, "text") == ["\u00b7\u03a9\n"]
    assert load(path).warnings == []


@pytest.mark.parametrize(("name", "opening", "closing", "depth"), [
    ("w:ins", f'<w:ins w:id="1" {D}>', "</w:ins>", 2040),
    ("w:hyperlink", "<w:hyperlink>", "</w:hyperlink>", 1500),
    ("w:smartTag", '<w:smartTag w:element="x">', "</w:smartTag>", 1500),
    ("w:sdt", "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>", 1000),
    ("w:del in w:ins", f'<w:ins w:id="1" {D}><w:del w:id="2" {D}>', "</w:del></w:ins>", 1000),
])
def test_deeply_nested_marks_are_read_without_recursion(tmp_path: Path, name: str, opening: str, closing: str,
                                                        depth: int) -> None:
    """1,000-2,047 levels once ended in RecursionError (the reader recursed once a level)."""
    path = make_docx(tmp_path / "deep.docx", "<w:p>" + nested(opening, closing, depth, r("deep")) + "</w:p>")
    text, _, _ = read_ok(path, "text", "edits", "list")
    assert text == ("\n" if name == "w:del in w:ins" else "deep\n")  # inserted, then deleted: in neither view
    kept = read_docx(path, keep_elements=True)  # the tree kept for writing back reads the same
    assert [x.any_text for x in kept.paragraphs] == ["" if name == "w:del in w:ins" else "deep"]


def test_deeper_than_the_parser_allows_is_refused_in_one_line(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "deeper.docx", "<w:p>" + nested(f'<w:ins w:id="1" {D}>', "</w:ins>", 3000, r("x")) + "</w:p>")
    res = run_cli("text", str(path))
    assert res.returncode == 3 and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and "malformed XML" in res.stderr
    # in words a reader can act on: not libxml2's advice to programmers
    assert "elements nested more than 2048 levels deep" in res.stderr and "XML_PARSE_HUGE" not in res.stderr


@pytest.mark.parametrize("depth", [400, 600])
def test_deeply_nested_tables_are_read(tmp_path: Path, depth: int) -> None:
    body = nested("<w:tbl><w:tr><w:tc>", p(r("x")) + "</w:tc></w:tr></w:tbl>", depth, p(r("deep")))
    path = make_docx(tmp_path / "tables.docx", body)
    (text,) = read_ok(path, "text")
    assert text.split("\n")[:2] == ["deep", "x"] and text.count("x") == depth
    pkg = load(path)
    assert pkg.paragraphs[0].cell == (depth, 1, 1)
    assert read_docx(path, keep_elements=True).paragraphs == pkg.paragraphs  # as apply reads it


def test_text_boxes_nested_in_text_boxes(tmp_path: Path) -> None:
    """Each box is read by a reader of its own once its anchor is read, so nesting is a queue, not recursion."""
    def box(inner: str) -> str:
        return ('<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
                f'{inner}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>')

    inner = p(r("core"))
    for k in range(150):
        inner = p(r(f"{k} "), box(inner))
    pkg = load(make_docx(tmp_path / "boxes.docx", inner))
    assert len(pkg.notes) == 150
    assert pkg.notes[("textbox", "textbox150")].paragraphs[0].any_text == "core"


def test_a_hundred_thousand_empty_marks_in_one_cell(tmp_path: Path) -> None:
    """100,000 empty w:ins runs in one table-cell paragraph (a 30 KB file): read, nothing to show. Each run
    is visited once and adds no segment, so the time grows with the runs, not with their square."""
    runs = f'<w:ins w:id="1" {D}><w:r><w:t></w:t></w:r></w:ins>' * 100_000
    path = make_docx(tmp_path / "empty.docx", f"<w:tbl><w:tr><w:tc><w:p>{runs}<w:r><w:t>end</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")
    text, edits = read_ok(path, "text", "edits")
    assert text == "end\n" and "(0 edits)" in edits
