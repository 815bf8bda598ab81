"""Property tests: random revision structures read back exactly, and every revision is in one edit."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from itu_review.package import load
from itu_review.views import accept_all, plain_text, reject_all, resolve

from .docxfix import dele, ins, make_docx, p, r

TEXT = st.text(alphabet="ab cd\u0627\u0644", min_size=1, max_size=6)
ITEM = st.tuples(st.sampled_from(["same", "ins", "del"]), TEXT)
PARA = st.tuples(st.lists(ITEM, max_size=5), st.sampled_from(["", "", "ins", "del"]))


@settings(max_examples=120, deadline=None)
@given(st.lists(PARA, min_size=1, max_size=6))
def test_views_equal_what_was_built_and_edits_cover_every_revision(paras: list) -> None:  # type: ignore[type-arg]
    paras[-1] = (paras[-1][0], "")  # the body's last paragraph mark cannot be revised
    xml = []
    base_lines, prop_lines = [""], [""]
    for n, (items, mark) in enumerate(paras):
        runs = []
        for k, (kind, text) in enumerate(items):
            rid = f"{n}{k}"
            runs.append(r(text) if kind == "same" else ins(text, rid=rid) if kind == "ins" else dele(text, rid=rid))
            if kind != "ins":
                base_lines[-1] += text
            if kind != "del":
                prop_lines[-1] += text
        xml.append(p(*runs, mark=mark))
        if n < len(paras) - 1:
            if mark != "ins":
                base_lines.append("")
            if mark != "del":
                prop_lines.append("")
    with tempfile.TemporaryDirectory() as tmp:
        pkg = load(make_docx(Path(tmp) / "p.docx", "".join(xml)))
    assert [plain_text(x) for x in resolve(pkg.paragraphs, reject_all)] == base_lines
    assert [plain_text(x) for x in resolve(pkg.paragraphs, accept_all)] == prop_lines
    used: list[int] = []
    for para in pkg.paragraphs:
        for seg in para.segments:
            assert (seg.rev is None) == (seg.edit < 0)
            if seg.edit >= 0:
                used.append(seg.edit)
        assert (para.mark is None) == (para.mark_edit < 0)
        if para.mark_edit >= 0:
            used.append(para.mark_edit)
    assert set(used) == set(range(len(pkg.edits)))
    assert [e.index for e in pkg.edits] == list(range(len(pkg.edits)))
    assert len({e.id for e in pkg.edits}) == len(pkg.edits)


# -- the edit-text property (see tests/viewcheck.py for its precise statement) --------------------------

SPACE = st.sampled_from([" ", "  ", "\u00a0", " \u00a0 "])
WORDS = st.text(alphabet="ab c\u0627\u0644", min_size=1, max_size=6)
PIECE = st.one_of(st.tuples(st.sampled_from(["same", "ins", "del"]), WORDS), st.tuples(st.just("space"), SPACE))
SPACED_PARA = st.tuples(st.lists(PIECE, max_size=8), st.sampled_from(["", "", "ins", "del"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(SPACED_PARA, min_size=1, max_size=5))
def test_edit_texts_are_where_the_views_say(paras: list) -> None:  # type: ignore[type-arg]
    """Revisions parted by unchanged white space (Word's word-by-word compare) are one edit whose texts
    keep that white space: before + deleted + after is in the base view, before + inserted + after in the
    proposed view. A view here is its lines, each followed by ¶ (its paragraph mark), so an edit over a
    paragraph mark — ``x¶`` deleted, or several paragraphs inserted, ``a¶b¶`` — is one string in the view
    that keeps those marks and joined text in the other; both sides are compared with every run of white
    space made one space (``tests/viewcheck.py`` states the whole property). 0.1's texts, without the
    white space, stay in ``glued``."""
    from .viewcheck import violations

    paras[-1] = (paras[-1][0], "")
    xml = []
    for n, (items, mark) in enumerate(paras):
        runs = [r(text) if kind in ("same", "space") else ins(text, rid=f"{n}{k}") if kind == "ins"
                else dele(text, rid=f"{n}{k}") for k, (kind, text) in enumerate(items)]
        xml.append(p(*runs, mark=mark))
    with tempfile.TemporaryDirectory() as tmp:
        pkg = load(make_docx(Path(tmp) / "p.docx", "".join(xml)))
    assert violations(pkg) == []
    for e in pkg.edits:
        if e.glued is not None:  # 0.1's texts: the same revisions without the white space between them
            assert e.glued != (e.deleted, e.inserted)
            assert len(e.glued[0]) <= len(e.deleted) and len(e.glued[1]) <= len(e.inserted)


def _generated_packages(tmp: Path) -> list[Path]:
    """The benchmark generator's packages (samples/synthetic.py), small sizes, English and Arabic."""
    import sys

    from .conftest import ROOT

    sys.path.insert(0, str(ROOT / "samples"))
    import synthetic

    return [synthetic.write_package(tmp / f"synthetic-{lang}.docx", 12, 10, 4, lang) for lang in ("en", "ar")]


def test_edit_texts_are_where_the_views_say_in_every_real_package(tmp_path: Path) -> None:
    """The same property on every corpus .docx, every sample (.docx and CriticMarkup), the seed and the
    benchmark generator's packages — also for notes and text boxes (in their own views), tracked rows
    (cell by cell), moves (each half in its view) and formatting edits (their subject in both views):
    see ``tests/viewcheck.py``."""
    from .conftest import CORPUS, SAMPLES, SEED
    from .viewcheck import violations

    files = (sorted(CORPUS.glob("*/*.docx")) + sorted(SAMPLES.glob("*.docx")) + sorted(SAMPLES.glob("*.critic.md"))
             + [SEED] + _generated_packages(tmp_path))
    checked = 0
    for path in files:
        pkg = load(path)
        assert violations(pkg) == [], path.name
        checked += len(pkg.edits)
    assert checked > 1000


def test_white_space_between_grouped_revisions_is_on_both_sides() -> None:
    """RP051-Arabic (a real ITU document compared word by word): MEX/18A3/1#21 read
    'أنتُحلّجميعمسائلالتوافق' where the document has 'أن تُحلّ جميع مسائل التوافق'."""
    from .conftest import CORPUS

    pkg = load(CORPUS / "open-xml-powertools" / "RP051-Arabic.docx")
    e = pkg.edit("MEX/18A3/1#21")
    assert e is not None
    assert (e.kind, e.deleted, e.inserted) == ("replace", "أن تُحلّ جميع مسائل التوافق",
                                              "القيم المقدمة في الجدول التالي:\u00b6\u00b6")
    assert e.glued == ("أنتُحلّجميعمسائلالتوافق", "القيمالمقدمةفيالجدولالتالي:\u00b6\u00b6")
    # '#9' deletes 'الدوليوغيرها': so the document's own w:delText reads (a compare tool's run), not glued here
    e9 = pkg.edit("MEX/18A3/1#9")
    assert e9 is not None and e9.deleted == "الدوليوغيرها" and e9.glued is None
