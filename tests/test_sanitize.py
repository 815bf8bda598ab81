"""What reaches the terminal: control characters shown, bidi controls dropped or named."""

from __future__ import annotations

import sys

from itu_review.display.sanitize import clean, clean_char, xml_text


def test_clean_shows_controls_and_drops_bidi_controls() -> None:
    assert clean("a\tb\x1bc\u202ed") == "a  b\u241bcd"
    assert clean("a\u202ed", reveal=True) == "a\u27e8RLO\u27e9d"
    assert clean("line\nnext\u2028end") == "line\u240anext end"
    assert clean("line\nnext", keep_newlines=True) == "line\nnext"
    assert clean("قرار \u200c 14") == "قرار \u200c 14"  # ZWNJ shapes Arabic and Persian: kept unless revealed


def test_the_quick_path_misses_no_character_that_needs_cleaning() -> None:
    """``clean`` returns text untouched when its regular expression finds nothing: every code point
    that ``clean_char`` would change must be one it finds."""
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        expected = clean_char(ch)
        assert clean(f"a{ch}b") == f"a{expected}b", hex(code)


def test_xml_text_keeps_what_xml_can_hold() -> None:
    assert xml_text("tab\tand\nnewline") == "tab\tand\nnewline"
    assert xml_text("bell\x07 and form feed\x0c") == "bell\u2407 and form feed\u240c"
    assert xml_text("\ufffe\uffff") == "\ufffd\ufffd"
