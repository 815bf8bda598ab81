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


def language_free(text: str) -> str:
    """What two translations of a paragraph share: its list label (أ ) = a)) and its numbers."""
    t = normalize(text)
    label = ""
    m = _OLD_LABEL.match(t)
    if m:
        raw = m.group(1).strip("() ").strip()
        label = chr(ord("a") + ABJAD.index(raw)) if raw in ABJAD else raw
    numbers = re.findall(r"\d+(?:[/.]\d+)*", lang.to_ascii_digits(t))
    return " ".join([f"<{label}>"] + numbers) if label or numbers else ""
