"""itu-review: review ITU conference proposals (Word tracked changes) edit by edit."""

__version__ = "0.1.0"
