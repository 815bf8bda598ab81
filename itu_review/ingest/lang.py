"""ITU conventions in the six languages: proposal headers, headings of texts, Reasons markers."""

from __future__ import annotations

import re

from ..normalize import normalize

ACTIONS = ("(MOD)", "ADD*", "SUP*", "MOD", "ADD", "SUP", "NOC")
_ACTION = r"(\(MOD\)|ADD\*?|SUP\*?|MOD|NOC)"
_ID = r"([A-Z]{1,5}(?:/[A-Z]{1,5})*)/(\d{1,4}(?:[AR]\d{1,3})*)/(\d{1,4})"
HEADER = re.compile(rf"^\s*{_ACTION}[\s\u00a0]+{_ID}\s*$")
ID_ONLY = re.compile(rf"^\s*{_ID}\s*$")
ACTION_ONLY = re.compile(rf"^\s*{_ACTION}\s*$")

REASONS = re.compile(
    r"^\s*(Reasons?|Motifs?|Motivos?|Основани[ея]|理由|الأسباب|الأسباب)\s*[:：]\s*", re.IGNORECASE)

SEPARATOR = re.compile(r"^\s*([*_=\-–—]\s*){3,}$")


# Arabic-Indic, extended Arabic-Indic, Devanagari and full-width digits as ASCII (a C-speed translate).
_DIGITS = {base + k: str(k) for base in (0x0660, 0x06F0, 0x0966, 0xFF10) for k in range(10)}
#: whether there is any to translate: ``str.translate`` looks every character up, a search scans in C
_OTHER_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\uff10-\uff19]")


def to_ascii_digits(text: str) -> str:
    """Arabic-Indic and other common decimal digits as ASCII, for numbers in headings."""
    if text.isascii() or _OTHER_DIGITS.search(text) is None:
        return text
    return text.translate(_DIGITS)


def parse_header(text: str) -> tuple[str, str] | None:
    """``("MOD", "B/67/1")`` for a one-line proposal header, else None."""
    if len(text) > 80 or "/" not in text:  # a header is short, and its id has slashes
        return None
    m = HEADER.match(to_ascii_digits(text))
    if m is None:
        return None
    return m.group(1), f"{m.group(2)}/{m.group(3)}/{m.group(4)}"


def parse_id(text: str) -> str | None:
    if len(text) > 60 or "/" not in text:
        return None
    m = ID_ONLY.match(to_ascii_digits(text))
    return f"{m.group(1)}/{m.group(2)}/{m.group(3)}" if m else None


def parse_action(text: str) -> str | None:
    if len(text) > 12:
        return None
    m = ACTION_ONLY.match(text)
    return m.group(1) if m else None


# Headings, matched against normalised text (casefolded; tatweel, harakat and bidi marks dropped).
_NUM = r"(\d+[a-z]?(?:\.\d+)?)"
_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "resolution": ("resolution", "résolution", "resolucion", "resolución", "резолюция", "القرار"),
    "decision": ("decision", "décision", "decisión", "решение", "المقرر"),
    "recommendation": ("recommendation", "recommandation", "recomendación", "recomendacion",
                       "рекомендация", "التوصية"),
    "article": ("article", "artículo", "articulo", "статья", "المادة"),
    "appendix": ("appendix", "appendice", "apéndice", "apendice", "приложение", "التذييل"),
}
_ZH_KIND = {"决议": "resolution", "决定": "decision", "建议": "recommendation"}

_DRAFT = re.compile(
    r"^(draft new|projet de nouvelle|projet de nouveau|proyecto de nueva|proyecto de nuevo|проект новой|"
    r"проект нового|مشروع)\s*(resolution|résolution|resolución|decision|décision|decisión|recommendation|"
    r"recommandation|recomendación|резолюции|решения|рекомендации|قرار|مقرر|توصية)?\s*(جديد|جديدة)?\s*"
    r"(?:\[([^\]]*)\])?")
_ZH_DRAFT = re.compile(r"^新(决议|决定|建议)草案\s*(?:\[([^\]]*)\])?")
_ZH_NUMBERED = re.compile(r"^第\s*(\d+)\s*号(决议|决定|建议)")
_PROVISION = re.compile(r"^(cs|cv)\s*(\d+[a-z]?)\b")
_RR = re.compile(r"^(\d{1,2}\.[a-z]?\d+[a-z]?\d*)\b")


def _kind_pattern() -> re.Pattern[str]:
    words = "|".join(sorted({w for ws in _KIND_WORDS.values() for w in ws}, key=len, reverse=True))
    return re.compile(rf"^({words})\s+{_NUM}\b")


_KIND_RE = _kind_pattern()
_WORD_KIND = {w: k for k, ws in _KIND_WORDS.items() for w in ws}
_DRAFT_KIND = {"قرار": "resolution", "مقرر": "decision", "توصية": "recommendation"}


def parse_heading(text: str) -> tuple[str, str] | None:
    """The kind and number of the text a heading names: ("resolution", "14"), ("draft", "B-1")."""
    t = to_ascii_digits(normalize(text))
    if not t:
        return None
    m = _DRAFT.match(t)
    if m and (m.group(2) or m.group(4) is not None):
        return "draft", (m.group(4) or "").strip().upper()
    m2 = _ZH_DRAFT.match(t)
    if m2:
        return "draft", (m2.group(2) or "").strip().upper()
    m3 = _KIND_RE.match(t)
    if m3:
        return _WORD_KIND[m3.group(1)], m3.group(2).upper()
    m4 = _ZH_NUMBERED.match(t)
    if m4:
        return _ZH_KIND[m4.group(2)], m4.group(1)
    m5 = _PROVISION.match(t)
    if m5:
        return ("constitution" if m5.group(1) == "cs" else "convention"), m5.group(2).upper()
    return None


def parse_rr_provision(text: str) -> str | None:
    m = _RR.match(to_ascii_digits(normalize(text)))
    return m.group(1).upper() if m else None


_SCRIPT_LETTERS = {"ar": "\u0600-\u06ff\ufb50-\ufeff", "zh": "\u4e00-\u9fff", "ru": "\u0400-\u04ff",
                   # the letters below U+0250 (str.isalpha there): ASCII, ª µ º, Latin-1 but × ÷, Latin Extended-A/B
                   "latin": "a-zA-Z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"}
#: everything but a script's letters, in runs: what is left once they are removed is its letters
_NOT_SCRIPTS = {name: re.compile(f"[^{letters}]+") for name, letters in _SCRIPT_LETTERS.items()}


def script_counts(text: str) -> dict[str, int]:
    """How many letters of each script ``text`` has."""
    try:
        text.encode("latin-1")  # (a C-speed test) no character past U+00FF: only Latin letters can count
    except UnicodeEncodeError:
        return {name: len(pattern.sub("", text)) for name, pattern in _NOT_SCRIPTS.items()}
    counts = dict.fromkeys(_NOT_SCRIPTS, 0)
    counts["latin"] = len(_NOT_SCRIPTS["latin"].sub("", text))
    return counts


def detect_language(text: str) -> str:
    """A rough guess of the package language from its script and a few marker words.

    Letters are counted by regular expressions (C speed): a loop over the characters in Python was
    a third of the load of a small package. They are counted as what remains once the runs of other
    characters are removed, which makes no list of matches (half the time of ``findall``)."""
    counts = script_counts(text[:20_000])
    best = max(counts, key=lambda k: counts[k])
    if counts[best] == 0:
        return ""
    if best != "latin":
        return best
    low = text[:200_000].lower()
    scores = {"fr": low.count("motifs") * 5 + low.count(" le ") + low.count(" les ") + low.count("résolution"),
              "es": low.count("motivos") * 5 + low.count(" los ") + low.count(" el ") + low.count("resolución"),
              "en": low.count("reasons") * 5 + low.count(" the ") + low.count(" and ")}
    return max(scores, key=lambda k: scores[k])
