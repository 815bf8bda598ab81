"""The decision report as a Word document: a summary of decisions (a row per proposal: verdicts,
roll-up, outcome), then per proposal a table of its edits, then the orphans."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..display.bidi import bidi_class
from ..display.sanitize import xml_text
from ..errors import InputError
from ..model import Package
from ..output import atomic_output, change_detail
from .tabular import LABEL_SUBJECT, counts_label, outcome_label, target_label


def is_rtl_text(text: str) -> bool:
    """Right-to-left when most of the strongly directional letters are (a Latin name before Arabic notes)."""
    rtl = sum(1 for ch in text if bidi_class(ch) in ("R", "AL"))
    ltr = sum(1 for ch in text if bidi_class(ch) == "L")
    return rtl > ltr


def _rtl(paragraph: Any) -> None:
    """Mark a python-docx paragraph and its runs right-to-left (python-docx has no API for it)."""
    from docx.oxml import OxmlElement

    ppr = paragraph._p.get_or_add_pPr()
    if ppr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi") is None:
        ppr.insert(0, OxmlElement("w:bidi"))
    for run in paragraph.runs:
        rpr = run._r.get_or_add_rPr()
        rpr.append(OxmlElement("w:rtl"))


def _fill(paragraph: Any, text: str, bold: bool = False) -> Any:
    """Text into a python-docx paragraph, a line break for each newline, right-to-left where it is."""
    text = xml_text(text)
    lines = text.split("\n")
    for k, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold
        if k < len(lines) - 1:
            run.add_break()
    if is_rtl_text(text):
        _rtl(paragraph)
    return paragraph


def _text(doc: Any, text: str, bold: bool = False) -> Any:
    return _fill(doc.add_paragraph(), text, bold)


def _cell(cell: Any, text: str, bold: bool = False) -> None:
    """A table cell, a paragraph per line, each right-to-left or not by its own text (a Latin name
    on one line, an Arabic note on the next)."""
    cell.text = ""
    for k, line in enumerate(text.split("\n")):
        _fill(cell.paragraphs[0] if k == 0 else cell.add_paragraph(), line, bold)


def _table(word: Any, headers: tuple[str, ...]) -> Any:
    """A bordered table with a bold header row."""
    table = word.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, head in zip(table.rows[0].cells, headers):
        _cell(cell, head, bold=True)
    return table


#: A 9-point character is about 5 points wide on average (5.5 leaves room for capitals), a bold one
#: (the header row) 6.5; a cell's margins take about 11 points (LibreOffice: 0.19 cm a side), 14 with room.
CHAR_PT, BOLD_PT, PAD_PT = 5.5, 6.5, 14.0
#: A word longer than this many characters may be broken ("telecommunication/information"): a column
#: is not made wider for it, so that the columns' shortest widths fit a page.
LONGEST_WORD = 16
#: Page margins: 0.75 inch (python-docx's template has 1.25 inch at the sides), for a 7-inch table.
MARGIN_IN = 0.75


def _small(table: Any, usable_pt: float) -> None:
    """9-point text, and columns as wide as their content asks: at least their longest word (no
    "disagreemen t"), the room left shared by how much text each column holds. Equal columns split
    words in a narrow column beside a wide, nearly empty one."""
    from docx.shared import Pt

    texts: list[list[str]] = [[] for _ in table.columns]
    need = [PAD_PT] * len(table.columns)
    for r, row in enumerate(table.rows):
        per_char = BOLD_PT if r == 0 else CHAR_PT
        for k, cell in enumerate(row.cells):
            texts[k].append(cell.text)
            longest = max((min(len(w), LONGEST_WORD) for w in cell.text.split()), default=1)
            need[k] = max(need[k], longest * per_char + PAD_PT)
            for para in cell.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(9)
    want = [max((len(line) for t in col for line in t.split("\n")), default=1) * CHAR_PT + PAD_PT for col in texts]
    if sum(need) >= usable_pt:
        widths = [n * usable_pt / sum(need) for n in need]
    else:
        spare = usable_pt - sum(need)
        extra = [max(0.0, w - n) for w, n in zip(want, need)]
        room = sum(extra) or 1.0
        widths = [n + min(x, spare * x / room) for n, x in zip(need, extra)]
        widths = [w + (usable_pt - sum(widths)) * w / sum(widths) for w in widths]  # fill the page width
    table.autofit = False
    for k, column in enumerate(table.columns):
        column.width = Pt(widths[k])
        for cell in column.cells:
            cell.width = Pt(widths[k])


def write_report(doc: dict[str, Any], pkg: Package, out: str | Path) -> None:
    """Write the export document ``doc`` (see export.tabular.report) as a .docx at ``out``."""
    from docx import Document
    from docx.shared import Inches

    word = Document()
    section = word.sections[0]
    margin = section.left_margin = section.right_margin = Inches(MARGIN_IN)
    # python-docx's own template is US Letter (8.5 in); its page width is None only without a w:pgSz
    page_width = section.page_width or Inches(8.5)
    usable = (page_width - 2 * margin) / 12700  # EMU to points
    word.core_properties.title = f"Decisions on {Path(pkg.path).name}"
    word.add_heading(f"Decisions on {Path(pkg.path).name}", level=1)
    reviewers = doc["reviewers"]
    _text(word, f"Reviewers: {', '.join(reviewers) or 'none yet'}. Package sha256 {pkg.sha256[:16]}…, log {doc['log']}.")
    word.add_heading("Summary of decisions", level=2)
    summary = _table(word, ("Proposal", "Subject", "Reviewers", "Decision", "Outcome", "Edits"))
    for p in doc["proposals"]:
        row = summary.add_row().cells
        subject = "\n".join(x for x in (target_label(p), p["title"]) if x)
        reviewers_text = "\n".join(
            f"{r}: {v['verdict'] or '—'}" + (f" (edits: {v['rollup']})" if v["rollup"] else "")
            + (f" — {v['note']}" if v["note"] else "") for r, v in p["verdicts"].items())
        decision = "\n".join([p["decision"], *(f"⚠ {c}" for c in p["contradictions"])])
        o = p["outcome"]
        outcome = outcome_label(o) + (f"\n{o['note']}" if o and o["note"] else "")
        for cell, value in zip(row, (f"{p['action']} {p['id']}", subject, reviewers_text, decision, outcome,
                                     "\n".join([counts_label(p["counts"]) or "—",
                                                *(f"⚠ {w}" for w in p["warnings"])]))):
            _cell(cell, value)
    _small(summary, usable)
    for p in doc["proposals"]:
        word.add_heading(f"{p['action']} {p['id']}", level=2)
        if p["title"]:
            _text(word, p["title"], bold=True)
        if p["reasons"]:
            _text(word, f"Reasons: {p['reasons']}")
        if p["edits"]:
            _text(word, f"Edits: {counts_label(p['counts'])}")
        for w in p["warnings"]:
            _text(word, f"warning: {w}")
        for f in p.get("findings", []):
            _text(word, f"{f['severity']}: {f['kind']}: {f['message']}")
        if not p["edits"]:
            continue
        table = _table(word, ("Edit", "Deleted", "Inserted", "Decisions", "Notes"))
        for e in p["edits"]:
            cells = table.add_row().cells
            decisions = "\n".join(f"{r}: {d['verdict'] or 'note'}" + (f" ({d['carried']})" if d["carried"] != "same" else "")
                                  for r, d in e["decisions"].items()) or "pending"
            if e["status"] == "to confirm":
                decisions += "\nto confirm"
            notes = "\n".join(f"{r}: {d['note']}" for r, d in e["decisions"].items() if d["note"])
            kind = e["kind"] + (f": {change_detail(e['detail'], e['subject'], LABEL_SUBJECT)}"
                                if e["detail"] or e["subject"] else "")
            for cell, value in zip(cells, (f"{e['id']}\n{kind}", e["deleted"], e["inserted"], decisions, notes)):
                _cell(cell, value)
        _small(table, usable)
    if doc["proposal_orphans"]:
        word.add_heading("Orphaned proposal decisions", level=2)
        _text(word, "Verdicts and outcomes whose proposal is no longer in this package.")
        table = _table(word, ("Logged proposal", "Subject", "Who", "Verdict or outcome"))
        for o in doc["proposal_orphans"]:
            oc = o.get("outcome")
            what = f"outcome: {outcome_label(oc)}" if oc else o["verdict"] + (f" ({o['note']})" if o["note"] else "")
            for cell, value in zip(table.add_row().cells, (f"{o['action']} {o['proposal']}", target_label(o),
                                                           oc["reviewer"] if oc else o["reviewer"], what)):
                _cell(cell, value)
        _small(table, usable)
    if doc["orphans"]:
        word.add_heading("Orphaned decisions", level=2)
        _text(word, "Decisions whose edit is no longer in this package.")
        table = _table(word, ("Logged edit", "Reviewer", "Verdict", "Deleted", "Inserted"))
        for o in doc["orphans"]:
            for cell, value in zip(table.add_row().cells, (o["edit"], o["reviewer"], o["verdict"] + (
                    f" ({o['note']})" if o["note"] else ""), o["deleted"], o["inserted"])):
                _cell(cell, value)
        _small(table, usable)
    try:
        with atomic_output(out) as tmp:
            word.save(str(tmp))
    except OSError as exc:
        raise InputError(out, f"cannot write: {exc.strerror or exc}") from None
