"""What a first-time user met in the app, each driven with Pilot as they did it."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.containers import Vertical
from textual.widgets import Input, OptionList

from itu_review.tui.app import ReviewApp
from itu_review.tui.screens import HelpScreen, NoteScreen, SummaryScreen
from itu_review.tui.widgets import EditPanel, KeyBar, ProposalPane

from .conftest import SAMPLES

EN = SAMPLES / "en-proposals.docx"
AR = SAMPLES / "ar-proposals.docx"


async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_undo_after_a_bulk_accept_leaves_no_stale_line(tmp_path: Path) -> None:
    """``n n a A y`` says "accept: 4 edits saved." on the details' top line; ``u`` undoes them, and its
    message (too long for that line at 80 columns: a toast) must not leave the old one above "pending"."""
    app = ReviewApp([str(AR)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("n", "n", "a", "A", "y")
        await pilot.pause()
        panel = app.query_one(EditPanel)
        assert panel.status == "accept: 4 edits saved."
        await pilot.press("u")
        await pilot.pause()
        assert "4 edits saved" not in panel.status
        assert "you: pending" in panel.text
        toasts = [n.message for n in app._notifications]
        assert any(m.startswith("Undone: accepted 4 edits") for m in toasts) or panel.status.startswith("Undone")


async def test_opening_a_folder_with_its_base_inside_skips_nothing(tmp_path: Path) -> None:
    app = ReviewApp([str(SAMPLES)], base=[str(SAMPLES / "base")], reviewer="amina")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.session is not None
        assert not [p for p in app.session.packages if "/base/" in p.path]
        assert app.skipped == []
        assert not [n for n in app._notifications if "skipped" in n.message]


async def test_files_skipped_are_counted_in_one_short_line_and_listed_from_the_palette(tmp_path: Path) -> None:
    shutil.copy(EN, tmp_path / "en.docx")
    (tmp_path / "minutes.txt").write_text("Minutes of the meeting. Nothing proposed here.\n", encoding="utf-8")
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    app = ReviewApp([str(tmp_path)], reviewer="amina")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        toasts = [n for n in app._notifications if "skipped" in n.message]
        assert [n.message for n in toasts] == ["2 files skipped (ctrl+p: Skipped)"]
        assert toasts[0].timeout <= 10
        assert not any("minutes.txt" in n.message for n in app._notifications)
        await pilot.press("ctrl+p")
        await pilot.press(*"Skipped")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = [what for _, what in app.screen.lines]
        assert len(listed) == 2
        assert any(line.startswith(str(tmp_path / "minutes.txt") + ": no proposals") for line in listed)
        assert any(line.startswith(str(tmp_path / "broken.docx") + ": ") for line in listed)


def bar(app: ReviewApp) -> dict[str, str]:
    """What the key bar says each key does: {key: description}."""
    return {key: what for key, what, _ in app.screen.query_one(KeyBar).fitting(200)}


async def test_the_key_bar_says_support_and_oppose_on_a_proposal_without_edits(tmp_path: Path) -> None:
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert bar(app)["a"] == "Accept" and bar(app)["r"] == "Reject"  # MOD AFCP/12A1/1
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert app.session is not None and app.session.current is not None
        assert app.session.current.prop.action == "SUP"
        assert "a support · r oppose" in app.query_one(EditPanel).text
        assert bar(app)["a"] == "Support" and bar(app)["r"] == "Oppose"
        await pilot.press("left_square_bracket")  # back on a MOD
        assert bar(app)["a"] == "Accept" and bar(app)["r"] == "Reject"


def help_line(app: ReviewApp, key: str) -> str:
    assert isinstance(app.screen, HelpScreen)
    return next(what for k, what in app.screen.lines if k == key)


async def test_the_help_names_the_package_base_view_when_v_reaches_it(tmp_path: Path) -> None:
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina", base=[str(SAMPLES / "base")])
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert help_line(app, "v") == ("cycle the view: side by side, package-base (the package's own base beside "
                                       "it), inline, base, proposed")
        await pilot.press("escape", "v")
        assert "package-base view" in str(app.query_one("#title").render())
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")  # without --base, v does not reach it
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert help_line(app, "v") == "cycle the view: side by side, inline, base, proposed"


async def test_the_filter_s_placeholder_fits_its_box_at_80_columns(tmp_path: Path) -> None:
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+f")
        await pilot.pause()
        box = app.query_one("#filter", Input)
        assert box.has_focus
        # the cursor takes the first cell: the placeholder is drawn after it, cut at the box's edge
        assert len(box.placeholder) + 1 <= box.content_region.width == 21


async def test_the_flag_dialog_leaves_the_edit_it_flags_in_view(tmp_path: Path) -> None:
    """At 80x24 the centred dialog covered AFCP/12A1/1#3 (the footnote "[1] See also UNGA Resolution 77/211 …"):
    now it sits above or below the edit's rows, for every edit of the proposal."""
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        s = app.session
        assert s is not None
        seen = []
        for _ in range(11):  # AFCP/12A1/1#1 .. #11
            edit = s.current_edit
            assert edit is not None
            pane = app.query_one(ProposalPane)
            rows = pane.rows_of_edit(edit.index)
            assert rows is not None
            first, last = pane.on_screen(*rows)
            shown = [ln for ln in pane.text.splitlines()[rows[0]:rows[1] + 1] if ln.strip()]
            await pilot.press("f")
            await pilot.pause()
            assert isinstance(app.screen, NoteScreen)
            box = app.screen.query_one(Vertical).region
            assert box.bottom <= first or box.y > last, (edit.id, (first, last), box)
            seen.append((edit.id, "above" if box.bottom <= first else "below"))
            if edit.id == "AFCP/12A1/1#3":
                assert any("See also UNGA Resolution 77/211" in ln for ln in shown)
            await pilot.press("escape", "n")
            await pilot.pause()
        assert {where for _, where in seen} == {"above", "below"}  # both places are used


def panel_lines(panel: EditPanel) -> list[str]:
    """The details panel's rows as the terminal receives them (left to right)."""
    return ["".join(seg.text for seg in panel.render_line(y)).rstrip() for y in range(panel.size.height)]


async def test_an_arabic_note_reads_right_to_left_and_joined_in_the_details(tmp_path: Path) -> None:
    """``m`` on SUP AFCP/12A1/3, the note "ملاحظة: see Council WG": the details show the Arabic word as the
    panes show Arabic — in display order, letters in their joined forms (final teh marbuta, medial zah,
    initial hah, final lam-alef, initial meem, from the left) — and the English after it; so does the summary."""
    for bidi, word in (("app", "\ufe94\ufec8\ufea3\ufefc\ufee3"), ("terminal", "ملاحظة")):
        app = ReviewApp([str(EN)], str(tmp_path / f"{bidi}.jsonl"), "amina", bidi=bidi)
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(pilot)
            await pilot.press("right_square_bracket", "right_square_bracket", "m")
            assert isinstance(app.screen, NoteScreen)
            await pilot.press(*"ملاحظة: see Council WG", "enter")
            await pilot.pause()
            panel = app.query_one(EditPanel)
            assert "you: pending — ملاحظة: see Council WG" in panel.text  # the note as typed, in the log's order
            # with --bidi terminal the terminal lays it out: the app sends it in logical order
            assert f"you: pending — {word}: see Council WG" in [ln.strip() for ln in panel_lines(panel)], bidi
            await pilot.press("s")  # the summary lists the note the same way
            assert isinstance(app.screen, SummaryScreen)
            lines = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
            assert f"    ✎ proposal amina: {word}: see Council WG" in lines, bidi
