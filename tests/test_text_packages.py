"""Plain-text packages: CriticMarkup gives edits like tracked changes; flattened text gives a warning."""

from __future__ import annotations

from pathlib import Path

from itu_review.package import load
from itu_review.views import accept_all, plain_text, reject_all, resolve

from .conftest import SAMPLES, run_cli

CRITIC = """MOD\tB/1/1
RESOLUTION 14 (REV. {~~ANTALYA, 2006~>DUBAI, 2018~~})
Title of the resolution
resolves
1\tto keep{-- this--} text{++ and add this++}{>>clearer<<};
{++2\tA new paragraph
split here++}
Reasons:\tBecause.
"""


def test_criticmarkup_edits_and_views(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text(CRITIC, encoding="utf-8")
    pkg = load(path)
    assert pkg.source == "criticmarkup"
    prop = pkg.proposal("B/1/1")
    assert prop.target.number == "14" and prop.reasons == "Because."
    assert [(e.id, e.kind, e.deleted, e.inserted) for e in prop.edits] == [
        ("B/1/1#1", "replace", "ANTALYA, 2006", "DUBAI, 2018"),
        ("B/1/1#2", "delete", " this", ""),
        ("B/1/1#3", "insert", "", " and add this"),
        ("B/1/1#4", "insert", "", "2\tA new paragraph¶split here"),
    ]
    assert prop.edits[2].comment == "clearer"
    base = [plain_text(x) for x in resolve(pkg.paragraphs, reject_all)]
    proposed = [plain_text(x) for x in resolve(pkg.paragraphs, accept_all)]
    assert base[1] == "RESOLUTION 14 (REV. ANTALYA, 2006)" and base[4] == "1\tto keep this text;"
    assert proposed[4:7] == ["1\tto keep text and add this;", "2\tA new paragraph", "split here"]


def test_criticmarkup_sample_matches_the_docx_sample() -> None:
    md = load(SAMPLES / "en-proposals.critic.md")
    docx = load(SAMPLES / "en-proposals.docx")
    assert [p.id for p in md.proposals] == [p.id for p in docx.proposals]
    text_edits = {(e.deleted.replace("¶", ""), e.inserted.replace("¶", "")) for e in md.edits}
    assert ("DUBAI, 2018", "BUCHAREST, 2022") in text_edits and ("2020-2023", "2024-2027") in text_edits


def test_flattened_text_without_headers_is_one_pseudo_proposal(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Just a letter.\nError! Unknown document property name.\nSecond line\n", encoding="utf-8")
    pkg = load(path)
    assert [p.id for p in pkg.proposals] == ["DOC"]
    assert [pa.any_text for pa in pkg.paragraphs] == ["Just a letter.", "", "Second line"]


def test_binary_or_non_utf8_text_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Résolution".encode("latin-1"))
    res = run_cli("list", str(bad))
    assert res.returncode == 3 and "not UTF-8 text" in res.stderr and str(bad) in res.stderr
