"""The QA workbench: server-rendered pages for reviewers, agents and supervisors (``/ui``).

``mount(app)`` adds the pages, their static assets (htmx and ECharts vendored from npm;
nothing is fetched from a CDN) and the sign-in handlers to the service's app.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from service.web import perf_pages, recordings_pages
from service.web.pages import PREFIX, install, router

STATIC = Path(__file__).parent / "static"
STATIC_MAX_AGE = 3600  # seconds a browser reuses htmx/ECharts/CSS without asking again


class _StaticFiles(StaticFiles):
    """Static files a browser may keep for an hour (no revalidation on every page)."""

    def file_response(self, *args, **kwargs):
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = f"public, max-age={STATIC_MAX_AGE}"
        return response


def mount(app: FastAPI) -> None:
    """Serve the workbench under ``/ui`` (and send ``/`` there)."""
    app.include_router(router)
    app.include_router(perf_pages.router)
    app.include_router(recordings_pages.router)
    app.mount(f"{PREFIX}/static", _StaticFiles(directory=STATIC), name="web-static")
    install(app)

    @app.get("/", include_in_schema=False)
    def _root() -> RedirectResponse:
        return RedirectResponse(f"{PREFIX}/calls", status_code=303)
