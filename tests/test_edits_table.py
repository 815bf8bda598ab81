"""The `edits` table and the exports as a reviewer reads them: ids whole at 80 columns, a formatting
edit's text shown as its subject (never as deleted text) in every format, warnings in the table, and
invisible characters shown by name on a terminal but kept, logical, in data."""

from __future__ import annotations

import csv
import io
import os
import sys
from pathlib import Path

from docx import Document

from .conftest import ROOT, SAMPLES, run_cli
from .ptyrun import in_pty, user_env

EN = SAMPLES / "en-proposals.docx"
TRICKY = SAMPLES / "tricky.docx"


def table(*args: str, columns: int = 80) -> str:
    res = run_cli("edits", *args, env={"COLUMNS": str(columns)})
    assert res.returncode == 0, res.stderr
    return res.stdout


def rows(out: str) -> dict[str, str]:
    return {ln.split()[0]: ln for ln in out.splitlines() if "#" in ln.split()[0]}


def test_edit_ids_and_kinds_are_never_cut_at_80_columns() -> None:
    out = table(str(EN))
    assert all(len(ln) <= 80 for ln in out.splitlines()[1:])  # the table (the file's line above is whole)
    got = rows(out)
    assert [f"AFCP/12A1/1#{n}" for n in range(1, 12)] == [k for k in got if k.startswith("AFCP/12A1/1#")]
    assert got["AFCP/12A1/1#9"].split()[1] == "paragraph-format"
    assert got["AFCP/12A1/1#11"].split()[1] == "row-insert"
    assert "\u2026" in out  # the text columns gave way


def test_ids_stay_whole_even_when_the_table_cannot_fit() -> None:
    out = table(str(EN), columns=40)
    assert set(rows(out)) == {e for e in rows(table(str(EN), columns=200))}


def columns(out: str, edit: str) -> dict[str, str]:
    """A row of the table as {header: cell}, cut where the header line's columns start."""
    lines = out.splitlines()
    head = lines[1]
    names = head.split()
    starts = [head.index(n) if k == 0 else head.index("  " + n) + 2 for k, n in enumerate(names)]
    line = rows(out)[edit]
    return {n: line[a:b].strip() for n, a, b in zip(names, starts, [*starts[1:], None])}


def test_a_format_edit_shows_its_subject_as_the_subject_in_the_table() -> None:
    got = columns(table(str(EN), columns=160), "AFCP/12A1/1#7")
    assert (got["kind"], got["deleted"], got["inserted"]) == ("format", "", "")
    assert got["detail"] == "bold added on \u201caccessible\u201d"


def test_edits_csv_has_subject_and_detail_columns() -> None:
    res = run_cli("edits", str(EN), "--format", "csv")
    got = {r["id"]: r for r in csv.DictReader(io.StringIO(res.stdout.lstrip("\ufeff")))}
    assert {"subject", "detail", "deleted", "inserted"} <= set(next(iter(got.values())))
    fmt = got["AFCP/12A1/1#7"]
    assert (fmt["deleted"], fmt["inserted"], fmt["subject"], fmt["detail"]) == ("", "", "accessible", "bold added")
    assert got["AFCP/12A1/1#9"]["subject"].startswith("4\tin accordance with its competences")
    assert got["AFCP/12A1/1#8"]["subject"] == "" and got["AFCP/12A1/1#8"]["deleted"] == "users"


def test_exports_show_the_subject_apart_from_deleted_text(tmp_path: Path) -> None:
    pkg = tmp_path / "en.docx"
    pkg.write_bytes(EN.read_bytes())
    res = run_cli("export", str(pkg))
    got = {r["edit"]: r for r in csv.DictReader(io.StringIO(res.stdout.lstrip("\ufeff"))) if r["row"] == "edit"}
    assert (got["AFCP/12A1/1#7"]["deleted"], got["AFCP/12A1/1#7"]["subject"]) == ("", "accessible")
    md = run_cli("export", str(pkg), "--format", "md").stdout
    assert "| AFCP/12A1/1#7 | format |  |  | bold added on \u201caccessible\u201d | pending |" in md
    assert run_cli("export", str(pkg), "--format", "docx", "--out", str(tmp_path / "r.docx")).returncode == 0
    edits = {}
    for t in Document(str(tmp_path / "r.docx")).tables[1:]:
        for row in t.rows[1:]:
            edits[row.cells[0].text.split("\n")[0]] = [c.text for c in row.cells]
    assert edits["AFCP/12A1/1#7"][:3] == ["AFCP/12A1/1#7\nformat: bold added on \u201caccessible\u201d", "", ""]
    para = edits["AFCP/12A1/1#9"]
    assert para[1] == "" and para[0].startswith("AFCP/12A1/1#9\nparagraph-format: alignment left \u2192 default on")


def test_the_table_names_invisible_characters_and_lists_warnings() -> None:
    out = table(str(TRICKY), columns=100)
    got = rows(out)
    assert "ab\u27e8RLO\u27e9c\u27e8LRI\u27e9d\u27e8PDI\u27e9" in got["TST/1/1#2"]
    assert "co\u27e8ZWJ\u27e9de" in got["TST/1/1#3"]
    assert not any(ch in out for ch in "\u202e\u2066\u2069\u200d")
    assert out.splitlines()[1].split()[-1] == "!" and got["TST/1/1#2"].endswith("!")
    assert not got["TST/1/1#1"].endswith("!")
    assert "! TST/1/1#2: contains invisible or control characters: RLO, LRI, PDI" in out
    assert "! TST/1/1#3: contains invisible or control characters: ZWJ" in out


def test_data_outputs_keep_the_logical_text() -> None:
    csv_out = run_cli("edits", str(TRICKY), "--format", "csv").stdout
    assert "ab\u202ec\u2066d\u2069" in csv_out and "co\u200dde" in csv_out
    piped = run_cli("text", str(TRICKY)).stdout
    assert "ab\u202ec\u2066d\u2069" in piped and "\u27e8" not in piped


def _on_a_terminal(*args: str) -> str:
    argv = [sys.executable, "-m", "itu_review", *args]
    chunks = []
    with in_pty(argv, user_env(ITU_REVIEW_CONFIG="/nonexistent/none.toml"), str(ROOT), cols=120) as prog:
        while True:
            try:
                data = os.read(prog.fd, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        assert os.WEXITSTATUS(prog.wait()) == 0
    return b"".join(chunks).decode("utf-8")


def test_text_on_a_terminal_names_bidi_controls_as_show_does() -> None:
    out = _on_a_terminal("text", str(TRICKY))
    assert "ab\u27e8RLO\u27e9c\u27e8LRI\u27e9d\u27e8PDI\u27e9" in out and "co\u27e8ZWJ\u27e9de" in out
    assert not any(ch in out for ch in "\u202e\u2066\u2069\u200d")


def test_texts_wrap_over_a_few_lines_at_80_columns() -> None:
    """At 80 columns the texts get what the ids and kinds leave (every edit by one author: named once
    above the table, not in a column): a text too long for its column goes on under its row (three
    lines at most, then an ellipsis) instead of 'DUBAI, 2…' / 'BUCHAREST…' cut on one line."""
    lines = table(str(SAMPLES / "en-proposals-rev1.docx")).splitlines()
    assert lines[0].endswith("(16 edits, all by Secretariat)") and "author" not in lines[1].split()
    assert all(len(ln) <= 80 for ln in lines[1:])
    k = next(i for i, ln in enumerate(lines) if ln.startswith("AFCP/12A1/1#1 "))
    row = columns("\n".join(lines), "AFCP/12A1/1#1")
    under = lines[k + 1]
    assert not under.split()[0].startswith("AFCP")  # a continuation line, blank under id and kind
    assert row["deleted"] == "DUBAI, 2018"
    assert row["inserted"] + " " + under.split()[0] == "BUCHAREST, 2022"
    k = next(i for i, ln in enumerate(lines) if ln.startswith("AFCP/12A1/1#6 "))
    a, b = lines[1].index("deleted"), lines[1].index("inserted")
    deleted = [ln[a:b].strip() for ln in lines[k:k + 3]]
    assert deleted[:2] == ["in accordance", "with its"]  # whole words: 'accordanc' over 'e with i…' was cut


def test_a_word_longer_than_its_column_is_cut_into_lines_of_its_width() -> None:
    """A word longer than a line goes on line after line, each as full as it can be (wide characters
    counted as two cells), in one pass over the word."""
    from itu_review.display.tables import wrap_words

    assert wrap_words("abcdefghij klm", 4) == ["abcd", "efgh", "ij", "klm"]
    assert wrap_words("日本語テキスト", 5) == ["日本", "語テ", "キス", "ト"]
    word = "x" * 100_003
    lines = wrap_words(f"a {word} b", 10)
    assert lines[0] == "a" and lines[-1] == "xxx b" and "".join(lines[1:-1]) + "xxx" == word
