"""The decision log at a million events: appending must not read it, reading must stream.

Generates ``.bench/log-1m.jsonl`` (1,000,000 events, about 390 MB: ten reviewers deciding the small
English package's edits over and over, with notes) and measures, each in a fresh process:
appending one event, ``decide`` on one edit as a whole process (it reads the log backwards only
far enough to say how many verdicts it replaced), and ``export`` in each format (the log streamed
through the state; ``cpu_seconds`` is the process's CPU time, the figure to read on a shared machine).
Targets: append ≤ 50 ms, export ≤ 5 s, memory bounded by the package and not by the log.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

EVENTS = 1_000_000
REVIEWERS = 10

SNIPPETS = {
    "log_append": """
from itu_review import logfile
ev = {"v": 1, "at": logfile.now_utc(), "reviewer": "bench", "user": "bench", "package": "p", "edit": "X/1/1#1",
      "fp": "0" * 16, "verdict": "accept", "note": ""}
t = time.perf_counter()
logfile.append(sys.argv[1], [ev])
out = {"seconds": time.perf_counter() - t}
""",
    "log_export": """
import io, contextlib
from itu_review.cli import main
fmt = sys.argv[3] if len(sys.argv) > 3 else "json"
t = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()) as buf:
    rc = main(["export", sys.argv[2], "--log", sys.argv[1], "--format", fmt])
out = {"seconds": time.perf_counter() - t, "rc": rc, "cpu_seconds": time.process_time()}
assert rc == 0, f"export exited {rc}"
if fmt == "json":
    out["reviewers"] = len(json.loads(buf.getvalue())["reviewers"])
""",
}


def generate_log(pkg: Path, log: Path) -> Path:
    """A million events on ``pkg``'s edits (written once, then reused)."""
    if log.exists() and log.stat().st_size > 300 << 20:
        return log
    from itu_review import decisions as dlog
    from itu_review.package import load

    t = time.perf_counter()
    p = load(pkg)
    verdicts = ("accept", "reject", "flag", "accept", "note", "clear")
    base = [dlog.make_event(p, e, "r0", "accept") for e in p.edits]
    tmp = log.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        for i in range(EVENTS):
            ev = dict(base[i % len(base)])
            ev["reviewer"] = f"reviewer-{i % REVIEWERS}"
            ev["verdict"] = verdicts[(i // len(base)) % len(verdicts)]
            ev["note"] = "needs discussion in Committee 5 " * (i % 3) if ev["verdict"] in ("flag", "note") else ""
            ev["at"] = f"2026-11-{1 + i // 40000:02d}T{(i // 3600) % 24:02d}:{(i // 60) % 60:02d}:{i % 60:02d}.000Z"
            fh.write(json.dumps(ev, ensure_ascii=False, separators=(",", ":")).encode() + b"\n")
    tmp.rename(log)
    print(f"generated {log.name} ({log.stat().st_size / 2**20:.0f} MiB) in {time.perf_counter() - t:.1f}s",
          file=sys.stderr)
    return log


def decide_process(pkg: Path, log: Path, edit: str, repeat: int) -> float:
    """Median wall time of `itu-review decide` on one edit, as a separate process."""
    root = Path(__file__).resolve().parent.parent
    times = []
    for k in range(repeat):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "itu_review", "decide", str(pkg), "--log", str(log), "--reviewer",
                        f"newcomer-{k}", "--accept", edit], capture_output=True, check=True, cwd=root,
                       env={**os.environ, "ITU_REVIEW_CACHE": "off"})
        times.append(time.perf_counter() - t)
    return sorted(times)[len(times) // 2]
