"""The three views of a text: base (reject all), proposed (accept all), decided (per verdict).

``resolve`` turns paragraphs into display lines given a choice per edit: ``accept`` applies it,
``reject`` reverts it, ``mark`` keeps it visible as a tracked change. Paragraph marks merge or split
lines accordingly, and tracked rows vanish or stay.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .model import BASE_ONLY, GONE, INS, MOVE_TO, PROPOSED_ONLY, Paragraph

ACCEPT, REJECT, MARK = "accept", "reject", "mark"
Chooser = Callable[[int], str]


def accept_all(_: int) -> str:
    return ACCEPT


def reject_all(_: int) -> str:
    return REJECT


def mark_all(_: int) -> str:
    return MARK


@dataclass(slots=True)
class Span:
    """Displayable text. ``kind`` is "" (plain), a revision kind when marked, "fmt" or "mark_ins"/"mark_del"."""

    text: str
    kind: str = ""
    edit: int = -1
    note: tuple[str, str] | None = None


@dataclass(slots=True)
class Line:
    """One resolved paragraph (several source paragraphs when marks merged them)."""

    spans: list[Span] = field(default_factory=list)
    paras: list[int] = field(default_factory=list)
    rtl: bool | None = None
    container: str = "body"
    cell: tuple[int, int, int] | None = None
    style: str = ""

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)

    def edits(self) -> set[int]:
        return {s.edit for s in self.spans if s.edit >= 0}


def _keep(kind: str, choice: str) -> bool:
    if choice == ACCEPT:
        return kind not in BASE_ONLY
    if choice == REJECT:
        return kind not in PROPOSED_ONLY
    return True


def resolve(paragraphs: Sequence[Paragraph], choose: Chooser, indices: Sequence[int] | None = None) -> list[Line]:
    """Resolve ``paragraphs`` (or the subset ``indices``, in order) into lines."""
    order = list(range(len(paragraphs))) if indices is None else list(indices)
    lines: list[Line] = []
    cur: Line | None = None
    for n, pi in enumerate(order):
        p = paragraphs[pi]
        row_mark = ""
        if p.row is not None and p.row.kind == GONE:
            continue
        if p.row is not None:
            choice = choose(p.row_edit) if p.row_edit >= 0 else MARK
            if not _keep(p.row.kind, choice):
                if cur is not None:
                    lines.append(cur)
                    cur = None
                continue
            if choice == MARK:
                row_mark = p.row.kind
        if cur is None:
            cur = Line(rtl=p.rtl, container=p.container, cell=p.cell, style=p.style)
        cur.paras.append(pi)
        for s in p.segments:
            if row_mark:
                cur.spans.append(Span(s.text, row_mark, s.edit, s.note))
                continue
            if s.rev is None:
                cur.spans.append(Span(s.text, "fmt" if s.fmt is not None and s.edit >= 0 and
                                      choose(s.edit) == MARK else "", s.edit, s.note))
                continue
            choice = choose(s.edit) if s.edit >= 0 else MARK
            if choice == MARK:
                cur.spans.append(Span(s.text, s.rev.kind, s.edit, s.note))
            elif _keep(s.rev.kind, choice):
                cur.spans.append(Span(s.text, "", s.edit, s.note))
        split = True
        if p.mark is not None and not row_mark:
            choice = choose(p.mark_edit) if p.mark_edit >= 0 else MARK
            if p.mark.kind == GONE:
                split = False
            elif choice == MARK:
                ins = p.mark.kind in (INS, MOVE_TO)
                cur.spans.append(Span("\u00b6", "mark_ins" if ins else "mark_del", p.mark_edit))
            else:
                split = _keep(p.mark.kind, choice)
            if not split:
                nxt = order[n + 1] if n + 1 < len(order) else None
                if nxt is None or paragraphs[nxt].container != p.container:
                    # The last mark of a cell, note or body cannot go, nor a mark before a table: an
                    # empty paragraph goes whole (as Word deletes an empty paragraph before a table);
                    # otherwise Word joins the paragraph to the one before it.
                    split = True
                    if not any(s.text or s.note for s in cur.spans):
                        cur = None
                        continue
                    prev = lines[-1] if lines else None
                    if prev is not None and prev.container == cur.container and len(cur.paras) == 1:
                        prev.spans.extend(cur.spans)
                        prev.paras.extend(cur.paras)
                        cur = None
                        continue
        if split:
            lines.append(cur)
            cur = None
    if cur is not None:
        lines.append(cur)
    return lines


CRITIC = {INS: ("{++", "++}"), MOVE_TO: ("{++", "++}"), "del": ("{--", "--}"), "move_from": ("{--", "--}"),
          "row_ins": ("{++", "++}"), "cell_ins": ("{++", "++}"), "row_del": ("{--", "--}"),
          "cell_del": ("{--", "--}"), "mark_ins": ("{++", "++}"), "mark_del": ("{--", "--}")}


def plain_text(line: Line, notes: bool = False, critic: bool = False) -> str:
    """A line as text; marked revisions as CriticMarkup when ``critic``."""
    out: list[str] = []
    for s in line.spans:
        if s.note is not None and notes:
            out.append(note_marker(s.note))
        if critic and s.kind in CRITIC:
            a, b = CRITIC[s.kind]
            out.append(a + s.text + b)
        else:
            out.append(s.text)
    return "".join(out)


def note_marker(key: tuple[str, str]) -> str:
    """How ``text --notes`` marks a note or text box: ``[^2]`` (footnote), ``[^e2]`` (endnote), ``[^textbox1]``."""
    kind, nid = key
    return f"[^{nid}]" if kind in ("footnote", "textbox") else f"[^e{nid}]"
