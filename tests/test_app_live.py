"""Two reviewers with the app open on one log: each sees the other's verdicts within about a second."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from itu_review.package import load
from itu_review.session import ReviewSession
from itu_review.tui.app import ReviewApp
from itu_review.tui.widgets import EditPanel, ProposalList

from .conftest import SAMPLES

EN = SAMPLES / "en-proposals.docx"


async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def until(check, limit: float = 3.0) -> float:  # type: ignore[no-untyped-def]
    """Seconds until ``check()`` holds (fails after ``limit``)."""
    start = time.monotonic()
    while not check():
        assert time.monotonic() - start < limit, "the other reviewer's decision never showed"
        await asyncio.sleep(0.05)
    return time.monotonic() - start


def list_line(app: ReviewApp, k: int) -> str:
    lst = app.query_one(ProposalList)
    return lst.line_of(k)


async def test_two_reviewers_on_one_log_see_each_other_live(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    amina = ReviewApp([str(EN)], str(log), "amina")
    omar = ReviewApp([str(EN)], str(log), "omar")
    async with amina.run_test(size=(120, 40)) as pa, omar.run_test(size=(120, 40)) as po:
        await ready(pa)
        await ready(po)
        assert amina.session.current_edit.id == omar.session.current_edit.id == "AFCP/12A1/1#1"
        await pa.press("a")  # amina accepts #1
        await po.press("r")  # omar rejects it
        panel = amina.query_one(EditPanel)
        await pa.press("p")  # amina looks at #1 again
        waited = await until(lambda: "omar: rejected" in panel.text)
        assert waited < 2.0  # a stat a second: it shows within about one
        assert "you: accepted" in panel.text
        await until(lambda: list_line(amina, 0).startswith("\u2260"))  # ≠: they disagree
        await until(lambda: list_line(omar, 0).startswith("\u2260"))
        assert amina.session.totals() == (1, 18) and omar.session.totals() == (1, 18)  # own progress only
        await po.press("right_square_bracket", "right_square_bracket")  # omar: the SUP, decided as a whole
        assert omar.session.current.prop.id == "AFCP/12A1/3"
        await po.press("f", *"keep it one more cycle", "enter")
        await until(lambda: list_line(amina, 2).startswith("\u2691"))  # ⚑ on the SUP in amina's list
        await pa.press("right_square_bracket", "right_square_bracket")
        await until(lambda: "omar: flagged \u2014 keep it one more cycle" in amina.query_one(EditPanel).text)


async def test_an_idle_watcher_reads_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "d.jsonl"
    app = ReviewApp([str(EN)], str(log), "amina", watch_interval=0.05)
    async with app.run_test() as pilot:
        await ready(pilot)
        tail = app.session.states[0].tail
        reads = []
        real = tail.read_new
        monkeypatch.setattr(tail, "read_new", lambda: (reads.append(1), real())[1])
        await pilot.press("a")
        await asyncio.sleep(0.3)  # the watcher reads the line just written, once
        first = len(reads)
        assert first == 1
        await asyncio.sleep(0.5)  # ten ticks with nothing new: a stat each, no read
        assert len(reads) == first


async def test_a_bad_line_appended_by_another_program_is_reported_once_and_the_review_goes_on(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    app = ReviewApp([str(EN)], str(log), "amina", watch_interval=0.05)
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("a")
        with log.open("a") as fh:
            fh.write('{"v": 1, "reviewer": "x", "edit": 5}\n')  # not a decision event
        await asyncio.sleep(0.5)  # ten ticks
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "is not a valid decision event ('edit' is not text)" in errors[0].message
        assert not errors[0].markup  # a message quoting a file is never parsed as markup
        await pilot.press("a")  # deciding goes on, and is saved
        assert app.session.totals() == (2, 18)


async def test_own_decisions_in_a_log_several_packages_share_are_not_news(tmp_path: Path) -> None:
    """A log folder named in the config serves every package opened: each package reads back the lines
    this reviewer wrote for another. They are not another reviewer's news (nothing is redrawn for them a
    second later); their effect on the other package (a reissue: the decision carried over) shows at
    once, as it would on opening the review again; another reviewer's lines still arrive."""
    log = tmp_path / "shared.jsonl"
    packages = [str(EN), str(SAMPLES / "en-proposals-rev1.docx")]
    app = ReviewApp(packages, None, "amina", logs=[log, log], watch_interval=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        s = app.session
        assert s is not None
        news: list[set[int]] = []
        assert app.watcher is not None
        told = app.watcher.changed
        app.watcher.changed = lambda touched: (news.append(touched), told(touched))[1]
        await pilot.press("a", "a", "r", "u")
        await asyncio.sleep(0.5)  # ten ticks: each package's tail reads the four lines back
        assert news == []
        # the reissue's copy of the proposal: as a new session on the same log sees it, and its line says so
        again = ReviewSession.open([load(p) for p in packages], [log, log], "amina")
        assert s.totals() == again.totals() == (4, 37)
        rev1 = next(k for k, it in enumerate(s.items) if it.pkg == 1 and it.prop.id == "AFCP/12A1/1")
        assert list_line(app, rev1).startswith("\u25d0 MOD AFCP/12A1/1 2/")  # ◐: in progress, with no tick
        other = ReviewSession.open([load(EN)], [log], "omar")
        other.decide("reject")
        await until(lambda: bool(news))
        assert news[0] == {0, rev1}
