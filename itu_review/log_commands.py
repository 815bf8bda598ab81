"""Headless commands that read the decision log: export, merge, apply (deciding is in decide_commands)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import decisions as dlog
from .display.sanitize import clean
from .errors import ExitCode, UsageError
from .ingest.zipparts import verify_for_apply
from .model import Package
from .output import atomic_output, check_output, plural, write_out
from .package import load

if TYPE_CHECKING:
    from .check import Finding

PAST = {"accept": "accepted", "reject": "rejected", "flag": "flagged"}


def log_files(path: str | Path) -> list[Path]:
    """The files of a log (a log folder's per-account files), to keep outputs off them."""
    where = dlog.LogPath.of(path)
    return where.files() if where.folder else [where.path]


def log_places(args: argparse.Namespace, package: str) -> list[Path]:
    """Where the package's decisions are or will be written, existing or not, for outputs to keep off:
    the log this command reads (a file, or a folder and this account's file in it) and the one the
    package has by the config's policy (beside it by default) — the next `decide` appends there."""
    from .config import load_config, log_for

    where = dlog.LogPath.of(log_path(args, package))
    places = [where.path, where.own_file()] if where.folder else [where.path]
    return [*places, log_for(package, load_config())]


def log_path(args: argparse.Namespace, package: str) -> Path:
    """--log, else where the config's log policy puts it (beside the package by default)."""
    if getattr(args, "log", None) is not None:
        if not args.log:
            raise UsageError("--log is empty: give the decision log's path")
        return Path(args.log)
    from .config import load_config, log_for

    return log_for(package, load_config())


def export_cmd(args: argparse.Namespace) -> int:
    from .package import gc_paused

    with gc_paused():  # many rows, no cycles
        return _export(args)


def _export(args: argparse.Namespace) -> int:
    from .export import tabular

    path = log_path(args, args.package)
    check_output(args.out, [args.package, *log_files(path), *args.base], force=args.force,
                 logs=log_places(args, args.package))
    pkg = load(args.package)
    state = dlog.load_state(pkg, path, missing_ok=not args.log)  # a log named with --log must exist
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
    for w in state.warnings:
        print(f"itu-review: warning: {w}", file=sys.stderr)
    if args.format == "docx":
        from .export.docx_report import write_report

        if not args.out:
            raise UsageError("--format docx needs --out FILE.docx")
        write_report(doc, pkg, args.out)
        _written(args.out, doc)
        return ExitCode.OK
    text = {"csv": tabular.to_csv, "json": tabular.to_json, "md": tabular.to_markdown}[args.format](doc)
    write_out(text, args.out)
    if args.out and args.out != "-":
        _written(args.out, doc)
    return ExitCode.OK


def _written(out: str, doc: dict[str, Any]) -> None:
    """What a file written by export holds, on stderr (as apply and compile say what they wrote)."""
    edits = sum(len(p["edits"]) for p in doc["proposals"])
    reviewers = len(doc["reviewers"])
    who = f"decisions of {plural(reviewers, 'reviewer')}" if reviewers else "no decisions yet"
    print(clean(f"{out}: {plural(len(doc['proposals']), 'proposal')}, {plural(edits, 'edit')}, {who}"),
          file=sys.stderr)


def _finding(f: Finding) -> dict[str, str]:
    return {"severity": f.severity, "kind": f.kind, "paragraph": f.name, "message": f.message}


def merge_cmd(args: argparse.Namespace) -> int:
    out = Path(args.out)
    check_output(out, [f for log in args.logs for f in log_files(log)], replaces=False)  # never replaces a file
    events: list[dict[str, object]] = []
    seen: set[str] = set()
    for log in args.logs:
        warnings: list[str] = []
        for ev in dlog.iter_log(log, warnings, missing_ok=False):
            ev = {k: v for k, v in ev.items() if not k.startswith("_")}
            key = json.dumps(ev, sort_keys=True, ensure_ascii=False)
            if key not in seen:
                seen.add(key)
                events.append(ev)
        for w in warnings:
            print(f"itu-review: warning: {w}", file=sys.stderr)
    events.sort(key=lambda ev: str(ev.get("at", "")))
    with atomic_output(out, replace=False, mode=0o660) as tmp:
        dlog.append(tmp, events)
    print(f"merged {plural(len(events), 'event')} from {plural(len(args.logs), 'log')} into {out}", file=sys.stderr)
    disagreements = _disagreements(events)
    for (pkg_hash, subject), verdicts in sorted(disagreements, key=lambda kv: kv[0][1]):
        detail = ", ".join(f"{clean(r)}: {clean(v)}" for r, v in sorted(verdicts.items()))
        print(f"disagreement\t{clean(subject)}\t{detail}\tpackage {clean(pkg_hash[:12])}")
    conflicts = _outcome_conflicts(events)
    for (pkg_hash, subject), outcomes in sorted(conflicts, key=lambda kv: kv[0][1]):
        detail = ", ".join(f"{clean(r)}: {clean(v)}" for r, v in sorted(outcomes.items()))
        print(f"outcomes differ\t{clean(subject)}\t{detail}\tpackage {clean(pkg_hash[:12])}")
    return ExitCode.FINDINGS if disagreements or conflicts else ExitCode.OK


def _disagreements(events: list[dict[str, object]]) -> list[tuple[tuple[str, str], dict[str, str]]]:
    """(package, edit or proposal) → reviewer → verdict, where reviewers' last verdicts differ.

    Notes alone keep the verdict; outcomes are the secretariat's record, not a reviewer's verdict.
    """
    latest: dict[tuple[str, str], dict[str, str]] = {}
    for ev in events:
        if "outcome" in ev:
            continue
        subject = str(ev.get("edit", ev.get("proposal", "")))
        slot = latest.setdefault((str(ev.get("package", "")), subject), {})
        verdict = str(ev["verdict"])
        if verdict == "clear":
            slot.pop(str(ev["reviewer"]), None)
        elif verdict != "note":
            slot[str(ev["reviewer"])] = verdict
    return [(k, v) for k, v in latest.items() if len(set(v.values())) > 1]


def _outcome_conflicts(events: list[dict[str, object]]) -> list[tuple[tuple[str, str], dict[str, str]]]:
    """(package, proposal) → recorder → outcome, where those who recorded outcomes last recorded different
    ones: merged, the latest would win unnoticed (one recorder changing an outcome over time is no conflict)."""
    latest: dict[tuple[str, str], dict[str, str]] = {}
    for ev in events:
        if "outcome" not in ev:
            continue
        slot = latest.setdefault((str(ev.get("package", "")), str(ev.get("proposal", ""))), {})
        outcome = str(ev["outcome"])
        if outcome == "clear":
            slot.pop(str(ev["reviewer"]), None)
        else:
            slot[str(ev["reviewer"])] = f"{outcome} ({ev['ref']})" if ev.get("ref") else outcome
    return [(k, v) for k, v in latest.items() if len(set(v.values())) > 1]


def check_cmd(args: argparse.Namespace) -> int:
    from .basetexts import load_collection
    from .check import check_packages
    from .commands import _console, _load_all
    from .output import dumps

    if not args.base:
        raise UsageError("check needs --base PATH (Akoma Ntoso XML, .docx, text, or a directory of them)")
    coll = load_collection(args.base)
    pkgs = _load_all(args.packages, args.base)
    report = check_packages(coll, pkgs)
    if args.format == "json":
        write_out(dumps({"collection": {"sources": coll.sources, "texts": len(coll.texts)}, **report.to_json()}), None)
        return ExitCode.FINDINGS if report.has_problems else ExitCode.OK
    from .display.check_report import print_check

    print_check(_console(), coll, report)
    return ExitCode.FINDINGS if report.has_problems else ExitCode.OK


def decided_choices(pkg: Package, state: dlog.State,
                    reviewer: str | None) -> tuple[dict[int, str], dict[int, tuple[str, str]]]:
    """accept/reject/mark for each edit, and the comment to attach where an edit stays marked
    (flagged, disputed, or carried by a close match and to confirm)."""
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
        elif status == dlog.TO_CONFIRM:
            carried = [d for r, d in sorted(ds.items()) if d.to_confirm and (reviewer is None or r == reviewer)]
            notes[e.index] = ("itu-review", "To confirm: carried from an earlier issue by a close match ("
                              + ", ".join(f"{d.reviewer} {PAST[d.verdict]} {d.logged_id}" for d in carried) + ")")
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

    path = log_path(args, args.package)
    check_output(args.out, [args.package, *log_files(path)], force=args.force,
                 logs=log_places(args, args.package))
    pkg = load(args.package, keep_elements=True)
    if pkg.source == "docx":
        verify_for_apply(args.package)  # every member readable, the parts apply edits well formed
    # a log named with --log must exist; a text package is refused by apply_decisions before that matters
    state = dlog.load_state(pkg, path, missing_ok=not args.log) if pkg.source == "docx" else dlog.State(pkg)
    for w in state.warnings:
        print(f"itu-review: warning: {w}", file=sys.stderr)
    choices, notes = decided_choices(pkg, state, args.reviewer)
    counts = apply_decisions(pkg, lambda i: choices.get(i, "mark"), notes, args.out)
    print(f"{args.out}: {plural(counts['accept'], 'edit')} applied, {counts['reject']} reverted, {counts['mark']} left "
          f"tracked ({counts['comments']} with a comment)", file=sys.stderr)
    if counts.get("unseen"):
        marks = plural(counts["unseen"], "revision mark")
        print(f"itu-review: warning: {marks} {'holds' if counts['unseen'] == 1 else 'hold'} text that no edit shows "
              "(a part not read as edits yet); left tracked", file=sys.stderr)
    return ExitCode.OK
