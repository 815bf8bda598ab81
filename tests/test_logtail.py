"""`decide` says how many of a reviewer's verdicts it replaced by reading the log backwards
(``logtail.last_verdicts``): what it finds must be what the reviewer last decided, wherever the
read blocks fall, and a line longer than a block must not stop it."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from itu_review import logfile, logtail

REVIEWERS = ("amina", "omar", "li wei", "Zoë")
IDS = [f"P/1/{p}#{e}" for p in range(1, 4) for e in range(1, 5)]
VERDICTS = ("accept", "reject", "flag", "note", "clear")


def event(reviewer: str, eid: str, verdict: str, note: str = "") -> dict[str, Any]:
    return {"v": 1, "at": "2026-01-01T00:00:00Z", "reviewer": reviewer, "user": "u", "package": "p", "edit": eid,
            "fp": f"fp-{eid}", "verdict": verdict, "note": note}


def expected(events: list[dict[str, Any]], reviewer: str) -> dict[str, str]:
    """The reviewer's current verdict per edit, folding the events forwards (a note keeps the verdict)."""
    now: dict[str, str] = {}
    for ev in events:
        if ev["reviewer"] != reviewer or ev["verdict"] == "note":
            continue
        if ev["verdict"] == "clear":
            now.pop(ev["edit"], None)
        else:
            now[ev["edit"]] = ev["verdict"]
    return now


@pytest.mark.parametrize("block", [64, 200, 1000, 1 << 20])
def test_backwards_reading_finds_each_reviewers_last_verdicts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              block: int) -> None:
    monkeypatch.setattr(logtail, "SCAN_BLOCK", block)
    rng = random.Random(block)
    events = [event(rng.choice(REVIEWERS), rng.choice(IDS), rng.choice(VERDICTS), "n" * rng.randrange(0, 150))
              for _ in range(600)]
    log = tmp_path / "d.jsonl"
    logfile.append(log, events)
    keys = {eid: f"fp-{eid}" for eid in IDS}
    for reviewer in (*REVIEWERS, "nobody"):
        assert logtail.last_verdicts(log, reviewer, keys) == expected(events, reviewer), reviewer
    assert logtail.last_verdicts(log, "amina", {IDS[0]: "another fingerprint"}) == {}


def test_a_line_longer_than_a_block_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logtail, "SCAN_BLOCK", 256)
    events = [event("amina", IDS[0], "accept"), event("amina", IDS[1], "flag"),
              event("omar", IDS[0], "flag", "a long note " * 200),  # about ten blocks
              event("amina", IDS[2], "reject"), event("omar", IDS[3], "reject", "ends a block " * 19)]
    log = tmp_path / "d.jsonl"
    logfile.append(log, events)
    keys = {eid: f"fp-{eid}" for eid in IDS}
    assert logtail.last_verdicts(log, "amina", keys) == {IDS[0]: "accept", IDS[1]: "flag", IDS[2]: "reject"}
    assert logtail.last_verdicts(log, "omar", keys) == {IDS[0]: "flag", IDS[3]: "reject"}
