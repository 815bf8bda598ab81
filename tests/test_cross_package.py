"""Where packages meet, as `check`, `list` and `compile` of a directory report it: each edit named with
its file (a reissue beside its original has the same ids), an identical change once with all its
sources, never a pair as both a collision and the same change, the same proposal id in several files
said once, and the same deletion with or without its paragraph mark taken as one change."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from itu_review.basetexts import load_collection
from itu_review.check import check_packages
from itu_review.collisions import BREAK, Piece
from itu_review.package import load

from .conftest import SAMPLES, run_cli

BASE = SAMPLES / "base"
EN_FILES = ("en-proposals.docx", "en-proposals.critic.md", "en-proposals-rev1.docx", "en-pp18.docx",
            "en-check.docx", "en-check-other.docx")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("conference")
    for name in EN_FILES:
        shutil.copy(SAMPLES / name, d / name)
    return d


def across(out: str) -> str:
    """The "across packages" part of check's table, its wrapped lines joined."""
    part = out[out.index("across packages"):]
    return re.sub(r"\s*\n\s+", " ", part)


def test_check_names_every_edit_with_its_file(folder: Path) -> None:
    res = run_cli("check", str(folder), "--base", str(BASE), env={"COLUMNS": "120"})
    assert res.returncode == 1, res.stderr
    text = across(res.stdout)
    # never "AFCP/12A1/1#1 and AFCP/12A1/1#1": each id with the files it is in
    assert not re.search(r"(\S+#\d+) and \1\b", res.stdout)
    assert ("\u201cusers\u201d \u2192 \u201call users\u201d by IAP/50/1#5 (en-pp18.docx), AFCP/12A1/1#8 "
            "(en-proposals.critic.md, en-proposals.docx)") in text
    assert "\u201cusers\u201d \u2192 \u201call the users\u201d by AFCP/12A1/1#8 (en-proposals-rev1.docx)" in text
    assert "MOD AFCP/12A1/1 (en-proposals-rev1.docx, en-proposals.critic.md, en-proposals.docx)" in text


def test_an_identical_change_is_reported_once_with_all_its_sources(folder: Path) -> None:
    res = run_cli("check", str(folder), "--base", str(BASE), env={"COLUMNS": "200"})
    text = across(res.stdout)
    assert text.count("the same change to paragraph 1 of Resolution 130") == 1
    assert ("\u201cDUBAI, 2018\u201d \u2192 \u201cBUCHAREST, 2022\u201d, by EUR/40/1#1 (en-check-other.docx), "
            "ACP/30/1#1 (en-check.docx), IAP/50/1#1 (en-pp18.docx), AFCP/12A1/1#1 (en-proposals-rev1.docx, "
            "en-proposals.critic.md, en-proposals.docx)") in text
    assert res.stdout.rstrip().endswith("notes") and int(res.stdout.split()[-2]) < 40  # not 80 pairwise notes


def test_no_pair_is_both_an_overlap_and_the_same_change(folder: Path) -> None:
    report = check_packages(load_collection([BASE]), [load(folder / n) for n in EN_FILES])
    seen: dict[tuple[str, ...], set[str]] = {}
    for f in report.collisions:
        if f.kind in ("overlap", "same-change"):
            edits = [(s["id"], s["package"]) for s in f.sources]
            for k, a in enumerate(edits):
                for b in edits[k + 1:]:
                    seen.setdefault(tuple(sorted((repr(a), repr(b)))), set()).add(f.kind)
    assert seen and all(len(kinds) == 1 for kinds in seen.values())


def test_check_json_names_the_packages_of_each_collision(folder: Path) -> None:
    res = run_cli("check", str(folder), "--base", str(BASE), "--format", "json")
    doc = json.loads(res.stdout)
    across_packages = doc["collisions"]
    assert across_packages and all(c["package"] for c in across_packages)
    overlap = next(c for c in across_packages if c["kind"] == "overlap" and "all the users" in c["message"])
    assert {(s["id"], Path(s["package"]).name, s["change"]) for s in overlap["sources"]} == {
        ("IAP/50/1#5", "en-pp18.docx", "0"), ("AFCP/12A1/1#8", "en-proposals.docx", "0"),
        ("AFCP/12A1/1#8", "en-proposals.critic.md", "0"), ("AFCP/12A1/1#8", "en-proposals-rev1.docx", "1")}


def test_the_same_proposal_id_in_several_files_is_said_once(folder: Path) -> None:
    check = across(run_cli("check", str(folder), "--base", str(BASE), env={"COLUMNS": "200"}).stdout)
    assert check.count("same-id") == 1
    assert ("the same 5 proposal ids (AFCP/12A1/1 \u2026 AFCP/12A1/5) are in 3 files (en-proposals-rev1.docx, "
            "en-proposals.critic.md, en-proposals.docx)") in check
    listed = " ".join(run_cli("list", str(folder), env={"COLUMNS": "100"}).stdout.split())
    assert "! the same 5 proposal ids (AFCP/12A1/1 \u2026 AFCP/12A1/5) are in 3 files" in listed


def test_a_deletion_with_and_without_its_paragraph_mark_is_one_change(folder: Path) -> None:
    """AFCP/12A1/1#5 deletes paragraph d) whole: in the .docx with its paragraph mark, in CriticMarkup
    (which cannot delete a mark) without it. One change, from both files."""
    report = check_packages(load_collection([BASE]), [load(folder / "en-proposals.docx"),
                                                      load(folder / "en-proposals.critic.md")])
    # before, the two deletions were "2 different changes" of paragraph 8; now they agree, and one
    # proposal's versions agreeing is nothing to report. (They still differ on paragraph 7, where the
    # CriticMarkup inserts " and" and the new paragraph d) as two edits, the .docx as one.)
    overlaps = [f for f in report.collisions if f.kind == "overlap"]
    assert [f.place for f in overlaps] == ["paragraph 7"]
    assert not any(s["id"] == "AFCP/12A1/1#5" for f in report.collisions for s in f.sources)


def _piece(start: int, end: int, deleted: str, inserted: str, joins: bool, whole: bool) -> Piece:
    edit = load(SAMPLES / "en-proposals.docx").edits[0]
    piece = Piece(0, start, end, deleted, inserted, edit, "x", joins)
    piece.whole = whole
    return piece


def test_change_key_handles_the_paragraph_mark_explicitly() -> None:
    from itu_review.collisions import change_key, sides

    whole = "d)\tUNGA Resolution 57/239;"
    n = len(whole)
    with_mark = _piece(0, n, whole, "", True, True)
    without = _piece(0, n, whole, "", False, True)
    assert change_key(with_mark) == change_key(without)
    # text remaining (or put in) joins the next paragraph: then the mark counts
    assert change_key(_piece(0, 3, "d)\t", "", True, False)) != change_key(_piece(0, 3, "d)\t", "", False, False))
    assert change_key(_piece(0, n, whole, "x", True, True)) != change_key(_piece(0, n, whole, "x", False, True))
    # inserted text compared paragraph by paragraph: white space aside, a break is a break
    assert sides(f" and{BREAK}d)\tUNGA") == sides(f"and {BREAK} d)  UNGA")
    assert sides(f"a{BREAK}b") != sides("a b")


def test_compile_leaves_formatting_out_and_names_files(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "c.docx"
    res = run_cli("compile", str(folder), "--base", str(BASE), "--out", str(out))
    assert res.returncode == 0, res.stderr
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    texts = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml.replace("</w:p>", "</w:p>\n")))
    assert "paragraph-format" not in texts and ", format)" not in texts
    assert "AFCP/12A1/1#3 (AFCP, en-proposals.docx, insert)" in texts
    assert "AFCP/12A1/1 [en-proposals-rev1.docx] (AFCP): \u201cusers\u201d \u2192 \u201call the users\u201d" in texts
