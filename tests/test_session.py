"""The review session without a UI: moving, deciding, undo, and the running count of decisions."""

from __future__ import annotations

import shutil
from pathlib import Path

from itu_review import decisions as dlog
from itu_review.package import load
from itu_review.session import DECIDED, ReviewSession
from itu_review.summary import summarize

from .conftest import SAMPLES

EN = SAMPLES / "en-proposals.docx"


def recount(s: ReviewSession) -> tuple[int, int]:
    """Decided and total, counted from scratch: every edit, and every proposal without edits."""
    done = total = 0
    for it in s.items:
        if it.prop.edits:
            done += sum(s.status(it.pkg, e) in DECIDED for e in it.prop.edits)
            total += len(it.prop.edits)
        else:
            done += s.proposal_status(it) in ("supported", "opposed", "has flags")
            total += 1
    return done, total


def test_running_count_matches_a_recount(tmp_path: Path) -> None:
    pkg = load(EN)
    s = ReviewSession.open([pkg], [tmp_path / "d.jsonl"], "amina")
    assert s.totals() == recount(s) == (0, 18)  # 15 edits and three proposals without edits (SUP, ADD, NOC)
    s.decide("accept")
    s.decide("reject")  # the same edit again: still one decided
    s.next_edit()
    s.decide("flag", "why?")
    assert s.totals() == recount(s) == (2, 18)
    s.decide("accept", edits=s.undecided(s.current), pkg=0)
    assert s.totals() == recount(s) == (11, 18)
    s.decide("clear")
    s.undo()
    s.undo()
    assert s.totals() == recount(s)
    s.goto(next(k for k, it in enumerate(s.items) if it.prop.action == "SUP"))
    s.decide("accept")  # a proposal without edits: supported
    assert s.totals() == recount(s)
    reopened = ReviewSession.open([load(EN)], [tmp_path / "d.jsonl"], "amina")
    assert reopened.totals() == s.totals()


def test_next_undecided_wraps_stops_at_proposals_without_edits_and_stops_when_all_are_decided(tmp_path: Path) -> None:
    s = ReviewSession.open([load(SAMPLES / "fr-propositions.docx")], [tmp_path / "d.jsonl"], "amina")
    assert s.current_edit.id == "EUR/15A2/1#1"
    s.decide("accept", edits=s.current.prop.edits[1:], pkg=0)
    assert s.next_undecided() and s.current.prop.id == "EUR/15A2/2" and s.current_edit is None  # the SUP
    assert s.next_undecided() and s.current_edit.id == "EUR/15A2/1#1"  # wrapped round
    s.decide("accept")
    assert s.next_undecided() and s.current.prop.id == "EUR/15A2/2"
    s.decide("reject")  # on a SUP: oppose the proposal
    assert s.states[0].proposal_verdicts("EUR/15A2/2")["amina"].verdict == "oppose"
    assert not s.next_undecided()


def test_opens_where_the_reviewer_left_off(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    s = ReviewSession.open([load(EN)], [log], "amina")
    s.decide("accept", edits=s.current.prop.edits, pkg=0)  # all of AFCP/12A1/1
    s.goto(1)
    s.decide("reject", edits=s.current.prop.edits[:2], pkg=0)
    again = ReviewSession.open([load(EN)], [log], "amina")
    assert again.current_edit.id == "AFCP/12A1/2#3"
    omar = ReviewSession.open([load(EN)], [log], "omar")  # another reviewer starts at the start
    assert omar.current_edit.id == "AFCP/12A1/1#1"


def test_accepting_the_last_edit_moves_on_to_the_next_open_stop_of_the_next_proposals(tmp_path: Path) -> None:
    s = ReviewSession.open([load(EN)], [tmp_path / "d.jsonl"], "amina")
    s.goto(1)  # AFCP/12A1/2, four edits
    s.decide("accept", edits=s.current.prop.edits[:1], pkg=0)
    s.edit = 3
    s.decide("accept")
    assert s.move_on() == "proposal"
    assert s.current.prop.id == "AFCP/12A1/3" and s.current_edit is None  # the SUP: a stop of its own
    s.decide("accept")
    assert s.move_on() == "proposal" and s.current.prop.id == "AFCP/12A1/4"
    s.goto(0, 10)  # the last edit of AFCP/12A1/1: the next open stop is AFCP/12A1/2#2 (#1 was accepted)
    assert s.move_on() == "proposal" and s.current_edit.id == "AFCP/12A1/2#2"


def test_scope_limits_moving_to_the_filtered_proposals(tmp_path: Path) -> None:
    s = ReviewSession.open([load(EN)], [tmp_path / "d.jsonl"], "amina")
    ids = [it.prop.id for it in s.items]
    s.scope = [ids.index("AFCP/12A1/1"), ids.index("AFCP/12A1/4")]
    assert s.next_proposal() and s.current.prop.id == "AFCP/12A1/4"
    assert not s.next_proposal()
    assert s.next_proposal(-1) and s.current.prop.id == "AFCP/12A1/1"
    s.goto(ids.index("AFCP/12A1/2"))  # outside the filter: ] goes to the next one in it
    assert s.next_proposal() and s.current.prop.id == "AFCP/12A1/4"


def test_find_by_id(tmp_path: Path) -> None:
    s = ReviewSession.open([load(EN)], [tmp_path / "d.jsonl"], "amina")
    assert s.find("AFCP/12A1/2") == (1, 0)
    assert s.find("afcp/12a1/2#3") == (1, 2)
    assert s.find("#5") == (0, 4)  # in the current proposal
    assert s.find("AFCP/12A1/2#9") is None and s.find("B/1/1") is None and s.find("") is None


def test_undo_says_what_it_undid_and_restores_notes(tmp_path: Path) -> None:
    s = ReviewSession.open([load(EN)], [tmp_path / "d.jsonl"], "amina")
    s.decide("note", "ask the venue")
    s.decide("accept")  # the note stays with the edit
    assert s.own(0, s.current_edit).note == "ask the venue"
    done = s.undo()
    assert done is not None and done.message() == "Undone: accepted AFCP/12A1/1#1 (now pending, with its note)."
    mine = s.own(0, s.current_edit)
    assert mine.verdict == "" and mine.note == "ask the venue"
    s.decide("reject", edits=s.current.prop.edits[:3], pkg=0)
    assert s.undo().message() == "Undone: rejected 3 edits from AFCP/12A1/1#1 on (back to what they were)."
    assert s.undo().message() == "Undone: noted AFCP/12A1/1#1 (now pending)."
    assert s.undo() is None


def test_a_reattached_decision_is_to_confirm_until_confirmed(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    old = load(EN)
    s = ReviewSession.open([old], [log], "amina")
    s.decide("accept", edits=old.proposals[1].edits, pkg=0)  # AFCP/12A1/1, all eleven
    rev = tmp_path / "rev1.docx"
    shutil.copy(SAMPLES / "en-proposals-rev1.docx", rev)
    s2 = ReviewSession.open([load(rev)], [log], "amina")
    waiting = s2.to_confirm_edits()
    assert len(waiting) == 2  # Rev.1 reworded two of them: "users -> all users" became "… all the users" …
    pkg, edit = next((p, e) for p, e in waiting if e.id == "AFCP/12A1/1#8")
    assert (edit.deleted, edit.inserted) == ("users", "all the users")
    assert s2.status(pkg, edit) == dlog.TO_CONFIRM
    decided, total = s2.totals()
    assert s2.to_confirm() == len(waiting) and decided + s2.to_confirm() <= total
    k, j = s2.find(edit.id)
    s2.goto(0)
    assert s2.next_undecided() and (s2.item, s2.edit) <= (k, j)  # N stops at it (or at an earlier open edit)
    s2.goto(k, j)
    assert s2.confirm() == 1
    assert s2.status(pkg, edit) == dlog.ACCEPTED and s2.to_confirm() == len(waiting) - 1
    assert s2.undo().message().endswith("(now to confirm).")
    assert s2.status(pkg, edit) == dlog.TO_CONFIRM  # undo re-attaches it again


def test_refresh_folds_in_what_another_reviewer_appended(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    amina = ReviewSession.open([load(EN)], [log], "amina")
    omar = ReviewSession.open([load(EN)], [log], "omar")
    assert amina.refresh() == set()
    omar.decide("reject")
    omar.goto(2)  # the SUP
    omar.decide("accept")
    touched = amina.refresh()
    assert touched == {0, 2}
    e = amina.current_edit
    assert amina.states[0].verdicts(e.index)["omar"].verdict == "reject"
    amina.decide("accept")
    assert amina.proposal_status(amina.items[0]) == "disagreement"
    assert amina.totals() == (1, 18)  # omar's decisions are not amina's progress


def test_summary_counts_by_state_with_everybody_s_flags_and_notes(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    s = ReviewSession.open([load(EN)], [log], "amina")
    s.decide("accept")
    s.decide("flag", "which venue?", edits=[s.current.prop.edits[1]], pkg=0)
    omar = ReviewSession.open([load(EN)], [log], "omar")
    omar.decide("reject")
    omar.decide("note", "see the French text", edits=[omar.current.prop.edits[4]], pkg=0)
    s.refresh()
    first = summarize(s)[0]
    assert first.counts == {"accepted": 1, "rejected": 0, "flagged": 1, "to confirm": 0, "pending": 9}
    assert first.left == 9 and first.first_open == 2 and first.disagreements == 1
    assert [(r.edit_id, r.reviewer, r.verdict, r.note) for r in first.remarks] == [
        ("AFCP/12A1/1#2", "amina", "flag", "which venue?"), ("AFCP/12A1/1#5", "omar", "", "see the French text")]
