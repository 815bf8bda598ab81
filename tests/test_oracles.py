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
