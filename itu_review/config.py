"""The config file and theme files: TOML, validated strictly, found in the platform's config directory.

Precedence everywhere: command line > environment (ITU_REVIEW_*) > config file > default.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

from .errors import InputError

APP_NAME = "itu-review"
CONFIG_KEYS = {"reviewer", "theme", "bidi", "keymap", "log"}
BIDI_MODES = ("auto", "app", "terminal", "off")
DEFAULT_THEME = "itu-dark"
NO_COLOR_THEME = "itu-monochrome"
#: The themes' source folder, read by an editable install or a source checkout; a wheel carries them
#: as package data (``itu_review/themes``, put there by setup.py's build step).
REPO_THEMES = Path(__file__).resolve().parent.parent / "themes"


def config_dir() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME)


def config_path() -> Path:
    """$ITU_REVIEW_CONFIG, else config.toml in the platform's config directory."""
    given = os.environ.get("ITU_REVIEW_CONFIG")
    return Path(given) if given else config_dir() / "config.toml"


@dataclass
class Config:
    reviewer: str | None = None
    theme: str | None = None
    bidi: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    #: "beside" (PACKAGE.decisions.jsonl), or a path template with {name} (file name) and {stem}
    log: str = "beside"
    path: Path | None = None


def load_config(path: Path | None = None) -> Config:
    p = path or config_path()
    if not p.exists():
        return Config()
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(p, f"not valid TOML: {exc}") from None
    unknown = sorted(set(data) - CONFIG_KEYS)
    if unknown:
        raise InputError(p, f"unknown key {unknown[0]!r} (known keys: {', '.join(sorted(CONFIG_KEYS))})")
    for key in ("reviewer", "theme", "bidi", "log"):
        if key in data and not isinstance(data[key], str):
            raise InputError(p, f"{key!r} must be a string")
    if data.get("bidi") not in (None, *BIDI_MODES):
        raise InputError(p, f"'bidi' must be one of {', '.join(BIDI_MODES)}")
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict) or not all(isinstance(v, str) for v in keymap.values()):
        raise InputError(p, "'keymap' must be a table of binding id = \"keys\"")
    return Config(data.get("reviewer"), data.get("theme"), data.get("bidi"), dict(keymap),
                  data.get("log", "beside"), p)


def unknown_keymap(keymap: dict[str, str], known: Iterable[str]) -> str:
    """What is wrong with a keymap whose ids no key has ("" when every id is known), as the unknown
    config keys above are reported: a typo ("next_edit" for "next-edit") would otherwise leave the key
    as it was, silently. Only the app knows its binding ids (the core never imports textual): it asks."""
    names = sorted(set(known))
    unknown = sorted(set(keymap) - set(names))
    if not unknown:
        return ""
    return (f"unknown [keymap] id{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}: no key "
            f"changed (known ids: {', '.join(names)})")


@overload
def setting(cli: str | None, env: str, file_value: str | None, default: str) -> str: ...


@overload
def setting(cli: str | None, env: str, file_value: str | None, default: None) -> str | None: ...


def setting(cli: str | None, env: str, file_value: str | None, default: str | None) -> str | None:
    """Command line > environment > config file > default."""
    for value in (cli, os.environ.get(env), file_value):
        if value:
            return value
    return default


def log_for(package: str, cfg: Config) -> Path:
    """Where a package's decision log lives by the config's policy."""
    from .decisions import default_log_path

    if cfg.log == "beside":
        return default_log_path(package)
    p = Path(package)
    return Path(os.path.expanduser(cfg.log.format(name=p.name, stem=p.stem)))


# -- themes -------------------------------------------------------------------------------------

THEME_KEYS = {"name", "description", "dark", "colors", "marks"}
COLOR_KEYS = {"primary", "secondary", "accent", "foreground", "background", "surface", "panel", "warning", "error",
              "success"}
MARK_KEYS = {"inserted", "deleted", "moved_from", "moved_to", "format", "current", "accepted", "rejected", "flagged",
             "brackets"}


@dataclass
class ThemeSpec:
    name: str
    description: str
    dark: bool
    colors: dict[str, str]
    marks: dict[str, Any]
    source: str


def _parse_theme(path: Path) -> ThemeSpec:
    from rich.color import Color, ColorParseError
    from rich.errors import StyleSyntaxError
    from rich.style import Style

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise InputError(path, f"not a valid theme file: {exc}") from None
    unknown = sorted(set(data) - THEME_KEYS)
    if unknown:
        raise InputError(path, f"unknown key {unknown[0]!r} in theme")
    if not isinstance(data.get("name"), str) or not data["name"]:
        raise InputError(path, "a theme needs a name")
    colors, marks = data.get("colors", {}), data.get("marks", {})
    for table, known, label in ((colors, COLOR_KEYS, "colors"), (marks, MARK_KEYS, "marks")):
        bad = sorted(set(table) - known)
        if bad:
            raise InputError(path, f"unknown key {bad[0]!r} in [{label}]")
    for key, value in colors.items():
        try:
            Color.parse(value)
        except ColorParseError:
            raise InputError(path, f"[colors] {key} = {value!r} is not a colour") from None
    for key, value in marks.items():
        if key == "brackets":
            if not isinstance(value, bool):
                raise InputError(path, "[marks] brackets must be true or false")
            continue
        try:
            Style.parse(value)
        except (StyleSyntaxError, AttributeError, ValueError):
            raise InputError(path, f"[marks] {key} = {value!r} is not a style") from None
    return ThemeSpec(data["name"], data.get("description", ""), bool(data.get("dark", True)), dict(colors),
                     dict(marks), str(path))


def shipped_themes() -> Path:
    """The folder of the themes that come with itu-review: package data when installed from a wheel,
    ``themes/`` of the repository otherwise."""
    from importlib.resources import files

    packaged = files("itu_review").joinpath("themes")
    if packaged.is_dir():
        return Path(str(packaged))
    return REPO_THEMES


def theme_dirs() -> list[Path]:
    """The shipped themes, the user's (``themes/`` of the config folder), and ``themes/`` beside a
    config file named by $ITU_REVIEW_CONFIG (a team's config keeps its themes with it)."""
    dirs = [shipped_themes(), config_dir() / "themes"]
    beside = config_path().parent / "themes"
    if beside not in dirs:
        dirs.append(beside)
    return dirs


def load_themes() -> tuple[dict[str, ThemeSpec], list[str]]:
    """Every theme found (shipped first, the user's own after, overriding by name), and the errors."""
    themes: dict[str, ThemeSpec] = {}
    errors: list[str] = []
    for folder in theme_dirs():
        if not folder.is_dir():
            continue
        for f in sorted(folder.glob("*.toml")):
            try:
                spec = _parse_theme(f)
            except InputError as exc:
                errors.append(str(exc))
                continue
            themes[spec.name] = spec
    return themes, errors


def mark_styles(spec: ThemeSpec | None) -> tuple[dict[str, Any], bool]:
    """Rich styles for document marks, keyed as the display layer wants them, and the bracket setting."""
    from rich.style import Style

    from .display.render import DEFAULT_STYLES

    styles = dict(DEFAULT_STYLES)
    if spec is None:
        return styles, False
    m = spec.marks
    for ours, theirs in (("ins", "inserted"), ("del", "deleted"), ("move_from", "moved_from"),
                         ("move_to", "moved_to"), ("fmt", "format"), ("current", "current"), ("warning", "flagged"),
                         ("accepted", "accepted"), ("rejected", "rejected"), ("flagged", "flagged")):
        if theirs in m:
            styles[ours] = Style.parse(m[theirs])
    return styles, bool(m.get("brackets", False))
