"""List labels at the start of a paragraph: ``a)``, ``(iv)``, ``1``, ``1.2``, ``أ )``, ``’1‘``, bullets.

A text in force types its labels (``b) UNGA Resolution 71/199 …``); a package drafted in Word often
numbers the same items automatically, so its text carries no label at all, or renumbers them when an
item is added. Such differences are numbering, not wording: ``check`` and the in-force column compare
paragraphs without their labels and report the labels apart.
"""

from __future__ import annotations

import re

from .ingest import lang
from .normalize import normalize

ABJAD = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"

# a letter or roman numeral in brackets, a number (not a year: three digits at most) followed by white
# space, an Arabic letter label, an Arabic sub-item number in quotes, a bullet
_LABEL = re.compile(
    r"\s*("
    r"\(?(?:[a-z]{1,3}|[A-Z]|[\u0430-\u044f]{1,2}|[\u0621-\u064a])\s?\)"
    r"|\d{1,3}(?:\.\d{1,3})*(?:\s?bis|\s?ter)?[.)]?(?=\s)"
    r"|[\u2019'‘]\d{1,3}[\u2018'’]"
    r"|[\u2022\u2013\u2014\-](?=\s)"
    r")\s*")


def split_label(text: str) -> tuple[str, str]:
    """(label, rest): ``"b)\\tUNGA Resolution"`` → ``("b)", "UNGA Resolution")``; no label → ``("", text)``.

    A paragraph that is nothing but a label-like word keeps it as its text."""
    m = _LABEL.match(text)
    if m is None or not text[m.end():].strip():
        return "", text
    return m.group(1), text[m.end():]


def canonical_label(label: str) -> str:
    """What two spellings of one label share: ``(b)``, ``b)``, ``ب)`` → ``b``; ``1.`` → ``1``."""
    raw = normalize(label).strip("()[].‘’' ")
    if raw in ABJAD and raw:
        return chr(ord("a") + ABJAD.index(raw))
    return lang.to_ascii_digits(raw)


_OLD_LABEL = re.compile(r"^\s*(\(?[a-z]\)|\(?[\u0621-\u064a]\s*\)|\d+)")


#: The call paragraphs of a resolution ("considering", "resolves" …) in its languages, normalised, by
#: what they mean: two translations share the meaning (DOMAIN: section markers). The whole paragraph
#: is the marker; "instructs …" and "invites …" go on with whom they address.
SECTION_MARKERS = {
    "considering": ("considering", "considérant", "considerando", "учитывая", "考虑到", "إذ يضع في اعتباره",
                    "وإذ يضع في اعتباره"),
    "recognizing": ("recognizing", "reconnaissant", "reconociendo", "признавая", "认识到", "إذ يدرك", "وإذ يدرك",
                    "إذ يعترف", "وإذ يعترف", "وإذ يقر"),
    "noting": ("noting", "notant", "observando", "отмечая", "注意到", "إذ يلاحظ", "وإذ يلاحظ"),
    "recalling": ("recalling", "rappelant", "recordando", "ссылаясь", "напоминая", "忆及", "إذ يذكر", "وإذ يذكر"),
    "resolves": ("resolves", "decides", "décide", "resuelve", "decide", "решает", "做出决议", "决定", "يقرر"),
    "instructs": ("instructs", "charge", "encarga", "поручает", "责成", "يكلف"),
    "invites": ("invites", "invite", "invita", "предлагает", "请", "يدعو"),
}
_ADDRESSED = ("instructs", "invites")
_MARKER_OF = {phrase: meaning for meaning, phrases in SECTION_MARKERS.items() for phrase in phrases}


def section_marker(text: str) -> str:
    """What a call paragraph means ("resolves" for "يقرر" and "décide"), or "" for any other paragraph."""
    t = normalize(text).strip(" ,:;،؛.")
    if len(t) > 60:
        return ""
    meaning = _MARKER_OF.get(t)
    if meaning:
        return meaning
    first = t.split(" ", 1)[0]
    meaning = _MARKER_OF.get(first, "")
    return meaning if meaning in _ADDRESSED else ""


def language_free(text: str) -> str:
    """What two translations of a paragraph share: its list label (أ ) = a)) and its numbers, or the
    meaning of a call paragraph ("يقرر" = "resolves")."""
    marker = section_marker(text)
    if marker:
        return f"<§{marker}>"
    t = normalize(text)
    label = ""
    m = _OLD_LABEL.match(t)
    if m:
        raw = m.group(1).strip("() ").strip()
        label = chr(ord("a") + ABJAD.index(raw)) if raw in ABJAD else raw
    numbers = re.findall(r"\d+(?:[/.]\d+)*", lang.to_ascii_digits(t))
    return " ".join([f"<{label}>"] + numbers) if label or numbers else ""
