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
    """List: AFCP/12A1/1 flagged (⚑, 2/11), AFCP/12A1/2 all accepted (✓ 4/4), others without edits (·).
    Right: MOD AFCP/12A1/1 side by side, "base (from the package)" left, proposed right; the current edit (#1, rejected) in
    reverse video on both sides; below it the edit's details, "you: rejected"."""
    assert snap_compare(app_for(tmp_path, "en-proposals.docx", decided=True), terminal_size=size,
                        run_before=_loaded)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_add_proposal(snap_compare, tmp_path: Path, size) -> None:  # type: ignore[no-untyped-def]
    """ADD AFCP/12A1/4 selected: a note under the column heads says there is no base text (new text)."""
    assert snap_compare(app_for(tmp_path, "en-proposals.docx"), terminal_size=size,
                        run_before=_keys("right_square_bracket", "right_square_bracket", "right_square_bracket"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_sup_proposal(snap_compare, tmp_path: Path, size) -> None:  # type: ignore[no-untyped-def]
    """SUP AFCP/12A1/3 selected: title and reasons, and a note that the suppressed text is not reproduced."""
    assert snap_compare(app_for(tmp_path, "en-proposals.docx"), terminal_size=size,
                        run_before=_keys("right_square_bracket", "right_square_bracket"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_flag_dialog(snap_compare, tmp_path: Path, size) -> None:  # type: ignore[no-untyped-def]
    """The flag dialog over the app: "Flag AFCP/12A1/1#1", a hint, and a note typed so far."""
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


def test_untracked_change_marked_in_the_app(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """MOD ACP/30/2 against PP-18: a ⚠ beside ACP/30/2 (and 30/3, 30/5, 30/7) in the list; in the pane,
    under "in force: Resolution 71 (Rev. Dubai, 2018)", paragraph b) as in force with the package's
    untracked words after an arrow ("Sector Members →and Associates in"); the finding named above the
    columns and in the edit panel."""
    app = ReviewApp([str(SAMPLES / "en-check.docx")], str(tmp_path / "d.jsonl"), "amina",
                    base=[str(CORPUS / "akn4itu" / "pp18_final_acts_akn.xml")])
    assert snap_compare(app, terminal_size=(120, 40), run_before=_loaded_with_finding)


@pytest.mark.parametrize("theme", ["itu-dark", "itu-light", "itu-high-contrast", "itu-colorblind", "itu-monochrome"])
def test_mod_in_each_theme(snap_compare, tmp_path: Path, theme: str) -> None:  # type: ignore[no-untyped-def]
    """MOD AFCP/12A1/2 side by side in the theme: deletions struck through, insertions underlined, in the
    theme's colours (blue and orange in itu-colorblind; no colour and [- -] / [+ +] brackets in itu-monochrome)."""
    app = ReviewApp([str(SAMPLES / "en-proposals.docx")], str(tmp_path / "d.jsonl"), "amina", theme=theme)
    assert snap_compare(app, terminal_size=(100, 30), run_before=_keys("right_square_bracket"))
