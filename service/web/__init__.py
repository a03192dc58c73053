"""The QA workbench: server-rendered pages for reviewers, agents and supervisors (``/ui``).

``mount(app)`` adds the pages, their static assets (htmx and ECharts vendored from npm;
nothing is fetched from a CDN) and the sign-in handlers to the service's app.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from service.web.pages import PREFIX, install, router

STATIC = Path(__file__).parent / "static"


def mount(app: FastAPI) -> None:
    """Serve the workbench under ``/ui`` (and send ``/`` there)."""
    app.include_router(router)
    app.mount(f"{PREFIX}/static", StaticFiles(directory=STATIC), name="web-static")
    install(app)

    @app.get("/", include_in_schema=False)
    def _root() -> RedirectResponse:
        return RedirectResponse(f"{PREFIX}/calls", status_code=303)
