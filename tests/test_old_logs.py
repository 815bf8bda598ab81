"""Decision logs written by itu-review 0.1 still find their edits in a reissued package.

The logs in tests/data/logs-0.1/ were written by the 0.1 reader (commit a9ed41e) with its own
`itu-review decide` — every edit accepted, rejected or flagged in turn — on RP051-Arabic.docx (a real
ITU document whose compare tool left white space between grouped revisions, which 0.1 dropped from
the edit texts) and on samples/en-proposals.docx. Their fingerprints hash 0.1's texts and contexts;
today's edits keep the white space and stop their context at the nearest other revision, so they are
found again by the 0.1 fingerprint each edit also carries (``Edit.glued``, ``Edit.glued_context``).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from itu_review import decisions as dlog
from itu_review.package import load

from .conftest import CORPUS, SAMPLES

LOGS = Path(__file__).parent / "data" / "logs-0.1"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CASES = [(CORPUS / "open-xml-powertools" / "RP051-Arabic.docx", "MEX/18A3/1"),
         (SAMPLES / "en-proposals.docx", "AFCP/12A1/1")]


def _reissue(src: Path, dst: Path, proposal: str) -> Path:
    """The package reissued: the same text, with one tracked insertion more at the start of ``proposal``'s
    body (so that its edits' ids all shift by one), stored uncompressed (other bytes, another hash)."""
    pkg = load(src, keep_elements=True)
    prop = pkg.proposal(proposal)
    assert prop is not None and prop.edits
    raw = pkg.raw
    first = raw.elements[prop.paras[0]]  # type: ignore[attr-defined]
    first.addprevious(etree.fromstring(
        f'<w:p xmlns:w="{W_NS}"><w:ins w:id="990001" w:author="Reissue" w:date="2026-12-01T00:00:00Z">'
        '<w:r><w:t>A paragraph the reissue adds.</w:t></w:r></w:ins></w:p>'))
    main = raw.parts.main  # type: ignore[attr-defined]
    xml = etree.tostring(raw.trees[main], xml_declaration=True, encoding="UTF-8", standalone=True)  # type: ignore[attr-defined]
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, xml if item.filename == main else zin.read(item.filename))
    return dst


def _shifted(old_id: str, proposal: str) -> str:
    pid, n = old_id.split("#")
    return f"{pid}#{int(n) + 1}" if pid == proposal else old_id


@pytest.mark.parametrize(("package", "proposal"), CASES, ids=lambda v: v.name if isinstance(v, Path) else v)
def test_a_log_written_by_0_1_attaches_to_a_reissued_package(tmp_path: Path, package: Path, proposal: str) -> None:
    log = LOGS / f"{package.stem}.jsonl"
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    original = load(package)
    assert {ev["package"] for ev in events} == {original.sha256}  # written on this very package
    assert len(events) == len(original.edits)  # one decision for every edit

    reissued = load(_reissue(package, tmp_path / package.name, proposal))
    assert reissued.sha256 != original.sha256 and len(reissued.edits) == len(original.edits) + 1
    assert dlog.resolve_state(reissued, events).orphans == []
    for ev in events:  # one at a time: two events carried onto one edit would hide each other in a state
        state = dlog.resolve_state(reissued, [ev])
        assert state.orphans == [], ev["edit"]
        ((index, ds),) = state.by_edit.items()
        (d,) = ds.values()
        assert (d.how, d.verdict) == (dlog.MOVED if proposal in ev["edit"] else dlog.SAME, ev["verdict"]), ev["edit"]
        got, want = reissued.edits[index], reissued.edit(_shifted(ev["edit"], proposal))
        assert want is not None
        # the edit it was logged on, or (fingerprints being texts and a little context) an identical twin:
        # RP051 has two identical tables, whose inserted rows are the same edits
        assert got is want or (ev["fp"] in got.fingerprints and ev["fp"] in want.fingerprints
                               and (got.kind, got.deleted, got.inserted) == (want.kind, want.deleted, want.inserted)), \
            (ev["edit"], got.id)


def test_the_0_1_fingerprints_are_needed_where_texts_or_contexts_changed() -> None:
    """Without the 0.1 fingerprint, RP051's log would lose four decisions: three edits keep white space
    0.1 dropped (#18, #21, #25) and one's context now stops at the revision before it (#2: '-' where 0.1
    read 'القـرار -', skipping the deleted and inserted '417 (WRC' of #1)."""
    pkg = load(CORPUS / "open-xml-powertools" / "RP051-Arabic.docx")
    logged = {json.loads(line)["fp"] for line in (LOGS / "RP051-Arabic.jsonl").read_text().splitlines()}
    changed = [e for e in pkg.edits if e.fingerprint not in logged]
    assert [e.id for e in changed] == ["MEX/18A3/1#2", "MEX/18A3/1#18", "MEX/18A3/1#21", "MEX/18A3/1#25"]
    assert all(len(e.fingerprints) == 2 and e.fingerprints[1] in logged for e in changed)
    e2 = pkg.edit("MEX/18A3/1#2")
    assert e2 is not None and e2.before == "-" and e2.glued_context is not None and e2.glued_context[0].endswith("القـرار -")
