"""Errors a user can meet, and the exit codes the command line maps them to."""

from __future__ import annotations

import enum
from pathlib import Path


class ExitCode(enum.IntEnum):
    """Documented exit codes of every `itu-review` command."""

    OK = 0
    FINDINGS = 1  # the command ran and found problems (check, merge with disagreements)
    USAGE = 2
    BAD_INPUT = 3  # unreadable or invalid input


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
