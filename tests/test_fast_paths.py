"""Fast paths taken for speed give what the plain definitions give."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from itu_review.basetexts import load_collection
from itu_review.ingest.lang import _DIGITS, to_ascii_digits
from itu_review.normalize import normalize

DIGITS = "".join(map(chr, _DIGITS)) + "0123456789"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(DIGITS + "a ب/") | st.characters(), max_size=40))
def test_to_ascii_digits_is_the_translation(text: str) -> None:
    assert to_ascii_digits(text) == text.translate(_DIGITS)


def test_each_text_of_a_collection_is_found_by_its_own_title(tmp_path: Path) -> None:
    # the same heading twice, the first with nothing under it: the title is the second one's
    f = tmp_path / "coll.txt"
    f.write_text("RESOLUTION 1 (REV. DUBAI, 2018)\n"
                 "RESOLUTION 1 (REV. DUBAI, 2018)\nFirst title\nbody\n"
                 "RESOLUTION 2 (REV. DUBAI, 2018)\nSecond title\n", encoding="utf-8")
    coll = load_collection([str(f)])
    assert [t.title for t in coll.texts] == ["", "First title", "Second title"]
    for t in coll.texts[1:]:
        best = coll.similar(t.title, limit=1)
        assert best[0][0] is t
        assert best[0][1] == 100.0
    assert coll._norm_titles == [normalize(t.title) for t in coll.texts]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab é ñ Motifs the los \u00ff\u0100ж\u0628中") | st.characters(max_codepoint=0x2FF),
               max_size=80))
def test_letters_are_counted_by_script_as_documented(text: str) -> None:
    import re

    from itu_review.ingest.lang import _SCRIPT_LETTERS, script_counts

    assert script_counts(text) == {name: len(re.findall(f"[{letters}]", text))
                                   for name, letters in _SCRIPT_LETTERS.items()}
