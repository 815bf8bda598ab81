"""The state of the "by text" view and its drawing: which text, which stop, the plans laid out so far,
the pane, the details and the title. The screen (``screen``) lays it out and loads it; moving
(``walking``) and deciding (``deciding``) are rooms of their own on top of this one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from rich.text import Text
from textual.screen import ModalScreen

from ...conference.grouping import ByText
from ...display.render import Look
from ...display.sanitize import clean
from ...session import ReviewSession, Undo
from ..keys import WHOLE_PROPOSAL
from ..watch import LogWatcher
from ..widgets import EditPanel, KeyBar, ProposalPane, TitleBar
from ..widgets.edit_panel import edit_details, proposal_details
from .drawing import TextDrawing
from .plan import Locator, Stop, TextPlan, change_count, plan_text
from .text_list import TextList

if TYPE_CHECKING:
    from ...basetexts import Collection


class Reviewing(Protocol):
    """What this view needs of the app."""

    session: ReviewSession | None
    collection: Collection | None
    look: Look
    base_paths: list[str]
    watcher: LogWatcher | None

    def go(self, item: int, edit: int) -> None: ...


class TextView(ModalScreen[None]):
    """What every room of the view shares."""

    def __init__(self) -> None:
        super().__init__()
        #: set by ``open_by_text``: the next resume comes from the by-package view
        self.entering = False
        self.by_text: ByText | None = None
        self.locate: Locator | None = None
        self.plans: dict[int, TextPlan] = {}
        self.group_of_item: dict[int, int] = {}
        self.g = -1  # the text shown (a group index)
        self.k = 0  # the current stop of that text
        self.drawing: TextDrawing | None = None
        self._watching: tuple[LogWatcher, Callable[[set[int]], None]] | None = None
        #: stops whose status changed since the text was last drawn (None: any may have)
        self._changed: set[int] | None = set()
        #: decisions made together across packages (A, R): the session's undo steps of each
        self._together: list[list[Undo]] = []

    @property
    def reviewing(self) -> Reviewing:
        return cast(Reviewing, self.app)

    @property
    def session(self) -> ReviewSession:
        s = self.reviewing.session
        assert s is not None
        return s

    # -- the text shown -------------------------------------------------------------------------------
    def plan(self, g: int) -> TextPlan:
        plan = self.plans.get(g)
        if plan is None:
            assert self.by_text is not None and self.locate is not None
            plan = self.plans[g] = plan_text(self.by_text.groups[g], self.locate)
        return plan

    @property
    def current(self) -> Stop | None:
        if self.g < 0:
            return None
        stops = self.plan(self.g).stops
        return stops[self.k] if 0 <= self.k < len(stops) else None

    def show(self, g: int, k: int, top: bool = False) -> None:
        """Text ``g`` at its stop ``k``; the session moves there too."""
        if g != self.g:
            self.drawing = None
            self.g = g
            self.query_one(TextList).select_text(g)
        self.k = k
        stop = self.current
        if stop is not None:
            edits = self.session.items[stop.item].prop.edits
            pos = next((j for j, e in enumerate(edits) if e is stop.edit), 0)
            self.session.goto(stop.item, pos)
        self.redraw(top=top)

    def _follow_session(self) -> bool:
        """Show the session's current edit, if it is on a text; False when it is not."""
        s = self.session
        it = s.current
        g = self.group_of_item.get(s.item) if it is not None else None
        if it is None or g is None:
            return False
        e = s.current_edit
        k = self.plan(g).stop_of((it.pkg, e.index) if e is not None else (it.pkg, it.prop.id))
        self.show(g, k or 0, top=g != self.g)
        return True

    def redraw(self, reveal: bool = True, top: bool = False) -> None:
        if self.g < 0:
            return
        pane = self.query_one(ProposalPane)
        look = self.reviewing.look
        if self.drawing is None or self.drawing.look is not look or self.drawing.width != max(pane.draw_width, 24):
            self.drawing = TextDrawing(self.plan(self.g), self.session, look, pane.draw_width)
        pane.set_rows(self.drawing.rows(self.k, self._changed), top=top)
        self._changed = set()
        if reveal and not top:
            self._reveal(pane)
        elif top and self.k:  # a text just shown, deep in it: once the pane knows its new length
            self.call_after_refresh(self._reveal, pane)
        self._details()
        self._title()
        self.query_one(KeyBar).relabel()

    def key_labels(self) -> dict[str, str]:
        """On a proposal decided as a whole (no edits), ``a`` and ``r`` support and oppose it: the key bar says so."""
        stop = self.current
        return WHOLE_PROPOSAL if stop is not None and stop.edit is None else {}

    def _reveal(self, pane: ProposalPane) -> None:
        """The current stop's paragraph, change and source lines in view, as far as they fit."""
        assert self.drawing is not None
        first, last = self.drawing.rows_of_stop(self.k)
        top, height = pane.scroll_offset.y, max(pane.size.height, 1)
        if top <= first and last < top + height:
            return
        if last - first >= height - 1:  # a long paragraph: its change and sources, the paragraph's end above
            first = self.drawing.rows_of_stop(self.k, paragraph=False)[0]
        y = first - 1
        pane.scroll_to(y=max(0, y), animate=False, immediate=True)

    def _details(self) -> None:
        stop = self.current
        panel = self.query_one(EditPanel)
        if stop is None:
            panel.update(Text("No proposals on this text.", end=""))
            return
        s = self.session
        plan = self.plan(self.g)
        where = plan.where[self.k]
        head = Text(end="")
        head.append(clean(plan.group.short), "bold")
        head.append(f" \u00b7 {self.k + 1}/{len(plan.stops)}")
        if where.change is not None:
            head.append(f" \u00b7 \u00b6{where.para + 1}")
        if where.collision is not None:
            others = dict.fromkeys(f"{e.id} ({e.source})" for c in where.collision.changes if c is not where.change
                                   for e in c.entries)
            head.append(f" \u00b7 collision {where.collision_no} with {clean(', '.join(others))}", "bold yellow")
        elif where.change is not None and where.change.identical:
            # the sources are named on the change's heading in the pane, just above
            head.append(f" \u00b7 the same change from {change_count(where.change)}", "bold")
        elif where.unplaced:
            head.append(" \u00b7 not placed in the text in force")
        head.append(f" \u00b7 {clean(stop.entry.package.path.rsplit('/', 1)[-1])}\n", "dim")
        it = s.items[stop.item]
        if stop.edit is None:
            body = proposal_details(it.prop, s.standing(it), s.reviewer)
        else:
            pos = next((j for j, e in enumerate(it.prop.edits) if e is stop.edit), 0)
            body = edit_details(stop.edit, s.states[stop.pkg].decisions(stop.edit.index), s.reviewer,
                                f"{pos + 1}/{len(it.prop.edits)} of {it.prop.id}", it.prop, s.standing(it))
        panel.update(head + body)

    def _title(self) -> None:
        s = self.session
        done, total = s.totals()
        waiting = s.to_confirm()
        confirm = f" \u00b7 {waiting} to confirm" if waiting else ""
        self.query_one(TitleBar).show(f"itu-review \u2014 by text \u00b7 {s.reviewer} \u00b7 {done}/{total} decided{confirm}")

    def _refresh_text(self, g: int) -> None:
        assert self.by_text is not None and self.locate is not None
        self.query_one(TextList).refresh_text(self.session, self.locate, self.by_text.groups, g)
