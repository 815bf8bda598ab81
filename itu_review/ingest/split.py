"""Split a package's paragraphs into proposals and give every edit its final id.

A header paragraph (``MOD\\tB/67/1``, or the id and the action on two lines) opens a proposal; it
runs to the next header. Inside it: the heading of the text it acts on (target), the title, the
body, and the Reasons paragraphs. Paragraphs before the first header are the front matter (``DOC``).
Page headers and footers that carry tracked changes come after the body: they are the pseudo-proposal
``HEADERS`` — they belong to every page, not to one proposal.
"""

from __future__ import annotations

from itertools import islice

from ..model import (
    BASE_ONLY,
    FRONT_ID,
    PAGE_CONTAINERS,
    PAGES_ID,
    PROPOSED_ONLY,
    Package,
    Paragraph,
    Proposal,
    Target,
)
from . import lang

MAX_TITLE = 400
#: A header line is short (``lang.parse_header`` looks at 80 characters at most).
_HEADER_MAX = 80


def _short_views(p: Paragraph) -> tuple[str, str] | None:
    """The proposed and base text of a paragraph, or None when both are too long to be a header.

    The lengths are added up first and the texts joined only for a short paragraph (most are long)."""
    p_size = b_size = 0
    for s in p.segments:
        r = s.rev
        if r is None:
            n = len(s.text)
            p_size += n
            b_size += n
        else:
            kind = r.kind
            if kind not in BASE_ONLY:
                p_size += len(s.text)
            if kind not in PROPOSED_ONLY:
                b_size += len(s.text)
        if p_size > _HEADER_MAX and b_size > _HEADER_MAX:
            return None
    return p.text_of("proposed"), p.text_of("base")


def _header_at(paras: list[Paragraph], i: int) -> tuple[str, str, int] | None:
    """(action, id, paragraphs used) when a header starts at paragraph ``i``."""
    views = _short_views(paras[i])
    if views is None:
        return None  # too long to be a header, or the first line of a two-line one
    for text in views:
        h = lang.parse_header(text)
        if h is not None:
            return h[0], h[1], 1
    if i + 1 < len(paras):  # the id and the action on two lines, either way round
        first = views[0]
        pid = lang.parse_id(first)
        if pid:
            action = lang.parse_action(paras[i + 1].text_of("proposed"))
            if action:
                return action, pid, 2
        action = lang.parse_action(first)
        if action:
            pid = lang.parse_id(paras[i + 1].text_of("proposed"))
            if pid:
                return action, pid, 2
    return None


def _pages_start(paras: list[Paragraph]) -> int:
    """Where the headers and footers begin (they come last), or the number of paragraphs."""
    n = len(paras)
    while n > 0 and paras[n - 1].container.startswith(PAGE_CONTAINERS):
        n -= 1
    return n


def split_package(pkg: Package) -> None:
    all_paras = pkg.paragraphs
    body_end = _pages_start(all_paras)
    paras = all_paras[:body_end] if body_end < len(all_paras) else all_paras
    starts: list[tuple[int, str, str, int]] = []
    i = 0
    while i < len(paras):
        if paras[i].container == "body":
            h = _header_at(paras, i)
            if h is not None:
                starts.append((i, h[0], h[1], h[2]))
                i += h[2]
                continue
        i += 1
    proposals: list[Proposal] = []
    first = starts[0][0] if starts else len(paras)
    if first > 0 or not starts:
        front = Proposal(FRONT_ID, "", Target(), "(front matter)" if starts else "(whole document)",
                         list(range(first)))
        proposals.append(front)
    for n, (start, action, pid, used) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(paras)
        proposals.append(_proposal(paras, action, pid, list(range(start, start + used)),
                                   list(range(start + used, end))))
    if body_end < len(all_paras):
        proposals.append(Proposal(PAGES_ID, "", Target(), "(headers and footers)", list(range(body_end, len(all_paras)))))
    pkg.proposals = proposals
    _assign_edit_ids(pkg)
    if pkg.source == "flattened":
        for p in pkg.proposals:
            if p.action in ("MOD", "(MOD)") and not p.edits:
                p.warnings.append("revision marks were lost in extraction: this MOD shows no edits; "
                                  "compare it with the base text")
    for p in pkg.proposals:
        if p.action in ("MOD", "(MOD)") and not p.edits and pkg.source != "flattened":
            p.warnings.append("MOD without any tracked change")
        if p.action == "ADD" and any(e.deleted for e in p.edits):
            p.warnings.append("ADD with deletions: new text should not use tracked changes")
        if p.id not in (FRONT_ID, PAGES_ID) and not p.reasons:
            p.warnings.append("no Reasons paragraph")


def _proposal(paras: list[Paragraph], action: str, pid: str, header: list[int], rest: list[int]) -> Proposal:
    prop = Proposal(pid, action, Target(), "", [], header_paras=header)
    reasons_at = None
    for k, pi in enumerate(rest):
        if paras[pi].container != "body":
            continue
        whole = paras[pi].any_text
        if ":" not in whole and "\uff1a" not in whole:
            continue  # no colon, no Reasons line (each view is made of these texts)
        text = _prefix(paras[pi], BASE_ONLY) or _prefix(paras[pi], PROPOSED_ONLY)
        if lang.REASONS.match(text):
            reasons_at = k
            break
    body = rest if reasons_at is None else rest[:reasons_at]
    reasons = [] if reasons_at is None else rest[reasons_at:]
    prop.paras = [pi for pi in body if not _is_separator(paras[pi])]
    prop.reason_paras = [pi for pi in reasons if not _is_separator(paras[pi])]
    if reasons:
        texts = [paras[pi].text_of("proposed") for pi in prop.reason_paras if paras[pi].container == "body"]
        if texts:
            texts[0] = lang.REASONS.sub("", texts[0], count=1)
        prop.reasons = "\n".join(t.strip() for t in texts).strip()
    _find_target(paras, prop)
    return prop


def _prefix(p: Paragraph, drop: frozenset[str], size: int = 200) -> str:
    """The start of a paragraph's text in one view (``drop``: the kinds that view leaves out)."""
    parts: list[str] = []
    n = 0
    for s in p.segments:
        if s.rev is None or s.rev.kind not in drop:
            parts.append(s.text)
            n += len(s.text)
            if n >= size:
                break
    return "".join(parts)


_SEPARATOR_START = frozenset("*_=-\u2013\u2014")


def _is_separator(p: Paragraph) -> bool:
    start = _prefix(p, frozenset(), 1).lstrip()[:1]
    if start and start not in _SEPARATOR_START:
        return False
    return bool(lang.SEPARATOR.match(p.any_text)) and not any(s.rev for s in p.segments)


def _find_target(paras: list[Paragraph], prop: Proposal) -> None:
    """Heading and title: the first non-empty body paragraphs."""
    candidates = list(islice((pi for pi in prop.paras
                              if paras[pi].container == "body" and paras[pi].any_text.strip()), 5))
    for k, pi in enumerate(candidates[:3]):
        p = paras[pi]
        for text in (p.text_of("base"), p.text_of("proposed")):
            found = lang.parse_heading(text)
            if found:
                prop.target = Target(*found)
                prop.heading = p.text_of("proposed").strip()
                rest = candidates[k + 1:k + 3]
                if rest:
                    raw = paras[rest[0]].text_of("proposed") or paras[rest[0]].text_of("base")
                    title = raw.strip()
                    # a title broken by a line break in the source goes on in the next paragraph
                    if raw.endswith((" ", "\u00a0")) and len(rest) > 1:
                        more = paras[rest[1]].text_of("proposed").strip()
                        if 0 < len(more) <= MAX_TITLE // 2:
                            title = f"{title} {more}"
                    if len(title) <= MAX_TITLE and lang.parse_heading(title) is None:
                        prop.title = " ".join(title.split())
                return
        rr = lang.parse_rr_provision(p.text_of("base") or p.text_of("proposed"))
        if rr and k == 0:
            prop.target = Target("rr_provision", rr)
            prop.heading = p.text_of("proposed").strip()[:80]
            return
    if candidates and not prop.title:
        first = paras[candidates[0]].text_of("proposed").strip()
        if len(first) <= MAX_TITLE:
            prop.title = " ".join(first.split())


def _assign_edit_ids(pkg: Package) -> None:
    owner: list[Proposal | None] = [None] * len(pkg.paragraphs)
    for prop in pkg.proposals:
        for pi in (*prop.header_paras, *prop.paras, *prop.reason_paras):
            owner[pi] = prop
    # separators and anything unassigned belong to the proposal before them
    last: Proposal | None = pkg.proposals[0] if pkg.proposals else None
    for pi, found in enumerate(owner):
        if found is not None:
            last = found
        else:
            owner[pi] = last
    for prop in pkg.proposals:
        prop.edits = []
    for e in pkg.edits:
        holder = owner[e.para] if 0 <= e.para < len(owner) else None
        if holder is None:
            continue
        holder.edits.append(e)
        e.proposal = holder.id
        e.id = f"{holder.id}#{len(holder.edits)}"
