"""Keypresses in the app's "by text" view, on the bench conference: `python bench/bytext.py`.

The conference of `make bench-conference` (600 packages, six languages, 300 texts; generated here when
missing) opened in the app with its collection, as `itu-review open DIR --base COLLECTION` opens it;
then, measured like `bench/run.py`'s keypress rows (a Pilot round trip: the key pressed and the screen
settled, 40 times each, median and 95th percentile, and the median less an unbound key's): in the
by-package view `n` and `a` for reference, then `b` (into the by-text view: grouping 6,600 proposals
and laying out the first text), and in the by-text view an unbound key, `n`, `p`, `a` (each decision
appended to its package's log and fsynced) and `]` (the next text: laid out and drawn).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import conference  # noqa: E402
import run  # noqa: E402

run.SNIPPETS["bytext"] = """
import asyncio, shutil
from pathlib import Path
from itu_review.conference.discover import discover
from itu_review.tui.app import ReviewApp
files = discover([sys.argv[1]]).files
logs = Path(sys.argv[3])
shutil.rmtree(logs, ignore_errors=True)
logs.mkdir(parents=True)
def pct(xs, q):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(q * len(xs)))]
async def presses(pilot, key, n=40):
    times = []
    for _ in range(n):
        k = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        times.append((time.perf_counter() - k) * 1000)
    return times
async def main():
    app = ReviewApp(files, None, "bench", base=[sys.argv[2]], logs=[logs / f"{k}.jsonl" for k in range(len(files))])
    out = {}
    t = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        out["open_seconds"] = time.perf_counter() - t
        for key in ("x", "n", "a"):
            out[f"package_{key}"] = await presses(pilot, key)
        t = time.perf_counter()
        await pilot.press("b")
        await app.workers.wait_for_complete()
        await pilot.pause()
        out["switch_seconds"] = time.perf_counter() - t
        out["texts"] = len(app.screen.by_text.groups)
        out["stops"] = len(app.screen.plan(app.screen.g).stops)
        for key in ("x", "n", "p", "a"):
            out[f"text_{key}"] = await presses(pilot, key)
        out["text_right_square_bracket"] = await presses(pilot, "right_square_bracket", 20)
    return out
res = asyncio.run(main())
out = {"seconds": res.pop("switch_seconds"), "open_seconds": res.pop("open_seconds"), "texts": res.pop("texts"),
       "stops": res.pop("stops")}
for k, v in res.items():
    out[f"{k}_median_ms"] = pct(v, 0.5)
    out[f"{k}_p95_ms"] = pct(v, 0.95)
"""

ROWS = [("package_x", "by package: unbound key (Pilot's own cost)"), ("package_n", "by package: next edit"),
        ("package_a", "by package: accept"), ("text_x", "by text: unbound key (Pilot's own cost)"),
        ("text_n", "by text: next edit"), ("text_p", "by text: previous edit"), ("text_a", "by text: accept"),
        ("text_right_square_bracket", "by text: next text (laid out and drawn)")]


def table(f: dict[str, float]) -> str:
    out = [f"open the conference in the app: {f['open_seconds']:.1f} s; b (group {int(f['texts'])} texts, lay out and "
           f"draw the first, {int(f['stops'])} edits): {f['seconds']:.2f} s", "",
           "| app keypress (Pilot round trip) | median | 95th percentile | median less an unbound key's |",
           "|---|---|---|---|"]
    for key, label in ROWS:
        base = f["text_x_median_ms"] if key.startswith("text") else f["package_x_median_ms"]
        out.append(f"| {label} | {f[f'{key}_median_ms']:.1f} ms | {f[f'{key}_p95_ms']:.1f} ms | "
                   f"{f[f'{key}_median_ms'] - base:.1f} ms |")
    return "\n".join(out)


def main() -> dict[str, float]:
    import os

    os.environ["ITU_REVIEW_CACHE"] = "off"
    packages, base, _ = conference.generate()
    logs = conference.DATA / "bytext-logs"
    figures = run.measure("bytext", str(packages), str(base), str(logs), repeat=1)
    shutil.rmtree(logs, ignore_errors=True)
    print(table(figures))
    return figures


if __name__ == "__main__":
    main()
