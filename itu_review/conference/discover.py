"""Which files of a directory are packages.

Taken, recursively: ``.docx``, ``.txt``, ``.text``, ``.cm`` and ``.critic.md`` files. Skipped without
a word: hidden files and directories (a name starting with ``.``), Word's ``~$`` lock files, decision
logs and every other kind of file (``.jsonl``, ``.pdf``, a ``README.md`` …). A file named on the command
line is always taken, whatever its name. Symbolic links to directories are not followed (no loops).

The base collection given with ``--base`` is left out of a directory walked for packages: kept inside
the conference's folder (``open samples/ --base samples/base``), its texts in force are no packages —
read as such they were each skipped as "no proposals", listed in a warning on every open.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

SUFFIXES = (".docx", ".txt", ".text", ".cm", ".critic.md")


def is_package_name(name: str) -> bool:
    """Whether a file met in a directory is taken as a package."""
    low = name.lower()
    return not name.startswith((".", "~$")) and low.endswith(SUFFIXES) and not low.endswith(".decisions.jsonl")


@dataclass
class Found:
    """The files to read, in order, and which of them were named on the command line."""

    files: list[str] = field(default_factory=list)
    explicit: set[str] = field(default_factory=set)


def _inside(path: str, parents: Sequence[str]) -> bool:
    """Whether ``path`` (a real path) is one of ``parents`` or lies under one of them."""
    return any(path == p or path.startswith(p.rstrip(os.sep) + os.sep) for p in parents)


def discover(paths: list[str], leave_out: Sequence[str] = ()) -> Found:
    """Every package file under ``paths`` (files as given, directories walked in name order), each once.

    ``leave_out``: the base collection's files and directories — a file met in a walked directory that
    is one of them, or lies under one, is not a package (a file named in ``paths`` is always taken)."""
    found = Found()
    seen: set[str] = set()
    base = [os.path.realpath(p) for p in leave_out]

    def take(path: str, explicit: bool) -> None:
        key = os.path.realpath(path)
        if key in seen:
            return
        seen.add(key)
        found.files.append(path)
        if explicit:
            found.explicit.add(path)

    for given in paths:
        if not Path(given).is_dir():
            take(given, True)
            continue
        # a base inside the directory is left out; the directory itself given as its own base keeps its files
        within = [b for b in base if not _inside(os.path.realpath(given), [b])]
        for root, dirs, files in os.walk(given):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                             and not (within and _inside(os.path.realpath(os.path.join(root, d)), within)))
            for name in sorted(files):
                path = os.path.join(root, name)
                if is_package_name(name) and not (within and _inside(os.path.realpath(path), within)):
                    take(path, False)
    return found


def has_directory(paths: list[str]) -> bool:
    return any(Path(p).is_dir() for p in paths)
