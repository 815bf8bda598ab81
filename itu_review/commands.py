"""Headless command implementations: list, show, edits, text (and the app launcher)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys

from .errors import ExitCode, UsageError
from .model import Package, Proposal
from .output import csv_text, dumps, edit_info, package_info, proposal_info, write_out
from .package import load


def _load_all(paths: list[str]) -> list[Package]:
    from .conference.discover import has_directory

    if has_directory(paths):  # a conference: read in parallel, unreadable files skipped
        from .conference_cli import load_many

        return load_many(paths)
    return [load(p) for p in paths]


def _console(width: int | None = None):  # type: ignore[no-untyped-def]
    from .display.console import terminal_console

    return terminal_console(width)


def list_cmd(args: argparse.Namespace) -> int:
    pkgs = _load_all(args.packages)
    if args.format == "json":
        if getattr(args, "log", None) and len(pkgs) > 1:
            raise UsageError("--log names one package's log: give one package, or leave --log out")
        docs = [_list_json(p, args) for p in pkgs]
        write_out(dumps(docs[0] if len(docs) == 1 else docs), None)
        return ExitCode.OK
    from rich.text import Text

    from .display.tables import print_table

    console = _console()
    for pkg in pkgs:
        console.print(Text(f"{pkg.path}  ({pkg.source}, {len(pkg.proposals)} proposals, {len(pkg.edits)} edits)"))
        rows = [[p.id, p.action or "-", p.target.label(), str(len(p.edits)), p.title,
                 "; ".join(p.warnings)] for p in pkg.proposals]
        print_table(console, ["id", "action", "target", "edits", "title", "warnings"], rows, flexible=4)
        for w in pkg.warnings:
            console.print(Text(f"! {w}"))
    return ExitCode.OK


def _list_json(pkg: Package, args: argparse.Namespace) -> dict[str, object]:
    """A package's proposals, each with its decision state from the package's log."""
    from .decisions import load_state
    from .log_commands import log_path
    from .proposal_verdicts import summarize, summary_json

    state = load_state(pkg, log_path(args, pkg.path), missing_ok=not getattr(args, "log", None))
    for w in state.warnings:
        print(f"itu-review: warning: {w}", file=sys.stderr)
    return {"package": package_info(pkg),
            "proposals": [proposal_info(x, summary_json(summarize(state, x))) for x in pkg.proposals]}


def find_proposal(pkg: Package, ident: str) -> tuple[Proposal, int]:
    """The proposal named by a proposal id or an edit id, and the edit's index (or -1)."""
    pid, _, num = ident.partition("#")
    prop = pkg.proposal(pid)
    if prop is None:
        known = ", ".join(p.id for p in pkg.proposals[:12])
        raise UsageError(f"{pkg.path}: no proposal {pid!r} (proposals: {known})")
    current = -1
    if num:
        edit = pkg.edit(ident)
        if edit is None:
            raise UsageError(f"{pkg.path}: no edit {ident!r} ({pid} has {len(prop.edits)} edits)")
        current = edit.index
    return prop, current


def show_cmd(args: argparse.Namespace) -> int:
    from .config import load_config, setting
    from .display.in_force import base_side
    from .display.render import ProposalView, look_for_console

    pkg = load(args.package)
    prop, current = find_proposal(pkg, args.id)
    width = args.width or shutil.get_terminal_size((100, 24)).columns
    if width < 20:
        raise UsageError(f"--width {width} is too narrow (20 columns at least)")
    console = _console(width)
    look = look_for_console(console, bidi=setting(args.bidi, "ITU_REVIEW_BIDI", load_config().bidi, "app"))
    chk = None
    if getattr(args, "base", None):
        from .basetexts import load_collection
        from .check import check_proposal

        chk = check_proposal(load_collection(args.base), pkg, prop)
    status = None
    if getattr(args, "log", None):
        from . import decisions as dlog

        state = dlog.load_state(pkg, args.log)
        for w in state.warnings:
            print(f"itu-review: warning: {w}", file=sys.stderr)
        status = {e.index: dlog.edit_status(state.verdicts(e.index)) for e in prop.edits}
    view = ProposalView(pkg, prop, args.view, look, current, side=base_side(pkg, prop, chk), status=status)
    console.print(view, end="")
    return ExitCode.OK


EDIT_COLUMNS = ("id", "kind", "deleted", "inserted", "before", "after", "author", "date", "fingerprint",
                "detail", "warnings")


def edits_cmd(args: argparse.Namespace) -> int:
    pkgs = _load_all(args.packages)
    if args.format == "json":
        docs = [{"package": package_info(p), "edits": [edit_info(e) for e in p.edits]} for p in pkgs]
        write_out(dumps(docs[0] if len(docs) == 1 else docs), None)
        return ExitCode.OK
    if args.format == "csv":
        rows = []
        for pkg in pkgs:
            for e in pkg.edits:
                info = edit_info(e)
                rows.append([pkg.path] + [("; ".join(info[c]) if c == "warnings" else info[c]) for c in EDIT_COLUMNS])
        write_out(csv_text(["package", *EDIT_COLUMNS], rows), None)
        return ExitCode.OK
    from rich.text import Text

    from .display.tables import print_table

    console = _console()
    for pkg in pkgs:
        console.print(Text(f"{pkg.path}  ({len(pkg.edits)} edits)"))
        if any(e.detail for e in pkg.edits):  # what formatting edits change, which text boxes come and go
            rows = [[e.id, e.kind, e.deleted or e.subject, e.inserted, e.detail, e.author] for e in pkg.edits]
            print_table(console, ["id", "kind", "deleted", "inserted", "detail", "author"], rows, flexible=2)
        else:
            rows = [[e.id, e.kind, e.deleted or e.subject, e.inserted, e.author] for e in pkg.edits]
            print_table(console, ["id", "kind", "deleted", "inserted", "author"], rows, flexible=2)
    return ExitCode.OK


def text_cmd(args: argparse.Namespace) -> int:
    from .views import accept_all, note_marker, plain_text, reject_all, resolve

    pkg = load(args.package)
    critic = False
    if args.version == "base":
        choose = reject_all
    elif args.version == "proposed":
        choose = accept_all
    else:
        from .decisions import chooser_for

        choose = chooser_for(pkg, args.log, args.reviewer)
        critic = True
    out: list[str] = []
    for line in resolve(pkg.paragraphs, choose):
        out.extend(plain_text(line, notes=args.notes, critic=critic).split("\n"))
    if args.notes:
        for key, note in pkg.notes.items():
            lines = [plain_text(ln, critic=critic) for ln in resolve(note.paragraphs, choose)]
            mark = note_marker(key)
            body = "\n    ".join(x for ln in lines for x in ln.split("\n"))
            out.append(f"{mark}: {body.strip()}")
    write_out("".join(line + "\n" for line in out), None)
    return ExitCode.OK


def open_app(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .errors import InputError

    for path in args.packages:  # fail before the screen is taken over
        if not Path(path).exists():
            raise InputError(path, "no such file")
    from .conference.discover import has_directory

    if has_directory(args.packages):  # the packages of a conference, read (and cached) in parallel
        args.packages = [p.path for p in _load_all(args.packages)]
    if not sys.stdout.isatty() and not os.environ.get("ITU_REVIEW_FORCE_TTY"):
        raise UsageError("the review app needs a terminal; use `itu-review list|show|edits` in scripts")
    from .tui.app import run_app

    return run_app(args)


def themes_cmd(args: argparse.Namespace) -> int:
    """List the shipped and the user's themes; report the broken ones."""
    from .config import DEFAULT_THEME, load_themes, theme_dirs

    themes, errors = load_themes()
    for name, spec in themes.items():
        mark = "*" if name == DEFAULT_THEME else " "
        print(f"{mark} {name:20} {'dark ' if spec.dark else 'light'}  {spec.description}  ({spec.source})")
    for err in errors:
        print(f"! {err}", file=sys.stderr)
    print(f"theme folders: {', '.join(str(d) for d in theme_dirs())}", file=sys.stderr)
    return ExitCode.OK if themes else ExitCode.BAD_INPUT
