"""Plain-text packages: CriticMarkup gives edits like tracked changes; flattened text gives a warning."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itu_review.ingest.text import _critic_marks, _take_note_bodies
from itu_review.package import load
from itu_review.views import accept_all, plain_text, reject_all, resolve

from .conftest import ROOT, SAMPLES, run_cli

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


# -- linear time on hostile text ---------------------------------------------------------------------

CRITIC_REGEX = re.compile(r"\{\+\+(.*?)\+\+\}|\{--(.*?)--\}|\{~~(.*?)~>(.*?)~~\}|\{>>(.*?)<<\}|\{==(.*?)==\}", re.S)


def regex_marks(text: str) -> list[tuple[int, int, list[str]]]:
    """The specification of CriticMarkup parsing: the regular expression the reader used to run."""
    return [(m.start(), m.end(), [g for g in m.groups() if g is not None]) for m in CRITIC_REGEX.finditer(text)]


def scanned_note_bodies(line: str) -> tuple[str, list[tuple[str, str]]]:
    """The specification of note-body cutting: scan from each ``[N: `` for its balancing ``]``."""
    bodies, out, pos = [], [], 0
    while (m := re.compile(r"\[(\d+): ").search(line, pos)) is not None:
        depth, k = 1, m.end()
        while k < len(line) and depth:
            depth += {"[": 1, "]": -1}.get(line[k], 0)
            k += 1
        if depth:
            out.append(line[pos:m.end()])
            pos = m.end()
            continue
        out.append(line[pos:m.start()])
        bodies.append((m.group(1), re.sub(r"^\d+\t\s*", "", line[m.end():k - 1].strip()).strip()))
        pos = k
    out.append(line[pos:])
    text = "".join(out)
    return (text.rstrip() if bodies else text), bodies


FRAGMENTS = ["{++", "++}", "{--", "--}", "{~~", "~>", "~~}", "{>>", "<<}", "{==", "==}", "a", " ", "\n", "{", "}",
             "~", "+", "-"]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
@settings(max_examples=400, deadline=None)
def test_criticmarkup_marks_are_those_of_the_regular_expression(parts: list[str]) -> None:
    text = "".join(parts)
    assert [(a, b, p) for a, b, _, p in _critic_marks(text)] == regex_marks(text)


@given(st.lists(st.sampled_from(["[1: ", "[12: ", "[", "]", "x", "1\t", " ", "[footnoteRef:1]"]), max_size=40))
@settings(max_examples=400, deadline=None)
def test_note_bodies_are_cut_as_by_scanning(parts: list[str]) -> None:
    line = "".join(parts)
    assert _take_note_bodies(line) == scanned_note_bodies(line)


HOSTILE = {
    "flattened.txt": "Before [1: " * 50_000 + "\n",  # 5,000 of these took 18 s: 50,000 would take half an hour
    "critic.md": "{++" * 200_000 + "\nend{>>a comment<<}",  # 20,000 took 20 s
    "critic-closed.md": "{++" * 200_000 + " ++}",
    "critic-subst.md": "{~~old~>" * 100_000 + "\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_packages_read_in_linear_time(tmp_path: Path, name: str) -> None:
    """Correct results on inputs that the quadratic readers could not finish within the minute given."""
    path = tmp_path / name
    path.write_text(HOSTILE[name], encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "itu_review", "edits", str(path), "--format", "json"],
                         capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    edits = json.loads(res.stdout)["edits"]
    if name == "critic-closed.md":  # one insertion holding every other opener
        assert [(e["kind"], e["inserted"]) for e in edits] == [("insert", "{++" * 199_999 + " ")]
    else:
        assert edits == []
        text = run_cli("text", str(path)).stdout
        expected = HOSTILE[name].replace("{>>a comment<<}", "") if name == "critic.md" else HOSTILE[name]
        assert text == expected if expected.endswith("\n") else text == expected + "\n"
