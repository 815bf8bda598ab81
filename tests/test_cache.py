"""The package cache: a reopened package is the package, a changed one is read afresh, a damaged
entry is rebuilt, and nothing about it can stop a package from loading."""

from __future__ import annotations

import dataclasses
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from itu_review import cache
from itu_review.errors import InputError
from itu_review.model import Package, Paragraph
from itu_review.package import load

from .conftest import CORPUS, SAMPLES, run_cli

FILES = sorted(CORPUS.rglob("*.docx")) + sorted(SAMPLES.glob("*.docx"))


def paragraph_fields(p: Paragraph) -> tuple[object, ...]:
    return tuple(getattr(p, f.name) for f in dataclasses.fields(Paragraph))


def same_package(a: Package, b: Package) -> None:
    assert (a.path, a.sha256, a.source, a.language, a.warnings) == (b.path, b.sha256, b.source, b.language, b.warnings)
    assert [paragraph_fields(p) for p in a.paragraphs] == [paragraph_fields(p) for p in b.paragraphs]
    assert a.notes.keys() == b.notes.keys()
    for key in a.notes:
        assert [paragraph_fields(p) for p in a.notes[key].paragraphs] == \
               [paragraph_fields(p) for p in b.notes[key].paragraphs]
    assert a.edits == b.edits
    assert a.proposals == b.proposals


@pytest.fixture
def cache_all(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ITU_REVIEW_CACHE_MIN_MB", "0")
    return Path(os.environ["ITU_REVIEW_CACHE_DIR"])


def test_a_reopened_package_is_the_package(cache_all: Path) -> None:
    readable = 0
    seen: set[str] = set()
    for path in FILES:
        try:
            fresh = load(path)
        except InputError:  # the corpus holds deliberately broken files: they stay broken
            continue
        reopened = load(path)
        assert all(type(p).__name__ == "PackedParagraph" for p in reopened.paragraphs), path.name
        same_package(fresh, reopened)
        readable += 1
        seen |= {name for name, found in (
            ("glued", any(e.glued for e in fresh.edits)), ("glued_context", any(e.glued_context for e in fresh.edits)),
            ("detail", any(e.detail for e in fresh.edits)), ("numbering", any(p.numbering for p in fresh.paragraphs)),
            ("textbox", any(k[0] == "textbox" for k in fresh.notes)),
            ("HEADERS", any(x.id == "HEADERS" for x in fresh.proposals))) if found}
    assert readable > 20
    assert seen == {"glued", "glued_context", "detail", "numbering", "textbox", "HEADERS"}  # all of them kept
    assert len(list(cache_all.glob("*.itu-cache"))) == readable


def test_small_packages_are_not_cached_by_default() -> None:
    load(SAMPLES / "en-proposals.docx")
    assert not list(Path(os.environ["ITU_REVIEW_CACHE_DIR"]).glob("*"))


def test_cache_off_writes_nothing(cache_all: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ITU_REVIEW_CACHE", "off")
    load(SAMPLES / "en-proposals.docx")
    assert not list(cache_all.glob("*"))


def test_a_changed_package_is_read_afresh(cache_all: Path, tmp_path: Path) -> None:
    src = tmp_path / "p.docx"
    shutil.copy(SAMPLES / "en-proposals.docx", src)
    first = load(src)
    # the same file reissued with one proposal's text changed: never served from the old entry
    with zipfile.ZipFile(SAMPLES / "en-proposals.docx") as zin, zipfile.ZipFile(src, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"2024-2027", b"2025-2028")
            zout.writestr(item, data)
    second = load(src)
    assert type(second.paragraphs[0]).__name__ == "Paragraph"  # read, not reopened
    assert second.sha256 != first.sha256
    assert any(e.inserted == "2025-2028" for e in second.edits)
    assert not any(e.inserted == "2024-2027" for e in second.edits)
    assert len(list(cache_all.glob("*.itu-cache"))) == 2


@pytest.mark.parametrize("damage", [b"", b"garbage", b"\xe9" * 100, "truncate"],
                         ids=["empty", "garbage", "not-marshal", "truncated"])
def test_a_damaged_entry_is_rebuilt(cache_all: Path, damage: bytes | str) -> None:
    src = SAMPLES / "ar-proposals.docx"
    fresh = load(src)
    (entry,) = cache_all.glob("*.itu-cache")
    data = entry.read_bytes()
    entry.write_bytes(data[: len(data) // 2] if damage == "truncate" else damage)  # type: ignore[arg-type]
    again = load(src)
    assert type(again.paragraphs[0]).__name__ == "Paragraph"
    same_package(fresh, again)
    assert entry.read_bytes() == data  # written again, whole
    same_package(fresh, load(src))


def test_an_unwritable_cache_never_stops_a_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("ITU_REVIEW_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setenv("ITU_REVIEW_CACHE_MIN_MB", "0")
    pkg = load(SAMPLES / "en-proposals.docx")
    assert len(pkg.proposals) > 1
    res = run_cli("list", str(SAMPLES / "en-proposals.docx"),
                  env={"ITU_REVIEW_CACHE_DIR": str(blocker / "cache"), "ITU_REVIEW_CACHE_MIN_MB": "0"})
    assert res.returncode == 0 and "AFCP/12A1/1" in res.stdout and res.stderr == ""


def test_apply_reads_the_tree_not_the_cache(cache_all: Path) -> None:
    src = SAMPLES / "en-proposals.docx"
    load(src)
    assert list(cache_all.glob("*.itu-cache"))
    pkg = load(src, keep_elements=True)
    assert pkg.raw is not None and type(pkg.paragraphs[0]).__name__ == "Paragraph"


def test_least_recently_used_entries_go_first(cache_all: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = ["en-proposals.docx", "fr-propositions.docx", "ar-proposals.docx"]
    entries = []
    for k, name in enumerate(names):
        load(SAMPLES / name)
        (new,) = set(cache_all.glob("*.itu-cache")) - set(entries)
        os.utime(new, (1_000_000 + k, 1_000_000 + k))
        entries.append(new)
    load(SAMPLES / names[0])  # used again: now the most recent
    sizes = {e: e.stat().st_size for e in entries}
    monkeypatch.setenv("ITU_REVIEW_CACHE_MAX_MB", str((sizes[entries[0]] + sizes[entries[2]] + 10) / 2**20))
    cache.evict()
    assert sorted(cache_all.glob("*.itu-cache")) == sorted([entries[0], entries[2]])


def test_commands_read_the_same_from_the_cache(cache_all: Path) -> None:
    env = {"ITU_REVIEW_CACHE_DIR": str(cache_all), "ITU_REVIEW_CACHE_MIN_MB": "0"}
    src = str(SAMPLES / "ar-proposals.docx")
    check = str(SAMPLES / "en-check.docx")
    for args in (["list", src, "--format", "json"], ["show", src, "ARB/20A1/1", "--width", "100"],
                 ["edits", src, "--format", "csv"], ["text", src, "--version", "base"],
                 ["check", check, "--base", str(SAMPLES / "base"), "--format", "json"]):
        first = run_cli(*args, env=env)
        assert list(cache_all.glob("*.itu-cache"))
        second = run_cli(*args, env=env)
        assert first.returncode == second.returncode and first.returncode in (0, 1)  # check: 1 = findings
        assert first.stdout == second.stdout and first.stdout


def test_a_packed_paragraph_unpacks_once_and_can_be_replaced(cache_all: Path) -> None:
    src = SAMPLES / "en-proposals.docx"
    fresh = load(src)
    reopened = load(src)
    p = reopened.paragraphs[3]
    assert p.segments is p.segments and p.segments == fresh.paragraphs[3].segments
    p.segments = []
    assert p.segments == [] and p.any_text == ""


def test_entries_another_user_could_have_written_are_not_read(cache_all: Path) -> None:
    src = SAMPLES / "en-proposals.docx"
    load(src)
    (entry,) = cache_all.glob("*.itu-cache")
    assert entry.stat().st_mode & 0o077 == 0  # private to its user
    entry.chmod(0o666)  # anybody could have replaced it: not trusted
    assert type(load(src).paragraphs[0]).__name__ == "Paragraph"
    entry.chmod(0o600)
    assert type(load(src).paragraphs[0]).__name__ == "PackedParagraph"
    if os.getuid() != 0:
        return  # only root can give a file to another user; the mode check above stands for it
    os.chown(entry, 65534, -1)
    assert type(load(src).paragraphs[0]).__name__ == "Paragraph"


def test_a_command_writes_the_entry_after_its_work_and_not_when_interrupted(cache_all: Path) -> None:
    src = SAMPLES / "en-proposals.docx"
    with cache.deferred():
        load(src)
        assert not list(cache_all.glob("*.itu-cache"))  # not yet: the command's output comes first
    assert len(list(cache_all.glob("*.itu-cache"))) == 1
    for entry in cache_all.glob("*.itu-cache"):
        entry.unlink()
    with pytest.raises(KeyboardInterrupt), cache.deferred():
        load(src)
        raise KeyboardInterrupt
    assert not list(cache_all.glob("*.itu-cache"))
