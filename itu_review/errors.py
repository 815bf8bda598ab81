"""Errors a user can meet, and the exit codes the command line maps them to."""

from __future__ import annotations

import enum
from pathlib import Path


class ExitCode(enum.IntEnum):
    """Documented exit codes of every `itu-review` command."""

    OK = 0
    FINDINGS = 1  # the command ran and found problems (check, merge with disagreements)
    INTERNAL = 1  # an internal error (a bug): one line, and the traceback in a crash report
    USAGE = 2
    BAD_INPUT = 3  # unreadable or invalid input


def one_line(message: str) -> str:
    """A message as one terminal line: its lines joined (an XML parser's message can hold several) and
    every control character shown, not obeyed (file names and document text can carry escapes)."""
    from .display.sanitize import clean

    return clean(" ".join(part.strip() for part in message.splitlines() if part.strip()))


class ItuReviewError(Exception):
    """Base of the errors the CLI turns into one line and an exit code."""

    exit_code = ExitCode.BAD_INPUT


class InputError(ItuReviewError):
    """A file could not be read as what it should be."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class UsageError(ItuReviewError):
    """The command's arguments do not make sense together."""

    exit_code = ExitCode.USAGE


class InternalError(ItuReviewError):
    """A bug met while working on one file among many, already saved in a crash report: the line names
    the file and the report (exit 1, as for any internal error)."""

    exit_code = ExitCode.INTERNAL

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
