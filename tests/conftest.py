from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "seeds" / "000_e310e85665603d26.txt"
SAMPLES = ROOT / "samples"
ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Never read the developer's own config, reviewer name, limits or package cache."""
    for key in list(os.environ):
        if key.startswith("ITU_REVIEW_"):
            monkeypatch.delenv(key)
    cfg = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(cfg))
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
