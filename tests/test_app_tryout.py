"""What a first-time user met in the app, each driven with Pilot as they did it."""

from __future__ import annotations

import shutil
from pathlib import Path

from itu_review.tui.app import ReviewApp
from itu_review.tui.screens import HelpScreen
from itu_review.tui.widgets import EditPanel

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
