from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from . import corpus

ROOT = Path(__file__).resolve().parent.parent
SHARED = corpus.SHARED
#: The real test documents (see tests/corpus.py: $ITU_REVIEW_CORPUS, ../shared, or `make corpus`).
#: A test that names CORPUS or SEED is marked `corpus` and skips, with one reason, where they are absent.
CORPUS = corpus.corpus_dir()
SEED = corpus.seed_file()
SAMPLES = ROOT / "samples"
ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
MISSING = {"corpus": "needs the test corpus (../shared/corpus, $ITU_REVIEW_CORPUS, or `make corpus`)",
           "seed": "needs the seed document (../shared/seeds; it has no public source to fetch)"}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "corpus(*needs): needs the real test documents ('corpus', 'seed'); "
                                       "set by conftest.py on every test that names CORPUS or SEED")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        empty = any(str(m.kwargs.get("reason", "")).startswith("got empty parameter set")
                    for m in item.iter_markers("skip"))
        params = item.callspec.params if hasattr(item, "callspec") else {}
        needs = corpus.item_needs(str(item.path), item.originalname, item.cls.__name__ if item.cls else None,
                                  item.fixturenames, params, empty)
        if needs:
            item.add_marker(pytest.mark.corpus(*sorted(needs)))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    mark = item.get_closest_marker("corpus")
    if mark is None:
        return
    have = corpus.available()
    absent = [need for need in mark.args if not have[need]]
    if absent:
        reason = MISSING[absent[0]]
        if corpus.must_be_present():
            pytest.fail(f"{reason}; it must be present here (CI beside ../shared): nothing may skip")
        pytest.skip(reason)


_SKIPPED_CORPUS_TESTS: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    # an expected failure reports as "skipped" too, with ``wasxfail``: it ran, so it is no skip
    if report.skipped and not hasattr(report, "wasxfail") and "corpus" in report.keywords \
            and corpus.must_be_present():
        _SKIPPED_CORPUS_TESTS.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Where the corpus must be present, a corpus test that skipped for any reason fails the run."""
    if _SKIPPED_CORPUS_TESTS:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"{len(_SKIPPED_CORPUS_TESTS)} test(s) needing the corpus skipped although it "
                                f"must be present: {', '.join(_SKIPPED_CORPUS_TESTS[:5])}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Never read the developer's own config, reviewer name, limits or package cache."""
    for key in list(os.environ):
        if key.startswith("ITU_REVIEW_"):
            monkeypatch.delenv(key)
    cfg = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(cfg))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))  # crash reports
    monkeypatch.setenv("ITU_REVIEW_CONFIG", str(cfg / "none.toml"))
    monkeypatch.setenv("ITU_REVIEW_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def need_tool(name: str) -> str:
    """The path of a system tool; on CI a missing tool is a failure, elsewhere a skip."""
    found = shutil.which(name)
    if found is None:
        if ON_CI:
            pytest.fail(f"{name} is not installed: scripts/system-deps.sh should have installed it")
        pytest.skip(f"{name} is not installed (make system-deps)")
    return found


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``itu-review`` as a separate process, as a user or script would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "itu_review", *args], capture_output=True, text=True,
                          env=full_env, cwd=cwd or ROOT, timeout=300)
