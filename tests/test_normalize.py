"""Normalisation feeds the fingerprints stored in every decision log: its result must never drift."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from itu_review.normalize import _DROP, _QUOTES, normalize

_SPACE = re.compile(r"\s+")


def reference(text: str) -> str:
    """The definition the first logs were written with (regular expression for white space)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_DROP)
    text = text.translate(_QUOTES)
    return _SPACE.sub(" ", text).strip().casefold()


WEIRD = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2000\u2028\u2029\u202f\u3000\u200b\u200e\u0640\u064e" \
        "\u2018\u2019\u201c\u201d\u00ab\u00bb\u2011\u2013\ufb50\ufef7ßİΣς"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ 9.-" + WEIRD) | st.characters(), max_size=60))
def test_normalize_is_the_documented_folding(text: str) -> None:
    assert normalize(text) == reference(text)


def test_examples_a_reviewer_would_expect_to_match() -> None:
    assert normalize("  Resolution\u00a014 (Rev.\tDubai,  2018) ") == "resolution 14 (rev. dubai, 2018)"
    assert normalize("\u201cWorld\u201d \u2013 ITU") == '"world" - itu'
    assert normalize("الاتحــاد الدولي") == normalize("الاتحاد الدولي")  # tatweel
    assert normalize("قَرَار") == normalize("قرار")  # harakat
