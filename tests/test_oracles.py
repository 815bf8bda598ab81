"""`text --version proposed|base` against the accept-all / reject-all oracles of the corpus.

The test walks ../shared/corpus, so a file added there with oracles is checked too.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from lxml import etree

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


# Where we believe an oracle is wrong. Open-Xml-PowerTools' accept-all of RP001 drops empty
# paragraphs that carry no revision at all, e.g. document paragraphs 131 and 132 (0-based):
#   <w:p><w:pPr><w:rPr><w:b/><w:i/><w:color w:val="000000"/></w:rPr></w:pPr></w:p>
#   <w:p><w:pPr><w:rPr><w:color w:val="000000"/></w:rPr></w:pPr></w:p>
# Accepting revisions cannot remove a paragraph that has none, so we keep them. Our output has
# these empty paragraphs more than the oracle, and differs from it in nothing else.
KNOWN_EXTRA_EMPTY = {("RP001-Tracked-Revisions-01.docx", "proposed"): 7}


@pytest.mark.parametrize(("version", "src", "oracle"), _pairs(), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_view_matches_oracle(capsys: pytest.CaptureFixture[str], version: str, src: Path, oracle: Path) -> None:
    ours = _text(capsys, src, version)
    theirs = _text(capsys, oracle, "proposed")
    extra = KNOWN_EXTRA_EMPTY.get((src.name, version), 0)
    if not extra:
        assert ours == theirs, "\n".join(difflib.unified_diff(theirs, ours, "oracle", "ours", lineterm=""))
        return
    ops = difflib.SequenceMatcher(None, theirs, ours, autojunk=False).get_opcodes()
    added = [ours[j] for tag, _, _, j1, j2 in ops if tag != "equal" for j in range(j1, j2)]
    assert all(tag in ("equal", "insert") for tag, *_ in ops)
    assert added == [""] * extra


def test_oracle_error_paragraphs_really_have_no_revision() -> None:
    """The proof behind KNOWN_EXTRA_EMPTY: the paragraphs the oracle dropped carry no revision."""
    import zipfile

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(CORPUS / "open-xml-powertools" / "RP001-Tracked-Revisions-01.docx") as z:
        root = etree.fromstring(z.read("word/document.xml"))
    paras = list(root.iter(w + "p"))
    for k in (131, 132):
        tags = {el.tag for el in paras[k].iter()}
        assert not tags & {w + "ins", w + "del", w + "moveFrom", w + "moveTo"}
        assert "".join(paras[k].itertext()) == ""


def test_every_corpus_docx_reads_and_lists_edits(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(CORPUS.glob("*/*.docx"))
    assert len(files) >= 20
    for f in files:
        assert main(["edits", str(f), "--format", "json"]) == 0, f
        assert main(["text", str(f), "--notes"]) == 0, f
    capsys.readouterr()
