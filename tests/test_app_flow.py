"""The way through a package, driven with Pilot as a reviewer would: the edit always in view, where a
review reopens, moving on, ids, search, the filter, resizing, undo, the key bar, notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from itu_review import decisions as dlog
from itu_review.tui.app import ReviewApp
from itu_review.tui.keys import BINDINGS
from itu_review.tui.screens import GotoScreen, HelpScreen, NoteScreen, SummaryScreen
from itu_review.tui.widgets import EditPanel, FindingsPanel, KeyBar, ProposalList, ProposalPane

from .conftest import CORPUS, SAMPLES, run_cli

EN = SAMPLES / "en-proposals.docx"
PP18 = CORPUS / "akn4itu" / "pp18_final_acts_akn.xml"


async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def visible(app: ReviewApp, widget) -> bool:  # type: ignore[no-untyped-def]
    """Shown on screen, whole: inside the screen and with the height it asked for."""
    region = widget.region
    return widget.display and region.height > 0 and region.bottom <= app.screen.region.bottom


# -- 3. the edit is always in view ---------------------------------------------------------------------

@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 100)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_edit_stays_in_view_beside_a_proposal_s_findings(tmp_path: Path, size: tuple[int, int]) -> None:
    app = ReviewApp([str(SAMPLES / "en-check.docx")], str(tmp_path / "d.jsonl"), "amina", base=[str(PP18)])
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press("right_square_bracket")  # ACP/30/2: an untracked change against PP-18
        panel, findings = app.query_one(EditPanel), app.query_one(FindingsPanel)
        assert app.session.current.prop.id == "ACP/30/2" and findings.lines
        for unfolded in (False, True):  # folded, then unfolded with i: the edit's details stay whole either way
            assert findings.open == unfolded
            text = panel.text
            assert "ACP/30/2#1 · replace · 1/3 · by Secretariat · 2026-10-01 09:00" in text
            assert "you: pending" in text
            assert visible(app, panel) and panel.region.height >= 6 and visible(app, findings)
            assert "untracked-change" in str(findings.query_one("Static").render())
            await pilot.press("i")
            await pilot.pause()


async def test_details_show_every_reviewer_a_format_edit_s_change_and_a_note(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    from itu_review.package import load

    pkg = load(EN)
    fmt = pkg.edit("AFCP/12A1/1#7")  # bold on "accessible"
    assert fmt is not None and fmt.kind == "format"
    dlog.append(log, [dlog.make_event(pkg, fmt, "omar", "flag", "is bold needed?"),
                      dlog.make_event(pkg, fmt, "lena", "note", "see the style guide")])
    app = ReviewApp([str(EN)], str(log), "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        shown = app.session.packages[0].edit(fmt.id)
        shown.detail = shown.detail or "bold added"  # what the reader says a format edit changes
        app.go(*app.session.find(fmt.id))
        await pilot.pause()
        text = app.query_one(EditPanel).text
        assert "AFCP/12A1/1#7 · format · 7/11 · by Secretariat" in text
        assert f"{shown.detail} on \u201caccessible\u201d" in text
        assert "omar: flagged \u2014 is bold needed?" in text and "lena: no verdict \u2014 see the style guide" in text


# -- 9. where a review reopens, and the summary -------------------------------------------------------------

async def test_reopens_at_the_first_undecided_edit_and_the_summary_goes_where_asked(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    async with ReviewApp([str(EN)], str(log), "amina").run_test() as pilot:
        await ready(pilot)
        await pilot.press("a", "a", "f", *"which venue?", "enter")
    app = ReviewApp([str(EN)], str(log), "amina")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert app.session.current_edit.id == "AFCP/12A1/1#4"  # where amina left off
        await pilot.press("s")
        assert isinstance(app.screen, SummaryScreen)
        lst = app.screen.query_one("#summary-list")
        lines = [str(lst.get_option_at_index(k).prompt) for k in range(lst.option_count)]
        head = str(app.screen.query_one("#summary-head").render())
        assert ("3/18 decided · 2 accepted · 0 rejected · 1 flagged · 0 supported, 0 opposed of 3 without edits · "
                "15 left") in head
        assert lines[0].startswith("\u2691 MOD   AFCP/12A1/1") and "8 left" in lines[0]
        assert lines[1].strip() == "\u2691 #3 amina: which venue?"
        assert any(line.startswith("\u25cb SUP   AFCP/12A1/3  no edits  no verdict yet") for line in lines)
        await pilot.press("down", "enter")  # the flag's line: to that edit
        assert not isinstance(app.screen, SummaryScreen)
        assert app.session.current_edit.id == "AFCP/12A1/1#3"
        await pilot.press("s", "down", "down", "enter")  # AFCP/12A1/2: its first undecided edit
        assert app.session.current_edit.id == "AFCP/12A1/2#1"


# -- 10. moving on ----------------------------------------------------------------------------------------

async def test_accepting_the_last_edit_opens_the_next_proposal_at_its_header(tmp_path: Path) -> None:
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        pane = app.query_one(ProposalPane)
        app.go(0, 10)  # the last edit of AFCP/12A1/1, far down
        await pilot.pause()
        assert pane.scroll_offset.y > 0
        await pilot.press("a")
        assert app.session.current_edit.id == "AFCP/12A1/2#1"
        assert pane.scroll_offset.y == 0 and pane.text.startswith("MOD AFCP/12A1/2")  # its header in view
        await pilot.press("a", "a", "a", "r")  # the last of AFCP/12A1/2: on to the SUP, a stop of its own
        assert app.session.current.prop.id == "AFCP/12A1/3" and pane.scroll_offset.y == 0
        await pilot.press("a")  # a on a SUP: support it
        assert app.session.standing(app.session.items[2]).decisions["amina"].verdict == "support"
        assert app.session.current.prop.id == "AFCP/12A1/4"
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert pane.scroll_offset.y == 0  # ] and [ open a proposal at its header too


# -- 11. ids ----------------------------------------------------------------------------------------------

async def test_go_to_an_id_with_g_and_from_the_palette(tmp_path: Path) -> None:
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("g")
        assert isinstance(app.screen, GotoScreen)
        await pilot.press(*"AFCP/12A1/9", "enter")
        assert isinstance(app.screen, GotoScreen)  # no such proposal: it says so and stays
        assert "No proposal or edit" in str(app.screen.query_one("#goto-error").render())
        box = app.screen.query_one(Input)
        box.value = ""
        await pilot.press(*"afcp/12a1/2#3", "enter")
        assert app.session.current_edit.id == "AFCP/12A1/2#3"
        await pilot.press("g", *"#1", "enter")
        assert app.session.current_edit.id == "AFCP/12A1/2#1"
        await pilot.press("ctrl+p")
        await pilot.press(*"AFCP/12A1/1#7")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.current_edit.id == "AFCP/12A1/1#7"


# -- 12. search -------------------------------------------------------------------------------------------

async def test_search_goes_to_each_match_in_order_and_highlights_them(tmp_path: Path) -> None:
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        pane = app.query_one(ProposalPane)
        box = app.query_one("#search", Input)
        await pilot.press("slash", *"telecommunication", "enter")
        seen = []
        for _ in range(12):
            st = app.search
            row, start, end = st.hits[st.pos]
            assert pane.scroll_offset.y <= row < pane.scroll_offset.y + pane.size.height  # the match is in view
            assert pane.rows[row][0].plain[start:end].lower() == "telecommunication"
            assert len(pane._highlights) == len({r for r, _, _ in st.hits})  # every match marked
            seen.append((app.session.current.prop.id, st.pos, len(st.hits)))
            assert f"match {st.pos + 1} of {len(st.hits)} in {app.session.current.prop.id}" in str(box.border_title)
            await pilot.press("enter")
        order = [pid for pid, _, _ in seen]
        first_round = order[: order.index("AFCP/12A1/1", 1)] if "AFCP/12A1/1" in order[1:] else order
        assert first_round == sorted(first_round)  # proposals in document order, each match in turn
        assert all(b == a + 1 or b == 0 for (_, a, _), (_, b, _) in zip(seen, seen[1:]))
        assert len(app._notifications) == 0  # where we are is in the box's border, not in notifications
        await pilot.press("escape")
        assert not pane._highlights and not box.display


async def test_search_in_arabic_finds_the_visual_text(tmp_path: Path) -> None:
    app = ReviewApp([str(SAMPLES / "ar-proposals.docx")], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"بوخارست", "enter")
        assert app.search.hits, "the inserted venue is found in the drawn (visual, shaped) text"


# -- 13. the filter, and help -----------------------------------------------------------------------------

async def test_filter_is_named_in_the_title_escape_clears_it_and_brackets_stay_in_it(tmp_path: Path) -> None:
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        lst = app.query_one(ProposalList)
        await pilot.press("ctrl+f", *"action:MOD", "enter")
        assert lst.option_count == 2 and "filter 2/5: action:MOD" in str(lst.border_title)
        assert not app.query_one("#filter").display  # the box closes; the title keeps saying so
        await pilot.press("right_square_bracket")
        assert app.session.current.prop.id == "AFCP/12A1/2"
        await pilot.press("right_square_bracket")  # no MOD after it: stays, rings
        assert app.session.current.prop.id == "AFCP/12A1/2"
        await pilot.press("ctrl+f", "escape")
        assert lst.option_count == 5 and "filter" not in str(lst.border_title) and app.session.scope is None
        await pilot.press("right_square_bracket")
        assert app.session.current.prop.id == "AFCP/12A1/3"
        await pilot.press("ctrl+f", *"[red]x")  # the filter's words are text in the title, not markup
        assert lst.option_count == 0 and "filter 0/5: \\[red]x" in str(lst.border_title)


async def test_enter_in_the_filter_goes_to_its_first_proposal_when_the_one_shown_is_not_kept(tmp_path: Path) -> None:
    """The list shows only the SUP: the pane must not go on showing a MOD the list no longer holds."""
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+f", *"action:SUP", "enter")
        await pilot.pause()
        assert app.session.current.prop.id == "AFCP/12A1/3"
        assert app.query_one(ProposalPane).text.startswith("SUP AFCP/12A1/3  Resolution 2")
        assert "SUP AFCP/12A1/3" in app.query_one(EditPanel).text
        await pilot.press("ctrl+f", "escape", "ctrl+f", *"action:SUP", "enter")  # kept: it stays where it is
        assert app.session.current.prop.id == "AFCP/12A1/3"


async def test_help_names_the_keys_that_work_remapped_ones_as_remapped(tmp_path: Path) -> None:
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina", keymap={"accept": "y", "confirm": "Y"})
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = dict(app.screen.lines)
        assert rows["y"].startswith("accept the edit") and "a" not in rows
        assert "ctrl+l" not in str(rows)
        assert all(b.tooltip in rows.values() for b in BINDINGS if b.action != "cycle_view")
        assert rows["v"] == "cycle the view: side by side, inline, base, proposed"  # the views this review has
        await pilot.press("escape", "y")  # and y really accepts
        assert app.session.totals()[0] == 1


# -- 14. resizing -----------------------------------------------------------------------------------------

async def test_resizing_rewraps_the_text_at_once(tmp_path: Path) -> None:
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        pane = app.query_one(ProposalPane)
        for w, h in ((80, 24), (160, 50), (100, 30)):
            await pilot.resize_terminal(w, h)
            await pilot.pause()
            assert {r[0].cell_len for r in pane.rows} == {pane.draw_width}  # no key pressed in between


# -- 15. undo, the key bar, no colour ---------------------------------------------------------------------

async def test_undo_says_what_it_undid(tmp_path: Path) -> None:
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("r", "u")
        assert app.query_one(EditPanel).status == "Undone: rejected AFCP/12A1/1#1 (now pending)."
        assert not app._notifications  # on the details' top line, not in a toast over them
        assert app.session.current_edit.id == "AFCP/12A1/1#1"


async def test_undo_after_reopening_says_why_there_is_nothing_to_undo(tmp_path: Path) -> None:
    """Undo takes back what was decided since the review was opened; a reviewer who reopens and presses u
    is told so, and how to change an earlier decision — "Nothing to undo." read as if nothing was decided."""
    log = tmp_path / "d.jsonl"
    async with ReviewApp([str(EN)], str(log), "amina").run_test() as pilot:
        await ready(pilot)
        await pilot.press("a")
    app = ReviewApp([str(EN)], str(log), "amina")
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("u")
        assert [n.message for n in app._notifications] == [
            "Nothing to undo since the review was opened: to change an earlier decision, decide again (c clears it)."]
        assert app.session.totals() == (1, 18)


@pytest.mark.parametrize("width", [80, 100, 160])
async def test_the_key_bar_keeps_help_and_quit_at_any_width(tmp_path: Path, width: int) -> None:
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(width, 24)) as pilot:
        await ready(pilot)
        bar = str(app.query_one(KeyBar).render())
        assert "? Help" in bar and "q Quit" in bar and "a Accept" in bar and len(bar) <= width
        assert "b By text" not in bar  # one package: b works (help names it), the bar keeps its room


def test_one_log_for_several_packages_is_refused_not_ignored(tmp_path: Path) -> None:
    """``open a.docx b.docx --log d.jsonl`` wrote every decision beside each package, not to d.jsonl."""
    log = tmp_path / "d.jsonl"
    done = run_cli("open", str(EN), str(SAMPLES / "fr-propositions.docx"), "--log", str(log),
                   env={"ITU_REVIEW_FORCE_TTY": "1"})
    assert done.returncode == 2 and not log.exists()
    assert done.stderr.strip().endswith("--log names one package's log, and 2 packages are open: each keeps its own "
                                        "(beside it, or where the config puts it); leave --log out, or open one package")
    assert len(done.stderr.strip().splitlines()) == 1


async def test_with_several_packages_each_package_s_proposals_come_under_its_name(tmp_path: Path) -> None:
    """A package and its reissue hold the same ids: at the end of each line the file name was cut off, and
    the two AFCP/12A1/1 could not be told apart. Each package's proposals now come under its name."""
    rev1 = SAMPLES / "en-proposals-rev1.docx"
    app = ReviewApp([str(EN), str(rev1)], None, "amina", logs=[tmp_path / "a.jsonl", tmp_path / "b.jsonl"])
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        lst = app.query_one(ProposalList)
        lines = [str(lst.get_option_at_index(k).prompt) for k in range(lst.option_count)]
        assert lines[0] == "en-proposals.docx \u00b7 5" and lines[6].startswith("en-proposals-rev1.docx")
        assert [ln.split()[2] for ln in (lines[1], lines[7])] == ["AFCP/12A1/1", "AFCP/12A1/1"]
        assert lst.get_option_at_index(6).disabled  # a name, not a proposal to go to
        for _ in range(5):  # down the list: from the first package's last proposal to the second's first
            await pilot.press("right_square_bracket")
        assert app.session.item == 5 and app.session.current.pkg == 1
        assert lst.highlighted == 7 and lst.line_of(5) == lines[7]
        await pilot.press("ctrl+f", *"action:SUP", "enter")
        shown = [str(lst.get_option_at_index(k).prompt) for k in range(lst.option_count)]
        assert shown[0] == "en-proposals.docx \u00b7 1" and shown[2].startswith("en-proposals-rev1.docx")
        assert len(shown) == 4


@pytest.mark.parametrize("width", [80, 120])
async def test_with_several_packages_the_key_bar_shows_b(tmp_path: Path, width: int) -> None:
    """A conference: the view by text is the way to read every proposal on a text together; the bar
    names its key, and at 80 columns still keeps help, quit, accept, reject, flag and undo."""
    app = ReviewApp([str(EN), str(SAMPLES / "fr-propositions.docx")], None, "amina",
                    logs=[tmp_path / "en.jsonl", tmp_path / "fr.jsonl"])
    async with app.run_test(size=(width, 24)) as pilot:
        await ready(pilot)
        bar = str(app.query_one(KeyBar).render())
        assert len(bar) <= width and "b By text" in bar
        assert all(k in bar for k in ("? Help", "q Quit", "a Accept", "r Reject", "f Flag", "u Undo"))
        await pilot.click(KeyBar, offset=(bar.index("b By text") + 2, 0))  # a click on it goes there too
        await ready(pilot)
        assert type(app.screen).__name__ == "ByTextScreen"


async def test_without_colour_the_selected_proposal_is_bold_and_underlined(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        lst = app.query_one(ProposalList)
        style = lst.get_component_rich_style("option-list--option-highlighted")
        assert style.bold and style.underline


# -- 16. a note without a flag ----------------------------------------------------------------------------

async def test_a_note_without_a_flag_keeps_the_verdict(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    app = ReviewApp([str(EN)], str(log), "amina")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("a", "p", "m")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"[b]see[/b] the French text", "enter")
        text = app.query_one(EditPanel).text
        assert "you: accepted \u2014 [b]see[/b] the French text" in text
        await pilot.press("m", *" too", "enter")  # the note so far is there to add to
        await pilot.press("m", "ctrl+u", "enter")  # an empty note removes it
        assert "you: accepted\n" in app.query_one(EditPanel).text
    events = [(e["verdict"], e["note"]) for e in dlog.read_log(log).events]
    assert events == [("accept", ""), ("note", "[b]see[/b] the French text"), ("note", "[b]see[/b] the French text too"),
                      ("note", "")]


async def test_notifications_are_text_never_markup(tmp_path: Path) -> None:
    bad = tmp_path / "[b]not bold[|b] [@click=app.quit]x[|].docx"  # a file name cannot hold "/"
    bad.write_text("nope")
    app = ReviewApp([str(bad)], None, "amina")
    async with app.run_test() as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        (note,) = list(app._notifications)
        assert "[b]not bold[|b] [@click=app.quit]x[|].docx" in note.message and not note.markup
        assert app.is_running


# -- 4 and 1 (the app's side): decided edits look decided; the package's base stays reachable ---------------

async def test_a_decision_shows_in_the_text_at_once(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    app = ReviewApp([str(EN)], str(log), "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        pane = app.query_one(ProposalPane)
        assert "\u2717DUBAI, 2018" not in pane.text
        await pilot.press("r", "p")  # reject #1 and look at it again
        assert "\u2717DUBAI, 2018" in pane.text and "\u2717BUCHAREST, 2022" in pane.text
        omar = ReviewApp([str(EN)], str(log), "omar")
        async with omar.run_test(size=(120, 40)) as po:
            await ready(po)
            await po.press("a")
        await pilot.pause(1.5)  # the watcher folds omar's accept in: the edit is now disputed
        assert "\u2260DUBAI, 2018" in pane.text


async def test_with_a_collection_v_reaches_the_package_s_own_base(tmp_path: Path) -> None:
    app = ReviewApp([str(SAMPLES / "en-check.docx")], str(tmp_path / "d.jsonl"), "amina", base=[str(PP18)])
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        pane = app.query_one(ProposalPane)
        assert "in force: Resolution 130" in pane.text
        await pilot.press("v")
        assert app.views[app.view_index] == "package-base" and "base (from the package)" in pane.text
        await pilot.press("v")
        assert app.views[app.view_index] == "inline"
