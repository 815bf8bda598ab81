"""The real test documents: recorded (repository, commit, path, SHA-256), fetched by those facts,
and tests that need them skip with one reason where they are absent, except where they must be there."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import corpus
from .conftest import CORPUS, ROOT, SEED

#: The folder the tests found the data in (../shared, $ITU_REVIEW_CORPUS or the fetched copy).
DATA = CORPUS.parent


def test_the_record_matches_the_corpus_and_the_seed_file_by_file() -> None:
    assert SEED.parent.parent == DATA
    assert corpus.verify(DATA) == []


def test_every_file_names_its_source() -> None:
    doc = corpus.manifest()
    for entry in doc["files"]:
        assert len(entry["sha256"]) == 64 and entry["bytes"] > 0
        if entry["path"] is None:
            assert entry.get("note"), entry["file"]  # why it cannot be fetched
        else:
            source = doc["sources"][entry["source"]]
            assert source["repository"].count("/") == 1 and len(source["commit"]) >= 7


def _mirror(tmp_path: Path, tamper: str | None = None) -> str:
    """A copy of the repositories' files laid out as the address template expects, from ../shared."""
    doc = corpus.manifest()
    for entry in doc["files"]:
        if entry["path"] is None:
            continue
        source = doc["sources"][entry["source"]]
        target = tmp_path / "mirror" / source["repository"] / source["commit"] / entry["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DATA / entry["file"], target)
        if entry["file"] == tamper:
            target.write_bytes(target.read_bytes() + b"tampered")
    return (tmp_path / "mirror").as_uri() + "/{repository}/{commit}/{path}"


def test_fetch_by_the_recorded_facts_and_refuse_a_changed_file(tmp_path: Path) -> None:
    changed = "corpus/open-xml-powertools/RP051-Arabic.docx"
    url = _mirror(tmp_path, tamper=changed)
    lines: list[str] = []
    missing = corpus.fetch(tmp_path / "data", url=url, say=lines.append)
    unfetchable = sorted(e["file"] for e in corpus.manifest()["files"] if e["path"] is None)
    assert sorted(missing) == sorted([changed, *unfetchable])
    assert any(line.startswith(f"missing  {changed}: SHA-256 differs") for line in lines)
    assert not (tmp_path / "data" / changed).exists()  # not kept, not even in part
    problems = corpus.verify(tmp_path / "data")
    assert sorted(p.split(":")[0] for p in problems) == sorted([changed, *unfetchable])
    again = corpus.fetch(tmp_path / "data", url=_mirror(tmp_path / "fixed"), say=lines.append)
    assert sorted(again) == unfetchable  # the rest is fetched; what was in place stays


def test_the_script_copies_a_local_corpus(tmp_path: Path) -> None:
    assert SEED.is_relative_to(DATA)
    res = subprocess.run([sys.executable, "scripts/fetch_corpus.py", "--into", str(tmp_path / "data"), "--from",
                          str(DATA)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0 and "70 files in place, 0 missing" in res.stderr
    res = subprocess.run([sys.executable, "scripts/fetch_corpus.py", "--check", str(tmp_path / "data")], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0 and "as recorded" in res.stderr


def pytest_in(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ITU_REVIEW_", "PYTEST_"))}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-rs", *args], cwd=ROOT, capture_output=True, text=True, env={**clean, "CI": "", **env},
                          timeout=600)


def test_without_the_corpus_its_tests_skip_with_one_reason(tmp_path: Path) -> None:
    """As in a fresh clone far from ../shared: nothing fails, the skips are counted with their reason."""
    res = pytest_in({"ITU_REVIEW_CORPUS": str(tmp_path / "nothing")}, "tests/test_split.py", "tests/test_arabic_docx.py")
    assert res.returncode == 0, res.stdout[-3000:]
    assert "SKIPPED [4] tests/conftest.py" in res.stdout and "needs the test corpus" in res.stdout
    assert "SKIPPED [2] tests/conftest.py" in res.stdout and "needs the seed document" in res.stdout
    assert " passed, 6 skipped" in res.stdout


def test_where_the_corpus_must_be_there_a_skip_fails_the_run(tmp_path: Path) -> None:
    res = pytest_in({"ITU_REVIEW_CORPUS": str(tmp_path / "nothing"), "ITU_REVIEW_REQUIRE_CORPUS": "1"},
                    "tests/test_arabic_docx.py")
    assert res.returncode == 1 and "3 errors" in res.stdout and "nothing may skip" in res.stdout


def test_a_test_that_names_the_corpus_is_marked(tmp_path: Path) -> None:
    """The marker comes from reading the module: through a module-level name, a helper, a fixture."""
    module = tmp_path / "test_example.py"
    module.write_text('''
from .conftest import CORPUS, SAMPLES, SEED
FILES = sorted(CORPUS.glob("*/*.docx"))
def helper():
    return FILES
def fixture_like():
    return SEED
def test_direct(): CORPUS
def test_through_a_helper(): helper()
def test_seed(fixture_like): pass
def test_samples_only(): SAMPLES
''')
    table, _ = corpus.module_needs(str(module))
    assert table["test_direct"] == {"corpus"} and table["test_through_a_helper"] == {"corpus"}
    assert "test_samples_only" not in table
    assert corpus.item_needs(str(module), "test_seed", None, ["fixture_like"], {}, False) == {"seed"}
    assert corpus.item_needs(str(module), "test_samples_only", None, [], {"p": corpus.seed_file()}, False) == {"seed"}
    assert json.dumps(sorted(table)) == json.dumps(sorted(["FILES", "helper", "fixture_like", "test_direct",
                                                           "test_through_a_helper"]))
