"""The .docx reader on small hand-written fixtures: one corner case each."""

from __future__ import annotations

from pathlib import Path

import pytest

from itu_review.package import load
from itu_review.views import accept_all, plain_text, reject_all, resolve

from .docxfix import dele, ins, make_docx, p, r

DATE = 'w:author="B" w:date="2026-02-02T10:00:00Z"'


def views(tmp_path: Path, body: str, footnotes: str | None = None) -> tuple[list[str], list[str], object]:
    pkg = load(make_docx(tmp_path / "t.docx", body, footnotes))
    base = [plain_text(x) for x in resolve(pkg.paragraphs, reject_all)]
    prop = [plain_text(x) for x in resolve(pkg.paragraphs, accept_all)]
    return base, prop, pkg


def test_deletion_then_insertion_is_one_replace(tmp_path: Path) -> None:
    base, prop, pkg = views(tmp_path, p(r("Resolution 14 (Rev. "), dele("Antalya, 2006"), ins("Dubai, 2018"), r(")")))
    assert base == ["Resolution 14 (Rev. Antalya, 2006)"]
    assert prop == ["Resolution 14 (Rev. Dubai, 2018)"]
    (e,) = pkg.edits
    assert (e.kind, e.deleted, e.inserted, e.before, e.after) == ("replace", "Antalya, 2006", "Dubai, 2018",
                                                                 "Resolution 14 (Rev. ", ")")
    assert e.id == "DOC#1" and e.author == "A" and e.date == "2026-01-01T00:00:00Z"


def test_white_space_between_revisions_does_not_split_an_edit(tmp_path: Path) -> None:
    _, _, pkg = views(tmp_path, p(r("a "), dele("old"), r(" "), ins("new"), r(" b")))
    assert [e.kind for e in pkg.edits] == ["replace"]


def test_unchanged_word_between_revisions_gives_two_edits(tmp_path: Path) -> None:
    _, _, pkg = views(tmp_path, p(dele("one"), r(" keep "), ins("two")))
    assert [(e.kind, e.deleted, e.inserted) for e in pkg.edits] == [("delete", "one", ""), ("insert", "", "two")]


def test_inserted_paragraph_mark_splits_and_deleted_mark_merges(tmp_path: Path) -> None:
    body = p(r("first half"), mark="ins") + p(r("second half")) + p(r("joined "), mark="del") + p(r("text"))
    base, prop, pkg = views(tmp_path, body)
    assert base == ["first halfsecond half", "joined ", "text"]
    assert prop == ["first half", "second half", "joined text"]
    assert [e.kind for e in pkg.edits] == ["split", "merge"]


def test_a_deleted_paragraph_mark_before_inserted_text_is_a_replace(tmp_path: Path) -> None:
    """Deleting a paragraph mark and inserting text in its place is a deletion followed by an insertion."""
    body = p(r("end of one"), mark="del") + p(ins("new words"), r(" rest"))
    _, prop, pkg = views(tmp_path, body)
    assert prop == ["end of onenew words rest"]
    assert [(e.kind, e.deleted, e.inserted) for e in pkg.edits] == [("replace", "\u00b6", "new words")]


def test_paragraph_marks_alone_split_or_merge_by_their_count(tmp_path: Path) -> None:
    """Two marks deleted and one inserted in one edit leave one paragraph fewer: a merge."""
    body = p(r("a"), mark="del") + p(mark="del") + p(mark="ins") + p(r("b"))
    _, _, pkg = views(tmp_path, body)
    assert [(e.kind, e.deleted.count("\u00b6"), e.inserted.count("\u00b6")) for e in pkg.edits] == [("merge", 2, 1)]


def test_move_pair_is_one_edit(tmp_path: Path) -> None:
    body = (p('<w:moveFromRangeStart w:id="5" w:name="m1" ' + DATE + '/>'
              f'<w:moveFrom w:id="6" {DATE}><w:r><w:t>moved words</w:t></w:r></w:moveFrom>'
              '<w:moveFromRangeEnd w:id="5"/>', r(" stay"))
            + p(r("here: "), '<w:moveToRangeStart w:id="7" w:name="m1" ' + DATE + '/>'
                f'<w:moveTo w:id="8" {DATE}><w:r><w:t>moved words</w:t></w:r></w:moveTo><w:moveToRangeEnd w:id="7"/>'))
    base, prop, pkg = views(tmp_path, body)
    assert base == ["moved words stay", "here: "]
    assert prop == [" stay", "here: moved words"]
    (e,) = pkg.edits
    assert (e.kind, e.deleted, e.inserted, e.author) == ("move", "moved words", "moved words", "B")


def test_unpaired_move_is_an_insertion(tmp_path: Path) -> None:
    body = p(f'<w:moveTo w:id="8" {DATE}><w:r><w:t>orphan</w:t></w:r></w:moveTo>')
    base, prop, pkg = views(tmp_path, body)
    assert (base, prop, pkg.edits[0].kind) == ([""], ["orphan"], "insert")


def test_fields_show_results_not_instructions(tmp_path: Path) -> None:
    body = p('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
             f'<w:del w:id="3" {DATE}><w:r><w:delInstrText> REF x </w:delInstrText></w:r></w:del>',
             '<w:fldSimple w:instr="DATE"><w:r><w:t> today</w:t></w:r></w:fldSimple>')
    base, prop, _ = views(tmp_path, body)
    assert base == prop == ["7 today"]


def test_hyperlinks_content_controls_smart_tags_and_specials(tmp_path: Path) -> None:
    body = p('<w:hyperlink r:id="rId5"><w:r><w:t>ITU</w:t></w:r></w:hyperlink>',
             '<w:sdt><w:sdtContent><w:r><w:t>-R</w:t></w:r></w:sdtContent></w:sdt>',
             '<w:smartTag w:element="x"><w:r><w:tab/><w:t>a</w:t><w:noBreakHyphen/><w:t>b</w:t>'
             '<w:br/><w:t>c</w:t><w:sym w:font="Symbol" w:char="F0B7"/></w:r></w:smartTag>')
    base, _, _ = views(tmp_path, body)
    assert base == ["ITU-R\ta\u2011b\nc\u00b7"]


def test_inserted_then_deleted_text_is_in_neither_view(tmp_path: Path) -> None:
    body = p(r("a"), f'<w:ins w:id="1" {DATE}><w:del w:id="2" {DATE}><w:r><w:delText>x</w:delText></w:r></w:del></w:ins>',
             r("b"))
    base, prop, pkg = views(tmp_path, body)
    assert base == prop == ["ab"] and pkg.edits == []


def test_tracked_table_row_and_cells_in_order(tmp_path: Path) -> None:
    row = '<w:tr>{trpr}<w:tc><w:p><w:r><w:t>{a}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{b}</w:t></w:r></w:p></w:tc></w:tr>'
    body = ("<w:tbl>" + row.format(trpr="", a="1", b="2")
            + row.format(trpr=f'<w:trPr><w:ins w:id="4" {DATE}/></w:trPr>', a="3", b="4")
            + row.format(trpr=f'<w:trPr><w:del w:id="5" {DATE}/></w:trPr>', a="5", b="6") + "</w:tbl>")
    base, prop, pkg = views(tmp_path, body)
    assert base == ["1", "2", "5", "6"]
    assert prop == ["1", "2", "3", "4"]
    assert [(e.kind, e.deleted, e.inserted) for e in pkg.edits] == [("row-insert", "", "3 | 4"),
                                                                   ("row-delete", "5 | 6", "")]


def test_formatting_changes_are_edits_of_their_own(tmp_path: Path) -> None:
    rpr = f'<w:b/><w:rPrChange w:id="7" {DATE}><w:rPr/></w:rPrChange>'
    ppr = f'<w:jc w:val="center"/><w:pPrChange w:id="8" {DATE}><w:pPr/></w:pPrChange>'
    base, prop, pkg = views(tmp_path, p(r("plain "), r("bold now", rpr), ppr=ppr))
    assert base == prop == ["plain bold now"]
    assert sorted((e.kind, e.subject) for e in pkg.edits) == [("format", "bold now"),
                                                              ("paragraph-format", "plain bold now")]


def test_paragraph_direction_and_style_are_kept(tmp_path: Path) -> None:
    _, _, pkg = views(tmp_path, p(r("القرار 14", "<w:rtl/>"), ppr='<w:pStyle w:val="ResNo"/><w:bidi/>') + p(r("x")))
    assert pkg.paragraphs[0].rtl is True and pkg.paragraphs[0].style == "ResNo"
    assert pkg.paragraphs[1].rtl is None


def test_footnotes_attach_to_their_paragraph_with_their_edits(tmp_path: Path) -> None:
    notes = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:t>See Resolution </w:t></w:r>' + ins("71", rid="40") + "</w:p></w:footnote>")
    body = p(r("Text"), '<w:r><w:footnoteReference w:id="1"/></w:r>', ins(" more", rid="41")) + p(dele("gone", rid="42"))
    _, _, pkg = views(tmp_path, body, notes)
    assert list(pkg.notes) == [("footnote", "1")]
    assert [(e.id, e.inserted or e.deleted, e.note) for e in pkg.edits] == [
        ("DOC#1", " more", ""), ("DOC#2", "71", "footnote:1"), ("DOC#3", "gone", "")]


def test_text_command_prints_notes_only_when_asked(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from itu_review.cli import main

    notes = '<w:footnote w:id="1"><w:p><w:r><w:t>A note.</w:t></w:r></w:p></w:footnote>'
    path = make_docx(tmp_path / "n.docx", p(r("Body"), '<w:r><w:footnoteReference w:id="1"/></w:r>'), notes)
    assert main(["text", str(path)]) == 0
    assert capsys.readouterr().out == "Body\n"
    assert main(["text", str(path), "--notes"]) == 0
    assert capsys.readouterr().out == "Body[^1]\n[^1]: A note.\n"


def test_hidden_text_inside_an_edit_is_a_warning(tmp_path: Path) -> None:
    body = p(f'<w:ins w:id="1" {DATE}><w:r><w:rPr><w:vanish/></w:rPr><w:t>secret</w:t></w:r></w:ins>')
    _, _, pkg = views(tmp_path, body)
    assert pkg.edits[0].warnings == ("contains hidden (w:vanish) text",)


def _corpus_and_samples() -> list[Path]:
    from .conftest import CORPUS, SAMPLES

    return sorted(CORPUS.rglob("*.docx")) + sorted(SAMPLES.glob("*.docx"))


def test_streamed_body_reads_exactly_as_the_whole_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    """`list`/`show` stream a large body (freeing each block as it ends); `apply` keeps the tree. Same model.
    (Every document is streamed here, however small.)"""
    from itu_review.ingest import docx
    from itu_review.ingest.docx import read_docx
    from itu_review.errors import InputError

    monkeypatch.setattr(docx, "WHOLE_TREE_MAX", 0)

    files = _corpus_and_samples()
    assert len(files) > 20
    compared = 0
    for path in files:
        try:
            streamed = read_docx(path)
        except InputError:
            continue  # a deliberately broken corpus file fails the same way on both paths (test_bad_input)
        kept = read_docx(path, keep_elements=True)
        assert streamed.paragraphs == kept.paragraphs, path.name
        assert streamed.notes == kept.notes, path.name
        assert len(kept.elements) == len(kept.paragraphs)
        compared += 1
    assert compared > 20


@pytest.mark.parametrize("streamed_from", [0, 1 << 20])
def test_streamed_reader_reports_a_missing_body_and_broken_xml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              streamed_from: int) -> None:
    import zipfile

    from itu_review.errors import InputError
    from itu_review.ingest import docx
    from itu_review.ingest.docx import read_docx

    monkeypatch.setattr(docx, "WHOLE_TREE_MAX", streamed_from)

    good = make_docx(tmp_path / "good.docx", p(r("text")))
    for name, xml, expected in (
        ("nobody.docx", b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
         "has no w:body"),
        ("broken.docx", b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                        b'<w:body><w:p><w:r><w:t>cut here', "malformed XML in word/document.xml"),
    ):
        out = tmp_path / name
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w") as dst:
            for item in src.infolist():
                dst.writestr(item, xml if item.filename == "word/document.xml" else src.read(item))
        for keep in (False, True):
            try:
                read_docx(out, keep_elements=keep)
            except InputError as exc:
                assert expected in str(exc) and "\n" not in str(exc)
            else:
                raise AssertionError(f"{name} read without error (keep_elements={keep})")


def test_streamed_body_keeps_body_level_wrappers_and_move_ranges_in_order(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Move ranges, sdt and customXml standing directly in w:body, tables, and a wrapper after the last
    paragraph: the streaming reader sees them in document order, as the whole-tree reader does."""
    from itu_review.ingest import docx
    from itu_review.ingest.docx import read_docx

    monkeypatch.setattr(docx, "WHOLE_TREE_MAX", 0)

    a = 'w:author="A" w:date="2026-01-01T00:00:00Z"'
    move_from = (f'<w:moveFromRangeStart w:id="1" w:name="m1" {a}/>'
                 f'<w:p><w:moveFrom w:id="2" {a}><w:r><w:delText>moved words</w:delText></w:r></w:moveFrom></w:p>'
                 '<w:moveFromRangeEnd w:id="1"/>')
    move_to = (f'<w:moveToRangeStart w:id="3" w:name="m1" {a}/>'
               f'<w:p><w:moveTo w:id="4" {a}><w:r><w:t>moved words</w:t></w:r></w:moveTo></w:p>'
               '<w:moveToRangeEnd w:id="3"/>')
    body = (p(r("first")) + move_from
            + "<w:sdt><w:sdtContent>" + p(r("in sdt 1")) + p(r("in sdt 2")) + "</w:sdtContent></w:sdt>"
            + "<w:tbl><w:tr><w:tc>" + p(r("cell")) + "</w:tc></w:tr></w:tbl>"
            + '<w:customXml w:element="x">' + p(r("in customXml")) + "</w:customXml>"
            + p(r("middle")) + move_to
            + "<w:sdt><w:sdtContent>" + p(r("trailing sdt")) + "</w:sdtContent></w:sdt>"
            + '<w:sectPr/>')
    path = make_docx(tmp_path / "wrappers.docx", body)
    streamed, kept = read_docx(path), read_docx(path, keep_elements=True)
    assert streamed.paragraphs == kept.paragraphs
    assert [x.any_text for x in streamed.paragraphs] == [
        "first", "moved words", "in sdt 1", "in sdt 2", "cell", "in customXml", "middle", "moved words",
        "trailing sdt"]
    kinds = [(s.rev.kind, s.rev.move) for x in streamed.paragraphs for s in x.segments if s.rev]
    assert kinds == [("move_from", "m1"), ("move_to", "m1")]  # paired: the ranges were read in order
    pkg = load(path)
    assert [(e.kind, e.deleted, e.inserted) for e in pkg.edits] == [("move", "moved words", "moved words")]
