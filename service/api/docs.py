"""Swagger UI and ReDoc pages whose scripts and styles the service serves itself.

The assets come from the ``fastapi-offline`` package (MIT; Swagger UI and ReDoc
bundles), so the pages work on a network without Internet access; no CDN is named.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles


def _assets() -> Path:
    import fastapi_offline

    return Path(fastapi_offline.__file__).resolve().parent / "static"


def install(app: FastAPI, prefix: str) -> None:
    """``{prefix}/docs`` (Swagger UI) and ``{prefix}/redoc`` from local assets."""
    static = f"{prefix}/docs-assets"
    app.mount(static, StaticFiles(directory=_assets()), name="docs-assets")
    openapi_url = app.openapi_url or f"{prefix}/openapi.json"

    @app.get(f"{prefix}/docs", include_in_schema=False)
    async def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url, title=f"{app.title} — API",
            swagger_js_url=f"{static}/swagger-ui-bundle.js",
            swagger_css_url=f"{static}/swagger-ui.css",
            swagger_favicon_url=f"{static}/favicon.png")

    @app.get(f"{prefix}/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url=openapi_url, title=f"{app.title} — API",
                              redoc_js_url=f"{static}/redoc.standalone.js",
                              redoc_favicon_url=f"{static}/favicon.png",
                              with_google_fonts=False)
