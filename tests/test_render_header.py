"""A proposal's header in the direction of its title: an Arabic title makes it a right-to-left line, laid
out as the body's lines are (right-aligned, in visual order, wrapped rows read from the right)."""

from __future__ import annotations

from itu_review.display.render import DEFAULT_STYLES, Look, ProposalView
from itu_review.package import load

from .conftest import CORPUS, SAMPLES

LOOK = Look(DEFAULT_STYLES, bidi="app")  # reordered for display, letters unshaped (comparable to the title)


def test_an_arabic_title_makes_the_header_a_right_to_left_line() -> None:
    pkg = load(CORPUS / "open-xml-powertools" / "RP051-Arabic.docx")
    prop = pkg.proposal("MEX/18A3/1")
    first, second = (t.plain for t in ProposalView(pkg, prop, "side", LOOK).rows(80)[:2])
    assert prop.title.startswith("\u0627\u0633\u062a\u0639\u0645\u0627\u0644 \u0627\u0644\u062e\u062f\u0645\u0629")
    assert len(first) == len(second) == 80
    # the action and id where a right-to-left reader starts, the title's first words just left of them (drawn in
    # visual order: the logical text reversed)
    opening = "\u0627\u0633\u062a\u0639\u0645\u0627\u0644 \u0627\u0644\u062e\u062f\u0645\u0629"  # its first two words
    assert first.endswith(opening[::-1] + "  MOD MEX/18A3/1  Resolution 417  (27 edits)"), first
    # the title's end wrapped onto the next row, at its right edge (not the left)
    assert second.rstrip() == second and second.startswith(" ") and "MHz 1 164-960" in second


def test_a_latin_title_keeps_the_header_left_to_right() -> None:
    pkg = load(SAMPLES / "en-proposals.docx")
    first = ProposalView(pkg, pkg.proposal("AFCP/12A1/1"), "side", LOOK).rows(80)[0].plain
    assert first.startswith("MOD AFCP/12A1/1  Resolution 130  (11 edits)  Strengthening")


def test_the_base_column_s_note_is_wrapped_not_cut() -> None:
    """A SUP whose text is not reproduced says what to do about it; in the app's pane at 80 columns (50
    wide) the advice was cut off after "give"."""
    pkg = load(SAMPLES / "en-proposals.docx")
    rows = [t.plain.rstrip() for t in ProposalView(pkg, pkg.proposal("AFCP/12A1/3"), "side", LOOK).rows(50)]
    at = rows.index("SUP: the text to suppress is not reproduced; give")
    assert rows[at + 1] == "--base to see it"
