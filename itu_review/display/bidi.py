"""Right-to-left layout: embedding levels per character, then visual reordering line by line.

Levels come from python-bidi's implementation of UAX #9 (rules P–I); the line rules L1 (trailing
white space to the paragraph level), L2 (reversal), L3 (combining marks stay after their base) and
L4 (mirrored glyphs) are applied here so that every character keeps its logical index — and so its
style — through the reordering.
"""

from __future__ import annotations

import unicodedata

from bidi import algorithm as _alg
from bidi.mirror import MIRRORED

_STRONG_RTL = {"R", "AL"}


def is_rtl_text(text: str) -> bool:
    """Rule P2/P3: the first strong character decides the paragraph direction."""
    for ch in text:
        t = unicodedata.bidirectional(ch)
        if t in _STRONG_RTL:
            return True
        if t == "L":
            return False
    return False


def levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of each character of a paragraph."""
    if not text:
        return []
    if rtl is False and not any(unicodedata.bidirectional(c) in _STRONG_RTL for c in text):
        return [0] * len(text)
    storage = _alg.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    _alg.get_embedding_levels(text, storage, False, False)
    _alg.explicit_embed_and_overrides(storage, False)
    _alg.resolve_weak_types(storage, False)
    _alg.resolve_neutral_types(storage, False)
    _alg.resolve_implicit_levels(storage, False)
    return [c["level"] for c in storage["chars"]]


def visual_order(text: str, lv: list[int], base: int) -> list[int]:
    """Logical indices of one line's characters in visual (left to right) order."""
    n = len(text)
    if n == 0:
        return []
    lv = list(lv)
    # L1: trailing white space (and white space before a segment separator) takes the base level
    i = n - 1
    while i >= 0 and (text[i].isspace() or unicodedata.bidirectional(text[i]) in ("WS", "BN")):
        lv[i] = base
        i -= 1
    if max(lv) == 0:
        return list(range(n))
    # L3: a combining mark travels with its base character: reorder clusters, not characters
    clusters: list[list[int]] = []
    for k, ch in enumerate(text):
        if clusters and unicodedata.combining(ch):
            clusters[-1].append(k)
        else:
            clusters.append([k])
    cl = [lv[c[0]] for c in clusters]
    order = list(range(len(clusters)))
    top = max(cl)
    lowest_odd = min(x for x in cl if x % 2 == 1) if any(x % 2 for x in cl) else top + 1
    for level in range(top, lowest_odd - 1, -1):
        j = 0
        while j < len(order):
            if cl[order[j]] >= level:
                k = j
                while k < len(order) and cl[order[k]] >= level:
                    k += 1
                order[j:k] = reversed(order[j:k])
                j = k
            else:
                j += 1
    return [idx for c in order for idx in clusters[c]]


def mirrored(ch: str, level: int) -> str:
    """L4: a mirrored glyph for brackets and the like at right-to-left levels."""
    if level % 2 == 1:
        return MIRRORED.get(ch, ch)
    return ch
