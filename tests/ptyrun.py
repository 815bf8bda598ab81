"""A program in a pseudo-terminal of a given size, as a user starts it, killed whatever happens."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import termios
from collections.abc import Iterator
from contextlib import contextmanager, suppress


class PtyProgram:
    def __init__(self, pid: int, fd: int) -> None:
        self.pid = pid
        self.fd = fd
        self.status: int | None = None

    def wait(self) -> int:
        """Wait for the program to end; its exit status as ``os.waitpid`` gives it."""
        _, self.status = os.waitpid(self.pid, 0)
        return self.status


@contextmanager
def in_pty(argv: list[str], env: dict[str, str], cwd: str, rows: int = 30, cols: int = 100) -> Iterator[PtyProgram]:
    pid, fd = pty.fork()
    if pid == 0:  # the child
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.chdir(cwd)
        os.execve(argv[0], argv, env)
    program = PtyProgram(pid, fd)
    try:
        yield program
    finally:
        if program.status is None:
            with suppress(ProcessLookupError):  # ended on its own meanwhile
                os.kill(pid, 9)
            os.waitpid(pid, 0)
        os.close(fd)


def user_env(**extra: str) -> dict[str, str]:
    """The environment without this project's settings and pytest's terminal size (COLUMNS and LINES
    would override the pseudo-terminal's own)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ITU_REVIEW_", "PYTHON")) and k not in ("COLUMNS", "LINES")}
    env.update({"TERM": "xterm-256color", **extra})
    return env
