"""Installed like a real tool: the wheel, built from this tree and installed in a fresh environment
(far from the repository), finds its themes and runs `--version`, `themes`, `list` and the app."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES
from .ptyrun import in_pty, user_env

SOURCES = ["pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "itu_review", "themes"]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv holding only the wheel; the dependencies come from this environment's site-packages
    through a .pth file (no network), which holds no itu_review of its own."""
    tmp = tmp_path_factory.mktemp("install")
    src = tmp / "src"
    src.mkdir()
    for name in SOURCES:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, src / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp / "dist")], cwd=src, check=True, capture_output=True, timeout=300)
    wheel = next((tmp / "dist").glob("itu_review-*.whl"))
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    py = venv / "bin" / "python"
    subprocess.run([py, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True,
                   capture_output=True, timeout=300)
    site = subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    (Path(site) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def run(venv: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ITU_REVIEW_", "PYTHON"))}
    env.update({"XDG_CONFIG_HOME": str(venv / "config"), "ITU_REVIEW_CACHE": "off"})
    return subprocess.run([str(venv / "bin" / "itu-review"), *args], capture_output=True, text=True, env=env,
                          cwd=venv, timeout=120)


def test_the_wheel_carries_its_themes(installed: Path) -> None:
    res = run(installed, "themes")
    assert res.returncode == 0, res.stderr
    names = [line.split()[1] if line.startswith("*") else line.split()[0] for line in res.stdout.splitlines()]
    assert sorted(names) == ["itu-colorblind", "itu-dark", "itu-high-contrast", "itu-light", "itu-monochrome"]
    assert f"{installed}/lib/" in res.stdout and "/itu_review/themes/itu-dark.toml" in res.stdout
    assert str(ROOT) not in res.stdout + res.stderr  # nothing read from the repository


def test_version_and_list(installed: Path) -> None:
    from itu_review import __version__

    assert run(installed, "--version").stdout.strip() == f"itu-review {__version__}"
    res = run(installed, "list", str(SAMPLES / "en-proposals.docx"), "--format", "json")
    assert res.returncode == 0 and '"id": "AFCP/12A1/1"' in res.stdout


def test_the_app_starts_and_quits(installed: Path, tmp_path: Path) -> None:
    """The installed entry point in a pseudo-terminal, as a user starts it: the list is drawn, `q` quits."""
    from .test_terminal import read_until_quiet

    exe = str(installed / "bin" / "itu-review")
    argv = [exe, str(SAMPLES / "en-proposals.docx"), "--log", str(tmp_path / "d.jsonl"), "--reviewer", "amina",
            "--theme", "itu-light"]
    with in_pty(argv, user_env(XDG_CONFIG_HOME=str(tmp_path)), str(installed)) as app:
        screen = read_until_quiet(app.fd, quiet=1.5, limit=60)
        deadline = time.monotonic() + 60
        while b"AFCP/12A1/5" not in screen and time.monotonic() < deadline:
            screen += read_until_quiet(app.fd, quiet=1.5, limit=30)
        assert b"AFCP/12A1/5" in screen and b"Theme not loaded" not in screen and b"No theme named" not in screen
        os.write(app.fd, b"q")
        read_until_quiet(app.fd, quiet=0.5, limit=10)
        status = app.wait()
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
