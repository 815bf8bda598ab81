"""The command line's side of the conference: directories as package lists, and ``compile``.

A command-line module (it prints, and maps problems to exit codes): the conference core in
``conference/`` never imports it.
"""

from __future__ import annotations

import argparse
import sys

from .errors import ExitCode, UsageError
from .model import Package
from .output import plural


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
    from .conference.writing import check_target, write_bytes

    if args.format == "docx" and not args.out:
        raise UsageError("compile writes a .docx: give --out FILE.docx (or --format csv|md|json)")
    inputs = [*args.packages, *args.base]
    if args.out and args.out != "-":
        check_target(args.out, inputs, args.force)
    coll = None
    if args.base:
        from .basetexts import load_collection

        coll = load_collection(args.base)
    by_text = group_by_text(load_many(args.packages, args.base), coll)
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
    if args.out and args.out != "-":
        write_bytes(args.out, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return ExitCode.OK
