"""The one store behind both caches (``diskstore``): the conference's store of small packages keeps the
package cache's rules — an entry somebody else may change is never read, a damaged one is rebuilt —
and each cache is capped by its own variable."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from itu_review.conference.loader import load_packages
from itu_review.package import load

from .conftest import SAMPLES

PACKAGES = ["en-proposals.docx", "fr-propositions.docx", "ar-proposals.docx", "en-proposals.critic.md"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A directory of four small sample packages (three .docx, one text)."""
    out = tmp_path / "packages"
    out.mkdir()
    for name in PACKAGES:
        shutil.copy(SAMPLES / name, out / name)
    return out


def stored() -> list[Path]:
    return sorted((Path(os.environ["ITU_REVIEW_CACHE_DIR"]) / "conference").glob("*.itu-conf"))


def edit_ids(folder: Path, expect_cached: int) -> list[list[str]]:
    loaded = load_packages([str(folder)], processes=1)
    assert loaded.from_cache == expect_cached
    return [[e.id for e in p.edits] for p in loaded.packages]


def test_a_conference_entry_others_may_change_is_read_afresh(folder: Path) -> None:
    first = edit_ids(folder, 0)
    entries = stored()
    assert len(entries) == len(PACKAGES)
    entries[0].chmod(0o664)  # group-writable: somebody else could have put anything in it
    assert edit_ids(folder, len(PACKAGES) - 1) == first
    assert not entries[0].stat().st_mode & 0o022  # written again, by this user, for this user
    assert edit_ids(folder, len(PACKAGES)) == first


@pytest.mark.parametrize("damage", [b"", b"garbage", "truncate"], ids=["empty", "garbage", "truncated"])
def test_a_damaged_conference_entry_is_rebuilt(folder: Path, damage: bytes | str) -> None:
    first = edit_ids(folder, 0)
    entry = stored()[0]
    data = entry.read_bytes()
    entry.write_bytes(data[: len(data) // 2] if isinstance(damage, str) else damage)
    assert edit_ids(folder, len(PACKAGES) - 1) == first
    assert entry.read_bytes() == data  # written again, whole
    assert edit_ids(folder, len(PACKAGES)) == first


def test_each_cache_has_its_own_cap(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ITU_REVIEW_CACHE_MAX_MB", "0")  # the package cache's cap: not the conference's
    edit_ids(folder, 0)
    assert len(stored()) == len(PACKAGES)
    for entry in stored():
        entry.unlink()
    monkeypatch.setenv("ITU_REVIEW_CONFERENCE_CACHE_MAX_MB", "0")
    edit_ids(folder, 0)
    assert stored() == []  # written, then evicted down to the cap


def test_a_package_cache_entry_others_may_change_is_read_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ITU_REVIEW_CACHE_MIN_MB", "0")
    src = SAMPLES / "en-proposals.docx"
    fresh = load(src)
    (entry,) = Path(os.environ["ITU_REVIEW_CACHE_DIR"]).glob("*.itu-cache")
    entry.chmod(0o646)  # world-writable
    again = load(src)
    assert type(again.paragraphs[0]).__name__ == "Paragraph"  # read from the .docx, not the entry
    assert [e.id for e in again.edits] == [e.id for e in fresh.edits]
    assert not entry.stat().st_mode & 0o022
    assert type(load(src).paragraphs[0]).__name__ == "PackedParagraph"  # the rewritten entry is used


def test_an_entry_that_is_not_a_plain_file_is_passed_over(folder: Path) -> None:
    """Entry names are predictable: in a shared cache folder a FIFO planted under one blocked every later
    load, and a link could serve another package. Neither is read; each package is read afresh."""
    import subprocess
    import sys

    first = edit_ids(folder, 0)
    entries = stored()
    entries[0].unlink()
    os.mkfifo(entries[0])
    entries[1].unlink()
    entries[1].symlink_to(entries[2])
    res = subprocess.run([sys.executable, "-m", "itu_review", "edits", str(folder), "--format", "json"],
                         capture_output=True, text=True, timeout=60)  # a hang fails here, not for ever
    assert res.returncode == 0 and res.stderr == ""
    import json

    assert [[e["id"] for e in doc["edits"]] for doc in json.loads(res.stdout)] == first
