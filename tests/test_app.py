"""The review app driven from the keyboard with Pilot, as a reviewer would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from itu_review import decisions as dlog
from itu_review.cli import main
from itu_review.tui.app import ReviewApp
from itu_review.tui.screens import HelpScreen, NoteScreen
from itu_review.tui.widgets import EditPanel, ProposalList, ProposalPane

from .conftest import CORPUS, SAMPLES, SEED

EN = SAMPLES / "en-proposals.docx"


async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_full_review_is_logged_exactly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "d.jsonl"
    app = ReviewApp([str(EN)], str(log), "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.session is not None and app.session.current_edit.id == "AFCP/12A1/1#1"
        await pilot.press("a")  # accept #1, on to #2
        await pilot.press("r")  # reject #2, on to #3
        await pilot.press("f")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"which [bold] resolution?")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.current_edit.id == "AFCP/12A1/1#3"
        await pilot.press("n", "a")  # accept #4 ...
        await pilot.press("u")  # ... and take it back
        assert app.session.current_edit.id == "AFCP/12A1/1#4"
        await pilot.press("N")  # next undecided: #4 again is current, so #5
        assert app.session.current_edit.id == "AFCP/12A1/1#5"
        await pilot.press("q")
    events = dlog.read_log(log).events
    assert [(e["edit"], e["verdict"], e["note"]) for e in events] == [
        ("AFCP/12A1/1#1", "accept", ""), ("AFCP/12A1/1#2", "reject", ""),
        ("AFCP/12A1/1#3", "flag", "which [bold] resolution?"), ("AFCP/12A1/1#4", "accept", ""),
        ("AFCP/12A1/1#4", "clear", "")]
    capsys.readouterr()
    assert main(["export", str(EN), "--log", str(log), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    statuses = {e["id"]: e["status"] for p in doc["proposals"] for e in p["edits"]}
    assert [statuses[f"AFCP/12A1/1#{k}"] for k in range(1, 6)] == ["accepted", "rejected", "flagged", "pending",
                                                                   "pending"]


async def test_decisions_survive_reopening(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    async with ReviewApp([str(EN)], str(log), "amina").run_test() as pilot:
        await ready(pilot)
        await pilot.press("a", "a")
    app = ReviewApp([str(EN)], str(log), "amina")
    async with app.run_test() as pilot:
        await ready(pilot)
        assert app.session.totals() == (2, 18)  # 15 edits and three proposals without edits
        assert app.session.current_edit.id == "AFCP/12A1/1#3"  # where the reviewer left off
        await pilot.press("N")
        assert app.session.current_edit.id == "AFCP/12A1/1#4"


async def test_bulk_accept_asks_first_and_says_how_many(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    app = ReviewApp([str(EN)], str(log), "amina")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("a", "A")
        await pilot.pause()
        assert "Accept the 10 undecided edits of MOD AFCP/12A1/1?" in str(app.screen.query("Static").first().render())
        await pilot.press("n")
        assert len(dlog.read_log(log).events) == 1
        await pilot.press("R", "y")
        await pilot.pause()
    verdicts = [e["verdict"] for e in dlog.read_log(log).events]
    assert verdicts == ["accept"] + ["reject"] * 10


async def test_views_cycle_and_proposals_move(tmp_path: Path) -> None:
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        pane = app.query_one(ProposalPane)
        assert "base (from the package)" in pane.text
        await pilot.press("v")
        assert "base (from the package)" not in pane.text  # inline view
        await pilot.press("v", "v", "v")
        assert "base (from the package)" in pane.text
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert app.session.current.prop.id == "AFCP/12A1/3"
        assert "SUP: the text to suppress is not reproduced" in pane.text
        await pilot.press("right_square_bracket")
        assert "in force: nothing (a draft new text)" in pane.text  # the draft is not a base
        assert "no edits" in str(app.query_one(EditPanel).render()).lower()


async def test_help_search_and_filter(tmp_path: Path) -> None:
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("slash", *"strategic plan", "enter")
        await pilot.pause()
        assert app.session.current.prop.id == "AFCP/12A1/2"
        await pilot.press("escape", "ctrl+f", *"action:SUP")
        await pilot.pause()
        lst = app.query_one(ProposalList)
        assert lst.option_count == 1


async def test_document_text_is_never_markup_or_control(tmp_path: Path) -> None:
    app = ReviewApp([str(SAMPLES / "tricky.critic.md")], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(200, 50)) as pilot:
        await ready(pilot)
        text = app.query_one(ProposalPane).text
        assert "Markup [bold]that is not bold[/] and [link=https://example.org]a fake link[/link]" in text
        assert "[@click=app.quit]quit[/]" in text
        assert "\u241b[31mred\u241b[0m" in text and "\x1b" not in text
        assert "\u27e8RLO\u27e9" in text and "\u27e8ZWJ\u27e9" in text
        await pilot.press("n", "f", *"[/] [red]", "enter")
        await pilot.pause()
        assert app.is_running  # nothing was executed as an action
    assert dlog.read_log(tmp_path / "d.jsonl").events[0]["note"] == "[/] [red]"


@pytest.mark.parametrize("path", [CORPUS / "open-xml-powertools" / "RP051-Arabic.docx", SEED],
                         ids=["RP051", "seed"])
async def test_real_documents_open(tmp_path: Path, path: Path) -> None:
    app = ReviewApp([str(path)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.session is not None and app.session.items
        await pilot.press("n", "N", "right_square_bracket", "v")


async def test_several_packages_at_once(tmp_path: Path) -> None:
    copies = []
    for src in (EN, SAMPLES / "fr-propositions.docx"):
        dst = tmp_path / src.name
        dst.write_bytes(src.read_bytes())
        copies.append(str(dst))
    app = ReviewApp(copies, None, "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        ids = [it.prop.id for it in app.session.items]
        assert "AFCP/12A1/1" in ids and "EUR/15A2/1" in ids
        app.session.goto(ids.index("EUR/15A2/1"))
        await pilot.press("a")
    assert (tmp_path / "fr-propositions.docx.decisions.jsonl").exists()


async def test_unreadable_package_is_reported_not_crashed(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_text("nope")
    app = ReviewApp([str(bad)], None, "amina")
    async with app.run_test() as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "not a .docx file" in str(app.query_one("#loading").render())
        await pilot.press("a", "n", "q")


async def test_the_app_writes_the_cache_after_the_review_is_shown_and_reopens_from_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setenv("ITU_REVIEW_CACHE_MIN_MB", "0")  # treat the sample as a large package
    cache_dir = Path(os.environ["ITU_REVIEW_CACHE_DIR"])
    log = tmp_path / "d.jsonl"
    app = ReviewApp([str(EN)], str(log), "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.session is not None and app.session.current_edit.id == "AFCP/12A1/1#1"
        assert len(list(cache_dir.glob("*.itu-cache"))) == 1
        await pilot.press("a")
    again = ReviewApp([str(EN)], str(log), "amina")
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert again.session is not None
        pkg = again.session.packages[0]
        assert type(pkg.paragraphs[0]).__name__ == "PackedParagraph"  # served from the cache
        assert again.session.totals() == (1, 18)  # the decision found its edit in the cached package
        assert again.session.current_edit.id == "AFCP/12A1/1#2"  # opened where the reviewer left off
        pane = again.query_one(ProposalPane)
        assert pane is not None
        await pilot.press("v", "v")  # every view renders from packed paragraphs
        await pilot.press("right_square_bracket")
        assert again.session.current_edit.id.startswith("AFCP/12A1/2#")
