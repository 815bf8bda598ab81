"""An input box that keeps every character a person types into a note, a search or a filter.

Textual's ``Input`` inserts a key's character only when ``str.isprintable()`` says so, and Python calls
the no-break spaces (U+00A0, U+202F: French puts them before ; : ! ? and inside « ») and the format
characters (ZWNJ and ZWJ, which Persian and Arabic typing needs; LRM and RLM) unprintable: they were
dropped without a word from the notes a reviewer typed. Here separators and format characters are
inserted as typed; control characters still are not. What is typed is data: it is shown through the
cleaner, which names any invisible character where it matters.
"""

from __future__ import annotations

import unicodedata

from textual import events
from textual.widgets import Input

#: Unicode categories typed characters may have beyond what ``str.isprintable`` accepts.
KEPT_CATEGORIES = frozenset({"Zs", "Cf"})


def kept(ch: str | None) -> bool:
    """A typed character ``Input`` would drop that a note must keep."""
    return (ch is not None and len(ch) == 1 and not ch.isprintable()
            and unicodedata.category(ch) in KEPT_CATEGORIES)


class TextInput(Input):
    """``Input``, keeping no-break spaces and format characters as typed."""

    async def _on_key(self, event: events.Key) -> None:
        ch = event.character
        if kept(ch):
            assert ch is not None
            event.stop()
            event.prevent_default()
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(ch)
            else:
                self.replace(ch, *selection)
            return
        await super()._on_key(event)
