"""Snapshots of the app at fixed sizes. Each docstring says what you should see."""

from __future__ import annotations

from pathlib import Path

import pytest

from itu_review import decisions as dlog
from itu_review.package import load
from itu_review.tui.app import ReviewApp

from .conftest import CORPUS, SAMPLES

SIZES = [(80, 24), (120, 40)]


def app_for(tmp_path: Path, name: str, decided: bool = False) -> ReviewApp:
    log = tmp_path / "d.jsonl"
    if decided:
        pkg = load(SAMPLES / name)
        e = {x.id: x for x in pkg.edits}
        events = [dlog.make_event(pkg, e["AFCP/12A1/2#1"], "amina", "accept"),
                  dlog.make_event(pkg, e["AFCP/12A1/2#2"], "amina", "accept"),
                  dlog.make_event(pkg, e["AFCP/12A1/2#3"], "amina", "accept"),
                  dlog.make_event(pkg, e["AFCP/12A1/2#4"], "amina", "accept"),
                  dlog.make_event(pkg, e["AFCP/12A1/1#2"], "amina", "flag", "check the venue"),
                  dlog.make_event(pkg, e["AFCP/12A1/1#1"], "amina", "reject")]
        for ev in events:
            ev["at"] = "2026-11-28T10:00:00.000Z"
        dlog.append(log, events)
    return ReviewApp([str(SAMPLES / name)], str(log), "amina")


async def _loaded(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _keys(*keys: str):  # type: ignore[no-untyped-def]
    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await _loaded(pilot)
        for k in keys:
            await pilot.press(k)
        await pilot.pause()
    return run


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_list_with_mixed_statuses_and_a_mod_side_by_side(snap_compare, tmp_path: Path, size) -> None:  # type: ignore[no-untyped-def]
    """List: AFCP/12A1/1 flagged (⚑, 2/11), AFCP/12A1/2 all accepted (✓ 4/4), the SUP, ADD and NOC to
    decide (○). Right: MOD AFCP/12A1/1 side by side, "base (from the package)" left, proposed right,
    decided edits looking decided: #1 rejected with ✗ before "DUBAI, 2018" and "BUCHAREST, 2022" (the
    current edit, in reverse video on both sides), #2 flagged with ⚑; below, the edit's details, "you:
    rejected", and the proposal's line ("your edits: flagged")."""
    assert snap_compare(app_for(tmp_path, "en-proposals.docx", decided=True), terminal_size=size,
                        run_before=_keys("g", "#", "1", "enter"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_add_proposal(snap_compare, tmp_path: Path, size) -> None:  # type: ignore[no-untyped-def]
    """ADD AFCP/12A1/4 selected: the base column is headed "in force: none" and left empty (the draft is not a
    base), the draft new text on the right."""
    assert snap_compare(app_for(tmp_path, "en-proposals.docx"), terminal_size=size,
                        run_before=_keys("right_square_bracket", "right_square_bracket", "right_square_bracket"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_sup_proposal(snap_compare, tmp_path: Path, size) -> None:  # type: ignore[no-untyped-def]
    """SUP AFCP/12A1/3 selected: title and reasons, and a note that the suppressed text is not reproduced."""
    assert snap_compare(app_for(tmp_path, "en-proposals.docx"), terminal_size=size,
                        run_before=_keys("right_square_bracket", "right_square_bracket"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_flag_dialog(snap_compare, tmp_path: Path, size) -> None:  # type: ignore[no-untyped-def]
    """The flag dialog at the bottom: "Flag AFCP/12A1/1#1", a hint, and a note typed so far; above it, the
    edit being flagged (DUBAI -> BUCHAREST in the heading "RESOLUTION 130 (REV. …") stays in view."""
    assert snap_compare(app_for(tmp_path, "en-proposals.docx"), terminal_size=size,
                        run_before=_keys("f", *"venue?"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_screen(snap_compare, tmp_path: Path, size) -> None:  # type: ignore[no-untyped-def]
    """The help screen: every key and what it does, the filter syntax, a word on saving."""
    assert snap_compare(app_for(tmp_path, "en-proposals.docx"), terminal_size=size, run_before=_keys("question_mark"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_arabic_proposal(snap_compare, tmp_path: Path, size) -> None:  # type: ignore[no-untyped-def]
    """MOD ARB/20A1/1 side by side: Arabic right-aligned in each column, in visual order, the venue
    دبي، 2018 deleted on the left and بوخارست، 2022 inserted on the right, brackets mirrored."""
    assert snap_compare(app_for(tmp_path, "ar-proposals.docx"), terminal_size=size, run_before=_loaded)


@pytest.mark.parametrize("size", [(80, 24), (160, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_arabic_proposal_beside_its_english_base(snap_compare, tmp_path: Path, size) -> None:  # type: ignore[no-untyped-def]
    """MOD ARB/20A1/1 with the English collection: headed "in force (en): Resolution 130 (Rev. Dubai, 2018)"
    (shortened to "Res. 130" where the column is narrow), RESOLUTION 130 (REV. DUBAI, 2018) and each English
    paragraph in force on the left, beside the Arabic paragraph that translates it on the right (heading, title,
    formula, recalling, a), b) …), right-aligned, rows in step; paragraphs not reproduced are dimmed."""
    app = ReviewApp([str(SAMPLES / "ar-proposals.docx")], str(tmp_path / "d.jsonl"), "amina", base=[str(SAMPLES / "base")])
    assert snap_compare(app, terminal_size=size, run_before=_loaded)


async def _loaded_with_finding(pilot) -> None:  # type: ignore[no-untyped-def]
    await _loaded(pilot)
    await pilot.press("right_square_bracket")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_untracked_change_marked_in_the_app(snap_compare, tmp_path: Path, size) -> None:  # type: ignore[no-untyped-def]
    """MOD ACP/30/2 against PP-18: a ⚠ beside ACP/30/2 (and 30/3, 30/5, 30/7) in the list; in the pane,
    under "in force: Res. 71 (Rev. Dubai, 2018)" (the label shortened in a narrow column), paragraph b)
    as in force with the package's untracked words after an arrow ("Sector Members →and Associates in");
    the finding named once, on its own line above the edit's details ("⚠ 2 findings (i: show)
    untracked-change in b): …"), not above the columns; the edit whole below."""
    app = ReviewApp([str(SAMPLES / "en-check.docx")], str(tmp_path / "d.jsonl"), "amina",
                    base=[str(CORPUS / "akn4itu" / "pp18_final_acts_akn.xml")])
    assert snap_compare(app, terminal_size=size, run_before=_loaded_with_finding)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_arabic_without_colour_keeps_its_order(snap_compare, tmp_path: Path, size) -> None:  # type: ignore[no-untyped-def]
    """RP051's MOD MEX/18A3/1 in itu-monochrome (no colour: [- -] and [+ +] brackets): at 120x40 the
    heading reads "[-(WRC-]-[-07) 417-] القرار" on the left and "[+(REV.WRC+]-[+12) 417+] القرار" on the
    right, on the heading's row: each visual run of changed text bracketed, the "-" both issues keep
    outside, the brackets taking no part in the reordering ("(07-WRC)" was the bug); at 80x24 the same
    runs whole on the row under القرار in the narrow columns (not "[-WRC-]-[-) 417-]" over "[-(07-]");
    Arabic right-aligned. The list's title "2 proposals" in bold white."""
    app = ReviewApp([str(CORPUS / "open-xml-powertools" / "RP051-Arabic.docx")], str(tmp_path / "d.jsonl"), "amina",
                    theme="itu-monochrome")
    assert snap_compare(app, terminal_size=size, run_before=_loaded)


@pytest.mark.parametrize("theme", ["itu-dark", "itu-light", "itu-high-contrast", "itu-colorblind", "itu-monochrome"])
def test_mod_in_each_theme(snap_compare, tmp_path: Path, theme: str) -> None:  # type: ignore[no-untyped-def]
    """MOD AFCP/12A1/2 side by side in the theme: deletions struck through, insertions underlined, in the
    theme's colours (blue and orange in itu-colorblind; no colour and [- -] / [+ +] brackets in itu-monochrome)."""
    app = ReviewApp([str(SAMPLES / "en-proposals.docx")], str(tmp_path / "d.jsonl"), "amina", theme=theme)
    assert snap_compare(app, terminal_size=(100, 30), run_before=_keys("right_square_bracket"))


def _check_app(tmp_path: Path) -> ReviewApp:
    return ReviewApp([str(SAMPLES / "en-check.docx")], str(tmp_path / "d.jsonl"), "amina",
                     base=[str(CORPUS / "akn4itu" / "pp18_final_acts_akn.xml")])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_edit_in_view_beside_folded_findings(snap_compare, tmp_path: Path, size) -> None:  # type: ignore[no-untyped-def]
    """MOD ACP/30/2 against PP-18: above the details one line "⚠ 2 findings (i: show)  untracked-change: …";
    below it the edit itself, whole: "ACP/30/2#1 · replace · 1/3 · by Secretariat · 2026-10-01 09:00",
    "you: pending", its fingerprint; the key bar ends with "? Help  q Quit"."""
    assert snap_compare(_check_app(tmp_path), terminal_size=size, run_before=_keys("right_square_bracket"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_edit_in_view_beside_unfolded_findings(snap_compare, tmp_path: Path, size) -> None:  # type: ignore[no-untyped-def]
    """The same after i: "2 findings on this proposal (i: fold)", the untracked change with its word diff
    and the elided paragraphs (ℹ), in a list of their own; the pane is shorter but still shows the text
    side by side from "in force: Res. 71 …" down (8 lines at 80x24), the edit's details are as tall and
    as whole as before."""
    assert snap_compare(_check_app(tmp_path), terminal_size=size, run_before=_keys("right_square_bracket", "i"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_decision_to_confirm(snap_compare, tmp_path: Path, size) -> None:  # type: ignore[no-untyped-def]
    """Rev.1 of the English sample with a log that accepted all of AFCP/12A1/1 in the first issue, at
    AFCP/12A1/1#8: the title says "8/19 decided · 2 to confirm", the list's glyph is ↻, and the details
    say "to confirm (y): you accepted it as it read then", with the texts then (-"users" +"all users")
    and now (-"users" +"all the users"), all in view at 80x24 too."""
    assert snap_compare(_reissue_app(tmp_path), terminal_size=size, run_before=_keys("N"))


def _reissue_app(tmp_path: Path) -> ReviewApp:
    """Rev.1 of the English sample, with a log that accepted all of AFCP/12A1/1 in the first issue."""
    import shutil

    log = tmp_path / "d.jsonl"
    pkg = load(SAMPLES / "en-proposals.docx")
    events = [dlog.make_event(pkg, e, "amina", "accept") for e in pkg.proposals[1].edits]
    for ev in events:
        ev["at"] = "2026-11-28T10:00:00.000Z"
    dlog.append(log, events)
    rev = tmp_path / "rev1.docx"
    shutil.copy(SAMPLES / "en-proposals-rev1.docx", rev)
    return ReviewApp([str(rev)], str(log), "amina")


def test_summary_screen(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The summary over the decided English sample: "6/18 decided · 4 accepted · 1 rejected · 1 flagged
    … · 12 left", AFCP/12A1/1 with ✗1 ⚑1 ○9 and "9 left", under it "⚑ #2 amina: check the venue",
    AFCP/12A1/2 ✓4 "done  edits: support", the SUP, ADD and NOC each "no edits  no verdict yet"."""
    assert snap_compare(app_for(tmp_path, "en-proposals.docx", decided=True), terminal_size=(100, 30),
                        run_before=_keys("s"))


def test_a_formatting_edit_to_confirm(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The same at 80x24, N again: AFCP/12A1/1#9, "paragraph-format · 9/11"; "to confirm (y): you accepted
    it as it read then", "then: on “…for all users;”" and "now:  on “…for all the users;”" in view (what
    differs), "then and now: alignment left → default" below (scrolled)."""
    assert snap_compare(_reissue_app(tmp_path), terminal_size=(80, 24), run_before=_keys("N", "N"))


def test_summary_screen_at_80_columns(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The same summary at 80x24: a line for each proposal and each flag, cut with "…" where it is too
    long, never wrapped ("○ ADD AFCP/12A1/4 no edits no verdict yet draft new text" and its "[AFCP-1]"
    took two lines); no toast over it."""
    assert snap_compare(app_for(tmp_path, "en-proposals.docx", decided=True), terminal_size=(80, 24),
                        run_before=_keys("s"))


def test_undo_at_80_columns(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """After r and u at 80x24: "Undone: rejected AFCP/12A1/1#1 (now pending)." on the top line of the
    details panel, in its border; the details below whole ("you: pending"), no toast over them."""
    app = app_for(tmp_path, "en-proposals.docx")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_keys("r", "u"))
