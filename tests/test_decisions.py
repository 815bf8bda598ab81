"""The decision log: durable appends, strict reading, carrying decisions over, exports, merge."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from itu_review import decisions as dlog
from itu_review.cli import main
from itu_review.errors import InputError
from itu_review.package import load

from .conftest import ROOT, SAMPLES, need_tool, run_cli

EN = SAMPLES / "en-proposals.docx"
REV1 = SAMPLES / "en-proposals-rev1.docx"
AR = SAMPLES / "ar-proposals.docx"
HARD = "قرار «جديد» 決議, \"quoted\", [bold]x[/] [link=y]\ttab\nnew line, comma"


def decide(log: Path, *args: str, pkg: Path = EN) -> None:
    assert main(["decide", str(pkg), "--log", str(log), *args]) == 0


def export(capsys: pytest.CaptureFixture[str], log: Path, fmt: str = "json", pkg: Path = EN) -> str:
    capsys.readouterr()
    assert main(["export", str(pkg), "--log", str(log), "--format", fmt]) == 0
    return capsys.readouterr().out


def test_events_carry_everything_and_the_log_is_private(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    old = os.umask(0o002)
    try:
        decide(log, "--reviewer", "amina", "--accept", "AFCP/12A1/1#1")
    finally:
        os.umask(old)
    assert stat.S_IMODE(log.stat().st_mode) == 0o660
    (ev,) = [json.loads(x) for x in log.read_text().splitlines()]
    assert ev["v"] == 1 and ev["reviewer"] == "amina" and ev["user"] == dlog.os_user()
    assert ev["edit"] == "AFCP/12A1/1#1" and ev["verdict"] == "accept" and ev["at"].endswith("Z")
    assert ev["package"] == load(EN).sha256 and len(ev["fp"]) == 16


def test_state_is_last_event_per_reviewer_and_edit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--reviewer", "amina", "--accept", "AFCP/12A1/2")
    decide(log, "--reviewer", "amina", "--reject", "AFCP/12A1/2#2")
    decide(log, "--reviewer", "amina", "--clear", "AFCP/12A1/2#3")
    decide(log, "--reviewer", "omar", "--flag", "AFCP/12A1/2#1", "--note", "venue?")
    doc = json.loads(export(capsys, log))
    edits = {e["id"]: e for p in doc["proposals"] for e in p["edits"]}
    assert edits["AFCP/12A1/2#1"]["status"] == "flagged"
    assert edits["AFCP/12A1/2#2"]["decisions"]["amina"]["verdict"] == "reject"
    assert edits["AFCP/12A1/2#3"]["status"] == "pending"
    assert edits["AFCP/12A1/2#4"]["status"] == "accepted"
    assert {p["id"]: p["status"] for p in doc["proposals"]}["AFCP/12A1/2"] == "has flags"
    assert len(log.read_text().splitlines()) == 4 + 1 + 1 + 1  # history kept: nothing rewritten


def test_ids_globs_and_unknown_ids(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--reviewer", "a", "--accept", "AFCP/12A1/*")
    assert len(log.read_text().splitlines()) == len(load(EN).edits)
    res = run_cli("decide", str(EN), "--log", str(log), "--reviewer", "a", "--accept", "AFCP/12A1/1#99", "X/1/1")
    assert res.returncode == 2 and "'AFCP/12A1/1#99', 'X/1/1'" in res.stderr
    res = run_cli("decide", str(EN), "--log", str(log), "--reviewer", "a", "--flag", "AFCP/12A1/1#1")
    assert res.returncode == 2 and "--flag needs --note" in res.stderr
    assert len(log.read_text().splitlines()) == len(load(EN).edits)  # nothing written by failed calls


def test_reviewer_name_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ITU_REVIEW_REVIEWER", "from-env")
    assert dlog.reviewer_name("given") == "given"
    assert dlog.reviewer_name(None, "from-config") == "from-env"
    monkeypatch.delenv("ITU_REVIEW_REVIEWER")
    assert dlog.reviewer_name(None, "from-config") == "from-config"
    assert dlog.reviewer_name(None) == dlog.os_user()


def test_default_log_is_beside_the_package(tmp_path: Path) -> None:
    pkg = tmp_path / "p.docx"
    pkg.write_bytes(EN.read_bytes())
    assert main(["decide", str(pkg), "--reviewer", "a", "--accept", "AFCP/12A1/1#1"]) == 0
    assert (tmp_path / "p.docx.decisions.jsonl").exists()


def test_torn_last_line_is_reported_skipped_and_terminated_by_the_next_writer(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--reviewer", "a", "--accept", "AFCP/12A1/1#1")
    with log.open("ab") as fh:
        fh.write(b'{"v":1,"at":"2026-11-28T10:00:00Z","reviewer":"a","edit":"AFCP/1')
    read = dlog.read_log(log)
    assert len(read.events) == 1 and "line 2 was cut short" in read.warnings[0]
    decide(log, "--reviewer", "a", "--reject", "AFCP/12A1/1#2")
    read = dlog.read_log(log)
    assert [e["edit"] for e in read.events] == ["AFCP/12A1/1#1", "AFCP/12A1/1#2"]
    assert len(read.warnings) == 1
    assert log.read_bytes().count(b'"event":"torn"') == 1


def test_malformed_middle_line_is_an_error_with_its_number(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--reviewer", "a", "--accept", "AFCP/12A1/1#1", "AFCP/12A1/1#2")
    lines = log.read_text().splitlines()
    log.write_text(lines[0] + "\nnot json\n" + lines[1] + "\n")
    before = log.read_bytes()
    res = run_cli("export", str(EN), "--log", str(log))
    assert res.returncode == 3 and f"{log}: line 2 is not a valid decision event" in res.stderr
    # appending never reads the log (a million events would cost seconds): it appends, rewrites nothing,
    # and the bad line stays an error for every reader until it is mended by hand
    res = run_cli("decide", str(EN), "--log", str(log), "--reviewer", "a", "--accept", "AFCP/12A1/1#3")
    assert res.returncode == 0 and log.read_bytes().startswith(before)
    res = run_cli("export", str(EN), "--log", str(log))
    assert res.returncode == 3 and f"{log}: line 2 is not a valid decision event" in res.stderr


@pytest.mark.parametrize("bad", ['{"v":1} {"v":1}', '{"v":1}x', '["v", 1]', '\u00a0{"v":1}', '{"v":1'])
def test_a_line_must_be_exactly_one_json_object(tmp_path: Path, bad: str) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--reviewer", "a", "--accept", "AFCP/12A1/1#1", "AFCP/12A1/1#2")
    lines = log.read_text().splitlines()
    log.write_text(lines[0] + "\n" + bad + "\n" + lines[1] + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2 is not a valid decision event"):
        dlog.read_log(log)
    log.write_text(lines[0] + "\n  \t" + lines[1] + " \r\n", encoding="utf-8")  # JSON white space is fine
    assert [e["edit"] for e in dlog.read_log(log).events] == ["AFCP/12A1/1#1", "AFCP/12A1/1#2"]


def test_newer_format_is_refused(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    log.write_text('{"v": 3, "reviewer": "a", "edit": "X#1", "verdict": "accept"}\n')
    with pytest.raises(InputError, match="newer itu-review"):
        dlog.read_log(log)


WRITER = """
import sys
from itu_review import decisions as dlog
log, who, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(n):
    dlog.append(log, [{"v": 1, "at": dlog.now_utc(), "reviewer": who, "user": "t", "package": "p",
                       "edit": f"P/1/1#{i}", "fp": "f", "verdict": "accept", "note": "x" * (i % 300)}])
"""


def test_eight_processes_appending_at_once_lose_nothing(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(log), f"w{k}", "500"], cwd=ROOT) for k in range(8)]
    assert all(p.wait(timeout=300) == 0 for p in procs)
    read = dlog.read_log(log)
    assert len(read.events) == 4000 and not read.warnings
    for k in range(8):
        assert sorted(int(e["edit"].split("#")[1]) for e in read.events if e["reviewer"] == f"w{k}") == list(range(500))


def test_writer_killed_in_a_loop_leaves_a_readable_log(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    started = 0
    for round_ in range(12):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(log), f"r{round_}", "100000"], cwd=ROOT)
        started += 1
        time.sleep(0.4 + 0.05 * round_)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    # a crash mid-line, as a kill at the wrong moment (or a full disk) leaves it
    with log.open("ab") as fh:
        fh.write(b'{"v":1,"at":"2026-')
    read = dlog.read_log(log)
    # the line written last is cut short; a kill in the middle of a long write (on a loaded machine) may
    # have cut one of the earlier lines too, which the next writer marked: each is named, none is an error
    assert len(read.events) > 0 and read.warnings and all("cut short" in w for w in read.warnings)
    assert "no line end" in read.warnings[-1]
    for k in range(started):  # each writer's events form an unbroken run: at most the one in flight is lost
        got = sorted(int(e["edit"].split("#")[1]) for e in read.events if e["reviewer"] == f"r{k}")
        assert got == list(range(len(got)))


def test_reissued_package_carries_decisions_over(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--reviewer", "amina", "--accept", "AFCP/12A1/*")
    decide(log, "--reviewer", "amina", "--flag", "AFCP/12A1/1#3", "--note", "which resolution?")
    doc = json.loads(export(capsys, log, pkg=REV1))
    edits = {e["id"]: e for p in doc["proposals"] for e in p["edits"]}
    # an edit added in Rev.1 is pending; the footnote edit shifted from #3 to #4 and kept its flag
    assert edits["AFCP/12A1/1#3"]["inserted"] == "era" and edits["AFCP/12A1/1#3"]["status"] == "pending"
    assert edits["AFCP/12A1/1#4"]["decisions"]["amina"]["verdict"] == "flag"
    assert edits["AFCP/12A1/1#4"]["decisions"]["amina"]["carried"] == "moved"
    assert edits["AFCP/12A1/1#4"]["decisions"]["amina"]["logged_as"] == "AFCP/12A1/1#3"
    # "users -> all users" became "users -> all the users": re-attached, for a second look
    reworded = next(e for e in edits.values() if e["inserted"] == "all the users")
    assert reworded["decisions"]["amina"]["carried"] == "re-attached" and reworded["carried"] == ["re-attached"]
    # the deletion of d) 57/239 is gone from Rev.1: its decision is orphaned, not dropped
    assert [o["deleted"] for o in doc["orphans"]] == [
        "d)\tUNGA Resolution 57/239, on the creation of a global culture of cybersecurity;¶"]
    md = export(capsys, log, "md", pkg=REV1)
    assert "## Orphaned decisions" in md and "re-attached" in md
    assert sum(len(e["decisions"]) for e in edits.values()) + len(doc["orphans"]) == len(load(EN).edits)


def test_hard_text_round_trips_through_log_and_exports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--reviewer", "أمينة 王", "--flag", "ARB/20A1/1#1", "--note", HARD, pkg=AR)
    doc = json.loads(export(capsys, log, pkg=AR))
    d = doc["proposals"][0]["edits"][0]["decisions"]["أمينة 王"]
    assert d["note"] == HARD
    assert doc["proposals"][0]["edits"][0]["inserted"] == "بوخارست، 2022"
    raw = export(capsys, log, "csv", pkg=AR)
    assert raw.startswith("\ufeff")
    rows = [r for r in csv.DictReader(io.StringIO(raw[1:])) if r["row"] == "edit"]
    assert rows[0]["أمينة 王: note"] == HARD and rows[0]["inserted"] == "بوخارست، 2022"
    md = export(capsys, log, "md", pkg=AR)
    assert "\\[bold\\]x\\[/\\]" in md and "new line, comma" in md


def test_text_decided_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--reviewer", "a", "--accept", "AFCP/12A1/2#1")
    decide(log, "--reviewer", "a", "--reject", "AFCP/12A1/2#2")
    capsys.readouterr()
    assert main(["text", str(EN), "--version", "decided", "--log", str(log)]) == 0
    out = capsys.readouterr().out
    assert "RESOLUTION 71 (REV. BUCHAREST, 2022)" in out
    assert "Strategic plan for the Union for 2020-2023" in out
    assert "to adopt the strategic plan for {--2020-2023--}{++2024-2027++}, contained" in out


def test_merge_unions_in_time_order_and_reports_disagreements(tmp_path: Path) -> None:
    a, b, out = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "all.jsonl"
    decide(a, "--reviewer", "amina", "--accept", "AFCP/12A1/2#1", "AFCP/12A1/2#2")
    decide(b, "--reviewer", "omar", "--reject", "AFCP/12A1/2#1")
    decide(b, "--reviewer", "omar", "--accept", "AFCP/12A1/2#2")
    res = run_cli("merge", str(a), str(b), str(a), "--out", str(out))
    assert res.returncode == 1
    assert res.stdout.splitlines() == [f"disagreement\tAFCP/12A1/2#1\tamina: accept, omar: reject\tpackage "
                                       f"{load(EN).sha256[:12]}"]
    events = dlog.read_log(out).events
    assert len(events) == 4 and [e["at"] for e in events] == sorted(e["at"] for e in events)
    res = run_cli("merge", str(a), "--out", str(out))
    assert res.returncode == 2 and "never rewrites" in res.stderr


def test_csv_opens_with_arabic_intact_in_libreoffice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    soffice = need_tool("soffice")
    log = tmp_path / "d.jsonl"
    decide(log, "--reviewer", "amina", "--flag", "ARB/20A1/1#1", "--note", "يحتاج إلى نقاش", pkg=AR)
    csv_path = tmp_path / "decisions.csv"
    assert main(["export", str(AR), "--log", str(log), "--format", "csv", "--out", str(csv_path)]) == 0
    # The import options Calc's CSV dialog offers: comma, double quote, UTF-8 (76). Headless conversion
    # without them falls back to the locale's 8-bit charset, as the dialog would before a user picks.
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--infilter=CSV:44,34,76",
                    "--convert-to", "html", "--outdir", str(tmp_path), str(csv_path)],
                   check=True, capture_output=True, timeout=180)
    html = (tmp_path / "decisions.html").read_text(encoding="utf-8", errors="replace")
    assert "يحتاج إلى نقاش" in html and "بوخارست، 2022" in html
    assert "\ufeff" not in html and "ï»¿" not in html  # the byte-order mark is taken as such, not as text
    assert ">proposal<" in html


def test_a_text_edit_whose_kind_changed_is_found_again_by_its_texts() -> None:
    """A reissue (or 0.1's naming) may call a text edit `insert` that now reads as a `replace`: the close
    match still carries the decision over, for a second look."""
    from itu_review.carry import fuzzy

    pkg = load(SAMPLES / "en-proposals.docx")
    edit = next(e for e in pkg.edits if e.kind == "replace" and len(e.inserted) > 8)
    other = "insert" if edit.kind != "insert" else "delete"
    event = {"edit": edit.id, "package": "another package", "fp": "0" * 16, "kind": other,
             "del": edit.deleted, "ins": edit.inserted + "s", "subject": "", "before": edit.before, "after": edit.after}
    found, how, _ = fuzzy(pkg, event)
    assert (found, how) == (edit, dlog.REATTACHED)
    assert fuzzy(pkg, {**event, "kind": "row-insert"})[0] is None  # a row edit is another family


def test_a_log_several_packages_share_keeps_each_package_s_decisions_to_itself(tmp_path: Path) -> None:
    """A team's shared log: a decision on one package never lands on another document's edit — not by an
    identical change (EUR/40/1 and ACP/30/1 change Resolution 130 alike), not by a close match (the
    French package) — and is no orphan there either; a reissue of the same document still carries it."""
    log = tmp_path / "team.jsonl"
    eur = load(SAMPLES / "en-check-other.docx")
    en = load(SAMPLES / "en-proposals.docx")
    events = [dlog.make_event(eur, e, "amina", "accept") for e in eur.edits]
    events += [dlog.make_event(en, e, "amina", "reject") for e in en.edits]
    front = dict(events[-1], edit="DOC#1", note="front matter")  # an edit id with no document in it
    dlog.append(log, [front, *events, front])  # before the file's numbered events, as in a review, and after
    for other in ("en-check.docx", "fr-propositions.docx", "ar-proposals.docx"):
        state = dlog.load_state(load(SAMPLES / other), log)
        assert state.by_edit == {} and state.orphans == [], other
    rev1 = dlog.load_state(load(SAMPLES / "en-proposals-rev1.docx"), log)
    assert rev1.by_edit and all(d.verdict == "reject" for ds in rev1.by_edit.values() for d in ds.values())
    live = dlog.load_state(load(SAMPLES / "fr-propositions.docx"), tmp_path / "live.jsonl")
    live.apply([front, *events])  # read on as they come, a file's front matter first
    assert live.by_edit == {} and live.orphans == []
