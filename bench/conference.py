"""The conference part of the benchmark: `python bench/conference.py` (also the end of `make bench`).

600 generated packages (six languages, 10 proposals and about 100 edits each) on a 300-text
collection in six languages (``confgen.py``), measured in fresh processes like the rest of the bench:
opening the whole conference cold (package caches emptied) against the floor (unzip + lxml parse of
every package's document.xml over the same number of processes), reopening it from the caches,
grouping by text, writing the compilation .docx; peak memory of the process (VmHWM) and of the
largest reading process.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import confgen  # noqa: E402
import run  # noqa: E402

N_PACKAGES, N_TEXTS = 600, 300
DATA = run.DATA / "conference"
TARGETS = {"open-cold": "≤ 2x the floor", "reopen": "≤ 2 s", "peak": "≤ 2 GiB", "group": "≤ 1 s",
           "compile": "≤ 30 s"}

run.SNIPPETS.update({
    "conf_floor": """
import zipfile, glob, os, resource
from concurrent.futures import ProcessPoolExecutor
import multiprocessing as mp
from lxml import etree
from itu_review.conference.loader import workers
def parse(f):
    with zipfile.ZipFile(f) as z:
        data = z.read("word/document.xml")
    etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    return len(data)
files = sorted(glob.glob(sys.argv[1] + "/*.docx"))
t = time.perf_counter()
with ProcessPoolExecutor(workers(), mp_context=mp.get_context("fork")) as pool:
    size = sum(pool.map(parse, files))
out = {"seconds": time.perf_counter() - t, "xml_mib": size / 2**20, "packages": len(files),
       "children_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}
""",
    "conf_open": """
import os, shutil, resource
if sys.argv[2] == "cold":
    shutil.rmtree(os.environ["ITU_REVIEW_CACHE_DIR"], ignore_errors=True)
from itu_review.conference.loader import load_packages
t = time.perf_counter()
loaded = load_packages([sys.argv[1]])
out = {"seconds": time.perf_counter() - t, "packages": len(loaded.packages), "from_cache": loaded.from_cache,
       "edits": sum(len(p.edits) for p in loaded.packages), "proposals": sum(len(p.proposals) for p in loaded.packages),
       "children_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}
""",
    "conf_group": """
from itu_review.conference.loader import load_packages
from itu_review.conference.grouping import group_by_text
from itu_review.basetexts import load_collection
packages = load_packages([sys.argv[1]]).packages
coll = load_collection([sys.argv[2]])
t = time.perf_counter()
by_text = group_by_text(packages, coll)
out = {"seconds": time.perf_counter() - t, "texts": len(by_text.groups)}
""",
    "conf_compile": """
from itu_review.conference.loader import load_packages
from itu_review.conference.grouping import group_by_text
from itu_review.conference.compilation import compilation_docx
from itu_review.conference.layout import lay_out
from itu_review.basetexts import load_collection
packages = load_packages([sys.argv[1]]).packages
coll = load_collection([sys.argv[2]])
t = time.perf_counter()
by_text = group_by_text(packages, coll)
data = compilation_docx(by_text)
open(sys.argv[3], "wb").write(data)
seconds = time.perf_counter() - t
collisions = identical = 0
for g in by_text.groups:
    for v in lay_out(g):
        collisions += len(v.collisions)
        identical += sum(1 for c in v.identical() if c.collision < 0)
out = {"seconds": seconds, "docx_mib": len(data) / 2**20, "collisions": collisions, "identical": identical}
""",
})


def generate() -> tuple[Path, Path, confgen.Truth]:
    packages, base = DATA / "packages", DATA / "base"
    truth = confgen.generate(packages, N_PACKAGES, N_TEXTS, paras_per_mod=5) if not packages.exists() else None
    if not base.exists():
        confgen.write_collection(base, N_TEXTS)
    if truth is None:  # the files exist: the ground truth is the generator's, computed again without writing
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            truth = confgen.generate(Path(tmp), N_PACKAGES, N_TEXTS, paras_per_mod=5)
    return packages, base, truth


def main() -> dict[str, dict[str, float]]:
    import os

    os.environ["ITU_REVIEW_CACHE"] = "off"
    packages, base, truth = generate()
    cache = DATA / "cache"
    repeat = 3
    figures = {
        "floor": run.measure("conf_floor", str(packages), repeat=repeat),
        "open-cold": run.measure("conf_open", str(packages), "cold", repeat=repeat, cache=cache),
        "reopen": run.measure("conf_open", str(packages), "warm", repeat=repeat, cache=cache),
        "group": run.measure("conf_group", str(packages), str(base), repeat=repeat, cache=cache),
        "compile": run.measure("conf_compile", str(packages), str(base), str(DATA / "compilation.docx"), repeat=1,
                               cache=cache),
    }
    figures["compile"]["planted_collisions"] = len(truth.collisions())
    figures["compile"]["planted_identical"] = len(truth.identical())
    print(table(figures))
    return figures


def table(f: dict[str, dict[str, float]]) -> str:
    floor = f["floor"]["seconds"]
    o = f["open-cold"]
    rows = [
        ("floor: unzip + lxml parse of every document.xml", f["floor"], ""),
        (f"open cold ({int(o['packages'])} packages, {int(o['proposals'])} proposals, {int(o['edits'])} edits)", o,
         f"{o['seconds'] / floor:.2f}x"),
        (f"reopen from the caches ({int(f['reopen']['from_cache'])} cached)", f["reopen"], ""),
        (f"group by text ({int(f['group']['texts'])} texts)", f["group"], ""),
        (f"compilation .docx ({f['compile']['docx_mib']:.1f} MiB; {int(f['compile']['collisions'])} collisions, "
         f"{int(f['compile']['identical'])} identical changes; planted {int(f['compile']['planted_collisions'])}, "
         f"{int(f['compile']['planted_identical'])})", f["compile"], ""),
    ]
    out = ["| conference | median wall | ratio to the floor | peak memory | reading processes' peak |",
           "|---|---|---|---|---|"]
    for what, fig, ratio in rows:
        child = f"{fig['children_peak_mib']:.0f} MiB" if fig.get("children_peak_mib") else ""
        out.append(f"| {what} | {fig['seconds']:.3f} s | {ratio} | {fig['peak_mib']:.0f} MiB | {child} |")
    return "\n".join(out)


if __name__ == "__main__":
    figures = main()
    results = run.ROOT / ".bench" / "results.json"
    doc = json.loads(results.read_text()) if results.exists() else {"figures": {}}
    doc.setdefault("figures", {}).update({f"conference/{k}": v for k, v in figures.items()})
    results.write_text(json.dumps(doc, indent=2) + "\n")
