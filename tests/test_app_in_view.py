"""What a new reviewer sees at 80x24: the findings once and the text beside them, what a formatting
edit to confirm changed, messages that hide nothing, a summary that does not wrap, a readable list title."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.color import Color as RichColor
from textual.color import Color
from textual.geometry import Region

from itu_review import decisions as dlog
from itu_review.cli import main
from itu_review.package import load
from itu_review.tui.app import ReviewApp
from itu_review.tui.screens import SummaryScreen
from itu_review.tui.widgets import EditPanel, FindingsPanel, ProposalList, ProposalPane

from .conftest import CORPUS, SAMPLES, run_cli

EN = SAMPLES / "en-proposals.docx"
REV1 = SAMPLES / "en-proposals-rev1.docx"
PP18 = CORPUS / "akn4itu" / "pp18_final_acts_akn.xml"
THEMES = ["itu-dark", "itu-light", "itu-high-contrast", "itu-colorblind", "itu-monochrome"]


async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def pane_lines(pane: ProposalPane) -> list[str]:
    """The rows the pane shows now (scrolled), as plain text."""
    top = pane.scroll_offset.y
    return [t.plain.rstrip() for t, _ in pane.rows[top:top + pane.size.height]]


def panel_lines(panel: EditPanel) -> list[str]:
    """The details panel's lines in view (without scrolling it)."""
    return [panel.render_line(y).text.rstrip() for y in range(panel.size.height)]


# -- 1. the findings once, in their own place; the text stays in view -----------------------------------

async def test_findings_show_once_and_unfolding_them_keeps_the_text_and_the_edit_in_view(tmp_path: Path) -> None:
    """en-pp18 against the PP-18 Final Acts, 80x24: the untracked change (global → worldwide) and the list
    labels were in the pane's header, in the folded line and in the unfolded list; unfolded, the header
    filled the pane and no line of the proposal showed."""
    app = ReviewApp([str(SAMPLES / "en-pp18.docx")], str(tmp_path / "d.jsonl"), "amina", base=[str(PP18)])
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        pane, findings, panel = app.query_one(ProposalPane), app.query_one(FindingsPanel), app.query_one(EditPanel)
        assert app.session.current.prop.id == "IAP/50/1" and len(findings.lines) == 3
        assert "untracked-change" not in pane.text and "labels" not in pane.text  # not in the pane's header
        assert "3 findings (i: show)" in str(findings.query_one("Static").render())
        await pilot.press("i")
        await pilot.pause()
        assert findings.open and "untracked-change" in str(findings.query_one("Static").render())
        assert pane.size.height >= 5
        shown = pane_lines(pane)
        assert sum("\u2502" in ln for ln in shown) >= 3  # lines of the text, base │ proposed, not only headings
        row = pane.row_of_edit(app.session.current_edit.index)
        assert row is not None and pane.scroll_offset.y <= row < pane.scroll_offset.y + pane.size.height
        assert panel_lines(panel)[0].startswith("IAP/50/1#1 · replace · 1/5")  # the edit's details, whole
        assert panel.region.bottom <= app.screen.region.bottom - 1 and panel.size.height >= 5


def test_show_keeps_the_findings_in_its_header() -> None:
    """``show`` has no findings panel: its header still names them."""
    out = run_cli("show", str(SAMPLES / "en-pp18.docx"), "IAP/50/1", "--base", str(PP18), "--width", "100").stdout
    assert "! error untracked-change in d):" in out and "! info labels:" in out


# -- 2. a formatting edit to confirm: its change then and now --------------------------------------------

def _reissued(tmp_path: Path) -> Path:
    rev = tmp_path / "rev1.docx"
    shutil.copy(REV1, rev)
    return rev


async def test_a_formatting_edit_to_confirm_shows_its_subject_then_and_now(tmp_path: Path) -> None:
    """AFCP/12A1/1#9 (alignment left → default) accepted in the first issue; Rev.1 changed its paragraph
    ("all users" → "all the users"). The details said only "as it read before (100% alike)"."""
    log = tmp_path / "d.jsonl"
    assert main(["decide", str(EN), "--log", str(log), "--reviewer", "amina", "--accept", "AFCP/12A1/1"]) == 0
    app = ReviewApp([str(_reissued(tmp_path))], str(log), "amina")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("N", "N")
        assert app.session.current_edit.id == "AFCP/12A1/1#9"
        panel = app.query_one(EditPanel)
        lines = panel_lines(panel)
        assert "to confirm (y): you accepted it as it read then" in lines
        assert "  then: on \u201c\u2026for all users;\u201d" in lines  # where they differ, in view at 80x24
        assert "  now:  on \u201c\u2026for all the users;\u201d" in lines
        assert "  then and now: alignment left \u2192 default" in panel.text


async def test_a_formatting_edit_whose_change_differs_shows_it_then_and_now(tmp_path: Path) -> None:
    """A reissue that makes "accessible" italic where it was bold: the same text, another change."""
    pkg = load(EN)
    ev = dlog.make_event(pkg, pkg.edit("AFCP/12A1/1#7"), "amina", "accept")
    assert ev["detail"] == "bold added"  # the log keeps what a formatting edit changes
    ev.update(detail="italic added", fp="0" * 16)  # as an earlier issue would have logged it
    log = tmp_path / "d.jsonl"
    dlog.append(log, [ev])
    first = pkg.edit("AFCP/12A1/1#9").subject
    old = dict(ev, edit="AFCP/12A1/1#9", subject=first.replace("for all users", "for its users"), fp="1" * 16,
               before="", after="")
    del old["detail"]  # a log written before the detail was kept
    old["kind"] = "paragraph-format"
    dlog.append(log, [old])
    app = ReviewApp([str(_reissued(tmp_path))], str(log), "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("g", *"#7", "enter")
        text = app.query_one(EditPanel).text
        assert "  then: italic added\n  now:  bold added\n  then and now: on \u201caccessible\u201d" in text
        await pilot.press("g", *"#9", "enter")
        text = app.query_one(EditPanel).text
        assert app.session.status(0, app.session.current_edit) == dlog.TO_CONFIRM
        assert "  then: on \u201c\u2026understandable for its users;\u201d" in text
        assert "  now:  alignment left \u2192 default on \u201c\u2026understandable for all the users;\u201d" in text


# -- 3. what a key says hides nothing -----------------------------------------------------------------

def _toasts(app: ReviewApp) -> list[Region]:
    return [t.region for t in app.screen.query("Toast")]


async def test_what_a_key_says_sits_on_the_details_top_line_not_over_them(tmp_path: Path) -> None:
    """At 80x24 "Undone: flagged AFCP/12A1/5 (now pending)" was a toast over "you: pendi…", and stayed over
    the summary screen."""
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        panel = app.query_one(EditPanel)
        await pilot.press("r", "u")
        await pilot.pause()
        assert panel.status == "Undone: rejected AFCP/12A1/1#1 (now pending)."
        assert not _toasts(app) and not app._notifications
        assert panel_lines(panel)[:3] == ["AFCP/12A1/1#1 · replace · 1/11 · by Secretariat ·", "2026-10-01 09:00",
                                          "you: pending"]
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen) and not _toasts(app)
        await pilot.press("escape")


async def test_a_message_too_long_for_that_line_is_a_toast_away_from_the_details(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    async with ReviewApp([str(EN)], str(log), "amina").run_test() as pilot:
        await ready(pilot)
        await pilot.press("a")
    app = ReviewApp([str(EN)], str(log), "amina")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("u")  # "Nothing to undo since the review was opened: …" (103 characters)
        await pilot.pause()
        toasts = _toasts(app)
        panel = app.query_one(EditPanel).region
        assert toasts and all(not t.overlaps(panel) for t in toasts)
        assert all(t.y <= 2 for t in toasts[:1])  # at the top, under the title bar


# -- 4. the summary at 80 columns, the list's title ------------------------------------------------------

async def test_summary_lines_do_not_wrap_at_80_columns(tmp_path: Path) -> None:
    """"ADD AFCP/12A1/4 no edits no verdict yet draft new text" took a second line for its "[AFCP-1]"."""
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await pilot.pause()
        lst = app.screen.query_one("#summary-list")
        assert lst.option_count == 5 and lst.virtual_size.height == lst.option_count  # a line each
        add = str(lst.get_option_at_index(3).prompt)
        assert add.startswith("\u25cb ADD   AFCP/12A1/4  no edits")


def _luminance(c: Color) -> float:
    def lin(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b)


def _contrast(fg: RichColor, bg: RichColor) -> float:
    a, b = _luminance(Color.from_rich_color(fg)), _luminance(Color.from_rich_color(bg))
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


@pytest.mark.parametrize("theme", THEMES)
async def test_the_list_title_is_readable_in_every_theme(tmp_path: Path, theme: str) -> None:
    """" 5 proposals " was drawn #16191e on #1b1e24 in itu-dark: there, but unreadable (contrast 1.1)."""
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina", theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        lst = app.query_one(ProposalList)
        (top,) = lst.render_lines(Region(0, 0, lst.size.width, 1))
        seg = next(s for s in top if "5 proposals" in s.text)
        assert seg.style is not None and seg.style.color is not None and seg.style.bgcolor is not None
        assert _contrast(seg.style.color, seg.style.bgcolor) >= 4.5


async def test_the_list_title_is_readable_without_colour(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        lst = app.query_one(ProposalList)
        (top,) = lst.render_lines(Region(0, 0, lst.size.width, 1))
        for f in app.get_line_filters():  # what the terminal is sent: no colour, greys at most
            top = top.apply_filter(f, app.screen.styles.background)
        seg = next(s for s in top if "5 proposals" in s.text)
        style = seg.style
        assert style is not None and (style.bold or style.reverse)
        if style.color is not None and style.bgcolor is not None and not style.color.is_default:
            assert _contrast(style.color, style.bgcolor) >= 4.5


# -- 5. (the app's side) an Arabic heading's bracketed run is not cut without colour -------------------

async def test_wrc_07_stays_whole_in_the_narrow_side_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """RP051 at 80x24, NO_COLOR: "[-WRC-]-[-) 417-]" over "[-(07-]"; now "(WRC-07) 417" on one row."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = ReviewApp([str(CORPUS / "open-xml-powertools" / "RP051-Arabic.docx")], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        rows = app.query_one(ProposalPane).text.replace("\u00a0", " ").splitlines()
        assert any("[-(WRC-]-[-07) 417-]" in r and "[+(REV.WRC+]-[+12) 417+]" in r for r in rows)
