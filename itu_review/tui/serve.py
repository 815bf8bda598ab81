"""`itu-review serve`: the same app in a browser on this machine, behind a per-session token.

A secretariat server has many users, and any of them can run a web page on another port of
127.0.0.1. What keeps them out of a session:

- The token is never a cookie. A cookie for 127.0.0.1 goes to every port of that host: another local
  user's page on port 9 received it, opened the websocket and recorded an `accept` in the reviewer's
  name. The token lives in the page's URL only (``/?token=…``) and in the websocket's path
  (``/ws/TOKEN``, put in the page by the server); the static files are textual-serve's public assets.
- Every request must name this server in ``Host`` (a DNS-rebound name is refused), and one that
  carries ``Origin`` must come from this server's own origin; the websocket upgrade must carry it
  (browsers always send it). A page elsewhere can neither read the index (no token, and no CORS) nor
  open the websocket (wrong origin), even if it had guessed the token.
- The token is read from a file or the environment, never the command line (``ps`` shows that to
  everyone); it never reaches a log (the access log shows no query and ``/ws/…``; a filter removes it
  from any other line); a token that is not ASCII is a 403, not a 500 with a traceback.
- At most ``ITU_REVIEW_SERVE_MAX_CONNECTIONS`` connections (64) and ``…_MAX_SESSIONS`` app sessions
  (4; each is a process); a connection that sends nothing for ``…_IDLE_SECONDS`` (60; the websocket's
  heartbeat answers every 15 s) is closed, so idle half-open connections cannot use up descriptors.
"""

from __future__ import annotations

import argparse
import asyncio
import hmac
import logging
import os
import re
import secrets
import shlex
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ExitCode, InputError, UsageError

if TYPE_CHECKING:  # (make_server imports it: only `serve` needs aiohttp)
    from textual_serve.server import Server

TOKEN_ENV = "ITU_REVIEW_SERVE_TOKEN"
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,256}")
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")
WILDCARDS = ("0.0.0.0", "::", "")

log = logging.getLogger("itu-review.serve")


def _env_int(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, "")))
    except ValueError:
        return default


def read_token(args: argparse.Namespace) -> str:
    """--token-file, else $ITU_REVIEW_SERVE_TOKEN (removed from the environment the app inherits),
    else a fresh random token."""
    if getattr(args, "token", None):
        raise UsageError("--token would show the token to every user of this machine in `ps`; put it in a "
                         f"file readable by you alone (--token-file FILE) or in ${TOKEN_ENV}")
    if args.token_file:
        path = Path(args.token_file)
        try:
            token = path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            why = exc.strerror if isinstance(exc, OSError) else None
            raise InputError(path, f"cannot read the token: {why or exc}") from None
        source = str(path)
    elif os.environ.get(TOKEN_ENV):
        token, source = os.environ.pop(TOKEN_ENV).strip(), f"${TOKEN_ENV}"
    else:
        return secrets.token_urlsafe(32)
    if not TOKEN_SHAPE.fullmatch(token):
        raise UsageError(f"the token in {source} must be 16 to 256 characters among A-Z a-z 0-9 _ -")
    return token


def same_token(given: str, token: str) -> bool:
    """Constant-time comparison that accepts any text (``compare_digest`` raises on non-ASCII str)."""
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), token.encode("ascii"))


class Redact(logging.Filter):
    """Remove the token from every log line, tracebacks included."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        from aiohttp.http_exceptions import HttpProcessingError

        message = record.getMessage()
        if record.exc_info:
            exc = record.exc_info[1]
            if isinstance(exc, HttpProcessingError):  # a client's malformed request: one line, not its bytes
                message += f": {exc.code} {type(exc).__name__}"
            else:
                message += "\n" + logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        record.msg, record.args = message.replace(self.token, "…"), None
        return True


def make_server(command: str, host: str, port: int, token: str) -> Server:
    import aiohttp_jinja2
    from aiohttp import web
    from aiohttp.abc import AbstractAccessLogger
    from aiohttp.typedefs import Handler
    from textual_serve.server import Server

    allowed_hosts = {f"{name}:{port}" for name in (*LOCAL_NAMES, host)}
    if port == 80:
        allowed_hosts |= {name for name in (*LOCAL_NAMES, host)}
    any_host = host in WILDCARDS
    max_sessions = _env_int("ITU_REVIEW_SERVE_MAX_SESSIONS", 4)

    class AccessLog(AbstractAccessLogger):
        """Who asked for what, without the query string or the websocket's token."""

        def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
            path = "/ws/…" if request.path.startswith("/ws/") else request.path
            self.logger.info("%s %s %s %s", request.remote, request.method, path, response.status)

    class TokenServer(Server):
        sessions = 0

        def initialize_logging(self) -> None:
            handler = logging.StreamHandler(sys.stderr)
            handler.addFilter(Redact(token))
            handler.setFormatter(logging.Formatter("%(message)s"))
            logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)

        async def _make_app(self) -> web.Application:
            app = web.Application(middlewares=[guard])
            aiohttp_jinja2.setup(app, loader=__import__("jinja2").FileSystemLoader(self.templates_path))
            app.add_routes([
                web.get("/", self.handle_index, name="index"),
                web.get("/ws/{token}", self.handle_session, name="websocket"),
                web.static("/static", self.statics_path, name="static"),
            ])
            return app

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            if not same_token(request.query.get("token", ""), token):
                return forbidden("this review session needs its token (see the URL printed when it started)")
            origin = f"http://{request.host}"
            context = {
                "font_size": 16,
                "app_websocket_url": f"ws://{request.host}/ws/{token}",
                "config": {"static": {"url": f"{origin}/static/"}},
                "application": {"name": self.title},
            }
            response = aiohttp_jinja2.render_template("app_index.html", request, context)
            response.headers["Cache-Control"] = "no-store"
            return response

        async def handle_session(self, request: web.Request) -> web.StreamResponse:
            if not same_token(request.match_info["token"], token):
                return forbidden("this review session needs its token")
            if request.headers.get("Origin") is None:
                return forbidden("a websocket needs the Origin of this server's page")
            if TokenServer.sessions >= max_sessions:
                return web.Response(status=503, text=f"503: {max_sessions} sessions are open already; "
                                                     "close one (a browser tab) first\n")
            TokenServer.sessions += 1
            try:
                return await self.handle_websocket(request)
            finally:
                TokenServer.sessions -= 1

        def serve(self, debug: bool = False) -> None:
            self.debug = debug
            self.initialize_logging()
            asyncio.run(self._run())

        async def _run(self) -> None:
            loop = asyncio.get_running_loop()
            stop = asyncio.Event()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, stop.set)
            runner = web.AppRunner(await self._make_app(), access_log_class=AccessLog,
                                   access_log=logging.getLogger("aiohttp.access"), handler_cancellation=True,
                                   keepalive_timeout=30)
            await runner.setup()
            protocols = runner.server  # the connection handlers' factory, set by setup()
            assert protocols is not None
            limits = ConnectionLimits(_env_int("ITU_REVIEW_SERVE_MAX_CONNECTIONS", 64),
                                      _env_int("ITU_REVIEW_SERVE_IDLE_SECONDS", 60))
            server = await loop.create_server(lambda: Guarded(protocols(), limits),
                                              self.host, self.port)
            reaper = asyncio.create_task(limits.reap())
            try:
                await stop.wait()
            finally:
                reaper.cancel()
                server.close()
                await runner.cleanup()

    def forbidden(why: str) -> web.Response:
        return web.Response(status=403, text=f"403: {why}\n")

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not any_host and request.host not in allowed_hosts:
            return forbidden("this server answers to its own address only")
        origin = request.headers.get("Origin")
        if origin is not None and origin != f"http://{request.host}":
            return forbidden("requests from another site's page are refused")
        response = await handler(request)
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    return TokenServer(command, host=host, port=port, title="itu-review")


class ConnectionLimits:
    """The open connections: at most ``most`` of them, each closed after ``idle`` seconds of silence."""

    def __init__(self, most: int, idle: float) -> None:
        self.most = most
        self.idle = idle
        self.open: set[Guarded] = set()

    async def reap(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(min(5.0, self.idle / 2))
            now = loop.time()
            for conn in list(self.open):
                if now - conn.last > self.idle:
                    conn.close()


class Guarded(asyncio.Protocol):
    """aiohttp's protocol for one connection, counted and timed by ``ConnectionLimits``."""

    def __init__(self, inner: asyncio.Protocol, limits: ConnectionLimits) -> None:
        self.inner = inner
        self.limits = limits
        self.transport: asyncio.Transport | None = None
        self.last = asyncio.get_running_loop().time()
        self.refused = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)  # a TCP server's connections are stream transports
        self.transport = transport
        if len(self.limits.open) >= self.limits.most:
            self.refused = True
            transport.abort()
            return
        self.limits.open.add(self)
        self.inner.connection_made(transport)

    def data_received(self, data: bytes) -> None:
        self.last = asyncio.get_running_loop().time()
        self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        return None if self.refused else self.inner.eof_received()

    def pause_writing(self) -> None:
        self.inner.pause_writing()

    def resume_writing(self) -> None:
        self.inner.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        self.limits.open.discard(self)
        if not self.refused:
            self.inner.connection_lost(exc)

    def close(self) -> None:
        if self.transport is not None:
            self.transport.abort()


def serve_cmd(args: argparse.Namespace) -> int:
    token = read_token(args)
    parts = [sys.executable, "-m", "itu_review", "open", *args.packages]
    for flag in ("log", "reviewer", "theme", "bidi"):
        value = getattr(args, flag, None)
        if value:
            parts += [f"--{flag}", value]
    for base in args.base or []:
        parts += ["--base", base]
    command = "ITU_REVIEW_FORCE_TTY=1 " + " ".join(shlex.quote(p) for p in parts)
    server = make_server(command, args.host, args.port, token)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"itu-review is served at http://{shown}:{args.port}/?token={token}", flush=True)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print("warning: listening beyond this machine; anyone with the token can review", file=sys.stderr)
    try:
        server.serve()
    except OSError as exc:
        raise InputError(f"{args.host}:{args.port}", f"cannot listen: {exc.strerror or exc}") from None
    return ExitCode.OK
