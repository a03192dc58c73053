"""Admission control: at most ``limit`` API requests in progress per server process.

Beyond it a request is answered 503 with ``Retry-After`` before its body is read, so an
overloaded server sheds work at once instead of letting every caller's wait grow (the
bounded model queue alone cannot see requests still waiting for the event loop or a
thread). Health and the API docs are always admitted.
"""

from __future__ import annotations

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send


class AdmissionMiddleware:
    """Counts requests in progress (one event loop per process: a plain counter)."""

    def __init__(self, app: ASGIApp, *, limit: int, exempt: tuple[str, ...] = ()) -> None:
        self.app, self.limit, self.exempt = app, limit, exempt
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.limit:
            response = JSONResponse(status_code=503, headers={"Retry-After": "1"}, content={
                "detail": f"server busy: {self.in_flight} requests in progress "
                          f"(QA_MAX_IN_FLIGHT={self.limit}); retry after 1 s",
                "code": "busy"})
            await response(scope, receive, send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
