"""`apply` on the shapes that broke it: revisions nested in revisions, fields spread over several
revisions, content-control markup, property changes, comments on notes, very deep nesting."""

from __future__ import annotations

import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from itu_review.cli import main
from itu_review.export.docx_apply import apply_decisions
from itu_review.model import Package
from itu_review.package import load
from itu_review.views import accept_all, plain_text, reject_all, resolve

from .conftest import CORPUS, SAMPLES, run_cli
from .test_apply_rule import broken_fields, revision_elements

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
RP = CORPUS / "open-xml-powertools"


def make_docx(path: Path, body: str) -> Path:
    """A minimal Word package whose body is ``body`` (WordprocessingML, ``w:`` prefix)."""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
        'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>",
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{body}'
        "<w:sectPr/></w:body></w:document>",
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return path


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def d(text: str) -> str:
    return f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r>'


def lines(path: Path, choose: Callable[[int], str] = accept_all) -> list[str]:
    return [plain_text(ln) for ln in resolve(load(path).paragraphs, choose)]


def applied(src: Path, choose: Callable[[int], str], out: Path) -> Path:
    pkg = load(src, keep_elements=True)
    apply_decisions(pkg, choose, {}, out)
    return out


# -- text inserted, then deleted ---------------------------------------------------------------------------
def test_text_inserted_then_deleted_goes_whatever_the_decision(tmp_path: Path) -> None:
    """<w:ins><w:del>…: in neither view and no edit of its own; it used to stay tracked after every edit
    was decided (RP047's pattern)."""
    src = make_docx(tmp_path / "gone.docx", "<w:p>" + r("Keep ")
                    + f'<w:ins w:id="1" w:author="A"><w:del w:id="2" w:author="B">{d("gone ")}</w:del></w:ins>'
                    + f'<w:ins w:id="3" w:author="A">{r("new")}</w:ins>' + "</w:p>")
    pkg = load(src)
    assert [(e.kind, e.inserted) for e in pkg.edits] == [("insert", "new")]
    assert lines(src, reject_all) == ["Keep "] and lines(src, accept_all) == ["Keep new"]
    for mode in ("accept", "reject"):
        out = applied(src, lambda i, m=mode: m, tmp_path / f"{mode}.docx")
        assert revision_elements(out) == {}
        assert lines(out) == (["Keep new"] if mode == "accept" else ["Keep "])
    # left undecided, the insertion keeps its tracked deletion too: the document is as it was
    out = applied(src, lambda i: "mark", tmp_path / "mark.docx")
    assert revision_elements(out) == revision_elements(src)


def test_a_tracked_revision_splits_around_content_decided_otherwise(tmp_path: Path) -> None:
    """A deletion inside a move (RP001's pattern): its text is the deletion's edit, the rest the move's.
    Rejecting the deletion while the move stays tracked must leave that text plain, not moved."""
    src = make_docx(tmp_path / "nest.docx",
                    '<w:p><w:moveFromRangeStart w:id="10" w:name="m1" w:author="A"/>'
                    f'<w:moveFrom w:id="11" w:author="A">{r("Moved ")}<w:del w:id="12" w:author="B">{d("and deleted")}'
                    '</w:del></w:moveFrom><w:moveFromRangeEnd w:id="10"/></w:p>'
                    f'<w:p>{r("Middle.")}</w:p>'
                    '<w:p><w:moveToRangeStart w:id="13" w:name="m1" w:author="A"/>'
                    f'<w:moveTo w:id="14" w:author="A">{r("Moved ")}</w:moveTo><w:moveToRangeEnd w:id="13"/></w:p>')
    pkg = load(src)
    kinds = {e.kind: e.index for e in pkg.edits}
    assert set(kinds) == {"move", "delete"}

    def choose(i: int) -> str:
        return "mark" if i == kinds["move"] else "reject"

    out = applied(src, choose, tmp_path / "out.docx")
    res = load(out)
    assert [e.kind for e in res.edits] == ["move"]
    assert lines(out, reject_all) == ["Moved and deleted", "Middle.", ""]
    assert lines(out, accept_all) == ["and deleted", "Middle.", "Moved "]
    doc = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    first = doc.find(f"{W}body/{W}p")
    assert [etree.QName(c).localname for c in first] == ["moveFromRangeStart", "moveFrom", "r", "moveFromRangeEnd"]


# -- fields ----------------------------------------------------------------------------------------------
FIELD = ('<w:p>{before}<w:ins w:id="1" w:author="A"><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
         '<w:r><w:instrText xml:space="preserve"> DATE </w:instrText></w:r></w:ins>'
         '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
         '<w:ins w:id="2" w:author="A"><w:r><w:t>3/25/2017</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
         "</w:ins>{after}</w:p>")


@pytest.mark.parametrize("mode", ["accept", "reject"])
def test_a_field_spread_over_revisions_stays_whole_or_goes(tmp_path: Path, mode: str) -> None:
    """RP020's shape: begin and instruction in one insertion (no text, so no edit of its own), separate
    plain, result and end in another. Rejecting used to leave the begin (or the separate) alone."""
    src = make_docx(tmp_path / "f.docx", FIELD.format(before=r("Dated "), after=r(" and signed.")))
    out = applied(src, lambda i: mode, tmp_path / "out.docx")
    assert revision_elements(out) == {} and broken_fields(out) == []
    doc = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert doc.count("<w:fldChar ") == (3 if mode == "accept" else 0)
    assert lines(out) == (["Dated 3/25/2017 and signed."] if mode == "accept" else ["Dated  and signed."])


@pytest.mark.parametrize("name", ["RP043-MERGEFORMAT-Field-Code.docx", "RP044-MERGEFORMAT-Field-Code.docx"])
def test_accepting_a_deleted_field_removes_it_whole_and_keeps_what_follows(tmp_path: Path, name: str) -> None:
    """The begin and first instruction are deleted by one revision, separate/result/end by another, and
    a plain instruction sits between them. Accepting used to keep the begin, so everything after the
    field vanished — in LibreOffice and in this project's own reading."""
    out = applied(RP / name, accept_all, tmp_path / "out.docx")
    assert broken_fields(out) == [] and revision_elements(out) == {}
    doc = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "fldChar" not in doc and "instrText" not in doc and "MERGEFORMAT" not in doc
    (text,) = lines(out)
    assert text.endswith("/uuiuiui zz zzzzzzzz zzzzzzzzzzzzzzzzzzzzzzzzz.")
    rejected = applied(RP / name, reject_all, tmp_path / "rejected.docx")
    assert zipfile.ZipFile(rejected).read("word/document.xml").decode().count("<w:fldChar ") == 3
    assert lines(rejected)[0].endswith("* zzzzzzzzzzzzzzzzzzzzzzzzz.")


# -- markup of content controls, properties ------------------------------------------------------------------
def _sdts(path: Path) -> int:
    return zipfile.ZipFile(path).read("word/document.xml").decode().count("<w:sdt>")


@pytest.mark.parametrize(("stem", "mode", "suffix"), [
    ("RP016-Deleted-CC", "accept", "Accepted"), ("RP017-Inserted-CC", "accept", "Accepted"),
    ("RP018-MoveFrom-MoveTo-CC", "accept", "Accepted"), ("RP018-MoveFrom-MoveTo-CC", "reject", "Rejected")])
def test_content_controls_come_and_go_as_their_oracle(tmp_path: Path, stem: str, mode: str, suffix: str) -> None:
    """A content control's own insertion, deletion or move (w:customXml…Range markers, no text) follows
    the edit it holds: a rejected insertion or an accepted deletion removes the control and keeps its
    content, as PowerTools does (RP018: the control moved with its paragraph)."""
    out = applied(RP / f"{stem}.docx", lambda i: mode, tmp_path / "out.docx")
    assert _sdts(out) == _sdts(RP / f"{stem}-{suffix}.docx")
    assert revision_elements(out) == {}


@pytest.mark.parametrize("stem", ["RP016-Deleted-CC", "RP017-Inserted-CC"])
def test_markup_no_edit_covers_is_accepted(tmp_path: Path, stem: str) -> None:
    """RP016/RP017 hold no edit at all (only a content control's own deletion or insertion, which
    changes no text): with nothing to decide, apply accepts the markup — the text is the same either way
    — rather than leave a revision nobody can decide."""
    pkg = load(RP / f"{stem}.docx", keep_elements=True)
    assert pkg.edits == []
    out = tmp_path / "out.docx"
    counts = apply_decisions(pkg, reject_all, {}, out)
    assert counts["unseen"] == 0 and revision_elements(out) == {}
    assert _sdts(out) == _sdts(RP / f"{stem}-Accepted.docx")
    assert lines(out) == lines(RP / f"{stem}-Rejected.docx") == lines(RP / f"{stem}-Accepted.docx")


def test_a_rejected_property_change_restores_the_old_properties(tmp_path: Path) -> None:
    """RP024: the paragraph mark's run properties changed (w:rPrChange in w:pPr/w:rPr): rejecting puts
    the old ones back, as in the -Rejected oracle."""
    def mark_rpr(path: Path) -> list[str]:
        doc = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
        rpr = doc.find(f".//{W}pPr/{W}rPr")
        return [etree.tostring(c).decode() for c in rpr] if rpr is not None else []

    for mode, suffix in (("reject", "Rejected"), ("accept", "Accepted")):
        out = applied(RP / "RP024-ParagraphMark-rPr-Change.docx", lambda i, m=mode: m, tmp_path / f"{mode}.docx")
        strip = (lambda xs: [re.sub(r' xmlns:\w+="[^"]*"', "", x) for x in xs])
        assert strip(mark_rpr(out)) == strip(mark_rpr(RP / f"RP024-ParagraphMark-rPr-Change-{suffix}.docx"))


# -- comments --------------------------------------------------------------------------------------------
def test_a_flagged_edit_in_a_footnote_is_commented_on_its_reference(tmp_path: Path) -> None:
    """LibreOffice refuses to open a document with a comment inside a footnote: the comment goes around
    the footnote's reference mark in the text."""
    src, log, out = SAMPLES / "en-proposals.docx", tmp_path / "d.jsonl", tmp_path / "out.docx"
    pkg = load(src)
    (note_edit,) = [e for e in pkg.edits if e.note]
    assert main(["decide", str(src), "--log", str(log), "--reviewer", "amina", "--accept", "*"]) == 0
    assert main(["decide", str(src), "--log", str(log), "--reviewer", "amina <sec>", "--flag", note_edit.id,
                 "--note", 'check the "UNGA" number & <date>']) == 0
    assert main(["apply", str(src), "--log", str(log), "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as z:
        doc = etree.fromstring(z.read("word/document.xml"))
        assert b"commentRange" not in z.read("word/footnotes.xml")
        (comment,) = etree.fromstring(z.read("word/comments.xml")).iter(W + "comment")
    assert comment.get(W + "author") == "amina <sec>" and comment.get(W + "initials") == "A<"
    assert "".join(comment.itertext()) == 'check the "UNGA" number & <date>'
    start = next(doc.iter(W + "commentRangeStart"))
    ref = start.getnext()
    assert ref.find(W + "footnoteReference").get(W + "id") == note_edit.note.split(":")[1]
    assert ref.getnext().tag == W + "commentRangeEnd"
    assert [e.inserted for e in load(out).edits] == [note_edit.inserted]


# -- depth -----------------------------------------------------------------------------------------------
def _deep(kind: str, n: int) -> str:
    if kind == "ins":
        inner = "".join(f'<w:ins w:id="{k}" w:author="A">' for k in range(n)) + r("deep") + "</w:ins>" * n
    elif kind == "hyperlink":
        inner = '<w:ins w:id="1" w:author="A">' + "<w:hyperlink>" * n + r("deep") + "</w:hyperlink>" * n + "</w:ins>"
    else:
        inner = ('<w:ins w:id="1" w:author="A">' + "<w:sdt><w:sdtContent>" * n + r("deep")
                 + "</w:sdtContent></w:sdt>" * n + "</w:ins>")
    return f"<w:p>{r('Plain ')}{inner}</w:p>"


@pytest.mark.parametrize("kind", ["ins", "hyperlink", "sdt"])
def test_apply_walks_deep_nesting_without_recursion(tmp_path: Path, kind: str) -> None:
    """Thousands of nested revisions, hyperlinks or content controls: apply's own walks are iterative
    (the package is read here with a raised recursion limit; apply then runs under the default one)."""
    src = make_docx(tmp_path / "deep.docx", _deep(kind, 900 if kind == "sdt" else 1800))  # libxml2 stops at 2048
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(20000)
    try:
        pkg = load(src, keep_elements=True)
    finally:
        sys.setrecursionlimit(limit)
    for mode, expect in (("accept", "Plain deep"), ("reject", "Plain ")):
        out = tmp_path / f"{mode}.docx"
        apply_decisions(pkg if mode == "accept" else _reload(src), lambda i, m=mode: m, {}, out)
        doc = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"), etree.XMLParser(huge_tree=True))
        assert "".join(t.text for t in doc.iter(W + "t")) == expect
        assert next(doc.iter(W + "ins"), None) is None


def _reload(src: Path) -> Package:
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(20000)
    try:
        return load(src, keep_elements=True)
    finally:
        sys.setrecursionlimit(limit)


@pytest.mark.parametrize("kind", ["ins", "hyperlink", "sdt", "tables"])
def test_apply_on_deep_nesting_through_the_cli_never_shows_a_traceback(tmp_path: Path, kind: str) -> None:
    """990 nested levels (or 400 nested tables): apply writes the document, or refuses it in one line
    with exit 3 — never a RecursionError."""
    if kind == "tables":
        body = '<w:tbl><w:tr><w:tc>' * 400 + f'<w:p><w:ins w:id="1" w:author="A">{r("deep")}</w:ins></w:p>' \
            + "</w:tc></w:tr></w:tbl>" * 400 + f"<w:p>{r('after')}</w:p>"
    else:
        body = _deep(kind, 990)
    src = make_docx(tmp_path / "deep.docx", body)
    out = tmp_path / "out.docx"
    res = run_cli("apply", str(src), "--out", str(out))  # the log beside the package: none yet, nothing decided
    assert "Traceback" not in res.stderr and "RecursionError" not in res.stderr
    if res.returncode == 0:  # nothing decided: the insertion is still tracked, the text all there
        assert revision_elements(out) == {"word/document.xml:ins": 990 if kind == "ins" else 1}
        assert lines(out, accept_all)[0].startswith("Plain deep" if kind != "tables" else "deep")
    else:
        assert res.returncode == 3 and len(res.stderr.strip().splitlines()) == 1 and str(src) in res.stderr


def test_text_no_edit_shows_stays_tracked_and_apply_says_so(tmp_path: Path) -> None:
    """A revision inside a comment's text is no edit (comments are not read): applying every edit leaves
    it tracked, and apply says how many such marks it left instead of "0 left tracked" alone."""
    src = make_docx(tmp_path / "c.docx", "<w:p>" + r("Keep ") + f'<w:ins w:id="1" w:author="A">{r("new")}</w:ins>'
                    + '<w:commentRangeStart w:id="0"/>' + r("text") + '<w:commentRangeEnd w:id="0"/>'
                    + '<w:r><w:commentReference w:id="0"/></w:r></w:p>')
    comments = (f'<w:comments xmlns:w="{W_NS}"><w:comment w:id="0" w:author="B"><w:p>{r("Why ")}'
                f'<w:ins w:id="7" w:author="B">{r("not")}</w:ins><w:ins w:id="8" w:author="B"><w:r/></w:ins></w:p>'
                "</w:comment></w:comments>")
    with zipfile.ZipFile(src, "a") as z:
        z.writestr("word/comments.xml", comments)
    log, out = tmp_path / "d.jsonl", tmp_path / "out.docx"
    assert main(["decide", str(src), "--log", str(log), "--reviewer", "amina", "--accept", "*"]) == 0
    res = run_cli("apply", str(src), "--log", str(log), "--out", str(out))
    assert res.returncode == 0
    assert "1 edit applied, 0 reverted, 0 left tracked" in res.stderr
    assert "warning: 1 revision mark holds text that no edit shows" in res.stderr
    assert revision_elements(out) == {"word/comments.xml:ins": 1}  # the empty one is gone, the text stays
    assert lines(out) == ["Keep newtext"]


def test_a_strict_document_is_written_back_in_strict(tmp_path: Path) -> None:
    """ISO/IEC 29500 Strict: read under the transitional names, written back under the Strict ones
    (a comment's part and relationship too), so the package stays one kind throughout."""
    from .docxfix import dele, ins, p
    from .test_docx_parts import STRICT_W, _strict

    src = _strict(tmp_path / "strict.docx", p(r("Resolution 14 (Rev. "), dele("Antalya, 2006"), ins("Dubai, 2018"),
                                              r(")")) + p(r("Second "), ins("paragraph", rid="5")))
    pkg = load(src, keep_elements=True)
    first, second = pkg.edits
    out = tmp_path / "out.docx"
    apply_decisions(pkg, lambda i: "accept" if i == first.index else "mark", {second.index: ("amina", "why?")}, out)
    with zipfile.ZipFile(out) as z:
        doc, comments = z.read("word/document.xml"), z.read("word/comments.xml")
        rels = z.read("word/_rels/document.xml.rels")
    assert STRICT_W.encode() in doc and W_NS.encode() not in doc
    assert STRICT_W.encode() in comments and W_NS.encode() not in comments
    assert b"http://purl.oclc.org/ooxml/officeDocument/relationships/comments" in rels
    res = load(out)
    assert [plain_text(x) for x in resolve(res.paragraphs, reject_all)] == ["Resolution 14 (Rev. Dubai, 2018)",
                                                                          "Second "]
    assert [(e.kind, e.inserted) for e in res.edits] == [("insert", "paragraph")]


def test_numbering_changes_are_applied_and_reverted(tmp_path: Path) -> None:
    """Numbering changed in a paragraph-properties change, numbering added with the paragraph's style,
    and a legacy w:numberingChange: each is one paragraph-format edit; rejecting puts the old numbering
    back (or none), accepting keeps the new; no marker is left either way."""
    from .docxfix import p

    date = 'w:author="B" w:date="2026-02-02T10:00:00Z"'
    num = '<w:numPr><w:ilvl w:val="{}"/><w:numId w:val="3"/></w:numPr>'
    body = (p(r("one"), ppr=num.format(1) + f'<w:pPrChange w:id="4" {date}><w:pPr>{num.format(0)}</w:pPr></w:pPrChange>')
            + p(r("two"), ppr=f'<w:pStyle w:val="ListParagraph"/>{num.format(0)}<w:pPrChange w:id="5" {date}><w:pPr/>'
                "</w:pPrChange>")
            + p(r("three"), ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/>'
                f'<w:numberingChange w:id="6" {date} w:original="%1."/></w:numPr>'))
    src = make_docx(tmp_path / "num.docx", body)
    assert [e.kind for e in load(src).edits] == ["paragraph-format"] * 3

    def pprs(path: Path) -> list[str]:
        doc = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
        return [re.sub(r">\s+<", "><", re.sub(r' xmlns:\w+="[^"]*"', "", etree.tostring(x.find(W + "pPr"), with_tail=False)
                                             .decode())) for x in doc.iter(W + "p")]

    accepted = applied(src, accept_all, tmp_path / "a.docx")
    assert pprs(accepted) == ['<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr>',
                              '<w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/>'
                              "</w:numPr></w:pPr>",
                              '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>']
    rejected = applied(src, reject_all, tmp_path / "r.docx")
    assert pprs(rejected) == ['<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>',
                              "<w:pPr/>",
                              '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>']
    assert revision_elements(accepted) == revision_elements(rejected) == {}
    rp021 = applied(RP / "RP021-Inserted-Numbering-Properties.docx", reject_all, tmp_path / "rp021.docx")
    assert pprs(rp021) == pprs(RP / "RP021-Inserted-Numbering-Properties-Rejected.docx")


MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _boxed(choice: str, fallback: str) -> str:
    """A run holding a text box twice, as Word writes it: DrawingML (mc:Choice) and VML (mc:Fallback)."""
    return (f'<w:r><mc:AlternateContent xmlns:mc="{MC}"><mc:Choice Requires="wps"><w:drawing><wps:txbx '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<w:txbxContent>{choice}</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>'
            f'<v:textbox xmlns:v="urn:schemas-microsoft-com:vml"><w:txbxContent>{fallback}</w:txbxContent>'
            "</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>")


@pytest.mark.parametrize("mode", ["accept", "reject", "mark"])
def test_a_text_box_and_its_vml_copy_are_written_alike(tmp_path: Path, mode: str) -> None:
    """The reader reads the DrawingML text box; Word also keeps a VML copy with revision ids of its own.
    Both copies take each decision, or Word and LibreOffice would show the one this tool did not write."""
    box = "<w:p>{}<w:ins w:id=\"{}\" w:author=\"A\">" + r("boxed") + "</w:ins></w:p>"
    src = make_docx(tmp_path / "box.docx", "<w:p>" + r("Before ") + _boxed(box.format(r("In "), 21), box.format(r("In "), 31))
                    + r("after.") + "</w:p>")
    pkg = load(src)
    (edit,) = pkg.edits
    assert (edit.kind, edit.inserted, edit.note) == ("insert", "boxed", "textbox:textbox1")
    out = tmp_path / "out.docx"
    apply_decisions(load(src, keep_elements=True), lambda i: mode, {edit.index: ("amina", "sure?")}, out)
    doc = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    boxes = list(doc.iter(W + "txbxContent"))
    assert len(boxes) == 2
    for b in boxes:
        assert "".join(t.text for t in b.iter(W + "t")) == ("In " if mode == "reject" else "In boxed")
        assert len(list(b.iter(W + "ins"))) == (1 if mode == "mark" else 0)
    if mode == "mark":  # the comment goes around the run that anchors the box, not inside it
        start = next(doc.iter(W + "commentRangeStart"))
        assert start.getnext().find(f".//{W}txbxContent") is not None
        assert next(boxes[0].iter(W + "commentRangeStart"), None) is None
