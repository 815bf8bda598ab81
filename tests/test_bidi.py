"""Right-to-left layout: Unicode's own conformance data, and golden lines of ITU text with styles."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text

from itu_review.display import bidi
from itu_review.display.render import DEFAULT_STYLES, Look, ProposalView, render_cells, span_cells
from itu_review.package import load
from itu_review.views import Span

from .conftest import CORPUS, ON_CI, SAMPLES

BIDI_TEST = Path("/usr/share/unicode/BidiCharacterTest.txt")
CONSOLE = Console()
EXPLICIT = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}


def test_agrees_with_bidi_character_test_on_every_line_without_explicit_controls() -> None:
    if not BIDI_TEST.exists():
        if ON_CI:
            pytest.fail("unicode-data is not installed: scripts/system-deps.sh should have installed it")
        pytest.skip("unicode-data is not installed (make system-deps)")
    passed = total = skipped = 0
    failures = []
    for line in BIDI_TEST.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split(";")
        cps = [int(x, 16) for x in fields[0].split()]
        if any(c in EXPLICIT for c in cps):
            skipped += 1
            continue
        total += 1
        text = "".join(map(chr, cps))
        direction = int(fields[1])
        rtl = None if direction == 2 else bool(direction)
        base = int(bidi.is_rtl_text(text)) if rtl is None else int(rtl)
        lv = bidi.levels(text, rtl)
        expected_levels = fields[3].split()
        got_levels = [str(x) for x in bidi.line_levels(text, lv, base)]
        order = [i for i in bidi.reorder_for_test(text, lv, base) if expected_levels[i] != "x"]
        ok = (base == int(fields[2]) and order == [int(x) for x in fields[4].split()]
              and all(e == "x" or e == g for e, g in zip(expected_levels, got_levels)))
        passed += ok
        if not ok and len(failures) < 5:
            failures.append(line)
    print(f"BidiCharacterTest.txt: {passed}/{total} lines pass; {skipped} lines with explicit controls not run")
    assert total > 90_000 and passed == total, failures


def visual(spans: list[Span], width: int, rtl: bool | None = True, markers: bool = False) -> tuple[str, str]:
    """The drawn row(s) and a style map: one letter a cell (. plain, i inserted, d deleted, c current)."""
    look = Look(DEFAULT_STYLES, markers=markers)
    rows = render_cells(span_cells(spans), width, rtl, look, current=7)
    text = "\n".join(r.plain for r in rows)
    styles = []
    for r in rows:
        for k in range(len(r.plain)):
            st = r.get_style_at_offset(CONSOLE, k)
            styles.append("c" if st.reverse else "i" if st.underline else "d" if st.strike else ".")
        styles.append("\n")
    return text, "".join(styles)[:-1]


HEADING = [Span("القرار 14 (المراجع في "), Span("أنطاليا، 2006", "del", 7), Span(" "), Span("دبي، 2018", "ins", 8),
           Span(")")]


def test_heading_with_deletion_and_insertion() -> None:
    """The seed's heading القرار 14 (المراجع في أنطاليا، 2006 دبي، 2018): the deleted venue and the
    inserted one keep their styles; the numbers read left to right; the brackets are mirrored."""
    text, styles = visual(HEADING, 60)
    assert text == " " * 14 + "(2018 ،يبد 2006 ،ايلاطنأ يف عجارملا) 14 رارقلا"
    # padding and "(", the inserted 2018 ،يبد, a space, the deleted (and current) venue, the rest
    assert styles == "." * 15 + "i" * 9 + "." + "c" * 13 + "." * 22
    # the deleted run, as drawn, is the reversal of its logical text with the digits kept in order
    start = text.index("2006")
    assert text[start:start + 13] == "2006 ،ايلاطنأ"


def test_harakat_stay_on_their_letters_and_are_kept() -> None:
    text, _ = visual([Span("المراجَع في دبي")], 20)
    assert text.strip() == "يبد يف عجَارملا"
    assert "\u064e" in text and text.index("\u064e") == text.index("ج") + 1  # fatha follows its letter


def test_mixed_arabic_latin_numbers_in_an_rtl_paragraph() -> None:
    text, _ = visual([Span("النطاق MHz 1 164-960 للخدمة (ARNS)")], 40)
    assert text.strip() == "(ARNS) ةمدخلل MHz 1 164-960 قاطنلا"


def test_english_paragraph_with_an_arabic_quote() -> None:
    text, _ = visual([Span("See "), Span("القرار 14", "ins", 1), Span(" (Rev. Dubai, 2018).")], 60, rtl=False)
    assert text.rstrip() == "See 14 رارقلا (Rev. Dubai, 2018)."


def test_wrapping_happens_in_logical_order_then_each_row_is_reordered() -> None:
    text, _ = visual([Span("أ )\tبقرار الجمعية العامة للأمم المتحدة 68/198")], 24)
    rows = text.split("\n")
    assert [r.strip() for r in rows] == ["ةيعمجلا رارقب  ( أ", "ةدحتملا ممألل ةماعلا", "68/198"]
    assert all(len(r) == 24 for r in rows) and all(r.startswith(" ") for r in rows)  # right-aligned


def test_markers_survive_reordering_without_colour() -> None:
    text, _ = visual(HEADING, 60, markers=True)
    assert "[-2006 ،ايلاطنأ-]" in text and "[+2018 ،يبد+]" in text


def test_bidi_controls_are_dropped_outside_edits_and_named_inside() -> None:
    text, _ = visual([Span("a\u202eb "), Span("c\u2067d", "ins", 2)], 30, rtl=False)
    assert text.rstrip() == "ab c\u27e8RLI\u27e9d"


def test_wide_characters_keep_columns_aligned() -> None:
    rows = render_cells(span_cells([Span("第71号决议（2014年，釜山，修订版） and more words")]), 20, False,
                        Look(DEFAULT_STYLES))
    assert all(r.cell_len == 20 for r in rows)
    assert isinstance(rows[0], Text)


def shaped(spans: list[Span]) -> str:
    look = Look(DEFAULT_STYLES, shape=True)
    return "\n".join(r.plain.strip() for r in render_cells(span_cells(spans), 60, True, look))


def test_letters_take_their_contextual_forms() -> None:
    # باب: initial beh, final alef, and — alef joining nothing after it — an isolated beh
    text = shaped([Span("باب")])
    assert text == "\ufe8f\ufe8e\ufe91"  # visual order: isolated beh, final alef, initial beh
    assert shaped([Span("ببب")]) == "\ufe90\ufe92\ufe91"  # final, medial, initial
    import unicodedata

    assert unicodedata.normalize("NFKC", text)[::-1] == "باب"


def test_lam_alef_fuses_only_within_one_style() -> None:
    assert "\ufefb" in shaped([Span("لا")])  # isolated lam-alef ligature
    split = shaped([Span("ل", "del", 1), Span("ا", "ins", 2)])
    assert "\ufefb" not in split and len(split) == 2  # a deleted lam never fuses with an inserted alef


def test_harakat_survive_shaping() -> None:
    text = shaped([Span("المراجَع")])
    assert "\u064e" in text
    k = text.index("\u064e")
    assert "\ufe9f" <= text[k - 1] <= "\ufea2"  # the fatha follows its jeem, whatever its form


# -- markers without colour -------------------------------------------------------------------

ARABIC = [(CORPUS / "open-xml-powertools" / "RP051-Arabic.docx", "MEX/18A3/1"),
          (SAMPLES / "ar-proposals.docx", "ARB/20A1/1")]
MARKS = ("[+", "+]", "[-", "-]", "[<", "<]", "[>", ">]", "[~", "~]", "{", "}")


def _unmarked(line: str) -> str:
    for m in MARKS:
        line = line.replace(m, "")
    return " ".join(line.split())  # the columns' padding differs by the markers' width


@pytest.mark.parametrize(("path", "pid"), ARABIC, ids=lambda x: getattr(x, "name", x))
@pytest.mark.parametrize("view", ["side", "inline", "base", "proposed"])
def test_markers_do_not_reorder_what_they_mark(path: Path, pid: str, view: str) -> None:
    """Every row drawn with bracket markers reads, markers taken out, exactly as drawn in colour: the
    markers go around visual runs and take no part in the bidi algorithm."""
    pkg = load(path)
    prop = pkg.proposal(pid)
    assert prop is not None and prop.edits
    plain = ProposalView(pkg, prop, view, Look(DEFAULT_STYLES, shape=True)).rows(3000)
    marked = ProposalView(pkg, prop, view, Look(DEFAULT_STYLES, markers=True, shape=True)).rows(3000)
    assert len(plain) == len(marked)
    changed = 0
    for a, b in zip(plain, marked):
        assert _unmarked(b.plain) == _unmarked(a.plain)
        changed += a.plain != b.plain
    assert changed > 0  # the markers are there


def test_the_heading_of_rp051_keeps_wrc_07_in_order_without_colour() -> None:
    """Base of MOD MEX/18A3/1: القـرار 417 (WRC-07), the number and the conference deleted by two edits.
    Drawn right to left, "(WRC-07) 417" reads as in colour; each visual run of deleted text bracketed,
    the two deletions side by side in one pair (as they share a colour), the "-" both keep between them."""
    import unicodedata

    pkg = load(CORPUS / "open-xml-powertools" / "RP051-Arabic.docx")
    prop = pkg.proposal("MEX/18A3/1")
    rows = ProposalView(pkg, prop, "base", Look(DEFAULT_STYLES, markers=True, shape=True), header=False).rows(100)
    line = unicodedata.normalize("NFKC", rows[1].plain).strip().replace("\u00a0", " ")
    assert line == "[-(WRC-]-[-07) 417-] رارـقلا"
    assert _unmarked(line) == "(WRC-07) 417 رارـقلا"


def test_a_marked_right_to_left_row_never_overflows() -> None:
    """A run cut in two by the reordering takes two pairs of markers: the row is wrapped narrower."""
    spans = [Span("القرار 417 "), Span("(WRC-07) و", "del", 3), Span("بوخارست")]
    look = Look(DEFAULT_STYLES, markers=True)
    for width in range(8, 30):
        for row in render_cells(span_cells(spans), width, True, look):
            assert row.cell_len == width
