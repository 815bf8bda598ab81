"""The left list of the "by text" view: each text with its proposals, actions and administrations.

``Res 130 · 6 MOD · 1 SUP · 7 adm. · 3/40``: the grouping's summary, then how many of the text's edits
(and proposals without edits) this reviewer has decided, after a status glyph worked out as the
by-package list works out a proposal's — a disagreement or a flag by anyone shows first.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Region
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ... import decisions as dlog
from ...conference.grouping import TextGroup
from ...display.sanitize import clean
from ...normalize import normalize
from ...session import DECIDED, GLYPHS, ReviewSession
from .plan import Locator


def text_status(session: ReviewSession, locate: Locator, group: TextGroup) -> tuple[str, int, int]:
    """(status, decided, total) over every edit of the text's proposals and each proposal without edits."""
    own: list[str] = []
    together: set[str] = set()
    for e in group.entries:
        pkg = locate.pkg(e)
        if not e.proposal.edits:
            st = session.proposal_status(session.items[locate.item(e)])
            own.append(st)
            together.add(st)
            continue
        for edit in e.proposal.edits:
            own.append(session.status(pkg, edit))
            together.add(session.combined(pkg, edit))
    decided = sum(s in DECIDED for s in own)
    if dlog.DISAGREE in together:
        return "disagreement", decided, len(own)
    if dlog.FLAGGED in together or "has flags" in together:
        return "has flags", decided, len(own)
    statuses = [dlog.PENDING if s == "pending" else dlog.ACCEPTED if s == "supported" else
                dlog.REJECTED if s == "opposed" else s for s in own]
    return dlog.proposal_status(statuses), decided, len(own)


def text_prompt(session: ReviewSession, locate: Locator, group: TextGroup, width: int) -> Text:
    """The status glyph, the summary and the progress; when they do not fit the width, on two lines or
    more, cut only between the summary's parts (``Res 130 · 6 MOD`` / ``  1 SUP · 7 adm. · 3/40``)."""
    status, decided, total = text_status(session, locate, group)
    width = max(width, 12)
    parts = [(clean(p), "") for p in group.summary().split(" \u00b7 ")] + [(f"{decided}/{total}", "dim")]
    t = Text(no_wrap=True, overflow="ellipsis", end="")
    t.append(GLYPHS.get(status, "?") + " ")
    col = 2
    for n, (part, style) in enumerate(parts):
        if n and col + 3 + len(part) > width:
            t.append("\n  ")
            col = 2
        elif n:
            t.append(" \u00b7 ")
            col += 3
        t.append(part, style)
        col += len(part)
    return t


def matches(group: TextGroup, query: str) -> bool:
    """Every word of the filter found: a word with a ``/`` in a proposal id (``B/67``), any other at the
    start of a word of the text's name or title, or of a source (``res 13`` keeps Res 13 and Res 130-139,
    not every text with a proposal numbered 13)."""
    words = normalize(query).split()
    if not words:
        return True
    names = set(normalize(f"{group.label} {group.short} {group.title}").replace("\u00b7", " ").split())
    names.update(normalize(m) for e in group.entries for m in e.members)
    ids = [normalize(e.id) for e in group.entries]
    return all(any(word in i for i in ids) if "/" in word else any(n.startswith(word) for n in names)
               for word in words)


class TextList(OptionList):
    DEFAULT_CSS = """
    TextList { width: 1fr; height: 1fr; padding: 0; border-title-color: $foreground; border-title-style: bold; }
    /* Without colour a grey shade is all the highlight has: bold and underlined, the text chosen stands out. */
    App:nocolor TextList > .option-list--option-highlighted { text-style: bold underline; }
    """
    SCOPED_CSS = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        #: the group index of each option shown
        self.shown: list[int] = []
        #: what the lines were last filled from and at which width: filled before the list had its size
        #: (36 cells assumed), a line of three kinds of action was wrapped again by the widget, inside a
        #: part ("· 1" over "SUP"), its count of administrations and its progress cut off
        self._filled: tuple[ReviewSession, Locator, list[TextGroup], str, int] | None = None

    @property
    def prompt_width(self) -> int:
        """The width the lines were made for (by ``fill``), or the list's own before any."""
        if self._filled is not None:
            return self._filled[4]
        return self.scrollable_content_region.width - 1 if self.size.width else 36

    def _width_for(self, lines: int) -> int:
        """The width to make ``lines`` lines for: room kept for the scrollbar when they will not fit, as it
        appears only once they are set (made at the width before it, a line of three kinds of action was
        wrapped again by the widget inside a part: "· 1" over "SUP", its progress cut off)."""
        if not self.size.width:
            return 36
        bar = self.styles.scrollbar_size_vertical if lines > self.content_region.height else 0
        return self.content_region.width - bar - 1

    def on_resize(self) -> None:
        """Lines made at another width are made again at this one (the text highlighted stays)."""
        if self._filled is None or self._filled[4] == self._width_for(2 * len(self.shown)):
            return
        session, locate, groups, query, _ = self._filled
        index = self.highlighted
        current = self.shown[index] if index is not None and index < len(self.shown) else None
        self.fill(session, locate, groups, query)
        if current is not None:
            self.select_text(current)

    def fill(self, session: ReviewSession, locate: Locator, groups: list[TextGroup], query: str = "") -> None:
        self.shown = [k for k, g in enumerate(groups) if matches(g, query)]
        width = self._width_for(2 * len(self.shown))  # most texts take two lines at a list's width
        self._filled = (session, locate, groups, query, width)
        self.set_options([Option(text_prompt(session, locate, groups[k], width), id=str(k)) for k in self.shown])
        query = " ".join(query.split())
        if query:
            self.border_title = Text(f"filter: {clean(query)} ({len(self.shown)}/{len(groups)} texts)", "bold")
        else:
            self.border_title = f"{len(groups)} text{'s' if len(groups) != 1 else ''}"

    def refresh_text(self, session: ReviewSession, locate: Locator, groups: list[TextGroup], k: int) -> None:
        """A text's line again (its progress changed): that line repainted, not the list — the whole list
        drawn again costs about 30 ms at 40 lines (measured on the bench conference), a keypress's budget."""
        if k not in self.shown:
            return
        index = self.shown.index(k)
        option = self.get_option_at_index(index)
        prompt = text_prompt(session, locate, groups[k], self.prompt_width)
        old = option.prompt
        cache = getattr(self, "_option_render_cache", None)
        if cache is None or not isinstance(old, Text) or old.plain.count("\n") != prompt.plain.count("\n"):
            self.replace_option_prompt_at_index(index, prompt)  # its height changes: the public way
            return
        option._set_prompt(prompt)
        for key in [key for key in cache.keys() if key[0] is option]:  # its renders only, not every line's
            cache.discard(key)
        line = self._lines.index((index, 0)) if (index, 0) in self._lines else index
        height = prompt.plain.count("\n") + 1
        self.refresh(Region(0, line - self.scroll_offset.y, self.size.width, height))

    def select_text(self, k: int) -> None:
        if k in self.shown:
            self.highlighted = self.shown.index(k)
