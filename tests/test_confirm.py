"""A decision carried to a reissued package by a close match only is "to confirm" until its reviewer
decides the new edit: counted apart, kept tracked by apply, marked in the decided text."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from itu_review import decisions as dlog
from itu_review.cli import main
from itu_review.package import load

from .conftest import SAMPLES, run_cli

EN = SAMPLES / "en-proposals.docx"
REV1 = SAMPLES / "en-proposals-rev1.docx"
REWORDED = "AFCP/12A1/1#8"  # "users -> all users" became "users -> all the users" in Rev.1


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "d.jsonl"
    assert main(["decide", str(EN), "--log", str(path), "--reviewer", "amina", "--accept", "AFCP/12A1/1"]) == 0
    return path


def edits(capsys: pytest.CaptureFixture[str], log: Path) -> dict[str, dict]:
    capsys.readouterr()
    assert main(["export", str(REV1), "--log", str(log), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    return {e["id"]: e | {"counts": p["counts"]} for p in doc["proposals"] for e in p["edits"]}


def test_a_reattached_decision_is_to_confirm_with_both_texts(log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    e = edits(capsys, log)[REWORDED]
    assert e["status"] == dlog.TO_CONFIRM == "to confirm"
    d = e["decisions"]["amina"]
    assert (d["logged_deleted"], d["logged_inserted"]) == ("users", "all users")  # what amina accepted
    assert (e["deleted"], e["inserted"]) == ("users", "all the users")              # what Rev.1 proposes
    assert e["counts"]["to confirm"] == 2 and e["counts"]["accepted"] == 8


def test_core_status_and_texts_for_the_app(log: Path) -> None:
    pkg = load(REV1)
    state = dlog.load_state(pkg, log)
    edit = pkg.edit(REWORDED)
    assert edit is not None
    d = state.verdicts(edit.index)["amina"]
    assert d.to_confirm and d.how == dlog.REATTACHED and d.logged_texts == ("users", "all users")
    assert dlog.edit_status(state.verdicts(edit.index), "amina") == dlog.TO_CONFIRM
    assert dlog.edit_status(state.verdicts(edit.index)) == dlog.TO_CONFIRM
    # a flag elsewhere still comes first in the combination: it asks for more than a second look
    flag = dlog.Decision("omar", "flag", "why?", "", "", REWORDED, dlog.SAME)
    assert dlog.edit_status({**state.verdicts(edit.index), "omar": flag}) == dlog.FLAGGED


def test_apply_keeps_it_tracked_with_a_comment(log: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    res = run_cli("apply", str(REV1), "--log", str(log), "--out", str(out))
    assert res.returncode == 0, res.stderr
    with zipfile.ZipFile(out) as z:
        comments = z.read("word/comments.xml").decode()
        document = z.read("word/document.xml").decode()
    assert "To confirm: carried from an earlier issue by a close match (amina accepted AFCP/12A1/1#8)" in comments
    assert "all the users" in document and "<w:ins " in document  # still a tracked insertion


def test_text_decided_keeps_it_marked(log: Path) -> None:
    out = run_cli("text", str(REV1), "--version", "decided", "--log", str(log)).stdout
    # marked apart from pending and flagged edits: the reworded edit, and the paragraph whose formatting
    # change (a paragraph-format edit, #9, no text of its own) is to confirm too
    line = next(ln for ln in out.splitlines() if "understandable for" in ln)
    assert line.endswith("understandable for {--users--}{++all the users++}{>>to confirm<<};{>>to confirm<<}")
    assert out.count("{>>to confirm<<}") == 2
    assert "{>>to confirm<<}" not in run_cli("text", str(EN), "--version", "decided", "--log", str(log)).stdout


def test_deciding_the_new_edit_confirms_it(log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decide", str(REV1), "--log", str(log), "--reviewer", "amina", "--accept", REWORDED]) == 0
    e = edits(capsys, log)[REWORDED]
    assert e["status"] == "accepted" and e["decisions"]["amina"]["carried"] == "same"
    assert e["counts"]["to confirm"] == 1


def test_confirm_repeats_the_carried_verdicts_on_the_new_edits(log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    res = run_cli("decide", str(REV1), "--log", str(log), "--reviewer", "amina", "--confirm", "AFCP/12A1/1")
    assert res.returncode == 0
    assert "confirmed: 2 carried verdicts by amina" in res.stderr and "(9 edits had nothing of yours to confirm)" in res.stderr
    got = edits(capsys, log)
    assert got[REWORDED]["status"] == "accepted" and got[REWORDED]["counts"]["to confirm"] == 0
    res = run_cli("decide", str(REV1), "--log", str(log), "--reviewer", "omar", "--confirm", REWORDED)
    assert res.returncode == 0 and "confirmed: 0 carried verdicts" in res.stderr


def test_confirming_on_the_reissue_leaves_the_originals_decisions_as_they_were(
        log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One log for both issues: amina rejected 1#8 on the original, confirmed the carried verdict on Rev.1
    with another (accept). The original's own 1#8 keeps amina's own reject — not Rev.1's verdict
    re-attached to it and 'to confirm' — and `apply` on the original does what it did before."""
    assert main(["decide", str(EN), "--log", str(log), "--reviewer", "amina", "--reject", REWORDED]) == 0

    def original() -> dict[str, dict]:
        capsys.readouterr()
        assert main(["export", str(EN), "--log", str(log), "--format", "json"]) == 0
        doc = json.loads(capsys.readouterr().out)
        return {e["id"]: e for p in doc["proposals"] for e in p["edits"]}

    before = original()
    assert before[REWORDED]["status"] == "rejected"
    assert main(["decide", str(REV1), "--log", str(log), "--reviewer", "amina", "--confirm", "AFCP/12A1/1"]) == 0
    assert main(["decide", str(REV1), "--log", str(log), "--reviewer", "amina", "--accept", REWORDED]) == 0
    assert edits(capsys, log)[REWORDED]["status"] == "accepted"  # Rev.1 has its own decision now
    after = original()
    assert {k: (e["status"], e["decisions"].get("amina", {}).get("verdict")) for k, e in after.items()} == \
        {k: (e["status"], e["decisions"].get("amina", {}).get("verdict")) for k, e in before.items()}
    assert after[REWORDED]["decisions"]["amina"]["carried"] == "same"


def test_undoing_a_confirmation_makes_it_to_confirm_again(log: Path) -> None:
    from itu_review.session import ReviewSession

    s = ReviewSession.open([load(REV1)], [log], "amina")
    e = s.packages[0].edit(REWORDED)
    assert e is not None and s.status(0, e) == dlog.TO_CONFIRM
    assert s.confirm([e], 0) == 1 and s.status(0, e) == dlog.ACCEPTED
    assert s.undo() is not None and s.status(0, e) == dlog.TO_CONFIRM
    again = ReviewSession.open([load(REV1)], [log], "amina")  # as the log reads from now on
    assert again.status(0, again.packages[0].edit(REWORDED)) == dlog.TO_CONFIRM  # type: ignore[arg-type]


def test_the_markdown_report_says_what_a_reattached_verdict_was_given_on(log: Path) -> None:
    md = run_cli("export", str(REV1), "--log", str(log), "--format", "md").stdout
    row = next(line for line in md.splitlines() if line.startswith(f"| {REWORDED} |"))
    assert "amina: accept \\[re-attached\\] given on −“users” +“all users”" in row
