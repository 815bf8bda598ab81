"""Which files of a directory are packages.

Taken, recursively: ``.docx``, ``.txt``, ``.text``, ``.cm`` and ``.critic.md`` files. Skipped without
a word: hidden files and directories (a name starting with ``.``), Word's ``~$`` lock files, decision
logs and every other kind of file (``.jsonl``, ``.pdf``, a ``README.md`` …). A file named on the command
line is always taken, whatever its name. Symbolic links to directories are not followed (no loops).
"""

from __future__ import annotations

import os
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


def discover(paths: list[str]) -> Found:
    """Every package file under ``paths`` (files as given, directories walked in name order), each once."""
    found = Found()
    seen: set[str] = set()

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
        for root, dirs, files in os.walk(given):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if is_package_name(name):
                    take(os.path.join(root, name), False)
    return found


def has_directory(paths: list[str]) -> bool:
    return any(Path(p).is_dir() for p in paths)
