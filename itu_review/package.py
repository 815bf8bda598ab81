"""Load a proposal package from any supported format into a fully built ``Package``."""

from __future__ import annotations

import gc
import hashlib
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import cache
from .edits import group_package
from .errors import InputError
from .model import Package

TEXT_SUFFIXES = {".txt", ".md", ".text", ".cm"}


def load(path: str | Path, keep_elements: bool = False, looked_up: str = "") -> Package:
    """Read, group edits, split into proposals and number the edits.

    The cyclic garbage collector is paused while the model is built: a large package creates millions
    of objects and none of them form cycles, so its passes were pure cost (6.5 s -> 3.9 s on 150,000
    edits). The model is then frozen out of later collections (see ``gc_paused``). A large .docx is
    served from, or written to, the package cache (``cache.py``) unless its XML tree is wanted; inside
    ``cache.deferred()`` the writing waits for the end of that block. ``looked_up`` is the file's hash
    when the caller has already looked the cache up (the conference loader): it is not looked up again.
    """
    with gc_paused():
        p = Path(path)
        _regular(p)
        use_cache = not keep_elements and p.suffix.lower() == ".docx" and cache.enabled()
        if use_cache and not looked_up:
            sha256 = _file_sha256(p)
            cached = cache.read(sha256, str(p)) if sha256 else None
            if cached is not None:
                return cached
        pkg, xml_bytes = _load(p, keep_elements)
        if use_cache and pkg.source == "docx" and cache.worth_caching(xml_bytes):
            cache.write_soon(pkg)
        return pkg


def _regular(path: Path) -> None:
    """Refuse a pipe, device or socket before anything opens it: reading one blocks, or never ends."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # missing or unreadable: the reader says which
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise InputError(path, "is not a regular file (a pipe, device or socket); give the package file itself")


def _file_sha256(path: Path) -> str:
    """The package's hash, or "" when it cannot be read (the reader then says why)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: for bulk work that creates many objects and no cycles.

    What was built is frozen out of later collections before collection resumes: left in the
    youngest generation, all of it would be walked by the first collection after (0.3 s on a large
    package), and again by every full one while the app runs.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.freeze()
            gc.enable()


def _load(path: str | Path, keep_elements: bool) -> tuple[Package, int]:
    """The package, and the size of its main XML part (0 for text packages)."""
    from .ingest.split import split_package  # (not ``from .ingest import split``: that form costs a call)

    p = Path(path)
    suffix = p.suffix.lower()
    xml_bytes = 0
    if suffix in TEXT_SUFFIXES:
        from .ingest.text import read_text

        pkg = read_text(p)
    else:
        if suffix == ".doc":
            if not p.exists():
                raise InputError(p, "no such file")
        from .ingest.docx import read_docx

        content = read_docx(p, keep_elements)
        pkg = Package(str(p), content.parts.sha256, "docx", content.paragraphs, content.notes,
                      warnings=list(content.warnings), raw=content if keep_elements else None)
        xml_bytes = len(content.parts.document)
    group_package(pkg)
    _attach_comments(pkg)
    split_package(pkg)
    if not pkg.language:
        from .ingest.lang import detect_language

        pkg.language = detect_language("\n".join(p.any_text for p in pkg.paragraphs[:2000]))
    return pkg, xml_bytes


def _attach_comments(pkg: Package) -> None:
    for pi, si, text in pkg.comments:
        segs = pkg.paragraphs[pi].segments if pi < len(pkg.paragraphs) else []
        edit = segs[si].edit if 0 <= si < len(segs) else -1
        if edit >= 0:
            e = pkg.edits[edit]
            e.comment = f"{e.comment}\n{text}".strip()
        else:
            pkg.warnings.append(f"comment not attached to any edit: {text[:60]}")
