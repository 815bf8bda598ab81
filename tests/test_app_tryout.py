"""What a first-time user met in the app, each driven with Pilot as they did it."""

from __future__ import annotations

from pathlib import Path

from itu_review.tui.app import ReviewApp
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
