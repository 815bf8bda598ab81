"""Mend the fields a decision cut: every field in the output is whole, or gone.

A complex field is a begin ``w:fldChar``, instruction runs, an optional separate, result runs and an
end, often spread over several revisions (``RP043``: begin and instruction deleted by one revision,
separate, result and end by another, part of the instruction unchanged). Accepting or rejecting them
separately can leave a begin with no end — Word, LibreOffice and this project's reader then hide
everything after it as field code — or an end, a separate or an instruction with no begin. Once the
decisions are applied the part's fields are parsed in document order with a stack; a begin never ended
is removed with its instruction and separate (its result stays, as text), and a separate, end or
instruction outside any field is removed. A run left empty by that goes too.
"""

from __future__ import annotations

from lxml import etree

from ..ingest.docx import W
from .revisions import DEL_INSTR, FLD_CHAR, INSTR, R, WRAPPER_TAGS, drop

_TYPE = W + "fldCharType"


def mend_fields(root: etree._Element) -> int:
    """Remove the pieces of broken fields; return how many were removed."""
    stack: list[tuple[etree._Element, list[etree._Element], list[etree._Element]]] = []
    stray: list[etree._Element] = []
    for el in root.iter(FLD_CHAR, INSTR, DEL_INSTR):
        if el.tag != FLD_CHAR:
            if stack and not stack[-1][2]:
                stack[-1][1].append(el)
            else:
                stray.append(el)
            continue
        kind = el.get(_TYPE)
        if kind == "begin":
            stack.append((el, [], []))
        elif kind == "separate":
            if stack and not stack[-1][2]:
                stack[-1][2].append(el)
            else:
                stray.append(el)
        elif kind == "end":
            if stack:
                stack.pop()
            else:
                stray.append(el)
    for begin, instruction, separate in stack:
        stray.extend((begin, *instruction, *separate))
    for el in stray:
        run = el.getparent()
        drop(el)
        if run is not None and run.tag == R and not any(c.tag != W + "rPr" for c in run):
            holder = run.getparent()
            drop(run)
            if holder is not None and holder.tag in WRAPPER_TAGS and len(holder) == 0:
                drop(holder)
    return len(stray)
