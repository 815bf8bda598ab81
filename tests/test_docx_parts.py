"""Word content the reader once skipped: text boxes, headers and footers, equations, content controls
around table rows and cells, numbering changes and ISO/IEC 29500 Strict documents — each read, with
its revisions as edits, on the corpus file that has it and on a small hand-made one."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from itu_review.cli import main
from itu_review.ingest.docx import read_docx
from itu_review.model import INS, PARA_FORMAT, Revision
from itu_review.package import load
from itu_review.views import accept_all, plain_text, reject_all, resolve

from .conftest import CORPUS, run_cli
from .docxfix import CONTENT_TYPES, NS, RELS, dele, ins, make_docx, p, r

PT = CORPUS / "open-xml-powertools"
DATE = 'w:author="B" w:date="2026-02-02T10:00:00Z"'
MATH = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def views(paragraphs: list) -> tuple[list[str], list[str]]:  # type: ignore[type-arg]
    return ([plain_text(x) for x in resolve(paragraphs, reject_all)],
            [plain_text(x) for x in resolve(paragraphs, accept_all)])


def edits(pkg) -> list[tuple[str, str, str, str, str]]:  # type: ignore[no-untyped-def]
    return [(e.id, e.kind, e.deleted, e.inserted, e.note) for e in pkg.edits]


def text_box(*paragraphs: str) -> str:
    """A run holding a DrawingML text box (as Word 2010+ writes it, without the VML fallback)."""
    return ('<w:r><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
            '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData>'
            '<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx>'
            f'<w:txbxContent>{"".join(paragraphs)}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>'
            '</wp:anchor></w:drawing></w:r>')


def with_parts(path: Path, body: str, parts: dict[str, tuple[str, str]]) -> Path:
    """A .docx whose document refers to more parts: {part name: (relationship type, XML)}."""
    rels = "".join(f'<Relationship Id="rId{n}" Type="{REL}/{kind}" Target="{name.removeprefix("word/")}"/>'
                   for n, (name, (kind, _)) in enumerate(parts.items(), 10))
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {NS}><w:body>{body}</w:body></w:document>')
        z.writestr("word/_rels/document.xml.rels", '<?xml version="1.0"?><Relationships xmlns='
                   f'"http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        for name, (_, xml) in parts.items():
            z.writestr(name, xml)
    return path


# -- text boxes ---------------------------------------------------------------------------------------

def test_a_text_box_is_read_once_after_its_anchor_and_its_revisions_are_edits(capsys: pytest.CaptureFixture[str]) -> None:
    """WC066: an inserted run anchors a text box (mc:Choice, DrawingML) whose paragraph is inserted; Word
    keeps a VML copy of it (mc:Fallback), which is the same box and is not read twice."""
    path = CORPUS / "open-xml-powertools" / "WC066-Textbox-Before-Ins-Mod.docx"
    pkg = load(path)
    assert list(pkg.notes) == [("textbox", "textbox1")]
    assert views(pkg.notes[("textbox", "textbox1")].paragraphs) == ([""], ["This is a test."])
    assert edits(pkg) == [("DOC#1", "insert", "", "", ""), ("DOC#2", "insert", "", "This is a test.", "textbox:textbox1")]
    assert pkg.edits[0].detail == "text box 1 inserted"
    content = read_docx(path, keep_elements=True)
    (box_p,) = content.box_elements[("textbox", "textbox1")]
    assert box_p.getparent().tag.endswith("txbxContent") and any(a.tag.endswith("Choice") for a in box_p.iterancestors())
    fallback = content.box_fallbacks[("textbox", "textbox1")]
    assert fallback.tag.endswith("txbxContent") and any(a.tag.endswith("Fallback") for a in fallback.iterancestors())
    assert main(["text", str(path), "--notes"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("[^textbox1]Video provides") and out.endswith("[^textbox1]: This is a test.\n")


def test_text_boxes_in_a_cell_in_a_text_box_and_in_a_footnote(tmp_path: Path) -> None:
    nested = text_box(p(ins("nested", rid="31")))
    outer = text_box(p(r("box "), ins("inserted", rid="30")) + p(nested))
    body = ("<w:tbl><w:tr><w:tc>" + p(r("cell "), outer, dele("old", rid="20")) + "</w:tc></w:tr></w:tbl>"
            + p(r("body"), '<w:r><w:footnoteReference w:id="1"/></w:r>'))
    notes = '<w:footnote w:id="1">' + p(r("note "), text_box(p(dele("gone", rid="40")))) + "</w:footnote>"
    pkg = load(make_docx(tmp_path / "boxes.docx", body, notes))
    assert sorted(pkg.notes) == [("footnote", "1"), ("textbox", "textbox1"), ("textbox", "textbox2"),
                                 ("textbox", "textbox3")]
    # each box's edits come right after those of the paragraph that anchors it, a box in a box after it
    assert edits(pkg) == [("DOC#1", "delete", "old", "", ""), ("DOC#2", "insert", "", "inserted", "textbox:textbox1"),
                          ("DOC#3", "insert", "", "nested", "textbox:textbox2"),
                          ("DOC#4", "delete", "gone", "", "textbox:textbox3")]
    assert views(pkg.notes[("textbox", "textbox1")].paragraphs) == (["box ", ""], ["box inserted", ""])
    assert [s.note for s in pkg.paragraphs[0].segments if s.note] == [("textbox", "textbox1")]


# -- headers and footers ------------------------------------------------------------------------------

def test_tracked_headers_and_footers_are_the_HEADERS_proposal() -> None:
    """stress023 has an inserted paragraph mark in footer2 (and an inserted PAGE field around the page
    number, which changes no text). Headers and footers belong to every page, not to one proposal."""
    path = CORPUS / "apache-poi" / "stress023.docx"
    pkg = load(path)
    prop = pkg.proposals[-1]
    assert (prop.id, prop.action, prop.title) == ("HEADERS", "", "(headers and footers)")
    assert [(e.id, e.kind, e.inserted, e.rids) for e in prop.edits] == [("HEADERS#1", "split", "\u00b6", ("241",))]
    assert {pkg.paragraphs[i].container for i in prop.paras} == {"footer:footer2"}
    assert all(e.proposal == "DOC" for e in pkg.edits[:-1]) and len(pkg.edits) == 76
    res = run_cli("show", str(path), "HEADERS")
    assert res.returncode == 0 and "As of Dec 2019" in res.stdout
    content = read_docx(path, keep_elements=True)
    assert content.pages == {"footer:footer2": "word/footer2.xml"} and "word/footer2.xml" in content.trees


def test_headers_without_revisions_are_left_out(tmp_path: Path) -> None:
    hdr = f'<w:hdr {NS}>{{}}</w:hdr>'
    tracked = with_parts(tmp_path / "tracked.docx", p(r("Body text")), {
        "word/header1.xml": ("header", hdr.format(p(r("Document 67"), ins("(Rev.1)", rid="7")))),
        "word/footer1.xml": ("footer", f'<w:ftr {NS}>{p(r("page"))}</w:ftr>')})
    pkg = load(tracked)
    assert [x.id for x in pkg.proposals] == ["DOC", "HEADERS"]
    assert edits(pkg) == [("HEADERS#1", "insert", "", "(Rev.1)", "")]
    assert [plain_text(x) for x in resolve(pkg.paragraphs, accept_all)] == ["Body text", "Document 67(Rev.1)"]
    plain = with_parts(tmp_path / "plain.docx", p(r("Body text")), {"word/header1.xml": ("header", hdr.format(p(r("x"))))})
    pkg = load(plain)
    assert [x.id for x in pkg.proposals] == ["DOC"] and len(pkg.paragraphs) == 1


# -- equations ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "kind", "deleted", "inserted"), [
    ("RP013-Deleted-Math-Control-Char.docx", "delete", "2", ""),
    ("RP014-Inserted-Math-Control-Char.docx", "insert", "", "2")])
def test_a_revision_inside_an_equation_is_an_edit(name: str, kind: str, deleted: str, inserted: str) -> None:
    """m:r holding w:del / w:ins (A=2πr² against A=πr²): the views are the oracles' (test_oracles)."""
    pkg = load(PT / name)
    assert [(e.kind, e.deleted, e.inserted, e.before, e.after) for e in pkg.edits] == [(kind, deleted, inserted, "A=", "πr2")]


def test_equation_text_in_order_with_revisions_around_math_runs(tmp_path: Path) -> None:
    fraction = (f'<m:oMath {MATH}><m:r><m:t>x=</m:t></m:r><m:f><m:fPr><m:ctrlPr/></m:fPr><m:num><m:r><m:t>a</m:t></m:r>'
                f'</m:num><m:den><m:r><m:t>b</m:t></m:r></m:den></m:f><w:ins w:id="5" {DATE}><m:r><m:t>+c</m:t></m:r>'
                f'</w:ins><w:del w:id="6" {DATE}><m:r><m:t>-d</m:t></m:r></w:del></m:oMath>')
    pkg = load(make_docx(tmp_path / "math.docx", p(r("Let "), fraction)))
    assert views(pkg.paragraphs) == (["Let x=ab-d"], ["Let x=ab+c"])
    assert [(e.kind, e.deleted, e.inserted, e.rids) for e in pkg.edits] == [("replace", "-d", "+c", ("5", "6"))]


# -- content controls around rows and cells -----------------------------------------------------------

def test_rows_and_cells_inside_content_controls_are_read() -> None:
    """Complex01 wraps table rows and cells in w:sdt; pandoc and LibreOffice show "100 200 300"."""
    pkg = load(CORPUS / "open-xml-sdk" / "Complex01.docx")
    lines = [plain_text(x) for x in resolve(pkg.paragraphs, accept_all)]
    start = lines.index("100")
    assert lines[start:start + 6] == ["100", "200", "300", "400", "500", "600"]
    texts = [p.any_text for p in pkg.paragraphs]
    first, last = pkg.paragraphs[texts.index("100")].cell, pkg.paragraphs[texts.index("600")].cell
    assert first is not None and last is not None
    assert (last[0], last[1] - first[1], first[2], last[2]) == (first[0], 1, 1, 3)  # one table, two rows of three


def test_a_tracked_row_inside_a_content_control(tmp_path: Path) -> None:
    def cell(text: str) -> str:
        return f"<w:tc>{p(r(text))}</w:tc>"

    body = ("<w:tbl><w:tr>" + cell("a") + "<w:sdt><w:sdtContent>" + cell("b") + "</w:sdtContent></w:sdt></w:tr>"
            f'<w:sdt><w:sdtContent><w:tr><w:trPr><w:ins w:id="3" {DATE}/></w:trPr>' + cell("c")
            + '<w:customXml w:element="x">' + cell("d") + "</w:customXml></w:tr></w:sdtContent></w:sdt></w:tbl>")
    pkg = load(make_docx(tmp_path / "rows.docx", body))
    assert views(pkg.paragraphs) == (["a", "b"], ["a", "b", "c", "d"])
    assert [(e.kind, e.inserted) for e in pkg.edits] == [("row-insert", "c | d")]
    assert [x.cell for x in pkg.paragraphs] == [(1, 1, 1), (1, 1, 2), (1, 2, 1), (1, 2, 2)]


# -- numbering ----------------------------------------------------------------------------------------

def test_inserted_numbering_is_a_paragraph_format_edit() -> None:
    """RP021: w:numPr holding w:ins — numbering added to a paragraph. Rejecting it removes the w:numPr."""
    pkg = load(PT / "RP021-Inserted-Numbering-Properties.docx")
    (e,) = pkg.edits
    assert (e.kind, e.subject, e.detail, e.rids) == ("paragraph-format", "This is a test.", "numbering added", ("0",))
    para = pkg.paragraphs[e.para]
    assert para.ppr is None and para.ppr_edit == e.index
    assert para.numbering == Revision(INS, "Eric White", "2017-03-26T03:50:00Z", "0", "", "numbering added")


def test_numbering_changed_in_a_paragraph_properties_change(tmp_path: Path) -> None:
    num = '<w:numPr><w:ilvl w:val="{}"/><w:numId w:val="3"/></w:numPr>'
    ppr = (num.format(1) + f'<w:pPrChange w:id="4" {DATE}><w:pPr>{num.format(0)}</w:pPr></w:pPrChange>')
    added = f'<w:pStyle w:val="ListParagraph"/>{num.format(0)}<w:pPrChange w:id="5" {DATE}><w:pPr/></w:pPrChange>'
    old_change = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/><w:numberingChange w:id="6" {DATE} w:original="%1."/></w:numPr>'
    pkg = load(make_docx(tmp_path / "num.docx", p(r("one"), ppr=ppr) + p(r("two"), ppr=added) + p(r("three"), ppr=old_change)))
    assert [(e.kind, e.detail) for e in pkg.edits] == [
        ("paragraph-format", "numbering level 0 \u2192 1"),
        ("paragraph-format", "style Normal \u2192 ListParagraph; numbering added"),
        ("paragraph-format", "numbering changed")]
    assert pkg.paragraphs[2].numbering == Revision(PARA_FORMAT, "B", "2026-02-02T10:00:00Z", "6", "", "numbering changed")


# -- Strict --------------------------------------------------------------------------------------------

STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"


def _strict(path: Path, body: str) -> Path:
    """A .docx in ISO/IEC 29500 Strict: the same markup under the Strict namespaces and relationship types."""
    make_docx(path, body)
    with zipfile.ZipFile(path) as z:
        items = {i.filename: z.read(i.filename) for i in z.infolist()}
    items["word/document.xml"] = items["word/document.xml"].replace(
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main", STRICT_W.encode()).replace(
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships")
    items["_rels/.rels"] = items["_rels/.rels"].replace(
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument")
    with zipfile.ZipFile(path, "w") as z:
        for name, data in items.items():
            z.writestr(name, data)
    return path


def test_a_strict_document_is_read(tmp_path: Path) -> None:
    path = _strict(tmp_path / "strict.docx", p(r("Resolution 14 (Rev. "), dele("Antalya, 2006"), ins("Dubai, 2018"), r(")")))
    assert STRICT_W.encode() in zipfile.ZipFile(path).read("word/document.xml")
    assert read_docx(path).strict
    pkg = load(path)
    assert views(pkg.paragraphs) == (["Resolution 14 (Rev. Antalya, 2006)"], ["Resolution 14 (Rev. Dubai, 2018)"])
    assert [(e.kind, e.deleted, e.inserted) for e in pkg.edits] == [("replace", "Antalya, 2006", "Dubai, 2018")]
    res = run_cli("edits", str(path), "--format", "csv")
    assert res.returncode == 0 and "Antalya, 2006" in res.stdout and "Dubai, 2018" in res.stdout


def test_a_strict_document_that_cannot_be_read_says_so(tmp_path: Path) -> None:
    """Strict namespaces declared past the first 64 KB are not seen as Strict: the refusal names it."""
    path = _strict(tmp_path / "late.docx", p(r("x")))
    with zipfile.ZipFile(path) as z:
        items = {i.filename: z.read(i.filename) for i in z.infolist()}
    padding = b'<!-- ' + b"x" * 70000 + b' -->'
    items["word/document.xml"] = items["word/document.xml"].replace(b"?>", b"?>" + padding, 1)
    with zipfile.ZipFile(path, "w") as z:
        for name, data in items.items():
            z.writestr(name, data)
    res = run_cli("text", str(path))
    assert res.returncode == 3 and "Strict Open XML" in res.stderr and "has no w:body" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
