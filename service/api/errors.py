"""Error bodies (``ErrorOut``) and the request-body size limit."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from qa_engine.errors import QAEngineError
from service.limits import lone_surrogate_path

log = logging.getLogger("qa_engine.service.errors")

STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                405: "method_not_allowed", 409: "conflict", 413: "too_large",
                415: "unsupported_media_type", 422: "invalid_body", 500: "internal_error",
                503: "busy"}


def field_path(loc: tuple[Any, ...] | list[Any]) -> str:
    """('body', 'utterances', 3, 'speaker') -> 'utterances[3].speaker'."""
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header"):
        prefix = "" if parts[0] == "body" else f"{parts[0]}:"
        parts = parts[1:]
    else:
        prefix = ""
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts).lstrip(".")
    return prefix + (path or "body")


def describe(errors: list[dict[str, Any]]) -> str:
    first = errors[0]
    if first.get("type") == "json_invalid":
        ctx = first.get("ctx") or {}
        return f"malformed JSON at character {first['loc'][-1]}: {ctx.get('error', first['msg'])}"
    where = field_path(first["loc"])
    got = first.get("input")
    shown = f" (got {got!r})" if got is not None and not isinstance(got, (dict, list)) else ""
    more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {first['msg']}{shown[:200]}{more}"


def install(app: FastAPI) -> None:
    """Register handlers so every error has the ``ErrorOut`` shape."""

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"path": field_path(e["loc"]), "message": e["msg"], "type": e.get("type")}
                  for e in exc.errors()]
        return JSONResponse(status_code=422, content=jsonable_encoder(
            {"detail": describe(list(exc.errors())), "code": "invalid_body", "errors": errors}))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:  # Allow: every method of every route on this path
            headers = {**(headers or {}), "Allow": ", ".join(allowed_methods(request))}
        return JSONResponse(status_code=exc.status_code, headers=headers,
                            content={"detail": str(exc.detail), "code": getattr(
                                exc, "code", None) or STATUS_CODES.get(exc.status_code, "error")})

    @app.exception_handler(DataError)
    async def _unstorable(_: Request, exc: DataError) -> JSONResponse:
        # E.g. PostgreSQL refuses NUL characters in text; SQLite stores them. Same answer
        # on both databases would need every field checked up front; the database is the
        # judge here, and the transaction has been rolled back.
        reason = str(exc.orig).splitlines()[0] if exc.orig else "invalid value"
        return JSONResponse(status_code=422, content={
            "detail": f"a value cannot be stored: {reason}", "code": "unstorable_value"})

    @app.exception_handler(IntegrityError)
    async def _conflict(_: Request, exc: IntegrityError) -> JSONResponse:
        # Two requests changed the same thing at once (e.g. both added version N+1 of a
        # call); the loser's transaction was rolled back and can simply be sent again.
        return JSONResponse(status_code=409, content={
            "detail": "a concurrent request changed the same record; nothing was stored, "
                      "send the request again", "code": "conflict"})

    @app.exception_handler(OperationalError)
    async def _busy(request: Request, exc: OperationalError) -> JSONResponse:
        if "locked" not in str(exc.orig) and "busy" not in str(exc.orig):
            log.error("database error in %s %s: %s", request.method, request.url.path, exc.orig)
            return _json_error(500, "internal error; nothing was stored", "internal_error")
        # SQLite's write lock was held longer than the busy timeout (a very large upload):
        # nothing was stored; the same request can be sent again shortly.
        return JSONResponse(status_code=503, headers={"Retry-After": "5"}, content={
            "detail": "the database is busy; nothing was stored, send the request again",
            "code": "busy"})

    @app.exception_handler(QAEngineError)
    async def _qa(_: Request, exc: QAEngineError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": str(exc), "code": exc.code})


def allowed_methods(request: Request) -> list[str]:
    """The methods the API documents for this request's path (its OpenAPI paths)."""
    path = request.url.path
    methods: set[str] = set()
    for template, item in request.app.openapi().get("paths", {}).items():
        pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, path):
            methods |= {m.upper() for m in item if m in
                        ("get", "head", "post", "put", "patch", "delete", "options")}
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body exceeds the limit of {limit} bytes")


class BodyLimitMiddleware:
    """Refuses bodies over the limit while they stream in (and at once by Content-Length)."""

    def __init__(self, app: ASGIApp, *, limit_for: Any) -> None:
        self.app, self.limit_for = app, limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            response = JSONResponse(status_code=413, content={
                "detail": f"request body of {int(declared)} bytes exceeds the limit of "
                          f"{limit} bytes", "code": "too_large"})
            await response(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, limited, send)


def _json_error(status: int, detail: str, code: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"detail": detail, "code": code})


class CatchAllMiddleware:
    """An unexpected exception becomes a JSON 500 (``ErrorOut``) and is logged; it is not
    re-raised, so the server keeps the client's keep-alive connection instead of resetting it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception:
            log.exception("unhandled error in %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await _json_error(500, "internal error; nothing was stored — the server log "
                                       "has the details", "internal_error")(scope, receive, send)


# A JSON \u escape of a UTF-16 surrogate: only then can a decoded string hold a lone one.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89abcdefABCDEF][0-9a-fA-F]{2}")


class UnstorableTextMiddleware:
    """Refuses (422) a JSON body holding a lone UTF-16 surrogate anywhere: such a string
    cannot be encoded as UTF-8, so storing it fails — or worse, succeeds as JSON text and
    breaks every later read of the row. The body is scanned for the escape first; it is
    decoded a second time only when one is present."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers") or []) if scope["type"] == "http" else {}
        if b"json" not in headers.get(b"content-type", b""):
            await self.app(scope, receive, send)
            return
        chunks = []
        try:
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    await self.app(scope, _replay([message], receive), send)
                    return
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    break
        except StarletteHTTPException as exc:  # the body limit, while reading
            await _json_error(exc.status_code, str(exc.detail),
                              STATUS_CODES.get(exc.status_code, "error"))(scope, receive, send)
            return
        body = b"".join(chunks)
        if _SURROGATE_ESCAPE.search(body):
            try:
                where = lone_surrogate_path(json.loads(body))
            except ValueError:
                where = None  # malformed JSON: the route's parser reports it
            if where:
                await _json_error(422, f"{where.removeprefix('body.')}: contains a lone "
                                       "UTF-16 surrogate (not valid Unicode text)",
                                  "invalid_body")(scope, receive, send)
                return
        await self.app(scope, _replay([{"type": "http.request", "body": body,
                                        "more_body": False}], receive), send)


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """A ``receive`` that gives ``messages`` first, then the real stream (disconnects)."""
    pending = list(messages)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay
