"""A whole conference: packages found in directories, read in parallel, grouped by text across languages,
collisions and identical changes found where they were planted (and nowhere else), the compilation."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from itu_review.basetexts import load_collection
from itu_review.conference.grouping import group_by_text
from itu_review.conference.layout import lay_out
from itu_review.conference.loader import load_packages
from itu_review.conference.sources import members, source_of

from .conftest import ROOT, SAMPLES, need_tool, run_cli

sys.path.insert(0, str(ROOT / "bench"))
import confgen  # noqa: E402

LANGS = ("en", "fr", "ar")
N_TEXTS = 3


@pytest.fixture(scope="module")
def conference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, confgen.Truth]:
    """A directory of the samples plus twelve generated packages (English, French, Arabic) on three
    texts, with many planted collisions and identical changes; and the generated collection."""
    root = tmp_path_factory.mktemp("conference")
    folder = root / "packages"
    shutil.copytree(SAMPLES, folder / "samples", ignore=shutil.ignore_patterns("*.py", "base", "__pycache__"))
    truth = confgen.generate(folder / "generated", 12, N_TEXTS, langs=LANGS, plant=0.5)
    confgen.write_collection(root / "base", N_TEXTS, LANGS)
    return folder, root / "base", truth


def _slot(n: int, lang: str, j: int, pos: int) -> int:
    """The planted slot a position of the text in force is the start of."""
    words = confgen.in_force(n, lang)[j]
    sep = confgen.sep(lang)
    for k in confgen.SLOTS:
        if len(sep.join(words[:k])) + (len(sep) if k else 0) == pos:
            return k
    raise AssertionError(f"position {pos} of paragraph {j} of text {n} ({lang}) is no slot")


def test_a_directory_is_every_package_in_it(conference: tuple[Path, Path, confgen.Truth]) -> None:
    folder, _, truth = conference
    (folder / "~$lock.docx").write_bytes(b"lock")
    (folder / ".hidden.docx").write_bytes(b"hidden")
    (folder / "notes.pdf").write_bytes(b"%PDF")
    (folder / "samples" / "en-proposals.docx.decisions.jsonl").write_text("")
    loaded = load_packages([str(folder)])
    paths = {Path(p.path).name for p in loaded.packages}
    assert {p.name for p in truth.packages} <= paths
    assert {"en-proposals.docx", "fr-propositions.docx", "ar-proposals.docx", "en-proposals.critic.md",
            "tricky.critic.md"} <= paths
    assert not {"~$lock.docx", ".hidden.docx", "notes.pdf"} & paths and loaded.skipped == []
    samples = [f for f in SAMPLES.iterdir() if f.suffix in (".docx", ".md")]  # every sample package
    assert len(loaded.packages) == len(truth.packages) + len(samples) and len(samples) >= 9


def test_reopening_comes_from_the_cache(conference: tuple[Path, Path, confgen.Truth]) -> None:
    folder, _, _ = conference
    first = load_packages([str(folder / "generated")])
    again = load_packages([str(folder / "generated")])
    assert again.from_cache == len(again.packages) == len(first.packages) == 12
    for a, b in zip(first.packages, again.packages):
        assert [e.id for e in a.edits] == [e.id for e in b.edits]
        assert [p.paragraphs for p in [a]][0][3].text_of("proposed") == b.paragraphs[3].text_of("proposed")


def test_a_package_that_cannot_be_read_is_skipped_with_one_line(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "en-check.docx", tmp_path)
    (tmp_path / "broken.docx").write_text("not a zip")
    res = run_cli("list", str(tmp_path))
    assert res.returncode == 0, res.stderr
    assert "ACP/30/1" in res.stdout
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "broken.docx" in lines[0] and "skipped" in lines[0] and "Traceback" not in res.stderr
    # named on the command line, the same file stops the command as before
    named = run_cli("list", str(tmp_path / "broken.docx"))
    assert named.returncode == 3 and "broken.docx" in named.stderr


def test_a_directory_of_unreadable_files_says_so_file_by_file(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_text("just some text")
    (tmp_path / "empty.txt").write_text("")
    for command in ("list", "edits"):
        res = run_cli(command, str(tmp_path))
        lines = res.stderr.strip().splitlines()
        assert res.returncode == 3 and res.stdout == "" and "Traceback" not in res.stderr
        assert any("notes.docx: not a .docx file (not a zip archive) (skipped)" in ln for ln in lines)
        assert lines[-1] == f"itu-review: {tmp_path}: no package could be read"
        assert len(lines) == 3


def test_edits_and_check_take_directories(tmp_path: Path) -> None:
    for name in ("en-check.docx", "en-check-other.docx"):
        shutil.copy(SAMPLES / name, tmp_path)
    edits = run_cli("edits", str(tmp_path), "--format", "json")
    assert edits.returncode == 0 and {d["package"]["path"].rsplit("/", 1)[1] for d in json.loads(edits.stdout)} == {
        "en-check.docx", "en-check-other.docx"}
    check = run_cli("check", str(tmp_path), "--base", str(SAMPLES / "base"), "--format", "json")
    overlaps = [c for c in json.loads(check.stdout)["collisions"] if c["kind"] == "overlap"]
    assert any({"ACP/30/1#4", "EUR/40/1#2"} <= set(c["message"].split()) for c in overlaps)


def test_sources_of_multi_country_ids_and_groups() -> None:
    assert source_of("B/CAN/CLM/USA/38/2") == "B/CAN/CLM/USA" and members("B/CAN/CLM/USA") == ("B", "CAN", "CLM", "USA")
    assert source_of("ACP/30/1") == "ACP" and members("ACP") == ("ACP",)
    assert source_of("MEX/18A3/1") == "MEX"


def test_proposals_are_grouped_by_text_across_languages(conference: tuple[Path, Path, confgen.Truth]) -> None:
    folder, base, _ = conference
    by_text = group_by_text(load_packages([str(folder / "samples")]).packages, load_collection([str(SAMPLES / "base")]))
    res130 = by_text.find("Resolution 130")
    assert res130 is not None
    ids = {e.id for e in res130.entries}
    # English (AFCP), French (RÉSOLUTION 130: EUR), Arabic (القرار 130: ARB), and ACP/30/3 whose heading
    # says 131 but whose title is Resolution 130's
    assert {"AFCP/12A1/1", "EUR/15A2/1", "ARB/20A1/1", "ACP/30/1", "ACP/30/3", "EUR/40/1"} <= ids
    assert {e.language for e in res130.entries} == {"en", "fr", "ar"}
    assert res130.summary().startswith("Res 130 · ") and res130.summary().endswith(" adm.")
    assert [g.label for g in by_text.groups][:4] == ["Resolution 71", "Resolution 130", "Resolution 2", "Resolution 41"]
    versions = {v.language: v for v in lay_out(res130)}
    assert versions["en"].in_force and versions["fr"].in_force and not versions["ar"].in_force
    assert versions["ar"].heading.startswith("base of ARB/20A1/1")
    # draft new texts by title, unmatched last
    drafts = [g for g in by_text.groups if g.key[0] == "draft"]
    satellite = next(g for g in drafts if "satellite" in g.title.lower())
    assert {e.id for e in satellite.entries} == {"AFCP/12A1/4"}
    gen = group_by_text(load_packages([str(folder / "generated")]).packages, load_collection([str(base)]))
    for g in gen.groups:
        if g.key[0] == "resolution":
            assert len({e.language for e in g.entries}) == 3, g.summary()


def test_collisions_and_identical_changes_where_planted_and_nowhere_else(
        conference: tuple[Path, Path, confgen.Truth]) -> None:
    folder, base, truth = conference
    by_text = group_by_text(load_packages([str(folder / "generated")]).packages, load_collection([str(base)]))
    collisions, identical = set(), set()
    for g in by_text.groups:
        if g.key[0] != "resolution":
            continue
        n = int(g.key[1])
        for v in lay_out(g):
            assert v.in_force and not v.unplaced
            for col in v.collisions:
                assert len(col.sources) >= 2
                collisions.add((n, v.language, col.para, _slot(n, v.language, col.para,
                                                               min(c.first.start for c in col.changes))))
            for c in v.identical():
                if c.collision < 0:
                    identical.add((n, v.language, c.first.para, _slot(n, v.language, c.first.para, c.first.start)))
    assert truth.collisions() and truth.identical()
    assert collisions == truth.collisions()
    assert identical == truth.identical()


def test_identical_changes_carry_every_source(conference: tuple[Path, Path, confgen.Truth]) -> None:
    folder, base, truth = conference
    by_text = group_by_text(load_packages([str(folder / "generated")]).packages, load_collection([str(base)]))
    planted = truth.identical()
    n, lang, j, slot = sorted(planted)[0]
    group = by_text.find(f"Resolution {n}")
    assert group is not None
    version = next(v for v in lay_out(group) if v.language == lang)
    change = next(c for c in version.rows[j].changes if c.identical and _slot(n, lang, j, c.first.start) == slot)
    assert sorted(change.sources) == sorted({c.source for c in truth.slots[(n, lang, j, slot)]})


def _sections(path: Path) -> dict[tuple[str, str], list[str]]:
    """The compilation read back: for each text and language, the accept-all text of its paragraphs."""
    from itu_review.package import load
    from itu_review.views import accept_all, plain_text, resolve

    content = load(path)
    out: dict[tuple[str, str], list[str]] = {}
    text = lang = ""
    for line in resolve(content.paragraphs, accept_all):
        if line.style == "Heading1":
            text, lang = plain_text(line).split(" — ")[0], ""
        elif line.style == "Heading2":
            lang = plain_text(line).split(" — ")[0]
        elif line.style == "InForce" and text and lang:
            out.setdefault((text, lang), []).append(plain_text(line))
    return out


def test_compilation_accept_all_is_the_text_in_force_with_every_non_colliding_change(
        conference: tuple[Path, Path, confgen.Truth], tmp_path: Path) -> None:
    folder, base, truth = conference
    out = tmp_path / "compilation.docx"
    res = run_cli("compile", str(folder / "generated"), "--base", str(base), "--out", str(out))
    assert res.returncode == 0, res.stderr
    sections = _sections(out)
    names = {"en": "English", "fr": "French", "ar": "Arabic"}
    checked = 0
    for n in range(1, N_TEXTS + 1):
        for lang in LANGS:
            key = (f"Resolution {n}", names[lang])
            if key not in sections:
                continue
            assert sections[key] == truth.expected(n, lang), key
            checked += 1
    assert checked >= 6
    # each change is a tracked change by its source; collisions carry a comment
    import zipfile

    with zipfile.ZipFile(out) as z:
        document = z.read("word/document.xml").decode()
        comments = z.read("word/comments.xml").decode()
    some = next(c for cs in truth.slots.values() for c in cs)
    assert f'w:author="{some.source}"' in document or f'{some.source}, ' in document
    assert comments.count("<w:comment ") == len(truth.collisions())
    # collisions and identical changes are listed in the text's order, not in the order they were found
    from docx import Document

    listed: list[list[int]] = []
    for para in Document(str(out)).paragraphs:
        if para.style.name.startswith("Heading"):
            listed.append([])
        elif para.text.startswith("Paragraph ") and listed:
            listed[-1].append(int(para.text.split()[1].rstrip(":")))
    assert sum(len(x) for x in listed) >= len(truth.collisions())
    assert all(x == sorted(x) for x in listed)


def test_compilation_of_the_samples_opens_in_libreoffice(tmp_path: Path) -> None:
    soffice = need_tool("soffice")
    out = tmp_path / "compilation.docx"
    res = run_cli("compile", str(SAMPLES), "--base", str(SAMPLES / "base"), "--out", str(out))
    assert res.returncode == 0, res.stderr
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "compilation.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000
    sections = _sections(out)
    # Resolution 130 in English: ACP's and EUR's different changes to "national, regional and international"
    # collide, so the text in force keeps those words; so do the two versions of AFCP/12A1/1 (the package
    # and its Rev.1: "all users", "all the users"); the heading's change, the same from all, is applied
    res130 = sections[("Resolution 130", "English")]
    assert any("national, regional and international level" in p for p in res130)
    assert any(p.endswith("accessible and understandable for users;") for p in res130)
    assert "RESOLUTION 130 (REV. BUCHAREST, 2022)" in res130


def test_compile_writes_safely(tmp_path: Path) -> None:
    out = tmp_path / "c.docx"
    out.write_text("keep me")
    res = run_cli("compile", str(SAMPLES / "en-check.docx"), "--out", str(out))
    assert res.returncode == 2 and "exists" in res.stderr and out.read_text() == "keep me"
    same = run_cli("compile", str(SAMPLES / "en-check.docx"), "--out", str(SAMPLES / "en-check.docx"), "--force")
    assert same.returncode == 2 and "inputs" in same.stderr
    assert run_cli("compile", str(SAMPLES / "en-check.docx"), "--out", str(out), "--force").returncode == 0
    assert out.read_bytes().startswith(b"PK")
    assert run_cli("compile", str(SAMPLES / "en-check.docx")).returncode == 2  # a .docx needs --out


def test_synopsis_is_text_by_source(tmp_path: Path) -> None:
    res = run_cli("compile", str(SAMPLES / "en-check.docx"), str(SAMPLES / "en-check-other.docx"),
                  str(SAMPLES / "fr-propositions.docx"), "--base", str(SAMPLES / "base"), "--format", "json")
    data = json.loads(res.stdout)
    assert data["sources"] == ["ACP", "EUR"]
    res130 = next(t for t in data["texts"] if t["text"] == "Resolution 130")
    assert {(c["action"], c["id"]) for c in res130["sources"]["EUR"]} == {("MOD", "EUR/40/1"), ("MOD", "EUR/15A2/1")}
    csv = run_cli("compile", str(SAMPLES / "en-check.docx"), "--format", "csv").stdout
    header, *rows = csv.lstrip("\ufeff").splitlines()
    # without a collection: texts in natural order; ACP/30/3's heading says 131; the draft last
    assert header == "text,title,ACP" and [r.split(",")[0] for r in rows] == [
        "Resolution 2", "Resolution 41", "Resolution 71", "Resolution 130", "Resolution 131", "Resolution 999",
        "Draft new text: Strengthening the role of ITU in building confidence and security in the use of ICTs"]
    assert rows[3].endswith(",MOD ACP/30/1") and rows[4].endswith(",MOD ACP/30/3")
    md = run_cli("compile", str(SAMPLES / "en-check.docx"), "--format", "md").stdout
    assert md.splitlines()[0] == "| text | ACP |" and "| Resolution 2 | SUP ACP/30/4 |" in md
    # an id in two files (a package and its reissue) names each file, or the cell reads "SUP X; SUP X"
    md = run_cli("compile", str(SAMPLES / "en-proposals.docx"), str(SAMPLES / "en-proposals-rev1.docx"),
                 "--format", "md").stdout
    assert ("| Resolution 2 | SUP AFCP/12A1/3 (en-proposals.docx); SUP AFCP/12A1/3 (en-proposals-rev1.docx) |"
            in md.splitlines())


def _detect_by_loop(text: str) -> str:
    """detect_language as it was written before its letters were counted by regular expressions."""
    counts = {"ar": 0, "zh": 0, "ru": 0, "latin": 0}
    for ch in text[:20_000]:
        o = ord(ch)
        if 0x0600 <= o <= 0x06FF or 0xFB50 <= o <= 0xFEFF:
            counts["ar"] += 1
        elif 0x4E00 <= o <= 0x9FFF:
            counts["zh"] += 1
        elif 0x0400 <= o <= 0x04FF:
            counts["ru"] += 1
        elif ch.isalpha() and o < 0x250:
            counts["latin"] += 1
    best = max(counts, key=lambda k: counts[k])
    if counts[best] == 0:
        return ""
    if best != "latin":
        return best
    from itu_review.ingest.lang import detect_language

    return detect_language(text)


def test_language_detection_counts_letters_as_before() -> None:
    """Counting a package's letters by script (the third of a small package's load it was) gives the
    same language as the character loop it replaced, on every language and on mixed text."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from itu_review.ingest.lang import detect_language

    alphabet = st.characters(min_codepoint=0x20, max_codepoint=0xFEFF)

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=alphabet, max_size=300))
    def same(text: str) -> None:
        assert detect_language(text) == _detect_by_loop(text)

    same()
    for lang in confgen.LANGS:
        sample = " ".join(confgen.VOCAB[lang]) + " " + confgen.REASONS[lang]
        assert detect_language(sample) == _detect_by_loop(sample) == lang


def test_a_reader_bug_is_an_internal_error_with_a_report_not_bad_input(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in the reader on one file of a directory is skipped with a line naming its crash report; on a
    file named on the command line it stops the command as an internal error (exit 1), never as "cannot
    be read" (exit 3: the user's file would be blamed for our bug)."""
    import itu_review.package as package
    from itu_review.errors import ExitCode, InternalError

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    folder = tmp_path / "conf"
    folder.mkdir()
    shutil.copy(SAMPLES / "en-proposals.docx", folder / "en.docx")
    named = shutil.copy(SAMPLES / "fr-propositions.docx", tmp_path / "fr.docx")

    def bug(path: object, **_: object) -> None:
        raise KeyError("w:val")

    monkeypatch.setattr(package, "load", bug)
    loaded = load_packages([str(folder)], processes=1)
    assert [s.path for s in loaded.skipped] == [str(folder / "en.docx")]
    line = loaded.skipped[0].problem
    assert line.startswith("internal error while reading (KeyError); the details are in ")
    report = Path(line.rsplit(" ", 1)[1])
    assert report.exists() and "KeyError" in report.read_text()
    with pytest.raises(InternalError) as raised:
        load_packages([str(named), str(folder)], processes=1)
    assert raised.value.exit_code == ExitCode.INTERNAL and str(named) in str(raised.value)


def test_compile_never_writes_over_a_decision_log(tmp_path: Path) -> None:
    """A package named as a file keeps its log: --out onto it is refused, even with --force (an export to
    the same place always was). A log the config put elsewhere is a log too, by what it holds."""
    pkg = tmp_path / "en-check.docx"
    shutil.copy(SAMPLES / "en-check.docx", pkg)
    assert run_cli("decide", str(pkg), "ACP/30/1#1", "--accept", "--reviewer", "amina").returncode == 0
    log = tmp_path / "en-check.docx.decisions.jsonl"
    before = log.read_bytes()
    for fmt in ("csv", "docx"):
        res = run_cli("compile", str(pkg), "--format", fmt, "--out", str(log), "--force")
        assert res.returncode == 2 and "decision log" in res.stderr, res.stderr
    elsewhere = tmp_path / "kept" / "amina.jsonl"
    elsewhere.parent.mkdir()
    shutil.copy(log, elsewhere)
    res = run_cli("compile", str(pkg), "--format", "md", "--out", str(elsewhere), "--force")
    assert res.returncode == 2 and "is a decision log" in res.stderr
    assert log.read_bytes() == before and elsewhere.read_bytes() == before
    # and a .docx never goes to standard output as a file named '-'
    res = run_cli("compile", str(pkg), "--out", "-", cwd=tmp_path)
    assert res.returncode == 2 and not (tmp_path / "-").exists()


def test_the_synopsis_keeps_document_text_as_text(tmp_path: Path) -> None:
    """A draft's title is the synopsis' text label: Markdown escapes it as the reports do (`<b>` stays
    `<b>`), and a file written with --out shows a control character by its symbol, as stdout does."""
    pkg = tmp_path / "a.critic.md"
    pkg.write_text("ADD\tZZZ/12/1\nDRAFT NEW RESOLUTION [ZZZ-1]\n"
                   "Use of <b>bold</b> *stars* and [links](http://x) \x1b[2J\n"
                   "{++The Plenipotentiary Conference resolves to test.++}\nReasons:\tTesting.\n", encoding="utf-8")
    md = run_cli("compile", str(pkg), "--format", "md").stdout
    row = next(ln for ln in md.splitlines() if "bold" in ln)
    assert "&lt;b&gt;bold&lt;/b&gt; \\*stars\\* and \\[links\\](http://x)" in row
    for fmt in ("csv", "md", "json"):
        out = tmp_path / f"synopsis.{fmt}"
        assert run_cli("compile", str(pkg), "--format", fmt, "--out", str(out)).returncode == 0
        written = out.read_text(encoding="utf-8")
        assert "\x1b" not in written and ("\u241b" in written or "\\u001b" in written), fmt


def test_one_proposal_in_several_files_is_not_a_collision_between_sources(tmp_path: Path) -> None:
    """samples/ holds AFCP/12A1/1 three times (the package, its Rev.1, a CriticMarkup copy that splits an
    insertion in two): where only its versions meet, the compilation says the versions differ — not a
    collision of administrations (it read like AFCP against itself)."""
    out = tmp_path / "c.docx"
    assert run_cli("compile", str(SAMPLES), "--base", str(SAMPLES / "base"), "--out", str(out)).returncode == 0
    from docx import Document

    listed = [p.text for p in Document(str(out)).paragraphs if p.text.startswith("Paragraph ")]
    own = [t for t in listed if "versions of one source's proposal differ" in t]
    assert own and all("AFCP/12A1/1" in t and "ACP/" not in t.replace("AFCP/", "") for t in own)
    import zipfile

    with zipfile.ZipFile(out) as z:
        comments = z.read("word/comments.xml").decode()
    assert "Versions of AFCP's proposal differ here (the same proposal in several files)" in comments


def test_compile_takes_the_texts_asked_for(tmp_path: Path) -> None:
    """--text keeps a committee's share (the whole bench conference, 85,000 tracked changes, is more than
    a word processor opens in minutes); a label no text has names some that are there."""
    res = run_cli("compile", str(SAMPLES), "--base", str(SAMPLES / "base"), "--format", "json",
                  "--text", "Res 130", "--text", "Resolution 2")
    assert res.returncode == 0, res.stderr
    assert [t["text"] for t in json.loads(res.stdout)["texts"]] == ["Resolution 130", "Resolution 2"]
    out = tmp_path / "c.docx"
    assert run_cli("compile", str(SAMPLES), "--base", str(SAMPLES / "base"), "--text", "Res 71",
                   "--out", str(out)).returncode == 0
    from docx import Document

    headings = [p.text for p in Document(str(out)).paragraphs if p.style.name == "Heading 1"]
    assert len(headings) == 1 and headings[0].startswith("Resolution 71")
    res = run_cli("compile", str(SAMPLES), "--base", str(SAMPLES / "base"), "--text", "Res 7", "--format", "md")
    assert res.returncode == 2 and "--text 'Res 7': no proposal acts on that text (texts: Res 71" in res.stderr
