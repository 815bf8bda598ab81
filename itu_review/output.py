"""Writing JSON, CSV and Rich tables to stdout or a file, the same way for every command."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .errors import InputError
from .model import Edit, Package, Proposal


def package_info(pkg: Package) -> dict[str, Any]:
    return {"path": pkg.path, "sha256": pkg.sha256, "source": pkg.source, "language": pkg.language,
            "proposals": sum(1 for p in pkg.proposals), "edits": len(pkg.edits), "warnings": pkg.warnings}


def proposal_info(p: Proposal) -> dict[str, Any]:
    return {"id": p.id, "action": p.action, "target": {"kind": p.target.kind, "number": p.target.number},
            "title": p.title, "heading": p.heading, "edits": len(p.edits), "reasons": p.reasons,
            "warnings": list(p.warnings)}


def edit_info(e: Edit) -> dict[str, Any]:
    return {"id": e.id, "proposal": e.proposal, "kind": e.kind, "deleted": e.deleted, "inserted": e.inserted,
            "subject": e.subject, "before": e.before, "after": e.after, "author": e.author,
            "authors": list(e.authors), "date": e.date, "revision_ids": list(e.rids),
            "fingerprint": e.fingerprint, "note": e.note, "detail": e.detail, "warnings": list(e.warnings)}


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV as spreadsheets want it: UTF-8 with a byte-order mark, CRLF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return "\ufeff" + buf.getvalue()


def write_out(text: str, out: str | None) -> None:
    """Write to ``out`` (a new file replaces any file of that name) or to stdout."""
    if out is None or out == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    path = Path(out)
    try:
        path.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
