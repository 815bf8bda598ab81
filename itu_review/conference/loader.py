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
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from .. import cache
from ..errors import InputError, ItuReviewError
from ..model import Package
from . import store
from .discover import discover

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


def _read_one(path: str, sha256: str) -> tuple[bytes | None, str]:
    """In a worker: the package packed, or the reason it cannot be read. Stores it for the next time."""
    from ..package import load

    try:
        pkg = load(path)
    except ItuReviewError as exc:
        return None, exc.problem if isinstance(exc, InputError) else str(exc)
    except Exception as exc:  # a reader fault on one file must not lose the other 599: report it
        return None, f"cannot be read ({type(exc).__name__}: {exc})"
    data = cache.pack(pkg)
    if sha256 and store.enabled() and not cache.entry_path(sha256).exists():
        store.write(sha256, data)
    return data, ""


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
    """fork where it is safe (one thread: the command line), spawn otherwise (inside the app)."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def load_packages(paths: list[str], progress: Progress | None = None, processes: int | None = None) -> Loaded:
    """Every package under ``paths`` (files and directories), read in parallel."""
    from ..package import gc_paused

    t0 = time.perf_counter()
    found = discover(paths)
    files = found.files
    total = len(files)
    slots: list[Package | None] = [None] * total
    problems: dict[int, str] = {}
    done = 0
    out = Loaded()
    hashes = [_sha256(f) for f in files]
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
    if n <= 1 or len(missing) < 4:
        for k in missing:
            data, problem = _read_one(files[k], hashes[k])
            _settle(k, data, problem, files, slots, problems)
            done += 1
            if progress:
                progress(done, total)
    else:
        with ProcessPoolExecutor(n, mp_context=_context()) as pool:
            futures: list[tuple[int, Future[tuple[bytes | None, str]]]] = [
                (k, pool.submit(_read_one, files[k], hashes[k])) for k in missing]
            for k, fut in futures:  # in file order: the next one is usually done by now
                data, problem = fut.result()
                _settle(k, data, problem, files, slots, problems)
                done += 1
                if progress:
                    progress(done, total)
    if store.enabled() and missing:
        store.evict()
    for k, f in enumerate(files):
        if k in problems:
            if f in found.explicit:
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
