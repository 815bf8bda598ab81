"""The bottom line: the keys that work here, as many as fit — help and quit always among them.

Textual's footer cuts its entries off at the right edge, so at 80 columns ``? Help`` was lost; this
bar drops the least wanted entries (``keys.KEY_BAR`` ranks them) until the rest fits, and keeps the
order of the bindings for the ones it shows. Keys come from the screen's active bindings, so a
remapped key shows as remapped; what a key does can depend on where the review is (``labels``: on a
proposal without edits ``a`` supports it, and the bar says so). A click on an entry runs its action.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from rich.text import Text
from textual import events
from textual.widget import Widget
from textual.widgets import Input

from ..keys import KEY_BAR

GAP = 2
#: the keys of the app's text boxes, by the box's id
INPUT_KEYS = {"search": [("Enter", "next match", ""), ("Escape", "close", "")],
              "filter": [("Enter", "keep the filter", ""), ("Escape", "clear it", "")]}


class KeyBar(Widget):
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar { height: 1; dock: bottom; background: $footer-background; color: $footer-foreground; }
    KeyBar > .key-bar--key { color: $footer-key-foreground; text-style: bold; }
    KeyBar > .key-bar--description { color: $footer-description-foreground; }
    """

    def __init__(self, *, id: str | None = None, ranking: list[str] | None = None,
                 also: Callable[[], Collection[str]] | None = None,
                 labels: Callable[[], Mapping[str, str]] | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []
        #: another screen's order of what to keep (``KEY_BAR`` by default)
        self.ranking = ranking or KEY_BAR
        #: actions of bindings not shown by default that the bar shows now (``b`` once a conference is open)
        self.also = also
        #: descriptions that stand for the bindings' own here, by action ("Support" for accept on a SUP)
        self.labels = labels
        self._labelled: dict[str, str] = {}

    def relabel(self) -> None:
        """Repaint when what the keys do has changed (a proposal without edits reached, or left)."""
        now = dict(self.labels()) if self.labels is not None else {}
        if now != self._labelled:
            self._labelled = now
            self.refresh()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.refresh())

    def entries(self) -> list[tuple[str, str, str]]:
        """(key, description, action) of every shown binding, one per action, in binding order; in a
        text box, what its keys do there (the app's letter keys type text in it)."""
        focused = self.app.focused
        hint = INPUT_KEYS.get(focused.id or "") if isinstance(focused, Input) else None
        if hint is not None:
            return hint
        seen: dict[str, tuple[str, str, str]] = {}
        also = self.also() if self.also is not None else ()
        self._labelled = dict(self.labels()) if self.labels is not None else {}
        for active in self.screen.active_bindings.values():
            b = active.binding
            if b.action in seen or not (b.show or b.action == "command_palette" or b.action in also):
                continue
            seen[b.action] = (self.app.get_key_display(b), self._labelled.get(b.action, b.description), b.action)
        return list(seen.values())

    def fitting(self, width: int) -> list[tuple[str, str, str]]:
        """The entries that fit ``width`` cells, dropping the least wanted first."""
        entries = self.entries()
        rank = {a: n for n, a in enumerate(self.ranking)}
        rank["command_palette"] = len(self.ranking)  # the palette is reachable by ctrl+p and named in help
        order = sorted(entries, key=lambda e: rank.get(e[2], len(self.ranking) + 1))

        def cost(es: list[tuple[str, str, str]]) -> int:
            return sum(len(k) + 1 + len(d) for k, d, _ in es) + GAP * max(len(es) - 1, 0) + 1

        keep = {a for _, _, a in order}
        while order and cost([e for e in entries if e[2] in keep]) > width:
            keep.discard(order.pop()[2])
        return [e for e in entries if e[2] in keep]

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        text_style = self.get_component_rich_style("key-bar--description")
        t = Text(" ", no_wrap=True, overflow="crop", end="")
        self._spans = []
        for n, (key, description, action) in enumerate(self.fitting(self.size.width)):
            if n:
                t.append(" " * GAP)
            start = t.cell_len
            t.append(key, key_style)
            t.append(" " + description, text_style)
            self._spans.append((start, t.cell_len, action))
        return t

    async def on_click(self, event: events.Click) -> None:
        for start, end, action in self._spans:
            if action and start <= event.x < end:
                await self.app.run_action(action)
                return
