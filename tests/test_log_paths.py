"""The log reader takes a short path for the usual line (decoded by orjson, checked inline) and a
careful one for everything else (decoded by json, with the torn-line rules): on any log, whatever
its lines and wherever the read blocks cut them, the two must read the same events, warnings and
errors as the careful path alone."""

from __future__ import annotations

import random
import types
from pathlib import Path
from typing import Any, NoReturn

import pytest

from itu_review import logread
from itu_review.errors import InputError

GOOD = ('{"v":1,"at":"2026-01-01T00:00:0%d Z","reviewer":"%s","user":"u","package":"p","edit":"P/1/1#%d",'
        '"fp":"f","verdict":"%s","note":"%s"}')


def good(rng: random.Random) -> str:
    return GOOD % (rng.randrange(10), rng.choice(["amina", "li wei", "Zoë"]), rng.randrange(1, 9),
                   rng.choice(["accept", "reject", "flag", "note", "clear"]), rng.choice(["", "n" * 40, "ملاحظة"]))


TORN = '{"v":1,"event":"torn","at":"x","user":"u"}'
#: lines off the usual path that read as events (or are passed over), as a user's log may hold them
ODD = [
    "",
    "   ",
    '{"v":2,"reviewer":"a","proposal":"X/1","verdict":"support"}',
    '{"v":1,"at":"x","reviewer":"a","edit":"P/1/1#1","verdict":"accept","note":"\\ud83d\\ude00"}',
    '{"v":1,"at":"x","reviewer":"a","edit":"P/1/1#1","verdict":"accept","later":NaN}',
    '{"v":1,"at":"x","reviewer":"a","edit":"P/1/1#1","verdict":"accept","score":3}',
    '{"reviewer":"a","v":1,"edit":"P/1/1#1","verdict":"accept"}',
    '  {"v":1,"reviewer":"a","edit":"P/1/1#1","verdict":"flag"}\r',
]
#: lines that are not events: an error, unless a torn marker or an unterminated line follows them
BAD = [
    '{"v":1,"reviewer":"a","edit":"P/1/1#1","verdict":"accept"} {"v":1}',
    '{"v":1,"reviewer":"a","edit":"P/1/1#1","verdict":"maybe"}',
    '{"v":1,"reviewer":" ","edit":"P/1/1#1","verdict":"accept"}',
    '{"v":1,"reviewer":"a","edit":"P/1/1#1","verdict":"accept","note":"\\ud800"}',
    '{"v":1,"reviewer":"a","edit":"P/1/1#1","verd',
    '{"v":0,"reviewer":"a","edit":"P/1/1#1","verdict":"accept"}',
    "not json",
]


def some_log(rng: random.Random) -> str:
    lines: list[str] = []
    for _ in range(rng.randrange(1, 80)):
        r = rng.random()
        if r < 0.75:
            lines.append(good(rng))
        elif r < 0.9:
            lines.append(rng.choice(ODD))
        elif r < 0.97:  # cut short by a writer, then marked by the next: skipped with a warning
            lines += [rng.choice(BAD) for _ in range(rng.randrange(0, 3))] + [TORN]
        elif rng.random() < 0.5:
            lines.append(rng.choice(BAD))  # an error
    if rng.random() < 0.3:
        return "\n".join(lines) + "\n" + rng.choice(BAD)[:-3]  # unterminated: being written
    return "\n".join(lines) + "\n"


def careful_only(*_: Any) -> NoReturn:
    raise ValueError("the short path is off")


def read(log: Path, block: int, monkeypatch: pytest.MonkeyPatch, short: bool) -> tuple[Any, ...]:
    with monkeypatch.context() as m:
        m.setattr(logread, "BLOCK", block)
        if not short:
            m.setattr(logread, "orjson", types.SimpleNamespace(loads=careful_only))
        try:
            got = logread.read_log(log)
        except InputError as exc:
            return ("error", str(exc))
        return (got.events, got.warnings, got.end)


@pytest.mark.parametrize("seed", range(60))
def test_the_short_path_reads_as_the_careful_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    rng = random.Random(seed)
    log = tmp_path / "d.jsonl"
    log.write_bytes(some_log(rng).encode("utf-8"))
    block = rng.choice([64, 300, 4096, 1 << 20])
    careful = read(log, block, monkeypatch, short=False)
    assert read(log, block, monkeypatch, short=True) == careful
    assert read(log, 1 << 20, monkeypatch, short=True) == careful  # and wherever the blocks cut


def test_the_usual_lines_take_the_short_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the comparison above is worth: on the usual lines the careful path is not called at all."""
    rng = random.Random(0)
    log = tmp_path / "d.jsonl"
    log.write_text("".join(good(rng) + "\n" for _ in range(200)), encoding="utf-8")

    def refuse(*_: Any) -> NoReturn:
        raise AssertionError("a usual line went the careful way")

    monkeypatch.setattr(logread._Reader, "_line", refuse)
    assert len(logread.read_log(log).events) == 200
