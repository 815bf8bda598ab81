"""Modal screens: the notes, confirmations, help, the summary, going to an id."""

from .dialogs import ConfirmScreen, HelpScreen, NoteScreen
from .goto import GotoScreen
from .summary import SummaryScreen

__all__ = ["ConfirmScreen", "GotoScreen", "HelpScreen", "NoteScreen", "SummaryScreen"]
