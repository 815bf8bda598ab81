"""What a tracked formatting change changed, in words: "bold removed", "style Heading 1 → Normal".

Word records a run's or a paragraph's formatting change as the old properties (inside ``w:rPrChange``
or ``w:pPrChange``) beside the current ones; comparing the two, property by property, says what the
change did. Only formatting changes pay for this (a few in a typical package).
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = W + "val"

#: On/off properties: present and not switched off means on.
_TOGGLES = {
    "b": "bold", "bCs": "bold", "i": "italic", "iCs": "italic", "caps": "all caps", "smallCaps": "small caps",
    "strike": "strikethrough", "dstrike": "double strikethrough", "vanish": "hidden", "specVanish": "hidden",
    "outline": "outline", "shadow": "shadow", "emboss": "emboss", "imprint": "engrave", "noProof": "no proofing",
    "rtl": "right-to-left", "cs": "complex script", "webHidden": "hidden on the web",
    "keepNext": "keep with next", "keepLines": "keep lines together", "pageBreakBefore": "page break before",
    "widowControl": "widow control", "bidi": "right-to-left", "contextualSpacing": "contextual spacing",
    "suppressLineNumbers": "no line numbers", "suppressAutoHyphens": "no hyphenation",
    "mirrorIndents": "mirrored indents", "snapToGrid": "snap to grid",
}
#: Properties with a value, and how to name them.
_VALUED = {
    "sz": "font size", "szCs": "font size", "color": "colour", "highlight": "highlight", "u": "underline",
    "vertAlign": "position", "rStyle": "character style", "pStyle": "style", "jc": "alignment",
    "lang": "language", "spacing": "character spacing", "ind": "indent", "outlineLvl": "outline level",
    "textAlignment": "text alignment", "kern": "kerning", "w": "character width", "position": "raised/lowered",
    "effect": "text effect", "em": "emphasis mark", "textDirection": "text direction",
}
_SKIP = {"rPrChange", "pPrChange", "rPr", "sectPr", "ins", "del", "moveFrom", "moveTo"}
_ALIGN = {"both": "justified", "start": "left", "end": "right", "distribute": "distributed"}
_IND = (("left", "indent"), ("start", "indent"), ("right", "right indent"), ("end", "right indent"),
        ("hanging", "hanging indent"), ("firstLine", "first-line indent"))
_SPACING = (("before", "spacing before"), ("after", "spacing after"), ("line", "line spacing"))


def _on(el: etree._Element | None) -> bool:
    if el is None:
        return False
    return el.get(_VAL, "true").lower() not in ("0", "false", "off", "none")


_LOCAL: dict[object, str] = {}  # tag -> local name ("" for what is not a property), filled as met


def _local(tag: object) -> str:
    local = ""
    if isinstance(tag, str) and tag.startswith(W) and tag[len(W):] not in _SKIP:
        local = tag[len(W):]
    _LOCAL[tag] = local
    return local


def _props(parent: etree._Element | None) -> dict[str, etree._Element]:
    out: dict[str, etree._Element] = {}
    if parent is None:
        return out
    known = _LOCAL
    for el in parent:
        local = known.get(el.tag)
        if local is None:
            local = _local(el.tag)
        if local and local not in out:
            out[local] = el
    return out


def _same(a: etree._Element, b: etree._Element) -> bool:
    if len(a) == 0 and len(b) == 0:  # the usual property: attributes only
        attrs_a: list[tuple[str, str]] = a.items()  # lxml has no type stubs: say what it returns
        attrs_b: list[tuple[str, str]] = b.items()
        return attrs_a == attrs_b or dict(attrs_a) == dict(attrs_b)
    c14n_a: bytes = etree.tostring(a, method="c14n")
    c14n_b: bytes = etree.tostring(b, method="c14n")
    return c14n_a == c14n_b


class StyleNames:
    """Style ids to the names Word shows ("Heading1" -> "Heading 1"), from styles.xml — read (by the
    function given) only when a formatting change first needs a name: most packages never do."""

    def __init__(self, styles_xml: Callable[[], bytes | None]) -> None:
        self._xml = styles_xml
        self._names: dict[str, str] | None = None
        self._default = {"paragraph": "Normal", "character": "Default Paragraph Font"}

    def _load(self) -> dict[str, str]:
        if self._names is None:
            self._names = {}
            xml = self._xml()
            if xml:
                from .zipparts import safe_parser

                try:
                    root = etree.fromstring(xml, safe_parser())
                except etree.XMLSyntaxError:
                    root = None  # a damaged styles part only costs the style names
                for st in root.iterfind(W + "style") if root is not None else ():
                    sid = st.get(W + "styleId", "")
                    name_el = st.find(W + "name")
                    name = name_el.get(_VAL, "") if name_el is not None else ""
                    if sid and name:
                        self._names[sid] = name[:1].upper() + name[1:]
                    if st.get(W + "default") in ("1", "true", "on") and st.get(W + "type") in self._default and sid:
                        self._default[st.get(W + "type", "")] = self._names.get(sid, sid)
        return self._names

    def name(self, sid: str | None, kind: str) -> str:
        names = self._load()
        if not sid:
            return self._default[kind]
        return names.get(sid, sid)


def describe(old: etree._Element | None, new: etree._Element | None, styles: StyleNames) -> str:
    """What changed from the properties ``old`` to ``new`` (``w:rPr`` or ``w:pPr``), "; "-joined."""
    before, after = _props(old), _props(new)
    out: list[str] = []
    for local in (*after, *(k for k in before if k not in after)):
        a, b = before.get(local), after.get(local)
        if a is not None and b is not None and _same(a, b):
            continue
        if local in _TOGGLES:
            was, now = _on(a), _on(b)
            if was != now:
                out.append(f"{_TOGGLES[local]} {'added' if now else 'removed'}")
        elif local == "numPr":
            out.append(_numbering(a, b))
        elif local == "ind":
            out.extend(_attrs(a, b, _IND))
        elif local == "spacing" and _val(a) is None and _val(b) is None:  # a paragraph's (a run's has w:val)
            out.extend(_attrs(a, b, _SPACING) or ["spacing changed"])
        elif local in ("pStyle", "rStyle"):
            kind = "paragraph" if local == "pStyle" else "character"
            out.append(f"{_VALUED[local]} {styles.name(_val(a), kind)} \u2192 {styles.name(_val(b), kind)}")
        elif local in ("sz", "szCs"):
            out.append(f"font size {_points(a)} \u2192 {_points(b)}")
        elif local == "rFonts":
            out.append(f"font {_font(a)} \u2192 {_font(b)}")
        elif local == "jc":
            out.append(f"alignment {_align(a)} \u2192 {_align(b)}")
        elif local == "u":
            was, now = _val(a) not in (None, "none"), _val(b) not in (None, "none")
            out.append(f"underline {'added' if now else 'removed'}" if was != now
                       else f"underline {_val(a)} \u2192 {_val(b)}")
        elif local == "vertAlign":
            out.append(_position(a, b))
        elif local in _VALUED:
            out.append(f"{_VALUED[local]} {_val(a) or 'default'} \u2192 {_val(b) or 'default'}")
        else:
            out.append(f"{_LABELS.get(local, local)} changed")
    return "; ".join(dict.fromkeys(x for x in out if x))


_LABELS = {"tabs": "tab stops", "pBdr": "borders", "bdr": "border", "shd": "shading", "framePr": "frame",
           "fitText": "fit text", "eastAsianLayout": "East Asian layout", "textboxTightWrap": "text box wrap",
           "cnfStyle": "table style formatting", "divId": "HTML division"}


def _val(el: etree._Element | None) -> str | None:
    return None if el is None else el.get(_VAL)


def _points(el: etree._Element | None) -> str:
    v = _val(el)
    if v is None:
        return "default"
    try:
        return f"{int(v) / 2:g} pt"
    except ValueError:
        return v


def _font(el: etree._Element | None) -> str:
    if el is None:
        return "default"
    for attr in ("ascii", "hAnsi", "cs", "eastAsia", "asciiTheme", "cstheme"):
        v: str | None = el.get(W + attr)  # lxml has no type stubs: say what it returns
        if v:
            return v
    return "default"


def _align(el: etree._Element | None) -> str:
    v = _val(el)
    return "default" if v is None else _ALIGN.get(v, v)


def _position(a: etree._Element | None, b: etree._Element | None) -> str:
    was, now = _val(a) or "baseline", _val(b) or "baseline"
    if was == "baseline":
        return f"{now} added"
    if now == "baseline":
        return f"{was} removed"
    return f"{was} \u2192 {now}"


def _attrs(a: etree._Element | None, b: etree._Element | None, names: tuple[tuple[str, str], ...]) -> list[str]:
    out: list[str] = []
    for attr, label in names:
        x = a.get(W + attr) if a is not None else None
        y = b.get(W + attr) if b is not None else None
        if x != y:
            out.append(f"{label} {x or 0} \u2192 {y or 0}")
    return out


def _numbering(a: etree._Element | None, b: etree._Element | None) -> str:
    if a is None:
        return "numbering added"
    if b is None:
        return "numbering removed"

    def part(el: etree._Element, name: str) -> str:
        found = el.find(W + name)
        return found.get(_VAL, "") if found is not None else ""

    if part(a, "numId") != part(b, "numId"):
        return "numbering list changed"
    if part(a, "ilvl") != part(b, "ilvl"):
        return f"numbering level {part(a, 'ilvl') or 0} \u2192 {part(b, 'ilvl') or 0}"
    return "numbering changed"
