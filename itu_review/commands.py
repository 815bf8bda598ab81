"""Headless command implementations: list, show, edits, text (and the app launcher)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from .errors import ExitCode, UsageError
from .model import FRONT_ID, Package, Proposal
from .output import change_detail, csv_text, dumps, edit_info, package_info, plural, proposal_info, write_out
from .package import load

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console

    from .decisions import State


def _load_all(paths: list[str], leave_out: list[str] | None = None) -> list[Package]:
    from .conference.discover import has_directory

    if has_directory(paths):  # a conference: read in parallel, unreadable files skipped (the base's left out)
        from .conference_cli import load_many

        return load_many(paths, leave_out)
    seen: set[str] = set()
    out = []
    for p in paths:  # each file once, however often named or spelt (a directory's files are too)
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            out.append(load(p))
    return out


def _console(width: int | None = None) -> Console:
    from .display.console import terminal_console

    return terminal_console(width)


def list_cmd(args: argparse.Namespace) -> int:
    pkgs = _load_all(args.packages)
    if getattr(args, "log", None) and len(pkgs) > 1:
        raise UsageError("--log names one package's log: give one package, or leave --log out")
    if args.format == "json":
        docs = [_list_json(p, args) for p in pkgs]
        write_out(dumps(docs[0] if len(docs) == 1 else docs), None)
        return ExitCode.OK

    from .display.tables import print_table
    from .proposal_verdicts import summarize

    console = _console()
    for pkg in pkgs:
        state = _list_state(pkg, args)  # read as for JSON: a bad log is the same error (exit 3, its line)
        reviewers = state.reviewers()  # once: each proposal's summary would scan every decided edit again
        decided = bool(reviewers) or any(state.outcome(p.id) for p in pkg.proposals)
        _file_line(console, f"{pkg.path}  ({pkg.source}, {plural(len(pkg.proposals), 'proposal')}, "
                            f"{plural(len(pkg.edits), 'edit')})")
        warned = any(p.warnings for p in pkg.proposals)
        headers = ["id", "action", "target", "edits", *(["decision"] if decided else []), "title",
                   *(["!"] if warned else [])]
        rows = []
        for p in pkg.proposals:
            row = [p.id, p.action or "-", p.target.label(), str(len(p.edits))]
            if decided and not _decidable(p):
                row.append("\u2014")
            elif decided:
                summary = summarize(state, p, reviewers)
                row.append(summary.decision + (f" ({summary.outcome.status})" if summary.outcome else ""))
            rows.append([*row, p.title, *(["!" if p.warnings else ""] if warned else [])])
        print_table(console, headers, rows, flexible=headers.index("title"),
                    keep=(0, 1, 3, -1) if warned else (0, 1, 3))
        for p in pkg.proposals:  # each warning in full, under the table: the "!" column points at them
            for w in p.warnings:
                _warning(console, f"{p.id}: {w}")
        for w in pkg.warnings:
            _warning(console, w)
    from .collisions import duplicate_ids, same_id_messages

    for line, _ in same_id_messages(duplicate_ids(pkgs)):  # a reissue beside its original
        _warning(console, line)
    return ExitCode.OK


def _file_line(console: Console, text: str) -> None:
    """The line naming a package above its table, never wrapped: a long path folded by the width read
    'en-prop' over 'osals.docx' (the terminal wraps a line too long for it, if it must)."""
    from .display.sanitize import clean

    console.file.write(clean(text, reveal=True) + "\n")


def _warning(console: Console, text: str) -> None:
    """A warning under a table: "! " and the text wrapped at words, continuation lines indented."""
    from rich.text import Text

    from .display.sanitize import clean
    from .display.tables import wrap_words

    for k, line in enumerate(wrap_words(clean(text, reveal=True), max(console.width - 2, 20))):
        console.print(Text(("! " if k == 0 else "  ") + line, no_wrap=True, overflow="crop"))


def _list_state(pkg: Package, args: argparse.Namespace) -> State:
    """The package's decision state (its own log, or --log, which must exist), warnings on stderr."""
    from .decisions import load_state
    from .log_commands import log_path

    state = load_state(pkg, log_path(args, pkg.path), missing_ok=not getattr(args, "log", None))
    for w in state.warnings:
        print(f"itu-review: warning: {w}", file=sys.stderr)
    return state


def _decidable(p: Proposal) -> bool:
    """The front matter (DOC) is no proposal: decided only through its edits, when it has any."""
    return p.id != FRONT_ID or bool(p.edits)


def _list_json(pkg: Package, args: argparse.Namespace) -> dict[str, object]:
    """A package's proposals, each with its decision state from the package's log (null for front
    matter without edits, which nothing can decide)."""
    from .proposal_verdicts import summarize, summary_json

    state = _list_state(pkg, args)
    reviewers = state.reviewers()
    return {"package": package_info(pkg),
            "proposals": [{**proposal_info(x), "decision": summary_json(summarize(state, x, reviewers))
                           if _decidable(x) else None} for x in pkg.proposals]}


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
            raise UsageError(f"{pkg.path}: no edit {ident!r} ({pid} has {plural(len(prop.edits), 'edit')})")
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
    if not console.is_terminal and args.bidi is None and look.shape:
        # piped, `show` is still a picture of the screen (right-to-left lines in visual order), but of the
        # document's own letters: the presentation forms a terminal that does not shape needs would hide
        # them from grep and copying (`--bidi app` asks for them; `text` gives logical text)
        look = replace(look, shape=False)
    chk = None
    if getattr(args, "base", None):
        from .basetexts import load_collection
        from .check import check_proposal

        chk = check_proposal(load_collection(args.base), pkg, prop)
    status = None
    if getattr(args, "log", None):
        from . import decisions as dlog

        state = dlog.load_state(pkg, args.log, missing_ok=False)  # a mistyped --log must not show all pending
        for w in state.warnings:
            print(f"itu-review: warning: {w}", file=sys.stderr)
        status = {e.index: dlog.edit_status(state.verdicts(e.index)) for e in prop.edits}
    view = ProposalView(pkg, prop, args.view, look, current, side=base_side(pkg, prop, chk), status=status)
    console.print(view, end="")
    return ExitCode.OK


EDIT_COLUMNS = ("id", "kind", "deleted", "inserted", "subject", "before", "after", "author", "date", "fingerprint",
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

    from .display.tables import print_table

    console = _console()
    for pkg in pkgs:
        sole = sole_author(pkg)
        by = f", all by {sole}" if sole else ""
        _file_line(console, f"{pkg.path}  ({plural(len(pkg.edits), 'edit')}{by})")
        headers, rows = edit_rows(pkg, author=not sole)
        warned = headers[-1] == "!"
        print_table(console, headers, rows, flexible=None, keep=(0, 1, -1) if warned else (0, 1),
                    late=() if sole else (-2,) if warned else (-1,),
                    wrap=3)  # texts over up to three lines, not cut to one
        for e in pkg.edits:  # each warning in full, under the table: the "!" column points at them
            for w in e.warnings:
                _warning(console, f"{e.id}: {w}")
    return ExitCode.OK


def sole_author(pkg: Package) -> str:
    """The one author of every edit (a secretariat's Compare gives them all one name), or ""."""
    authors = {e.author for e in pkg.edits}
    return authors.pop() if len(authors) == 1 else ""


def edit_rows(pkg: Package, author: bool = True) -> tuple[list[str], list[list[str]]]:
    """The `edits` table of a package: id and kind (never cut: the id is what `decide` takes), the
    deleted and inserted text, what a formatting edit changes and on which text (a ``detail`` column
    when there is one), the author (unless ``author`` is False: one name for all, said above the table,
    leaves the texts the width), and "!" where an edit has warnings (a column when one has; the
    warnings are listed under the table)."""
    details = any(e.detail or e.subject for e in pkg.edits)
    warned = any(e.warnings for e in pkg.edits)
    headers = ["id", "kind", "deleted", "inserted", *(["detail"] if details else []), *(["author"] if author else []),
               *(["!"] if warned else [])]
    rows = []
    for e in pkg.edits:
        row = [e.id, e.kind, e.deleted, e.inserted]
        if details:
            row.append(change_detail(e.detail, e.subject))
        if author:
            row.append(e.author)
        if warned:
            row.append("!" if e.warnings else "")
        rows.append(row)
    return headers, rows


#: After an edit whose decision is to confirm (carried to a reissue by a close match), in `text --version
#: decided`: a CriticMarkup comment, so that it stands apart from pending and flagged edits.
TO_CONFIRM_MARK = "{>>to confirm<<}"


def text_cmd(args: argparse.Namespace) -> int:
    from .views import Line, accept_all, note_marker, plain_text, reject_all, resolve

    pkg = load(args.package)
    confirm: set[int] = set()
    choose: Callable[[int], str]
    if args.version == "base":
        choose = reject_all
    elif args.version == "proposed":
        choose = accept_all
    else:
        from .decisions import TO_CONFIRM, chooser_for

        statuses: dict[int, str] = {}
        choose = chooser_for(pkg, args.log, args.reviewer, statuses)
        confirm = {i for i, st in statuses.items() if st == TO_CONFIRM}
    critic = args.version == "decided"

    # an edit without text of its own (a paragraph's formatting) is marked at the end of its paragraph
    spanned: set[int] = set()
    if confirm:
        for paragraphs in (pkg.paragraphs, *(n.paragraphs for n in pkg.notes.values())):
            spanned.update(s.edit for ln in resolve(paragraphs, choose) for s in ln.spans)
    at_end = {pkg.edits[i].para for i in confirm - spanned}

    def line_text(line: Line, notes: bool = False) -> str:
        marked = any(s.edit in confirm for s in line.spans)
        if not marked:
            text = plain_text(line, notes=notes, critic=critic)
        else:
            parts = []
            for k, s in enumerate(line.spans):
                parts.append(plain_text(Line(spans=[s]), notes=notes, critic=critic))
                if s.edit in confirm and (k + 1 == len(line.spans) or line.spans[k + 1].edit != s.edit):
                    parts.append(TO_CONFIRM_MARK)
            text = "".join(parts)
        return text + TO_CONFIRM_MARK if at_end and at_end & set(line.paras) else text

    out: list[str] = []
    for line in resolve(pkg.paragraphs, choose):
        out.extend(line_text(line, notes=args.notes).split("\n"))
    if args.notes:
        for key, note in pkg.notes.items():
            lines = [line_text(ln) for ln in resolve(note.paragraphs, choose)]
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
    if not sys.stdout.isatty() and not os.environ.get("ITU_REVIEW_FORCE_TTY"):
        raise UsageError("the review app needs a terminal; use `itu-review list|show|edits` in scripts")
    from .tui.app import run_app

    return run_app(args)


def themes_cmd(args: argparse.Namespace) -> int:
    """List the shipped and the user's themes; report the broken ones."""
    from .config import DEFAULT_THEME, NO_COLOR_THEME, load_config, load_themes, setting, theme_dirs

    # the theme the app would open with (environment > config > default); a broken config is the same
    # error here as for every command
    default = NO_COLOR_THEME if os.environ.get("NO_COLOR") else DEFAULT_THEME
    chosen = setting(None, "ITU_REVIEW_THEME", load_config().theme, default)
    themes, errors = load_themes()
    for name, spec in themes.items():
        mark = "*" if name == chosen else " "
        print(f"{mark} {name:20} {'dark ' if spec.dark else 'light'}  {spec.description}  ({spec.source})")
    for err in errors:
        print(f"! {err}", file=sys.stderr)
    print(f"theme folders: {', '.join(str(d) for d in theme_dirs())}", file=sys.stderr)
    return ExitCode.OK if themes else ExitCode.BAD_INPUT
