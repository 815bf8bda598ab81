"""The in-force column: the text in force itself beside the proposal, the package's untracked change
marked where it is, every column labelled for what it holds, and the package's base one view away."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from itu_review.basetexts import load_collection
from itu_review.check import check_proposal
from itu_review.display.in_force import PACKAGE_BASE_LABEL, base_note, base_side, force_cells
from itu_review.display.render import DEFAULT_STYLES, Look, ProposalView, span_cells
from itu_review.package import load
from itu_review.views import Span

from .conftest import CORPUS, ROOT, SAMPLES, run_cli

PP18 = CORPUS / "akn4itu" / "pp18_final_acts_akn.xml"
PKG = SAMPLES / "en-pp18.docx"


def rows(*args: str) -> list[str]:
    res = run_cli("show", str(PKG), *args)
    assert res.returncode == 0, res.stderr
    return [line.rstrip() for line in res.stdout.splitlines()]


def test_the_column_holds_the_text_in_force_with_the_untracked_change_where_it_is() -> None:
    """Resolution 130 in force says "global"; the package's base says "worldwide" without marks. The
    left column is headed "in force: …" and shows the text in force — its label d) typed, "global" in
    place, the package's word after the arrow — beside the proposal."""
    out = rows("IAP/50/1", "--base", str(PP18), "--width", "120")
    head = next(k for k, line in enumerate(out) if line.startswith("in force:"))
    assert out[head] == "in force: Resolution 130 (Rev. Dubai, 2018)                │ proposed"
    d = next(k for k, line in enumerate(out) if line.startswith("d) UNGA Resolution 57/239"))
    assert out[d:d + 2] == [
        "d) UNGA Resolution 57/239, on the creation of a            │ UNGA Resolution 57/239, on the creation of a worldwide",
        "{global→worldwide} culture of cybersecurity;               │ culture of cybersecurity;",
    ]
    # the package's tracked deletion is drawn on the text in force: the edit is seen on both sides
    assert "RESOLUTION 130 (REV. [-DUBAI, 2018-])                      │ RESOLUTION 130 (REV. [+BUCHAREST, 2022+])" in out
    # list labels are numbering: the label in force is shown and never marked; no "⚠ untracked" prefix
    assert out[d + 2].startswith("e) UNGA Resolution 64/211, on the creation of a global")
    assert not any("\u26a0" in line for line in out)
    # the finding, above the columns, names the paragraph by its label
    assert "! error untracked-change in d): … creation of a [-global-] [+worldwide+] culture of cybersecurity;" in out


def test_at_80_columns_the_heading_is_shortened_not_cut() -> None:
    out = rows("IAP/50/1", "--base", str(PP18), "--width", "80")
    assert "in force: Res. 130 (Rev. Dubai, 2018)  │ proposed" in out
    assert all(len(line) <= 80 for line in out)
    d = next(k for k, line in enumerate(out) if line.startswith("d) UNGA Resolution 57/239"))
    assert "{global→worldwide}" in " ".join(out[d:d + 3])


def test_the_package_base_stays_one_view_away_and_says_what_it_is() -> None:
    """--view package-base: the package's own base beside the proposal, headed "base (from the
    package)", its paragraph with the untracked change flagged by the finding."""
    out = rows("IAP/50/1", "--base", str(PP18), "--view", "package-base", "--width", "120")
    assert "base (from the package)                                    │ proposed" in out
    d = next(line for line in out if "57/239" in line)
    assert d.startswith("\u26a0 untracked change: UNGA Resolution 57/239, on the         │ UNGA")
    assert "worldwide" in " ".join(out) and "{global" not in " ".join(out)


def test_without_a_collection_the_column_is_the_package_base() -> None:
    out = rows("IAP/50/1", "--width", "120")
    assert "base (from the package)                                    │ proposed" in out
    assert not any(line.startswith("in force") for line in out)
    # the package's base as it is: no label (Word numbers the items), "worldwide"
    assert "UNGA Resolution 57/239, on the creation of a worldwide     │ UNGA Resolution 57/239, on the creation of a worldwide" in out


def test_one_column_base_view_is_labelled() -> None:
    out = rows("IAP/50/1", "--base", str(PP18), "--view", "base", "--width", "100")
    assert out[5] == "in force: Resolution 130 (Rev. Dubai, 2018)"
    assert out[6] == "RESOLUTION 130 (REV. [-DUBAI, 2018-])"
    assert "d) UNGA Resolution 57/239, on the creation of a {global→worldwide} culture of cybersecurity;" in out
    plain = rows("IAP/50/1", "--view", "base", "--width", "100")
    assert plain[2] == PACKAGE_BASE_LABEL


def test_a_sup_shows_the_text_it_would_suppress_under_its_edition() -> None:
    res = run_cli("show", str(SAMPLES / "en-proposals.docx"), "AFCP/12A1/3", "--base", str(PP18), "--width", "120")
    out = [line.rstrip() for line in res.stdout.splitlines()]
    assert "in force: Resolution 2 (Rev. Dubai, 2018)                  │ proposed" in out
    res = run_cli("show", str(SAMPLES / "en-check.docx"), "ACP/30/5", "--base", str(PP18), "--width", "120")
    assert "base (from the package)" in res.stdout  # Resolution 999: no match, so no "in force" heading
    assert "the base collection does not hold it" in res.stdout and "! error not-found" in res.stdout


def test_a_paragraph_not_in_force_says_so() -> None:
    """The indicator table of AFCP/12A1/1 is not in Resolution 130 as in force: under the in-force
    heading its cells are flagged "not in force", in braces as the package's own words."""
    res = run_cli("show", str(SAMPLES / "en-proposals.docx"), "AFCP/12A1/1", "--base", str(PP18), "--width", "120")
    out = [line.rstrip() for line in res.stdout.splitlines()]
    assert any(line.startswith("\u26a0 not in force: {Indicator ┆ Source ┆ Frequency}") for line in out)


@pytest.fixture(scope="module")
def pp18():  # type: ignore[no-untyped-def]
    return load_collection([str(PP18)])


def test_force_cells_keep_the_package_styles_on_words_both_share() -> None:
    """Compared word by word: the text in force's characters, the package's styles and edits where the
    words agree (a tracked deletion, edit 4), untracked words marked on both sides."""
    base = span_cells([Span("a)\t"), Span("the "), Span("old", "del", 4), Span(" worldwide culture;")], "base")
    cells = force_cells(base, "a) the old global culture;")
    text = "".join(c[0] for c in cells)
    assert text == "a) the old global\u2192worldwide culture;"
    keys = {word: {(c[1], c[2]) for c in cells[text.index(word):text.index(word) + len(word)]}
            for word in ("old", "global", "worldwide", "culture")}
    assert keys == {"old": {("del", 4)}, "global": {("untracked", -1)}, "worldwide": {("untracked_ours", -1)},
                    "culture": {("", -1)}}
    # the package lacks a word in force, or has one more
    assert "".join(c[0] for c in force_cells(span_cells([Span("to adopt the plan")], "base"),
                                             "to adopt the strategic plan")) == "to adopt the strategic\u2192 plan"
    assert "".join(c[0] for c in force_cells(span_cells([Span("Sector Members and Associates in")], "base"),
                                             "Sector Members in")) == "Sector Members \u2192and Associates in"


def test_force_cells_in_a_right_to_left_paragraph_point_the_other_way() -> None:
    cells = force_cells(span_cells([Span("في العالم كله")], "base"), "في العالم", rtl=True)
    assert "".join(c[0] for c in cells) == "في العالم \u2190كله"


def test_labels_differ_but_are_not_marked(pp18) -> None:  # type: ignore[no-untyped-def]
    pkg = load(PKG)
    prop = pkg.proposal("IAP/50/1")
    view = ProposalView(pkg, prop, "side", Look(DEFAULT_STYLES), side=base_side(pkg, prop, check_proposal(pp18, pkg, prop)))
    text = "\n".join(r.plain for r in view.rows(120))
    for label in "abcefghi":  # every item but d) reads exactly as in force, its typed label first
        line = next(x for x in text.splitlines() if x.startswith(f"{label}) "))
        assert "\u2192" not in line.split("\u2502")[0]


def test_base_note_lives_in_the_core() -> None:
    assert base_note("docx", "ADD") == "ADD: new text, no base text in force"
    assert "give --base" in base_note("docx", "SUP") and "does not hold it" in base_note("docx", "SUP", True)
    assert "revision marks were lost" in base_note("flattened", "MOD")


def test_the_app_imports_nothing_from_the_command_line_modules() -> None:
    """The app and the CLI both stand on the core; neither reaches into the other."""
    cli_modules = {"itu_review.cli", "itu_review.commands", "itu_review.log_commands"}
    for path in (ROOT / "itu_review" / "tui").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                parts = path.relative_to(ROOT).with_suffix("").parts
                base = ".".join(parts[:len(parts) - node.level]) if node.level else ""
                target = f"{base}.{node.module}" if base and node.module else (node.module or base)
                assert target not in cli_modules, f"{path.name} imports {target}"
                assert not (node.module is None and {a.name for a in node.names} & {"cli", "commands", "log_commands"}
                            and base == "itu_review"), path.name
            elif isinstance(node, ast.Import):
                assert not {a.name for a in node.names} & cli_modules, path.name
    assert Path(ROOT / "itu_review" / "display" / "in_force.py").exists()


def test_decisions_and_notes_keep_their_places_in_the_text_in_force(pp18) -> None:  # type: ignore[no-untyped-def]
    """The glyph of a decided edit stands before the edit's first character, a footnote reference
    after the word it follows — also when the text in force is drawn in place of the package's."""
    pkg = load(SAMPLES / "en-proposals.docx")
    prop = pkg.proposal("AFCP/12A1/1")
    side = base_side(pkg, prop, check_proposal(pp18, pkg, prop))
    status = {prop.edits[0].index: "accepted", prop.edits[1].index: "rejected"}
    rows = [r.plain.rstrip() for r in ProposalView(pkg, prop, "side", Look(DEFAULT_STYLES, markers=True),
                                                    side=side, status=status).rows(140)]
    head = next(k for k, r in enumerate(rows) if r.startswith("in force: Resolution 130 (Rev. Dubai, 2018)"))
    assert rows[head + 1].startswith("RESOLUTION 130 (REV. \u2713[-DUBAI, 2018-])")
    assert any(r.startswith("International Telecommunication Union (\u2717[-Dubai, 2018-]),") or
               "Telecommunication Union (\u2717[-Dubai, 2018-])," in r for r in rows)
    k = next(k for k, r in enumerate(rows) if r.startswith("b) UNGA Resolution 71/199, on the right to privacy"))
    assert rows[k + 1].startswith("age;[1] ")


def test_a_flattened_arabic_package_stands_beside_the_english_text_in_force() -> None:
    """The seed (PP-18 Document 67 in Arabic, its revision marks lost in extraction) against the English
    Final Acts: nothing is compared, but the column says what it holds and holds the English text."""
    from .conftest import SEED

    res = run_cli("show", str(SEED), "B/67/4", "--base", str(PP18), "--width", "120")
    out = [line.rstrip() for line in res.stdout.splitlines()]
    assert "in force (en): Resolution 130 (Rev. Dubai, 2018)           │ proposed" in out
    assert any(line.startswith("RESOLUTION 130 (REV. DUBAI, 2018)") for line in out)
    res = run_cli("show", str(SEED), "B/67/1", "--base", str(PP18), "--width", "120")
    assert "base (from the package)" in res.stdout and "! error not-found: Resolution 14" in res.stdout


def test_a_table_row_stands_beside_its_cells_in_force() -> None:
    """The text base holds the indicator table a cell a paragraph; the package shows a row as one line.
    Beside it, its cells' paragraphs in force, parted the same way — nothing marked as the package's
    own words (it read 'Indicator {→┆ Source ┆ Frequency}')."""
    out = run_cli("show", str(SAMPLES / "en-proposals.docx"), "AFCP/12A1/1", "--base", str(SAMPLES / "base"),
                  "--width", "140").stdout
    row = next(line for line in out.splitlines() if line.startswith("Indicator"))
    left, right = row.split("\u2502")
    assert left.split() == right.split() == ["Indicator", "\u2506", "Source", "\u2506", "Frequency"]


def test_a_call_paragraph_stands_beside_its_translation() -> None:
    """Arabic beside the English text in force: "يقرر" beside "resolves" (a call paragraph has no label or
    number to pair by; it stood alone before c), and "resolves" beside nothing)."""
    out = run_cli("show", str(SAMPLES / "ar-proposals.docx"), "ARB/20A1/1", "--base", str(SAMPLES / "base"),
                  "--width", "140", "--bidi", "off").stdout
    row = next(line for line in out.splitlines() if line.startswith("resolves"))
    assert row.split("\u2502")[1].strip() == "يقرر"
    from itu_review.labels import section_marker

    assert [section_marker(t) for t in ("إذ يذكِّر", "considérant", "Resolves", "instructs the Director",
                                        "resolves to instruct the Secretary-General to report")] == \
        ["recalling", "considering", "resolves", "instructs", ""]
