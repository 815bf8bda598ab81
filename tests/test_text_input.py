"""What a reviewer types into a note, a search or a filter is kept as typed: French no-break spaces
(U+00A0 before ; : ! ?, U+202F inside « »), and the format characters Persian and Arabic typing needs."""

from __future__ import annotations

from pathlib import Path

from itu_review import decisions as dlog
from itu_review.tui.app import ReviewApp
from itu_review.tui.screens.dialogs import NoteScreen

from .conftest import SAMPLES

async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Each character as the terminal sends it: a key event carrying the character (Pilot's press()
    names a character by its Unicode name and cannot name 'NO-BREAK SPACE' back, so it sends none)."""
    from textual import events
    from textual.keys import _character_to_key

    for ch in text:
        event = events.Key(_character_to_key(ch), ch)
        event.set_sender(pilot.app)
        pilot.app._driver.send_message(event)
        await pilot.pause()


NOTE = "V\u00e9rifier \u00ab\u202fAGNU\u202f\u00bb\u00a0; \u00e0 revoir\u00a0! \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"


async def test_a_flag_note_keeps_the_no_break_spaces_and_joiners_typed(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    app = ReviewApp([str(SAMPLES / "fr-propositions.docx")], str(log), "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f")
        assert isinstance(app.screen, NoteScreen)
        await type_text(pilot, NOTE)
        await pilot.press("enter")
        await pilot.pause()
    notes = [e["note"] for e in dlog.read_log(log).events if e.get("verdict") == "flag"]
    assert notes == [NOTE]  # they were dropped: 'Vérifier «AGNU» ; à revoir!'


async def test_search_keeps_a_no_break_space(tmp_path: Path) -> None:
    from textual.widgets import Input

    app = ReviewApp([str(SAMPLES / "fr-propositions.docx")], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("slash")
        await type_text(pilot, "l'UIT\u00a0;")
        assert app.query_one("#search", Input).value == "l'UIT\u00a0;"
        # a control character still is not typed into the box
        await type_text(pilot, "\x07")
        assert app.query_one("#search", Input).value == "l'UIT\u00a0;"
