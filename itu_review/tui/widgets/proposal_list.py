"""The list of proposals: status glyph, action, id, target and progress; filterable.

With several packages open (a conference), each package's proposals come under a line naming the
package: at the end of each proposal's line its file name was cut off (``… Res. 130 e…``), and three
``AFCP/12A1/1`` from a package, its reissue and a text copy could not be told apart.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Region
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...display.sanitize import clean
from ...session import GLYPHS, ReviewSession
from ...stops import Item

SHORT_KIND = {"resolution": "Res.", "decision": "Dec.", "recommendation": "Rec.", "article": "Art.",
              "appendix": "App.", "constitution": "CS", "convention": "CV", "rr_provision": "RR"}
PROMPT_WIDTH = 36


def short_target(item: Item) -> str:
    t = item.prop.target
    if not t.kind:
        return ""
    if t.kind == "draft":
        return f"new [{t.number}]" if t.number else "new"
    return f"{SHORT_KIND.get(t.kind, t.kind)} {t.number}"


def item_prompt(session: ReviewSession, item: Item, width: int = PROMPT_WIDTH) -> Text:
    """One line: status glyph, action, id, progress, flags, target — cut to the list's width."""
    done, total, flags = session.progress(item)
    status = session.proposal_status(item)
    t = Text(no_wrap=True, overflow="ellipsis", end="")
    t.append(GLYPHS.get(status, "?") + " ")
    t.append(f"{item.prop.action or '—':3}", "bold")
    t.append(f" {clean(item.prop.id)}")
    if total:
        t.append(f" {done}/{total}")
    if flags:
        t.append(f" \u2691{flags}")
    chk = session.checks.get((item.pkg, item.prop.id))
    if chk is not None and chk.problems:
        t.append(" \u26a0", "bold yellow")
    elif item.prop.warnings:
        t.append(" !", "yellow")
    target = short_target(item)
    if target:
        t.append(f" {clean(target)}", "dim")
    t.truncate(max(width, 8), overflow="ellipsis")
    return t


def package_heading(session: ReviewSession, pkg: int, count: int, width: int = PROMPT_WIDTH) -> Text:
    """The line above a package's proposals: its file name, and how many of its proposals are listed."""
    t = Text(no_wrap=True, overflow="ellipsis", end="")
    t.append(clean(session.packages[pkg].path.rsplit("/", 1)[-1]), "bold")
    t.append(f" \u00b7 {count}", "dim")
    t.truncate(max(width, 8), overflow="ellipsis")
    return t


def matches(session: ReviewSession, item: Item, query: str) -> bool:
    """Filter words: action:MOD, status:pending (or flags, accepted …), or text in id/target/title."""
    for word in query.lower().split():
        if word.startswith("action:"):
            if item.prop.action.lower() != word[7:]:
                return False
        elif word.startswith("status:"):
            if word[7:] not in session.proposal_status(item).replace(" ", "-"):
                return False
        else:
            hay = f"{item.prop.id} {item.prop.target.label()} {item.prop.title}".lower()
            if word not in hay:
                return False
    return True


class ProposalList(OptionList):
    DEFAULT_CSS = """
    ProposalList { width: 1fr; height: 1fr; padding: 0; border-title-color: $foreground; border-title-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        #: the items listed, in order
        self.shown: list[int] = []
        #: each listed item's option (after its package's heading, when several packages are open)
        self._option: dict[int, int] = {}

    def fill(self, session: ReviewSession, query: str = "") -> None:
        """The proposals the filter ``query`` keeps, under their package's name when several are open; the
        list's title names the filter while it is active."""
        several = len(session.packages) > 1
        self.shown = [k for k, it in enumerate(session.items) if matches(session, it, query)]
        width = self.prompt_width
        counts: dict[int, int] = {}
        for k in self.shown:
            counts[session.items[k].pkg] = counts.get(session.items[k].pkg, 0) + 1
        options: list[Option] = []
        self._option = {}
        last = -1
        for k in self.shown:
            it = session.items[k]
            if several and it.pkg != last:
                options.append(Option(package_heading(session, it.pkg, counts[it.pkg], width), disabled=True))
                last = it.pkg
            self._option[k] = len(options)
            options.append(Option(item_prompt(session, it, width), id=str(k)))
        self.set_options(options)
        query = " ".join(query.split())
        if query:
            self.border_title = Text(f"filter {len(self.shown)}/{len(session.items)}: {clean(query)}", "bold")
        else:
            n = len(session.items)
            self.border_title = f"{n} proposal{'s' if n != 1 else ''}"

    @property
    def prompt_width(self) -> int:
        return self.scrollable_content_region.width - 1 if self.size.width else PROMPT_WIDTH

    def refresh_item(self, session: ReviewSession, k: int) -> None:
        """New progress for one proposal: repaint its one line, not the list (it matters over SSH)."""
        index = self._option.get(k)
        if index is None:
            return
        prompt = item_prompt(session, session.items[k], self.prompt_width)
        option = self.get_option_at_index(index)
        cache = getattr(self, "_option_render_cache", None)
        if cache is None or not hasattr(option, "_set_prompt"):
            self.replace_option_prompt_at_index(index, prompt)  # the public way: repaints the whole list
            return
        option._set_prompt(prompt)
        # a prompt is one line, cut to the width: the line layout stays, only this option's look changes
        cache.clear()
        self.refresh(Region(0, index - self.scroll_offset.y, self.size.width, 1))

    def select_item(self, k: int) -> None:
        if k in self._option:
            self.highlighted = self._option[k]

    def line_of(self, k: int) -> str:
        """Item ``k``'s line as drawn (plain), "" when the filter leaves it out."""
        index = self._option.get(k)
        return "" if index is None else str(self.get_option_at_index(index).prompt)
