"""A decision repaints what changed and lays nothing out again: the details panel has a height of its own
(by the terminal's), the pane and the panel keep their scrollbars whatever they hold; what the panel
cannot show still scrolls into view."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from itu_review.conference.discover import discover
from itu_review.tui.app import ReviewApp
from itu_review.tui.conference import ByTextScreen
from itu_review.tui.widgets import EditPanel, ProposalPane

from .conftest import SAMPLES

EN = SAMPLES / "en-proposals.docx"


async def ready(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@contextmanager
def layouts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every layout pass the details panel or the pane asks for while inside (by its widget's name)."""
    asked: list[str] = []
    refresh = Widget.refresh

    def spy(self: Widget, *regions: Region, repaint: bool = True, layout: bool = False,
            recompose: bool = False) -> Widget:
        if layout and isinstance(self, (EditPanel, ProposalPane)):
            asked.append(type(self).__name__)
        return refresh(self, *regions, repaint=repaint, layout=layout, recompose=recompose)

    with monkeypatch.context() as m:
        m.setattr(Widget, "refresh", spy)
        yield asked


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_deciding_a_whole_package_lays_nothing_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         size: tuple[int, int]) -> None:
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        assert app.session is not None
        panel = app.query_one(EditPanel)
        heights = set()
        with layouts(monkeypatch) as asked:
            for _ in range(18):  # every edit and proposal of the package, short details and long, short proposals too
                await pilot.press("a")
                await pilot.pause()
                heights.add(len(panel._lines))
        assert app.session.totals() == (18, 18)
        assert len(heights) > 1  # the details did change length
        assert asked == []


async def test_deciding_in_the_by_text_view_lays_nothing_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = [f for f in discover([str(SAMPLES)]).files if "/base/" not in f]
    (tmp_path / "logs").mkdir()
    app = ReviewApp(files, None, "amina", base=[str(SAMPLES / "base")],
                    logs=[tmp_path / "logs" / f"{k:02d}.jsonl" for k in range(len(files))])
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("b")
        await ready(pilot)
        assert isinstance(app.screen, ByTextScreen)
        panel = app.screen.query_one(EditPanel)
        heights = set()
        with layouts(monkeypatch) as asked:
            for key in "anananarnnna":
                await pilot.press(key)
                await pilot.pause()
                heights.add(len(panel._lines))
        assert len(heights) > 1
        assert asked == []


async def test_details_longer_than_the_panel_scroll(tmp_path: Path) -> None:
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        note = "a note long enough to need lines of its own in the panel: " + "and more words " * 8
        await pilot.press("m", *note, "enter")
        await pilot.pause()
        panel = app.query_one(EditPanel)
        height = panel.scrollable_content_region.height
        assert panel.outer_size.height == 6 and len(panel._lines) > height  # the panel's height, not its text's
        bar = panel.vertical_scrollbar
        assert panel.show_vertical_scrollbar and bar.window_virtual_size == len(panel._lines)
        panel.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert panel.scroll_offset.y == len(panel._lines) - height
        assert "fingerprint" in str(panel.render_line(height - 1).text)  # the last line, in view
