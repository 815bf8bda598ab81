"""The core never imports textual, so headless commands start fast and run anywhere."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = ["itu_review.cli", "itu_review.commands", "itu_review.package", "itu_review.edits", "itu_review.views",
        "itu_review.ingest.docx", "itu_review.ingest.split", "itu_review.ingest.text", "itu_review.display.render",
        "itu_review.output"]


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
