"""What a new user trips over in headless output: the version, each command's own messages, one
vocabulary for a proposal's decision, a bad log refused the same way by every command, counts in
good English, notes wrapped rather than cut, report columns that fit their words, and piped `show`
writing the document's own letters."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tomllib
import unicodedata
from pathlib import Path

import pytest
from docx import Document

from .conftest import ROOT, SAMPLES, SEED, run_cli

EN = SAMPLES / "en-proposals.docx"


def test_the_version_is_this_release_and_written_once() -> None:
    from itu_review import __version__

    assert __version__ == "0.2.0"
    assert run_cli("--version").stdout.strip() == "itu-review 0.2.0"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "version" not in project and "version" in project["dynamic"]
    readme = (ROOT / "README.md").read_text()
    assert "itu-review 0.2 (this release" in readme


def test_a_newer_log_names_this_version(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    log.write_text(json.dumps({"v": 9, "reviewer": "a", "edit": "AFCP/12A1/1#1", "verdict": "accept"}) + "\n")
    res = run_cli("export", str(EN), "--log", str(log))
    assert res.returncode == 3 and "itu-review 0.2.0 reads up to v2" in res.stderr and "upgrade" in res.stderr


def test_outcome_on_an_edit_says_what_an_outcome_takes() -> None:
    res = run_cli("outcome", str(SEED), "B/67/4#1", "approved")
    assert res.returncode == 2
    assert "B/67/4#1 is an edit: an outcome is the conference's decision on a whole proposal (give B/67/4)" \
        in res.stderr
    assert "--support" not in res.stderr


def test_export_csv_has_one_vocabulary_for_a_proposal(tmp_path: Path) -> None:
    pkg = tmp_path / "en.docx"
    shutil.copy(EN, pkg)
    log = tmp_path / "d.jsonl"
    run_cli("decide", str(pkg), "--log", str(log), "--reviewer", "a", "--accept", "AFCP/12A1/1#1")
    run_cli("decide", str(pkg), "--log", str(log), "--reviewer", "b", "--reject", "AFCP/12A1/1#1")
    run_cli("decide", str(pkg), "--log", str(log), "--reviewer", "b", "--flag", "AFCP/12A1/1#2", "--note", "why")
    out = run_cli("export", str(pkg), "--log", str(log)).stdout
    reader = csv.DictReader(io.StringIO(out.lstrip("\ufeff")))
    assert "proposal status" not in (reader.fieldnames or [])
    got = list(reader)
    prop = next(r for r in got if r["row"] == "proposal" and r["proposal"] == "AFCP/12A1/1")
    assert prop["decision"] == "flagged"
    assert all(r["decision"] == "" for r in got if r["row"] == "edit")  # not repeated on every edit row
    readme = (ROOT / "README.md").read_text()
    assert "is only how far the review of its edits has\ngone" in readme


def test_list_table_refuses_a_bad_log_as_json_does(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.jsonl"
    garbage.write_text("not json\n")
    for fmt in ("table", "json"):
        res = run_cli("list", str(EN), "--log", str(garbage), "--format", fmt)
        assert res.returncode == 3, (fmt, res.stderr)
        assert f"{garbage}: line 1" in res.stderr and res.stderr.count("\n") == 1


def test_list_table_shows_the_decision_once_there_is_one(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    run_cli("decide", str(EN), "--log", str(log), "--reviewer", "a", "--support", "AFCP/12A1/3")
    out = run_cli("list", str(EN), "--log", str(log), env={"COLUMNS": "120"}).stdout
    assert out.splitlines()[1].split()[:5] == ["id", "action", "target", "edits", "decision"]
    assert re.search(r"AFCP/12A1/3\s+SUP\s+Resolution 2\s+0\s+support\s", out)
    fresh = tmp_path / "fresh.docx"
    shutil.copy(EN, fresh)  # no log yet: no decision column
    assert "decision" not in run_cli("list", str(fresh)).stdout.splitlines()[1]


@pytest.mark.parametrize(("args", "good", "bad"), [
    (["list", "samples/tricky.docx"], "(docx, 1 proposal, 3 edits)", "1 proposals"),
    (["show", "samples/tricky.docx", "TST/1/1", "--width", "100"], "(3 edits)", "1 edits"),
])
def test_counts_are_singular_for_one(args: list[str], good: str, bad: str) -> None:
    out = run_cli(*args).stdout
    assert good in out and bad not in out


def test_check_counts_paragraphs_in_good_english() -> None:
    out = run_cli("check", "samples/en-check.docx", "--base", "samples/base", env={"COLUMNS": "200"}).stdout
    assert "(s)" not in out
    assert "1 paragraph of Resolution 41 not reproduced" in out and "9 paragraphs of Resolution 130" in out


def test_base_notes_are_wrapped_not_cut_at_80_columns() -> None:
    out = run_cli("show", "samples/en-check.docx", "ACP/30/5", "--width", "80", "--base", "samples/base").stdout
    assert "\u2026" not in out
    words = " ".join(out.split())
    assert "SUP: the text to suppress is not reproduced, and the base collection does not hold it" in words
    assert all(len(ln) <= 80 for ln in out.splitlines())


def test_report_columns_are_as_wide_as_their_longest_word(tmp_path: Path) -> None:
    """Equal columns split "disagreement" in the summary's narrow Decision column; each column is now at
    least as wide as its longest word (at about 5.5 points a character, 6.5 in the bold header)."""
    pkg = tmp_path / "en.docx"
    shutil.copy(EN, pkg)
    log = tmp_path / "d.jsonl"
    run_cli("decide", str(pkg), "--log", str(log), "--reviewer", "a", "--accept", "AFCP/12A1/1#1")
    run_cli("decide", str(pkg), "--log", str(log), "--reviewer", "b", "--reject", "AFCP/12A1/1#1")
    out = tmp_path / "r.docx"
    assert run_cli("export", str(pkg), "--log", str(log), "--format", "docx", "--out", str(out)).returncode == 0
    doc = Document(str(out))
    summary = doc.tables[0]
    widths = [c.width.pt for c in summary.columns]
    assert len({round(w) for w in widths}) > 1  # not equal columns
    for k, column in enumerate(summary.columns):
        longest = max(len(w) for cell in column.cells for w in cell.text.split() if len(w) <= 16)
        assert widths[k] >= longest * 5.5, (summary.rows[0].cells[k].text, widths[k], longest)
    section = doc.sections[0]
    assert abs(sum(widths) - (section.page_width - section.left_margin - section.right_margin) / 12700) < 2


def test_piped_show_writes_the_documents_own_letters() -> None:
    res = run_cli("show", "samples/ar-proposals.docx", "ARB/20A1/1", "--width", "100")
    assert res.returncode == 0
    assert not any(0xFB50 <= ord(ch) <= 0xFEFF for ch in res.stdout)  # no presentation forms
    assert "رارـقلا" in res.stdout  # still a picture of the screen: right to left in visual order
    asked = run_cli("show", "samples/ar-proposals.docx", "ARB/20A1/1", "--width", "100", "--bidi", "app").stdout
    assert any(0xFB50 <= ord(ch) <= 0xFEFF for ch in asked)
    assert unicodedata.normalize("NFKC", asked).count("\u0631") == res.stdout.count("\u0631")


def test_list_table_shows_each_proposals_warning_in_full() -> None:
    out = run_cli("list", str(SEED), env={"COLUMNS": "80"}).stdout
    # the file's line above the table wraps where the checkout's path is long: find the row itself
    row = next(line for line in out.splitlines() if line.startswith("B/67/1 "))
    assert row.split()[-1] == "!"
    words = " ".join(out.split())
    assert "! B/67/1: revision marks were lost in extraction: this MOD shows no edits; compare it with the base" \
        in words
    assert "revision marks were \u2026" not in out


def test_a_long_path_above_a_table_is_one_line(tmp_path: Path) -> None:
    """The line naming the package is never folded inside the path ('en-prop' over 'osals.docx'), however
    deep the folder: a path is copied and pasted, whole."""
    deep = tmp_path / ("a-folder-with-a-long-name-" * 3) / "en-proposals.docx"
    deep.parent.mkdir()
    shutil.copy(SAMPLES / "en-proposals.docx", deep)
    for command in ("list", "edits"):
        first = run_cli(command, str(deep), env={"COLUMNS": "80"}).stdout.splitlines()[0]
        assert first.startswith(f"{deep}  (docx, 6 proposals" if command == "list" else f"{deep}  (15 edits")


def test_a_file_named_twice_is_listed_once() -> None:
    out = run_cli("list", "samples/en-proposals.docx", "./samples/en-proposals.docx").stdout
    assert sum(1 for line in out.splitlines() if line.startswith("AFCP/12A1/1 ")) == 1
