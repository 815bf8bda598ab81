"""Decided edits look decided: a glyph before each (✓ accepted, ✗ rejected, ⚑ flagged, ≠ reviewers
disagree, ↻ to confirm), accepted and rejected ones dimmed, in colour and without; and a deletion that
is the current edit is seen in the proposed text (⌫ where the text was)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from itu_review import decisions as dlog
from itu_review.config import load_themes, mark_styles
from itu_review.display.render import DEFAULT_STYLES, Look, ProposalView
from itu_review.package import load

from .conftest import SAMPLES, run_cli

PKG = SAMPLES / "en-proposals.docx"
MARKED = Look(DEFAULT_STYLES, markers=True)
CONSOLE = Console()


def view(status: dict[int, str] | None, view: str = "side", current: int = -1, look: Look = MARKED,
         cache: dict[tuple[object, ...], object] | None = None) -> list[str]:
    pkg = load(PKG)
    prop = pkg.proposal("AFCP/12A1/1")
    return [r.plain.rstrip() for r in ProposalView(pkg, prop, view, look, current, status=status,
                                                   cache=cache).rows(120)]


def test_each_status_has_its_glyph_without_colour() -> None:
    """#1 accepted, #2 rejected, #5 (the deleted item d)) flagged, #8 to confirm, the footnote's #3
    disagreed on; the others pending carry no glyph."""
    rows = view({0: "accepted", 1: "rejected", 4: "flagged", 7: "to confirm", 2: "disagreement"})
    text = "\n".join(rows)
    assert "RESOLUTION 130 (REV. \u2713[-DUBAI, 2018-])                     \u2502 RESOLUTION 130 (REV. " \
           "\u2713[+BUCHAREST, 2022+])" in rows
    assert "Telecommunication Union (\u2717[-Dubai, 2018-]),                \u2502 Telecommunication Union " \
           "(\u2717[+Bucharest, 2022+])," in rows
    assert "\u2691[-d)  UNGA Resolution 57/239, on the creation of a-]" in text
    assert "\u21bb[-users-];" in text and "for \u21bb[+all users+];" in text
    assert "[1]  See also \u2260[+UNGA Resolution 77/211 and +]Resolution 179" in text
    assert text.count("\u2713") == 2 and text.count("\u2717") == 2 and text.count("\u2691") == 1
    pending = "\n".join(view(None))
    assert not any(g in pending for g in "\u2713\u2717\u2691\u2260\u21bb")


def test_resolved_edits_are_dimmed_flagged_ones_not() -> None:
    pkg = load(PKG)
    prop = pkg.proposal("AFCP/12A1/1")
    rows = ProposalView(pkg, prop, "inline", Look(DEFAULT_STYLES), status={0: "accepted", 4: "flagged"}).rows(200)
    heading = next(r for r in rows if r.plain.startswith("RESOLUTION 130"))
    at = heading.plain.index("DUBAI")
    style = heading.get_style_at_offset(CONSOLE, at)
    assert style.dim and style.strike  # the accepted deletion: still struck, now dimmed
    assert heading.get_style_at_offset(CONSOLE, at - 1).bold  # its ✓, in the accepted style
    flagged = next(r for r in rows if "57/239" in r.plain)
    style = flagged.get_style_at_offset(CONSOLE, flagged.plain.index("57/239"))
    assert style.strike and not style.dim


def test_theme_styles_decisions() -> None:
    themes, _ = load_themes()
    styles, brackets = mark_styles(themes["itu-monochrome"])
    assert brackets and styles["accepted"].bold and styles["rejected"].dim and styles["flagged"].underline
    styles, _ = mark_styles(themes["itu-dark"])
    assert styles["accepted"].color is not None and styles["accepted"].color.name == "#6bd68b"


def test_a_current_deletion_is_seen_in_the_proposed_text() -> None:
    """#5 deletes item d) whole: in the proposed column (and the proposed view) a ⌫ stands where it
    was, highlighted as the current edit; no other deletion gets one."""
    pkg = load(PKG)
    prop = pkg.proposal("AFCP/12A1/1")
    rows = ProposalView(pkg, prop, "proposed", MARKED, current=4).rows_with_edits(100)
    marked = [(r.plain.rstrip(), edits) for r, edits in rows if "\u232b" in r.plain]
    assert marked == [("[-\u232b-]", frozenset({4}))]
    side = view(None, current=4)
    k = next(i for i, r in enumerate(side) if "57/239" in r)
    assert side[k].endswith("\u2502 [-\u232b-]")
    assert not any("\u232b" in r for r in view(None, current=0))


def test_statuses_are_part_of_the_cache_key() -> None:
    """The app keeps rows between redraws: a decision must still redraw the line it changes."""
    cache: dict[tuple[object, ...], object] = {}
    first = view({0: "pending"}, cache=cache)
    again = view({0: "pending"}, cache=cache)
    decided = view({0: "accepted"}, cache=cache)
    assert first == again and len(cache) > 0
    assert "\u2713" in decided[3] and "\u2713" not in first[3]


def test_show_takes_statuses_from_the_log(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    pkg = load(PKG)
    e = {x.id: x for x in pkg.edits}
    dlog.append(log, [dlog.make_event(pkg, e["AFCP/12A1/1#1"], "amina", "accept"),
                      dlog.make_event(pkg, e["AFCP/12A1/1#2"], "amina", "reject"),
                      dlog.make_event(pkg, e["AFCP/12A1/1#2"], "omar", "accept")])
    res = run_cli("show", str(PKG), "AFCP/12A1/1", "--log", str(log), "--width", "120")
    assert res.returncode == 0, res.stderr
    lines = [x.rstrip() for x in res.stdout.splitlines()]
    assert "RESOLUTION 130 (REV. \u2713[-DUBAI, 2018-])                     \u2502 RESOLUTION 130 (REV. " \
           "\u2713[+BUCHAREST, 2022+])" in lines
    assert "Telecommunication Union (\u2260[-Dubai, 2018-]),                \u2502 Telecommunication Union " \
           "(\u2260[+Bucharest, 2022+])," in lines


def test_a_glyph_stands_with_the_first_word_of_an_insertion_that_opens_with_a_space() -> None:
    """' 68/198' inserted after '76/19و': the ✓ goes before '68', not before the space (where, right to
    left, it stuck to the word before)."""
    from itu_review.display.rows import span_cells
    from itu_review.views import Span

    cells = span_cells([Span("\u0648 76/19"), Span(" 68/198", "ins", 3)], "proposed", status=lambda e: "accepted")
    text = "".join(c[0] for c in cells)
    assert text == "\u0648 76/19 \u271368/198"
    assert all(c[2] == 3 for c in cells[len("\u0648 76/19"):])  # the space is still the edit's


def test_without_colour_the_glyph_stays_inside_its_edits_brackets() -> None:
    """Without colour, an insertion opening with a space is one bracketed run with its glyph inside it
    (it read '[+ +]⚑[+68/198+]': the glyph split the markers)."""
    from itu_review.display.render import DEFAULT_STYLES, Look, render_cells
    from itu_review.display.rows import span_cells
    from itu_review.views import Span

    cells = span_cells([Span("and 76/19"), Span(" 68/198", "ins", 3), Span(" x")], "proposed",
                       status=lambda e: "flagged")
    rows = render_cells(cells, 40, False, Look(DEFAULT_STYLES, markers=True, bidi="off"))
    assert rows[0].plain.rstrip() == "and 76/19[+ \u269168/198+] x"
