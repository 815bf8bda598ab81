"""Modal screens: the flag note, confirmations, help."""

from .dialogs import ConfirmScreen, HelpScreen, NoteScreen

__all__ = ["ConfirmScreen", "HelpScreen", "NoteScreen"]
