"""Make document text safe to put on a terminal: no control character ever reaches it as control."""

from __future__ import annotations

import re
import unicodedata

#: Bidi embedding, override and isolate controls and marks, shown by name where they must be seen.
BIDI_CONTROLS = {
    "\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
    "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI",
    "\u200e": "LRM", "\u200f": "RLM", "\u061c": "ALM",
}
ZERO_WIDTH = {"\u200b": "ZWSP", "\u200c": "ZWNJ", "\u200d": "ZWJ", "\u2060": "WJ", "\ufeff": "BOM"}
SUSPICIOUS = {**BIDI_CONTROLS, **ZERO_WIDTH}


def visible_control(ch: str) -> str | None:
    """The visible stand-in for a C0/C1 control character, or None for any other character."""
    o = ord(ch)
    if o < 0x20:
        return chr(0x2400 + o)  # ␀ … ␟ (␛ for ESC)
    if o == 0x7F:
        return "\u2421"  # ␡
    if 0x80 <= o <= 0x9F:
        return f"<{o:02X}>"
    return None


def clean_char(ch: str, *, reveal: bool = False) -> str:
    """One character as it may be drawn: controls visible; bidi controls dropped, or named if ``reveal``."""
    if ch == "\t":
        return "  "
    stand_in = visible_control(ch)
    if stand_in is not None:
        return stand_in
    if ch in SUSPICIOUS:
        return f"\u27e8{SUSPICIOUS[ch]}\u27e9" if reveal else ("" if ch in BIDI_CONTROLS else ch)
    if unicodedata.category(ch) in ("Zl", "Zp"):
        return " "
    return ch


def needs_cleaning(text: str) -> bool:
    """Whether ``clean(text, keep_newlines=True)`` would change anything."""
    return _NEEDS_CLEANING_BUT_NEWLINES.search(text) is not None


def clean(text: str, *, reveal: bool = False, keep_newlines: bool = False) -> str:
    if _NEEDS_CLEANING.search(text) is None:
        return text  # the usual case: nothing for clean_char to change
    return "".join(ch if keep_newlines and ch == "\n" else clean_char(ch, reveal=reveal) for ch in text)


#: Control characters a terminal would obey: C0 but tab, line feed and carriage return; DEL; C1.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def controls_visible(text: str) -> str:
    """Text for a data output (CSV, Markdown, plain text, messages): each control character a terminal
    would obey shown by its visible stand-in (ESC as ␛), everything else (tabs, line breaks, bidi
    marks, which Arabic text needs) kept as it is. The command line passes everything it writes to
    standard output and standard error through this; terminal displays use ``clean``."""
    if _CONTROLS.search(text) is None:
        return text
    return _CONTROLS.sub(lambda m: visible_control(m.group()) or "\ufffd", text)


_INVISIBLE = re.compile("[" + "".join(SUSPICIOUS) + "]")


def for_terminal(text: str) -> str:
    """Text as a command writes it to a terminal: what ``clean(reveal=True)`` shows — controls by their
    symbols (␛), bidi controls and zero-width characters by name (``⟨RLO⟩``, ``⟨ZWJ⟩``), as `show`,
    the `edits` table and the app do — with tabs and line breaks kept. Written to a file or a pipe,
    the same text stays logical (``controls_visible``): data, not a picture."""
    text = controls_visible(text)
    if _INVISIBLE.search(text) is None:
        return text
    return _INVISIBLE.sub(lambda m: f"\u27e8{SUSPICIOUS[m.group()]}\u27e9", text)


#: Characters XML 1.0 cannot carry (lxml refuses them): C0 controls other than tab, LF and CR, lone
#: surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text as a Word document can hold it: a control character becomes its visible symbol (U+2401 …)."""
    if _NOT_XML.search(text) is None:
        return text
    return _NOT_XML.sub(lambda m: visible_control(m.group()) or "\ufffd", text)


#: Every character ``clean_char`` changes: tab, C0/C1 controls and DEL, line and paragraph separators
#: (the only Zl/Zp characters), bidi controls and zero-width characters.
_NEEDS_CLEANING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029" + "".join(SUSPICIOUS) + "]")
_NEEDS_CLEANING_BUT_NEWLINES = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029" + "".join(SUSPICIOUS) + "]")

SUSPICIOUS_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(SUSPICIOUS) + "]")


def suspicious_chars(text: str) -> list[str]:
    """Names of the characters in ``text`` that could make it look different from what it is."""
    if SUSPICIOUS_RE.search(text) is None:
        return []
    found: list[str] = []
    for ch in text:
        if ch in SUSPICIOUS:
            found.append(SUSPICIOUS[ch])
        elif ch not in "\t\n" and visible_control(ch) is not None:
            found.append(f"U+{ord(ch):04X}")
    return found
