"""The app in a real pseudo-terminal: it starts, draws, and sends little per keypress (slow links)."""

from __future__ import annotations

import os
import select
import sys
import time
from pathlib import Path

from .conftest import ROOT, SAMPLES
from .ptyrun import in_pty


def read_until_quiet(fd: int, quiet: float, limit: float) -> bytes:
    out = b""
    start = last = time.monotonic()
    while time.monotonic() - start < limit:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
            last = time.monotonic()
        elif out and time.monotonic() - last > quiet:
            break
    return out


def test_bytes_written_per_keypress_are_a_small_part_of_a_full_screen(tmp_path: Path) -> None:
    # the app, as a user starts it in a 100x30 terminal; COLUMNS and LINES (pytest sets them) would
    # override the terminal's own size
    env = {k: v for k, v in os.environ.items() if not k.startswith("ITU_REVIEW_") and k not in ("COLUMNS", "LINES")}
    env.update({"TERM": "xterm-256color", "COLORTERM": "truecolor", "ITU_REVIEW_CONFIG": str(tmp_path / "none")})
    argv = [sys.executable, "-m", "itu_review", "open", str(SAMPLES / "en-proposals.docx"),
            "--log", str(tmp_path / "d.jsonl"), "--reviewer", "amina"]
    with in_pty(argv, env, str(ROOT), rows=30, cols=100) as program:
        fd = program.fd
        first = read_until_quiet(fd, quiet=1.5, limit=30)
        while b"AFCP/12A1/5" not in first or b"Undo" not in first:
            more = read_until_quiet(fd, quiet=1.5, limit=30)
            assert more, f"the app never finished its first paint: {first[-3000:]!r}"
            first += more
        assert b"AFCP/12A1/1" in first
        os.write(fd, b"]")  # to MOD AFCP/12A1/2, whose four edits are all in view
        proposal = len(read_until_quiet(fd, quiet=0.6, limit=10))
        sizes = {}
        for key in (b"n", b"n", b"p", b"a", b"r"):
            os.write(fd, key)
            sizes.setdefault(key, []).append(len(read_until_quiet(fd, quiet=0.6, limit=10)))
        print(f"first paint {len(first)} bytes; next proposal {proposal}; per key within a proposal: {sizes}")
        # moving between edits in view, or deciding, repaints what changed, not the screen
        assert max(n for v in sizes.values() for n in v) < len(first) / 3
        assert all(n > 0 for v in sizes.values() for n in v)  # and it did repaint something
        os.write(fd, b"q")
        read_until_quiet(fd, quiet=0.5, limit=10)
