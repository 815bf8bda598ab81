"""Who made a proposal: the source part of its id, and the administrations it stands for."""

from __future__ import annotations

#: Regional groups and the organisations they stand for (a group counts as one source).
REGIONAL_GROUPS = {"ACP": "APT", "EUR": "CEPT", "IAP": "CITEL", "AFCP": "ATU", "ARB": "Arab States", "RCC": "RCC"}


def source_of(pid: str) -> str:
    """``B/CAN/CLM/USA/38/2`` -> ``B/CAN/CLM/USA``; ``ACP/30/1`` -> ``ACP``; anything else as it is."""
    parts = pid.split("/")
    return "/".join(parts[:-2]) if len(parts) >= 3 else pid


def members(source: str) -> tuple[str, ...]:
    """The administrations (or regional groups) a source lists: ``B/CAN/CLM/USA`` -> four."""
    return tuple(s for s in source.split("/") if s)
