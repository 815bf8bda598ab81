"""Theme files (see itu_review.config) turned into Textual themes."""

from __future__ import annotations

from textual.theme import Theme

from ..config import ThemeSpec


def to_textual(spec: ThemeSpec) -> Theme:
    c = spec.colors
    variables = {f"itu-{k.replace('_', '-')}": v for k, v in spec.marks.items() if isinstance(v, str)}
    return Theme(name=spec.name, primary=c.get("primary", "#4f9dde"), secondary=c.get("secondary"),
                 accent=c.get("accent"), foreground=c.get("foreground"), background=c.get("background"),
                 surface=c.get("surface"), panel=c.get("panel"), warning=c.get("warning"), error=c.get("error"),
                 success=c.get("success"), dark=spec.dark, variables=variables)
