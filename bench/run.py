"""`make bench`: itu-review's speed and memory against the floor, on generated packages.

Every figure is measured in a fresh process (so peak memory is that measurement's own), repeated,
and reported as a median with its ratio to the floor: unzip + lxml parse of the same document.xml.
Writes .bench/results.json (with its data, not committed); the README keeps the figures of record.

    python bench/run.py [--quick]     # --quick: small and medium only, fewer repeats, no conference
    python bench/conference.py        # the conference part alone
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / ".bench"
SIZES = {"small": (20, 10, 3), "medium": (200, 20, 4), "large": (2000, 20, 4)}
TARGETS = {"load": 2.0, "export": 2.0, "apply": 2.0}

PRELUDE = f"""
import json, resource, sys, time
sys.path.insert(0, {str(ROOT)!r})
def peak_mib():
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec from the (large) parent
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

SNIPPETS = {
    "floor": """
import zipfile
from lxml import etree
t = time.perf_counter()
with zipfile.ZipFile(sys.argv[1]) as z:
    data = z.read("word/document.xml")
root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
out = {"seconds": time.perf_counter() - t, "xml_mib": len(data) / 2**20}
""",
    "load": """
from itu_review.package import load
t = time.perf_counter()
pkg = load(sys.argv[1])
out = {"seconds": time.perf_counter() - t, "edits": len(pkg.edits), "proposals": len(pkg.proposals)}
""",
    "open_cached": """
import os, shutil
cache_dir = os.environ["ITU_REVIEW_CACHE_DIR"]
if sys.argv[2] == "cold":
    shutil.rmtree(cache_dir, ignore_errors=True)
from itu_review.package import load
t = time.perf_counter()
pkg = load(sys.argv[1])
out = {"seconds": time.perf_counter() - t, "edits": len(pkg.edits),
       "cache_mib": sum(f.stat().st_size for f in __import__("pathlib").Path(cache_dir).glob("*")) / 2**20}
""",
    "export": """
from itu_review.cli import main
import io, contextlib
t = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    main(["export", sys.argv[1], "--log", sys.argv[2], "--format", "csv"])
out = {"seconds": time.perf_counter() - t}
""",
    "apply": """
from itu_review.cli import main
t = time.perf_counter()
rc = main(["apply", sys.argv[1], "--log", sys.argv[2], "--out", sys.argv[3], "--force"])  # repeats overwrite it
out = {"seconds": time.perf_counter() - t}
assert rc == 0, f"apply exited {rc}"
""",
    "check": """
from itu_review.basetexts import load_collection
from itu_review.check import check_packages
from itu_review.package import load
pkg = load(sys.argv[1])
t = time.perf_counter()
coll = load_collection([sys.argv[2]])
t_index = time.perf_counter() - t
t = time.perf_counter()
report = check_packages(coll, [pkg])
out = {"seconds": time.perf_counter() - t, "index_seconds": t_index, "texts": len(coll.texts),
       "findings": len(report.findings)}
""",
    "index_pp18": """
from itu_review.basetexts import load_collection
t = time.perf_counter()
coll = load_collection([sys.argv[1]])
out = {"seconds": time.perf_counter() - t, "texts": len(coll.texts)}
""",
    "app": """
import asyncio, os
from itu_review.tui.app import ReviewApp
async def run():
    app = ReviewApp([sys.argv[1]], sys.argv[2], "bench")
    t = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        first = time.perf_counter() - t
        timings = {}
        for key in ("x", "n", "right_square_bracket", "a"):
            times = []
            for _ in range(40):
                k = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                times.append((time.perf_counter() - k) * 1000)
            timings[key] = times
    return first, timings
first, timings = asyncio.run(run())
def pct(xs, q):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(q * len(xs)))]
out = {"seconds": first, **{f"{k}_median_ms": pct(v, 0.5) for k, v in timings.items()},
       **{f"{k}_p95_ms": pct(v, 0.95) for k, v in timings.items()}}
""",
}


def measure(name: str, *args: str, repeat: int = 3, cache: Path | None = None) -> dict[str, float]:
    """Run a snippet ``repeat`` times in fresh processes; the median of each figure, the largest peak.

    The package cache is off unless ``cache`` names its directory."""
    env = {**os.environ, "ITU_REVIEW_CACHE": "off"}
    if cache is not None:
        env.update(ITU_REVIEW_CACHE="on", ITU_REVIEW_CACHE_DIR=str(cache))
    runs = []
    for _ in range(repeat):
        code = PRELUDE + SNIPPETS[name] + "\nout['peak_mib'] = peak_mib()\nprint(json.dumps(out))\n"
        res = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, env=env)
        if res.returncode != 0:
            raise SystemExit(f"bench {name} failed:\n{res.stderr}")
        runs.append(json.loads(res.stdout.strip().splitlines()[-1]))
    merged: dict[str, float] = {}
    for key in runs[0]:
        values = [r[key] for r in runs]
        merged[key] = max(values) if key == "peak_mib" else statistics.median(values)
    return merged


def whole_process(args: list[str], repeat: int = 5) -> float:
    """Median wall time of the command as a separate process, its output read through a pipe."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "itu_review", *args], capture_output=True, check=True, cwd=ROOT,
                       env={**os.environ, "ITU_REVIEW_CACHE": "off"})
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def generate(quick: bool) -> dict[str, Path]:
    sys.path.insert(0, str(ROOT / "samples"))
    import synthetic  # noqa: E402

    DATA.mkdir(exist_ok=True)
    out: dict[str, Path] = {}
    for size, (props, paras, edits) in SIZES.items():
        if quick and size == "large":
            continue
        for lang in ("en", "ar"):
            path = DATA / f"{size}-{lang}.docx"
            if not path.exists():
                t = time.perf_counter()
                synthetic.write_package(path, props, paras, edits, lang)
                print(f"generated {path.name} in {time.perf_counter() - t:.1f}s", file=sys.stderr)
            out[f"{size}-{lang}"] = path
    coll = DATA / "collection-300.txt"
    if not coll.exists():
        synthetic.write_collection(coll, 300)
    out["collection"] = coll
    return out


def decide_all(pkg: Path, log: Path) -> None:
    """A log that decides every edit, alternately accept, reject and flag."""
    if log.exists():
        return
    sys.path.insert(0, str(ROOT))
    from itu_review import decisions as dlog
    from itu_review.package import load

    p = load(pkg)
    verdicts = ("accept", "reject", "flag")
    events = [dlog.make_event(p, e, "bench", verdicts[e.index % 3], "n" if e.index % 3 == 2 else "")
              for e in p.edits]
    dlog.append(log, events)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    os.environ["ITU_REVIEW_CACHE"] = "off"  # this process's own loads (decide_all) never touch the user's cache
    repeat = 1 if args.quick else 3
    files = generate(args.quick)
    rows: list[tuple[str, str, dict[str, float], dict[str, float]]] = []
    results: dict[str, object] = {"machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count(),
                                              "platform": platform.platform()}, "figures": {}}
    figures: dict[str, dict[str, float]] = results["figures"]  # type: ignore[assignment]
    for size in ("small", "medium", "large"):
        for lang in ("en", "ar"):
            key = f"{size}-{lang}"
            if key not in files:
                continue
            floor = measure("floor", str(files[key]), repeat=repeat)
            load = measure("load", str(files[key]), repeat=repeat)
            figures[f"{key}/floor"], figures[f"{key}/load"] = floor, load
            rows.append((key, "floor: unzip + lxml parse", floor, floor))
            rows.append((key, f"full load ({int(load['edits'])} edits)", load, floor))
            if size == "large":
                cache = DATA / "cache"
                cold = measure("open_cached", str(files[key]), "cold", repeat=repeat, cache=cache)
                warm = measure("open_cached", str(files[key]), "warm", repeat=repeat, cache=cache)
                figures[f"{key}/open-writing-cache"], figures[f"{key}/reopen-cached"] = cold, warm
                rows.append((key, f"first open, writing the cache ({cold['cache_mib']:.0f} MiB)", cold, floor))
                rows.append((key, "reopen from the cache", warm, floor))
    small = files["small-en"]
    figures["small-en/list-process"] = {"seconds": whole_process(["list", str(small)])}
    rows.append(("small-en", "itu-review list, whole process", figures["small-en/list-process"], {}))
    if "large-en" in files:  # 150,200 table rows: the output itself must not be the slow part
        fig = {"seconds": whole_process(["edits", str(files["large-en"])], repeat=repeat)}
        figures["large-en/edits-process"] = fig
        rows.append(("large-en", "itu-review edits (table), whole process", fig, figures["large-en/load"]))
    medium = files["medium-en"]
    log = DATA / "medium-en.decisions.jsonl"
    decide_all(medium, log)
    for name in ("export", "apply"):
        fig = measure(name, str(medium), str(log), str(DATA / "medium-en.applied.docx"), repeat=repeat)
        figures[f"medium-en/{name}"] = fig
        rows.append(("medium-en", f"{name} (csv)" if name == "export" else name, fig, figures["medium-en/load"]))
    fig = measure("check", str(medium), str(files["collection"]), repeat=repeat)
    figures["medium-en/check"] = fig
    rows.append(("medium-en", f"check: {int(fig['texts'])} texts, 200 proposals (index {fig['index_seconds']:.2f}s)",
                 fig, {}))
    log_rows(files["small-en"], figures, rows, repeat)
    pp18 = ROOT.parent / "shared" / "corpus" / "akn4itu" / "pp18_final_acts_akn.xml"
    if pp18.exists():
        fig = measure("index_pp18", str(pp18), repeat=repeat)
        figures["pp18/index"] = fig
        rows.append(("PP-18 AKN", f"index the collection ({int(fig['texts'])} texts)", fig, {}))
    app_pkg = files.get("large-en", medium)
    app_log = DATA / "app.decisions.jsonl"
    if app_log.exists():
        app_log.unlink()
    fig = measure("app", str(app_pkg), str(app_log), repeat=1)
    figures[f"{app_pkg.stem}/app"] = fig
    rows.append((app_pkg.stem, "app: first paint (incl. load)", fig, figures.get(f"{app_pkg.stem}/load", {})))
    cache = DATA / "cache"
    measure("open_cached", str(app_pkg), "warm", repeat=1, cache=cache)  # the entry exists
    app_log.unlink(missing_ok=True)
    cached = measure("app", str(app_pkg), str(app_log), repeat=1, cache=cache)
    figures[f"{app_pkg.stem}/app-cached"] = cached
    rows.append((app_pkg.stem, "app: first paint, package cached", cached,
                 figures.get(f"{app_pkg.stem}/reopen-cached", {})))
    if not args.quick:  # the conference: 600 packages (alone: `make bench-conference`)
        import conference

        figures.update({f"conference/{k}": v for k, v in conference.main().items()})
    (ROOT / ".bench").mkdir(exist_ok=True)
    (ROOT / ".bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(table(rows, fig))


def log_rows(pkg: Path, figures: dict[str, dict[str, float]], rows: list[tuple[str, str, dict[str, float],
             dict[str, float]]], repeat: int) -> None:
    """The decision log at a million events (bench/log_bench.py): append, decide, export."""
    sys.path.insert(0, str(ROOT / "bench"))
    import log_bench  # noqa: E402

    SNIPPETS.update(log_bench.SNIPPETS)
    big = log_bench.generate_log(pkg, DATA / "log-1m.jsonl")
    work = DATA / "log-1m-work.jsonl"  # appended to: a copy, so that the generated log stays as it was
    work.write_bytes(big.read_bytes())
    mib = big.stat().st_size / 2**20
    append = measure("log_append", str(work), repeat=max(repeat, 3))
    decide = {"seconds": log_bench.decide_process(pkg, work, "SYN/20/1#6", repeat=max(repeat, 3))}
    exports = {fmt: measure("log_export", str(work), str(pkg), fmt, repeat=repeat) for fmt in ("json", "csv", "md")}
    work.unlink()
    figures["log-1m/append"], figures["log-1m/decide-process"] = append, decide
    figures["log-1m/export"] = exports["json"]
    figures["log-1m/export-csv"], figures["log-1m/export-md"] = exports["csv"], exports["md"]
    label = f"log, 1M events ({mib:.0f} MiB)"
    rows.append((label, "append one event", append, {}))
    rows.append((label, "decide one edit, whole process (a new reviewer: the log scanned once)", decide, {}))
    for fmt, export in exports.items():
        rows.append((label, f"export ({fmt}), whole log streamed", export, {}))


def table(rows: list[tuple[str, str, dict[str, float], dict[str, float]]], app: dict[str, float]) -> str:
    out = ["| package | what | median wall | ratio | peak memory | ratio |", "|---|---|---|---|---|---|"]
    for pkg, what, fig, ref in rows:
        ratio = f"{fig['seconds'] / ref['seconds']:.2f}x" if ref.get("seconds") else ""
        mem = f"{fig['peak_mib']:.0f} MiB" if "peak_mib" in fig else ""
        mratio = f"{fig['peak_mib'] / ref['peak_mib']:.2f}x" if ref.get("peak_mib") and "peak_mib" in fig else ""
        out.append(f"| {pkg} | {what} | {fig['seconds']:.3f} s | {ratio} | {mem} | {mratio} |")
    out.append("")
    out.append("| app keypress (Pilot round trip) | median | 95th percentile | median less an unbound key's |")
    out.append("|---|---|---|---|")
    base = app["x_median_ms"]
    for key, label in (("x", "unbound key (Pilot's own cost)"), ("n", "next edit"),
                       ("right_square_bracket", "next proposal"), ("a", "accept")):
        out.append(f"| {label} | {app[f'{key}_median_ms']:.1f} ms | {app[f'{key}_p95_ms']:.1f} ms | "
                   f"{app[f'{key}_median_ms'] - base:.1f} ms |")
    return "\n".join(out)


if __name__ == "__main__":
    main()
