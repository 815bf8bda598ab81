"""What a second new user met in the app, each driven with Pilot as they did it: a key's message left
standing after the next key, ids held by several open files, a keymap typo, orphaned decisions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from itu_review.cli import main
from itu_review.tui.app import ReviewApp
from itu_review.tui.screens import ConfirmScreen, NoteScreen, SummaryScreen
from itu_review.tui.widgets import EditPanel, TitleBar

from . import test_bytext as bt
from .conftest import SAMPLES

EN = SAMPLES / "en-proposals.docx"
REV1 = SAMPLES / "en-proposals-rev1.docx"


async def ready(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    """The sample packages in a folder of their own (their logs go elsewhere: see ``bt.open_app``)."""
    folder = tmp_path / "samples"
    folder.mkdir()
    for name in bt.SAMPLE_PACKAGES:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def rev1_with_the_originals_log(tmp_path: Path) -> tuple[Path, Path]:
    """Rev.1 beside the log of the original, decided there first: 1#8 and 1#9 are to confirm on Rev.1."""
    log = tmp_path / "d.jsonl"
    assert main(["decide", str(EN), "--log", str(log), "--reviewer", "amina", "--accept", "AFCP/12A1/1"]) == 0
    rev = tmp_path / "en-proposals-rev1.docx"
    shutil.copy(REV1, rev)
    return rev, log


# -- 3. a key that says nothing clears what the key before said ------------------------------------------

async def test_confirming_after_an_undo_leaves_no_undone_line(tmp_path: Path) -> None:
    rev, log = rev1_with_the_originals_log(tmp_path)
    app = ReviewApp([str(rev)], str(log), "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.session is not None
        app.go(*app.session.find("AFCP/12A1/1#8"))  # type: ignore[misc]
        await pilot.press("y", "u")
        await pilot.pause()
        panel = app.query_one(EditPanel)
        assert panel.status == "Undone: confirm AFCP/12A1/1#8 (now to confirm)."
        await pilot.press("y")
        await pilot.pause()
        assert "1 to confirm" in str(app.query_one(TitleBar).render())
        assert "you: accepted" in panel.text
        assert not panel.status.startswith("Undone")


async def test_by_text_a_decision_after_an_undo_leaves_no_undone_line(samples: Path, tmp_path: Path) -> None:
    app = bt.open_app([samples], SAMPLES / "base", tmp_path / "logs")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await bt.by_text(pilot)
        bt.goto_text(screen, "Resolution 71")
        bt.goto_stop(screen, "AFCP/12A1/2#2", "en-proposals-rev1.docx")
        await pilot.pause()
        await pilot.press("R")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        panel = screen.query_one(EditPanel)
        assert panel.status == "Undone: rejected this change (4 edits)."  # rev1, the .docx, the .md (2 edits)
        await pilot.press("r")
        await pilot.pause()
        assert panel.status == ""
    verdicts = [e.get("verdict") for log in (tmp_path / "logs").iterdir()
                for e in bt.log_events(tmp_path / "logs", log.name.split("-", 1)[1].removesuffix(".jsonl"))]
    assert verdicts.count("reject") == 5  # R on the 4 edits, then r on one after the undo


# -- 7. a keymap id no key has is said, once ----------------------------------------------------------

async def test_an_unknown_keymap_id_is_warned_of_once_naming_it_and_the_known_ones(tmp_path: Path) -> None:
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina",
                    keymap={"bogus-binding": "k", "next-edit": "j"})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        warned = [n for n in app._notifications if "bogus-binding" in n.message]
        assert len(warned) == 1 and warned[0].severity == "warning"
        assert "'bogus-binding'" in warned[0].message
        assert "next-edit" in warned[0].message and "accept" in warned[0].message  # the known ids
        assert "'next-edit'" not in warned[0].message.split("known")[0]  # a known id is not called unknown
        await pilot.press("j")  # the known one still works
        assert app.session is not None and app.session.edit == 1
        await pilot.press("b")
        await ready(pilot)
        assert len([n for n in app._notifications if "bogus-binding" in n.message]) <= 1  # not again here


async def test_a_known_keymap_says_nothing(tmp_path: Path) -> None:
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina", keymap={"next-edit": "j", "goto.cancel": "x"})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert not [n for n in app._notifications if "keymap" in n.message]


# -- 8. orphaned decisions in the summary --------------------------------------------------------------

def summary_lines(app: ReviewApp) -> list[str]:
    lst = app.screen.query_one("#summary-list", OptionList)
    return [str(lst.get_option_at_index(k).prompt) for k in range(lst.option_count)]


async def test_the_summary_lists_orphaned_decisions_as_export_does(tmp_path: Path) -> None:
    """Rev.1 dropped AFCP/12A1/1#5 (the 57/239 deletion): amina's reject of it, given on the original,
    is an orphan in Rev.1's export — and now in the app's summary, counted and listed."""
    rev, log = rev1_with_the_originals_log(tmp_path)
    assert main(["decide", str(EN), "--log", str(log), "--reviewer", "amina", "--reject", "AFCP/12A1/1#5",
                 "--note", "keep 57/239"]) == 0
    assert main(["export", str(rev), "--log", str(log), "--format", "json", "--out", str(tmp_path / "x.json")]) == 0
    exported = json.loads((tmp_path / "x.json").read_text())["orphans"]
    assert [(o["edit"], o["verdict"]) for o in exported] == [("AFCP/12A1/1#5", "reject")]
    app = ReviewApp([str(rev)], str(log), "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        head = str(app.screen.query_one("#summary-head", Static).render())
        assert " · 1 orphaned" in head
        lines = summary_lines(app)
        assert lines[-2] == "1 orphaned decision, on what the package does not hold:"
        assert lines[-1].startswith("    \u2717 rejected AFCP/12A1/1#5 amina \u2014 keep 57/239 \u00b7 -\u201cd)")
        assert "57/239" in lines[-1].split("\u00b7")[1]
        await pilot.press("end")  # an orphan leads nowhere: the cursor stops at the last line that does
        lst = app.screen.query_one("#summary-list", OptionList)
        assert lst.highlighted is not None and lst.highlighted < lst.option_count - 2


async def test_a_summary_without_orphans_says_nothing_of_them(tmp_path: Path) -> None:
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert "orphan" not in str(app.screen.query_one("#summary-head", Static).render())
        assert not [ln for ln in summary_lines(app) if "orphan" in ln]


# -- 4. an id in several open files -------------------------------------------------------------------

def question(app: ReviewApp) -> str:
    return str(app.screen.query("Static").first().render())


async def test_by_text_dialogs_name_the_file_of_an_id_in_several(samples: Path, tmp_path: Path) -> None:
    """Res 71's first change: ACP's, and AFCP's in three files (the package, its Rev.1, its Critic Markup
    copy) — the dialog repeated AFCP/12A1/2#1 three times; now each with its file, ACP's alone."""
    app = bt.open_app([samples], SAMPLES / "base", tmp_path / "logs")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await bt.by_text(pilot)
        bt.goto_text(screen, "Resolution 71")
        await pilot.pause()
        await pilot.press("A")
        assert isinstance(app.screen, ConfirmScreen)
        asked = question(app)
        assert ": ACP/30/2#1, " in asked
        for name in ("en-proposals.docx", "en-proposals-rev1.docx", "en-proposals.critic.md"):
            assert f"AFCP/12A1/2#1 ({name})" in asked
        assert "AFCP/12A1/2#1," not in asked and "ACP/30/2#1 (" not in asked
        await pilot.press("n")
        bt.goto_stop(screen, "AFCP/12A1/2#2", "en-proposals-rev1.docx")
        await pilot.pause()
        await pilot.press("R")
        assert "AFCP/12A1/2#2 (en-proposals-rev1.docx)" in question(app)
        await pilot.press("n")
        await pilot.press("f")
        assert isinstance(app.screen, NoteScreen)
        assert "Flag AFCP/12A1/2#2 (en-proposals-rev1.docx)" in str(app.screen.query("Static").first().render())


async def test_g_names_the_file_it_went_to_and_again_goes_to_the_next(samples: Path, tmp_path: Path) -> None:
    app = bt.open_app([samples], SAMPLES / "base", tmp_path / "logs")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        s = app.session
        assert s is not None
        files = [Path(s.packages[it.pkg].path).name for it in s.items if it.prop.id == "AFCP/12A1/1"]
        assert sorted(files) == ["en-proposals-rev1.docx", "en-proposals.critic.md", "en-proposals.docx"]
        went = []
        for n in range(1, 5):
            await pilot.press("g", *"AFCP/12A1/1#3", "enter")
            await pilot.pause()
            assert s.current is not None and s.current_edit is not None and s.current_edit.id == "AFCP/12A1/1#3"
            here = Path(s.packages[s.current.pkg].path).name
            went.append(here)
            panel = app.query_one(EditPanel)
            said = f"AFCP/12A1/1#3 in {here}, {(n - 1) % 3 + 1} of 3 files (g again: next)"
            assert panel.status == said or said in [m.message for m in app._notifications]
            assert panel.text.startswith("AFCP/12A1/1#3 · ") and f" · {here} · by " in panel.text.split("\n")[0]
        assert went[:3] == files and went[3] == files[0]  # each file in turn, then the first again
        await pilot.press("g", *"ACP/30/2#1", "enter")  # an id one file holds: nothing said of files
        await pilot.pause()
        assert not [m.message for m in app._notifications if m.message.startswith("ACP/30/2#1")]
