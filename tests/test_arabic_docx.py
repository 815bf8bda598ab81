"""The real Arabic ITU proposal (WRC-12 Document 18(Add.3)) reads completely and intact."""

from __future__ import annotations

import json
import zipfile

from lxml import etree

from itu_review.cli import main
from itu_review.package import load

from .conftest import CORPUS

RP051 = CORPUS / "open-xml-powertools" / "RP051-Arabic.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_every_revision_is_read() -> None:
    """All text of the document, and exactly the inserted and deleted text, lands in the model."""
    with zipfile.ZipFile(RP051) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    body = root.find(W + "body")

    def text(el: etree._Element, tag: str) -> str:
        # w:sym characters (symbol font, private use area) stand for the character 0xF000 below
        return "".join(t.text or "" if t.tag != W + "sym" else chr(int(t.get(W + "char"), 16) - 0xF000)
                       for t in el.iter(W + tag, W + "sym"))

    all_text = "".join(t.text or "" if t.tag != W + "sym" else chr(int(t.get(W + "char"), 16) - 0xF000)
                       for t in body.iter(W + "t", W + "delText", W + "sym"))
    inserted = "".join(text(el, "t") for el in body.iter(W + "ins"))
    deleted = "".join(text(el, "delText") for el in body.iter(W + "del"))
    pkg = load(RP051)
    plain = str.maketrans("", "", "\u2011\t\n")
    assert "".join(p.any_text for p in pkg.paragraphs).translate(plain) == all_text
    segs = [s for p in pkg.paragraphs for s in p.segments]
    assert "".join(s.text for s in segs if s.rev and s.rev.kind == "ins").translate(plain) == inserted
    assert "".join(s.text for s in segs if s.rev and s.rev.kind == "del").translate(plain) == deleted
    assert all(s.edit >= 0 for s in segs if s.rev is not None)
    assert len(inserted) > 1000 and len(deleted) > 500


def test_proposals_and_edits(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["list", str(RP051), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    props = {p["id"]: p for p in doc["proposals"]}
    assert props["MEX/18A3/1"]["action"] == "MOD"
    assert props["MEX/18A3/1"]["target"] == {"kind": "resolution", "number": "417"}
    assert props["MEX/18A3/1"]["edits"] > 10
    assert props["MEX/18A3/2"]["action"] == "NOC"


def test_edits_keep_arabic_in_logical_order(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["edits", str(RP051), "--format", "json"]) == 0
    edits = json.loads(capsys.readouterr().out)["edits"]
    texts = " ".join(e["inserted"] + e["deleted"] for e in edits)
    assert "يقرر" in texts or "الاتصالات" in texts  # words read in logical order, not reversed
    assert "تالاصتالا" not in texts
    # not reshaped: no presentation form that the document itself does not hold (it has one, U+FEEB)
    with zipfile.ZipFile(RP051) as z:
        source = z.read("word/document.xml").decode("utf-8")
    assert {ch for ch in texts if 0xFB50 <= ord(ch) <= 0xFEFF} <= set(source)
    assert all(e["id"].startswith(("MEX/18A3/1#", "MEX/18A3/2#", "DOC#")) for e in edits)
