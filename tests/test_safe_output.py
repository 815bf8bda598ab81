"""Outputs never destroy an input or a log: same-file outputs are refused (by device and inode), an
existing output needs --force, and every file is written beside its target and renamed into place."""

from __future__ import annotations

import os
import stat
import shutil
from pathlib import Path

import pytest

from itu_review.errors import InputError, UsageError
from itu_review.output import atomic_output, check_output

from .conftest import SAMPLES, run_cli

EN = SAMPLES / "en-proposals.docx"


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    """A package with one decision in its default log."""
    path = tmp_path / "pkg.docx"
    shutil.copy(EN, path)
    res = run_cli("decide", str(path), "--reviewer", "amina", "--accept", "AFCP/12A1/1#1")
    assert res.returncode == 0, res.stderr
    return path


def log_of(pkg: Path) -> Path:
    return pkg.with_name(pkg.name + ".decisions.jsonl")


def test_apply_onto_a_hard_link_of_the_package_is_refused(pkg: Path) -> None:
    before = pkg.read_bytes()
    link = pkg.with_name("link.docx")
    os.link(pkg, link)
    res = run_cli("apply", str(pkg), "--out", str(link), "--force")
    assert res.returncode == 2 and f"{link}: is the same file as {pkg}" in res.stderr
    assert pkg.read_bytes() == before and link.read_bytes() == before


@pytest.mark.parametrize("target", ["package", "log", "symlink to the package"])
@pytest.mark.parametrize("fmt", ["md", "csv", "docx"])
def test_export_never_writes_over_the_package_or_the_log(pkg: Path, target: str, fmt: str) -> None:
    log = log_of(pkg)
    kept = {pkg: pkg.read_bytes(), log: log.read_bytes()}
    out = {"package": pkg, "log": log, "symlink to the package": pkg.with_name("alias.docx")}[target]
    if target.startswith("symlink"):
        out.symlink_to(pkg.name)
    res = run_cli("export", str(pkg), "--format", fmt, "--out", str(out), "--force")
    assert res.returncode == 2 and "never overwrites its input" in res.stderr, res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr
    assert {p: p.read_bytes() for p in kept} == kept


def test_an_existing_output_needs_force_and_is_replaced_whole(pkg: Path) -> None:
    out = pkg.with_name("decisions.csv")
    out.write_text("an older report\n")
    keep = pkg.with_name("older.csv")
    os.link(out, keep)  # someone's hard link to the old report
    res = run_cli("export", str(pkg), "--out", str(out))
    assert res.returncode == 2 and f"{out}: exists (--force replaces it)" in res.stderr
    assert out.read_text() == "an older report\n"
    res = run_cli("export", str(pkg), "--out", str(out), "--force")
    assert res.returncode == 0, res.stderr
    assert "AFCP/12A1/1#1" in out.read_text(encoding="utf-8-sig")
    assert keep.read_text() == "an older report\n"  # renamed into place: the old inode was not written through
    assert sorted(p.name for p in pkg.parent.iterdir()) == sorted(
        ["pkg.docx", "pkg.docx.decisions.jsonl", "decisions.csv", "older.csv"])  # no temporary file left


def test_apply_refuses_an_existing_output_without_force(pkg: Path) -> None:
    out = pkg.with_name("consolidated.docx")
    out.write_bytes(b"precious")
    res = run_cli("apply", str(pkg), "--out", str(out))
    assert res.returncode == 2 and "exists (--force replaces it)" in res.stderr
    assert out.read_bytes() == b"precious"
    res = run_cli("apply", str(pkg), "--out", str(out), "--force")
    assert res.returncode == 0 and out.read_bytes().startswith(b"PK")


def test_merge_never_replaces_a_file_nor_writes_over_its_inputs(pkg: Path) -> None:
    log = log_of(pkg)
    kept = log.read_bytes()
    res = run_cli("merge", str(log), "--out", str(log))
    assert res.returncode == 2 and "never overwrites its input" in res.stderr
    assert log.read_bytes() == kept
    merged = pkg.with_name("all.jsonl")
    assert run_cli("merge", str(log), "--out", str(merged)).returncode == 0
    assert merged.read_bytes() == kept and (merged.stat().st_mode & 0o777) == 0o660
    res = run_cli("merge", str(log), "--out", str(merged))
    assert res.returncode == 2 and "never rewrites one" in res.stderr


def test_a_write_that_fails_half_way_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    out.write_text("old")
    with pytest.raises(RuntimeError), atomic_output(out) as tmp:
        tmp.write_text("half of the new")
        raise RuntimeError("disk went away")
    assert out.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_check_output_compares_files_not_names(tmp_path: Path) -> None:
    a = tmp_path / "a.docx"
    a.write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    check_output(tmp_path / "new.md", [a])  # a new file is fine
    check_output(None, [a])  # standard output too
    with pytest.raises(UsageError, match="is one of the inputs of this command"):
        check_output(tmp_path / "sub" / ".." / "a.docx", [a], force=True)
    with pytest.raises(UsageError, match="is a directory"):
        check_output(tmp_path / "sub", [a], force=True)
    with pytest.raises(InputError, match="cannot write"):
        with atomic_output(tmp_path / "missing-folder" / "x.md") as tmp:
            tmp.write_text("never")


def test_an_existing_file_in_an_input_folder_is_never_replaced(tmp_path: Path) -> None:
    """`compile FOLDER --out FOLDER/pkg.docx --force` would replace one of the packages it read."""
    folder = tmp_path / "conference"
    folder.mkdir()
    shutil.copy(EN, folder / "en.docx")
    kept = (folder / "en.docx").read_bytes()
    res = run_cli("compile", str(folder), "--out", str(folder / "en.docx"), "--force")
    assert res.returncode == 2 and "is a file in the input folder" in res.stderr
    assert (folder / "en.docx").read_bytes() == kept
    res = run_cli("compile", str(folder), "--format", "md", "--out", str(folder / "synopsis.md"))
    assert res.returncode == 0 and (folder / "synopsis.md").exists()  # a new file there is fine


def test_an_output_gets_the_mode_the_umask_gives(tmp_path: Path) -> None:
    """Written through a temporary file, an output still ends with the mode a plain new file would have."""
    from itu_review.output import write_out

    old = os.umask(0o027)
    try:
        write_out("a,b\n", str(tmp_path / "out.csv"))
        assert os.umask(0o027) == 0o027  # and the umask is as it was
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == 0o640


def test_export_to_a_file_says_what_it_wrote(tmp_path: Path) -> None:
    """Every command that writes a file says so on stderr (apply and compile did; export was silent)."""
    pkg = tmp_path / "en-proposals.docx"
    shutil.copy(SAMPLES / "en-proposals.docx", pkg)
    res = run_cli("export", str(pkg), "--out", str(tmp_path / "d.csv"))
    assert res.returncode == 0 and res.stdout == ""
    assert res.stderr == f"{tmp_path / 'd.csv'}: 5 proposals, 15 edits, no decisions yet\n"
    assert run_cli("decide", str(pkg), "AFCP/12A1/3", "--support", "--reviewer", "amina").returncode == 0
    res = run_cli("export", str(pkg), "--format", "docx", "--out", str(tmp_path / "r.docx"))
    assert res.stderr == f"{tmp_path / 'r.docx'}: 5 proposals, 15 edits, decisions of 1 reviewer\n"
