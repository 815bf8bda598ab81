"""The log on a shared server and against hostile files: links, read-only logs, malformed events, torn
lines and full disks, a folder of per-account logs, live reading, and escaping in exports."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from itu_review import decisions as dlog
from itu_review import logfile
from itu_review.cli import main
from itu_review.errors import InputError
from itu_review.package import load

from .conftest import SAMPLES, run_cli

EN = SAMPLES / "en-proposals.docx"


def decide(log: Path | str, *args: str, reviewer: str = "amina") -> None:
    assert main(["decide", str(EN), "--log", str(log), "--reviewer", reviewer, *args]) == 0


def one_line_error(res: subprocess.CompletedProcess[str], code: int) -> str:
    assert res.returncode == code, res.stderr
    assert "Traceback" not in res.stderr and len(res.stderr.strip().splitlines()) == 1, res.stderr
    return res.stderr


# -- links, read-only logs, odd files -----------------------------------------------------------

def test_a_dangling_symlink_as_the_log_is_a_clear_error(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    log.symlink_to(tmp_path / "nowhere.jsonl")
    for cmd in (["decide", str(EN), "--accept", "AFCP/12A1/1#1"], ["export", str(EN)]):
        err = one_line_error(run_cli(*cmd, "--log", str(log)), 3)
        assert f"{log}: is a symbolic link (to {tmp_path / 'nowhere.jsonl'}, which does not exist)" in err
    assert not (tmp_path / "nowhere.jsonl").exists()


def test_a_symlink_to_another_file_is_never_followed(tmp_path: Path) -> None:
    victim = tmp_path / "notes.txt"
    victim.write_text("someone's file\n")
    log = tmp_path / "d.jsonl"
    log.symlink_to(victim)
    err = one_line_error(run_cli("decide", str(EN), "--log", str(log), "--accept", "AFCP/12A1/1#1"), 3)
    assert "is a symbolic link" in err and "give its real path with --log" in err
    assert victim.read_text() == "someone's file\n"
    one_line_error(run_cli("export", str(EN), "--log", str(log)), 3)


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[None]:
    """A file even root cannot write (chattr +i): the read-only log as root sees it."""
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available on this file system")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def test_a_read_only_log_is_a_one_line_error(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--accept", "AFCP/12A1/1#1")
    before = log.read_bytes()
    os.chmod(log, 0o440)
    with immutable(log):
        err = one_line_error(run_cli("decide", str(EN), "--log", str(log), "--accept", "AFCP/12A1/1#2"), 3)
        assert f"{log}: cannot open the decision log for writing: Operation not permitted" in err
        assert run_cli("export", str(EN), "--log", str(log)).returncode == 0  # reading still works
    assert log.read_bytes() == before


def test_a_fifo_as_the_log_does_not_hang(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    os.mkfifo(log)
    assert "is not a regular file" in one_line_error(run_cli("export", str(EN), "--log", str(log)), 3)
    assert "is not a regular file" in one_line_error(
        run_cli("decide", str(EN), "--log", str(log), "--accept", "AFCP/12A1/1#1"), 3)


# -- malformed events and arguments --------------------------------------------------------------

GOOD = '{"v":1,"at":"2026-01-01T00:00:00Z","reviewer":"a","edit":"AFCP/12A1/1#1","fp":"x","verdict":"accept"'


@pytest.mark.parametrize("line, problem", ids=lambda v: v[:40] + "…" if len(v) > 40 else v, argvalues=[
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"v":1,"reviewer":"a","edit":"X#1","verdict":"accept","note":' + "[" * 100_000 + "]" * 100_000 + "}",
     "nested too deeply"),
    (GOOD + ',"fp":[]}', "'fp' is not text"),
    (GOOD + ',"note":"\\ud800"}', "'note' holds a lone surrogate, not text"),
    (GOOD.replace('"v":1', '"v":0') + "}", "format version 0 does not exist"),
    (GOOD.replace('"v":1', '"v":-5') + "}", "format version -5 does not exist"),
    (GOOD.replace('"v":1', '"v":true') + "}", "format version True is not a whole number"),
    (GOOD.replace('"reviewer":"a"', '"reviewer":""') + "}", "no reviewer"),
    ('{"v":2,"reviewer":"a","proposal":"X/1","verdict":"accept"}', "unknown proposal verdict 'accept'"),
    ('{"v":2,"reviewer":"a","proposal":"X/1","outcome":"adopted"}', "unknown outcome 'adopted'"),
    ('{"v":2,"reviewer":"a","proposal":"X/1","verdict":"support","target":[1]}', "'target' is not"),
    ('{"v":1,"reviewer":"a","verdict":"accept"}', "neither an edit nor a proposal event"),
])
def test_malformed_events_are_one_line_errors(tmp_path: Path, line: str, problem: str) -> None:
    log = tmp_path / "d.jsonl"
    log.write_text(GOOD + "}\n" + line + "\n" + GOOD + "}\n", encoding="utf-8")
    err = one_line_error(run_cli("export", str(EN), "--log", str(log)), 3)
    assert f"{log}: line 2 is not a valid decision event ({problem}" in err


@pytest.mark.parametrize("line, read", ids=lambda v: str(v)[:40], argvalues=[
    (GOOD + ',"note":"\\ud83d\\ude00 ok"}', {"note": "\U0001F600 ok"}),  # a surrogate pair is one character
    (GOOD + ',"note":"a\\u0000b"}', {"note": "a\x00b"}),
    (GOOD + ',"later":NaN}', {}),  # a field this version does not know is carried, whatever it holds
    (GOOD + ',"later":123456789012345678901234567890}', {"later": 123456789012345678901234567890}),
    ("  " + GOOD + "}\r", {}),  # spaces around a line, a CRLF line end
])
def test_lines_read_alike_on_the_fast_and_the_careful_path(tmp_path: Path, line: str, read: dict[str, object]) -> None:
    """The usual line is decoded by orjson, the others by json: where the two parsers differ (a lone
    surrogate, NaN, big numbers), a line reads as json reads it, wherever it falls in a block."""
    log = tmp_path / "d.jsonl"
    log.write_text(GOOD + "}\n" + line + "\n" + GOOD + "}\n", encoding="utf-8")
    events = dlog.read_log(log).events
    assert len(events) == 3 and events[1]["verdict"] == "accept"
    for key, value in read.items():
        assert events[1][key] == value
    if "NaN" in line:
        assert events[1]["later"] != events[1]["later"]  # NaN, as json reads it
    assert main(["export", str(EN), "--log", str(log), "--out", str(tmp_path / "x.csv")]) == 0


def test_a_number_past_64_bits_as_the_format_version_is_a_newer_log(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    log.write_text(GOOD.replace('"v":1', '"v":123456789012345678901234567890') + "}\n", encoding="utf-8")
    err = one_line_error(run_cli("export", str(EN), "--log", str(log)), 3)
    assert "line 1 was written by a newer itu-review (log format v123456789012345678901234567890" in err


def test_a_note_that_is_not_utf8_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    res = subprocess.run([sys.executable, "-m", "itu_review", "decide", str(EN), "--log", str(log),
                          "--accept", "AFCP/12A1/1#1", "--note", b"\xff".decode("utf-8", "surrogateescape")],
                         capture_output=True, text=True)
    assert "--note is not valid UTF-8 text: \\xff" in one_line_error(res, 2)
    assert not log.exists()


def test_an_empty_reviewer_is_refused(tmp_path: Path) -> None:
    res = run_cli("decide", str(EN), "--log", str(tmp_path / "d.jsonl"), "--reviewer", "", "--accept", "AFCP/12A1/1#1")
    assert "--reviewer is empty" in one_line_error(res, 2)
    res = run_cli("decide", str(EN), "--log", str(tmp_path / "d.jsonl"), "--reviewer", "  ", "--accept", "AFCP/12A1/1#1")
    assert "--reviewer is empty" in one_line_error(res, 2)


def test_export_with_a_missing_log_is_an_error_not_an_empty_report(tmp_path: Path) -> None:
    missing = tmp_path / "typo.jsonl"
    assert f"{missing}: no such decision log" in one_line_error(run_cli("export", str(EN), "--log", str(missing)), 3)
    assert one_line_error(run_cli("apply", str(EN), "--log", str(missing), "--out", str(tmp_path / "o.docx")), 3)
    assert one_line_error(run_cli("text", str(EN), "--version", "decided", "--log", str(missing)), 3)
    assert f"{missing}: no such decision log" in one_line_error(
        run_cli("show", str(EN), "AFCP/12A1/1", "--log", str(missing)), 3)  # not every edit drawn pending
    pkg = tmp_path / "p.docx"  # the default log may be missing: nothing decided yet
    shutil.copy(EN, pkg)
    assert run_cli("export", str(pkg)).returncode == 0


# -- torn lines, full disks, batches -----------------------------------------------------------------

def test_a_marker_cut_short_by_a_full_disk_leaves_the_log_readable(tmp_path: Path) -> None:
    """What itu-review 0.1 left after a full disk: a torn line, a marker cut short, then a marker."""
    log = tmp_path / "d.jsonl"
    decide(log, "--accept", "AFCP/12A1/1#1")
    with log.open("ab") as fh:
        fh.write(b'{"v":1,"at":"2026-11-28T10:00:00Z","reviewer":"a","edit":"AFCP/1\n{"v":1,"at":"2026-11-2')
    read = dlog.read_log(log)
    assert len(read.events) == 1 and [w.split(": ", 1)[1][:28] for w in read.warnings] == [
        "line 2 was cut short (its wr", "line 3 was cut short (no lin"]
    decide(log, "--reject", "AFCP/12A1/1#2")  # terminates line 3 and marks it
    read = dlog.read_log(log)
    assert [e["edit"] for e in read.events] == ["AFCP/12A1/1#1", "AFCP/12A1/1#2"]
    assert len(read.warnings) == 2 and all("not recorded, every complete line is" in w for w in read.warnings)
    assert not any("lost" in w for w in read.warnings)


def test_a_bad_line_at_a_clean_end_is_still_an_error(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--accept", "AFCP/12A1/1#1")
    with log.open("ab") as fh:
        fh.write(b"garbage\n")
    with pytest.raises(InputError, match="line 2 is not a valid decision event"):
        dlog.read_log(log)


@contextlib.contextmanager
def small_disk(where: Path, kib: int = 16) -> Iterator[Path]:
    where.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", str(where)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=True)


def fill(disk: Path) -> None:
    with contextlib.suppress(OSError):
        with (disk / "fill").open("wb") as fh:
            while True:
                fh.write(b"x" * 512)
                fh.flush()
                os.fsync(fh.fileno())


EVENT = {"v": 1, "at": "2026-01-01T00:00:00Z", "reviewer": "a", "user": "u", "package": "p", "edit": "P/1/1#1",
         "fp": "f", "verdict": "accept", "note": "y" * 300}


def test_a_batch_that_fills_the_disk_records_nothing_and_says_so(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        log = disk / "d.jsonl"
        logfile.append(log, [EVENT] * 3)
        with log.open("ab") as fh:
            fh.write(b'{"v":1,"at":"2026-')  # a writer killed mid-line, then the disk fills
        fill(disk)
        with pytest.raises(InputError, match="No space left on device; nothing of the 20 decisions was recorded"):
            logfile.append(log, [EVENT] * 20)
        read = dlog.read_log(log)  # readable, and the failed batch is not in effect
        assert len(read.events) == 3 and len(read.warnings) == 1
        (disk / "fill").unlink()
        logfile.append(log, [EVENT])
        assert len(dlog.read_log(log).events) == 4


def test_a_failed_write_that_cannot_be_cut_back_says_how_much_was_recorded(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "d.jsonl"
    line = len(json.dumps(EVENT, separators=(",", ":")).encode()) + 1
    real_write = os.write
    calls = {"n": 0}

    def write(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(data[: 12 * line + 5]))  # 12 lines and a bit
        raise OSError(errno.ENOSPC, "No space left on device")

    def ftruncate(fd: int, size: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(os, "ftruncate", ftruncate)
    with pytest.raises(InputError, match=r"12 of 40 decisions recorded, then: No space left on device"):
        logfile.append(log, [EVENT] * 40)
    monkeypatch.undo()
    read = dlog.read_log(log)
    assert len(read.events) == 12 and "line 13 was cut short" in read.warnings[0]


def test_appending_never_reads_the_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--accept", "AFCP/12A1/1")
    size = log.stat().st_size
    reads: list[tuple[int, int]] = []
    real_pread = os.pread

    def pread(fd: int, n: int, offset: int) -> bytes:
        reads.append((n, offset))
        return real_pread(fd, n, offset)

    monkeypatch.setattr(os, "pread", pread)
    logfile.append(log, [EVENT])
    # the first line (at most 64 KiB), to refuse a file that is not a log; the last byte, to see whether
    # a crashed writer left a line open
    assert reads == [(logfile.FIRST_LINE, 0), (1, size - 1)]
    assert log.stat().st_size > size


# -- one file per account --------------------------------------------------------------------------

def folder(tmp_path: Path) -> Path:
    d = tmp_path / "log.d"
    d.mkdir()
    os.chmod(d, 0o3770)  # setgid + sticky: files keep the group, nobody removes another's file
    return d


def test_a_log_folder_proves_who_wrote_each_event(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = folder(tmp_path)
    decide(d, "--accept", "AFCP/12A1/2")
    own = d / f"{logfile.owner_name(os.geteuid())}.jsonl"
    assert stat.S_IMODE(own.stat().st_mode) == 0o640 and own.stat().st_uid == os.geteuid()
    # another account's file (here: made by hand and given to uid 65534), claiming to be amina's
    other = d / "mallory.jsonl"
    forged = dlog.make_event(load(EN), load(EN).edits[0], "amina", "reject")
    forged["user"] = dlog.os_user()
    forged["at"] = "2999-01-01T00:00:00.000Z"
    other.write_text(json.dumps(forged) + "\n")
    os.chmod(other, 0o640)
    os.chown(other, 65534, -1)
    state = dlog.load_state(load(EN), d)
    ds = state.decisions(0)
    assert ds["amina"].verdict == "reject" and ds["amina"].user == logfile.owner_name(65534)  # proven author
    own_edit = load(EN).edit("AFCP/12A1/2#1")
    assert own_edit is not None and state.decisions(own_edit.index)["amina"].user == logfile.owner_name(os.geteuid())
    capsys.readouterr()
    assert main(["export", str(EN), "--log", str(d), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["proposals"][0]["edits"][0]["decisions"]["amina"]["user"] == logfile.owner_name(65534)


def test_a_log_folders_own_file_is_named_by_the_account_not_the_environment(tmp_path: Path) -> None:
    """$LOGNAME and $USER are anyone's to set: a file named from them could take another reviewer's name
    in the sticky folder (and they could no longer create their own). The name is the account's."""
    d = folder(tmp_path)
    res = run_cli("decide", str(EN), "--log", str(d), "--accept", "AFCP/12A1/1#1", "--reviewer", "amina",
                  env={"LOGNAME": "omar", "USER": "omar"})
    assert res.returncode == 0, res.stderr
    assert [p.name for p in d.iterdir()] == [f"{logfile.owner_name(os.geteuid())}.jsonl"]


def test_a_log_folder_refuses_to_append_to_another_accounts_file(tmp_path: Path) -> None:
    d = folder(tmp_path)
    planted = d / f"{logfile.owner_name(os.geteuid())}.jsonl"
    planted.write_text("")
    os.chown(planted, 65534, -1)
    err = one_line_error(run_cli("decide", str(EN), "--log", str(d), "--accept", "AFCP/12A1/1#1"), 3)
    assert "belongs to" in err and "each account appends to its own file only" in err


def test_a_log_folder_without_the_sticky_bit_is_refused(tmp_path: Path) -> None:
    d = tmp_path / "log.d"
    d.mkdir()
    os.chmod(d, 0o2770)
    err = one_line_error(run_cli("decide", str(EN), "--log", str(d), "--accept", "AFCP/12A1/1#1"), 3)
    assert "without the sticky bit" in err


# -- reading on, for live reviewers -----------------------------------------------------------------

def test_read_log_from_an_offset_gives_only_complete_new_lines(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--accept", "AFCP/12A1/1#1")
    first = dlog.read_log(log)
    assert first.end == log.stat().st_size
    decide(log, "--reject", "AFCP/12A1/1#2", reviewer="omar")
    with log.open("ab") as fh:
        fh.write(b'{"v":1,"at":"2026-')  # being written now
    more = dlog.read_log(log, start=first.end)
    assert [e["edit"] for e in more.events] == ["AFCP/12A1/1#2"] and not more.warnings
    assert more.end == log.stat().st_size - len(b'{"v":1,"at":"2026-')


def test_a_live_state_folds_in_what_another_reviewer_appends(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--accept", "AFCP/12A1/2#1")
    pkg = load(EN)
    state = dlog.load_state(pkg, log)
    assert not state.refresh()  # nothing new: one stat, no reading
    decide(log, "--reject", "AFCP/12A1/2#1", reviewer="omar")
    decide(log, "--support", "AFCP/12A1/3", reviewer="omar")
    changes = state.refresh()
    e1 = pkg.edit("AFCP/12A1/2#1")
    assert e1 is not None and changes.edits == {e1.index} and changes.proposals == {"AFCP/12A1/3"}
    assert dlog.edit_status(state.verdicts(e1.index)) == dlog.DISAGREE
    assert state.proposal_verdicts("AFCP/12A1/3")["omar"].verdict == "support"
    assert not state.refresh()


def test_a_live_state_on_a_log_folder(tmp_path: Path) -> None:
    d = folder(tmp_path)
    pkg = load(EN)
    state = dlog.load_state(pkg, d)
    decide(d, "--accept", "AFCP/12A1/2#2")
    changes = state.refresh()
    assert len(changes.edits) == 1 and state.verdicts(next(iter(changes.edits)))["amina"].verdict == "accept"
    assert not state.refresh()


# -- names and escaping --------------------------------------------------------------------------

def test_markdown_escapes_reviewer_names_and_every_text(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    decide(log, "--flag", "AFCP/12A1/1#1", "--note", "<script>alert(1)</script> *x*", reviewer="<b>eve</b>")
    decide(log, "--support", "AFCP/12A1/3", "--note", "<img src=x>", reviewer="<b>eve</b>")
    md = run_cli("export", str(EN), "--log", str(log), "--format", "md").stdout
    assert "<b>" not in md and "<script>" not in md and "<img" not in md
    assert "&lt;b&gt;eve&lt;/b&gt;" in md and "&lt;script&gt;" in md and "\\*x\\*" in md
    html = subprocess.run([shutil.which("pandoc") or pytest.skip("pandoc"), "-f", "gfm", "-t", "html"], input=md,
                          capture_output=True, text=True, check=True).stdout
    assert "<b>eve" not in html and "&lt;b&gt;eve&lt;/b&gt;" in html


def test_a_package_name_of_240_characters_gets_a_usable_default_log(tmp_path: Path) -> None:
    pkgs = [tmp_path / ("é" * 120 + f"{k}.docx") for k in range(2)]  # 245 bytes each
    for p in pkgs:
        shutil.copy(EN, p)
        assert main(["decide", str(p), "--reviewer", "a", "--accept", "AFCP/12A1/1#1"]) == 0
    logs = sorted(tmp_path.glob("*.decisions.jsonl"))
    assert len(logs) == 2 and all(len(p.name.encode()) <= 255 for p in logs)
    assert [logfile.default_log_path(p) for p in pkgs] == [logfile.default_log_path(p) for p in pkgs]
    assert logfile.default_log_path(tmp_path / "short.docx").name == "short.docx.decisions.jsonl"


def test_reading_a_log_folds_only_what_decides_the_state_and_gets_the_same_state(tmp_path: Path) -> None:
    """load_state folds per (logged edit, reviewer) only the last verdict or clear and the note after
    it; folding every event must give the same state — here on random events logged on two issues of
    a package (so that two logged edits land on one edit), with notes and clears."""
    import random

    rng = random.Random(7)
    en, rev1 = load(EN), load(SAMPLES / "en-proposals-rev1.docx")
    events = []
    for k in range(3000):
        pkg = rng.choice((en, rev1))
        edit = rng.choice(pkg.edits[:6])
        verdict = rng.choice(("accept", "reject", "flag", "clear", "note", "note"))
        ev = dlog.make_event(pkg, edit, rng.choice(("amina", "omar", "li")), verdict, f"n{k}" if k % 3 else "")
        ev["at"] = f"2026-01-01T00:00:{k:05d}Z"
        events.append(ev)
    log = tmp_path / "d.jsonl"
    logfile.append(log, events)
    for pkg in (en, rev1):
        fast = dlog.load_state(pkg, log)
        full = dlog.resolve_state(pkg, dlog.read_log(log).events)
        seen = {(i, r, d.verdict, d.note, d.at, d.how) for i, ds in fast.by_edit.items() for r, d in ds.items()}
        assert seen == {(i, r, d.verdict, d.note, d.at, d.how) for i, ds in full.by_edit.items() for r, d in ds.items()}
        assert len(seen) > 10


def test_own_decisions_recorded_then_read_again_with_others_give_the_same_state(tmp_path: Path) -> None:
    """The app records its own decisions into its state at once, and refresh() later reads them
    again among what others appended: the state is the one a fresh read gives."""
    from itu_review.proposal_verdicts import make_proposal_event

    log = tmp_path / "d.jsonl"
    pkg = load(EN)
    mine = dlog.load_state(pkg, log)
    e1, e2 = pkg.edits[0], pkg.edits[1]
    decide(log, "--reject", e1.id, reviewer="omar")                               # before mine, unseen
    dlog.record(mine, log, [dlog.make_event(pkg, e1, "amina", "accept")])
    decide(log, "--flag", e1.id, "--note", "no", reviewer="amina")                 # amina in another window
    dlog.record(mine, log, [dlog.make_event(pkg, e2, "amina", "note", "later")])
    sup = pkg.proposal("AFCP/12A1/3")
    assert sup is not None
    dlog.record(mine, log, [make_proposal_event(pkg, sup, "amina", "support")])
    mine.refresh()
    fresh = dlog.load_state(pkg, log)
    for i in (e1.index, e2.index):
        assert {r: (d.verdict, d.note) for r, d in mine.decisions(i).items()} == \
               {r: (d.verdict, d.note) for r, d in fresh.decisions(i).items()}
    assert mine.decisions(e1.index)["amina"].verdict == "flag" and mine.decisions(e1.index)["omar"].verdict == "reject"
    assert mine.proposal_verdicts("AFCP/12A1/3")["amina"].verdict == "support"


def test_lines_longer_than_a_read_block_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from itu_review import logread

    monkeypatch.setattr(logread, "BLOCK", 4096)
    log = tmp_path / "d.jsonl"
    long_note = "ملاحظة طويلة " * (3 * logread.BLOCK // 10)  # about three blocks of UTF-8
    logfile.append(log, [EVENT, {**EVENT, "edit": "P/1/1#2", "note": long_note}, {**EVENT, "edit": "P/1/1#3"}])
    read = dlog.read_log(log)
    assert [e["edit"] for e in read.events] == ["P/1/1#1", "P/1/1#2", "P/1/1#3"]
    assert read.events[1]["note"] == long_note and read.end == log.stat().st_size
    end = read.end
    with log.open("ab") as fh:  # a long line its writer has not finished: more than a block, no line end
        fh.write(json.dumps({**EVENT, "edit": "P/1/1#4", "note": long_note}, ensure_ascii=False).encode()[:-10])
    read = dlog.read_log(log)
    assert [e["edit"] for e in read.events] == ["P/1/1#1", "P/1/1#2", "P/1/1#3"] and read.end == end
    assert len(read.warnings) == 1 and "line 4 was cut short (no line end" in read.warnings[0]
    assert dlog.read_log(log, start=end) == dlog.LogRead([], [], end)  # a live reader waits for its end


def test_a_log_folders_file_removed_while_it_is_read_is_left_out(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A file listed in the folder and gone by the time it is opened (its owner removed it) is not part
    of the log: the rest reads, with no crash."""
    d = folder(tmp_path)
    decide(d, "--accept", "AFCP/12A1/2")
    gone = d / "mallory.jsonl"
    listed = [*sorted(d.glob("*.jsonl")), gone]
    monkeypatch.setattr(logfile.LogPath, "files", lambda self: listed)
    state = dlog.load_state(load(EN), d)
    e = load(EN).edit("AFCP/12A1/2#1")
    assert e is not None and state.decisions(e.index)["amina"].verdict == "accept"


def test_a_planted_entry_in_a_log_folder_is_left_out_not_fatal(tmp_path: Path) -> None:
    """Anyone in the group can create a link, a pipe or a folder named *.jsonl in the team's folder: it is
    no file of events and is left out with a warning; the rest of the log reads (it made every export
    fail)."""
    d = folder(tmp_path)
    decide(d, "--accept", "AFCP/12A1/2")
    (d / "link.jsonl").symlink_to("/etc/hostname")
    os.mkfifo(d / "pipe.jsonl")
    (d / "dir.jsonl").mkdir()
    res = run_cli("export", str(EN), "--log", str(d), "--format", "json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["proposals"][1]["edits"][0]["decisions"]["amina"]["verdict"] == "accept"
    for name, why in (("link", "is a symbolic link, never followed"), ("pipe", "is not a regular file"),
                      ("dir", "is not a regular file")):
        assert f"{d / (name + '.jsonl')}: {why}: left out of the log" in res.stderr
