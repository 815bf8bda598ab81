"""`text --version proposed|base` against the accept-all / reject-all oracles of the corpus.

The test walks ../shared/corpus, so a file added there with oracles is checked too.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from itu_review.cli import main

from .conftest import CORPUS


def _pairs() -> list[tuple[str, Path, Path]]:
    out: list[tuple[str, Path, Path]] = []
    for accepted in sorted(CORPUS.glob("*/*-Accepted.docx")):
        src = accepted.with_name(accepted.name.replace("-Accepted", ""))
        rejected = accepted.with_name(accepted.name.replace("-Accepted", "-Rejected"))
        out.append(("proposed", src, accepted))
        if rejected.exists():
            out.append(("base", src, rejected))
    redlines = CORPUS / "python-redlines"
    out.append(("proposed", redlines / "expected_redline.docx", redlines / "modified.docx"))
    out.append(("base", redlines / "expected_redline.docx", redlines / "original.docx"))
    return out


def _text(capsys: pytest.CaptureFixture[str], path: Path, version: str) -> list[str]:
    assert main(["text", str(path), "--version", version]) == 0
    return [re.sub(r"\s+", " ", line).strip() for line in capsys.readouterr().out.split("\n")[:-1]]


@pytest.mark.parametrize(("version", "src", "oracle"), _pairs(), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_view_matches_oracle(capsys: pytest.CaptureFixture[str], version: str, src: Path, oracle: Path) -> None:
    ours = _text(capsys, src, version)
    theirs = _text(capsys, oracle, "proposed")
    assert ours == theirs, "\n".join(difflib.unified_diff(theirs, ours, "oracle", "ours", lineterm=""))


def test_inserted_then_deleted_paragraph_marks_join_in_every_view() -> None:
    """RP001 and Comment020 carry paragraph marks (and a table row) with both w:ins and w:del: inserted by
    one author, deleted by another. Such a mark is in neither view, so the paragraph joins the next in both;
    reading only the first marker (w:ins) once left RP001 with seven empty paragraphs too many."""
    from itu_review.package import load

    pkg = load(CORPUS / "open-xml-sdk" / "Comment020.docx")
    gone = [p for p in pkg.paragraphs if p.mark is not None and p.mark.kind == "gone"]
    assert gone and all(p.mark_edit == -1 for p in gone)
    assert any(p.row is not None and p.row.kind == "gone" for p in pkg.paragraphs)


def test_every_corpus_docx_reads_and_lists_edits(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(CORPUS.glob("*/*.docx"))
    assert len(files) >= 20
    for f in files:
        assert main(["edits", str(f), "--format", "json"]) == 0, f
        assert main(["text", str(f), "--notes"]) == 0, f
    capsys.readouterr()


def test_an_empty_paragraph_whose_mark_goes_where_it_cannot_join_goes_whole(tmp_path: Path) -> None:
    """RP049's base and RP038's base, where the oracles drop a paragraph this reader once kept empty.

    RP049 opens with a paragraph inserted whole before a table —
    ``<w:p><w:pPr><w:rPr><w:ins w:id="0"/></w:rPr></w:pPr><w:ins w:id="1"><w:r><w:t>MOD</w:t></w:r></w:ins>…</w:p><w:tbl>``.
    Rejected, its text and its mark go; a mark cannot join a table, and Word deletes an empty paragraph
    before a table outright, so nothing of it is left (the PowerTools oracle). RP038 ends with two
    paragraphs inserted whole, the body's last mark among them (``<w:rPr><w:ins w:id="106"/>``): the last
    mark of a body cannot go, so Word removes the paragraph with the mark before it — again nothing is
    left. The oracles are right; LibreOffice 7.x (RejectAllTrackedChanges) keeps an empty paragraph in
    both places, and pandoc drops empty paragraphs anyway. A paragraph with text left joins the one
    before it, as before."""
    from itu_review.package import load
    from itu_review.views import plain_text, reject_all, resolve

    from .docxfix import ins, make_docx, p, r

    cell = "<w:tbl><w:tr><w:tc>" + p(r("cell")) + "</w:tc></w:tr></w:tbl>"
    body = p(ins("inserted", rid="5"), mark="ins") + cell + p(r("kept")) + p(ins("more", rid="6"), mark="ins")
    pkg = load(make_docx(tmp_path / "t.docx", body + p(ins("last", rid="7"), mark="ins")))
    assert [plain_text(x) for x in resolve(pkg.paragraphs, reject_all)] == ["cell", "kept"]
    pkg = load(make_docx(tmp_path / "u.docx", cell + p(r("kept")) + p(r("left "), ins("x", rid="8"), mark="ins")))
    assert [plain_text(x) for x in resolve(pkg.paragraphs, reject_all)] == ["cell", "keptleft "]
