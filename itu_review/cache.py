"""A cache of loaded packages, keyed by the package's own hash, so that reopening a large one is instant.

Reading a conference compilation (2,000 proposals, 150,000 edits) takes seconds; its cached model
loads in a fraction of that. Only packages whose main XML part is large are cached (small ones load
faster than the cache would be read), only .docx packages, and never when the XML tree itself is
wanted (``apply``).

The key is the SHA-256 of the .docx, the cache format and a digest of the reader's own code, so a
changed document or a changed itu-review never meets an old entry. The entries are kept by a
``diskstore.DiskStore`` (written whole or not at all, read through mmap and only when this user
wrote them, the least recently used evicted first), which the conference's store of small packages
shares; this module packs a package for it with ``marshal`` (plain tuples, strings and numbers) and
checks an entry's header before use; anything unreadable is ignored and rebuilt. Paragraph segments
stay packed until a paragraph is first looked at.

Settings: ``ITU_REVIEW_CACHE=off`` turns it off; ``ITU_REVIEW_CACHE_DIR`` moves it (default: the
platform's user cache directory); ``ITU_REVIEW_CACHE_MIN_MB`` is the size of ``document.xml`` from
which a package is cached (default 8); ``ITU_REVIEW_CACHE_MAX_MB`` caps the whole cache (default
2048; the least recently used entries go first).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import mmap
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .diskstore import DiskStore, env_float
from .model import Edit, Note, Package, Paragraph, Proposal, Revision, Segment, Target

FORMAT = 3
#: marshal version 2: no back-references, so writing is twice as fast (nothing is shared anyway)
_MARSHAL = 2
SUFFIX = ".itu-cache"
DEFAULT_MIN_MB = 8.0
DEFAULT_MAX_MB = 2048.0

_code_digest: str | None = None


def enabled() -> bool:
    return os.environ.get("ITU_REVIEW_CACHE", "").strip().lower() not in ("off", "0", "no", "false")


def cache_dir() -> Path:
    given = os.environ.get("ITU_REVIEW_CACHE_DIR")
    if given:
        return Path(given)
    from platformdirs import user_cache_path

    return user_cache_path("itu-review") / "packages"


def worth_caching(xml_bytes: int) -> bool:
    return enabled() and xml_bytes >= env_float("ITU_REVIEW_CACHE_MIN_MB", DEFAULT_MIN_MB) * 2**20


def code_digest() -> str:
    global _code_digest
    if _code_digest is None:
        from . import __version__

        # every module outside the app: whatever shapes the model, now or after a change (~2 ms)
        h = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
        here = Path(__file__).parent
        try:
            for f in sorted(here.rglob("*.py")):
                if "tui" not in f.relative_to(here).parts:
                    h.update(f.relative_to(here).as_posix().encode() + b"\0" + f.read_bytes())
            _code_digest = h.hexdigest()[:16]
        except OSError:
            _code_digest = ""  # the code cannot be read, so a change to it cannot be seen: no cache
    return _code_digest


#: the package cache's entries (the conference's store keeps its own in a folder inside this one)
STORE = DiskStore(cache_dir, SUFFIX, code_digest, "ITU_REVIEW_CACHE_MAX_MB", DEFAULT_MAX_MB)


def entry_path(sha256: str) -> Path:
    return STORE.entry_path(sha256)


# -- packing -------------------------------------------------------------------------------------

def _rev(r: Revision | None) -> tuple[str, ...] | None:
    return None if r is None else tuple(r)


def _pack_paragraph(p: Paragraph) -> tuple[Any, ...]:
    # (``r and tuple(r)`` is ``_rev(r)`` written out: a call per segment was a fifth of packing)
    segs = [(s.text, s.rev and tuple(s.rev), s.fmt and tuple(s.fmt), s.note, s.hidden, s.edit) for s in p.segments]
    return (p.container, p.cell, _rev(p.row), p.row_key, p.row_edit, p.style, p.rtl, _rev(p.mark), p.mark_edit,
            _rev(p.ppr), p.ppr_edit, _rev(p.numbering), marshal.dumps(segs, _MARSHAL))


def _pack_edit(e: Edit) -> tuple[Any, ...]:
    return (e.index, e.kind, e.deleted, e.inserted, e.before, e.after, e.authors, e.date, e.rids, e.para,
            e.note, e.subject, e.fp, e.id, e.proposal, e.warnings, e.comment, e.detail, e.glued, e.glued_context)


def _pack_proposal(p: Proposal) -> tuple[Any, ...]:
    return (p.id, p.action, p.target.kind, p.target.number, p.title, tuple(p.paras), p.reasons,
            tuple(p.reason_paras), tuple(p.header_paras), tuple(e.index for e in p.edits), tuple(p.warnings),
            p.heading)


def pack(pkg: Package) -> bytes:
    notes = tuple((k[0], k[1], n.kind, n.nid, tuple(_pack_paragraph(p) for p in n.paragraphs))
                  for k, n in pkg.notes.items())
    body = (FORMAT, pkg.sha256, pkg.source, pkg.language, tuple(pkg.warnings),
            tuple(_pack_paragraph(p) for p in pkg.paragraphs), notes,
            tuple(_pack_edit(e) for e in pkg.edits), tuple(_pack_proposal(p) for p in pkg.proposals))
    return marshal.dumps(body, _MARSHAL)


# -- unpacking -----------------------------------------------------------------------------------

_SEGMENTS = Paragraph.__dict__["segments"]  # the slot behind Paragraph.segments


class PackedParagraph(Paragraph):
    """A paragraph from the cache: its segments are unpacked the first time anybody looks at them."""

    __slots__ = ("_packed",)
    _packed: bytes | None  # the marshalled segments until first read

    @property
    def segments(self) -> list[Segment]:
        packed = self._packed
        if packed is not None:
            self._packed = None
            r = Revision._make
            _SEGMENTS.__set__(self, [
                Segment(text, None if rev is None else r(rev), None if fmt is None else r(fmt), note, hidden, edit)
                for text, rev, fmt, note, hidden, edit in marshal.loads(packed)])
        segments: list[Segment] = _SEGMENTS.__get__(self)  # the slot descriptor is untyped
        return segments

    @segments.setter
    def segments(self, value: list[Segment]) -> None:
        self._packed = None
        _SEGMENTS.__set__(self, value)


def _paragraph(t: tuple[Any, ...]) -> PackedParagraph:
    container, cell, row, row_key, row_edit, style, rtl, mark, mark_edit, ppr, ppr_edit, numbering, packed = t
    r = Revision._make
    p = PackedParagraph([], None if mark is None else r(mark), mark_edit, None if ppr is None else r(ppr), ppr_edit,
                        None if row is None else r(row), row_key, row_edit, style, rtl, container,
                        None if cell is None else tuple(cell), None if numbering is None else r(numbering))
    p._packed = packed
    return p


def unpack(data: bytes | mmap.mmap, path: str) -> Package | None:
    """The package in ``data``, or None when it is not an entry this version wrote."""
    body = marshal.loads(data)
    if not isinstance(body, tuple) or len(body) != 9 or body[0] != FORMAT:
        return None
    _, sha256, source, language, warnings, paras, notes, edits, proposals = body
    edit_list = [Edit(*e) for e in edits]
    pkg = Package(path, sha256, source, [_paragraph(t) for t in paras],
                  {(k0, k1): Note(kind, nid, [_paragraph(t) for t in ps]) for k0, k1, kind, nid, ps in notes},
                  edit_list, warnings=list(warnings), language=language)
    pkg.proposals = [
        Proposal(pid, action, Target(kind, number), title, list(ps), reasons, list(rps), list(hps),
                 [edit_list[i] for i in eis], list(ws), heading)
        for pid, action, kind, number, title, ps, reasons, rps, hps, eis, ws, heading in proposals]
    return pkg


# -- the store -----------------------------------------------------------------------------------

def read(sha256: str, path: str) -> Package | None:
    """The cached model of the package with this hash, or None."""
    if not code_digest():
        return None
    return read_from(STORE, sha256, path)


def read_from(store: DiskStore, sha256: str, path: str) -> Package | None:
    """The package with this hash from ``store``, or None (no entry, not ours, damaged, another's)."""

    def decode(data: mmap.mmap) -> Package | None:
        pkg = unpack(data, path)
        return pkg if pkg is not None and pkg.sha256 == sha256 else None

    return store.read(sha256, decode)


_deferral = threading.local()  # per thread: the app loads in a worker while the CLI waits in main


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Inside, on this thread, ``write_soon`` keeps the packages; they are written when the block ends
    (after a command's output, after the app's first screen), unless it ends by Ctrl-C."""
    outer: list[Package] | None = getattr(_deferral, "pending", None)
    pending: list[Package] = []
    _deferral.pending = pending
    interrupted = False
    try:
        yield
    except KeyboardInterrupt:
        interrupted = True
        raise
    finally:
        _deferral.pending = outer
        if not interrupted:
            for pkg in pending:
                write(pkg)


def write_soon(pkg: Package) -> None:
    """Write now, or when this thread's enclosing ``deferred`` block ends."""
    pending: list[Package] | None = getattr(_deferral, "pending", None)
    if pending is None:
        write(pkg)
    else:
        pending.append(pkg)


def writing(pkg: Package) -> bool:
    """Whether this package waits, on this thread, to be written when the ``deferred`` block ends."""
    pending: list[Package] | None = getattr(_deferral, "pending", None)
    return pending is not None and any(p is pkg for p in pending)


def write(pkg: Package) -> Path | None:
    """Store the package's model; the entry appears whole or not at all. None if it cannot be written."""
    if not code_digest():
        return None
    entry = STORE.write(pkg.sha256, lambda: pack(pkg))
    if entry is not None:
        evict(keep=entry)
    return entry


def evict(keep: Path | None = None) -> None:
    """Remove the least recently used entries until the cache is under its size cap."""
    STORE.evict(keep)
