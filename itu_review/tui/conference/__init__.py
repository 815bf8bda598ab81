"""The conference in the app: the "by text" view (a screen of its own over the by-package view)."""

from .screen import ByTextScreen, by_text_command, open_by_text

__all__ = ["ByTextScreen", "by_text_command", "open_by_text"]
