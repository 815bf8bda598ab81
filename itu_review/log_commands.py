"""Headless commands around the decision log: decide, export, merge."""

from __future__ import annotations

import argparse
import fnmatch
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import decisions as dlog
from .errors import ExitCode, UsageError
from .model import Edit, Package

if TYPE_CHECKING:
    from .check import Finding
from .output import write_out
from .package import load

GLOB = set("*?[")


def select_edits(pkg: Package, idents: list[str]) -> list[Edit]:
    """Edits named by edit ids, proposal ids or globs over either; unknown names are a usage error."""
    chosen: dict[int, Edit] = {}
    unknown: list[str] = []
    for ident in idents:
        found: list[Edit] = []
        if GLOB & set(ident):
            for e in pkg.edits:
                if fnmatch.fnmatchcase(e.id, ident) or fnmatch.fnmatchcase(e.proposal, ident):
                    found.append(e)
        elif "#" in ident:
            e = pkg.edit(ident)
            found = [e] if e else []
        else:
            prop = pkg.proposal(ident)
            found = list(prop.edits) if prop else []
            if prop is not None and not found:
                raise UsageError(f"{pkg.path}: proposal {ident} has no edits to decide on")
        if not found:
            unknown.append(ident)
        for e in found:
            chosen[e.index] = e
    if unknown:
        raise UsageError(f"{pkg.path}: no edit or proposal matches {', '.join(map(repr, unknown))}")
    return [chosen[k] for k in sorted(chosen)]


def log_path(args: argparse.Namespace, package: str) -> Path:
    """--log, else where the config's log policy puts it (beside the package by default)."""
    if getattr(args, "log", None):
        return Path(args.log)
    from .config import load_config, log_for

    return log_for(package, load_config())


def decide_cmd(args: argparse.Namespace) -> int:
    verdict = next(v for v in dlog.VERDICTS if getattr(args, v))
    if verdict == "flag" and not (args.note or "").strip():
        raise UsageError("--flag needs --note: say what needs discussing")
    pkg = load(args.package)
    edits = select_edits(pkg, args.ids)
    from .config import load_config

    reviewer = dlog.reviewer_name(args.reviewer, load_config().reviewer)
    path = log_path(args, args.package)
    dlog.read_log(path)  # refuse to append to a log we could not read back
    events = [dlog.make_event(pkg, e, reviewer, verdict, args.note or "") for e in edits]
    dlog.append(path, events)
    print(f"{verdict}: {len(events)} edit{'s' if len(events) != 1 else ''} by {reviewer} recorded in {path}",
          file=sys.stderr)
    return ExitCode.OK


def export_cmd(args: argparse.Namespace) -> int:
    from .package import gc_paused

    with gc_paused():  # many rows, no cycles
        return _export(args)


def _export(args: argparse.Namespace) -> int:
    from .export import tabular

    pkg = load(args.package)
    path = log_path(args, args.package)
    read = dlog.read_log(path)
    state = dlog.resolve_state(pkg, read.events, read.warnings)
    doc = tabular.report(pkg, state, str(path), fingerprints=args.format == "json")
    if args.base:
        from .basetexts import load_collection
        from .check import check_proposal

        coll = load_collection(args.base)
        for entry in doc["proposals"]:
            prop = pkg.proposal(entry["id"])
            chk = check_proposal(coll, pkg, prop) if prop is not None else None
            entry["findings"] = [_finding(f) for f in (chk.findings if chk else [])]
            for e in entry["edits"]:  # each edit: the findings on its paragraph, and those on the whole base
                edit = pkg.edit(e["id"])
                e["findings"] = [_finding(f) for f in chk.findings_for_edit(edit.para)] if chk and edit else []
    for w in read.warnings:
        print(f"itu-review: warning: {w}", file=sys.stderr)
    if args.format == "docx":
        from .export.docx_report import write_report

        if not args.out:
            raise UsageError("--format docx needs --out FILE.docx")
        write_report(doc, pkg, args.out)
        return ExitCode.OK
    text = {"csv": tabular.to_csv, "json": tabular.to_json, "md": tabular.to_markdown}[args.format](doc)
    write_out(text, args.out)
    return ExitCode.OK


def _finding(f: Finding) -> dict[str, str]:
    return {"severity": f.severity, "kind": f.kind, "paragraph": f.name, "message": f.message}


def merge_cmd(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists():
        raise UsageError(f"{out}: exists; merge writes a new log and never rewrites one")
    events: list[dict[str, object]] = []
    seen: set[str] = set()
    for log in args.logs:
        read = dlog.read_log(log, missing_ok=False)
        for w in read.warnings:
            print(f"itu-review: warning: {w}", file=sys.stderr)
        for ev in read.events:
            ev = {k: v for k, v in ev.items() if not k.startswith("_")}
            key = json.dumps(ev, sort_keys=True, ensure_ascii=False)
            if key not in seen:
                seen.add(key)
                events.append(ev)
    events.sort(key=lambda ev: str(ev.get("at", "")))
    dlog.append(out, events)
    latest: dict[tuple[str, str], dict[str, str]] = {}
    for ev in events:
        slot = latest.setdefault((str(ev.get("package", "")), str(ev["edit"])), {})
        if ev["verdict"] == "clear":
            slot.pop(str(ev["reviewer"]), None)
        else:
            slot[str(ev["reviewer"])] = str(ev["verdict"])
    disagreements = [(k, v) for k, v in latest.items() if len(set(v.values())) > 1]
    print(f"merged {len(events)} events from {len(args.logs)} logs into {out}", file=sys.stderr)
    for (pkg_hash, edit), verdicts in sorted(disagreements, key=lambda kv: kv[0][1]):
        detail = ", ".join(f"{r}: {v}" for r, v in sorted(verdicts.items()))
        print(f"disagreement\t{edit}\t{detail}\tpackage {pkg_hash[:12]}")
    return ExitCode.FINDINGS if disagreements else ExitCode.OK


def check_cmd(args: argparse.Namespace) -> int:
    from .basetexts import load_collection
    from .check import check_packages
    from .commands import _console, _load_all
    from .output import dumps

    if not args.base:
        raise UsageError("check needs --base PATH (Akoma Ntoso XML, .docx, text, or a directory of them)")
    coll = load_collection(args.base)
    pkgs = _load_all(args.packages)
    report = check_packages(coll, pkgs)
    if args.format == "json":
        write_out(dumps({"collection": {"sources": coll.sources, "texts": len(coll.texts)}, **report.to_json()}), None)
        return ExitCode.FINDINGS if report.has_problems else ExitCode.OK
    from .display.check_report import print_check

    print_check(_console(), coll, report)
    return ExitCode.FINDINGS if report.has_problems else ExitCode.OK


def decided_choices(pkg: Package, state: "dlog.State", reviewer: str | None):  # type: ignore[no-untyped-def]
    """accept/reject/mark for each edit, and the comment to attach where an edit stays marked."""
    choices: dict[int, str] = {}
    notes: dict[int, tuple[str, str]] = {}
    for e in pkg.edits:
        ds = state.verdicts(e.index)
        status = dlog.edit_status(ds, reviewer)
        choices[e.index] = {dlog.ACCEPTED: "accept", dlog.REJECTED: "reject"}.get(status, "mark")
        if status == dlog.FLAGGED:
            flags = [d for r, d in sorted(ds.items()) if d.verdict == "flag" and (reviewer is None or r == reviewer)]
            notes[e.index] = (", ".join(d.reviewer for d in flags),
                              "\n".join(f"{d.reviewer}: {d.note}" if len(flags) > 1 else d.note for d in flags))
        elif status == dlog.DISAGREE:
            notes[e.index] = ("itu-review", "Reviewers disagree: " + ", ".join(
                f"{r} {d.verdict}s" + (f" ({d.note})" if d.note else "") for r, d in sorted(ds.items())))
    return choices, notes


def apply_cmd(args: argparse.Namespace) -> int:
    from .package import gc_paused

    with gc_paused():  # reading the log and rewriting the XML: many objects, no cycles
        return _apply(args)


def _apply(args: argparse.Namespace) -> int:
    from .export.docx_apply import apply_decisions

    pkg = load(args.package, keep_elements=True)
    path = log_path(args, args.package)
    read = dlog.read_log(path)
    for w in read.warnings:
        print(f"itu-review: warning: {w}", file=sys.stderr)
    state = dlog.resolve_state(pkg, read.events, read.warnings)
    choices, notes = decided_choices(pkg, state, args.reviewer)
    counts = apply_decisions(pkg, lambda i: choices.get(i, "mark"), notes, args.out)
    print(f"{args.out}: {counts['accept']} edits applied, {counts['reject']} reverted, {counts['mark']} left "
          f"tracked ({counts['comments']} with a comment)", file=sys.stderr)
    if counts.get("unseen"):
        print(f"itu-review: warning: {counts['unseen']} revision marks hold text that no edit shows (a part not "
              "read as edits yet); left tracked", file=sys.stderr)
    return ExitCode.OK
