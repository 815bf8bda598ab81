"""Arabic contextual shaping for terminals that do not shape: letters as their presentation forms.

Done on logical text, before reordering, cell by cell so that every character keeps its style.
A letter takes its initial, medial, final or isolated form from its neighbours (combining marks are
transparent); lam followed by alef becomes one ligature only where both halves share a style — a
deleted lam never fuses with an inserted alef. Presentation forms are drawn as they are by every
terminal, shaping or not. The forms come from Unicode's own compatibility decompositions.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

Cell = tuple[str, str, int]
_ZWJ, _ZWNJ = "\u200d", "\u200c"
_TATWEEL = "\u0640"


@lru_cache(maxsize=1)
def _forms() -> dict[str, dict[str, str]]:
    """base text ("0628", "0644 0627") -> {"isolated"|"final"|"initial"|"medial": presentation form}."""
    out: dict[str, dict[str, str]] = {}
    for cp in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)):
        ch = chr(cp)
        d = unicodedata.decomposition(ch)
        if d.startswith("<") and " " in d:
            tag, rest = d.split(" ", 1)
            if tag in ("<isolated>", "<final>", "<initial>", "<medial>"):
                out.setdefault(rest, {}).setdefault(tag[1:-1], ch)
    return out


def _key(ch: str) -> str:
    return f"{ord(ch):04X}"


def _joins_left(ch: str) -> bool:
    """Dual-joining: the letter connects to the one after it (it has initial or medial forms)."""
    if ch == _TATWEEL or ch == _ZWJ:
        return True
    f = _forms().get(_key(ch))
    return bool(f and ("initial" in f or "medial" in f))


def _joins_right(ch: str) -> bool:
    """The letter connects to the one before it (it has a final form)."""
    if ch == _TATWEEL or ch == _ZWJ:
        return True
    f = _forms().get(_key(ch))
    return bool(f and "final" in f)


def shape_cells(cells: Sequence[Cell]) -> list[Cell]:
    """Cells with Arabic letters in their contextual forms; lam-alef fused where one style covers both."""
    n = len(cells)
    if not any("\u0620" <= c[0] <= "\u06ff" for c in cells):
        return list(cells)
    letters = [k for k in range(n) if not unicodedata.combining(cells[k][0])]  # marks are transparent
    out = list(cells)
    drop: set[int] = set()
    forms = _forms()
    for pos, k in enumerate(letters):
        ch, key, edit = cells[k]
        base = forms.get(_key(ch))
        if base is None:
            continue
        prev = cells[letters[pos - 1]][0] if pos > 0 else ""
        nxt_k = letters[pos + 1] if pos + 1 < len(letters) else None
        nxt = cells[nxt_k][0] if nxt_k is not None else ""
        joined_before = bool(prev) and _joins_left(prev) and _joins_right(ch) and prev != _ZWNJ
        if ch == "\u0644" and nxt_k is not None and nxt in "\u0622\u0623\u0625\u0627" \
                and cells[nxt_k][1:] == (key, edit):
            lig = forms.get(f"0644 {_key(nxt)}", {})
            form = lig.get("final" if joined_before else "isolated")
            if form:
                out[k] = (form, key, edit)
                drop.add(nxt_k)
                continue
        joins_after = bool(nxt) and _joins_left(ch) and _joins_right(nxt) and nxt != _ZWNJ
        want = ("medial" if joined_before and joins_after else "final" if joined_before
                else "initial" if joins_after else "isolated")
        form = base.get(want) or base.get("isolated")
        if form:
            out[k] = (form, key, edit)
    return [c for k, c in enumerate(out) if k not in drop]
