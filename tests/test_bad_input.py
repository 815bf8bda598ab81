"""Bad input: one line naming the file and the problem, exit code 3, no traceback."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from .conftest import run_cli
from .docxfix import CONTENT_TYPES, RELS, make_docx, p, r

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


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", ["text", "edits", "list"])
def test_bad_input_one_line_exit_3(tmp_path: Path, case: str, command: str) -> None:
    if case == "directory" and command != "text":
        pytest.skip("list and edits read a directory's packages (test_conference: a directory of bad files)")
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
