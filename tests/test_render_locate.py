"""Every edit has a place in the drawing, whatever its kind and whatever the view: the pane scrolls to the
row that shows it (or stands for it, when the view draws none of its text). A paragraph whose formatting
changed is marked ¶ in the style of formatting changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from itu_review.display.render import VIEWS, Look, ProposalView
from itu_review.package import load
from itu_review.tui.app import ReviewApp
from itu_review.tui.widgets import ProposalPane

from .conftest import CORPUS, SAMPLES

PT = CORPUS / "open-xml-powertools"
#: (package, what it holds that a reviewer must be taken to)
PACKAGES = [
    (SAMPLES / "en-proposals.docx", "a paragraph-format edit, a tracked table row, an insertion in a footnote"),
    (PT / "RP025-Paragraph-Props-Change.docx", "paragraph-format edits only"),
    (PT / "RP021-Inserted-Numbering-Properties.docx", "numbering added: a paragraph-format edit"),
    (PT / "RP009-Deleted-Table-Row.docx", "a deleted table row"),
    (PT / "RP051-Arabic.docx", "Arabic, with inserted table rows"),
    (PT / "RP049-Deleted-Para-Before-Table.docx", "the proposal's header typed in as an insertion"),
    (CORPUS / "apache-poi" / "stress023.docx", "a page header's change: the HEADERS pseudo-proposal"),
    (PT / "WC066-Textbox-Before-Ins-Mod.docx", "an insertion in a text box"),
]


@pytest.mark.parametrize("path", [p for p, _ in PACKAGES], ids=[p.stem for p, _ in PACKAGES])
def test_every_edit_of_every_kind_has_a_row_in_every_view(path: Path) -> None:
    pkg = load(path)
    for prop in pkg.proposals:
        for view in VIEWS:
            rows = ProposalView(pkg, prop, view).rows_with_edits(100)
            shown = frozenset().union(*(edits for _, edits in rows))
            lost = [f"{e.id} ({e.kind})" for e in prop.edits if e.index not in shown]
            assert not lost, f"{view} view: nowhere to scroll to {lost}"


def test_the_kinds_that_had_no_row() -> None:
    """What the pane could not scroll to before: each is now on the row of its own paragraph."""
    en = load(SAMPLES / "en-proposals.docx")
    prop = next(p for p in en.proposals if p.id == "AFCP/12A1/1")
    fmt = next(e for e in prop.edits if e.kind == "paragraph-format")
    assert (fmt.id, fmt.detail) == ("AFCP/12A1/1#9", "alignment left \u2192 default")
    rows = ProposalView(en, prop, "inline", Look({}, markers=True)).rows_with_edits(100)
    (row,) = [t.plain for t, edits in rows if fmt.index in edits]
    assert row.startswith("[~\u00b6~] 4  [>in accordance with its competences and expertise, >]to promote")
    header = load(CORPUS / "apache-poi" / "stress023.docx")
    headers = next(p for p in header.proposals if p.id == "HEADERS")
    rows = ProposalView(header, headers, "side").rows_with_edits(100)
    assert [e.index for e in headers.edits] and all(any(e.index in r for _, r in rows) for e in headers.edits)
    typed = load(PT / "RP049-Deleted-Para-Before-Table.docx")
    prop = typed.proposals[-1]
    first = prop.edits[0]
    assert (first.kind, first.inserted) == ("insert", "MOD\tZZZ/2222/1\u00b6")
    rows = ProposalView(typed, prop, "side").rows_with_edits(100)
    assert first.index in rows[0][1] and rows[0][0].plain.startswith("MOD ZZZ/2222/1")  # its header line


async def test_the_pane_scrolls_to_a_paragraph_format_edit(tmp_path: Path) -> None:
    app = ReviewApp([str(SAMPLES / "en-proposals.docx")], str(tmp_path / "d.jsonl"), "amina")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("g", *"AFCP/12A1/1#9", "enter")
        await pilot.pause()
        assert app.session is not None and app.session.current_edit is not None
        assert app.session.current_edit.kind == "paragraph-format"
        pane = app.query_one(ProposalPane)
        row = pane.row_of_edit(app.session.current_edit.index)
        assert row is not None and pane.scroll_offset.y <= row < pane.scroll_offset.y + pane.size.height
        text = pane.rows[row][0]
        at = text.plain.index("\u00b6")
        assert text.get_style_at_offset(app.console, at).reverse  # the mark of the current edit
