"""The by-text list's lines are made for the width they are drawn at: with the scrollbar a long list
takes (it appears only once the lines are set), a text with three kinds of action was wrapped again by
the widget inside a part ("· 1" over "SUP"), its count of administrations and its progress cut off."""

from __future__ import annotations

import shutil
from pathlib import Path

from rich.cells import cell_len

from itu_review.tui.app import ReviewApp
from itu_review.tui.conference.text_list import TextList

from .conftest import SAMPLES


async def test_every_text_line_fits_the_list_it_is_drawn_in(tmp_path: Path) -> None:
    folder = tmp_path / "conference"
    folder.mkdir()
    for f in SAMPLES.glob("*.docx"):
        shutil.copy(f, folder / f.name)
    app = ReviewApp([str(folder)], None, "amina", base=[str(SAMPLES / "base")])
    async with app.run_test(size=(80, 16)) as pilot:  # short: the texts' lines outnumber the rows
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("b")
        await app.workers.wait_for_complete()
        await pilot.pause()
        lst = app.screen.query_one(TextList)
        assert lst.max_scroll_y > 0  # it scrolls: the scrollbar is there
        room = lst.scrollable_content_region.width
        for k in range(lst.option_count):
            prompt = lst.get_option_at_index(k).prompt
            assert all(cell_len(line) <= room for line in str(prompt).split("\n")), str(prompt)
