"""Writing JSON, CSV and Rich tables to stdout or a file, the same way for every command."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .display.sanitize import controls_visible
from .errors import InputError, UsageError
from .model import Edit, Package, Proposal


def plural(n: int, word: str, words: str = "") -> str:
    """"1 proposal", "49 edits": a count and its noun, singular for one (``words`` for an irregular plural)."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def change_detail(detail: str, subject: str, limit: int = 0) -> str:
    """What a formatting edit changes and on which text, as the app's details say it: "bold added on
    “accessible”" — its subject shown as the subject, never as deleted text. ``limit`` cuts a long
    subject (a whole paragraph, for a paragraph-format edit) in a label; data outputs keep it whole."""
    if not subject:
        return detail
    shown = " ".join(subject.split())
    if limit and len(shown) > limit:
        shown = shown[:limit - 1].rstrip() + "\u2026"
    return f"{detail} on \u201c{shown}\u201d" if detail else f"on \u201c{shown}\u201d"


def package_info(pkg: Package) -> dict[str, Any]:
    return {"path": pkg.path, "sha256": pkg.sha256, "source": pkg.source, "language": pkg.language,
            "proposals": sum(1 for p in pkg.proposals), "edits": len(pkg.edits), "warnings": pkg.warnings}


def proposal_info(p: Proposal, decision: dict[str, Any] | None = None) -> dict[str, Any]:
    """A proposal as `list --format json` gives it; ``decision``: its decision state from the log."""
    info = {"id": p.id, "action": p.action, "target": {"kind": p.target.kind, "number": p.target.number},
            "title": p.title, "heading": p.heading, "edits": len(p.edits), "reasons": p.reasons,
            "warnings": list(p.warnings)}
    if decision is not None:
        info["decision"] = decision
    return info


def edit_info(e: Edit) -> dict[str, Any]:
    return {"id": e.id, "proposal": e.proposal, "kind": e.kind, "deleted": e.deleted, "inserted": e.inserted,
            "subject": e.subject, "before": e.before, "after": e.after, "author": e.author,
            "authors": list(e.authors), "date": e.date, "revision_ids": list(e.rids),
            "fingerprint": e.fingerprint, "note": e.note, "detail": e.detail, "warnings": list(e.warnings)}


#: DEL and the C1 controls, which JSON may carry raw (it escapes only U+0000-U+001F): a terminal
#: obeys C1 controls (U+009B is CSI), so they are escaped too.
_RAW_IN_JSON = re.compile("[\x7f-\x9f]")


def dumps(obj: Any) -> str:
    """JSON as every command prints it: UTF-8 text, with no control character a terminal would obey."""
    text = json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
    if _RAW_IN_JSON.search(text) is None:
        return text
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV as spreadsheets want it: UTF-8 with a byte-order mark, CRLF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return "\ufeff" + buf.getvalue()


def check_output(out: str | Path | None, inputs: Iterable[str | Path | None] = (), *, force: bool = False,
                 replaces: bool = True, logs: Iterable[str | Path] = ()) -> None:
    """Refuse an output that would destroy an input, before any work is done.

    The same file as an input or a log is refused whatever ``force`` says: compared by device and
    inode, so a hard link, a symbolic link or another spelling of the path is caught too. ``logs`` are
    where decision logs are or will be: refused by path even while they do not exist yet, so that an
    output never takes the place of the log the next decision is appended to. An existing output is
    refused unless ``force`` (or, when ``replaces`` is False, always: `merge` never replaces).
    """
    if out is None or str(out) == "-":
        return  # standard output
    path = Path(out)
    try:
        st = path.stat()
    except FileNotFoundError:
        _not_a_log_place(path, logs)
        return
    except OSError as exc:
        raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
    for given in inputs:
        if given is None:
            continue
        try:
            other = os.stat(given)
        except OSError:
            continue  # a missing input (a log not yet written) cannot be overwritten
        if stat.S_ISDIR(other.st_mode) and not path.is_dir() and _inside(path, Path(given)):
            raise UsageError(f"{path}: is a file in the input folder {given}, perhaps one of the packages; "
                             "itu-review never overwrites its input (choose another output)")
        if (st.st_dev, st.st_ino) == (other.st_dev, other.st_ino):
            what = "one of the inputs of this command" if os.path.abspath(path) == os.path.abspath(given) else \
                f"the same file as {given}"
            raise UsageError(f"{path}: is {what}; itu-review never overwrites its input (choose another output)")
    _not_a_log_place(path, logs)
    if path.is_dir():
        raise UsageError(f"{path}: is a directory; name the file to write")
    if not replaces:
        raise UsageError(f"{path}: exists; this command writes a new file and never rewrites one")
    if stat.S_ISREG(st.st_mode) and _holds_decisions(path):  # any log, wherever a config or --log put it
        raise UsageError(f"{path}: is a decision log; itu-review never writes an output over one, even with "
                         "--force (choose another output)")
    if not force:
        raise UsageError(f"{path}: exists (--force replaces it)")


def _holds_decisions(path: Path) -> bool:
    """The file starts as every decision event does: a log, whichever package it belongs to."""
    from .logfile import EVENT_START

    try:
        with open(path, "rb") as fh:
            return fh.read(len(EVENT_START)) == EVENT_START
    except OSError:
        return False  # unreadable: writing over it fails with its own message


def _not_a_log_place(path: Path, logs: Iterable[str | Path]) -> None:
    where = os.path.realpath(path)
    if any(os.path.realpath(log) == where for log in logs):
        raise UsageError(f"{path}: is the package's decision log (written yet or not); itu-review never "
                         "writes an output there (choose another output)")


@contextmanager
def atomic_output(out: str | Path, *, replace: bool = True, mode: int | None = None) -> Iterator[Path]:
    """A fresh temporary file beside ``out`` for the caller to write; renamed onto ``out`` when the
    block ends without an exception, removed otherwise.

    Whatever happens half way (a full disk, a crash, an interrupted `apply`) the file at ``out`` is
    either what it was or the complete new output, never a truncated mix, and writing never goes
    through an existing file's inode (so a hard link to the package cannot be overwritten in place).
    With ``replace=False`` the output is published with ``link``, which refuses an existing file
    atomically. ``mode`` defaults to what a plain ``open(out, "w")`` would give (0666 less the umask).
    """
    path = Path(out)
    folder = path.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name[:80]}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, _default_mode() if mode is None else mode)
        os.close(fd)
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise UsageError(f"{path}: exists; this command writes a new file and never rewrites one") from None
            os.unlink(tmp)
    except OSError as exc:
        raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)  # renamed into place, or linked and removed already


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def _default_mode() -> int:
    """The mode a new file gets from the umask. Read from /proc where it can be: setting the umask to
    read it back would, for that instant, give any file another thread creates the wrong mode."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            mask = next(int(line.split()[1], 8) for line in fh if line.startswith("Umask:"))
    except (OSError, StopIteration, ValueError, IndexError):
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


def write_out(text: str, out: str | None) -> None:
    """Write to stdout, or to the file ``out`` through a temporary file renamed into place (the caller
    has checked ``out`` with ``check_output``). No output carries a raw control character: JSON escapes
    them (``dumps``), CSV, Markdown and text show them by their visible stand-ins (on standard output
    the command line's stream does that for everything it is given: one pass over the text, not two)."""
    if out is None or out == "-":
        stream = sys.stdout
        stream.write(text if hasattr(stream, "unfiltered") else controls_visible(text))
        stream.flush()
        return
    text = controls_visible(text)
    with atomic_output(out) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="")
