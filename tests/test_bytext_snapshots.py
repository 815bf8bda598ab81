"""Snapshots of the "by text" view at fixed sizes, on the samples with their collection. Each docstring
says what you should see."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from itu_review.tui.app import ReviewApp
from itu_review.tui.conference import ByTextScreen

from .conftest import SAMPLES
from .test_bytext import SAMPLE_PACKAGES

SIZES = [(80, 24), (120, 40)]
Snap = Callable[..., bool]


def app_for(tmp_path: Path) -> ReviewApp:
    files = [str(SAMPLES / name) for name in SAMPLE_PACKAGES]
    return ReviewApp(files, None, "amina", base=[str(SAMPLES / "base")],
                     logs=[tmp_path / f"{k:02d}.jsonl" for k in range(len(files))])


def at(text: str, edit: str = "", package: str = "") -> Callable[[Pilot[None]], Awaitable[None]]:
    """Switch to the by-text view, choose ``text`` and go to ``edit`` (in ``package``) on it."""
    async def run(pilot: Pilot[None]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("b")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ByTextScreen) and screen.by_text is not None
        g = next(k for k, grp in enumerate(screen.by_text.groups) if grp.label == text)
        screen.show(g, 0, top=True)
        await pilot.pause()
        if edit:
            plan = screen.plan(g)
            k = next(k for k, st in enumerate(plan.stops) if st.label == edit and st.entry.package.path.endswith(package))
            screen.show(g, k)
        await pilot.pause()
    return run


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_text_from_its_top(snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
    """Left: the texts (Res 71, Res 130 highlighted, Res 2 …, the draft new texts last), each with its
    counts ("Res 130 · 8 MOD · 4 adm." and 0/47 decided; on two lines at 80 columns). Right: "Resolution
    130 — Strengthening the role of ITU …", "… 5 collisions · 2 identical changes", the English text in
    force's heading, the five collisions listed (¶6, ¶7, ¶8, ¶10, ¶11), then ¶1 "RESOLUTION 130 (REV. DUBAI,
    2018)" with "DUBAI, 2018" in reverse video, "the same change from 3 sources (5 edits): EUR, ACP, AFCP",
    the change once (DUBAI, 2018 struck, BUCHAREST, 2022 underlined) and a line for each of its five edits
    (AFCP's in three files), the first (EUR/40/1#1) in reverse video. Below: "Res 130 · 1/47 · ¶1 · the same
    change from 3 sources (5 edits)", the edit's details, "you: pending" (at 120x40). Key bar: b By package
    first."""
    assert snap_compare(app_for(tmp_path), terminal_size=size, run_before=at("Resolution 130"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_collision(snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
    """Resolution 130 at EUR/40/1#2: ¶10 with "national, regional and international" in reverse video,
    under it AFCP's deletion (three sources), then "collision 4: EUR, ACP change these words
    differently", ACP's change (… struck, "all" underlined) with "○ ACP/30/1#4 · ACP · en-check.docx", and
    EUR's ("national and regional") with its line in reverse video. Below: "Res 130 · … · ¶10 · collision
    4 with ACP/30/1 (ACP) · en-check-other.docx" in bold yellow, then the edit's details."""
    assert snap_compare(app_for(tmp_path), terminal_size=size, run_before=at("Resolution 130", "EUR/40/1#2"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_an_arabic_version(snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
    """Resolution 130, its Arabic version ("base of ARB/20A1/1 (no text in force in 'ar')"): each paragraph
    right-aligned after its number (¶5 …), letters in their joined (presentation) forms, in visual order; under ¶5 the insertion "و76/19"
    (underlined, in reverse video where it goes in the paragraph's context) and "○ ARB/20A1/1#3 · ARB ·
    ar-proposals.docx" in reverse video, left-aligned."""
    assert snap_compare(app_for(tmp_path), terminal_size=size, run_before=at("Resolution 130", "ARB/20A1/1#3"))


def test_without_colour(snap_compare: Snap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR at 80x24, Resolution 71 at ACP/30/2#3: no colour anywhere; the chosen text (Res 71) bold and
    underlined in the list; the change in brackets ("…relating to strategic[+, financial+] policies");
    the current change, its place in ¶5 (a caret after "strategic", where the words go in) and its source
    line "○ ACP/30/2#3 · ACP · en-check.docx" in reverse video."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(app_for(tmp_path), terminal_size=(80, 24), run_before=at("Resolution 71", "ACP/30/2#3"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_conference_by_package(snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
    """The samples' packages in the by-package view: each package's proposals under a line naming it and how
    many it holds ("en-proposals-rev1.docx · 5"); the first proposal side by side. Key bar: "b By text" among the keys (a conference is open),
    "? Help" and "q Quit" kept at 80 columns."""
    async def loaded(pilot: Pilot[None]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app_for(tmp_path), terminal_size=size, run_before=loaded)
