"""`itu-review serve`: the app in a browser, on this machine, behind a token."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES, need_tool, run_cli

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


TOKEN = "Tok3n_for-the-tests-0123456789abcdef"


def start(tmp_path: Path, *extra: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen[str], int, str]:
    """`itu-review serve` on a free port, its token from the environment; its log goes to serve.err."""
    port = free_port()
    err = open(tmp_path / "serve.err", "w")
    proc = subprocess.Popen([sys.executable, "-m", "itu_review", "serve", str(SAMPLES / "en-proposals.docx"),
                             "--port", str(port), "--log", str(tmp_path / "d.jsonl"), "--reviewer", "amina", *extra],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=err, text=True,
                            env={**os.environ, "ITU_REVIEW_SERVE_TOKEN": TOKEN, **(env or {})})
    first = proc.stdout.readline()  # type: ignore[union-attr]
    url = first.strip().rsplit(" ", 1)[-1]
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    return proc, port, url


def stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def server(tmp_path: Path):  # type: ignore[no-untyped-def]
    proc, port, url = start(tmp_path)
    yield port, url
    stop(proc)


def status(url: str, headers: dict[str, str] | None = None) -> int:
    try:
        return int(urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=5).status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def test_token_is_required_and_never_a_cookie(server) -> None:  # type: ignore[no-untyped-def]
    port, url = server
    assert url == f"http://127.0.0.1:{port}/?token={TOKEN}"
    assert status(f"http://127.0.0.1:{port}/") == 403
    assert status(f"http://127.0.0.1:{port}/?token=wrong") == 403
    assert status(f"http://127.0.0.1:{port}/ws/wrong") == 403
    page = urllib.request.urlopen(url, timeout=5)
    assert page.status == 200 and page.headers.get("Set-Cookie") is None
    assert page.headers["Referrer-Policy"] == "no-referrer" and page.headers["X-Frame-Options"] == "DENY"
    assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws/{TOKEN}"' in page.read().decode()


def test_a_random_token_without_a_given_one(tmp_path: Path) -> None:
    proc, port, url = start(tmp_path, env={"ITU_REVIEW_SERVE_TOKEN": ""})
    try:
        token = url.split("token=")[1]
        assert len(token) >= 40 and token != TOKEN and status(url) == 200
    finally:
        stop(proc)


def test_the_token_is_never_on_the_command_line(tmp_path: Path) -> None:
    res = run_cli("serve", str(SAMPLES / "en-proposals.docx"), "--token", TOKEN)
    assert res.returncode == 2 and "--token would show the token to every user" in res.stderr
    token_file = tmp_path / "token"
    token_file.write_text("From-a-file-0123456789\n")
    proc, port, url = start(tmp_path, "--token-file", str(token_file), env={"ITU_REVIEW_SERVE_TOKEN": ""})
    try:
        assert url.endswith("?token=From-a-file-0123456789") and status(url) == 200
        assert b"From-a-file" not in Path(f"/proc/{proc.pid}/cmdline").read_bytes()
    finally:
        stop(proc)
    token_file.write_text("short\n")
    res = run_cli("serve", str(SAMPLES / "en-proposals.docx"), "--token-file", str(token_file))
    assert res.returncode == 2 and "must be 16 to 256 characters" in res.stderr


def test_host_and_origin_are_checked(server) -> None:  # type: ignore[no-untyped-def]
    port, url = server
    assert status(url, {"Host": f"localhost:{port}"}) == 200
    assert status(url, {"Host": f"rebound.example:{port}"}) == 403  # DNS rebinding
    assert status(url, {"Origin": f"http://127.0.0.1:{port}"}) == 200
    assert status(url, {"Origin": "http://127.0.0.1:9"}) == 403
    assert status(url, {"Origin": "null"}) == 403

    async def upgrade(origin: str | None) -> int:
        import aiohttp

        headers = {"Origin": origin} if origin else {}
        async with aiohttp.ClientSession() as session:
            try:
                async with session.ws_connect(f"ws://127.0.0.1:{port}/ws/{TOKEN}?width=80&height=24",
                                              headers=headers) as ws:
                    await ws.close()
                    return 101
            except aiohttp.WSServerHandshakeError as exc:
                return exc.status

    assert asyncio.run(upgrade("http://127.0.0.1:9")) == 403
    assert asyncio.run(upgrade(None)) == 403
    assert asyncio.run(upgrade(f"http://127.0.0.1:{port}")) == 101


def test_odd_tokens_are_403_and_the_token_never_reaches_the_log(tmp_path: Path) -> None:
    proc, port, url = start(tmp_path)
    try:
        base = f"http://127.0.0.1:{port}"
        assert status(f"{base}/?token=%C3%A9%C3%A9%C3%A9") == 403
        assert status(f"{base}/?token=%FF%FE") == 403
        assert status(f"{base}/ws/%C3%A9t%C3%A9") == 403
        for target, expected in ((b"/?token=%C3%A9", b"403"), (b"/?token=\xc3\xa9", b"400"), (b"/ws/\xe9", b"400")):
            with socket.create_connection(("127.0.0.1", port)) as s:  # raw bytes in the cookie and the target
                s.sendall(b"GET " + target + f" HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode()
                          + "Cookie: itu_review_token=été\r\nConnection: close\r\n\r\n".encode())
                assert s.recv(100).split(b" ")[1] == expected, target  # refused, never a 500
        assert status(url) == 200
    finally:
        stop(proc)
    log = (tmp_path / "serve.err").read_text()
    assert "GET / 200" in log and "GET /ws/… 403" in log  # the access log is there, without the token
    assert TOKEN not in log and "token=" not in log and "Traceback" not in log and " 500" not in log


def test_idle_connections_are_capped_and_closed(tmp_path: Path) -> None:
    """Half-open connections that never send a request: beyond the cap they are closed at once, the
    rest after the idle timeout; then the server answers again."""
    proc, port, url = start(tmp_path, env={"ITU_REVIEW_SERVE_MAX_CONNECTIONS": "8",
                                           "ITU_REVIEW_SERVE_IDLE_SECONDS": "2"})
    idle: list[socket.socket] = []
    try:
        for _ in range(20):
            idle.append(socket.create_connection(("127.0.0.1", port)))
        time.sleep(0.5)
        closed = 0
        for s in idle:
            s.setblocking(False)
            try:
                closed += s.recv(1) == b""
            except BlockingIOError:
                continue  # still open: nothing to read yet
            except ConnectionResetError:
                closed += 1
        assert closed == 12  # 8 are held open
        time.sleep(4)
        for s in idle:
            s.settimeout(1)
            try:
                got = s.recv(1)
            except ConnectionResetError:
                got = b""  # closed by a reset: closed all the same
            assert got == b""
        assert status(url) == 200
    finally:
        for s in idle:
            s.close()
        stop(proc)


class Browser:
    """Headless Chromium driven over the DevTools protocol, with a fresh profile; the app's websocket
    frames it receives are collected in ``frames``."""

    def __init__(self, profile: Path) -> None:
        chromium = need_tool("chromium")
        self.debug_port = free_port()
        self.proc = subprocess.Popen([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                                      f"--remote-debugging-port={self.debug_port}", "--window-size=1280,800",
                                      "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.frames: list[bytes] = []

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)

    async def session(self, work):  # type: ignore[no-untyped-def]
        import aiohttp

        for _ in range(100):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{self.debug_port}/json/list", timeout=2))
                break
            except (urllib.error.URLError, ConnectionError):
                await asyncio.sleep(0.1)
        page = next(t for t in targets if t["type"] == "page")
        async with aiohttp.ClientSession() as session, \
                session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
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
                        self.frames.append(base64.b64decode(r["payloadData"]) if r.get("opcode") == 2
                                           else r["payloadData"].encode())
                    if msg.get("id") == mine:
                        return msg.get("result", {})  # type: ignore[no-any-return]

            await call("Network.enable")
            return await work(call)

    async def until_drawn(self, call, text: bytes) -> None:  # type: ignore[no-untyped-def]
        for _ in range(120):
            await asyncio.sleep(0.25)
            await call("Runtime.evaluate", expression="1")
            if text in b"".join(self.frames):
                return


def test_the_served_page_shows_the_proposal_list(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, url = server
    browser = Browser(tmp_path / "profile")

    async def work(call):  # type: ignore[no-untyped-def]
        await call("Page.navigate", url=url)
        await browser.until_drawn(call, b"AFCP/12A1/1")
        await asyncio.sleep(1.0)
        await call("Runtime.evaluate", expression="1")
        picture = await call("Page.captureScreenshot", format="png")
        (tmp_path / "page.png").write_bytes(base64.b64decode(picture["data"]))

    try:
        asyncio.run(browser.session(work))
    finally:
        browser.close()
    terminal = b"".join(browser.frames)
    # what the app drew in the browser's terminal: the list, the first proposal side by side
    assert b"AFCP/12A1/1" in terminal and b"Res. 130" in terminal and b"proposed" in terminal
    png = (tmp_path / "page.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 20_000  # a real screenshot, not a blank page


EVIL_PAGE = b"""<!doctype html><title>another local page</title><script>
async function probe(target, token) {
  const r = {cookie: document.cookie};
  const tries = [["index", target + "/", {}], ["index with token", target + "/?token=" + token, {}],
                 ["with credentials", target + "/?token=" + token, {credentials: "include"}]];
  for (const [name, url, opts] of tries) {
    try { const res = await fetch(url, opts); r[name] = "read " + res.status + " " + (await res.text()); }
    catch (e) { r[name] = "blocked"; }
  }
  for (const path of ["/ws", "/ws/" + token]) {
    r[path.slice(0, 4)] = await new Promise(resolve => {
      const ws = new WebSocket(target.replace("http:", "ws:") + path + "?width=100&height=30");
      ws.onopen = () => {
        for (const key of ["a", "a", "a"]) ws.send(JSON.stringify(["stdin", key]));  // accept, accept, accept
        setTimeout(() => resolve("open"), 3000);
      };
      ws.onerror = () => resolve("refused");
    });
  }
  return JSON.stringify(r);
}
</script>"""


def test_a_page_from_another_port_can_neither_read_the_token_nor_drive_the_session(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The reviewer has the session open; then the same browser shows a page that another user of the
    machine serves on another port. Even told the token, that page gets nothing."""
    import http.server
    import threading

    port, url = server
    seen: list[dict[str, str]] = []

    class Evil(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            seen.append(dict(self.headers))
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(EVIL_PAGE)

        def log_message(self, *args: object) -> None:
            pass

    evil = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Evil)
    threading.Thread(target=evil.serve_forever, daemon=True).start()
    browser = Browser(tmp_path / "profile")

    async def work(call):  # type: ignore[no-untyped-def]
        await call("Page.navigate", url=url)  # the reviewer's own session
        await browser.until_drawn(call, b"AFCP/12A1/1")
        await call("Page.navigate", url=f"http://127.0.0.1:{evil.server_address[1]}/")
        await asyncio.sleep(1.0)
        result = await call("Runtime.evaluate", expression=f"probe('http://127.0.0.1:{port}', '{TOKEN}')",
                            awaitPromise=True, returnByValue=True)
        return json.loads(result["result"]["value"])

    try:
        probe = asyncio.run(browser.session(work))
    finally:
        browser.close()
        evil.shutdown()
    assert b"AFCP/12A1/1" in b"".join(browser.frames)  # the session was open in this browser
    assert seen and all("Cookie" not in headers for headers in seen)  # no cookie carried the token there
    assert probe["cookie"] == ""
    assert probe["index"] == "blocked" and probe["index with token"] == "blocked"
    assert probe["with credentials"] == "blocked"
    assert probe["/ws"] == "refused" and probe["/ws/"] == "refused"
    log = tmp_path / "d.jsonl"
    assert not log.exists() or "accept" not in log.read_text()  # nothing was decided in the reviewer's name
