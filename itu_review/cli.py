"""The ``itu-review`` command line. Headless commands never import textual."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from . import __version__
from .display.sanitize import clean, controls_visible, for_terminal
from .errors import ExitCode, ItuReviewError, one_line

Handler = Callable[[argparse.Namespace], int]

#: Each command's --help example, on the bundled samples (run from the repository; tests/test_help_examples.py
#: runs every one of them, in this order, in a copy of samples/).
EPILOG = {
    "open": "example: itu-review open samples/en-proposals.docx --reviewer amina --base samples/base",
    "list": "example: itu-review list samples/en-proposals.docx --format json",
    "show": "example: itu-review show samples/en-proposals.docx AFCP/12A1/1 --view side --width 120",
    "edits": "example: itu-review edits samples/en-proposals.docx --format csv > edits.csv",
    "text": "example: itu-review text samples/en-proposals.docx --version base",
    "decide": "example: itu-review decide samples/en-proposals.docx --reviewer amina --accept 'AFCP/12A1/1#2' "
              "AFCP/12A1/2\n"
              "         itu-review decide samples/en-proposals.docx --reviewer amina --support AFCP/12A1/3 "
              "'AFCP/12A1/4*'   # as a whole\n"
              "         itu-review decide samples/en-proposals.docx --reviewer amina 'AFCP/12A1/1#4' --note "
              "'check the French text'\n"
              "         itu-review decide samples/en-proposals.docx --log omar.jsonl --reviewer omar "
              "--reject AFCP/12A1/2",
    "outcome": "example: itu-review outcome samples/en-proposals.docx AFCP/12A1/1 approved as amended "
               "--ref 'PP-22/DT/45' --reviewer secretariat\n"
               "         itu-review outcome samples/en-proposals.docx AFCP/12A1/3 merged --ref AFCP/12A1/2 "
               "--reviewer secretariat",
    "export": "example: itu-review export samples/en-proposals.docx --format md --out decisions.md",
    "merge": "example: itu-review merge samples/en-proposals.docx.decisions.jsonl omar.jsonl --out all.jsonl",
    "apply": "example: itu-review apply samples/en-proposals.docx --out consolidated.docx --reviewer amina",
    "themes": "example: itu-review themes",
    "serve": "example: itu-review serve samples/en-proposals.docx --port 8000   # then open the printed URL",
    "check": "example: itu-review check samples/en-check.docx samples/en-pp18.docx --base samples/base",
    "compile": "example: itu-review compile samples/ --base samples/base --out compilation.docx",
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
    p.add_argument("--log", metavar="FILE", help="decision log for the JSON decision state (one package; default: "
                                                  "each package's own)")
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

    p = cmd("decide", "record decisions on edits and proposals in the log")
    _add_package(p)
    p.add_argument("ids", nargs="+", metavar="ID", help="edit id (B/67/1#3), proposal id (B/67/1: all its edits, or "
                                                        "the proposal itself when it has none) or glob (B/67/*)")
    _add_log(p)
    p.add_argument("--reviewer", help="your name (default: $ITU_REVIEW_REVIEWER, then login)")
    verdict = p.add_mutually_exclusive_group()
    verdict.add_argument("--accept", action="store_true", help="accept edits")
    verdict.add_argument("--reject", action="store_true", help="reject edits")
    verdict.add_argument("--flag", action="store_true", help="needs discussion (give --note)")
    verdict.add_argument("--clear", action="store_true", help="back to pending")
    verdict.add_argument("--confirm", action="store_true",
                         help="confirm verdicts carried to a reissued package by a close match (to confirm)")
    verdict.add_argument("--support", action="store_true", help="support proposals as a whole")
    verdict.add_argument("--oppose", action="store_true", help="oppose proposals as a whole")
    p.add_argument("--proposal", action="store_true",
                   help="--flag/--clear/--note the proposals named, not their edits")
    p.add_argument("--note", default="", help="a note for the committee (alone: a note without a verdict)")
    p.set_defaults(func=_lazy("decide_commands", "decide_cmd"))

    p = cmd("outcome", "record a proposal's outcome (approved, approved as amended, not approved, merged, withdrawn, "
                       "suppressed, no change, noted, postponed, referred; clear)")
    _add_package(p)
    p.add_argument("id", metavar="ID", help="proposal id (or glob)")
    p.add_argument("status", nargs="+", metavar="STATUS", help="the outcome, e.g. approved as amended")
    p.add_argument("--ref", default="", help="the replacing text's reference, what it was merged into, to whom "
                                             "it was referred")
    p.add_argument("--note", default="", help="a note")
    _add_log(p)
    p.add_argument("--reviewer", help="who records it (default: $ITU_REVIEW_REVIEWER, then login)")
    p.set_defaults(func=_lazy("decide_commands", "outcome_cmd"))

    p = cmd("export", "export decisions: one row per edit, a summary per proposal, orphans")
    _add_package(p)
    _add_log(p)
    p.add_argument("--format", choices=["csv", "json", "md", "docx"], default="csv")
    p.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists (never the package or a log)")
    p.add_argument("--base", action="append", default=[], metavar="PATH", help="base collection")
    p.set_defaults(func=_lazy("log_commands", "export_cmd"))

    p = cmd("apply", "write the consolidated .docx: accepted edits applied, rejected reverted, the rest tracked")
    _add_package(p)
    _add_log(p)
    p.add_argument("--out", required=True, metavar="FILE.docx", help="the consolidated document (a new file)")
    p.add_argument("--force", action="store_true", help="replace FILE.docx if it exists (never the package)")
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
    p.add_argument("--text", action="append", default=[], metavar="LABEL",
                   help="only this text ('Resolution 130' or 'Res 130'; repeat for several): a committee's "
                        "share, and a document a word processor opens quickly at conference scale")
    p.set_defaults(func=_lazy("conference_cli", "compile_cmd"))

    p = cmd("themes", "list the colour themes (shipped and your own)")
    p.set_defaults(func=_lazy("commands", "themes_cmd"))

    p = cmd("serve", "serve the review app to a browser on this machine (token-protected)")
    _add_package(p, many=True)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--token-file", metavar="FILE",
                   help="read the token from FILE (or set $ITU_REVIEW_SERVE_TOKEN) instead of a random one")
    p.add_argument("--token", help=argparse.SUPPRESS)  # refused: the command line is public (ps)
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


COMMANDS = {"open", "list", "show", "edits", "text", "decide", "outcome", "export", "apply", "check", "merge",
            "themes", "serve", "compile"}

#: What a first argument must look like to be taken for a package (``itu-review PACKAGE`` is ``open``)
#: when no file of that name exists: a path or a file name with a suffix. A bare word is a mistyped command.
PACKAGE_LIKE = ("/", ".")


def _unknown_command(word: str) -> str | None:
    """The error for a first argument that is neither a command nor a package, or None."""
    import difflib

    if word in COMMANDS or word.startswith("-") or any(c in word for c in PACKAGE_LIKE) or os.path.exists(word):
        return None
    near = difflib.get_close_matches(word, sorted(COMMANDS), n=1, cutoff=0.6)
    hint = f"; did you mean '{near[0]}'?" if near else f"; commands: {', '.join(sorted(COMMANDS))}"
    return f"unknown command '{clean(word)}'{hint} (a package is opened with `itu-review open PACKAGE`)"


class OutputError(ItuReviewError):
    """Standard output could not be written (a full disk, a closed terminal)."""


class _Guarded:
    """A stream that turns a failed write into an ``OutputError`` (one line, exit 3) instead of a
    traceback; everything else is the real stream's (Rich asks for ``isatty``, ``fileno``)."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self._stream = stream
        self._name = name

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(f"{self._name}: cannot write: {exc.strerror or exc}") from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(f"{self._name}: cannot write: {exc.strerror or exc}") from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _Visible(_Guarded):
    """What the commands print: control characters shown, never obeyed (``controls_visible``), so a
    file name, a reviewer's name or a line from a log cannot send an escape sequence to the terminal;
    on a terminal, bidi controls and zero-width characters are named too (``⟨RLO⟩``: ``for_terminal``),
    so that `text` or a message never reorders what is on the screen; into a file or a pipe they stay,
    logical text. ``unfiltered`` is for Rich, which cleans the text it renders and writes its own colour
    sequences."""

    def __init__(self, stream: TextIO, name: str) -> None:
        super().__init__(stream, name)
        self.unfiltered = _Guarded(stream, name)
        try:
            self._filter = for_terminal if stream.isatty() else controls_visible
        except (AttributeError, ValueError):
            self._filter = controls_visible

    def write(self, text: str) -> int:
        return super().write(self._filter(text))


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
    except (OSError, ValueError):
        pass  # stdout has no descriptor to redirect: there is nothing left to flush into it either


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] not in COMMANDS and not args_list[0].startswith("-"):
        problem = _unknown_command(args_list[0])
        if problem is not None:
            print(f"itu-review: {problem}", file=sys.stderr)
            return ExitCode.USAGE
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

    real_stdout, real_stderr = sys.stdout, sys.stderr
    restore: list[tuple[signal.Signals, Any]] = []
    if args.command not in ("open", "serve"):  # the app owns its terminal (and its signals)
        sys.stdout = _Visible(real_stdout, "standard output")
        sys.stderr = _Visible(real_stderr, "standard error")
        restore = _stop_on_termination()
    try:
        with cache.deferred():  # a large package's cache entry is written after the output
            rc = int(func(args))
            sys.stdout.flush()
        return rc
    except ItuReviewError as exc:
        if isinstance(exc, OutputError):
            _silence_stdout()
        print(f"itu-review: {one_line(str(exc))}", file=sys.stderr)
        return int(exc.exit_code)
    except Terminated as exc:
        return 128 + exc.signum
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return ExitCode.OK
    except Exception as exc:  # a bug: a short line here, the traceback in a crash report
        return _internal_error(args.command, args_list, exc)
    finally:
        sys.stdout, sys.stderr = real_stdout, real_stderr
        for signum, handler in restore:
            signal.signal(signum, handler)


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, stopping a command as Ctrl-C does: the process pool of a directory's loading
    is shut down on the way out (without this its workers were left running, blocked on a pipe)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop_on_termination() -> list[tuple[signal.Signals, Any]]:
    """Raise ``Terminated`` on SIGTERM and SIGHUP (main thread only); the handlers to put back."""
    if threading.current_thread() is not threading.main_thread():
        return []

    def stop(signum: int, frame: object) -> None:
        raise Terminated(signum)

    restore: list[tuple[signal.Signals, Any]] = []
    for signum in (signal.SIGTERM, signal.SIGHUP):
        restore.append((signum, signal.getsignal(signum)))
        signal.signal(signum, stop)
    return restore


def _internal_error(command: str, argv: list[str], exc: Exception) -> int:
    from .crash import write_crash_report

    try:
        where = f"the details are in {write_crash_report(command, argv, exc)}; please attach it to a bug report"
    except OSError as err:
        where = f"no crash report could be saved ({err.strerror or err})"
    print(f"itu-review: internal error in `{command}` ({type(exc).__name__}); {where}", file=sys.stderr)
    return ExitCode.INTERNAL


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
