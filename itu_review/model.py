"""The document model: paragraphs of segments carrying revisions, edits, proposals, packages.

Pure Python and free of any UI import. Readers (``ingest/``) build it; ``edits`` groups the
revisions into reviewable edits; ``views`` derives the base, proposed and decided texts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

# Revision kinds carried by text segments and paragraph marks.
INS = "ins"
DEL = "del"
MOVE_FROM = "move_from"
MOVE_TO = "move_to"
# Revision kinds of structure and formatting.
ROW_INS = "row_ins"
ROW_DEL = "row_del"
CELL_INS = "cell_ins"
CELL_DEL = "cell_del"
FORMAT = "format"
PARA_FORMAT = "para_format"
#: Inserted and then deleted (by a later revision): present in neither view, and no edit.
GONE = "gone"

#: Kinds whose content exists only in the proposed text.
PROPOSED_ONLY = frozenset({INS, MOVE_TO, ROW_INS, CELL_INS})
#: Kinds whose content exists only in the base text.
BASE_ONLY = frozenset({DEL, MOVE_FROM, ROW_DEL, CELL_DEL})


class Revision(NamedTuple):
    """One revision mark as the document records it.

    A named tuple rather than a dataclass: a large package carries hundreds of thousands of them and
    the reader compares them at every run, which tuples do in C.
    """

    kind: str
    author: str = ""
    date: str = ""
    rid: str = ""
    #: For moves: the name that pairs a moveFrom range with its moveTo range.
    move: str = ""
    #: For formatting changes: what changed, in words ("bold removed; style Heading 1 → Normal").
    detail: str = ""


@dataclass(slots=True)
class Segment:
    """A run of text with at most one content revision (``rev``) and one formatting change."""

    text: str
    rev: Revision | None = None
    fmt: Revision | None = None
    #: Footnote/endnote reference carried by this (empty-text) segment: ("footnote", "2").
    note: tuple[str, str] | None = None
    hidden: bool = False
    #: Index of the edit this segment belongs to, -1 for none (set by ``edits.group``).
    edit: int = -1


@dataclass(slots=True)
class Paragraph:
    """A paragraph of the body, a table cell or a note, in document order."""

    segments: list[Segment] = field(default_factory=list)
    #: Revision of the paragraph mark (INS: the paragraph was split here; DEL: merged with the next).
    mark: Revision | None = None
    mark_edit: int = -1
    #: Paragraph-properties change (pPrChange); its ``detail`` says what changed.
    ppr: Revision | None = None
    ppr_edit: int = -1
    #: Tracked table row or cell this paragraph sits in (ROW_INS, ROW_DEL, CELL_INS, CELL_DEL).
    row: Revision | None = None
    row_key: str = ""
    row_edit: int = -1
    style: str = ""
    #: Paragraph direction from the document: True (w:bidi), False, or None when unstated.
    rtl: bool | None = None
    #: Where the paragraph lives: "body", "t1r2c3" (table 1, row 2, cell 3), "footnote:2" …
    container: str = "body"
    #: Position in a table: (table, row, cell), 1-based; None outside tables.
    cell: tuple[int, int, int] | None = None
    #: Tracked numbering of the paragraph, part of its paragraph-format edit (``ppr_edit``): kind INS for a
    #: ``w:ins`` inside ``w:numPr`` (numbering added: rejecting removes the ``w:numPr``, accepting only the
    #: ``w:ins``); PARA_FORMAT for a ``w:numberingChange`` inside ``w:numPr`` (older Word's record of a
    #: changed number, which keeps only the old number's text, ``w:original``: deciding it either way
    #: removes the record). ``rid`` is the marker's ``w:id``. A ``w:pPrChange`` that changes numbering is
    #: ``ppr`` like any other paragraph-properties change (rejecting restores its old ``w:pPr``).
    numbering: Revision | None = None

    @property
    def any_text(self) -> str:
        """Every segment's text, deleted and inserted alike (for splitting and searching)."""
        return "".join([s.text for s in self.segments])  # (a list joins faster than a generator)

    def text_of(self, view: str) -> str:
        """The paragraph's own text in the ``base`` or ``proposed`` view (marks not applied)."""
        drop = PROPOSED_ONLY if view == "base" else BASE_ONLY
        return "".join([s.text for s in self.segments if s.rev is None or s.rev.kind not in drop])


@dataclass(slots=True)
class Note:
    """A footnote, an endnote or a text box: its own paragraphs, with their own revisions.

    A paragraph refers to it with a segment whose ``note`` is its key (``("textbox", "textbox1")``);
    its edits follow that paragraph's edits and belong to that paragraph's proposal.
    """

    kind: str  # "footnote" | "endnote" | "textbox"
    nid: str
    paragraphs: list[Paragraph]


@dataclass(slots=True)
class Edit:
    """One reviewable change: what a reviewer accepts, rejects or flags."""

    index: int
    kind: str
    deleted: str
    inserted: str
    before: str
    after: str
    authors: tuple[str, ...]
    date: str
    rids: tuple[str, ...]
    #: Index of the first paragraph touched, in ``Package.paragraphs`` (or a note's, see ``note``).
    para: int
    note: str = ""
    #: The unchanged text a formatting edit applies to.
    subject: str = ""
    #: The fingerprint, once computed (see ``fingerprint``).
    fp: str = ""
    #: Final id ``B/67/1#3``; assigned once the edit's proposal is known.
    id: str = ""
    proposal: str = ""
    warnings: tuple[str, ...] = ()
    #: The author's own comment on the edit (CriticMarkup ``{>>…<<}``).
    comment: str = ""
    #: What a formatting edit changes, in words: "bold removed", "style Heading 1 → Normal".
    detail: str = ""
    #: (deleted, inserted) as itu-review 0.1 computed them — without the unchanged white space between
    #: grouped revisions — only where that differs from ``deleted``/``inserted``: logs written then carry
    #: fingerprints of these texts, and must still find their edits in a reissued package.
    glued: tuple[str, str] | None = None
    #: (before, after) as itu-review 0.1 computed them — unchanged text up to 40 characters, skipping the
    #: text of other revisions, which is in neither view — only where that differs from ``before``/``after``
    #: (which stop at the nearest revision); used for the 0.1 fingerprint like ``glued``.
    glued_context: tuple[str, str] | None = None

    @property
    def author(self) -> str:
        return ", ".join(self.authors)

    @property
    def fingerprint(self) -> str:
        """Computed when first asked for: most loads never need it (it costs a sixth of a load)."""
        if not self.fp:
            from .fingerprint import fingerprint

            self.fp = fingerprint(self.kind, self.deleted, self.inserted, self.before, self.after, self.subject)
        return self.fp

    @property
    def fingerprints(self) -> tuple[str, ...]:
        """Every fingerprint a log may know this edit by: the current one, then the 0.1 one if it differs."""
        if self.glued is None and self.glued_context is None:
            return (self.fingerprint,)
        from .fingerprint import fingerprint

        deleted, inserted = self.glued if self.glued is not None else (self.deleted, self.inserted)
        before, after = self.glued_context if self.glued_context is not None else (self.before, self.after)
        old = fingerprint(self.kind, deleted, inserted, before, after, self.subject)
        return (self.fingerprint, old) if old != self.fingerprint else (self.fingerprint,)


@dataclass(slots=True)
class Target:
    """What a proposal acts on: ``Target("resolution", "14")``, ``Target("draft", "B-1")``."""

    kind: str = ""
    number: str = ""

    def label(self) -> str:
        if not self.kind:
            return ""
        if self.kind == "draft":
            return f"draft new text [{self.number}]" if self.number else "draft new text"
        return f"{self.kind.replace('_', ' ').capitalize()} {self.number}".strip()


@dataclass(slots=True)
class Proposal:
    """One numbered proposal (or the front matter, id ``DOC``)."""

    id: str
    action: str
    target: Target
    title: str
    #: Indices into ``Package.paragraphs`` of the proposal's body (header and reasons excluded).
    paras: list[int]
    reasons: str = ""
    reason_paras: list[int] = field(default_factory=list)
    header_paras: list[int] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    heading: str = ""


#: Id of the front matter, and of a whole document that has no proposal headers.
FRONT_ID = "DOC"
#: Id of the pseudo-proposal that holds the headers and footers carrying tracked changes.
PAGES_ID = "HEADERS"
#: Containers of header and footer paragraphs start with these ("header:header1", "footer:footer2 t3r1c1").
PAGE_CONTAINERS = ("header:", "footer:")


@dataclass(slots=True)
class Package:
    """A loaded proposal package."""

    path: str
    sha256: str
    source: str  # "docx" | "flattened" | "criticmarkup"
    paragraphs: list[Paragraph]
    notes: dict[tuple[str, str], Note] = field(default_factory=dict)
    edits: list[Edit] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    language: str = ""
    #: Author comments waiting to be attached to edits: (paragraph, segment, text).
    comments: list[tuple[int, int, str]] = field(default_factory=list)
    #: The reader's raw result (XML trees and elements) when asked to keep it, for writing back.
    raw: object = None

    def proposal(self, pid: str) -> Proposal | None:
        for p in self.proposals:
            if p.id == pid:
                return p
        return None

    def edit(self, eid: str) -> Edit | None:
        for e in self.edits:
            if e.id == eid:
                return e
        return None
