"""The edit-text property: an edit's texts are the document's texts, where its views say they are.

For every edit, ``before + deleted + after`` occurs in the base view and ``before + inserted + after``
in the proposed view, where

- a view is the text of its resolved lines (``views.resolve`` with reject-all or accept-all, read with
  ``plain_text``), each line followed by ``¶`` — its paragraph mark, the character an edit's text uses
  for a deleted or inserted paragraph mark — so that an edit running over a paragraph mark (``x¶y``,
  several paragraphs) is one string in the view that keeps that mark and joined text in the view
  that drops it;
- both sides are whitespace-normalised the same way: every run of white space (spaces, tabs, line
  breaks, no-break spaces) is one space; ``¶`` is not white space;
- an edit in a footnote, endnote or text box (``Edit.note``) is looked for in that note's views;
- a tracked row or cell joins its cells with `` | `` and its paragraphs with line breaks: each of those
  pieces must be in the view; a move's deleted text must be in the base view and its inserted text in
  the proposed view (its two halves stand apart, so its context is each half's own);
- a formatting edit changes no text: ``before + subject + after`` is in both views (a paragraph-format
  edit's subject, the paragraph's proposed text, in the proposed view).
"""

from __future__ import annotations

import re

from itu_review.edits import ROW_KINDS
from itu_review.model import Edit, Package, Paragraph
from itu_review.views import accept_all, plain_text, reject_all, resolve

PILCROW = "\u00b6"
_WS = re.compile(r"\s+")


def norm(text: str) -> str:
    return _WS.sub(" ", text)


def view(paragraphs: list[Paragraph], choose: object) -> str:
    return norm("".join(plain_text(line) + PILCROW for line in resolve(paragraphs, choose)))  # type: ignore[arg-type]


def violations(pkg: Package) -> list[str]:
    """Every edit of ``pkg`` whose texts are not where its views say: [] when the property holds."""
    views = {"": (view(pkg.paragraphs, reject_all), view(pkg.paragraphs, accept_all))}
    for (kind, nid), note in pkg.notes.items():
        views[f"{kind}:{nid}"] = (view(note.paragraphs, reject_all), view(note.paragraphs, accept_all))
    return [f"{e.id} ({e.kind}): {why}" for e in pkg.edits if (why := _why(e, *views[e.note]))]


def _why(e: Edit, base: str, proposed: str) -> str:
    if e.kind in ROW_KINDS.values():
        for side, text, where in (("deleted", e.deleted, base), ("inserted", e.inserted, proposed)):
            for piece in re.split(r" \| |\n", text):
                if norm(piece).strip() and norm(piece).strip() not in where:
                    return f"{side} piece {piece!r} not in its view"
        return ""
    if e.kind == "move":
        if norm(e.deleted) not in base:
            return f"moved-from text {e.deleted!r} not in the base view"
        if norm(e.inserted) not in proposed:
            return f"moved-to text {e.inserted!r} not in the proposed view"
        return ""
    if e.kind in ("format", "paragraph-format"):
        whole = norm(e.before + e.subject + e.after)
        if whole not in proposed or (e.kind == "format" and whole not in base):
            return f"{whole!r} not in its views"
        return ""
    for side, text, where in (("base", e.deleted, base), ("proposed", e.inserted, proposed)):
        whole = norm(e.before + text + e.after)
        if whole not in where:
            return f"{whole!r} not in the {side} view"
    return ""
