"""Bad input: one line naming the file and the problem, exit code 3, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import SAMPLES, run_cli
from .docxfix import CONTENT_TYPES, NS, RELS, make_docx, p, r
from .zipdamage import damaged, damaged_for_apply

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip(path: Path, document: bytes | None, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        if document is not None:
            z.writestr("word/document.xml", document)
        for k, v in (extra or {}).items():
            z.writestr(k, v)
    return path


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"""


def _cases(tmp: Path) -> dict[str, tuple[Path, str]]:
    legacy = tmp / "old.doc"
    legacy.write_bytes(OLE + b"\0" * 600 + "WordDocument".encode("utf-16-le"))
    encrypted = tmp / "locked.docx"
    encrypted.write_bytes(OLE + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 100)
    notzip = tmp / "notes.docx"
    notzip.write_text("just some text")
    big = _zip(tmp / "big.docx", b"<w:document xmlns:w='x'>" + b" " * (3 * 2**20) + b"</w:document>")
    return {
        "missing": (tmp / "nope.docx", "no such file"),
        "not a zip": (notzip, "not a .docx file (not a zip archive)"),
        "no document.xml": (_zip(tmp / "empty.docx", None), "the zip has no word/document.xml"),
        "malformed XML": (_zip(tmp / "bad.docx", b"<w:document><w:body><w:p></w:body>"), "malformed XML"),
        "encrypted": (encrypted, "password-protected"),
        "legacy .doc": (legacy, "legacy binary Word .doc"),
        "entity bomb": (_zip(tmp / "bomb.docx", BOMB), "entity-expansion"),
        "size limit": (big, "over the limit of 2 MiB"),
        "directory": (tmp, "is a directory"),
    }


CASES = ["missing", "not a zip", "no document.xml", "malformed XML", "encrypted", "legacy .doc", "entity bomb",
         "size limit", "directory"]


# list and edits read a directory's packages (test_conference covers a directory of bad files)
@pytest.mark.parametrize(("case", "command"), [(case, command) for case in CASES for command in ("text", "edits", "list")
                                               if case != "directory" or command == "text"])
def test_bad_input_one_line_exit_3(tmp_path: Path, case: str, command: str) -> None:
    path, expected = _cases(tmp_path)[case]
    res = run_cli(command, str(path), env={"ITU_REVIEW_MAX_XML_MB": "2"})
    assert res.returncode == 3, res.stderr
    assert res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert str(path) in lines[0] and expected in lines[0]
    assert "Traceback" not in res.stderr


def test_size_limit_default_is_generous(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "ok.docx", p(r("x" * 1000)))
    assert run_cli("text", str(path)).stdout == "x" * 1000 + "\n"


def test_usage_error_is_exit_2() -> None:
    res = run_cli("list", "--format", "yaml", "x.docx")
    assert res.returncode == 2 and "invalid choice" in res.stderr


def test_open_fails_before_taking_over_the_screen(tmp_path: Path) -> None:
    res = run_cli("open", str(tmp_path / "gone.docx"))
    assert res.returncode == 3 and res.stderr.strip() == f"itu-review: {tmp_path / 'gone.docx'}: no such file"


@pytest.mark.parametrize("command", ["open", "list", "show", "edits", "text", "decide", "export", "apply", "check",
                                     "merge", "themes", "serve"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    res = run_cli(command, "--help")
    assert res.returncode == 0 and "example: itu-review " + command in res.stdout


# -- damaged zips: one line, exit 3, whatever the zip library raises ---------------------------------

DAMAGED = damaged()
DAMAGED_FOR_APPLY = damaged_for_apply()


def _one_line_exit_3(res: "subprocess.CompletedProcess[str]", path: Path, expected: str) -> None:
    assert res.returncode == 3, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in res.stderr and "internal error" not in res.stderr, res.stderr
    assert lines[0].startswith(f"itu-review: {path}: ") and expected in lines[0], lines[0]


@pytest.mark.parametrize("case", sorted(DAMAGED))
@pytest.mark.parametrize("command", ["list", "apply"])
def test_a_damaged_zip_is_one_line_exit_3(tmp_path: Path, case: str, command: str) -> None:
    data, expected = DAMAGED[case]
    path = tmp_path / "damaged.docx"
    path.write_bytes(data)
    extra = ["--out", str(tmp_path / "out.docx")] if command == "apply" else []
    _one_line_exit_3(run_cli(command, str(path), *extra), path, expected)
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("case", sorted(DAMAGED_FOR_APPLY))
def test_apply_checks_every_member_and_the_parts_it_edits(tmp_path: Path, case: str) -> None:
    """`list` reads only the document; `apply` copies every member and edits the content types, the
    document's relationships and the comments: damage there is one line before anything is written."""
    data, expected = DAMAGED_FOR_APPLY[case]
    path = tmp_path / "damaged.docx"
    path.write_bytes(data)
    assert run_cli("list", str(path)).returncode == 0
    _one_line_exit_3(run_cli("apply", str(path), "--out", str(tmp_path / "out.docx")), path, expected)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["damaged.docx"]  # no output, no temporary file


def _document_xml(path: Path, document: bytes) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document)
    return path


@pytest.mark.parametrize("doctype", ['<!DOCTYPE d SYSTEM "nowhere.dtd">', '<!DOCTYPE d [<!ENTITY e "x">]>'])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_doctype_anywhere_is_refused(tmp_path: Path, doctype: str, encoding: str) -> None:
    """Behind 3 KB (or 100 KB) of comment a DOCTYPE once passed, and libxml2 then dropped the text after
    an undeclared entity reference without a word: "before &e; after" read as "before "."""
    for padding in (3_000, 100_000):
        xml = (f'<?xml version="1.0" encoding="{encoding}"?><!--{"x" * padding}-->{doctype}'
               f'<w:document {NS}><w:body>{p(r("before &e; after"))}</w:body></w:document>')
        path = _document_xml(tmp_path / f"late-{padding}.docx", xml.encode(encoding))
        res = run_cli("text", str(path))
        assert res.stdout == ""
        _one_line_exit_3(res, path, "declares a DTD or entities")


BLANK_MIB = 200


def test_the_size_cap_bounds_memory_too(tmp_path: Path) -> None:
    """A small .docx whose document.xml is 200 MiB of white space: the part is inflated as the parser
    reads it, never held whole (it was held twice: 2.1 times its size in peak memory)."""
    path = tmp_path / "blank.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<w:document {NS}><w:body>{p(r("blank"))}'.encode())
            for _ in range(BLANK_MIB):
                fh.write(b" " * 2**20)
            fh.write(b"</w:body></w:document>")
    assert path.stat().st_size < 2**20
    probe = ("import sys; from itu_review.package import load; load(sys.argv[1]); "
             "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])")
    baseline = subprocess.run([sys.executable, "-c", probe, str(SAMPLES / "en-proposals.docx")], check=True,
                              capture_output=True, text=True, env={**os.environ, "ITU_REVIEW_CACHE": "off"})
    res = subprocess.run([sys.executable, "-c", probe, str(path)], check=True, capture_output=True, text=True,
                         env={**os.environ, "ITU_REVIEW_CACHE": "off"})
    grown_mib = (int(res.stdout) - int(baseline.stdout)) / 1024
    assert grown_mib < 1.25 * BLANK_MIB, f"{grown_mib:.0f} MiB for {BLANK_MIB} MiB of white space"
    limited = run_cli("list", str(path), env={"ITU_REVIEW_MAX_XML_MB": "100"})
    _one_line_exit_3(limited, path, "over the limit of 100 MiB")


def test_a_pipe_named_like_a_package_never_blocks(tmp_path: Path) -> None:
    """A FIFO called pipe.docx: in a folder it is no package (the folder's real package opens); named on
    the command line it is one clear line, exit 3 — reading it would wait for a writer for ever."""
    import shutil

    shutil.copy(SAMPLES / "en-proposals.docx", tmp_path / "en-proposals.docx")
    os.mkfifo(tmp_path / "pipe.docx")
    res = subprocess.run([sys.executable, "-m", "itu_review", "list", str(tmp_path)], capture_output=True,
                         text=True, timeout=60)
    assert res.returncode == 0 and "en-proposals.docx" in res.stdout and "pipe.docx" not in res.stdout + res.stderr
    res = subprocess.run([sys.executable, "-m", "itu_review", "list", str(tmp_path / "pipe.docx")],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 3
    assert res.stderr == f"itu-review: {tmp_path / 'pipe.docx'}: is not a regular file (a pipe, device or socket); " \
                         "give the package file itself\n"
