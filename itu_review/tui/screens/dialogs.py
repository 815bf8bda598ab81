"""Small modal screens. Any document text shown here goes in as ``Text``, never as markup."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...display.sanitize import clean
from ..widgets.text_input import TextInput


#: The note dialog's height at 80 columns (border, title, hint, the box); a longer hint wraps to one more.
NOTE_ROWS = 8


def place_clear_of(screen_rows: int, first: int, last: int, rows: int = NOTE_ROWS) -> str:
    """Where a dialog ``rows`` lines tall leaves screen rows ``first``..``last`` (what it is about) in view:
    "bottom" when it fits below them, "top" when above, else the side away from where they begin.

    Centred, the flag dialog covered the very edit being flagged at 80x24 (AFCP/12A1/1#3, a footnote)."""
    if screen_rows - 1 - last >= rows:
        return "bottom"
    if first >= rows:
        return "top"
    return "bottom" if first < screen_rows // 2 else "top"


class NoteScreen(ModalScreen[str | None]):
    """Asks for a note (a flag's, or a note alone): Enter saves, Escape cancels. ``place`` ("top",
    "bottom"; centred by default) keeps the edit it is about in view (``place_clear_of``)."""

    DEFAULT_CSS = """
    NoteScreen { align: center middle; }
    NoteScreen.-top { align: center top; }
    NoteScreen.-bottom { align: center bottom; }
    NoteScreen > Vertical { width: 70; max-width: 95%; height: auto; border: thick $warning; background: $panel;
                            padding: 0 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="note.cancel")]

    def __init__(self, title: str, initial: str = "", hint: str = "What needs discussing? Enter saves, Escape cancels.",
                 required: str = "A flag needs a note.", place: str = "") -> None:
        super().__init__(classes=f"-{place}" if place else None)
        self.title_text = title
        self.initial = initial
        self.hint = hint
        #: what to say when Enter is pressed on an empty note ("": an empty note is an answer too)
        self.required = required

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(clean(self.title_text)), id="note-title")
            yield Static(Text(self.hint, style="dim"))
            # the note so far, the cursor after it: typing adds to it (select_on_focus would replace it)
            yield TextInput(value=self.initial, placeholder="note for the committee", id="note-input",
                        select_on_focus=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        note = event.value.strip()
        if note or not self.required:
            self.dismiss(note)
        else:
            self.notify(self.required, severity="warning")

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
            yield Static(Text(clean(self.question)))
            yield Static(Text("y: yes    n / Escape: no", style="bold"))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class HelpScreen(ModalScreen[None]):
    """Every key, what it does, and the filter syntax (scrolls with the arrow keys)."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 76; max-width: 98%; height: auto; max-height: 95%; border: thick $primary;
                            background: $panel; padding: 0 2; overflow-y: auto; }
    """
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help.close")]

    def __init__(self, lines: list[tuple[str, str]], note: str = "", title: str = "itu-review — keys") -> None:
        super().__init__()
        self.lines = lines
        #: what to say under the keys instead of the filter's syntax (another view's)
        self.note = note
        self.title_text = title

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        keys.add_column(justify="right", style="bold", no_wrap=True)
        keys.add_column()
        for key, what in self.lines:
            keys.add_row(Text(key), Text(clean(what)))
        foot = Text(end="")
        foot.append((self.note or "Filter (ctrl+f): words match id, target or title; action:MOD, status:pending, "
                     "status:flags narrow it; Escape in the filter clears it.") + "\n", "dim")
        foot.append("Every decision is written to the log as it is made. Escape closes this.", "dim")
        with VerticalScroll():
            yield Static(Text(clean(self.title_text) + "\n", style="bold"))
            yield Static(keys)
            yield Static(Text(""))
            yield Static(foot)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()  # arrow keys and page keys scroll a long help

    def action_close(self) -> None:
        self.dismiss(None)
