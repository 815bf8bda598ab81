"""Decisions go to a decision log only: a package, a base text or any file that is not a log is refused
(one line, exit 3, the file untouched), and no output takes the place of a package's log, even one
not written yet."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import SAMPLES, run_cli

EDIT = "AFCP/12A1/1#1"


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    dst = tmp_path / "p2.docx"
    shutil.copy(SAMPLES / "en-proposals.docx", dst)
    return dst


def test_decide_refuses_the_package_named_as_its_log(pkg: Path) -> None:
    before = pkg.read_bytes()
    res = run_cli("decide", str(pkg), "--log", str(pkg), "--reviewer", "a", "--accept", EDIT)
    assert res.returncode == 3, res.stderr
    assert res.stderr.count("\n") == 1 and "p2.docx" in res.stderr and "not its decision log" in res.stderr
    assert "recorded in" not in res.stderr
    assert pkg.read_bytes() == before


def test_decide_refuses_another_docx_named_as_the_log(pkg: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.docx"
    shutil.copy(SAMPLES / "fr-propositions.docx", other)
    before = other.read_bytes()
    res = run_cli("decide", str(pkg), "--log", str(other), "--reviewer", "a", "--accept", EDIT)
    assert res.returncode == 3 and "zip archive" in res.stderr and "nothing recorded" in res.stderr, res.stderr
    assert other.read_bytes() == before


@pytest.mark.parametrize("content", ["MOD\tB/67/1\nRESOLUTION 14\n", "hello", '{"a": 1}\n', "[1, 2]\n"])
def test_a_file_that_is_not_a_log_is_refused(pkg: Path, tmp_path: Path, content: str) -> None:
    text = tmp_path / "notes.txt"
    text.write_text(content)
    for cmd in (["decide", str(pkg), "--accept", EDIT], ["outcome", str(pkg), "AFCP/12A1/1", "approved"]):
        res = run_cli(*cmd, "--log", str(text), "--reviewer", "a")
        assert res.returncode == 3, res.stderr
        assert "is not a decision log" in res.stderr and res.stderr.count("\n") == 1
        assert text.read_text() == content


def test_a_base_text_named_as_the_log_is_refused(pkg: Path, tmp_path: Path) -> None:
    base = tmp_path / "en-resolutions.txt"
    shutil.copy(SAMPLES / "base" / "en-resolutions.txt", base)
    before = base.read_bytes()
    res = run_cli("outcome", str(pkg), "AFCP/12A1/1", "approved", "--log", str(base), "--reviewer", "a")
    assert res.returncode == 3 and "is not a decision log" in res.stderr
    assert base.read_bytes() == before


def test_a_real_log_still_takes_decisions(pkg: Path, tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    for edit in (EDIT, "AFCP/12A1/1#2"):  # created, then appended to
        res = run_cli("decide", str(pkg), "--log", str(log), "--reviewer", "a", "--accept", edit)
        assert res.returncode == 0, res.stderr
    events = [json.loads(line) for line in log.read_text().splitlines()]
    assert [e["edit"] for e in events] == [EDIT, "AFCP/12A1/1#2"]


def test_a_log_whose_first_line_was_torn_still_takes_decisions(pkg: Path, tmp_path: Path) -> None:
    """A writer killed in the middle of the very first line leaves the start of an event."""
    log = tmp_path / "d.jsonl"
    log.write_text('{"v":1,"at":"2026-11-28T17:00:00.000Z","revie')
    res = run_cli("decide", str(pkg), "--log", str(log), "--reviewer", "a", "--accept", EDIT)
    assert res.returncode == 0, res.stderr
    assert '"event":"torn"' in log.read_text()


def test_a_log_written_by_another_tool_in_another_key_order_is_a_log(pkg: Path, tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    log.write_text(json.dumps({"reviewer": "b", "edit": EDIT, "verdict": "reject", "v": 1, "at": "2026-01-01"}) + "\n")
    res = run_cli("decide", str(pkg), "--log", str(log), "--reviewer", "a", "--accept", EDIT)
    assert res.returncode == 0, res.stderr
    assert len(log.read_text().splitlines()) == 2


@pytest.mark.parametrize("command", ["apply", "export"])
def test_an_output_never_takes_the_place_of_the_log_not_written_yet(pkg: Path, command: str) -> None:
    target = pkg.with_name(pkg.name + ".decisions.jsonl")
    assert not target.exists()
    res = run_cli(command, str(pkg), "--out", str(target), "--force")
    assert res.returncode == 2, res.stderr
    assert "decision log" in res.stderr and res.stderr.count("\n") == 1
    assert not target.exists()


def test_an_output_never_takes_the_place_of_the_configured_log(pkg: Path, tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    logs = tmp_path / "logs"
    logs.mkdir()
    cfg.write_text(f'log = "{logs}/{{stem}}.jsonl"\n')
    target = logs / "p2.jsonl"
    res = run_cli("apply", str(pkg), "--out", str(target), env={"ITU_REVIEW_CONFIG": str(cfg)})
    assert res.returncode == 2 and "decision log" in res.stderr, res.stderr
    assert not target.exists()
    # with --log naming another log, the configured place is still the package's log
    res = run_cli("export", str(pkg), "--log", str(tmp_path / "other.jsonl"), "--out", str(target),
                  env={"ITU_REVIEW_CONFIG": str(cfg)})
    assert res.returncode == 2 and "decision log" in res.stderr, res.stderr
