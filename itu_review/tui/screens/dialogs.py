"""Small modal screens. Any document text shown here goes in as ``Text``, never as markup."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class NoteScreen(ModalScreen[str | None]):
    """Asks for the note of a flag: Enter saves, Escape cancels."""

    DEFAULT_CSS = """
    NoteScreen { align: center middle; }
    NoteScreen > Vertical { width: 70; max-width: 95%; height: auto; border: thick $warning; background: $panel;
                            padding: 1 2; }
    NoteScreen Input { margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="note.cancel")]

    def __init__(self, title: str, initial: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), id="note-title")
            yield Static(Text("What needs discussing? Enter saves, Escape cancels.", style="dim"))
            yield Input(value=self.initial, placeholder="note for the committee", id="note-input")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        note = event.value.strip()
        if note:
            self.dismiss(note)
        else:
            self.notify("A flag needs a note.", severity="warning")

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question that says exactly what will happen."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical { width: 64; max-width: 95%; height: auto; border: thick $accent; background: $panel;
                               padding: 1 2; }
    """
    BINDINGS = [Binding("y", "answer(True)", "Yes", id="confirm.yes"),
                Binding("n,escape", "answer(False)", "No", id="confirm.no")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question))
            yield Static(Text("y: yes    n / Escape: no", style="bold"))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class HelpScreen(ModalScreen[None]):
    """Every key, what it does, and the filter syntax."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 76; max-width: 98%; height: auto; max-height: 95%; border: thick $primary;
                            background: $panel; padding: 0 2; overflow-y: auto; }
    """
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help.close")]

    def __init__(self, lines: list[tuple[str, str]]) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        t = Text()
        t.append("itu-review — keys\n\n", "bold")
        for key, what in self.lines:
            t.append(f"{key:>12}  ", "bold")
            t.append(f"{what}\n")
        t.append("\nFilter (f in the list, or ctrl+l): words match id, target or title; "
                 "action:MOD, status:pending, status:flags narrow it.\n", "dim")
        t.append("Every decision is written to the log as it is made. Escape closes this.", "dim")
        with Vertical():
            yield Static(t)

    def action_close(self) -> None:
        self.dismiss(None)
