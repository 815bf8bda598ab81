"""The command palette (ctrl+p): go to any proposal or edit by id, the summary, bulk decisions by kind
or author, outcomes, views — and in the by-text view, that view's own entries.

Every entry is drawn as ``Content`` built from plain text, never from markup: titles and help name
authors, proposal titles, ids and notes, which are document text (an author called ``[/link`` made
Textual's own system commands fail, since they parse their titles and help as markup). So the app's
entries come from a provider of their own (``ReviewCommands``) rather than ``get_system_commands``,
and the fuzzy match is highlighted on the plain text.

Going to an id is a provider of its own too: it matches what is typed against every proposal's id and
title, and an edit id (``B/67/1#3``) typed in full against that edit — a large package has 150,000
edits, too many to list, but never too many to look one up. In the by-text view it goes to the edit
within its text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.style import Style

from ..display.sanitize import clean
from ..model import Edit
from ..session import ReviewSession
from .ids import holders, id_counts, named

if TYPE_CHECKING:
    from textual.app import App

MAX_HITS = 30


@dataclass(frozen=True)
class Command:
    """One palette entry. ``title`` and ``help`` are plain text, shown as they are (cleaned)."""

    title: str
    help: str
    run: Callable[[], object]


class Reviewing(Protocol):
    """What the palette needs of the app."""

    session: ReviewSession | None
    views: tuple[str, ...]
    skipped: list[str]

    def go(self, item: int, edit: int) -> None: ...

    def action_summary(self) -> None: ...

    def show_skipped(self) -> None: ...

    def action_goto(self) -> None: ...

    def action_toggle_findings(self) -> None: ...

    def action_proposal_verdict(self) -> None: ...

    def record_outcome(self) -> None: ...

    def confirm_all(self) -> None: ...

    def set_view(self, k: int) -> None: ...

    def confirm_bulk(self, question: str, verdict: str, targets: list[tuple[int, Edit]]) -> None: ...


def highlighted(text: str, matcher: Matcher | None) -> Content:
    """``text`` as plain content, the characters the query matched in the matcher's style (Textual's
    ``Matcher.highlight`` parses its candidate as markup)."""
    content = Content(text)
    if matcher is None:
        return content
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def prompt(title: str, help: str, matcher: Matcher | None, app: App[Any]) -> Content:
    """What the palette draws for an entry: its title, and its help on the line below in the palette's
    own help style (the help goes into the prompt because the palette would read ``Hit.help`` as markup)."""
    lines = [highlighted(title, matcher)]
    if help:
        palette = app.screen
        style: Style | str = "dim"
        if isinstance(palette, CommandPalette):
            style = Style.from_styles(palette.get_component_styles("command-palette--help-text"))
        lines.append(Content(help).stylize_before(style))
    return Content("\n").join(lines)


class ReviewCommands(Provider):
    """The app's entries, or the by-text view's when the palette is opened there."""

    def commands(self) -> list[Command]:
        from .app import ReviewApp  # here: the app module imports this one
        from .conference import ByTextScreen

        screen = self.screen
        if isinstance(screen, ByTextScreen):
            return list(screen.commands())
        app = self.app
        if not isinstance(app, ReviewApp):
            return []
        return list(app.commands())

    async def discover(self) -> Hits:
        for c in self.commands():
            title, help = clean(c.title), clean(c.help)
            yield DiscoveryHit(prompt(title, help, None, self.app), c.run, text=title)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for c in self.commands():
            title, help = clean(c.title), clean(c.help)
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, prompt(title, help, matcher, self.app), c.run, text=title)


class GotoProvider(Provider):
    """"Go to B/67/1 …" for every proposal that matches, and the edit when an edit id is typed; in the
    by-text view, to that edit (or proposal) within its text."""

    async def search(self, query: str) -> Hits:
        from .app import ReviewApp  # here: the app module imports this one
        from .conference import ByTextScreen

        app = self.app
        if not isinstance(app, ReviewApp) or app.session is None:
            return
        session = app.session
        screen = self.screen
        go: Callable[[int, int], object] = screen.go_to if isinstance(screen, ByTextScreen) else app.go
        where = session.find(query) if "#" in query else None
        if where is not None:
            pid = query.strip().partition("#")[0]
            # the edit in each open file that holds it (a package, its reissue, another format), named
            places = [(k, where[1]) for k in holders(session, pid) if where[1] < len(session.items[k].prop.edits)]
            for k, j in places if pid else [where]:
                edit = session.items[k].prop.edits[j]
                label = clean(f"Go to edit {named(session, k, edit.id)}")
                yield Hit(1.0, prompt(label, f"{edit.kind}, by {clean(edit.author) or 'unknown'}", None, app),
                          partial(go, k, j), text=label)
        matcher = self.matcher(query)
        hits = []
        counts = id_counts(session)
        for k, it in enumerate(session.items):
            label = clean(f"Go to {it.prop.action} {named(session, k, it.prop.id, counts)}  {it.prop.title[:60]}")
            score = matcher.match(label)
            if score > 0:
                hits.append((score, k, label))
        hits.sort(key=lambda h: -h[0])
        for score, k, label in hits[:MAX_HITS]:
            yield Hit(score, prompt(label, f"{len(session.items[k].prop.edits)} edits", matcher, app),
                      partial(go, k, 0), text=label)


def app_commands(app: Reviewing) -> Iterator[Command]:
    """The by-package view's own palette entries (Textual's — theme, keys, quit — come beside them)."""
    s = app.session
    if s is None:
        return
    yield Command("Summary: each proposal's progress, flags and notes", "Enter on a line goes there",
                  app.action_summary)
    yield Command("Go to a proposal or edit by id", "B/67/1, B/67/1#3 or #3 (or type the id here)", app.action_goto)
    yield Command("Findings: show or fold", "The base-text findings of the proposal", app.action_toggle_findings)
    if s.current is not None:
        here = f"{s.current.prop.action} {s.current.prop.id}"
        yield Command(f"Proposal {here}: your verdict on it as a whole", "Support, oppose, flag, note, clear (P)",
                      app.action_proposal_verdict)
        yield Command(f"Outcome of {here}: record what the conference decided",
                      "approved, approved as amended, not approved, merged, withdrawn, …", app.record_outcome)
    waiting = s.to_confirm()
    if waiting:
        yield Command(f"Confirm every re-attached decision ({waiting})", "Asks first (y confirms one)", app.confirm_all)
    kinds = sorted({e.kind for it in s.items for e in it.prop.edits})
    authors = sorted({a for it in s.items for e in it.prop.edits for a in e.authors})
    for verdict in ("accept", "reject"):
        for kind in kinds:
            targets = s.matching(kind=kind)
            if targets:
                yield Command(f"{verdict.capitalize()} every undecided {kind} edit ({len(targets)})",
                              "Asks first; applies to all open packages",
                              partial(app.confirm_bulk, f"{verdict.capitalize()} {len(targets)} undecided {kind} edits?",
                                      verdict, targets))
        for author in authors:
            targets = s.matching(author=author)
            if targets:
                who = clean(author)
                yield Command(f"{verdict.capitalize()} every undecided edit by {who} ({len(targets)})",
                              "Asks first; applies to all open packages",
                              partial(app.confirm_bulk, f"{verdict.capitalize()} {len(targets)} undecided edits by {who}?",
                                      verdict, targets))
    if app.skipped:
        yield Command(f"Skipped files ({len(app.skipped)}): list them", "Files met in the directories opened that "
                      "were not read, and why", app.show_skipped)
    for k, view in enumerate(app.views):
        yield Command(f"View: {view}", "Change the view", partial(app.set_view, k))
