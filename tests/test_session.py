"""The review session without a UI: moving, deciding, undo, and the running count of decisions."""

from __future__ import annotations

from pathlib import Path

from itu_review.package import load
from itu_review.session import ReviewSession

from .conftest import SAMPLES


def recount(s: ReviewSession) -> tuple[int, int]:
    done = total = 0
    for it in s.items:
        d, t, _ = s.progress(it)
        done, total = done + d, total + t
    return done, total


def test_running_count_matches_a_recount(tmp_path: Path) -> None:
    pkg = load(SAMPLES / "en-proposals.docx")
    s = ReviewSession.open([pkg], [tmp_path / "d.jsonl"], "amina")
    assert s.totals() == recount(s) == (0, 15)
    s.decide("accept")
    s.decide("reject")  # the same edit again: still one decided
    s.next_edit()
    s.decide("flag", "why?")
    assert s.totals() == recount(s) == (2, 15)
    s.decide("accept", edits=s.undecided(s.current), pkg=0)
    assert s.totals() == recount(s) == (11, 15)
    s.decide("clear")
    s.undo()
    s.undo()
    assert s.totals() == recount(s)
    reopened = ReviewSession.open([load(SAMPLES / "en-proposals.docx")], [tmp_path / "d.jsonl"], "amina")
    assert reopened.totals() == s.totals()


def test_next_undecided_wraps_and_stops_when_all_are_decided(tmp_path: Path) -> None:
    s = ReviewSession.open([load(SAMPLES / "fr-propositions.docx")], [tmp_path / "d.jsonl"], "amina")
    assert s.current_edit.id == "EUR/15A2/1#1"
    s.decide("accept", edits=s.current.prop.edits[1:], pkg=0)
    assert s.next_undecided() and s.current_edit.id == "EUR/15A2/1#1"
    s.decide("accept")
    assert not s.next_undecided()
