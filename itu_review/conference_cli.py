"""The command line's side of the conference: directories as package lists, and ``compile``.

A command-line module (it prints, and maps problems to exit codes): the conference core in
``conference/`` never imports it.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from .errors import ExitCode, UsageError
from .model import Package
from .output import check_output, plural, write_out

if TYPE_CHECKING:
    from .conference.grouping import ByText, TextGroup


def load_many(paths: list[str], leave_out: list[str] | None = None) -> list[Package]:
    """The packages under ``paths`` (files and directories), read in parallel with progress on stderr;
    each file of a directory that cannot be read is reported in one line and skipped; ``leave_out``: the
    base collection (``--base``), whose files in those directories are no packages."""
    from .conference.loader import load_packages
    from .conference.progress import StderrProgress
    from .display.sanitize import clean

    progress = StderrProgress()
    loaded = load_packages(paths, progress, leave_out=leave_out or ())
    progress.finish()
    for s in loaded.skipped:
        print(clean(f"itu-review: {s.line()}"), file=sys.stderr)
    if not loaded.packages:
        from .errors import InputError

        raise InputError(", ".join(paths), "no package could be read")
    return loaded.packages


def compile_cmd(args: argparse.Namespace) -> int:
    """The compilation .docx, or the synopsis as CSV, Markdown or JSON."""
    from .conference.grouping import group_by_text
    from .conference.writing import write_bytes

    if args.format == "docx" and (not args.out or args.out == "-"):
        raise UsageError("compile writes a .docx: give --out FILE.docx (or --format csv|md|json)")
    if args.out and args.out != "-":
        _check_out(args)
    coll = None
    if args.base:
        from .basetexts import load_collection

        coll = load_collection(args.base)
    by_text = group_by_text(load_many(args.packages, args.base), coll)
    if args.text:
        by_text.groups = _chosen(by_text, args.text)
    if args.format == "docx":
        from .conference.compilation import compilation_docx

        write_bytes(args.out, compilation_docx(by_text))
        n = sum(1 for g in by_text.groups)
        print(f"{args.out}: {plural(n, 'text')}, {plural(sum(len(g.entries) for g in by_text.groups), 'proposal')}",
              file=sys.stderr)
        return ExitCode.OK
    from .conference import synopsis

    data = synopsis.synopsis(by_text)
    text = {"csv": synopsis.to_csv, "md": synopsis.to_markdown, "json": synopsis.to_json}[args.format](data)
    write_out(text, args.out)  # a file's control characters shown as on standard output
    return ExitCode.OK


def _chosen(by_text: ByText, labels: list[str]) -> list[TextGroup]:
    """The texts named with --text, in the compilation's order; a label no text has is a usage error
    that names some that are there."""
    chosen = []
    for label in labels:
        group = by_text.find(label)
        if group is None:
            known = ", ".join(g.short for g in by_text.groups[:8])
            raise UsageError(f"--text {label!r}: no proposal acts on that text (texts: {known}"
                             f"{', …' if len(by_text.groups) > 8 else ''})")
        chosen.append(group)
    return [g for g in by_text.groups if any(g is c for c in chosen)]


def _check_out(args: argparse.Namespace) -> None:
    """Refuse --out where it would replace an input: a package (named, or found in a folder), a base
    text, or a package's decision log (where the config puts it, written yet or not)."""
    from .conference.discover import discover
    from .config import load_config, log_for

    files = discover(args.packages, args.base).files
    cfg = load_config()
    check_output(args.out, [*args.packages, *files, *args.base], force=args.force,
                 logs=[log_for(f, cfg) for f in files])
