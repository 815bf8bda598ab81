"""The ``itu-review`` command line. Headless commands never import textual."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from . import __version__
from .errors import ExitCode, ItuReviewError

Handler = Callable[[argparse.Namespace], int]

EPILOG = {
    "open": "example: itu-review open samples/en-proposals.docx --reviewer amina",
    "list": "example: itu-review list samples/en-proposals.docx --format json",
    "show": "example: itu-review show samples/en-proposals.docx B/12/1 --view side --width 120",
    "edits": "example: itu-review edits samples/en-proposals.docx --format csv > edits.csv",
    "text": "example: itu-review text samples/en-proposals.docx --version base",
    "decide": "example: itu-review decide pkg.docx --reviewer amina --accept 'B/12/1#2' B/12/3",
    "export": "example: itu-review export pkg.docx --format md --out decisions.md",
    "merge": "example: itu-review merge a.jsonl b.jsonl --out all.jsonl",
    "apply": "example: itu-review apply pkg.docx --out consolidated.docx --reviewer amina",
    "themes": "example: itu-review themes",
    "serve": "example: itu-review serve samples/en-proposals.docx --port 8000   # then open the printed URL",
    "check": "example: itu-review check samples/en-check.docx --base ../final-acts.xml",
    "compile": "example: itu-review compile conference/ --base final-acts.xml --out compilation.docx",
}


def _add_package(p: argparse.ArgumentParser, many: bool = False) -> None:
    if many:
        p.add_argument("packages", nargs="+", metavar="PACKAGE",
                       help=".docx, flattened text or CriticMarkup, or a directory of them")
    else:
        p.add_argument("package", metavar="PACKAGE", help=".docx, flattened text or CriticMarkup")


def _add_log(p: argparse.ArgumentParser, required: bool = False) -> None:
    p.add_argument("--log", metavar="FILE", required=required,
                   help="decision log (default: PACKAGE.decisions.jsonl beside the package)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="itu-review",
        description="Review ITU conference proposals (Word tracked changes) edit by edit.",
        epilog="Exit codes: 0 success; 1 findings (check) or disagreements (merge); 2 usage error; "
               "3 unreadable or invalid input.  Run `itu-review COMMAND --help` for each command.",
    )
    parser.add_argument("--version", action="version", version=f"itu-review {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def cmd(name: str, help_: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_, description=help_, epilog=EPILOG.get(name),
                              formatter_class=argparse.RawDescriptionHelpFormatter)

    p = cmd("open", "open packages in the review app")
    _add_package(p, many=True)
    p.add_argument("--base", action="append", default=[], metavar="PATH", help="base collection")
    _add_log(p)
    p.add_argument("--reviewer", help="your name in the log (default: $ITU_REVIEW_REVIEWER, then login)")
    p.add_argument("--theme", help="colour theme")
    p.add_argument("--bidi", choices=["auto", "app", "terminal", "off"], help="right-to-left handling")
    p.set_defaults(func=_cmd_open)

    p = cmd("list", "list the proposals of packages")
    _add_package(p, many=True)
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=_cmd_list)

    p = cmd("show", "show one proposal, its base and proposed text")
    _add_package(p)
    p.add_argument("id", metavar="ID", help="proposal id such as B/67/1 (or an edit id B/67/1#3)")
    p.add_argument("--view", choices=["side", "inline", "base", "proposed", "package-base"], default="side",
                   help="package-base: the package's own base beside the proposal, whatever --base matched")
    p.add_argument("--width", type=int, default=None, help="columns (default: the terminal's)")
    p.add_argument("--bidi", choices=["auto", "app", "terminal", "off"], default=None)
    p.add_argument("--base", action="append", default=[], metavar="PATH", help="base collection (texts in force)")
    p.add_argument("--log", metavar="FILE", help="decision log: mark each edit accepted ✓, rejected ✗, flagged ⚑ …")
    p.set_defaults(func=_cmd_show)

    p = cmd("edits", "list every edit with its id, kind, texts, context and author")
    _add_package(p, many=True)
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.set_defaults(func=_cmd_edits)

    p = cmd("text", "print the body, one paragraph a line, in one version")
    _add_package(p)
    p.add_argument("--version", dest="version", choices=["base", "proposed", "decided"], default="proposed")
    _add_log(p)
    p.add_argument("--reviewer", help="whose decisions make the decided version")
    p.add_argument("--notes", action="store_true", help="also print footnotes, endnotes and text boxes")
    p.set_defaults(func=_cmd_text)

    p = cmd("decide", "record decisions on edits in the log")
    _add_package(p)
    p.add_argument("ids", nargs="+", metavar="ID", help="edit id (B/67/1#3), proposal id (B/67/1) or glob (B/67/*)")
    _add_log(p)
    p.add_argument("--reviewer", help="your name (default: $ITU_REVIEW_REVIEWER, then login)")
    verdict = p.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--accept", action="store_true")
    verdict.add_argument("--reject", action="store_true")
    verdict.add_argument("--flag", action="store_true", help="needs discussion (give --note)")
    verdict.add_argument("--clear", action="store_true", help="back to pending")
    p.add_argument("--note", default="", help="a note for the committee")
    p.set_defaults(func=_lazy("log_commands", "decide_cmd"))

    p = cmd("export", "export decisions: one row per edit, a summary per proposal, orphans")
    _add_package(p)
    _add_log(p)
    p.add_argument("--format", choices=["csv", "json", "md", "docx"], default="csv")
    p.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    p.add_argument("--base", action="append", default=[], metavar="PATH", help="base collection")
    p.set_defaults(func=_lazy("log_commands", "export_cmd"))

    p = cmd("apply", "write the consolidated .docx: accepted edits applied, rejected reverted, the rest tracked")
    _add_package(p)
    _add_log(p)
    p.add_argument("--out", required=True, metavar="FILE.docx", help="the consolidated document (a new file)")
    p.add_argument("--reviewer", help="whose decisions apply (default: everyone's; a disagreement stays tracked)")
    p.set_defaults(func=_lazy("log_commands", "apply_cmd"))

    p = cmd("check", "check that each proposal was drafted on the text in force")
    _add_package(p, many=True)
    p.add_argument("--base", action="append", default=[], metavar="PATH",
                   help="base collection: Akoma Ntoso XML, .docx, text with headings, or a directory")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=_lazy("log_commands", "check_cmd"))

    p = cmd("compile", "compile a whole conference: every text in force with every proposal's edits on it")
    _add_package(p, many=True)
    p.add_argument("--base", action="append", default=[], metavar="PATH", help="base collection (texts in force)")
    p.add_argument("--format", choices=["docx", "csv", "md", "json"], default="docx",
                   help="docx: the compilation (tracked changes by source); csv, md, json: the synopsis")
    p.add_argument("--out", metavar="FILE", help="write here (required for docx; else standard output)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=_lazy("conference_cli", "compile_cmd"))

    p = cmd("themes", "list the colour themes (shipped and your own)")
    p.set_defaults(func=_lazy("commands", "themes_cmd"))

    p = cmd("serve", "serve the review app to a browser on this machine (token-protected)")
    _add_package(p, many=True)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--token", help="use this token instead of a random one")
    p.add_argument("--base", action="append", default=[], metavar="PATH")
    _add_log(p)
    p.add_argument("--reviewer")
    p.add_argument("--theme")
    p.add_argument("--bidi", choices=["auto", "app", "terminal", "off"])
    p.set_defaults(func=_lazy("tui.serve", "serve_cmd"))

    p = cmd("merge", "merge several decision logs into a new one and report disagreements")
    p.add_argument("logs", nargs="+", metavar="LOG")
    p.add_argument("--out", required=True, metavar="FILE", help="the new merged log (must not exist)")
    p.set_defaults(func=_lazy("log_commands", "merge_cmd"))

    return parser


def _lazy(module: str, name: str) -> Handler:
    """A handler imported only when its command runs, so that `--help` and other commands stay fast."""

    def handler(args: argparse.Namespace) -> int:
        import importlib

        func: Handler = getattr(importlib.import_module(f"itu_review.{module}"), name)
        return func(args)

    return handler


COMMANDS = {"open", "list", "show", "edits", "text", "decide", "export", "apply", "check", "merge",
            "themes", "serve", "compile"}


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] not in COMMANDS and not args_list[0].startswith("-"):
        args_list.insert(0, "open")
    parser = build_parser()
    if not args_list:
        parser.print_help()
        return ExitCode.USAGE
    args = parser.parse_args(args_list)
    func: Handler | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return ExitCode.USAGE
    from . import cache

    try:
        with cache.deferred():  # a large package's cache entry is written after the output
            rc = int(func(args))
            sys.stdout.flush()
        return rc
    except ItuReviewError as exc:
        print(f"itu-review: {exc}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.OK


def _cmd_open(args: argparse.Namespace) -> int:
    from .commands import open_app

    return open_app(args)


def _cmd_list(args: argparse.Namespace) -> int:
    from .commands import list_cmd

    return list_cmd(args)


def _cmd_show(args: argparse.Namespace) -> int:
    from .commands import show_cmd

    return show_cmd(args)


def _cmd_edits(args: argparse.Namespace) -> int:
    from .commands import edits_cmd

    return edits_cmd(args)


def _cmd_text(args: argparse.Namespace) -> int:
    from .commands import text_cmd

    return text_cmd(args)


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
