"""The command palette, driven with Pilot: document text (authors, titles, ids) shown as it is, never read
as markup, in both views; going to an id from the by-text view goes there in that view."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from itu_review.conference.discover import discover
from itu_review.tui.app import ReviewApp
from itu_review.tui.conference import ByTextScreen
from itu_review.tui.screens import GotoScreen

from .conftest import SAMPLES

sys.path.insert(0, str(SAMPLES))
from docxgen import Para, write_docx  # noqa: E402

#: An author that closes a tag never opened (Textual's markup fails on it), one that opens bold, and a
#: title that does both.
AUTHORS = ("[/link", "[b]Bold")
TITLE = "[/link Rules [b]for the [@click=app.quit]record"


@pytest.fixture()
def hostile(tmp_path: Path) -> Path:
    return write_docx(tmp_path / "hostile.docx", [
        Para("MOD\tTST/1/1", "Proposal"),
        Para("RESOLUTION 99 (REV. DUBAI, 2018)", "ResNo"),
        Para(TITLE, "Restitle"),
        Para("The text {++as amended++} and {--as it was--} here.", author=AUTHORS[0]),
        Para("More {++words++} here.", author=AUTHORS[1]),
        Para("Reasons:\tTo test the palette.", "Reasons"),
    ], title="Hostile authors")


async def ready(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def palette(pilot: Pilot[None], query: str) -> list[str]:
    """Open the palette, type ``query``; the lines of every entry it lists, as drawn (plain)."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    for ch in query:
        await pilot.press(ch)
    await pilot.pause(0.5)
    assert isinstance(pilot.app.screen, CommandPalette)
    options = pilot.app.screen.query_one(CommandList).options
    return [str(o.prompt) for o in options]


def plain_where(app: ReviewApp, word: str) -> bool:
    """In every entry of the palette holding ``word``, no character of it is bold (a ``[b]`` before it
    read as markup would make it so), and no entry links anywhere (``[@click=…]`` or ``[link=…]``)."""
    assert isinstance(app.screen, CommandPalette)
    found = False
    for option in app.screen.query_one(CommandList).options:
        text = str(option.prompt)
        at = text.find(word)
        for span in option.prompt.spans:
            style = span.style
            if isinstance(style, str):
                continue
            if style.link or (at >= 0 and style.bold and span.start < at + len(word) and span.end > at):
                return False
        found = found or at >= 0
    return found


async def test_authors_and_titles_in_the_palette_are_text_not_markup(hostile: Path, tmp_path: Path) -> None:
    app = ReviewApp([str(hostile)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.session is not None
        assert {e.author for e in app.session.packages[0].edits} == set(AUTHORS)
        lines = await palette(pilot, "every")
        assert app.is_running
        assert any(ln.startswith("Accept every undecided edit by [/link (2)\n") for ln in lines), lines
        assert any(ln.startswith("Reject every undecided edit by [b]Bold (1)\n") for ln in lines), lines
        assert plain_where(app, "Bold")
        await pilot.press("escape")
        lines = await palette(pilot, "TST")
        assert any(ln.startswith(f"Go to MOD TST/1/1  {TITLE}") for ln in lines), lines
        assert plain_where(app, "record")
        await pilot.press("escape")
        lines = await palette(pilot, "TST/1/1#1")
        assert lines[0] == "Go to edit TST/1/1#1\ninsert, by [/link", lines
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.current_edit is not None and app.session.current_edit.id == "TST/1/1#1"
        # choosing an author's entry asks about exactly that author's edits
        lines = await palette(pilot, "reject every undecided edit by [b")
        await pilot.press("enter")
        await pilot.pause()
        assert "Reject 1 undecided edits by [b]Bold?" in str(app.screen.query("Static").first().render())


async def test_a_title_in_the_by_text_palette_is_text_not_markup(hostile: Path, tmp_path: Path) -> None:
    app = ReviewApp([str(hostile)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("b")
        await ready(pilot)
        assert isinstance(app.screen, ByTextScreen)
        lines = await palette(pilot, "Text")
        assert app.is_running
        assert any(ln.startswith("Text: Res 99") and ln.endswith(f"\n{TITLE}") for ln in lines), lines
        assert plain_where(app, "for the")


def conference_app(logs: Path) -> ReviewApp:
    """``itu-review open samples/ --base samples/base``, a log for each package in ``logs``."""
    files = [f for f in discover([str(SAMPLES)]).files if "/base/" not in f]
    logs.mkdir()
    return ReviewApp(files, None, "amina", base=[str(SAMPLES / "base")],
                     logs=[logs / f"{k:02d}.jsonl" for k in range(len(files))])


async def test_go_to_from_the_by_text_view_goes_there_in_that_view(tmp_path: Path) -> None:
    app = conference_app(tmp_path / "logs")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("b")
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, ByTextScreen) and screen.current is not None
        start = screen.current.label
        lines = await palette(pilot, "ACP/30/1#1")
        assert lines[0].startswith("Go to edit ACP/30/1#1"), lines
        await pilot.press("enter")
        await pilot.pause()
        # the by-text view shows it: the text it is on, the edit current, its package named in the details
        assert app.screen is screen and screen.current is not None
        assert screen.current.label == "ACP/30/1#1" != start
        assert screen.by_text is not None and screen.by_text.groups[screen.g].short == "Res 130"
        assert "ACP/30/1#1" in screen.query_one("#edit").text
        # and g, as in the by-package view; #2: the next edit of the same proposal
        await pilot.press("g")
        assert isinstance(app.screen, GotoScreen)
        await pilot.press(*"#2", "enter")
        await pilot.pause()
        assert app.screen is screen and screen.current is not None and screen.current.label == "ACP/30/1#2"
        # a proposal on no text of the view: said so, nothing moves
        assert app.session is not None
        lonely = next((k for k, it in enumerate(app.session.items) if k not in screen.group_of_item), None)
        if lonely is not None:
            screen.go_to(lonely, 0)
            await pilot.pause()
            assert screen.current.label == "ACP/30/1#2"
            assert "is on no text here" in list(app._notifications)[-1].message


async def test_the_reviewer_s_name_in_the_title_is_cleaned(tmp_path: Path) -> None:
    """A name is whatever was typed: a bidi override in it is not sent to the terminal (it would turn the
    rest of the title around), and brackets are text."""
    app = ReviewApp([str(SAMPLES / "en-proposals.docx")], str(tmp_path / "d.jsonl"), "[b]amina\u202e")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        title = str(app.query_one("#title").render())
        assert title.startswith("itu-review \u2014 [b]amina \u00b7 0/18 decided"), title


async def test_an_outcome_is_recorded_from_the_by_text_palette(tmp_path: Path) -> None:
    """The secretariat works text by text as committees decide: the outcome of the current edit's proposal
    is recorded from the by-text view too, in that proposal's package log."""
    app = conference_app(tmp_path / "logs")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("b")
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, ByTextScreen)
        screen.go_to(*app.session.find("ACP/30/1#2"))
        await pilot.pause()
        lines = await palette(pilot, "Outcome of")
        assert lines[0].startswith("Outcome of MOD ACP/30/1: record what the conference decided"), lines
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter", *"committee 5", "enter")  # approved, with a note
        await pilot.pause()
        assert app.screen is screen
        assert "outcome: approved \u2014 committee 5" in screen.query_one("#edit").text
    package = next(k for k, it in enumerate(app.session.items) if it.prop.id == "ACP/30/1")
    log = tmp_path / "logs" / f"{app.session.items[package].pkg:02d}.jsonl"
    events = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(e["proposal"], e["outcome"], e["note"]) for e in events] == [("ACP/30/1", "approved", "committee 5")]
