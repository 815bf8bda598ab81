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
