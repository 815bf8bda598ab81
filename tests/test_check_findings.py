"""`check` against the real PP-18 Final Acts: findings that mean what their severity says — an error
when the base is not the text in force, a warning for an editorial slip, one note for list labels —
named by their paragraph, and attached by `export --base` to the edits they concern."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from itu_review.basetexts import edition_case, load_collection
from itu_review.check import check_packages, word_diff
from itu_review.labels import canonical_label, split_label
from itu_review.package import load

from .conftest import CORPUS, SAMPLES, run_cli

PP18 = CORPUS / "akn4itu" / "pp18_final_acts_akn.xml"
sys.path.insert(0, str(SAMPLES))
import build  # the samples' own texts: Resolution 130 as in force
from docxgen import Para, write_docx


@pytest.fixture(scope="module")
def pp18():  # type: ignore[no-untyped-def]
    return load_collection([str(PP18)])


def findings(report, pid: str) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [(f.severity, f.kind, f.name) for p in report.packages for c in p["proposals"] if c.proposal == pid
            for f in c.findings]


def test_nine_unlabelled_items_are_one_note_and_the_real_change_one_error(pp18) -> None:  # type: ignore[no-untyped-def]
    """IAP/50/1 numbers "recalling" a) to i) with Word (no typed label) and says "worldwide" where the
    text in force says "global": one error on d), one note on the labels — not nine errors "[-b)-]"."""
    report = check_packages(pp18, [load(SAMPLES / "en-pp18.docx")])
    assert findings(report, "IAP/50/1") == [("error", "untracked-change", "d)"), ("info", "labels", "list labels"),
                                            ("info", "elided", "")]
    f = report.packages[0]["proposals"][0].findings[0]
    assert f.diff == "\u2026 creation of a [-global-] [+worldwide+] culture of cybersecurity;"
    assert f.in_force == "d) UNGA Resolution 57/239, on the creation of a global culture of cybersecurity;"
    labels = report.packages[0]["proposals"][0].findings[1]
    assert labels.message.startswith("9 paragraphs lack the typed labels of the text in force (a) \u2026 i))")
    # a comma for a semicolon is editorial: a warning, not an error
    assert findings(report, "IAP/50/2") == [("warning", "editorial", "a)"), ("info", "elided", "")]


def test_labels_alone_leave_check_clean(tmp_path: Path, pp18) -> None:  # type: ignore[no-untyped-def]
    """Drafted on the text in force word for word, the items numbered by Word, two typed labels
    shifted by one: nothing to look at (exit 0), one note saying why the labels differ."""
    recalling = [Para(t, numbered=True) for t in build.PP18_RES130_RECALLING[:7]]
    recalling[5] = Para("g)\t" + build.PP18_RES130_RECALLING[5])  # typed, one letter off
    recalling[6] = Para("h)\t" + build.PP18_RES130_RECALLING[6])
    path = write_docx(tmp_path / "labels.docx", [
        Para("MOD\tIAP/60/1", "Proposal"), Para("RESOLUTION 130 (REV. {~~DUBAI, 2018~>BUCHAREST, 2022~~})", "ResNo"),
        Para(build.RES130_TITLE, "Restitle"), Para(build.FORMULA), Para("recalling", "Call"), *recalling,
        Para("Reasons:\tUpdate.", "Reasons")])
    report = check_packages(pp18, [load(path)])
    assert [(s, k) for s, k, _ in findings(report, "IAP/60/1")] == [("info", "labels"), ("info", "elided")]
    note = report.packages[0]["proposals"][0].findings[0].message
    assert "5 paragraphs lack the typed labels of the text in force (a) \u2026 e))" in note
    assert "2 paragraphs are labelled differently (g) for f), h) for g))" in note
    assert not report.has_problems
    res = run_cli("check", str(path), "--base", str(PP18))
    assert res.returncode == 0 and res.stdout.rstrip().endswith("0 errors, 0 warnings, 2 notes")


def test_check_table_names_each_paragraph() -> None:
    """What a user sees at 80 columns: per proposal the text in force it matched (with its edition),
    and one row per finding — severity, kind, the paragraph by its label, what differs."""
    res = run_cli("check", str(SAMPLES / "en-pp18.docx"), "--base", str(PP18))
    assert res.returncode == 1  # an error and a warning
    lines = [line.rstrip() for line in res.stdout.splitlines()]
    k = lines.index("samples/en-pp18.docx") if "samples/en-pp18.docx" in lines else next(
        i for i, line in enumerate(lines) if line.endswith("en-pp18.docx"))
    assert lines[k + 1:k + 9] == [
        "    severity  finding           paragraph    detail",
        "  MOD IAP/50/1 \u2192 Resolution 130 (Rev. Dubai, 2018), matched by number (100%)",
        "    error     untracked-change  d)           \u2026 creation of a [-global-]",
        "                                             [+worldwide+] culture of",
        "                                             cybersecurity;",
        "    info      labels            list labels  9 paragraphs lack the typed labels",
        "                                             of the text in force (a) \u2026 i)):",
        "                                             numbering, not wording, so not",
    ]
    assert "    warning   editorial         a)           \u2026 strategic policies and [-plans;-]" in lines
    assert lines[-1] == "1 error, 1 warning, 3 notes"
    assert all(len(line) <= 80 for line in lines)


def test_unmatched_cells_of_a_table_are_one_finding(pp18) -> None:  # type: ignore[no-untyped-def]
    report = check_packages(pp18, [load(SAMPLES / "en-proposals.docx")])
    chk = next(c for c in report.packages[0]["proposals"] if c.proposal == "AFCP/12A1/1")
    unmatched = [f for f in chk.findings if f.kind == "unmatched-paragraph"]
    assert len(unmatched) == 1 and len(unmatched[0].paragraphs) == 6
    assert unmatched[0].message == "these 6 paragraphs of the base are not in the text in force"
    assert unmatched[0].ours.startswith("Indicator / Source / Frequency / National CIRTs established")


def test_export_attaches_a_finding_to_the_edits_it_concerns(tmp_path: Path) -> None:
    """The editorial slip of IAP/50/2 is in item a): only IAP/50/2#3 (", financial", in a)) carries it;
    the wrong edition of ACP/30/7 concerns its whole base, so its edit carries that."""
    log = tmp_path / "d.jsonl"
    log.touch()  # a log named with --log must exist (an empty one: nothing decided yet)
    res = run_cli("export", str(SAMPLES / "en-pp18.docx"), "--base", str(PP18), "--log", str(log), "--format", "csv")
    rows = {r["edit"]: r["findings"] for r in csv.DictReader(io.StringIO(res.stdout.lstrip("\ufeff")))
            if r["row"] == "edit"}
    assert rows["IAP/50/2#3"].startswith("editorial: punctuation or spacing differs from the text in force")
    assert all(v == "" for k, v in rows.items() if k != "IAP/50/2#3")
    res = run_cli("export", str(SAMPLES / "en-pp18.docx"), "--base", str(PP18), "--log", str(log), "--format", "json")
    doc = json.loads(res.stdout)
    prop = next(p for p in doc["proposals"] if p["id"] == "IAP/50/1")
    assert [f["kind"] for f in prop["findings"]] == ["untracked-change", "labels", "elided"]
    assert prop["findings"][0]["paragraph"] == "d)"
    assert all(e["findings"] == [] for e in prop["edits"])  # d) holds no edit
    res = run_cli("export", str(SAMPLES / "en-check.docx"), "--base", str(PP18), "--log", str(log), "--format", "csv")
    rows = {r["edit"]: r["findings"] for r in csv.DictReader(io.StringIO(res.stdout.lstrip("\ufeff")))
            if r["row"] == "edit"}
    assert rows["ACP/30/7#1"].startswith("wrong-edition: drafted on another edition")
    assert rows["ACP/30/2#3"] == ""  # in a); the untracked change is in b)


@pytest.mark.parametrize(("text", "label", "rest"), [
    ("b)\tUNGA Resolution 71/199", "b)", "UNGA Resolution 71/199"), ("(iv) the work", "(iv)", "the work"),
    ("1 to continue", "1", "to continue"), ("1.2\tthe plan", "1.2", "the plan"),
    ("2018 report of the Council", "", "2018 report of the Council"), ("أ )\tبقرار الجمعية", "أ )", "بقرار الجمعية"),
    ("\u20191\u2018 المادة", "\u20191\u2018", "المادة"), ("а) учитывая", "а)", "учитывая"),
    ("recalling", "", "recalling"), ("a)", "", "a)")])
def test_list_labels(text: str, label: str, rest: str) -> None:
    assert split_label(text) == (label, rest)


def test_labels_in_two_scripts_are_one_label() -> None:
    assert canonical_label("ب)") == canonical_label("(b)") == canonical_label("b)") == "b"


def test_editions_read_as_people_write_them() -> None:
    assert edition_case("REV. DUBAI, 2018") == "Rev. Dubai, 2018"
    assert edition_case("REV.WRC-15") == "Rev.WRC-15"
    assert edition_case("RÉV. DUBAÏ, 2018") == "Rév. Dubaï, 2018"
    assert edition_case("Rev. Busan, 2014") == "Rev. Busan, 2014"


def test_word_diff_keeps_a_few_words_around() -> None:
    assert word_diff("of Sector Members and Associates in the Union's activities;",
                     "of Sector Members in the Union's activities;") == (
        "of Sector Members [+and Associates+] in the Union's activities;")
    assert word_diff("one two three four five six seven eight nine ten eleven X",
                     "one two three four five six seven eight nine ten eleven Y") == (
        "\u2026 nine ten eleven [-Y-] [+X+]")


def test_check_says_when_a_document_has_no_proposal(tmp_path: Path) -> None:
    """A document without MOD/ADD/SUP/NOC headings gets a line saying there was nothing to check, not an
    empty table above '0 errors' (which reads as a clean bill)."""
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Secretary-General,\n\nWe write to confirm our attendance.\n", encoding="utf-8")
    res = run_cli("check", str(letter), str(SAMPLES / "en-proposals.docx"), "--base", str(SAMPLES / "base"))
    out = res.stdout.split(str(SAMPLES / "en-proposals.docx"))
    assert "no proposals found (no MOD, ADD, SUP or NOC heading): nothing to check" in out[0]
    assert "severity" not in out[0]  # no empty table for the letter
    assert "MOD AFCP/12A1/1" in out[1]  # the package beside it is checked as before
