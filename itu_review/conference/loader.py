"""Read every package of a conference in parallel, the cached ones from the caches.

Each file is hashed first (a few milliseconds for hundreds of packages); a package the conference
store or the package cache holds is unpacked here, the others are read by a pool of processes sized
to the machine's cores and sent back packed (``cache.pack``: marshal, several times faster to send
and rebuild than pickled dataclasses), each then stored for the next time. A file met in a directory
that cannot be read, or holds no proposal, is skipped and reported; a file named on the command line
that cannot be read stops the command, as it always has.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from .. import cache
from ..errors import InputError, InternalError, ItuReviewError
from ..model import Package
from . import store
from .discover import discover

#: How a reader bug's line begins (it names the crash report): a file named on the command line that
#: meets one stops the command as an internal error, not as bad input.
INTERNAL = "internal error while reading"

#: progress(done, total): called after each package, from the calling thread.
Progress = Callable[[int, int], None]


@dataclass
class Skipped:
    path: str
    problem: str

    def line(self) -> str:
        return f"{self.path}: {self.problem} (skipped)"


@dataclass
class Loaded:
    """The packages read, in the order of their files, and the files skipped."""

    packages: list[Package] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    from_cache: int = 0
    seconds: float = 0.0


def workers() -> int:
    """Processes for reading: the machine's cores (those this process may use)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def _load_one(path: str, sha256: str) -> tuple[Package | None, str]:
    """The package, or the reason it cannot be read."""
    from ..package import load

    try:
        return load(path, looked_up=sha256), ""
    except ItuReviewError as exc:
        return None, exc.problem if isinstance(exc, InputError) else str(exc)
    except Exception as exc:  # a reader bug on one file must not lose the other 599, nor pass for bad input
        from ..crash import write_crash_report

        try:
            where = f"the details are in {write_crash_report('read', [path], exc)}"
        except OSError as err:
            where = f"no crash report could be saved ({err.strerror or err})"
        return None, f"{INTERNAL} ({type(exc).__name__}); {where}"


def _worth_storing(sha256: str, pkg: Package) -> bool:
    """Whether the conference store should keep this package: what the package cache does not."""
    return bool(sha256) and store.enabled() and not cache.entry_path(sha256).exists() and not cache.writing(pkg)


def _read_one(path: str, sha256: str) -> tuple[bytes | None, str]:
    """In a worker: the package packed, or the reason it cannot be read. Stores it for the next time."""
    pkg, problem = _load_one(path, sha256)
    if pkg is None:
        return None, problem
    data = cache.pack(pkg)
    if _worth_storing(sha256, pkg):
        store.write(sha256, data)
    return data, ""


def _read_some(batch: list[tuple[str, str]]) -> list[tuple[bytes | None, str]]:
    """In a worker: ``_read_one`` for each (path, hash) of a batch."""
    return [_read_one(path, sha256) for path, sha256 in batch]


#: A worker's task is a few small packages (up to this many, and this many bytes of .docx) rather than
#: one: sending each its own task and result cost the loader 0.16 s of 600 packages' 0.25 s floor.
BATCH_FILES = 8
BATCH_BYTES = 256 * 1024


def _batches(indices: list[int], files: list[str]) -> list[list[int]]:
    """Consecutive files in batches; a large file is a batch of its own."""
    out: list[list[int]] = []
    size = 0
    for k in indices:
        try:
            n = os.path.getsize(files[k])
        except OSError:
            n = 0  # the reader says why
        if not out or len(out[-1]) >= BATCH_FILES or size + n > BATCH_BYTES:
            out.append([])
            size = 0
        out[-1].append(k)
        size += n
    return out


def _sha256(path: str) -> str:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return ""  # the reader says why


def _cached(path: str, sha256: str) -> Package | None:
    if not sha256 or not store.enabled():
        return None
    pkg = store.read(sha256, path)
    if pkg is None and path.lower().endswith(".docx"):
        pkg = cache.read(sha256, path)
    return pkg


def _context() -> multiprocessing.context.BaseContext:
    """fork where it is safe (one thread: the command line), spawn otherwise (inside the app). Forked
    workers find the readers imported already (each worker importing them cost it 0.1 s)."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        from ..ingest import docx, split, text  # noqa: F401
        from .. import edits  # noqa: F401

        return multiprocessing.get_context("fork")
    _start_resource_tracker()
    return multiprocessing.get_context("spawn")


def _start_resource_tracker() -> None:
    """Spawned workers need multiprocessing's resource tracker, which is started with this process's
    stderr; inside the app stderr is Textual's capture, whose descriptor (-1) no process can be given
    (``ValueError: bad value(s) in fds_to_keep``). The tracker is then started writing to /dev/null."""
    from multiprocessing import resource_tracker

    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = True  # no descriptor at all: the tracker leaves stderr out by itself
    if usable:
        return
    saved = sys.stderr
    with open(os.devnull, "w") as devnull:
        sys.stderr = devnull
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = saved


def load_packages(paths: list[str], progress: Progress | None = None, processes: int | None = None,
                  leave_out: Sequence[str] = ()) -> Loaded:
    """Every package under ``paths`` (files and directories), read in parallel; ``leave_out``: the base
    collection, whose files in those directories are no packages (``discover``)."""
    from ..package import gc_paused

    t0 = time.perf_counter()
    found = discover(paths, leave_out)
    files = found.files
    total = len(files)
    slots: list[Package | None] = [None] * total
    problems: dict[int, str] = {}
    done = 0
    out = Loaded()
    hashes = [_sha256(f) for f in files]
    if progress:
        progress(0, total)  # how many there are, before the first is read
    missing: list[int] = []
    with gc_paused():
        for k, f in enumerate(files):
            pkg = _cached(f, hashes[k])
            if pkg is None:
                missing.append(k)
                continue
            slots[k] = pkg
            out.from_cache += 1
            done += 1
            if progress:
                progress(done, total)
    n = min(processes or workers(), len(missing))
    if n <= 1 or len(missing) < 4:  # read here: nothing to send, so nothing packed but what is stored
        for k in missing:
            pkg, problem = _load_one(files[k], hashes[k])
            if pkg is None:
                problems[k] = problem
            else:
                slots[k] = pkg
                if _worth_storing(hashes[k], pkg):
                    store.write(hashes[k], cache.pack(pkg))
            done += 1
            if progress:
                progress(done, total)
    else:
        with ProcessPoolExecutor(n, mp_context=_context()) as pool:
            futures: list[tuple[list[int], Future[list[tuple[bytes | None, str]]]]] = [
                (ks, pool.submit(_read_some, [(files[k], hashes[k]) for k in ks])) for ks in _batches(missing, files)]
            for ks, fut in futures:  # in file order: the next one is usually done by now
                for k, (data, problem) in zip(ks, fut.result()):
                    _settle(k, data, problem, files, slots, problems)
                    done += 1
                    if progress:
                        progress(done, total)
    if store.enabled() and missing:
        store.evict()
    for k, f in enumerate(files):
        if k in problems:
            if f in found.explicit:  # named on the command line: it stops the command, as one file would
                if problems[k].startswith(INTERNAL):
                    raise InternalError(f, problems[k])
                raise InputError(f, problems[k])
            out.skipped.append(Skipped(f, problems[k]))
            continue
        pkg = slots[k]
        assert pkg is not None
        if f not in found.explicit and not any(p.action for p in pkg.proposals):
            out.skipped.append(Skipped(f, "no proposals (no header such as 'MOD B/67/1')"))
            continue
        out.packages.append(pkg)
    out.seconds = time.perf_counter() - t0
    return out


def _settle(k: int, data: bytes | None, problem: str, files: list[str], slots: list[Package | None],
            problems: dict[int, str]) -> None:
    from ..package import gc_paused

    if data is None:
        problems[k] = problem
        return
    with gc_paused():
        slots[k] = cache.unpack(data, files[k])
