"""Ids held by several open files: a package beside its reissue or another format of it (``open
samples/`` has AFCP/12A1/1 in en-proposals.docx, en-proposals-rev1.docx and en-proposals.critic.md).
Where an id alone would not say which, its file is named; ``g`` goes to each file's in turn.
"""

from __future__ import annotations

import os
from collections import Counter

from ..session import ReviewSession


def file_name(session: ReviewSession, item: int) -> str:
    """The file name of the package that holds this item."""
    return os.path.basename(session.packages[session.items[item].pkg].path)


def holders(session: ReviewSession, proposal_id: str) -> list[int]:
    """The items (one a file) whose proposal has this id, in list order."""
    wanted = proposal_id.casefold()
    return [k for k, it in enumerate(session.items) if it.prop.id.casefold() == wanted]


def id_counts(session: ReviewSession) -> Counter[str]:
    """How many open files hold each proposal id (casefolded): for naming many ids at once."""
    return Counter(it.prop.id.casefold() for it in session.items)


def named(session: ReviewSession, item: int, label: str, counts: Counter[str] | None = None) -> str:
    """``label`` (an edit or proposal id of this item), with its file when another open file holds the id:
    ``AFCP/12A1/2#1 (en-proposals-rev1.docx)``. ``counts``: ``id_counts``, when naming many."""
    pid = session.items[item].prop.id
    if (counts[pid.casefold()] if counts is not None else len(holders(session, pid))) > 1:
        return f"{label} ({file_name(session, item)})"
    return label


def find_next(session: ReviewSession, ref: str) -> tuple[tuple[int, int] | None, str]:
    """Where ``g REF`` goes (item, edit position), and what to say of it ("" when one file holds the id).

    Of the files whose proposal has the id (and, for ``B/67/1#3``, a third edit), the first — or, when
    the current proposal is one of them, the next one, wrapping: ``g`` with the same id again goes to the
    next file's. ``#3`` is the current proposal's edit, as ``ReviewSession.find`` has it."""
    ref = ref.strip()
    pid, _, num = ref.partition("#")
    if not pid:
        return session.find(ref), ""
    if num and not num.isdigit():
        return None, ""
    edit = int(num) - 1 if num else 0
    files = [k for k in holders(session, pid) if not num or 0 <= edit < len(session.items[k].prop.edits)]
    if not files:
        return None, ""
    if len(files) == 1:
        return (files[0], edit), ""
    n = files.index(session.item) + 1 if session.item in files else 0
    target = files[n % len(files)]
    said = f"{ref} in {file_name(session, target)}, {files.index(target) + 1} of {len(files)} files (g again: next)"
    return (target, edit), said
