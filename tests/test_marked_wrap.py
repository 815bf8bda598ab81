"""Wrapping text drawn with bracket markers (no colour): right-to-left rows keep their visual order and
are not cut inside a bracketed run where a row could hold it."""

from __future__ import annotations

import unicodedata

from itu_review.display.render import DEFAULT_STYLES, Look, ProposalView, render_cells, span_cells
from itu_review.display.rows import wrap
from itu_review.package import load
from itu_review.views import Span

from .conftest import CORPUS, run_cli

RP051 = CORPUS / "open-xml-powertools" / "RP051-Arabic.docx"
MARKED = Look(DEFAULT_STYLES, markers=True, shape=True)


def _plain(rows: list[str]) -> list[str]:
    return [unicodedata.normalize("NFKC", r).replace("\u00a0", " ").strip() for r in rows]


def _heading_rows(width: int, view: str = "base") -> list[str]:
    pkg = load(RP051)
    prop = pkg.proposal("MEX/18A3/1")
    assert prop is not None
    return _plain([t.plain for t in ProposalView(pkg, prop, view, MARKED, header=False).rows(width)])


def test_two_deletions_side_by_side_share_one_pair_of_brackets() -> None:
    """القـرار 417 (WRC-07), "417 (WRC" and "07)" deleted by two edits: the reordering cut them into five
    runs, "[-(-][-WRC-]-[-07-][-) 417-]" (28 columns for 12 characters); by kind, as colour draws them, two."""
    assert _heading_rows(100)[1] == "[-(WRC-]-[-07) 417-] رارـقلا"


def test_the_side_column_at_80_columns_keeps_wrc_07_whole() -> None:
    """24 columns (the app's side column at 80x24): it read "[-WRC-]-[-) 417-]" over "[-(07-]"."""
    rows = _heading_rows(24)
    assert rows[1:3] == ["رارـقلا", "[-(WRC-]-[-07) 417-]"]


def test_a_narrower_column_wraps_at_the_no_break_space_rather_than_inside_the_brackets() -> None:
    """18 columns cannot hold "(WRC-07) 417" with its markers: the row breaks between "417" and
    "(WRC-07)" (a no-break space), not inside "07" ("[-WRC-]-[-0) 417-]" over "[-(7-]")."""
    rows = _heading_rows(18)
    assert rows[1:4] == ["رارـقلا", "[-417-]", "[-(WRC-]-[-07)-]"]


def test_a_no_break_space_is_a_last_resort_in_left_to_right_text_too() -> None:
    cells = span_cells([Span("Resolution\u00a0130 (Rev.\u00a0Dubai,\u00a02018)")])
    rows = [r.plain.rstrip() for r in render_cells(cells, 12, False, MARKED)]
    # it read "Resolution\u00a01" over "30", and "\u00a02018)" opened a row with a blank
    assert rows == ["Resolution", "130", "(Rev.\u00a0Dubai,", "2018)"]
    assert [r.plain.rstrip() for r in render_cells(cells, 40, False, MARKED)] == [
        "Resolution\u00a0130 (Rev.\u00a0Dubai,\u00a02018)"]  # kept together where it fits


def test_piped_show_at_80_columns_reads_wrc_07_in_order() -> None:
    out = run_cli("show", str(RP051), "MEX/18A3/1", "--width", "80").stdout
    lines = _plain(out.splitlines())
    row = next(ln for ln in lines if "WRC" in ln and "REV" in ln)
    assert row.startswith("[-(WRC-]-[-07) 417-] رارـقلا │") and "[+(REV.WRC+]-[+12) 417+] رارـقلا" in row


def test_a_word_too_long_for_its_row_breaks_after_a_slash() -> None:
    """'telecommunication/information' in a 24-cell column: the row ends after the slash, not at
    'telecommunication/inform' over 'ation'."""
    text = "World telecommunication/information and communication"
    rows = [text[a:b].strip() for a, b in wrap([(c, "", -1) for c in text], 24)]
    assert rows == ["World", "telecommunication/", "information and", "communication"]
    # a slash at a row's very end is no reason to break earlier
    short = "and/or more"
    assert [short[a:b] for a, b in wrap([(c, "", -1) for c in short], 20)] == ["and/or more"]
