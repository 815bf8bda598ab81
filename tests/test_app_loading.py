"""The app opens a directory as `itu-review list DIR` reads it: every package once, in parallel, cached."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from itu_review.tui.app import ReviewApp

from .conftest import SAMPLES

PACKAGES = ["ar-proposals.docx", "en-check.docx", "en-pp18.docx", "en-proposals.docx", "fr-propositions.docx"]


def conference(root: Path) -> Path:
    folder = root / "conference"
    (folder / "late").mkdir(parents=True)
    for name in PACKAGES[:-1]:
        shutil.copy(SAMPLES / name, folder / name)
    shutil.copy(SAMPLES / PACKAGES[-1], folder / "late" / PACKAGES[-1])
    (folder / "broken.docx").write_text("not a zip")
    (folder / "README.md").write_text("the packages of the conference")
    return folder


def test_open_hands_a_directory_to_the_app_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`open DIR` used to read every package, then the app read them all again, one by one."""
    import itu_review.package as package
    import itu_review.tui.app as app_module
    from itu_review.cli import main

    folder = conference(tmp_path)
    read: list[str] = []
    given: list[list[str]] = []
    monkeypatch.setattr(package, "_load", lambda path, keep: read.append(str(path)))
    monkeypatch.setattr(app_module, "run_app", lambda args: given.append(list(args.packages)) or 0)
    monkeypatch.setenv("ITU_REVIEW_FORCE_TTY", "1")
    assert main(["open", str(folder)]) == 0
    assert given == [[str(folder)]] and read == []


async def test_a_directory_opens_every_package_and_skips_what_cannot_be_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ITU_REVIEW_CACHE_DIR", str(tmp_path / "cache"))
    folder = conference(tmp_path)
    app = ReviewApp([str(folder)], None, "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session is not None
        assert sorted(Path(p.path).name for p in app.session.packages) == sorted(PACKAGES)
        skipped = [n.message for n in app._notifications if "skipped" in n.message]
        assert skipped == ["1 file skipped (ctrl+p: Skipped)"]  # the list is the palette's: one line here
        assert len(app.skipped) == 1 and "broken.docx" in app.skipped[0]
        await pilot.press("a")  # the first edit of the first package, decided in that package's own log
    first = Path(app.session.packages[0].path)
    assert (first.parent / f"{first.name}.decisions.jsonl").exists()
    stored = list((tmp_path / "cache" / "conference").glob("*.itu-conf"))
    assert len(stored) == len(PACKAGES)  # read by the conference loader, which keeps them for next time


async def test_a_directory_reopens_from_the_caches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from itu_review.conference import loader

    monkeypatch.setenv("ITU_REVIEW_CACHE_DIR", str(tmp_path / "cache"))
    folder = conference(tmp_path)
    loader.load_packages([str(folder)])  # as `itu-review list DIR` leaves the caches
    app = ReviewApp([str(folder)], None, "amina")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session is not None and len(app.session.packages) == len(PACKAGES)
        assert all(type(p.paragraphs[0]).__name__ == "PackedParagraph" for p in app.session.packages)


async def test_several_files_named_are_read_and_a_bad_one_stops_the_opening(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_text("nope")
    app = ReviewApp([str(SAMPLES / "en-proposals.docx"), str(bad)], None, "amina")
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session is None
        assert "not a .docx file" in str(app.query_one("#loading").render())


def test_run_app_opens_the_current_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`itu-review open .` crashed: the logs were worked out from the arguments, and "." has no name to put
    a log beside; they are found per package once the directory is read."""
    import argparse

    import itu_review.tui.app as app_module
    from itu_review.errors import UsageError

    folder = conference(tmp_path)
    monkeypatch.chdir(folder)
    started: list[ReviewApp] = []
    monkeypatch.setattr(ReviewApp, "run", lambda self: started.append(self))
    args = argparse.Namespace(packages=["."], log=None, base=[], reviewer="amina", theme=None, bidi="off")
    assert app_module.run_app(args) == 0
    assert [app.paths for app in started] == [["."]]
    with pytest.raises(UsageError, match=r"--log names one package's log, and \. is a directory of packages"):
        app_module.run_app(argparse.Namespace(**{**vars(args), "log": "mine.jsonl"}))


async def test_checks_against_the_base_come_after_the_first_paint(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """With --base, the review is on screen before every proposal is checked (a conference's 6,600 checks
    took 3.7 s before the first paint): the proposal shown is checked when drawn, the rest in the
    background, and each proposal with a problem gets its ⚠ in the list when its check is done."""
    from itu_review.session import ReviewSession

    monkeypatch.setenv("ITU_REVIEW_CACHE_DIR", str(tmp_path / "cache"))
    checked_at_paint: list[int] = []
    shown = ReviewApp._on_loaded

    def on_loaded(self: ReviewApp, session: ReviewSession) -> None:
        checked_at_paint.append(len(session.checks))
        shown(self, session)

    monkeypatch.setattr(ReviewApp, "_on_loaded", on_loaded)
    app = ReviewApp([str(SAMPLES / "en-check.docx")], str(tmp_path / "d.jsonl"), "amina",
                    base=[str(SAMPLES / "base")])
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        s = app.session
        assert s is not None and checked_at_paint == [0]
        assert len(s.checks) == len(s.items)  # every proposal checked by now
        lst = app.query_one("ProposalList")
        with_problems = [k for k, it in enumerate(s.items) if s.checks[(it.pkg, it.prop.id)].problems]
        assert with_problems and all("\u26a0" in lst.line_of(k) for k in with_problems)
