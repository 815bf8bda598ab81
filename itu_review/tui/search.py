"""Search: Enter goes to each match in turn — within the proposal, then on through the next proposals
that hold the text (wrapping) — and every match of the proposal on screen is highlighted.

Matches are found in what is drawn (the rows of the pane), so that the highlight sits exactly on
the text a person sees: each column of the side-by-side view is searched on its own, a word wrapped
onto the next row still matches, and case, presentation forms, harakat and tatweel are folded as
``normalize`` folds them. A row holding right-to-left text is drawn in visual order, so it is also
searched for the query reversed. Which proposals hold the text is decided on the logical text (the
document's), so a match in text the current view does not draw still counts, and is said so.

The search box's border says where you are ("match 2 of 5 in B/67/1"): no notification is stacked
over the details.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from rich.cells import get_character_cell_size
from rich.text import Text
from textual.app import App
from textual.widgets import Input

from ..display.sanitize import clean
from ..normalize import normalize
from ..session import ReviewSession
from .widgets import ProposalPane
from .widgets.proposal_pane import Highlights, Row

SEP = " \u2502 "
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


@lru_cache(maxsize=8192)
def fold(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` folded for matching (as ``normalize`` folds), with each folded character's index in ``text``."""
    out: list[str] = []
    where: list[int] = []
    space = True
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space:
                out.append(" ")
                where.append(i)
                space = True
            continue
        f = ch.lower() if ch.isascii() else normalize(ch)
        for c in f:
            out.append(c)
            where.append(i)
        if f:
            space = False
    return "".join(out), tuple(where)


def column_ranges(plain: str, col: int | None) -> list[tuple[int, int]]:
    """The character ranges of a row's columns: two in a side-by-side row, else the whole row."""
    if col is None:
        return [(0, len(plain))]
    cells = i = 0
    while i < len(plain) and cells < col:
        cells += get_character_cell_size(plain[i])
        i += 1
    if cells == col and plain[i:i + len(SEP)] == SEP:
        return [(0, i), (i + len(SEP), len(plain))]
    return [(0, len(plain))]


def _occurrences(hay: str, needle: str) -> list[int]:
    out, k = [], hay.find(needle)
    while k >= 0:
        out.append(k)
        k = hay.find(needle, k + 1)
    return out


def find_matches(rows: Sequence[Row], query: str, col: int | None = None) -> list[tuple[int, int, int]]:
    """(row, start, end) of every match of ``query`` in the drawn rows, top to bottom, left to right.

    ``col``: the width of the left column in a side-by-side drawing (None: one column). A match that
    runs on over a wrapped row is given as one piece per row.
    """
    needle = normalize(query)
    if not needle:
        return []
    found: list[tuple[int, int, int]] = []
    # the column streams being read: slot -> (folded text, (row, char) of each folded character)
    streams: dict[object, tuple[list[str], list[tuple[int, int]]]] = {}

    def flush(slot: object) -> None:
        buf = streams.pop(slot, None)
        if not buf:
            return
        hay = "".join(buf[0])
        for k in _occurrences(hay, needle):
            _pieces(buf[1][k:k + len(needle)])

    def _pieces(places: list[tuple[int, int]]) -> None:
        by_row: dict[int, list[int]] = {}
        for r, c in places:
            if r >= 0:
                by_row.setdefault(r, []).append(c)
        for r, cs in by_row.items():
            found.append((r, min(cs), max(cs) + 1))

    for r, (text, _) in enumerate(rows):
        plain = text.plain
        ranges = column_ranges(plain, col)
        slots: list[object] = [0, 1] if len(ranges) == 2 else ["whole"]
        for other in [s for s in streams if s not in slots]:
            flush(other)
        for slot, (a, b) in zip(slots, ranges):
            piece = plain[a:b].rstrip()
            folded, where = fold(piece)
            if _RTL.search(piece):  # visual order: searched alone, as drawn and read back right to left
                flush(slot)
                for k in _occurrences(folded, needle):  # a left-to-right run within it (numbers, Latin)
                    _pieces([(r, a + where[j]) for j in range(k, k + len(needle))])
                back, back_where = fold(piece[::-1])  # logical order again; ligatures unfold the right way
                last = len(piece) - 1
                for k in _occurrences(back, needle):
                    _pieces([(r, a + last - back_where[j]) for j in range(k, k + len(needle))])
                continue
            chars, places = streams.setdefault(slot, ([], []))
            if not folded:
                flush(slot)
                continue
            if chars:
                chars.append(" ")
                places.append((-1, -1))
            chars.append(folded)
            places.extend((r, a + w) for w in where)
    for slot in list(streams):
        flush(slot)
    return sorted(set(found))


def holds(session: ReviewSession, k: int, query: str) -> bool:
    """Whether proposal ``k`` holds ``query`` in its logical text (deleted and inserted alike)."""
    needle = normalize(query)
    it = session.items[k]
    if needle in normalize(f"{it.prop.id} {it.prop.title}"):
        return True
    paras = session.packages[it.pkg].paragraphs
    return any(needle in normalize(paras[pi].any_text)
               for pi in (*it.prop.header_paras, *it.prop.paras, *it.prop.reason_paras))


@dataclass
class SearchState:
    query: str = ""
    item: int = -1
    hits: list[tuple[int, int, int]] = field(default_factory=list)
    pos: int = -1


class SearchActions(App[None]):
    """The app's search: the box, Enter to go on, the highlight."""

    session: ReviewSession | None
    search: SearchState

    if TYPE_CHECKING:  # provided by the app
        def redraw(self, reveal: bool = True, top: bool = False) -> None: ...

        def side_column(self) -> int | None: ...

    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        box.display = True
        box.value = self.search.query
        box.focus()

    def close_search(self) -> None:
        self.search = SearchState()
        box = self.query_one("#search", Input)
        box.border_title = None
        box.display = False
        self.query_one(ProposalPane).set_highlights({})

    def _say(self, text: str) -> None:
        """Where the search stands, in the box's border (as ``Text``: the query is never markup)."""
        self.query_one("#search", Input).border_title = Text(clean(text), end="")

    def search_highlights(self) -> None:
        """After a redraw: the matches of the proposal on screen, the current one marked."""
        st, s = self.search, self.session
        pane = self.query_one(ProposalPane)
        if not st.query or s is None or st.item != s.item:
            pane.set_highlights({})
            return
        st.hits = find_matches(pane.rows, st.query, self.side_column())
        marks: Highlights = {}
        for n, (r, a, b) in enumerate(st.hits):
            marks.setdefault(r, []).append((a, b, n == st.pos))
        pane.set_highlights(marks)

    def search_next(self, query: str) -> None:
        """Enter in the search box: the next match, in this proposal or the next that holds it."""
        s = self.session
        if s is None or not normalize(query):
            return
        st = self.search
        pane = self.query_one(ProposalPane)
        if query != st.query or st.item != s.item:
            st.query, st.item, st.pos = query, s.item, -1
            st.hits = find_matches(pane.rows, query, self.side_column())
            top = pane.scroll_offset.y
            st.pos = next((n for n, h in enumerate(st.hits) if h[0] >= top), len(st.hits)) - 1
        if st.pos + 1 < len(st.hits):
            st.pos += 1
            self._show_hit()
            return
        n = len(s.items)
        for step in range(1, n + 1):
            k = (s.item + step) % n
            if holds(s, k, query):
                self._enter(k)
                return
        self._say(f"not found: {query}")
        self.bell()

    def _enter(self, k: int) -> None:
        """Open proposal ``k`` at its first match (the current edit: the first at or after it)."""
        s = self.session
        assert s is not None
        pane = self.query_one(ProposalPane)
        if k != s.item:
            s.goto(k, 0)
            self.redraw(reveal=False, top=True)
        st = self.search
        st.item, st.pos = k, 0
        st.hits = find_matches(pane.rows, st.query, self.side_column())
        if not st.hits:
            self._say(f"in {s.items[k].prop.id}, in text this view does not show (v: another view)")
            self.search_highlights()
            return
        self._show_hit()

    def _show_hit(self) -> None:
        s, st = self.session, self.search
        assert s is not None and s.current is not None
        pane = self.query_one(ProposalPane)
        row = st.hits[st.pos][0]
        edits = s.current.prop.edits
        if edits:  # the edit to act on: the first drawn at or after the match, else the last before it
            rows_of = [pane.row_of_edit(e.index) for e in edits]
            after = [j for j, r in enumerate(rows_of) if r is not None and r >= row]
            before = [j for j, r in enumerate(rows_of) if r is not None and r < row]
            s.edit = after[0] if after else (before[-1] if before else s.edit)
        self.redraw(reveal=False)
        pane.reveal_row(row)
        self._say(f"match {st.pos + 1} of {len(st.hits)} in {s.current.prop.id} · Enter: next")
