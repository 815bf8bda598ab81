"""The command palette (ctrl+p): go to any proposal or edit by id, the summary, bulk decisions by kind
or author, views.

Going to an id is a provider of its own: it matches what is typed against every proposal's id and
title, and an edit id (``B/67/1#3``) typed in full against that edit — a large package has 150,000
edits, too many to list, but never too many to look one up.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from rich.text import Text
from textual.app import SystemCommand
from textual.command import Hit, Hits, Provider

from ..display.sanitize import clean
from ..model import Edit
from ..session import ReviewSession

MAX_HITS = 30


class Reviewing(Protocol):
    """What the palette needs of the app."""

    session: ReviewSession | None
    views: tuple[str, ...]

    def go(self, item: int, edit: int) -> None: ...

    def action_summary(self) -> None: ...

    def action_goto(self) -> None: ...

    def action_toggle_findings(self) -> None: ...

    def action_proposal_verdict(self) -> None: ...

    def record_outcome(self) -> None: ...

    def confirm_all(self) -> None: ...

    def set_view(self, k: int) -> None: ...

    def confirm_bulk(self, question: str, verdict: str, targets: list[tuple[int, Edit]]) -> None: ...


class GotoProvider(Provider):
    """"Go to B/67/1 …" for every proposal that matches, and the edit when an edit id is typed."""

    async def search(self, query: str) -> Hits:
        from .app import ReviewApp  # here: the app module imports this one

        app = self.app
        if not isinstance(app, ReviewApp) or app.session is None:
            return
        session, go = app.session, app.go
        where = session.find(query) if "#" in query else None
        if where is not None:
            k, j = where
            edit = session.items[k].prop.edits[j]
            label = clean(f"Go to edit {edit.id}")
            yield Hit(1.0, Text(label, end=""), lambda k=k, j=j: go(k, j), text=label,
                      help=f"{edit.kind}, by {clean(edit.author) or 'unknown'}")
        matcher = self.matcher(query)
        hits = []
        for k, it in enumerate(session.items):
            label = clean(f"Go to {it.prop.action} {it.prop.id}  {it.prop.title[:60]}")
            score = matcher.match(label)
            if score > 0:
                hits.append((score, k, label))
        hits.sort(key=lambda h: -h[0])
        for score, k, label in hits[:MAX_HITS]:
            yield Hit(score, matcher.highlight(label), lambda k=k: go(k, 0), text=label,
                      help=f"{len(session.items[k].prop.edits)} edits")


def system_commands(app: Reviewing) -> Iterator[SystemCommand]:
    """The app's own palette entries (after Textual's: theme, keys, quit)."""
    s = app.session
    if s is None:
        return
    yield SystemCommand("Summary: each proposal's progress, flags and notes", "Enter on a line goes there",
                        app.action_summary)
    yield SystemCommand("Go to a proposal or edit by id", "B/67/1, B/67/1#3 or #3 (or type the id here)",
                        app.action_goto)
    yield SystemCommand("Findings: show or fold", "The base-text findings of the proposal",
                        app.action_toggle_findings)
    if s.current is not None:
        here = f"{s.current.prop.action} {s.current.prop.id}"
        yield SystemCommand(f"Proposal {here}: your verdict on it as a whole", "Support, oppose, flag, note, clear (P)",
                            app.action_proposal_verdict)
        yield SystemCommand(f"Outcome of {here}: record what the conference decided",
                            "approved, approved as amended, not approved, merged, withdrawn, …", app.record_outcome)
    waiting = s.to_confirm()
    if waiting:
        yield SystemCommand(f"Confirm every re-attached decision ({waiting})", "Asks first (y confirms one)",
                            app.confirm_all)
    kinds = sorted({e.kind for it in s.items for e in it.prop.edits})
    authors = sorted({a for it in s.items for e in it.prop.edits for a in e.authors})
    for verdict in ("accept", "reject"):
        for kind in kinds:
            targets = s.matching(kind=kind)
            if targets:
                yield SystemCommand(f"{verdict.capitalize()} every undecided {kind} edit ({len(targets)})",
                                    "Asks first; applies to all open packages",
                                    lambda v=verdict, t=targets, k=kind: app.confirm_bulk(
                                        f"{v.capitalize()} {len(t)} undecided {k} edits?", v, t))
        for author in authors:
            targets = s.matching(author=author)
            if targets:
                who = clean(author)
                yield SystemCommand(f"{verdict.capitalize()} every undecided edit by {who} ({len(targets)})",
                                    "Asks first; applies to all open packages",
                                    lambda v=verdict, t=targets, a=who: app.confirm_bulk(
                                        f"{v.capitalize()} {len(t)} undecided edits by {a}?", v, t))
    for k, view in enumerate(app.views):
        yield SystemCommand(f"View: {view}", "Change the view", lambda k=k: app.set_view(k))
