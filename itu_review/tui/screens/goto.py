"""Go to a proposal or an edit by its id: ``B/67/1``, ``B/67/1#3``, or ``#3`` in this proposal."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from ...display.sanitize import clean


class GotoScreen(ModalScreen[str | None]):
    """Answers the id typed (checked by ``exists`` before it closes), or None (Escape)."""

    DEFAULT_CSS = """
    GotoScreen { align: center middle; }
    GotoScreen > Vertical { width: 64; max-width: 95%; height: auto; border: thick $accent; background: $panel;
                            padding: 1 2; }
    GotoScreen Input { margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="goto.cancel")]

    def __init__(self, ids: list[str], exists: Callable[[str], bool]) -> None:
        super().__init__()
        self.ids = ids
        self.exists = exists

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Go to a proposal or an edit", style="bold"))
            yield Static(Text("B/67/1, B/67/1#3, or #3 in this proposal. Enter goes, Escape cancels.", style="dim"))
            yield Input(placeholder="id", id="goto-input",
                        suggester=SuggestFromList(self.ids, case_sensitive=False))
            yield Static(Text(""), id="goto-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        ref = event.value.strip()
        if self.exists(ref):
            self.dismiss(ref)
        else:
            self.query_one("#goto-error", Static).update(Text(f"No proposal or edit \u201c{clean(ref)}\u201d here.", style="bold"))

    def action_cancel(self) -> None:
        self.dismiss(None)
