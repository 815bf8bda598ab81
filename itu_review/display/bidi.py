"""Right-to-left layout per UAX #9, keeping every character's logical index (and so its style).

Implemented here: P2–P3 (paragraph level), W1–W7, N0 (paired brackets), N1–N2, I1–I2, and the line
rules L1 (trailing white space to the paragraph level), L2 (reversal), L3 (combining marks stay
after their base) and L4 (mirrored glyphs). Explicit embeddings, overrides and isolates (X1–X10) are
not: the display drops those controls (inside an edit it names them instead), so text holding
them is laid out as if they were absent. Unicode's BidiCharacterTest.txt checks this module on every
line without explicit controls (see tests/test_bidi.py).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from ._unicode_tables import BRACKETS, MIRRORS

_STRONG_RTL = {"R", "AL"}
_EXPLICIT = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
_NEUTRAL = {"B", "S", "WS", "ON"}
# canonical equivalents among brackets (BD16 matches U+2329/U+232A with U+3008/U+3009)
_CANON = {0x2329: 0x3008, 0x232A: 0x3009}


def bidi_class(ch: str) -> str:
    return unicodedata.bidirectional(ch) or "L"


def is_rtl_text(text: str) -> bool:
    """Rules P2/P3: the first strong character decides the paragraph direction."""
    for ch in text:
        t = bidi_class(ch)
        if t in _STRONG_RTL:
            return True
        if t == "L":
            return False
    return False


def _resolve_weak(types: list[str], sos: str) -> None:
    n = len(types)
    # W1: NSM takes the type of the previous character
    prev = sos
    for i in range(n):
        if types[i] == "NSM":
            types[i] = prev
        prev = types[i]
    # W2: EN after AL becomes AN;  W3: AL becomes R
    last_strong = sos
    for i in range(n):
        t = types[i]
        if t in ("L", "R", "AL"):
            last_strong = t
        elif t == "EN" and last_strong == "AL":
            types[i] = "AN"
    for i in range(n):
        if types[i] == "AL":
            types[i] = "R"
    # W4: a single separator between two numbers of the same kind
    for i in range(1, n - 1):
        t = types[i]
        if t == "ES" and types[i - 1] == "EN" and types[i + 1] == "EN":
            types[i] = "EN"
        elif t == "CS" and types[i - 1] == types[i + 1] and types[i - 1] in ("EN", "AN"):
            types[i] = types[i - 1]
    # W5: terminators next to European numbers
    i = 0
    while i < n:
        if types[i] == "ET":
            j = i
            while j < n and types[j] == "ET":
                j += 1
            if (i > 0 and types[i - 1] == "EN") or (j < n and types[j] == "EN"):
                for k in range(i, j):
                    types[k] = "EN"
            i = j
        else:
            i += 1
    # W6: remaining separators and terminators are neutral
    for i in range(n):
        if types[i] in ("ES", "ET", "CS"):
            types[i] = "ON"
    # W7: EN after L (or an L start) becomes L
    last_strong = sos
    for i in range(n):
        t = types[i]
        if t in ("L", "R"):
            last_strong = t
        elif t == "EN" and last_strong == "L":
            types[i] = "L"


def _bracket_pairs(chars: Sequence[str], types: list[str]) -> list[tuple[int, int]]:
    """BD16: paired brackets, by a stack of at most 63 openers."""
    stack: list[tuple[int, int]] = []
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(chars):
        if types[i] != "ON":
            continue
        cp = ord(ch)
        info = BRACKETS.get(cp)
        if info is None:
            continue
        pair, kind = info
        if kind == "o":
            if len(stack) == 63:
                break
            stack.append((_CANON.get(pair, pair), i))
        else:
            cp = _CANON.get(cp, cp)
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == cp:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    return sorted(pairs)


def _strong(t: str) -> str | None:
    if t == "L":
        return "L"
    if t in ("R", "EN", "AN"):
        return "R"
    return None


def _resolve_brackets(chars: Sequence[str], types: list[str], orig: Sequence[str], e: str, sos: str) -> None:
    """N0: a bracket pair takes the embedding direction, or the context's, from what it holds."""
    for open_i, close_i in _bracket_pairs(chars, types):
        inside = {_strong(types[k]) for k in range(open_i + 1, close_i)} - {None}
        if not inside:
            continue
        if e in inside:
            new = e
        else:
            before = sos
            for k in range(open_i - 1, -1, -1):
                s = _strong(types[k])
                if s:
                    before = s
                    break
            new = before if before != e else e
        for k in (open_i, close_i):
            types[k] = new
            j = k + 1
            while j < len(types) and orig[j] == "NSM":
                types[j] = new
                j += 1


def _resolve_neutrals(types: list[str], e: str, sos: str, eos: str) -> None:
    """N1/N2: neutrals between two like strong directions take it; the rest take the embedding's."""
    n = len(types)
    i = 0
    while i < n:
        if types[i] in _NEUTRAL:
            j = i
            while j < n and types[j] in _NEUTRAL:
                j += 1
            before = sos if i == 0 else (_strong(types[i - 1]) or e)
            after = eos if j == n else (_strong(types[j]) or e)
            fill = before if before == after else e
            for k in range(i, j):
                types[k] = fill
            i = j
        else:
            i += 1


def levels(text: str, rtl: bool | None) -> list[int]:
    """The resolved embedding level of each character of a paragraph (``rtl`` None: rule P2/P3)."""
    if not text:
        return []
    if rtl is None:
        rtl = is_rtl_text(text)
    base = 1 if rtl else 0
    orig = [bidi_class(c) for c in text]
    if not rtl and not any(t in ("R", "AL", "AN") for t in orig):
        return [0] * len(text)
    keep = [k for k, t in enumerate(orig) if t not in _EXPLICIT and t != "BN"]
    chars = [text[k] for k in keep]
    types = [orig[k] for k in keep]
    kept_orig = list(types)
    e = "R" if base else "L"
    _resolve_weak(types, e)
    _resolve_brackets(chars, types, kept_orig, e, e)
    _resolve_neutrals(types, e, e, e)
    out = [base] * len(text)
    for k, t in zip(keep, types):
        if base == 0:
            out[k] = 1 if t == "R" else 2 if t in ("AN", "EN") else 0
        else:
            out[k] = 2 if t in ("L", "EN", "AN") else 1
    # removed characters (BN, explicit controls) take the level of the character before them
    removed = set(range(len(text))) - set(keep)
    for k in sorted(removed):
        out[k] = out[k - 1] if k else base
    return out


def visual_order(text: str, lv: Sequence[int], base: int) -> list[int]:
    """Logical indices of one line's characters in visual (left to right) order."""
    n = len(text)
    if n == 0:
        return []
    lv = line_levels(text, lv, base)
    if max(lv) == 0:
        return list(range(n))
    # L3: a combining mark travels with its base character: reorder clusters, not characters
    clusters: list[list[int]] = []
    for k, ch in enumerate(text):
        if clusters and unicodedata.combining(ch) and lv[k] == lv[clusters[-1][0]]:
            clusters[-1].append(k)
        else:
            clusters.append([k])
    cl = [lv[c[0]] for c in clusters]
    order = list(range(len(clusters)))
    top = max(cl)
    odd = [x for x in cl if x % 2]
    lowest_odd = min(odd) if odd else top + 1
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


def line_levels(text: str, lv: Sequence[int], base: int) -> list[int]:
    """Levels after rule L1, as BidiCharacterTest.txt states them."""
    n = len(text)
    lv = list(lv)
    trailing = True
    for i in range(n - 1, -1, -1):
        t = bidi_class(text[i])
        if t in ("S", "B"):
            lv[i] = base
            trailing = True
        elif trailing and (t in ("WS", "BN") or t in _EXPLICIT):
            lv[i] = base
        else:
            trailing = False
    return lv


def reorder_for_test(text: str, lv: Sequence[int], base: int) -> list[int]:
    """L2 alone, character by character (no L3), as BidiCharacterTest.txt orders them."""
    n = len(text)
    lv = line_levels(text, lv, base)
    order = list(range(n))
    top = max(lv, default=0)
    odd = [x for x in lv if x % 2]
    lowest_odd = min(odd) if odd else top + 1
    for level in range(top, lowest_odd - 1, -1):
        j = 0
        while j < n:
            if lv[order[j]] >= level:
                k = j
                while k < n and lv[order[k]] >= level:
                    k += 1
                order[j:k] = reversed(order[j:k])
                j = k
            else:
                j += 1
    return order


def mirrored(ch: str, level: int) -> str:
    """L4: the mirrored glyph of a bracket or the like at a right-to-left level."""
    if level % 2 == 1 and len(ch) == 1:
        m = MIRRORS.get(ord(ch))
        if m is not None:
            return chr(m)
    return ch
