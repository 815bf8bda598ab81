"""Headless commands that append to the decision log: decide (edits and proposals) and outcome."""

from __future__ import annotations

import argparse
import fnmatch
import os
import sys
from pathlib import Path

from . import decisions as dlog
from .errors import ExitCode, InputError, UsageError
from .logfile import check_text
from .logtail import last_verdicts
from .model import FRONT_ID, Edit, Package, Proposal
from .output import plural
from .package import load
from .proposal_verdicts import make_outcome_event, make_proposal_event, parse_outcome

GLOB = set("*?[")
#: --OPTION → verdict, in the order --help lists them.
EDIT_OPTIONS = ("accept", "reject", "flag", "clear", "confirm")
PROPOSAL_OPTIONS = ("support", "oppose")


def select(pkg: Package, idents: list[str]) -> tuple[list[Edit], list[Proposal]]:
    """Edits named by edit ids, proposal ids or globs; and the proposals without edits named by id."""
    chosen: dict[int, Edit] = {}
    bare: list[Proposal] = []
    unknown: list[str] = []
    for ident in idents:
        found: list[Edit] = []
        if GLOB & set(ident):
            found = [e for e in pkg.edits if fnmatch.fnmatchcase(e.id, ident) or fnmatch.fnmatchcase(e.proposal, ident)]
        elif "#" in ident:
            e = pkg.edit(ident)
            found = [e] if e else []
        else:
            prop = pkg.proposal(ident)
            if prop is not None and not prop.edits and prop.id != FRONT_ID:
                bare.append(prop)
                continue
            found = list(prop.edits) if prop else []
        if not found:
            unknown.append(ident)
        for e in found:
            chosen[e.index] = e
    if unknown:
        raise UsageError(f"{pkg.path}: no edit or proposal matches {', '.join(map(repr, unknown))}")
    return [chosen[k] for k in sorted(chosen)], bare


def select_proposals(pkg: Package, idents: list[str],
                     edit_error: str = "--support and --oppose decide whole proposals") -> list[Proposal]:
    """Proposals named by id or glob (the front matter never); an edit id is a usage error, saying
    ``edit_error`` (what takes a proposal) and which proposal to give."""
    chosen: dict[str, Proposal] = {}
    unknown: list[str] = []
    for ident in idents:
        if "#" in ident and not GLOB & set(ident):
            raise UsageError(f"{ident} is an edit: {edit_error} (give {ident.split('#')[0]})")
        found = [p for p in pkg.proposals if p.id != FRONT_ID and fnmatch.fnmatchcase(p.id, ident)]
        if not found:
            unknown.append(ident)
        for p in found:
            chosen[p.id] = p
    if unknown:
        raise UsageError(f"{pkg.path}: no proposal matches {', '.join(map(repr, unknown))}")
    order = {p.id: k for k, p in enumerate(pkg.proposals)}
    return sorted(chosen.values(), key=lambda p: order[p.id])


def log_for_writing(args: argparse.Namespace) -> Path:
    """The log to append to (``--log``, else the config's policy); never the package itself, which an
    append would damage (a .docx named as its own log kept two JSON lines after its zip's end). Any
    other file that is not a log is refused by the append itself, which reads its first line."""
    from .log_commands import log_path

    path = log_path(args, args.package)
    try:
        same = os.path.samefile(path, args.package)
    except OSError:
        same = False  # a log not written yet
    if same:
        raise InputError(path, "is the package itself, not its decision log; nothing recorded (name the log "
                               "with --log)")
    return path


def _reviewer(args: argparse.Namespace) -> str:
    from .config import load_config

    return dlog.reviewer_name(args.reviewer, load_config().reviewer)


def decide_cmd(args: argparse.Namespace) -> int:
    """Verdicts on edits (--accept/--reject/--flag/--clear/--confirm), on proposals as a whole
    (--support/--oppose, or --proposal with --flag/--clear/--note), or a note alone (--note only)."""
    verdict = next((v for v in (*EDIT_OPTIONS, *PROPOSAL_OPTIONS) if getattr(args, v, False)), None)
    note = check_text(args.note or "", "--note")
    if verdict is None and not note.strip():
        raise UsageError("give a verdict (--accept, --reject, --flag, --clear, --confirm, --support, --oppose) "
                         "or a --note")
    if verdict == "flag" and not note.strip():
        raise UsageError("--flag needs --note: say what needs discussing")
    if args.proposal and verdict in ("accept", "reject", "confirm"):
        raise UsageError(f"--{verdict} decides edits; a proposal as a whole takes --support, --oppose, --flag, "
                         "--clear or --note")
    path = log_for_writing(args)
    pkg = load(args.package)
    reviewer = _reviewer(args)
    if verdict in PROPOSAL_OPTIONS or args.proposal:
        props = select_proposals(pkg, args.ids)
        edits: list[Edit] = []
    else:
        edits, props = select(pkg, args.ids)
        if props and verdict in ("accept", "reject", "confirm"):
            p = props[0]
            raise UsageError(f"{pkg.path}: proposal {p.id} ({p.action}) has no edits to {verdict}: decide it as a "
                             "whole with --support or --oppose (or --flag --note)")
    if verdict == "confirm":
        return _confirm(pkg, edits, reviewer, path)
    v = verdict or "note"
    replaced = _replaced(path, reviewer, edits, props, v)
    events = [dlog.make_event(pkg, e, reviewer, v, note) for e in edits]
    events += [make_proposal_event(pkg, p, reviewer, v, note) for p in props]
    dlog.append(path, events)
    what = [plural(len(edits), "edit")] if edits else []
    what += [plural(len(props), "proposal")] if props else []
    tail = f" (replacing {plural(replaced, 'earlier verdict')} of yours)" if replaced else ""
    print(f"{'note' if v == 'note' else v}: {' and '.join(what)} by {reviewer} recorded in {path}{tail}",
          file=sys.stderr)
    return ExitCode.OK


def _replaced(path: object, reviewer: str, edits: list[Edit], props: list[Proposal], verdict: str) -> int:
    """How many of the reviewer's own verdicts on these edits and proposals this one replaces."""
    if verdict == "note":
        return 0
    n = 0
    if edits:
        before = last_verdicts(str(path), reviewer, {e.id: e.fingerprint for e in edits})
        n += sum(1 for v in before.values() if v != verdict)
    if props:
        before = last_verdicts(str(path), reviewer, {p.id: "" for p in props}, field="proposal")
        n += sum(1 for v in before.values() if v != verdict)
    return n


def _confirm(pkg: Package, edits: list[Edit], reviewer: str, path: object) -> int:
    """Confirm re-attached decisions: the carried verdict and note again, on the new edit."""
    state = dlog.load_state(pkg, str(path))
    events = []
    for e in edits:
        d = state.verdicts(e.index).get(reviewer)
        if d is not None and d.to_confirm:
            events.append(dlog.confirm_event(pkg, e, d))
    dlog.append(str(path), events)
    others = len(edits) - len(events)
    print(f"confirmed: {plural(len(events), 'carried verdict')} by {reviewer} recorded in {path}"
          + (f" ({plural(others, 'edit')} had nothing of yours to confirm)" if others else ""), file=sys.stderr)
    return ExitCode.OK


def outcome_cmd(args: argparse.Namespace) -> int:
    """Record a proposal's outcome: `itu-review outcome PKG ID STATUS… [--ref DOC] [--note T]`."""
    status = parse_outcome(" ".join(args.status))
    ref = check_text(args.ref or "", "--ref")
    note = check_text(args.note or "", "--note")
    path = log_for_writing(args)
    pkg = load(args.package)
    props = select_proposals(pkg, [args.id], "an outcome is the conference's decision on a whole proposal")
    reviewer = _reviewer(args)
    events = [make_outcome_event(pkg, p, reviewer, status, ref, note) for p in props]
    dlog.append(path, events)
    ids = ", ".join(p.id for p in props[:5]) + (" …" if len(props) > 5 else "")
    print(f"outcome {status}{f' ({ref})' if ref else ''}: {ids} recorded by {reviewer} in {path}", file=sys.stderr)
    return ExitCode.OK
