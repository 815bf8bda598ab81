"""Base collections and `check`: the texts in force, matching, verification, collisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from itu_review.basetexts import load_collection
from itu_review.check import check_packages
from itu_review.package import load

from .conftest import CORPUS, SAMPLES, run_cli

AKN_PATH = CORPUS / "akn4itu" / "pp18_final_acts_akn.xml"
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


@pytest.fixture(scope="module")
def pp18():  # type: ignore[no-untyped-def]
    return load_collection([str(AKN_PATH)])


def test_every_pp18_text_is_indexed_with_its_number_and_title(pp18) -> None:  # type: ignore[no-untyped-def]
    root = etree.parse(str(AKN_PATH)).getroot()
    expected = {}
    for st in root.iter(AKN + "statement"):
        number = st.find(f".//{AKN}FRBRWork/{AKN}FRBRnumber").get("value")  # e.g. res-130
        title = " ".join("".join(st.find(f".//{AKN}container[@name='title']").itertext()).split())
        kind = {"res": "resolution", "dec": "decision", "rec": "recommendation"}[number.split("-")[0]]
        expected[(kind, number.split("-")[1])] = title
    assert len(expected) == 64 and len(pp18.texts) == 64
    for (kind, number), title in expected.items():
        text = pp18.get(kind, number)
        assert text is not None, (kind, number)
        assert text.title == title and text.lang == "en"
    res130 = pp18.get("resolution", "130")
    assert res130.heading == "RESOLUTION 130 (REV. DUBAI, 2018)" and res130.edition == "rev. dubai, 2018"
    assert "b) UNGA Resolution 71/199, on the right to privacy in the digital age;" in res130.paragraphs
    assert "recalling" in res130.paragraphs and "resolves" in res130.paragraphs


def _findings(report, pid):  # type: ignore[no-untyped-def]
    return {(f.severity, f.kind): f for p in report.packages for c in p["proposals"] if c.proposal == pid
            for f in c.findings}


def test_check_finds_what_was_planted(pp18) -> None:  # type: ignore[no-untyped-def]
    pkg = load(SAMPLES / "en-check.docx")
    report = check_packages(pp18, [pkg])
    checks = {c.proposal: c for c in report.packages[0]["proposals"]}
    assert (checks["ACP/30/1"].text, checks["ACP/30/1"].match) == ("Resolution 130", "number")
    assert (checks["ACP/30/2"].text, checks["ACP/30/2"].match) == ("Resolution 71", "number")
    assert not checks["ACP/30/1"].problems  # a clean MOD: only elided paragraphs noted
    untracked = _findings(report, "ACP/30/2")[("error", "untracked-change")]
    assert untracked.ours.endswith("Sector Members and Associates in the Union's activities;")
    assert untracked.in_force == "b) Article 19 of the Convention, on the participation of Sector Members in the Union's activities;"
    assert "[+and Associates+]" in untracked.message
    assert pkg.paragraphs[untracked.paragraph].any_text == untracked.ours
    wrong = _findings(report, "ACP/30/3")[("error", "wrong-number")]
    assert checks["ACP/30/3"].text == "Resolution 130" and checks["ACP/30/3"].match == "title"
    assert "Resolution 131" in wrong.message and "Resolution 130" in wrong.message
    assert ("error", "not-found") in _findings(report, "ACP/30/5")
    assert not checks["ACP/30/4"].findings  # SUP of a text that exists
    dups = [f for c in report.packages[0]["proposals"] if c.proposal == "ACP/30/6" for f in c.findings]
    assert dups[0].kind == "duplicate" and "Resolution 130" in dups[0].message and dups[0].score >= 80
    assert all(d.score < dups[0].score for d in dups[1:])
    edition = _findings(report, "ACP/30/7")[("error", "wrong-edition")]
    assert "rev. busan, 2014" in edition.message and "rev. dubai, 2018" in edition.message


def test_two_packages_amending_one_resolution_collide(pp18) -> None:  # type: ignore[no-untyped-def]
    report = check_packages(pp18, [load(SAMPLES / "en-check.docx"), load(SAMPLES / "en-check-other.docx")])
    kinds = {(f.kind, f.severity): f for f in report.collisions}
    assert "MOD ACP/30/1" in kinds[("collision", "warning")].message and "MOD EUR/40/1" in kinds[("collision", "warning")].message
    overlap = kinds[("overlap", "error")]
    # each edit named with its file: a reissue beside its original has the same ids
    assert "\u201cnational, regional and international\u201d \u2192 \u201call\u201d by ACP/30/1#4 (en-check.docx)" \
        in overlap.message
    assert "\u2192 \u201cnational and regional\u201d by EUR/40/1#2 (en-check-other.docx)" in overlap.message
    assert overlap.message.startswith("2 different changes to the same words of paragraph ")
    assert "national, regional and international level" in overlap.in_force
    assert {(s["id"], s["package"].rsplit("/", 1)[-1]) for s in overlap.sources} == {
        ("ACP/30/1#4", "en-check.docx"), ("EUR/40/1#2", "en-check-other.docx")}
    same = kinds[("same-change", "info")]
    assert same.message.startswith("the same change to paragraph ")
    assert same.message.endswith("by ACP/30/1#1 (en-check.docx), EUR/40/1#1 (en-check-other.docx)")
    assert same.package.endswith("en-check.docx")


def test_check_command_exit_codes_and_json() -> None:
    res = run_cli("check", str(SAMPLES / "en-check.docx"), "--base", str(AKN_PATH), "--format", "json")
    assert res.returncode == 1
    doc = json.loads(res.stdout)
    assert doc["collection"]["texts"] == 64
    props = {p["proposal"]: p for p in doc["packages"][0]["proposals"]}
    assert props["ACP/30/2"]["findings"][0]["kind"] == "untracked-change"
    clean = run_cli("check", str(SAMPLES / "fr-propositions.docx"), "--base", str(SAMPLES / "base"))
    assert clean.returncode == 0 and clean.stdout.rstrip().endswith("0 errors, 0 warnings, 0 notes")
    missing = run_cli("check", str(SAMPLES / "en-check.docx"))
    assert missing.returncode == 2 and "--base" in missing.stderr
    bad = run_cli("check", str(SAMPLES / "en-check.docx"), "--base", str(SAMPLES / "build.py"))
    assert bad.returncode == 3 and "build.py" in bad.stderr


def test_text_collection_in_six_languages(tmp_path: Path) -> None:
    path = tmp_path / "base.txt"
    path.write_text("\n".join([
        "RESOLUTION 14 (REV. ANTALYA, 2006)", "Recognition of the rights", "",
        "RÉSOLUTION 15 (RÉV. ANTALYA, 2006)", "Titre", "RESOLUCIÓN 16 (REV. ANTALYA, 2006)", "Título",
        "РЕЗОЛЮЦИЯ 17 (Пересм. Анталья, 2006 г.)", "Заголовок", "第18号决议（2014年，釜山，修订版）", "标题",
        "القـرار 19 (المراجَع في أنطاليا، 2006)", "العنوان", "DECISION 5 (REV. DUBAI, 2018)", "Income"]),
        encoding="utf-8")
    coll = load_collection([str(path)])
    got = [(t.kind, t.number, t.title) for t in coll.texts]
    assert got == [("resolution", "14", "Recognition of the rights"), ("resolution", "15", "Titre"),
                   ("resolution", "16", "Título"), ("resolution", "17", "Заголовок"), ("resolution", "18", "标题"),
                   ("resolution", "19", "العنوان"), ("decision", "5", "Income")]


def test_directory_collection_with_docx_and_text() -> None:
    coll = load_collection([str(SAMPLES / "base")])
    assert coll.get("resolution", "130", "fr").heading == "RÉSOLUTION 130 (RÉV. DUBAÏ, 2018)"
    assert coll.get("resolution", "130", "en").heading == "RESOLUTION 130 (REV. DUBAI, 2018)"


def test_show_fills_the_base_side_of_a_sup_from_the_collection() -> None:
    res = run_cli("show", str(SAMPLES / "en-proposals.docx"), "AFCP/12A1/3", "--base", str(SAMPLES / "base"),
                  "--width", "120")
    assert res.returncode == 0
    assert "in force: Resolution 2" in res.stdout
    assert "that the World Telecommunication/ICT Policy Forum (WTPF)" in res.stdout
    assert "shall continue to be convened;" in res.stdout
    assert "\u22ef suppressed with the whole text" in res.stdout  # not "not reproduced": that is an unchanged paragraph


def test_show_marks_the_untracked_paragraph() -> None:
    """Under "in force", b) as in force with the package's untracked words after an arrow; in the
    package's own base (one view away) the paragraph flagged by its finding."""
    res = run_cli("show", str(SAMPLES / "en-check.docx"), "ACP/30/2", "--base", str(AKN_PATH), "--width", "140")
    assert "Members {\u2192and Associates} in the Union's activities;" in res.stdout
    assert "! error untracked-change in b): \u2026 of Sector Members [+and Associates+] in the Union's" in res.stdout
    res = run_cli("show", str(SAMPLES / "en-check.docx"), "ACP/30/2", "--base", str(AKN_PATH), "--width", "140",
                  "--view", "package-base")
    assert "\u26a0 untracked change: b)" in res.stdout


def test_export_carries_findings() -> None:
    res = run_cli("export", str(SAMPLES / "en-check.docx"), "--base", str(AKN_PATH), "--format", "json")
    doc = json.loads(res.stdout)
    props = {p["id"]: p for p in doc["proposals"]}
    assert props["ACP/30/2"]["findings"][0]["kind"] == "untracked-change"
