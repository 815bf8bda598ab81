"""Plain-text packages: flattened extractions and CriticMarkup (filled in by the splitter issue)."""

from __future__ import annotations

from pathlib import Path

from ..model import Package


def read_text(path: Path) -> Package:
    raise NotImplementedError
