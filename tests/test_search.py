"""Search in what is drawn: matches found in the rows a person sees, column by column, across wrapped
rows, folded like the core's matching, and in right-to-left rows drawn in visual order."""

from __future__ import annotations

from rich.text import Text

from itu_review.display.render import DEFAULT_STYLES, Look, ProposalView
from itu_review.package import load
from itu_review.tui.search import column_ranges, find_matches, fold

from .conftest import SAMPLES


def rows(name: str, pid: str, width: int, view: str = "side") -> list[tuple[Text, frozenset[int]]]:
    pkg = load(SAMPLES / name)
    prop = pkg.proposal(pid)
    assert prop is not None
    return ProposalView(pkg, prop, view, Look(DEFAULT_STYLES, shape=True)).rows_with_edits(width)


def pieces(drawn, hits) -> list[str]:  # type: ignore[no-untyped-def]
    return [drawn[r][0].plain[a:b] for r, a, b in hits]


def test_each_column_is_searched_on_its_own_and_every_match_is_found() -> None:
    drawn = rows("en-proposals.docx", "AFCP/12A1/1", 120)
    hits = find_matches(drawn, "Telecommunication", col=(120 - 3) // 2)
    assert hits and all(p.lower() == "telecommunication" for p in pieces(drawn, hits))
    assert hits == sorted(hits)  # top to bottom, left to right
    both = [r for r, a, _ in hits if a > 60]
    assert both, "the proposed column is searched as well as the base"


def test_a_match_wrapped_onto_the_next_row_is_found_in_pieces() -> None:
    col = (50 - 3) // 2  # 23 cells: the phrase cannot stand on one row
    drawn = rows("en-proposals.docx", "AFCP/12A1/1", 50)
    hits = find_matches(drawn, "information and communication technologies", col=col)
    assert pieces(drawn, hits[:2]) == ["information", "and communication technologies"]  # the title, full width
    left = [h for h in hits if h[1] < col and h[0] > 3]  # then the base column
    run = left[:1]
    for h in left[1:]:
        if h[0] != run[-1][0] + 1:
            break
        run.append(h)
    assert len(run) > 1
    assert " ".join(pieces(drawn, run)).lower() == "information and communication technologies"


def test_case_and_presentation_forms_are_folded() -> None:
    assert fold("ﺑﻮﺧﺎﺭﺳﺖ")[0] == "بوخارست"
    assert fold("  Plan  FOR ")[0] == "plan for "
    assert column_ranges("abc \u2502 def", 3) == [(0, 3), (6, 9)]
    assert column_ranges("a full-width heading", 3) == [(0, 20)]


def test_arabic_is_found_in_rows_drawn_in_visual_order_and_shaped() -> None:
    drawn = rows("ar-proposals.docx", "ARB/20A1/1", 120)
    hits = find_matches(drawn, "بوخارست", col=(120 - 3) // 2)
    assert hits
    for piece in pieces(drawn, hits):
        assert fold(piece)[0][::-1] == "بوخارست"  # drawn right to left, in presentation forms


def test_a_word_drawn_with_a_lam_alef_ligature_is_found() -> None:
    from .conftest import CORPUS

    pkg = load(CORPUS / "open-xml-powertools" / "RP051-Arabic.docx")
    prop = pkg.proposal("MEX/18A3/1")
    assert prop is not None
    drawn = ProposalView(pkg, prop, "side", Look(DEFAULT_STYLES, shape=True)).rows_with_edits(120)
    hits = find_matches(drawn, "الملاحة", col=(120 - 3) // 2)  # drawn as ﺔﺣﻼﻤﻟﺍ: ﻼ is lam and alef in one cell
    assert hits
    for piece in pieces(drawn, hits):
        assert fold(piece[::-1])[0] == "الملاحة"
