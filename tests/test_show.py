"""`show` and `list` on every sample and corpus file, at several widths, with and without colour."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from itu_review.package import load

from .conftest import CORPUS, SAMPLES, SEED, run_cli

FILES = sorted(CORPUS.glob("*/*.docx")) + sorted(SAMPLES.glob("*.docx")) + sorted(SAMPLES.glob("*.md")) + [SEED]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_file_lists_and_shows_at_60_80_160(path: Path) -> None:
    assert run_cli("list", str(path)).returncode == 0
    pkg = load(path)
    ids = [p.id for p in pkg.proposals][:4]
    for width in (60, 80, 160):
        for pid in ids:
            res = run_cli("show", str(path), pid, "--width", str(width), "--view", "side")
            assert res.returncode == 0, res.stderr
            assert pid in res.stdout
            assert max(cell_len(line) for line in res.stdout.splitlines()) <= width


def test_insertions_and_deletions_are_marked_without_colour() -> None:
    res = run_cli("show", str(SAMPLES / "en-proposals.docx"), "AFCP/12A1/2", "--width", "120", env={"NO_COLOR": "1"})
    assert "[-DUBAI, 2018-]" in res.stdout and "[+BUCHAREST, 2022+]" in res.stdout
    assert "\x1b[" not in res.stdout


def test_colour_terminal_gets_styles_not_brackets() -> None:
    res = run_cli("show", str(SAMPLES / "en-proposals.docx"), "AFCP/12A1/2", "--width", "120",
                  env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert "\x1b[" in res.stdout and "[+BUCHAREST" not in res.stdout


@pytest.mark.parametrize("view", ["inline", "base", "proposed"])
def test_single_views(view: str) -> None:
    res = run_cli("show", str(SAMPLES / "en-proposals.docx"), "AFCP/12A1/2", "--width", "100", "--view", view)
    out = res.stdout
    if view == "base":
        assert "DUBAI, 2018" in out and "BUCHAREST" not in out
    elif view == "proposed":
        assert "BUCHAREST, 2022" in out and "DUBAI, 2018" not in out
    else:
        assert "[-DUBAI, 2018-][+BUCHAREST, 2022+]" in out
    lines = [x.rstrip() for x in out.splitlines()]
    assert lines[lines.index("Reasons:") + 1] == "To adopt the strategic plan for the next period."


def test_show_unknown_proposal_is_a_usage_error() -> None:
    res = run_cli("show", str(SAMPLES / "en-proposals.docx"), "X/1/1")
    assert res.returncode == 2 and "no proposal 'X/1/1'" in res.stderr and "AFCP/12A1/1" in res.stderr


def test_show_edit_id_highlights_that_edit() -> None:
    res = run_cli("show", str(SAMPLES / "en-proposals.docx"), "AFCP/12A1/2#2", "--width", "120",
                  env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert res.returncode == 0 and "\x1b[7" in res.stdout or ";7m" in res.stdout


def test_hostile_text_is_shown_literally() -> None:
    res = run_cli("show", str(SAMPLES / "tricky.critic.md"), "TST/1/1", "--width", "200")
    assert "[bold]that is not bold[/]" in res.stdout
    assert "\x1b" not in res.stdout and "\x07" not in res.stdout and "\x9b" not in res.stdout
    assert "\u241b[31mred" in res.stdout  # ESC shown as the visible symbol ␛


def test_invisible_characters_inside_edits_are_listed_as_warnings() -> None:
    res = run_cli("show", str(SAMPLES / "tricky.critic.md"), "TST/1/1", "--width", "200")
    assert "! TST/1/1#2: contains invisible or control characters: RLO, LRI, PDI" in res.stdout
    assert "! TST/1/1#3: contains invisible or control characters: ZWJ" in res.stdout
    assert "! TST/1/1#4: contains invisible or control characters: U+001B, U+009B" in res.stdout


# The heading القـرار 417 (WRC-07) (the base of MOD MEX/18A3/1) in a right-to-left paragraph: UAX #9
# keeps "WRC-07" left to right (the number follows a Latin word, rule W7) and the whole reads right
# to left. Piped, the deleted runs are bracketed — by their visual runs, so that the brackets do not
# reorder the text (markers in the logical text drew it "(07-WRC)").
@pytest.mark.parametrize(("mode", "first"), [("app", "(WRC-07) 417 رارـقلا"), ("terminal", "القـرار 417 (WRC-07)"),
                                             ("off", "القـرار 417 (WRC-07)")])
def test_bidi_modes(mode: str, first: str) -> None:
    path = CORPUS / "open-xml-powertools" / "RP051-Arabic.docx"
    res = run_cli("show", str(path), "MEX/18A3/1", "--width", "100", "--view", "base", "--bidi", mode)
    line = next(x for x in res.stdout.splitlines() if "417" in x and "WRC" in x and not x.startswith("MOD"))
    import unicodedata

    # presentation forms (app mode shapes Arabic for terminals that do not) compared as letters
    plain = unicodedata.normalize("NFKC", line.strip()).replace("\u00a0", " ").replace("\u2011", "-")
    for marker in ("[-", "-]"):
        plain = plain.replace(marker, "")
    assert plain == first
    assert line.startswith(" ") == (mode != "off")  # right-aligned unless bidi is off


def test_a_draft_new_text_has_nothing_in_force_beside_it() -> None:
    """An untracked ADD's package base is the draft itself: shown beside it as 'base', the reviewer reads
    the new text as if it were in force. The column is empty under a heading that says why."""
    out = run_cli("show", "samples/en-proposals.docx", "AFCP/12A1/4", "--width", "100").stdout
    lines = out.splitlines()
    head = next(ln for ln in lines if "\u2502 proposed" in ln)
    assert head.startswith("in force: nothing (a draft new text)")
    draft = next(ln for ln in lines if "DRAFT NEW RESOLUTION" in ln)
    left, right = draft.split("\u2502")
    assert left.strip() == "" and "DRAFT NEW RESOLUTION [AFCP-1]" in right
    # in one column the package's base is still there to read, labelled as the package's
    base = run_cli("show", "samples/en-proposals.docx", "AFCP/12A1/4", "--view", "base").stdout
    assert "base (from the package)" in base and "DRAFT NEW RESOLUTION [AFCP-1]" in base


def test_table_cells_are_parted_apart_from_the_columns() -> None:
    """A table row's cells are parted by ┆, so the one solid │ on a line is where in force meets proposed."""
    out = run_cli("show", "samples/en-proposals.docx", "AFCP/12A1/1", "--width", "120").stdout
    row = next(ln for ln in out.splitlines() if ln.startswith("Indicator"))
    assert row.count("\u2502") == 1
    left, right = row.split("\u2502")
    assert [c.strip() for c in left.split("\u2506")] == ["Indicator", "Source", "Frequency"]
    assert [c.strip() for c in right.split("\u2506")] == ["Indicator", "Source", "Frequency"]
