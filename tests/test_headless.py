"""The core never imports textual, so headless commands start fast and run anywhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "itu_review"
#: Every module outside itu_review/tui/, found on disk so that a new module is checked too.
CORE = sorted(
    "itu_review." + ".".join(f.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
    for f in PACKAGE.rglob("*.py")
    if "tui" not in f.relative_to(PACKAGE).parts and f.name != "__main__.py"
)


def test_the_core_list_is_found() -> None:
    assert {"itu_review.cache", "itu_review.decisions", "itu_review.ingest.docx", "itu_review.export.docx_apply",
            "itu_review.display.render"} <= set(CORE)
    assert not any(m.startswith("itu_review.tui") for m in CORE)


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; sys.exit(1 if any(m == 'textual' or m.startswith('textual.') for m in sys.modules) else 0)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_list_command_runs_without_textual(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from .conftest import CORPUS

    code = ("import sys; from itu_review.cli import main; rc = main(['list', sys.argv[1]]); "
            "sys.exit(rc or (7 if 'textual' in sys.modules else 0))")
    res = subprocess.run([sys.executable, "-c", code, str(CORPUS / "open-xml-powertools" / "RP051-Arabic.docx")],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr

