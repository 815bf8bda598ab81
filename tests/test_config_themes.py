"""The config file, its precedence, and the theme files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from itu_review import config
from itu_review.errors import InputError
from itu_review.tui.app import ReviewApp
from itu_review.tui.widgets import ProposalPane

from .conftest import ROOT, SAMPLES, run_cli

EN = SAMPLES / "en-proposals.docx"


def write_config(tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("ITU_REVIEW_CONFIG", str(path))
    return path


def test_tests_never_read_the_developers_config() -> None:
    import os

    assert config.config_path() == Path(os.environ["ITU_REVIEW_CONFIG"])
    assert not config.config_path().exists()


def test_unknown_keys_are_errors_that_name_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_config(tmp_path, 'reviewer = "amina"\nthem = "itu-light"\n', monkeypatch)
    with pytest.raises(InputError, match="unknown key 'them'"):
        config.load_config()
    res = run_cli("decide", str(EN), "--log", str(tmp_path / "d.jsonl"), "--accept", "AFCP/12A1/1#1",
                  env={"ITU_REVIEW_CONFIG": str(path)})
    assert res.returncode == 3 and f"{path}: unknown key 'them'" in res.stderr


def test_reviewer_precedence_command_line_env_file_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_config(tmp_path, 'reviewer = "from-file"\n', monkeypatch)
    log = tmp_path / "d.jsonl"

    def who(*extra: str, env: dict[str, str] | None = None) -> str:
        run_cli("decide", str(EN), "--log", str(log), "--accept", "AFCP/12A1/1#1", *extra,
                env={"ITU_REVIEW_CONFIG": str(path), **(env or {})})
        return json.loads(log.read_text().splitlines()[-1])["reviewer"]

    assert who("--reviewer", "from-cli", env={"ITU_REVIEW_REVIEWER": "from-env"}) == "from-cli"
    assert who(env={"ITU_REVIEW_REVIEWER": "from-env"}) == "from-env"
    assert who() == "from-file"
    path.write_text("")
    from itu_review.decisions import os_user

    assert who() == os_user()


def test_setting_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ITU_REVIEW_BIDI", "terminal")
    assert config.setting("off", "ITU_REVIEW_BIDI", "auto", "app") == "off"
    assert config.setting(None, "ITU_REVIEW_BIDI", "auto", "app") == "terminal"
    monkeypatch.delenv("ITU_REVIEW_BIDI")
    assert config.setting(None, "ITU_REVIEW_BIDI", "auto", "app") == "auto"
    assert config.setting(None, "ITU_REVIEW_BIDI", None, "app") == "app"


def test_log_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(tmp_path, f'log = "{tmp_path}/logs/{{stem}}.jsonl"\n', monkeypatch)
    (tmp_path / "logs").mkdir()
    res = run_cli("decide", str(EN), "--accept", "AFCP/12A1/1#1", "--reviewer", "a",
                  env={"ITU_REVIEW_CONFIG": str(tmp_path / "config.toml")})
    assert res.returncode == 0 and (tmp_path / "logs" / "en-proposals.jsonl").exists()


def test_every_shipped_theme_loads() -> None:
    themes, errors = config.load_themes()
    assert errors == []
    assert {"itu-dark", "itu-light", "itu-high-contrast", "itu-colorblind", "itu-monochrome"} <= set(themes)
    mono = themes["itu-monochrome"]
    assert mono.marks["brackets"] is True
    cb = themes["itu-colorblind"]
    assert "#56b4e9" in cb.marks["inserted"] and "#e69f00" in cb.marks["deleted"]  # blue/orange, not red/green


def test_themes_command_lists_them() -> None:
    res = run_cli("themes", env={"NO_COLOR": ""})
    assert res.returncode == 0
    assert "* itu-dark" in res.stdout and "itu-monochrome" in res.stdout


async def test_broken_user_theme_notifies_once_and_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "cfg"
    (user / "themes").mkdir(parents=True)
    (user / "themes" / "mine.toml").write_text('name = "mine"\n[colors]\nprimary = "not-a-colour"\n')
    monkeypatch.setattr(config, "config_dir", lambda: user)
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina", theme="mine")
    async with app.run_test() as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert sum("mine.toml" in m and "not a colour" in m for m in messages) == 1
        assert any("No theme named 'mine'" in m for m in messages)
        assert app.theme == "itu-dark"


async def test_monochrome_theme_marks_with_brackets(tmp_path: Path) -> None:
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina", theme="itu-monochrome")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "[-DUBAI, 2018-]" in app.query_one(ProposalPane).text
        app.theme = "itu-dark"
        await pilot.pause()
        assert "[-DUBAI" not in app.query_one(ProposalPane).text


async def test_keymap_overrides_by_binding_id(tmp_path: Path) -> None:
    app = ReviewApp([str(EN)], str(tmp_path / "d.jsonl"), "amina", keymap={"accept": "y", "next-edit": "j"})
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("j", "y")
        assert app.session.current_edit.id == "AFCP/12A1/1#3"
    from itu_review.decisions import read_log

    assert [e["edit"] for e in read_log(tmp_path / "d.jsonl").events] == ["AFCP/12A1/1#2"]


def test_themes_follows_the_config_the_app_follows(tmp_path: Path) -> None:
    """With $ITU_REVIEW_CONFIG choosing itu-light, `themes` stars itu-light (the app opens with it), lists
    the themes in `themes/` beside that config, and a config with an unknown key is the error it is for
    every other command."""
    (tmp_path / "themes").mkdir()
    shutil.copy(ROOT / "themes" / "itu-dark.toml", tmp_path / "themes" / "team-dark.toml")
    text = (tmp_path / "themes" / "team-dark.toml").read_text(encoding="utf-8")
    (tmp_path / "themes" / "team-dark.toml").write_text(text.replace('name = "itu-dark"', 'name = "team-dark"'),
                                                         encoding="utf-8")
    cfg = tmp_path / "config.toml"
    cfg.write_text('theme = "itu-light"\n', encoding="utf-8")
    res = run_cli("themes", env={"ITU_REVIEW_CONFIG": str(cfg), "NO_COLOR": ""})
    assert res.returncode == 0
    starred = [ln.split()[1] for ln in res.stdout.splitlines() if ln.startswith("*")]
    assert starred == ["itu-light"]
    assert "team-dark" in res.stdout and str(tmp_path / "themes") in res.stderr
    cfg.write_text('theme = "itu-light"\nbogus = 1\n', encoding="utf-8")
    res = run_cli("themes", env={"ITU_REVIEW_CONFIG": str(cfg)})
    assert res.returncode == 3 and "unknown key 'bogus'" in res.stderr
