"""The synopsis committees work from: a row per text, a column per source, in each cell the action and
the proposal id (``MOD B/67/1``); as CSV, Markdown or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..output import csv_text, dumps
from .grouping import ByText


def synopsis(by_text: ByText) -> dict[str, Any]:
    """The table as data: the sources (columns) and, per text, each source's proposals."""
    sources = sorted({e.source for g in by_text.groups for e in g.entries})
    texts = []
    for g in by_text.groups:
        cells: dict[str, list[dict[str, str]]] = {}
        for e in g.entries:
            cells.setdefault(e.source, []).append({"action": e.action, "id": e.id, "package": e.package.path,
                                                   "language": e.language})
        texts.append({"text": g.label, "kind": g.key[0], "number": g.key[1], "title": g.title,
                      "summary": g.summary(), "administrations": g.administrations(), "sources": cells})
    return {"sources": sources, "texts": texts}


def _cell(items: list[dict[str, str]]) -> str:
    """``MOD B/67/1``; an id found in several files (a package beside its reissue) names each file."""
    ids = [it["id"] for it in items]
    return "; ".join(f"{it['action']} {it['id']}" + (f" ({Path(it['package']).name})" if ids.count(it["id"]) > 1 else "")
                     for it in items)


def to_json(data: dict[str, Any]) -> str:
    return dumps(data)


def to_csv(data: dict[str, Any]) -> str:
    header = ["text", "title", *data["sources"]]
    rows = [[t["text"], t["title"], *(_cell(t["sources"].get(s, [])) for s in data["sources"])] for t in data["texts"]]
    return csv_text(header, rows)


def to_markdown(data: dict[str, Any]) -> str:
    from ..export.tabular import md  # the reports' one escaping: a title's <b> or *stars* stay text

    out = ["| text | " + " | ".join(md(s) for s in data["sources"]) + " |",
           "|---|" + "---|" * len(data["sources"])]
    for t in data["texts"]:
        out.append(f"| {md(t['text'])} | " + " | ".join(md(_cell(t["sources"].get(s, []))) for s in data["sources"])
                   + " |")
    return "\n".join(out) + "\n"
