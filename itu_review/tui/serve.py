"""`itu-review serve`: the same app in a browser on this machine, behind a per-session token.

A secretariat server has many users: the server binds to 127.0.0.1 unless told otherwise, and every
request needs the random token printed at start (in the URL once; a cookie after that), so another
local user cannot open someone else's review session. Without it the answer is 403.
"""

from __future__ import annotations

import argparse
import secrets
import shlex
import sys
from typing import Any

from ..errors import ExitCode

COOKIE = "itu_review_token"


def make_server(command: str, host: str, port: int, token: str) -> Any:
    from aiohttp import web
    from textual_serve.server import Server

    class TokenServer(Server):  # type: ignore[misc]
        async def _make_app(self) -> web.Application:
            app = await super()._make_app()

            @web.middleware
            async def require_token(request: web.Request, handler: Any) -> web.StreamResponse:
                given = request.query.get("token", "")
                if secrets.compare_digest(given, token):
                    response = await handler(request)
                    response.set_cookie(COOKIE, token, httponly=True, samesite="Strict")
                    return response
                if secrets.compare_digest(request.cookies.get(COOKIE, ""), token):
                    return await handler(request)
                return web.Response(status=403, text="403: this review session needs its token (see the URL "
                                                     "printed when it started)\n")

            app.middlewares.append(require_token)
            return app

    return TokenServer(command, host=host, port=port, title="itu-review")


def serve_cmd(args: argparse.Namespace) -> int:
    token = args.token or secrets.token_urlsafe(24)
    parts = [sys.executable, "-m", "itu_review", "open", *args.packages]
    for flag in ("log", "reviewer", "theme", "bidi"):
        value = getattr(args, flag, None)
        if value:
            parts += [f"--{flag}", value]
    for base in args.base or []:
        parts += ["--base", base]
    command = "ITU_REVIEW_FORCE_TTY=1 " + " ".join(shlex.quote(p) for p in parts)
    server = make_server(command, args.host, args.port, token)
    print(f"itu-review is served at http://{args.host}:{args.port}/?token={token}", flush=True)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print("warning: listening beyond this machine; anyone with the token can review", file=sys.stderr)
    server.serve()
    return ExitCode.OK
