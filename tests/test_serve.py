"""`itu-review serve`: the app in a browser, on this machine, behind a token."""

from __future__ import annotations

import asyncio
import base64
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES, need_tool

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path):  # type: ignore[no-untyped-def]
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "itu_review", "serve", str(SAMPLES / "en-proposals.docx"),
                             "--port", str(port), "--log", str(tmp_path / "d.jsonl"), "--reviewer", "amina"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    first = proc.stdout.readline()  # type: ignore[union-attr]
    url = first.strip().rsplit(" ", 1)[-1]
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    yield port, url
    proc.terminate()
    proc.wait(timeout=10)


def status(url: str) -> int:
    try:
        return int(urllib.request.urlopen(url, timeout=5).status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def test_token_is_random_local_and_required(server) -> None:  # type: ignore[no-untyped-def]
    port, url = server
    assert url.startswith(f"http://127.0.0.1:{port}/?token=") and len(url.split("token=")[1]) >= 32
    assert status(f"http://127.0.0.1:{port}/") == 403
    assert status(f"http://127.0.0.1:{port}/?token=wrong") == 403
    assert status(f"http://127.0.0.1:{port}/static/js/textual.js") == 403
    assert status(url) == 200


async def _browse(url: str, debug_port: int, shot: Path) -> bytes:
    import aiohttp

    for _ in range(100):
        try:
            targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{debug_port}/json/list", timeout=2))
            break
        except (urllib.error.URLError, ConnectionError):
            await asyncio.sleep(0.1)
    page = next(t for t in targets if t["type"] == "page")
    frames: list[bytes] = []
    async with aiohttp.ClientSession() as session, session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
        counter = 0

        async def call(method: str, **params: object) -> dict:  # type: ignore[type-arg]
            nonlocal counter
            counter += 1
            mine = counter
            await ws.send_json({"id": mine, "method": method, "params": params})
            while True:
                msg = await ws.receive_json()
                if msg.get("method") == "Network.webSocketFrameReceived":
                    r = msg["params"]["response"]
                    frames.append(base64.b64decode(r["payloadData"]) if r.get("opcode") == 2 else r["payloadData"].encode())
                if msg.get("id") == mine:
                    return msg.get("result", {})  # type: ignore[no-any-return]

        await call("Network.enable")
        await call("Page.navigate", url=url)
        for _ in range(120):
            await asyncio.sleep(0.25)
            await call("Runtime.evaluate", expression="1")
            if b"AFCP/12A1/1" in b"".join(frames):
                break
        await asyncio.sleep(1.0)
        await call("Runtime.evaluate", expression="1")
        picture = await call("Page.captureScreenshot", format="png")
        shot.write_bytes(base64.b64decode(picture["data"]))
    return b"".join(frames)


def test_the_served_page_shows_the_proposal_list(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    chromium = need_tool("chromium")
    _, url = server
    debug_port = free_port()
    browser = subprocess.Popen([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                                f"--remote-debugging-port={debug_port}", "--window-size=1280,800", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        terminal = asyncio.run(_browse(url, debug_port, tmp_path / "page.png"))
    finally:
        browser.terminate()
        browser.wait(timeout=10)
    # what the app drew in the browser's terminal: the list, the first proposal side by side
    assert b"AFCP/12A1/1" in terminal and b"Res. 130" in terminal and b"proposed" in terminal
    png = (tmp_path / "page.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 20_000  # a real screenshot, not a blank page
