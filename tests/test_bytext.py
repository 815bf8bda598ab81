"""The "by text" view, driven with Pilot as a reviewer would: the key that switches views, every source's
change under the paragraph it changes, collisions marked and listed, identical changes once with all
their sources, n/p across packages, and decisions that land in the edit's own package log and show in
the by-package view. The conference: the samples (with their collection) plus generated packages in
three languages with planted collisions and identical changes (``bench/confgen.py``)."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.pilot import Pilot

from itu_review.conference.discover import discover
from itu_review.session import ReviewSession
from itu_review.tui.app import ReviewApp
from itu_review.tui.conference import ByTextScreen
from itu_review.tui.conference.plan import Stop
from itu_review.tui.conference.text_list import TextList
from itu_review.tui.screens import ConfirmScreen, NoteScreen
from itu_review.tui.widgets import EditPanel, ProposalList, ProposalPane

from .conftest import ROOT, SAMPLES

sys.path.insert(0, str(ROOT / "bench"))
import confgen  # noqa: E402

LANGS = ("en", "fr", "ar")
#: The samples this conference holds (named, so that a sample added later changes no count here).
SAMPLE_PACKAGES = ("ar-proposals.docx", "en-check-other.docx", "en-check.docx", "en-proposals-rev1.docx",
                   "en-proposals.critic.md", "en-proposals.docx", "fr-propositions.docx", "tricky.critic.md",
                   "tricky.docx")
N_TEXTS = 3


Conference = tuple[Path, Path, confgen.Truth]


@pytest.fixture(scope="module")
def conference(tmp_path_factory: pytest.TempPathFactory) -> Conference:
    """The samples and nine generated packages (English, French, Arabic) on three texts, with planted
    collisions and identical changes; the generated collection beside them."""
    root = tmp_path_factory.mktemp("bytext")
    folder = root / "packages"
    (folder / "samples").mkdir(parents=True)
    for name in SAMPLE_PACKAGES:
        shutil.copy(SAMPLES / name, folder / "samples" / name)
    truth = confgen.generate(folder / "generated", 9, N_TEXTS, langs=LANGS, plant=0.5)
    confgen.write_collection(root / "base", N_TEXTS, LANGS)
    return folder, root / "base", truth


def open_app(paths: list[Path], base: Path, logs: Path, markers: bool = True) -> ReviewApp:
    """The app on every package under ``paths`` (as ``itu-review open DIR`` finds them), a log each in ``logs``."""
    files = discover([str(p) for p in paths]).files
    logs.mkdir(exist_ok=True)
    return ReviewApp(files, None, "amina", base=[str(base)], markers=markers,
                     logs=[logs / f"{k:02d}-{Path(f).name}.jsonl" for k, f in enumerate(files)])


async def ready(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def by_text(pilot: Pilot[None]) -> ByTextScreen:
    await ready(pilot)
    await pilot.press("b")
    await ready(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ByTextScreen)
    return screen


def goto_text(screen: ByTextScreen, label: str) -> None:
    assert screen.by_text is not None
    g = next(k for k, grp in enumerate(screen.by_text.groups) if grp.label == label)
    screen.show(g, 0, top=True)


def goto_stop(screen: ByTextScreen, label: str, package: str = "") -> None:
    """To the stop of this edit (in this package, when the id is in several)."""
    plan = screen.plan(screen.g)
    k = next(k for k, st in enumerate(plan.stops) if st.label == label and st.entry.package.path.endswith(package))
    screen.show(screen.g, k)


def here(screen: ByTextScreen) -> Stop:
    """The stop the view is at."""
    stop = screen.current
    assert stop is not None
    return stop


def session(app: ReviewApp) -> ReviewSession:
    assert app.session is not None
    return app.session


def pane_lines(screen: ByTextScreen) -> list[str]:
    return screen.query_one(ProposalPane).text.splitlines()


def log_events(logs: Path, package: str) -> list[dict[str, object]]:
    (log,) = [p for p in logs.iterdir() if p.name.endswith(f"-{package}.jsonl")]
    return [json.loads(line) for line in log.read_text().splitlines()]


# -- switching views -----------------------------------------------------------------------------------

async def test_b_switches_the_list_between_packages_and_texts(conference: Conference, tmp_path: Path) -> None:
    folder, _, _ = conference
    app = open_app([folder / "samples"], SAMPLES / "base", tmp_path / "logs")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert not isinstance(app.screen, ByTextScreen) and len(app.query_one(ProposalList).shown) == 29
        screen = await by_text(pilot)
        texts = screen.query_one(TextList)
        prompts = [str(texts.get_option_at_index(k).prompt) for k in range(texts.option_count)]
        # each text in force with its count of proposals, actions and administrations
        assert any(p.startswith("○ Res 130 · 8 MOD · 4 adm. · 0/47") for p in prompts), prompts
        assert any(p.startswith("○ Res 2 · 5 SUP · 3 adm.") for p in prompts)
        assert texts.border_title == "9 texts"
        await pilot.press("b")
        await pilot.pause()
        assert not isinstance(app.screen, ByTextScreen)
        # and through the palette: "View: by text" there, "View: by package" here
        commands = {c.title for c in app.commands()}
        assert "View: by text" in commands
        await pilot.press("b")
        await ready(pilot)
        assert isinstance(app.screen, ByTextScreen)
        assert {c.title for c in app.screen.commands()} >= {"View: by package"}
        assert "View: by text" not in {c.title for c in app.screen.commands()}


# -- what the view shows ------------------------------------------------------------------------------

async def test_each_source_s_change_is_under_the_paragraph_it_changes(conference: Conference, tmp_path: Path) -> None:
    folder, _, _ = conference
    app = open_app([folder / "samples"], SAMPLES / "base", tmp_path / "logs")
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await by_text(pilot)
        goto_text(screen, "Resolution 130")
        await pilot.pause()
        lines = pane_lines(screen)
        english = lines.index("English — in force: RESOLUTION 130 (REV. DUBAI, 2018)")
        para10 = next(n for n, ln in enumerate(lines) if ln.startswith("¶10 ") and n > english)
        para11 = next(n for n, ln in enumerate(lines) if ln.startswith("¶11 ") and n > english)
        under = lines[para10:para11]
        # ACP wants "all", EUR "national and regional", each change followed by its source's line
        acp = next(n for n, ln in enumerate(under) if "[-national, regional and international-][+all+]" in ln)
        eur = next(n for n, ln in enumerate(under)
                   if "[-national, regional and international-][+national and regional+]" in ln)
        assert under[acp + 1].strip() == "○ ACP/30/1#4 · ACP · en-check.docx"
        assert under[eur + 1].strip() == "○ EUR/40/1#2 · EUR · en-check-other.docx"
        # AFCP's deletion in the same paragraph, from each of the three files that hold AFCP/12A1/1
        afcp = next(n for n, ln in enumerate(under) if "[-in accordance with its competences and" in ln)
        assert [ln.strip() for ln in under[afcp + 1:afcp + 4]] == [
            "○ AFCP/12A1/1#6 · AFCP · en-proposals-rev1.docx", "○ AFCP/12A1/1#6 · AFCP · en-proposals.critic.md",
            "○ AFCP/12A1/1#6 · AFCP · en-proposals.docx"]
        # the French version has its own text in force and EUR's French proposal under it
        french = lines.index("French — in force: RÉSOLUTION 130 (RÉV. DUBAÏ, 2018)")
        assert any("[-DUBAÏ, 2018-][+BUCAREST, 2022+]" in ln for ln in lines[french:french + 6])
        # proposals on the text without edits of their own, and each proposal's Reasons
        assert "Proposals on this text (8)" in lines


async def test_collisions_are_marked_and_listed(conference: Conference, tmp_path: Path) -> None:
    folder, _, _ = conference
    app = open_app([folder / "samples"], SAMPLES / "base", tmp_path / "logs")
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await by_text(pilot)
        goto_text(screen, "Resolution 130")
        await pilot.pause()
        lines = pane_lines(screen)
        assert "Res 130 · 8 MOD · 4 adm. · 5 collisions · 2 identical changes" in lines
        listed = [ln.strip() for ln in lines if ln.startswith("  collision ")]
        assert "collision 4 · ¶10 · EUR/40/1 (EUR), ACP/30/1 (ACP)" in listed and len(listed) == 5
        # the mark stands right above the colliding changes, in the paragraph
        mark = lines.index("      collision 4: EUR, ACP change these words differently")
        assert "[-national, regional and international-][+all+]" in lines[mark + 1]
        # the details of a colliding edit name the other side
        goto_stop(screen, "EUR/40/1#2")
        await pilot.pause()
        assert "¶10 · collision 4 with ACP/30/1 (ACP)" in screen.query_one(EditPanel).text


async def test_collisions_and_identical_changes_where_planted(conference: Conference, tmp_path: Path) -> None:
    """On the generated packages: a collision mark for each planted collision and nowhere else, and each
    planted identical change drawn once, followed by a line for each of its sources."""
    folder, base, truth = conference
    app = open_app([folder / "generated"], base, tmp_path / "logs")
    names = {"en": "English", "fr": "French", "ar": "Arabic"}
    marks = identical = 0
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await by_text(pilot)
        for n in range(1, N_TEXTS + 1):
            goto_text(screen, f"Resolution {n}")
            await pilot.pause()
            lines = [ln.strip() for ln in pane_lines(screen)]
            heads = [k for k, ln in enumerate(lines) if re.match(r"^(English|French|Arabic) — in force", ln)]
            ends = heads[1:] + [lines.index(next(ln for ln in lines if ln.startswith("Proposals on this text")))]
            for head, end in zip(heads, ends):
                lang = next(code for code, name in names.items() if lines[head].startswith(name))
                section = lines[head:end]
                planted = {k for k in truth.collisions() if k[:2] == (n, lang)}
                assert sum(1 for ln in section if re.match(r"^collision \d+: ", ln)) == len(planted)
                marks += len(planted)
                alike = [k for k, ln in enumerate(section) if ln.startswith("the same change from ")]
                wanted = [key for key in truth.identical() if key[:2] == (n, lang)]
                assert len(alike) == len(wanted)  # each once
                for key in wanted:
                    sources = sorted(c.source for c in truth.slots[key])
                    label = next(k for k in alike if sorted(section[k].split(": ", 1)[1].split(", ")) == sources)
                    shown = section[label + 2:label + 2 + len(sources)]
                    assert sorted(ln.split(" · ")[1] for ln in shown) == sources, shown
                    assert all(ln.startswith("○ ") for ln in shown)
                    identical += 1
    assert marks == len(truth.collisions()) > 0 and identical == len(truth.identical()) > 0


async def test_a_suppressed_text_and_a_draft_new_text_are_shown_too(conference: Conference, tmp_path: Path) -> None:
    """Without a MOD, a text still shows its text in force (what a SUP would suppress), and a draft new
    text each ADD as it reads (here without revision marks), before the proposals on it."""
    folder, _, _ = conference
    app = open_app([folder / "samples"], SAMPLES / "base", tmp_path / "logs")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await by_text(pilot)
        goto_text(screen, "Resolution 2")
        await pilot.pause()
        lines = pane_lines(screen)
        head = lines.index("English — in force: RESOLUTION 2 (REV. DUBAI, 2018)")
        assert lines[head + 1] == "¶1 RESOLUTION 2 (REV. DUBAI, 2018)"
        assert lines.index("Proposals on this text (5)") > head + 5
        assert "  ○ SUP ACP/30/4 · ACP · as a whole · en-check.docx" in lines
        goto_text(screen, "Draft new text: Promoting satellite connectivity for the unconnected")
        await pilot.pause()
        lines = pane_lines(screen)
        add = lines.index("ADD AFCP/12A1/4 · AFCP · en-proposals.docx")
        assert lines[add + 1].strip() == "DRAFT NEW RESOLUTION [AFCP-1] (BUCHAREST, 2022)"
        body = " ".join(ln.strip() for ln in lines[add:add + 12])
        assert "to instruct the Director of the Telecommunication Development Bureau to assist Member States" in body


# -- walking and deciding --------------------------------------------------------------------------------

async def test_n_and_p_walk_every_edit_of_the_text_across_packages(conference: Conference, tmp_path: Path) -> None:
    folder, _, _ = conference
    app = open_app([folder / "samples"], SAMPLES / "base", tmp_path / "logs")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await by_text(pilot)
        goto_text(screen, "Resolution 130")
        await pilot.pause()
        plan = screen.plan(screen.g)
        seen = []
        for _ in range(len(plan.stops) - 1):
            await pilot.press("n")
            seen.append((here(screen).label, here(screen).entry.package.path.rsplit("/", 1)[1]))
        # every stop once, in the order drawn; five packages (and three languages) on the way
        assert screen.k == len(plan.stops) - 1 and len(set(seen)) == len(seen)
        assert {p for _, p in seen} >= {"en-check.docx", "en-check-other.docx", "en-proposals.docx",
                                        "ar-proposals.docx", "fr-propositions.docx"}
        assert seen[:3] == [("ACP/30/1#1", "en-check.docx"), ("AFCP/12A1/1#1", "en-proposals-rev1.docx"),
                            ("AFCP/12A1/1#1", "en-proposals.critic.md")]
        # the session follows: back in the by-package view, the edit last looked at is the current one
        for _ in range(3):
            await pilot.press("p")
        assert here(screen).label == seen[-4][0]
        at = here(screen)
        await pilot.press("b")
        await pilot.pause()
        current = session(app).current
        assert current is not None and current.prop is at.entry.proposal and session(app).current_edit is at.edit
        # n at a text's last edit goes on into the next text
        await pilot.press("b")
        await ready(pilot)
        goto_text(screen, "Resolution 71")
        await pilot.pause()
        for _ in range(len(screen.plan(screen.g).stops)):
            await pilot.press("n")
        assert screen.plan(screen.g).group.label == "Resolution 130" and screen.k == 0


async def test_a_decision_lands_in_the_edit_s_own_package_log(conference: Conference, tmp_path: Path) -> None:
    folder, _, _ = conference
    logs = tmp_path / "logs"
    app = open_app([folder / "samples"], SAMPLES / "base", logs)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await by_text(pilot)
        goto_text(screen, "Resolution 130")
        goto_stop(screen, "EUR/40/1#2")
        await pilot.press("a")
        await pilot.pause()
        events = log_events(logs, "en-check-other.docx")
        assert [(e["edit"], e["verdict"], e["reviewer"]) for e in events] == [("EUR/40/1#2", "accept", "amina")]
        assert not (logs / "en-check.docx.jsonl").exists() and not any(
            e["edit"] == "EUR/40/1#2" for p in logs.iterdir() if "en-check-other" not in p.name
            for e in map(json.loads, p.read_text().splitlines()))
        # a moves on; the source line shows the verdict
        assert here(screen).label != "EUR/40/1#2"
        assert "✓ EUR/40/1#2 · EUR · accepted · en-check-other.docx" in [ln.strip() for ln in pane_lines(screen)]
        # a flag with its note, in AFCP's package (the one of three files that holds this edit)
        goto_stop(screen, "AFCP/12A1/1#8", "en-proposals.critic.md")
        await pilot.press("f")
        assert isinstance(app.screen, NoteScreen)
        for ch in "which users?":
            await pilot.press("space" if ch == " " else "question_mark" if ch == "?" else ch)
        await pilot.press("enter")
        await pilot.pause()
        flagged = log_events(logs, "en-proposals.critic.md")
        assert [(e["edit"], e["verdict"], e["note"]) for e in flagged] == [("AFCP/12A1/1#8", "flag", "which users?")]
        assert not any(p.name.endswith("-en-proposals.docx.jsonl") for p in logs.iterdir())
        # back in the by-package view: the list and the details say so
        await pilot.press("b")
        await pilot.pause()
        lst = app.query_one(ProposalList)
        prompts = {str(lst.get_option_at_index(k).prompt) for k in range(lst.option_count)}
        assert any(p.startswith("◐ MOD EUR/40/1 1/2") for p in prompts), prompts
        # AFCP/12A1/1 as the CriticMarkup file has it (9 edits), flagged
        assert any(p.startswith("⚑ MOD AFCP/12A1/1 1/9 ⚑1") for p in prompts), prompts
        edit = session(app).current_edit
        assert edit is not None and edit.id == "AFCP/12A1/1#8"
        assert "you: flagged — which users?" in app.query_one(EditPanel).text


async def test_undo_and_an_identical_change_decided_for_all_its_sources(conference: Conference, tmp_path: Path) -> None:
    folder, _, _ = conference
    logs = tmp_path / "logs"
    app = open_app([folder / "samples"], SAMPLES / "base", logs)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await by_text(pilot)
        goto_text(screen, "Resolution 130")
        await pilot.pause()
        assert here(screen).label == "EUR/40/1#1"  # DUBAI -> BUCHAREST, from EUR, ACP and AFCP (3 files)
        await pilot.press("A")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        for package, edit in (("en-check-other.docx", "EUR/40/1#1"), ("en-check.docx", "ACP/30/1#1"),
                              ("en-proposals.docx", "AFCP/12A1/1#1"), ("en-proposals-rev1.docx", "AFCP/12A1/1#1"),
                              ("en-proposals.critic.md", "AFCP/12A1/1#1")):
            assert [(e["edit"], e["verdict"]) for e in log_events(logs, package)] == [(edit, "accept")]
        await pilot.press("u")
        await pilot.pause()
        # undo takes back the five, each in its own log; the view says so
        assert log_events(logs, "en-check.docx")[-1]["verdict"] == "clear"
        assert log_events(logs, "en-proposals.critic.md")[-1]["verdict"] == "clear"
        lines = [ln.strip() for ln in pane_lines(screen)]
        assert "○ ACP/30/1#1 · ACP · en-check.docx" in lines and "○ EUR/40/1#1 · EUR · en-check-other.docx" in lines


async def test_document_text_is_drawn_as_text(conference: Conference, tmp_path: Path) -> None:
    """Markup-like text in a package stays as it is; control characters are shown, never sent."""
    folder, _, _ = conference
    app = open_app([folder / "samples"], SAMPLES / "base", tmp_path / "logs")
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await by_text(pilot)
        goto_text(screen, "Resolution 99")
        await pilot.pause()
        text = screen.query_one(ProposalPane).text
        assert "[+[red]x[/red] [@click=app.quit]" in text and "\x1b" not in text and "␛[2Jclear" in text
        assert "Markup [bold]that is not bold[/]" in text
        # the palette's entries are plain text: a title from a document is shown as it is
        await pilot.press("ctrl+p")
        for ch in "99":
            await pilot.press(ch)
        await pilot.pause(0.3)
        helps = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
        assert any("\nMarkup [bold]that is not bold[/] and [link=https://example.org]" in h for h in helps), helps
        assert app.is_running


async def test_the_filter_keeps_texts_by_name_source_or_id(conference: Conference, tmp_path: Path) -> None:
    folder, _, _ = conference
    app = open_app([folder / "samples"], SAMPLES / "base", tmp_path / "logs")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await by_text(pilot)
        texts = screen.query_one(TextList)

        def shown() -> list[str]:
            assert screen.by_text is not None
            return [screen.by_text.groups[k].short for k in texts.shown]

        await pilot.press("ctrl+f")
        for ch in "res 13":
            await pilot.press("space" if ch == " " else ch)
        await pilot.press("enter")
        await pilot.pause()
        # "13" starts the number 130, not 2 or 71 (whose proposals are numbered 30/1 … 30/7)
        assert shown() == ["Res 130"] and here(screen).entry.id in {e.id for e in screen.plan(screen.g).group.entries}
        assert "filter: res 13 (1/9 texts)" in str(texts.border_title)
        await pilot.press("escape")  # clears the filter
        await pilot.press("ctrl+f")
        for ch in "EUR/15A2":
            await pilot.press({"/": "slash"}.get(ch, ch))
        await pilot.pause()
        assert shown() == ["Res 130", "Res 2"]  # the texts EUR/15A2's proposals act on
        await pilot.press("escape")
        await pilot.pause()
        assert len(shown()) == 9 and isinstance(app.screen, ByTextScreen)
        await pilot.press("escape")  # no filter: back to the packages
        await pilot.pause()
        assert not isinstance(app.screen, ByTextScreen)


async def test_the_key_bar_says_support_on_a_proposal_decided_as_a_whole(conference: Conference, tmp_path: Path) -> None:
    from itu_review.tui.widgets import KeyBar

    folder, _, _ = conference
    app = open_app([folder / "samples"], SAMPLES / "base", tmp_path / "logs")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await by_text(pilot)
        goto_text(screen, "Resolution 2")
        goto_stop(screen, "SUP ACP/30/4")  # no edits: decided as a whole
        await pilot.pause()
        keys = {k: what for k, what, _ in screen.query_one(KeyBar).fitting(200)}
        assert (keys["a"], keys["r"]) == ("Support", "Oppose")
        goto_text(screen, "Resolution 130")
        await pilot.pause()
        keys = {k: what for k, what, _ in screen.query_one(KeyBar).fitting(200)}
        assert (keys["a"], keys["r"]) == ("Accept", "Reject")


async def test_the_flag_dialog_leaves_the_change_in_view(conference: Conference, tmp_path: Path) -> None:
    from textual.containers import Vertical

    folder, _, _ = conference
    app = open_app([folder / "samples"], SAMPLES / "base", tmp_path / "logs")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await by_text(pilot)
        goto_text(screen, "Resolution 130")
        await pilot.pause()
        for _ in range(6):
            assert screen.drawing is not None
            pane = screen.query_one(ProposalPane)
            first, last = pane.on_screen(*screen.drawing.rows_of_stop(screen.k, paragraph=False))
            label = here(screen).label
            await pilot.press("f")
            await pilot.pause()
            assert isinstance(app.screen, NoteScreen)
            box = app.screen.query_one(Vertical).region
            assert box.bottom <= first or box.y > last, (label, (first, last), box)
            await pilot.press("escape", "n")
            await pilot.pause()


async def test_one_count_of_sources_in_the_heading_the_dialog_and_the_messages(conference: Conference,
                                                                                tmp_path: Path) -> None:
    """Res 71's first change is made by ACP and AFCP — AFCP's proposal is in three files (the package, its
    reissue, its Critic Markup copy): the heading said 2 sources, the dialog 4. Both now say 2 sources and
    4 edits, and so do the details, the notification and the undo."""
    folder, _, _ = conference
    app = open_app([folder / "samples"], SAMPLES / "base", tmp_path / "logs")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await by_text(pilot)
        goto_text(screen, "Resolution 71")
        await pilot.pause()
        count = "2 sources (4 edits)"
        details = screen.query_one(EditPanel).text
        assert f"the same change from {count} · en-check.docx" in details
        assert f"the same change from {count}: ACP, AFCP" in [ln.strip() for ln in pane_lines(screen)]
        await pilot.press("A")
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query("Static").first().render())
        assert question.startswith(f"Accept this change for {count}: ACP/30/2#1, AFCP/12A1/2#1 (")  # each with its file
        await pilot.press("y")
        await pilot.pause()
        assert screen.query_one(EditPanel).status == f"Accepted this change for {count}."
        await pilot.press("u")
        await pilot.pause()
        assert screen.query_one(EditPanel).status == "Undone: accepted this change (4 edits)."


def test_the_count_of_sources_names_edits_and_files_only_when_they_are_more() -> None:
    from itu_review.tui.conference.plan import how_many

    assert how_many(["EUR", "ACP"], 2, 2) == "2 sources"
    assert how_many(["EUR", "ACP", "AFCP", "AFCP", "AFCP"], 5, 5) == "3 sources (5 edits)"
    assert how_many(["AFCP", "AFCP"], 2, 1) == "1 source (2 edits in 1 file)"
