"""Every command's `--help` example runs on the bundled samples, as printed (from the repository's
top folder: here in a copy of it, since they write logs and outputs)."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from itu_review.cli import COMMANDS, EPILOG

from .conftest import SAMPLES, run_cli

#: Commands that take the terminal or a port: their package and options are checked, not run.
INTERACTIVE = {"open", "serve"}
#: Commands that exit 1 when they find something (check findings, merge disagreements).
FINDINGS = {"check", "merge"}


def examples(command: str) -> list[str]:
    """The example lines of a command's --help, comments cut off ("   # as a whole")."""
    text = EPILOG[command]
    lines = [re.sub(r"^\s*(example:)?\s*", "", ln) for ln in text.splitlines()]
    return [re.sub(r"\s+#\s.*$", "", ln) for ln in lines if ln.startswith("itu-review ")]


def test_every_command_has_an_example() -> None:
    assert set(EPILOG) == COMMANDS
    assert all(examples(c) for c in COMMANDS)


def test_every_example_runs_on_the_samples(tmp_path: Path) -> None:
    shutil.copytree(SAMPLES, tmp_path / "samples", ignore=shutil.ignore_patterns("*.decisions.jsonl", "__pycache__"))
    # in EPILOG's order: decisions are recorded before they are merged, exported and applied
    for command in EPILOG:
        for line in examples(command):
            argv = shlex.split(line)[1:]
            assert argv[0] == command, line
            out = None
            if ">" in argv:
                at = argv.index(">")
                argv, out = argv[:at], argv[at + 1]
            if command in INTERACTIVE:
                for arg in argv[1:]:
                    if arg.startswith("samples/"):
                        assert (tmp_path / arg).exists(), line
                argv = ["list", *[a for a in argv[1:] if a.startswith("samples/") and a.endswith(".docx")]]
            res = run_cli(*argv, cwd=tmp_path)
            allowed = (0, 1) if command in FINDINGS else (0,)
            assert res.returncode in allowed, f"{line}\n{res.stderr}"
            assert "Traceback" not in res.stderr
            if out is not None:
                (tmp_path / out).write_text(res.stdout)
    for written in ("edits.csv", "decisions.md", "all.jsonl", "consolidated.docx", "compilation.docx", "omar.jsonl"):
        assert (tmp_path / written).stat().st_size > 0, written


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_example_is_in_the_help(command: str) -> None:
    res = run_cli(command, "--help")
    assert res.returncode == 0
    assert examples(command)[0] in " ".join(res.stdout.split()) or examples(command)[0] in res.stdout
