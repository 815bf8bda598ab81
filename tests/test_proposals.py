"""Proposals decided as a whole: verdicts on SUP/ADD/NOC, notes, roll-ups, contradictions, outcomes,
the seed decided completely from the command line, old logs, reissues, and every export format."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from itu_review import decisions as dlog
from itu_review.carry import MOVED, REATTACHED, ProposalIndex
from itu_review.cli import main
from itu_review.export import tabular
from itu_review.package import load
from itu_review.proposal_verdicts import AMENDED, OPPOSE, SUPPORT, rollup, summarize

from .conftest import SAMPLES, SEED, need_tool, run_cli

EN = SAMPLES / "en-proposals.docx"
REV1 = SAMPLES / "en-proposals-rev1.docx"
DATA = Path(__file__).resolve().parent / "data"


def decide(log: Path, *args: str, pkg: Path = EN, reviewer: str = "amina") -> None:
    assert main(["decide", str(pkg), "--log", str(log), "--reviewer", reviewer, *args]) == 0


def export_json(capsys: pytest.CaptureFixture[str], log: Path, pkg: Path = EN) -> dict:
    capsys.readouterr()
    assert main(["export", str(pkg), "--log", str(log), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def proposals(doc: dict) -> dict[str, dict]:
    return {p["id"]: p for p in doc["proposals"]}


def test_sup_add_and_noc_are_decided_with_decide(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--support", "AFCP/12A1/3")                       # SUP
    decide(log, "--oppose", "AFCP/12A1/4", "--note", "not now")   # ADD
    decide(log, "--flag", "AFCP/12A1/5", "--note", "why NOC?")    # NOC: a proposal without edits takes the flag
    props = proposals(export_json(capsys, log))
    assert props["AFCP/12A1/3"]["verdicts"]["amina"]["verdict"] == "support"
    assert props["AFCP/12A1/3"]["decision"] == "support"
    assert props["AFCP/12A1/4"]["verdicts"]["amina"] | {"at": ""} == {
        "verdict": "oppose", "note": "not now", "at": "", "user": dlog.os_user(), "carried": "same", "rollup": "",
        "position": "oppose", "contradiction": ""}
    assert props["AFCP/12A1/5"]["decision"] == "flagged"
    events = [json.loads(x) for x in log.read_text().splitlines()]
    assert [(e["proposal"], e["action"], e["target"], e["v"]) for e in events] == [
        ("AFCP/12A1/3", "SUP", {"kind": "resolution", "number": "2"}, 2),
        ("AFCP/12A1/4", "ADD", {"kind": "draft", "number": "AFCP-1"}, 2),
        ("AFCP/12A1/5", "NOC", {"kind": "resolution", "number": "41"}, 2)]
    assert not any("edit" in e for e in events)


def test_accept_on_a_proposal_without_edits_says_what_to_do(tmp_path: Path) -> None:
    res = run_cli("decide", str(EN), "--log", str(tmp_path / "d.jsonl"), "--accept", "AFCP/12A1/3")
    assert res.returncode == 2
    assert "AFCP/12A1/3 (SUP) has no edits to accept: decide it as a whole with --support" in res.stderr
    res = run_cli("decide", str(EN), "--log", str(tmp_path / "d.jsonl"), "--support", "AFCP/12A1/1#2")
    assert res.returncode == 2 and "is an edit: --support and --oppose decide whole proposals" in res.stderr
    res = run_cli("decide", str(EN), "--log", str(tmp_path / "d.jsonl"), "AFCP/12A1/1#2")
    assert res.returncode == 2 and "give a verdict" in res.stderr
    assert not (tmp_path / "d.jsonl").exists()


def test_a_mod_id_means_its_edits_unless_a_proposal_verdict_is_given(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--flag", "AFCP/12A1/2", "--note", "dates")               # today's meaning: all 4 edits
    decide(log, "--flag", "--proposal", "AFCP/12A1/1", "--note", "whole")  # the MOD as a whole
    props = proposals(export_json(capsys, log))
    assert [e["status"] for e in props["AFCP/12A1/2"]["edits"]] == ["flagged"] * 4
    assert "amina" not in props["AFCP/12A1/2"]["verdicts"] or not props["AFCP/12A1/2"]["verdicts"]["amina"]["verdict"]
    assert props["AFCP/12A1/1"]["verdicts"]["amina"]["verdict"] == "flag"
    assert all(e["status"] == "pending" for e in props["AFCP/12A1/1"]["edits"])


def test_globs_select_proposals_for_proposal_verdicts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--support", "AFCP/12A1/*")
    props = proposals(export_json(capsys, log))
    assert {k: p["verdicts"]["amina"]["verdict"] for k, p in props.items()} == {
        f"AFCP/12A1/{k}": "support" for k in range(1, 6)}  # the front matter (DOC) is no proposal


@pytest.mark.parametrize("verdicts, expected", [
    (["--accept"] * 4, SUPPORT), (["--reject"] * 4, OPPOSE), (["--accept", "--reject", "--accept", "--accept"], AMENDED)])
def test_mod_rolls_up_from_its_edits(tmp_path: Path, capsys: pytest.CaptureFixture[str], verdicts: list[str],
                                     expected: str) -> None:
    log = tmp_path / "d.jsonl"
    for k, v in enumerate(verdicts, 1):
        decide(log, v, f"AFCP/12A1/2#{k}")
    p = proposals(export_json(capsys, log))["AFCP/12A1/2"]
    assert p["rollup"] == expected and p["decision"] == expected
    assert p["verdicts"]["amina"]["rollup"] == expected and p["verdicts"]["amina"]["verdict"] == ""
    assert not p["contradictions"]


def test_rollup_needs_every_edit_decided() -> None:
    assert rollup([]) == "" and rollup(["accepted", "pending"]) == "undecided"
    assert rollup(["accepted", "flagged"]) == "flagged" and rollup(["accepted", "to confirm"]) == "undecided"


def test_own_verdict_wins_over_the_rollup_and_a_contradiction_is_reported(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--accept", "AFCP/12A1/2")
    decide(log, "--reject", "AFCP/12A1/2#2", "AFCP/12A1/2#4")
    decide(log, "--support", "AFCP/12A1/2")
    decide(log, "--accept", "AFCP/12A1/1", reviewer="omar")
    decide(log, "--oppose", "AFCP/12A1/1", reviewer="omar")
    props = proposals(export_json(capsys, log))
    p2 = props["AFCP/12A1/2"]
    assert p2["rollup"] == AMENDED and p2["verdicts"]["amina"]["position"] == "support"
    assert p2["contradictions"] == ["amina: supports the proposal but rejected 2 of its 4 edits"]
    assert props["AFCP/12A1/1"]["contradictions"] == ["omar: opposes the proposal but accepted 11 of its 11 edits"]
    capsys.readouterr()
    assert main(["export", str(EN), "--log", str(log), "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert "⚠ amina: supports the proposal but rejected 2 of its 4 edits" in md


def test_note_without_verdict_keeps_the_verdict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--accept", "AFCP/12A1/1#2")
    decide(log, "AFCP/12A1/1#2", "--note", "check the French text")
    decide(log, "AFCP/12A1/1#3", "--note", "no verdict yet")
    decide(log, "--support", "AFCP/12A1/3")
    decide(log, "AFCP/12A1/3", "--note", "with reservations")
    doc = export_json(capsys, log)
    edits = {e["id"]: e for p in doc["proposals"] for e in p["edits"]}
    assert edits["AFCP/12A1/1#2"]["decisions"]["amina"]["verdict"] == "accept"
    assert edits["AFCP/12A1/1#2"]["decisions"]["amina"]["note"] == "check the French text"
    assert edits["AFCP/12A1/1#2"]["status"] == "accepted"
    assert edits["AFCP/12A1/1#3"]["decisions"]["amina"] | {"at": ""} == {
        "verdict": "", "note": "no verdict yet", "at": "", "user": dlog.os_user(), "carried": "same",
        "logged_as": "AFCP/12A1/1#3"}
    assert edits["AFCP/12A1/1#3"]["status"] == "pending"
    p3 = proposals(doc)["AFCP/12A1/3"]["verdicts"]["amina"]
    assert (p3["verdict"], p3["note"]) == ("support", "with reservations")
    # an edit note is a v2 event: an older itu-review says "upgrade" instead of misreading it
    assert [json.loads(x)["v"] for x in log.read_text().splitlines()] == [1, 2, 2, 2, 2]


def test_accept_says_how_many_verdicts_it_replaced(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    run = lambda *a: run_cli("decide", str(EN), "--log", str(log), "--reviewer", "amina", *a)  # noqa: E731
    assert run("--reject", "AFCP/12A1/2#1", "AFCP/12A1/2#2").returncode == 0
    assert run("--accept", "AFCP/12A1/2#3").returncode == 0
    assert run("AFCP/12A1/2#1", "--note", "a note keeps the verdict").returncode == 0
    res = run("--accept", "AFCP/12A1/2")
    assert res.returncode == 0
    assert "accept: 4 edits by amina recorded in" in res.stderr and "(replacing 2 earlier verdicts of yours)" in res.stderr
    res = run("--accept", "AFCP/12A1/2")
    assert "replacing" not in res.stderr


def test_outcomes_recorded_exported_and_merged_from_two_logs(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    a, b, merged = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "all.jsonl"
    assert main(["outcome", str(EN), "AFCP/12A1/1", "approved", "as", "amended", "--ref", "PP-22/DT/45",
                 "--log", str(a), "--reviewer", "secretariat"]) == 0
    assert main(["outcome", str(EN), "AFCP/12A1/3", "suppressed", "--log", str(b), "--reviewer", "sg",
                 "--note", "Committee 5"]) == 0
    assert main(["outcome", str(EN), "AFCP/12A1/5", "No_Change", "--log", str(b), "--reviewer", "sg"]) == 0
    decide(a, "--support", "AFCP/12A1/3")
    decide(b, "--oppose", "AFCP/12A1/3", reviewer="omar")
    res = run_cli("merge", str(a), str(b), "--out", str(merged))
    assert res.returncode == 1  # amina supports, omar opposes: a disagreement, reported
    assert "disagreement\tAFCP/12A1/3\tamina: support, omar: oppose" in res.stdout
    props = proposals(export_json(capsys, merged))
    assert props["AFCP/12A1/1"]["outcome"] | {"at": ""} == {
        "status": "approved as amended", "ref": "PP-22/DT/45", "note": "", "at": "", "reviewer": "secretariat",
        "user": dlog.os_user(), "carried": "same"}
    assert props["AFCP/12A1/3"]["outcome"]["status"] == "suppressed"
    assert props["AFCP/12A1/3"]["outcome"]["note"] == "Committee 5"
    assert props["AFCP/12A1/5"]["outcome"]["status"] == "no change"
    assert props["AFCP/12A1/3"]["decision"] == "disagreement"
    rows = list(csv.DictReader(io.StringIO(run_cli("export", str(EN), "--log", str(merged)).stdout[1:])))
    prop_rows = {r["proposal"]: r for r in rows if r["row"] == "proposal"}
    assert (prop_rows["AFCP/12A1/1"]["outcome"], prop_rows["AFCP/12A1/1"]["outcome ref"]) == (
        "approved as amended", "PP-22/DT/45")
    assert (prop_rows["AFCP/12A1/3"]["outcome"], prop_rows["AFCP/12A1/3"]["outcome note"]) == (
        "suppressed", "Committee 5")  # the note an outcome was recorded with, as in every other format
    # a later `clear` withdraws an outcome recorded by mistake
    assert main(["outcome", str(EN), "AFCP/12A1/5", "clear", "--log", str(merged), "--reviewer", "sg"]) == 0
    assert proposals(export_json(capsys, merged))["AFCP/12A1/5"]["outcome"] is None


@pytest.mark.parametrize("args, message", [
    (["merged"], "outcome 'merged' needs --ref: the proposal or text it was merged into"),
    (["referred"], "needs --ref: to whom it was referred"),
    (["approved", "as", "amended"], "needs --ref"),
    (["adopted"], "unknown outcome 'adopted' (one of: approved, approved as amended, not approved"),
])
def test_outcome_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    res = run_cli("outcome", str(EN), "AFCP/12A1/1", *args, "--log", str(tmp_path / "d.jsonl"))
    assert res.returncode == 2 and message in res.stderr and not (tmp_path / "d.jsonl").exists()


def test_a_log_written_by_itu_review_0_1_reads_unchanged(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """tests/data/log-0.1.jsonl was written by itu-review 0.1 (commit a9ed41e) on the English sample:
    amina accepts AFCP/12A1/1, rejects #2, flags #3, clears #4; omar rejects AFCP/12A1/2; a crash tears
    omar's next line; omar flags #6 (the writer terminates the torn line and marks it)."""
    log = tmp_path / "log.jsonl"
    shutil.copy(DATA / "log-0.1.jsonl", log)
    doc = export_json(capsys, log)
    edits = {e["id"]: e for p in doc["proposals"] for e in p["edits"]}
    assert edits["AFCP/12A1/1#1"]["status"] == "accepted"
    assert edits["AFCP/12A1/1#2"]["decisions"]["amina"]["verdict"] == "reject"
    assert edits["AFCP/12A1/1#3"]["decisions"]["amina"]["note"] == "needs-a-look"
    assert "amina" not in edits["AFCP/12A1/1#4"]["decisions"]
    assert edits["AFCP/12A1/1#6"]["status"] == "flagged" and edits["AFCP/12A1/1#6"]["decisions"]["omar"]["note"] == "قرار؟"
    assert [e["status"] for e in proposals(doc)["AFCP/12A1/2"]["edits"]] == ["rejected"] * 4
    assert proposals(doc)["AFCP/12A1/2"]["rollup"] == OPPOSE
    assert len(doc["warnings"]) == 1 and "line 19 was cut short" in doc["warnings"][0]


def test_reissued_package_carries_proposal_verdicts_and_outcomes_over(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--support", "AFCP/12A1/3")
    decide(log, "--oppose", "AFCP/12A1/4", "--note", "too broad")
    assert main(["outcome", str(EN), "AFCP/12A1/5", "noted", "--log", str(log)]) == 0
    assert load(REV1).sha256 != load(EN).sha256
    props = proposals(export_json(capsys, log, pkg=REV1))
    assert props["AFCP/12A1/3"]["verdicts"]["amina"]["verdict"] == "support"
    assert props["AFCP/12A1/4"]["verdicts"]["amina"]["note"] == "too broad"
    assert props["AFCP/12A1/4"]["verdicts"]["amina"]["carried"] == "same"
    assert props["AFCP/12A1/5"]["outcome"]["status"] == "noted"


def test_a_renumbered_proposal_is_found_by_its_target() -> None:
    pkg = load(REV1)
    index = ProposalIndex(pkg)
    ev = {"proposal": "AFCP/12A1/9", "package": "elsewhere", "action": "SUP",
          "target": {"kind": "resolution", "number": "2"}}
    prop, how, _ = index.match(ev)
    assert prop is not None and prop.id == "AFCP/12A1/3" and how == MOVED
    ev = {"proposal": "AFCP/12A1/3", "package": "elsewhere", "target": {"kind": "resolution", "number": "999"}}
    prop, how, _ = index.match(ev)
    assert prop is not None and prop.id == "AFCP/12A1/3" and how == REATTACHED
    assert index.match({"proposal": "X/1/1", "target": {"kind": "resolution", "number": "999"}})[0] is None


def test_the_seed_is_decided_completely_from_the_command_line(tmp_path: Path) -> None:
    """The seed (a flattened text: five proposals and no edits) — every proposal, from the CLI."""
    pkg = tmp_path / "seed.txt"
    shutil.copy(SEED, pkg)
    steps = [["decide", "--support", "B/67/1", "B/67/4"],
             ["decide", "--oppose", "B/67/2", "--note", "الخطة 2024-2027 أولاً"],
             ["decide", "--support", "B/67/3"],
             ["decide", "--flag", "B/67/5", "--note", "OTT: discuss in Committee 5"],
             ["outcome", "B/67/3", "suppressed"],
             ["outcome", "B/67/1", "approved", "as", "amended", "--ref", "PP-18/DT/45"]]
    for cmd, *args in steps:
        res = run_cli(cmd, str(pkg), *args, "--reviewer", "amina")
        assert res.returncode == 0, res.stderr
    res = run_cli("list", str(pkg), "--format", "json")
    decided = {p["id"]: p["decision"]["decision"] for p in json.loads(res.stdout)["proposals"]}
    assert decided == {"B/67/1": "support", "B/67/2": "oppose", "B/67/3": "support", "B/67/4": "support",
                       "B/67/5": "flagged"}
    md = run_cli("export", str(pkg), "--format", "md").stdout
    table = [ln for ln in md.splitlines() if ln.startswith("| B/67/")]
    assert [ln.split(" | ")[0] for ln in table] == ["| B/67/1", "| B/67/2", "| B/67/3", "| B/67/4", "| B/67/5"]
    assert "| SUP | Resolution 128 |" in table[2] and "amina: support" in table[2] and "suppressed" in table[2]
    assert "amina: oppose — الخطة 2024-2027 أولاً" in table[1]
    assert "approved as amended (PP-18/DT/45)" in table[0]
    assert "amina: flag — OTT: discuss in Committee 5" in table[4]
    # every proposal has its section with its reasons, edits or not
    assert "## SUP B/67/3 — " in md and "Reasons: تقترح البرازيل إلغاء القرار 128" in md


def test_list_json_gives_each_proposals_decision_state(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--accept", "AFCP/12A1/2")
    decide(log, "--support", "AFCP/12A1/4")
    capsys.readouterr()
    assert main(["list", str(EN), "--log", str(log), "--format", "json"]) == 0
    props = {p["id"]: p for p in json.loads(capsys.readouterr().out)["proposals"]}
    d2 = props["AFCP/12A1/2"]["decision"]
    assert (d2["decision"], d2["rollup"], d2["counts"]["accepted"], d2["outcome"]) == ("support", "support", 4, None)
    assert props["AFCP/12A1/4"]["decision"]["verdicts"]["amina"]["verdict"] == "support"
    assert props["AFCP/12A1/1"]["decision"]["decision"] == "undecided"
    assert props["AFCP/12A1/1"]["decision"]["counts"]["pending"] == 11


def test_edit_detail_reaches_every_export_format(tmp_path: Path) -> None:
    pkg = load(EN)
    fmt = next(e for e in pkg.edits if e.kind == "format")
    fmt.detail = "bold removed"
    state = dlog.resolve_state(pkg, [dlog.make_event(pkg, fmt, "amina", "accept")])
    doc = tabular.report(pkg, state, "d.jsonl")
    assert next(e for p in doc["proposals"] for e in p["edits"] if e["id"] == fmt.id)["detail"] == "bold removed"
    rows = list(csv.DictReader(io.StringIO(tabular.to_csv(doc)[1:])))
    assert next(r for r in rows if r["edit"] == fmt.id)["detail"] == "bold removed"
    # the subject is the subject, never shown as deleted text
    assert f"| {fmt.id} | format |  |  | bold removed on \u201caccessible\u201d | accepted |" in tabular.to_markdown(doc)
    pandoc = need_tool("pandoc")
    from itu_review.export.docx_report import write_report

    out = tmp_path / "r.docx"
    write_report(doc, pkg, out)
    text = subprocess.run([pandoc, str(out), "-t", "plain", "--wrap=none"], capture_output=True, text=True,
                          check=True).stdout
    assert "format: bold removed" in text


def test_summary_of_an_untouched_proposal_is_undecided() -> None:
    pkg = load(EN)
    prop = pkg.proposal("AFCP/12A1/3")
    assert prop is not None
    s = summarize(dlog.resolve_state(pkg, []), prop)
    assert s.decision == "undecided" and not s.decided and s.positions == {}


def test_merge_reports_two_recorders_who_recorded_different_outcomes(tmp_path: Path) -> None:
    """Merged, the later outcome would win unnoticed; one recorder changing an outcome is no conflict."""
    a, b, merged = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "all.jsonl"
    assert main(["outcome", str(EN), "AFCP/12A1/1", "postponed", "--log", str(a), "--reviewer", "secretariat"]) == 0
    assert main(["outcome", str(EN), "AFCP/12A1/1", "approved", "as", "amended", "--ref", "DT/45",
                 "--log", str(a), "--reviewer", "secretariat"]) == 0
    assert main(["outcome", str(EN), "AFCP/12A1/1", "not", "approved", "--log", str(b), "--reviewer", "sg"]) == 0
    assert main(["outcome", str(EN), "AFCP/12A1/5", "noted", "--log", str(b), "--reviewer", "sg"]) == 0
    res = run_cli("merge", str(a), str(b), "--out", str(merged))
    assert res.returncode == 1
    assert res.stdout.splitlines() == [
        "outcomes differ\tAFCP/12A1/1\tsecretariat: approved as amended (DT/45), sg: not approved\tpackage "
        + load(EN).sha256[:12]]


def test_every_report_carries_a_proposals_warning(tmp_path: Path) -> None:
    """The seed's MODs lost their marks in extraction: each report says so where it shows their '—' edits,
    not only the JSON (a committee reading '—' would take them for proposals without changes)."""
    pkg = tmp_path / SEED.name
    shutil.copy(SEED, pkg)
    warning = "revision marks were lost in extraction: this MOD shows no edits"
    rows = list(csv.DictReader(io.StringIO(run_cli("export", str(pkg), "--format", "csv").stdout.lstrip("\ufeff"))))
    warned = {r["proposal"] for r in rows if r["row"] == "proposal" and warning in r["warnings"]}
    assert warned == {"B/67/1", "B/67/2", "B/67/4"}  # the three MODs; the SUP and the ADD have none
    markdown = run_cli("export", str(pkg), "--format", "md").stdout
    summary = markdown.split("## MOD B/67/1")[0]
    assert summary.count(f"⚠ {warning}") == 3
    assert f"> **warning** {warning}" in markdown.split("## MOD B/67/1")[1].split("## MOD B/67/2")[0]
    out = tmp_path / "report.docx"
    assert run_cli("export", str(pkg), "--format", "docx", "--out", str(out)).returncode == 0
    from docx import Document

    text = "\n".join(c.text for t in Document(str(out)).tables for row in t.rows for c in row.cells)
    text += "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert text.count(warning) >= 6  # in the summary table and under each MOD's heading


def test_exports_name_targets_as_list_does(tmp_path: Path) -> None:
    pkg = tmp_path / SEED.name
    shutil.copy(SEED, pkg)
    rows = list(csv.DictReader(io.StringIO(run_cli("export", str(pkg)).stdout.lstrip("\ufeff"))))
    targets = {r["proposal"]: r["target"] for r in rows if r["row"] == "proposal"}
    assert targets["B/67/1"] == "Resolution 14"
    assert targets["B/67/5"] == "draft new text [B-1]"


def test_front_matter_is_not_listed_as_undecided(tmp_path: Path) -> None:
    """DOC (the front matter) cannot be decided: once a log holds decisions, list shows it as '—', and in
    JSON its decision is null, rather than 'undecided' forever in 'what is left'."""
    pkg = tmp_path / EN.name
    shutil.copy(EN, pkg)
    assert main(["decide", str(pkg), "AFCP/12A1/3", "--support", "--reviewer", "amina"]) == 0
    rows = {ln.split()[0]: ln for ln in run_cli("list", str(pkg), env={"COLUMNS": "120"}).stdout.splitlines()[2:]}
    assert rows["DOC"].split()[3] == "\u2014"
    assert rows["AFCP/12A1/3"].split()[5] == "support"  # SUP Resolution 2 0 support
    doc = json.loads(run_cli("list", str(pkg), "--format", "json").stdout)
    decisions = {p["id"]: p["decision"] for p in doc["proposals"]}
    assert decisions["DOC"] is None
    assert decisions["AFCP/12A1/4"]["decision"] == "undecided"


def test_two_recorders_different_outcomes_are_both_seen_after_a_merge(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """amina recorded 'approved', omar later 'withdrawn': merged, the later is in effect, and every export
    says the outcomes differ (merge said so; the report showed only 'withdrawn')."""
    a, b, merged = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "all.jsonl"
    assert main(["outcome", str(EN), "AFCP/12A1/4", "approved", "--log", str(a), "--reviewer", "amina"]) == 0
    assert main(["outcome", str(EN), "AFCP/12A1/4", "withdrawn", "--log", str(b), "--reviewer", "omar"]) == 0
    assert run_cli("merge", str(a), str(b), "--out", str(merged)).returncode == 1
    p = proposals(export_json(capsys, merged))["AFCP/12A1/4"]
    assert p["outcome"]["status"] == "withdrawn" and p["outcome"]["reviewer"] == "omar"
    said = "outcomes differ: amina recorded approved; in effect, the later: withdrawn by omar"
    assert said in p["contradictions"]
    rows = list(csv.DictReader(io.StringIO(run_cli("export", str(EN), "--log", str(merged)).stdout.lstrip("\ufeff"))))
    assert said in next(r for r in rows if r["proposal"] == "AFCP/12A1/4" and r["row"] == "proposal")["contradictions"]
    assert all(len(r) == len(rows[0]) and None not in r for r in rows)  # every row as long as the header
    md = run_cli("export", str(EN), "--log", str(merged), "--format", "md").stdout
    assert f"⚠ {tabular.md(said)}" in md
    # the same recorder changing their mind is no dispute
    assert main(["outcome", str(EN), "AFCP/12A1/4", "withdrawn", "--log", str(a), "--reviewer", "amina"]) == 0
    assert not proposals(export_json(capsys, a))["AFCP/12A1/4"]["contradictions"]
