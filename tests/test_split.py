"""Splitting packages into proposals: headers, targets, titles and reasons in six languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from itu_review.cli import main
from itu_review.ingest import lang
from itu_review.package import load

from .conftest import CORPUS, SEED
from .docxfix import make_docx, p, r


@pytest.mark.parametrize(("text", "expected"), [
    ("MOD\tB/67/1", ("MOD", "B/67/1")),
    ("  ADD  B/67/5  ", ("ADD", "B/67/5")),
    ("(MOD)\tACP/24A13/2", ("(MOD)", "ACP/24A13/2")),
    ("SUP*\tB/CAN/CLM/USA/38/2", ("SUP*", "B/CAN/CLM/USA/38/2")),
    ("ADD*\tEUR/18A3R1/01", ("ADD*", "EUR/18A3R1/01")),
    ("NOC\u00a0MEX/18A3/2", ("NOC", "MEX/18A3/2")),
    ("MOD B/67/1 and more text", None),
    ("MODIFY B/67/1", None),
])
def test_header_patterns(text: str, expected: tuple[str, str] | None) -> None:
    assert lang.parse_header(text) == expected


@pytest.mark.parametrize(("heading", "expected"), [
    ("RESOLUTION 14 (REV. ANTALYA, 2006)", ("resolution", "14")),
    ("RESOLUTION 28 (REV.WRC-15)", ("resolution", "28")),
    ("RÉSOLUTION 14 (RÉV. ANTALYA, 2006)", ("resolution", "14")),
    ("RESOLUCIÓN 14 (REV. ANTALYA, 2006)", ("resolution", "14")),
    ("РЕЗОЛЮЦИЯ 14 (Пересм. Анталья, 2006 г.)", ("resolution", "14")),
    ("第71号决议（2014年，釜山，修订版）", ("resolution", "71")),
    ("القـرار 14 (المراجَع في أنطاليا، 2006)", ("resolution", "14")),
    ("المقرر 5 (المراجَع في دبي، 2018)", ("decision", "5")),
    ("التوصية 7 (دبي، 2018)", ("recommendation", "7")),
    ("DECISION 11 (REV. DUBAI, 2018)", ("decision", "11")),
    ("DRAFT NEW RESOLUTION [B-1]", ("draft", "B-1")),
    ("PROJET DE NOUVELLE RÉSOLUTION [EUR-2]", ("draft", "EUR-2")),
    ("PROYECTO DE NUEVA RESOLUCIÓN [IAP-1]", ("draft", "IAP-1")),
    ("ПРОЕКТ НОВОЙ РЕЗОЛЮЦИИ [RCC-3]", ("draft", "RCC-3")),
    ("新决议草案 [ACP-1]", ("draft", "ACP-1")),
    ("مشروع قرار جديد [B-1]", ("draft", "B-1")),
    ("ARTICLE 5", ("article", "5")),
    ("APPENDIX 30B (REV.WRC-19)", ("appendix", "30B")),
    ("CS 165", ("constitution", "165")),
    ("considering", None),
])
def test_heading_patterns(heading: str, expected: tuple[str, str] | None) -> None:
    assert lang.parse_heading(heading) == expected


@pytest.mark.parametrize("marker", ["Reasons:", "Motifs:", "Motivos:", "Основания:", "理由：", "الأسباب:"])
def test_reasons_markers(marker: str) -> None:
    assert lang.REASONS.match(f"{marker}\tbecause")


def test_seed_gives_exactly_the_five_proposals_of_document_67(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", str(SEED), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    got = [(p["id"], p["action"], p["target"]["kind"], p["target"]["number"]) for p in doc["proposals"]]
    assert got == [("B/67/1", "MOD", "resolution", "14"), ("B/67/2", "MOD", "resolution", "71"),
                   ("B/67/3", "SUP", "resolution", "128"), ("B/67/4", "MOD", "resolution", "130"),
                   ("B/67/5", "ADD", "draft", "B-1")]
    for prop in doc["proposals"]:
        assert prop["reasons"], prop["id"]
        assert "[bookmark" not in prop["title"]
    titles = {p["id"]: p["title"] for p in doc["proposals"]}
    assert titles["B/67/1"] == "الاعتراف بحقوق جميع أعضاء قطاعات الاتحاد وواجباتهم"
    assert titles["B/67/3"] == "دعم برنامج التوصيلية للأمريكتين وخطة عمل كيتو"
    assert doc["proposals"][0]["warnings"] == [
        "revision marks were lost in extraction: this MOD shows no edits; compare it with the base text"]
    assert "revision marks were lost" in doc["package"]["warnings"][0]


def test_seed_has_no_artefacts_left_and_real_footnotes() -> None:
    pkg = load(SEED)
    for para in pkg.paragraphs:
        assert "[bookmark" not in para.any_text and "footnoteRef" not in para.any_text
    notes = {pid: [s.note for pi in (*pkg.proposal(pid).paras, *pkg.proposal(pid).reason_paras)
                   for s in pkg.paragraphs[pi].segments if s.note] for pid in ("B/67/4", "B/67/5")}
    assert notes == {"B/67/4": [("footnote", "1")], "B/67/5": [("footnote", "2"), ("footnote", "3")]}
    assert pkg.notes[("footnote", "2")].paragraphs[0].any_text == "https://www.itu.int/md/S17-RCLINTPOL10-C-0005/en"
    assert pkg.notes[("footnote", "1")].paragraphs[0].any_text.startswith("تشمل أقل البلدان نمواً")


def test_rp051_gives_mod_417_and_noc(capsys: pytest.CaptureFixture[str]) -> None:
    pkg = load(CORPUS / "open-xml-powertools" / "RP051-Arabic.docx")
    mod, noc = pkg.proposal("MEX/18A3/1"), pkg.proposal("MEX/18A3/2")
    assert (mod.action, mod.target.kind, mod.target.number) == ("MOD", "resolution", "417")
    assert noc.action == "NOC" and mod.edits and all(e.id.startswith("MEX/18A3/1#") for e in mod.edits)
    assert [e.id for e in mod.edits][:3] == ["MEX/18A3/1#1", "MEX/18A3/1#2", "MEX/18A3/1#3"]


def test_two_line_older_layout_and_front_matter(tmp_path: Path) -> None:
    body = (p(r("Front matter")) + p(r("J/12/1")) + p(r("MOD")) + p(r("RESOLUTION 14 (REV. ANTALYA, 2006)"))
            + p(r("Recognition of the rights")) + p(r("Reasons:\tBecause.")) + p(r("NOC")) + p(r("J/12/2"))
            + p(r("RESOLUTION 71 (REV. BUSAN, 2014)")) + p(r("Motifs: parce que")))
    pkg = load(make_docx(tmp_path / "old.docx", body))
    got = [(x.id, x.action, x.target.number, x.title, x.reasons) for x in pkg.proposals]
    assert got == [("DOC", "", "", "(front matter)", ""),
                   ("J/12/1", "MOD", "14", "Recognition of the rights", "Because."),
                   ("J/12/2", "NOC", "71", "", "parce que")]


def test_samples_list_every_action(capsys: pytest.CaptureFixture[str]) -> None:
    from .conftest import SAMPLES

    pkg = load(SAMPLES / "en-proposals.docx")
    assert [(p.id, p.action, p.target.kind, p.target.number) for p in pkg.proposals[1:]] == [
        ("AFCP/12A1/1", "MOD", "resolution", "130"), ("AFCP/12A1/2", "MOD", "resolution", "71"),
        ("AFCP/12A1/3", "SUP", "resolution", "2"), ("AFCP/12A1/4", "ADD", "draft", "AFCP-1"),
        ("AFCP/12A1/5", "NOC", "resolution", "41")]
    kinds = {e.kind for e in pkg.edits}
    assert {"replace", "insert", "delete", "move", "format", "paragraph-format", "row-insert"} <= kinds
    ar = load(SAMPLES / "ar-proposals.docx")
    assert ar.language == "ar" and ar.proposal("ARB/20A1/1").target.number == "130"
    assert all(ar.paragraphs[pi].rtl for pi in ar.proposal("ARB/20A1/1").paras)
    fr = load(SAMPLES / "fr-propositions.docx")
    assert fr.language == "fr" and fr.proposal("EUR/15A2/1").reasons.startswith("Mettre à jour")
