"""Deciding in the app beyond accept and reject: re-attached decisions to confirm, proposals decided as
a whole (SUP, ADD, NOC, and a MOD apart from its edits), outcomes, roll-ups — as a reviewer does it."""

from __future__ import annotations

import shutil
from pathlib import Path

from itu_review import decisions as dlog
from itu_review.cli import main
from itu_review.tui.app import ReviewApp
from itu_review.tui.screens import NoteScreen
from itu_review.tui.screens.proposal import OutcomeScreen, ProposalVerdictScreen
from itu_review.tui.widgets import EditPanel, ProposalList, TitleBar

from .conftest import SAMPLES

EN = SAMPLES / "en-proposals.docx"
REV1 = SAMPLES / "en-proposals-rev1.docx"


async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def list_line(app: ReviewApp, pid: str) -> str:
    lst = app.query_one(ProposalList)
    k = next(k for k, it in enumerate(app.session.items) if it.prop.id == pid)
    return lst.line_of(k)


# -- 8. re-attached decisions: to confirm ---------------------------------------------------------------

async def test_a_reattached_decision_waits_to_be_confirmed(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    assert main(["decide", str(EN), "--log", str(log), "--reviewer", "amina", "--accept", "AFCP/12A1/1"]) == 0
    rev = tmp_path / "rev1.docx"
    shutil.copy(REV1, rev)
    app = ReviewApp([str(rev)], str(log), "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        title = app.query_one(TitleBar)
        assert "8/19 decided · 2 to confirm" in str(title.render())  # counted apart, not as decided
        assert app.session.current_edit.id == "AFCP/12A1/1#3"  # opens at the first open edit: new in Rev.1
        await pilot.press("N")  # N stops at a decision to confirm, not only at pending edits
        assert app.session.current_edit.id == "AFCP/12A1/1#8"
        text = app.query_one(EditPanel).text
        assert "to confirm (y): you accepted it as it read then" in text
        assert "then: -\u201cusers\u201d +\u201call users\u201d" in text
        assert "now:  -\u201cusers\u201d +\u201call the users\u201d" in text
        assert list_line(app, "AFCP/12A1/1").startswith("\u21bb")  # ↻: something to confirm
        await pilot.press("y")
        assert "9/19 decided · 1 to confirm" in str(title.render())
        assert "you: accepted" in app.query_one(EditPanel).text and "to confirm" not in app.query_one(EditPanel).text
        await pilot.press("N")  # N stops at the other one
        assert app.session.current_edit.id == "AFCP/12A1/1#9"
        assert app.session.status(0, app.session.current_edit) == dlog.TO_CONFIRM
        await pilot.press("p")
        await pilot.press("u")  # undo the confirm: it is to confirm again
        assert "8/19 decided · 2 to confirm" in str(title.render())
    events = dlog.read_log(log).events
    confirmed = [e for e in events if e["edit"] == "AFCP/12A1/1#8" and e["ins"] == "all the users"]
    # the confirmation, then the undo's clear of it (the carried verdict is appended again after it)
    assert [e["verdict"] for e in confirmed] == ["accept", "clear"]


# -- issue 16: proposals decided as a whole ------------------------------------------------------------

async def test_sup_add_and_noc_are_decided_with_a_r_f(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    app = ReviewApp([str(EN)], str(log), "amina")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert list_line(app, "AFCP/12A1/3").startswith("\u25cb")  # ○: to decide, no longer a mute ·
        await pilot.press("right_square_bracket", "right_square_bracket")  # SUP AFCP/12A1/3
        assert "SUP AFCP/12A1/3 · no edits: decided as a whole" in app.query_one(EditPanel).text
        await pilot.press("a")  # support the SUP, on to the ADD
        assert app.session.current.prop.id == "AFCP/12A1/4"
        await pilot.press("r")  # oppose the ADD, on to the NOC
        assert app.session.current.prop.id == "AFCP/12A1/5"
        await pilot.press("f")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"why keep it?", "enter")
        assert list_line(app, "AFCP/12A1/3").startswith("\u2713") and list_line(app, "AFCP/12A1/4").startswith("\u2717")
        assert list_line(app, "AFCP/12A1/5").startswith("\u2691")
        assert app.session.totals() == (3, 18)
        assert "you: flagged \u2014 why keep it?" in app.query_one(EditPanel).text
        await pilot.press("s")  # the summary lists the flag on the proposal as a whole under it
        lst = app.screen.query_one("#summary-list")
        lines = [str(lst.get_option_at_index(k).prompt) for k in range(lst.option_count)]
        assert lines[-2].startswith("\u2691 NOC   AFCP/12A1/5  no edits  flagged")
        assert lines[-1].strip() == "\u2691 proposal amina: why keep it?"
        await pilot.press("end", "enter")
        assert app.session.current.prop.id == "AFCP/12A1/5"
        await pilot.press("u")
        assert app.query_one(EditPanel).status == "Undone: flagged AFCP/12A1/5 (now pending)."
    got = {e["proposal"]: e["verdict"] for e in dlog.read_log(log).events if "proposal" in e and "verdict" in e}
    assert got == {"AFCP/12A1/3": "support", "AFCP/12A1/4": "oppose", "AFCP/12A1/5": "clear"}


async def test_a_mod_is_decided_as_a_whole_apart_from_its_edits_beside_its_roll_up(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    app = ReviewApp([str(EN)], str(log), "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert "proposal AFCP/12A1/1" not in app.query_one(EditPanel).text  # nothing said of the whole yet
        await pilot.press("right_square_bracket")  # MOD AFCP/12A1/2, four edits
        await pilot.press("a", "a", "a", "left_square_bracket", "right_square_bracket")
        await pilot.press("r")  # AFCP/12A1/2: 3 accepted… (r on #1 again: rejected)
        panel = app.query_one(EditPanel)
        await pilot.press("P")
        assert isinstance(app.screen, ProposalVerdictScreen)
        await pilot.press("s")  # support the proposal as a whole
        text = panel.text
        assert "proposal AFCP/12A1/2: you supported it · your edits: undecided" in text
        await pilot.press("a", "a", "a")  # decide the rest: 1 rejected, 3 accepted
        app.go(1, 0)
        await pilot.pause()
        text = panel.text
        assert "you supported it · your edits: support as amended" in text
        assert "\u26a0 amina supports the proposal but rejected 1 of its 4 edits" in text  # a contradiction, said
        assert app.session.totals() == (4, 18)  # a MOD's own verdict is not one more thing to count
    events = [e for e in dlog.read_log(log).events if "proposal" in e]
    assert [(e["proposal"], e["verdict"]) for e in events] == [("AFCP/12A1/2", "support")]


async def test_an_outcome_is_recorded_from_the_palette(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    app = ReviewApp([str(EN)], str(log), "secretariat")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.action_command_palette()
        await pilot.pause()
        await pilot.press(*"Outcome of")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("down")  # approved as amended: asks for the reference
        await pilot.press("enter")
        await pilot.press("enter")  # no reference: refused, still asking
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press(*"DT/45", "enter", *"ad hoc group text", "enter")
        await pilot.pause()
        text = app.query_one(EditPanel).text
        assert "outcome: approved as amended (DT/45) \u2014 ad hoc group text  recorded by secretariat" in text
    ev = [e for e in dlog.read_log(log).events if "outcome" in e]
    assert [(e["proposal"], e["outcome"], e["ref"]) for e in ev] == [("AFCP/12A1/1", "approved as amended", "DT/45")]


async def test_at_80x24_the_outcome_s_reference_is_typed_where_it_can_be_seen(tmp_path: Path) -> None:
    """The outcomes' list filled the dialog: the box for the reference opened below the screen's edge."""
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "secretariat")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.record_outcome()
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("down", "enter")  # approved as amended
        await pilot.press(*"DT/45")
        await pilot.pause()
        box = app.screen.query_one("#outcome-ref")
        assert app.focused is box
        dialog = box.parent
        assert dialog is not None and dialog.region.contains_region(box.region)  # drawn inside the dialog
        assert app.screen.region.contains_region(dialog.region)  # and the dialog on the screen
        assert app.screen.get_widget_at(box.region.x + 2, box.region.y + 1)[0] is box
