"""Deciding a proposal as a whole: a reviewer's verdict (``P``), and the outcome the conference reached
(from the palette). Both ask for what they need and nothing more; document text goes in as ``Text``."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...decisions import OUTCOMES
from ...display.sanitize import clean
from ...proposal_verdicts import NEEDS_REF
from ..widgets.text_input import TextInput

#: (key, verdict, what it does) offered for a proposal as a whole
CHOICES = [("s", "support", "support the proposal"), ("o", "oppose", "oppose the proposal"),
           ("f", "flag", "flag it for discussion (asks for a note)"), ("m", "note", "a note, keeping your verdict"),
           ("c", "clear", "clear your verdict on it")]


class ProposalVerdictScreen(ModalScreen[str | None]):
    """Answers the verdict chosen (support, oppose, flag, note, clear), or None (Escape)."""

    DEFAULT_CSS = """
    ProposalVerdictScreen { align: center middle; }
    ProposalVerdictScreen > Vertical { width: 70; max-width: 95%; height: auto; border: thick $accent;
                                       background: $panel; padding: 1 2; }
    """
    BINDINGS = [Binding("escape", "choose('')", "Cancel", id="proposal.cancel"),
                *(Binding(key, f"choose('{verdict}')", verdict, id=f"proposal.{verdict}") for key, verdict, _ in CHOICES)]

    def __init__(self, title: str, standing: str) -> None:
        super().__init__()
        self.title_text = title
        self.standing = standing

    def compose(self) -> ComposeResult:
        t = Text(end="")
        t.append(clean(self.title_text) + "\n", "bold")
        t.append(clean(self.standing) + "\n\n", "dim")
        for key, _, what in CHOICES:
            t.append(f"  {key}  ", "bold")
            t.append(what + "\n")
        t.append("  Escape  cancel", "dim")
        with Vertical():
            yield Static(t)

    def action_choose(self, verdict: str) -> None:
        self.dismiss(verdict or None)


class OutcomeScreen(ModalScreen[tuple[str, str, str] | None]):
    """Answers (outcome, ref, note) for a proposal, or None (Escape). The reference is asked for where
    the outcome needs one (the text that replaces it, what it was merged into, to whom it was referred)."""

    DEFAULT_CSS = """
    OutcomeScreen { align: center middle; }
    OutcomeScreen > Vertical { width: 72; max-width: 95%; height: auto; max-height: 90%; border: thick $accent;
                               background: $panel; padding: 1 2; }
    OutcomeScreen OptionList { height: auto; max-height: 13; }
    OutcomeScreen Input { margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="outcome.cancel")]

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title_text = title
        self.outcome = ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(clean(self.title_text), style="bold"))
            yield Static(Text("The outcome the conference reached (clear: withdraw one recorded by mistake).",
                              style="dim"))
            yield OptionList(*(Option(Text(o), id=o) for o in OUTCOMES), id="outcomes", markup=False)
            yield Static(Text(""), id="outcome-ask")
            yield TextInput(placeholder="reference (a document, a proposal, a body)", id="outcome-ref")
            yield TextInput(placeholder="note (optional); Enter records", id="outcome-note")

    def on_mount(self) -> None:
        self.query_one("#outcome-ref").display = False
        self.query_one("#outcome-note").display = False
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.outcome = event.option.id or ""
        # the list goes once an outcome is chosen: at 80x24 it left no room for the boxes below it, and the
        # reference was typed into a box out of sight (Escape cancels, to choose another)
        event.option_list.display = False
        ask = self.query_one("#outcome-ask", Static)
        ref = self.query_one("#outcome-ref", Input)
        note = self.query_one("#outcome-note", Input)
        if self.outcome in NEEDS_REF:
            ask.update(Text(f"{self.outcome}: {NEEDS_REF[self.outcome]} (Escape: cancel)", style="bold"))
            ref.display = True
            ref.focus()
        else:
            ask.update(Text(f"{self.outcome} (Escape: cancel)", style="bold"))
        note.display = True
        if self.outcome not in NEEDS_REF:
            note.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        ref = self.query_one("#outcome-ref", Input).value.strip()
        if event.input.id == "outcome-ref":
            if ref:
                self.query_one("#outcome-note", Input).focus()
            else:
                self.notify(f"{self.outcome} needs {NEEDS_REF[self.outcome]}.", severity="warning")
            return
        if self.outcome in NEEDS_REF and not ref:
            self.query_one("#outcome-ref", Input).focus()
            return
        self.dismiss((self.outcome, ref, self.query_one("#outcome-note", Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)
