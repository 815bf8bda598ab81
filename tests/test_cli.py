"""The command line as a user meets it: the version, a mistyped command, a full disk, an error message
that would span lines, and an internal error (one line and a crash report, never a traceback)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from itu_review import __version__

from .conftest import ROOT, SAMPLES, run_cli
from .docxfix import CONTENT_TYPES, RELS

EN = SAMPLES / "en-proposals.docx"


def test_version() -> None:
    res = run_cli("--version")
    assert res.returncode == 0 and res.stdout.strip() == f"itu-review {__version__}"


def test_a_mistyped_command_is_named_with_the_nearest_one() -> None:
    res = run_cli("exprot", "x.docx")
    assert res.returncode == 2
    assert res.stderr.strip().startswith("itu-review: unknown command 'exprot'; did you mean 'export'?")
    res = run_cli("frobnicate")
    assert res.returncode == 2 and "unknown command 'frobnicate'; commands: apply, check," in res.stderr


def test_a_package_alone_still_opens_the_app(tmp_path: Path) -> None:
    """`itu-review PACKAGE` is `open PACKAGE`: a missing package is a missing file, not a command."""
    res = run_cli(str(tmp_path / "gone.docx"))
    assert res.returncode == 3 and res.stderr.strip() == f"itu-review: {tmp_path / 'gone.docx'}: no such file"
    bare = tmp_path / "proposals"  # an existing file without a suffix is a package too
    bare.write_text("MOD\tB/1/1\nRESOLUTION 1\n")
    res = run_cli("proposals", cwd=tmp_path)
    assert "unknown command" not in res.stderr and res.returncode == 2  # the app needs a terminal
    assert "needs a terminal" in res.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [("list", str(EN)), ("edits", str(EN), "--format", "json"),
                                  ("show", str(EN), "AFCP/12A1/1", "--width", "100"), ("text", str(EN))])
def test_a_full_standard_output_is_one_line(args: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        res = subprocess.run([sys.executable, "-m", "itu_review", *args], stdout=full, stderr=subprocess.PIPE,
                             text=True, cwd=ROOT, timeout=120)
    assert res.returncode == 3
    assert res.stderr == "itu-review: standard output: cannot write: No space left on device\n"


def test_an_xml_message_over_two_lines_is_printed_on_one(tmp_path: Path) -> None:
    """libxml2 ends "Char 0x0 out of allowed range" with a newline inside its message."""
    path = tmp_path / "nul.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", b"<w:document xmlns:w='x'><w:body>\x00</w:body></w:document>")
    res = run_cli("list", str(path))
    assert res.returncode == 3 and len(res.stderr.splitlines()) == 1, res.stderr
    assert "malformed XML in word/document.xml: Invalid character: Char 0x0 out of allowed range" in res.stderr


CRASH = """
import sys
from itu_review import cli, commands

def broken(args):
    raise ValueError("a bug in list, holding \\x1b[2J document text")

commands.list_cmd = broken
sys.exit(cli.main(["list", sys.argv[1]]))
"""


def test_an_internal_error_is_one_line_and_a_crash_report(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    res = subprocess.run([sys.executable, "-c", CRASH, str(EN)], capture_output=True, text=True, cwd=ROOT,
                         env=env, timeout=60)
    assert res.returncode == 1 and res.stdout == ""
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in res.stderr and "\x1b" not in res.stderr
    assert lines[0].startswith("itu-review: internal error in `list` (ValueError); the details are in ")
    reports = list((tmp_path / "state" / "itu-review" / "crashes").glob("crash-*.txt"))
    assert len(reports) == 1 and str(reports[0]) in lines[0]
    body = reports[0].read_text()
    assert f"itu-review {__version__} crashed in `list`" in body and "Traceback (most recent call last)" in body
    assert "ValueError: a bug in list" in body
    assert reports[0].stat().st_mode & 0o777 == 0o600


def test_two_crashes_in_one_second_keep_two_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A conference's loader saves a report for each package its reader fails on: in the same second and
    process the second one must be saved too, not 'no crash report could be saved (File exists)'."""
    from itu_review import crash

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    first = crash.write_crash_report("open", ["open", "a.docx"], ValueError("first"))
    second = crash.write_crash_report("open", ["open", "b.docx"], ValueError("second"))
    assert first != second
    assert "ValueError: first" in first.read_text() and "ValueError: second" in second.read_text()
    assert second.stat().st_mode & 0o777 == 0o600


def test_an_internal_error_without_a_place_for_the_report_is_still_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "state"
    blocker.write_text("a file where the state folder should be")
    env = {**os.environ, "XDG_STATE_HOME": str(blocker)}
    res = subprocess.run([sys.executable, "-c", CRASH, str(EN)], capture_output=True, text=True, cwd=ROOT,
                         env=env, timeout=60)
    assert res.returncode == 1 and len(res.stderr.splitlines()) == 1
    assert "internal error in `list` (ValueError); no crash report could be saved" in res.stderr


HANGS = """
import sys, time
from itu_review import cli, commands

def slow(args):
    print("started", flush=True)
    time.sleep(60)
    return 0

commands.list_cmd = slow
sys.exit(cli.main(["list", sys.argv[1]]))
"""


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_termination_stops_a_command_as_ctrl_c_does(signum: int, code: int) -> None:
    """SIGTERM and SIGHUP take the path Ctrl-C takes (a directory's worker processes are shut down on the
    way out; they were left running, blocked on a pipe): no traceback, the signal's exit code."""
    proc = subprocess.Popen([sys.executable, "-c", HANGS, str(EN)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT)
    assert proc.stdout is not None and proc.stdout.readline() == "started\n"
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == code and "Traceback" not in err
