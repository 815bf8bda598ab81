"""What reaches the terminal: control characters shown, bidi controls dropped or named."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from itu_review.display.sanitize import clean, clean_char, controls_visible, xml_text

from .conftest import ROOT, run_cli
from .ptyrun import in_pty, user_env


def test_clean_shows_controls_and_drops_bidi_controls() -> None:
    assert clean("a\tb\x1bc\u202ed") == "a  b\u241bcd"
    assert clean("a\u202ed", reveal=True) == "a\u27e8RLO\u27e9d"
    assert clean("line\nnext\u2028end") == "line\u240anext end"
    assert clean("line\nnext", keep_newlines=True) == "line\nnext"
    assert clean("قرار \u200c 14") == "قرار \u200c 14"  # ZWNJ shapes Arabic and Persian: kept unless revealed


def test_the_quick_path_misses_no_character_that_needs_cleaning() -> None:
    """``clean`` returns text untouched when its regular expression finds nothing: every code point
    that ``clean_char`` would change must be one it finds."""
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        expected = clean_char(ch)
        assert clean(f"a{ch}b") == f"a{expected}b", hex(code)


def test_controls_visible_keeps_tabs_line_breaks_and_bidi_marks() -> None:
    assert controls_visible("a\tb\r\nc\u200fd") == "a\tb\r\nc\u200fd"
    assert controls_visible("\x1b[2J\x9b\x7f\x00") == "\u241b[2J<9B>\u2421\u2400"


def test_xml_text_keeps_what_xml_can_hold() -> None:
    assert xml_text("tab\tand\nnewline") == "tab\tand\nnewline"
    assert xml_text("bell\x07 and form feed\x0c") == "bell\u2407 and form feed\u240c"
    assert xml_text("\ufffe\uffff") == "\ufffd\ufffd"


# -- hostile strings on every path to the terminal -----------------------------------------------------

ESC = "\x1b"
CLEAR = f"{ESC}[2JZQ"  # clear the screen; ZQ marks it as ours
OSC52 = f"{ESC}]52;c;ZWNobyBvd25lZA==\x07"  # write the clipboard
OSC8 = f"{ESC}]8;;https://evil.example/{ESC}\\click{ESC}]8;;{ESC}\\"  # a hidden link
CSI_C1 = "\x9b2J"  # CSI as one C1 character

HOSTILE = f"""MOD\tB/1/1
DRAFT NEW RESOLUTION [{CLEAR}-1]
Title with {ESC}[5mblink and {CSI_C1}
resolves
1\tto keep{{-- this--}} text{{++ and add{CLEAR} this++}}
Reasons:\tBecause{ESC}[31m.
{{>>{OSC52} clip<<}} {{>>{OSC8}<<}}
"""
BASE = f"""RESOLUTION 14 (REV. DUBAI, 2018)
Title of {ESC}[5mthe text in force{CSI_C1}
resolves
1\tto keep this text;
"""


def raw_controls(text: str) -> list[str]:
    """The control characters a terminal would obey (tab, line feed and carriage return aside)."""
    return [f"U+{ord(c):04X}" for c in text if (ord(c) < 0x20 and c not in "\t\n\r") or 0x7F <= ord(c) <= 0x9F]


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / f"pkg{CLEAR}.md"  # the file name too
    path.write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "base.txt").write_text(BASE, encoding="utf-8")
    log = {"v": 1, "at": "2026-01-01T00:00:00Z", "reviewer": f"ami{CLEAR}na\u202e", "user": "x",
           "package": "p" * 64, "edit": f"B/1/1#2{OSC52}", "fp": "0" * 16, "verdict": "accept",
           "note": f"n{ESC}[31m"}
    (tmp_path / "a.jsonl").write_text(json.dumps(log) + "\n")
    (tmp_path / "b.jsonl").write_text(json.dumps({**log, "reviewer": "omar", "verdict": "reject",
                                                  "at": "2026-01-02T00:00:00Z"}) + "\n")
    return path


def commands(pkg: Path) -> dict[str, list[str]]:
    folder = pkg.parent
    return {
        "list": ["list", str(pkg)],
        "list json": ["list", str(pkg), "--format", "json"],
        "edits": ["edits", str(pkg)],
        "edits json": ["edits", str(pkg), "--format", "json"],
        "edits csv": ["edits", str(pkg), "--format", "csv"],
        "show": ["show", str(pkg), "B/1/1", "--width", "100"],
        "show inline": ["show", str(pkg), "B/1/1#2", "--view", "inline", "--width", "60"],
        "text": ["text", str(pkg), "--notes"],
        "check": ["check", str(pkg), "--base", str(folder / "base.txt")],
        "check json": ["check", str(pkg), "--base", str(folder / "base.txt"), "--format", "json"],
        "export md": ["export", str(pkg), "--log", str(folder / "a.jsonl"), "--format", "md"],
        "export csv": ["export", str(pkg), "--log", str(folder / "a.jsonl"), "--format", "csv"],
        "export json": ["export", str(pkg), "--log", str(folder / "a.jsonl"), "--format", "json"],
        "merge": ["merge", str(folder / "a.jsonl"), str(folder / "b.jsonl"), "--out", str(folder / "all.jsonl")],
        "a missing file": ["list", str(folder / f"gone{OSC52}.docx")],
    }


@pytest.mark.parametrize("name", sorted(commands(Path("x"))))
def test_no_raw_control_character_reaches_the_terminal(hostile: Path, name: str) -> None:
    res = run_cli(*commands(hostile)[name])
    assert res.returncode in (0, 1, 3), res.stderr
    assert raw_controls(res.stdout) == [] and raw_controls(res.stderr) == []
    if name.endswith("json"):
        json.loads(res.stdout)  # still valid JSON, the controls escaped
    if name == "list":  # the unattached comments: the OSC 52 and OSC 8 warnings, shown
        assert "\u241b]52;c;ZWNobyBvd25lZA==" in res.stdout and "\u241b]8;;https://evil" in res.stdout
    if name == "merge":
        assert res.stdout.startswith("disagreement\tB/1/1#2\u241b]52;c;") and "ami\u241b[2JZQna: accept" in res.stdout


def test_json_escapes_c1_controls_and_keeps_the_text(hostile: Path) -> None:
    res = run_cli("list", str(hostile), "--format", "json")
    assert "\\u009b2J" in res.stdout and "\\u001b[2JZQ" in res.stdout
    doc = json.loads(res.stdout)
    assert doc["proposals"][0]["title"] == f"Title with {ESC}[5mblink and {CSI_C1}"  # lossless


def test_markdown_export_to_a_file_is_clean_too(hostile: Path) -> None:
    out = hostile.parent / "decisions.md"
    res = run_cli("export", str(hostile), "--log", str(hostile.parent / "a.jsonl"), "--format", "md", "--out", str(out))
    assert res.returncode == 0, res.stderr
    text = out.read_text(encoding="utf-8")
    assert raw_controls(text) == [] and "\u241b\\[2JZQ" in text  # Markdown escapes the bracket too


def test_the_app_draws_hostile_text_as_text(hostile: Path, tmp_path: Path) -> None:
    """The app in a pseudo-terminal: the draft tag, the title and the edits show ␛, never ESC."""
    from .test_terminal import read_until_quiet

    argv = [sys.executable, "-m", "itu_review", "open", str(hostile), "--log", str(tmp_path / "d.jsonl"),
            "--reviewer", "amina"]
    with in_pty(argv, user_env(ITU_REVIEW_CONFIG=str(tmp_path / "none")), str(ROOT), cols=120) as app:
        screen = read_until_quiet(app.fd, quiet=1.5, limit=30)
        while b"B/1/1#1" not in screen:
            more = read_until_quiet(app.fd, quiet=1.5, limit=30)
            assert more, screen[-2000:]
            screen += more
        os.write(app.fd, b"n")  # to the insertion holding the escape
        screen += read_until_quiet(app.fd, quiet=1.0, limit=10)
        os.write(app.fd, b"q")
        screen += read_until_quiet(app.fd, quiet=0.5, limit=10)
    assert b"\x1b[2JZQ" not in screen and b"\x1b]52;" not in screen and b"\x1b[5mblink" not in screen
    assert b"\xc2\x9b" not in screen  # U+009B, CSI
    assert "\u241b[2JZQ".encode() in screen  # shown, as a visible symbol
