"""A base collection kept inside the conference's folder is the base, not packages that fail to read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from itu_review.cli import main
from itu_review.conference.discover import discover

from .conftest import SAMPLES


def test_the_base_folder_inside_an_opened_directory_is_left_out() -> None:
    every = discover([str(SAMPLES)]).files
    assert str(SAMPLES / "base" / "en-resolutions.txt") in every  # without --base, a file like any other
    found = discover([str(SAMPLES)], [str(SAMPLES / "base")]).files
    assert not [f for f in found if "/base/" in f]
    assert str(SAMPLES / "en-proposals.docx") in found
    assert len(found) == len(every) - 2  # en-resolutions.txt and fr-resolutions.docx


def test_a_base_file_is_left_out_and_a_path_given_relative_matches_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SAMPLES)
    found = discover(["."], ["base/fr-resolutions.docx"]).files
    assert os.path.join(".", "base", "en-resolutions.txt") in found
    assert os.path.join(".", "base", "fr-resolutions.docx") not in found


def test_a_file_named_on_the_command_line_is_taken_even_from_the_base() -> None:
    named = str(SAMPLES / "base" / "en-resolutions.txt")
    assert discover([named], [str(SAMPLES / "base")]).files == [named]


def test_a_directory_given_as_its_own_base_keeps_its_files() -> None:
    base = str(SAMPLES / "base")
    assert len(discover([base], [base]).files) == 2


def test_check_and_compile_with_the_base_inside_skip_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    base = str(SAMPLES / "base")
    main(["check", str(SAMPLES), "--base", base, "--format", "json"])
    err = capsys.readouterr().err
    assert "skipped" not in err and "en-resolutions" not in err
    assert main(["compile", str(SAMPLES), "--base", base, "--format", "md"]) == 0
    assert "skipped" not in capsys.readouterr().err
    # list has no --base: the base's files are met, and said to be skipped, as before
    assert main(["list", str(SAMPLES)]) == 0
    assert capsys.readouterr().err.count("(skipped)") == 2


def test_a_base_named_through_a_link_is_left_out_by_its_real_path(tmp_path: Path) -> None:
    (tmp_path / "texts").symlink_to(SAMPLES / "base")
    found = discover([str(SAMPLES)], [str(tmp_path / "texts")]).files
    assert found and not [f for f in found if "/base/" in f]
