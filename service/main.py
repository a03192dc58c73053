"""The FastAPI app: ``create_app()``; ``lifespan`` migrates the database and loads the
Inspector once, then starts the job workers and the outbox deliverer."""

from __future__ import annotations

import gc
import inspect
import os
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from qa_engine import __version__
from qa_engine.pipeline import Inspector
from service import audit as audit_log
from service.api import docs, errors
from service.api.admission import AdmissionMiddleware
from service.api.deps import get_conversation_loader, get_inspector
from service.api.examples import add_examples, document_errors
from service.api.routes import (
    agents,
    alerts,
    appeals,
    audit,
    conversations,
    health,
    jobs,
    keys,
    kpis,
    performance,
    reviews,
)
from service.auth import KeyCache
from service.batching import InspectionBatcher
from service.db import make_engine, make_sessionmaker, upgrade
from service.jobs import JobRunner
from service.limits import WorkBudget
from service.outbox import Deliverer
from service.settings import Settings
from service.web import mount as mount_workbench
from service.uploads import remove_stale_parts
from service.urlpolicy import UrlPolicy

API_PREFIX = "/api/v1"
UPLOAD_PATH = f"{API_PREFIX}/jobs"
# Room for the multipart framing and text fields around the recording itself.
MULTIPART_SLACK = 64 * 1024


def load_inspector(settings: Settings) -> Inspector:
    """The Inspector the service scores with (models load here, once)."""
    return Inspector(settings.scorecard, rulebook=settings.rulebook)


async def _resolve(provider):
    value = provider()
    return await value if inspect.isawaitable(value) else value


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o750)
    settings.upload_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    remove_stale_parts(settings.upload_dir)
    _create_private(settings.resolved_database_url)
    engine = make_engine(settings.resolved_database_url,
                         busy_timeout=settings.sqlite_busy_timeout_seconds)
    upgrade(engine)
    app.state.engine = engine
    info = audit_log.session_info(audit_log.load_key(settings))
    app.state.sessionmaker = factory = make_sessionmaker(engine, info=info)
    app.state.read_sessionmaker = make_sessionmaker(engine, read_only=True, info=info)
    # A test's dependency overrides of the Inspector and loader also drive the job workers.
    override = app.dependency_overrides.get(get_inspector)
    app.state.inspector = inspector = (await _resolve(override) if override
                                       else load_inspector(settings))
    # Everything loaded so far (models, app, ORM) lives as long as the server: moving it out
    # of the garbage collector's view spares each full collection a ~25 ms walk over it,
    # a pause that otherwise lands on whichever requests are in flight (p99 latency).
    gc.collect()
    gc.freeze()
    app.state.key_cache = KeyCache(ttl=settings.auth_cache_seconds)
    app.state.model_slots = slots = threading.BoundedSemaphore(settings.model_concurrency)
    app.state.batcher = batcher = InspectionBatcher(inspector, workers=settings.model_concurrency,
                                                    max_batch=settings.max_batch,
                                                    max_queue=settings.model_queue)
    batcher.start()
    loader = await _resolve(app.dependency_overrides.get(get_conversation_loader,
                                                         get_conversation_loader))
    app.state.jobs = runner = JobRunner(factory, inspector, settings, slots, loader=loader,
                                        batcher=batcher)
    app.state.url_policy = policy = UrlPolicy(settings.outbound_allow)
    app.state.outbox = deliverer = Deliverer(factory, settings, policy=policy,
                                             client=getattr(app.state, "webhook_client", None))
    runner.start()
    deliverer.start()
    try:
        yield
    finally:
        # Bounded: whatever still runs after the grace period is abandoned (daemon threads;
        # a job's lease then runs out and another worker takes it up again).
        deadline = time.monotonic() + settings.shutdown_grace_seconds

        def left() -> float:
            return max(0.0, deadline - time.monotonic())

        runner.stop(left())
        deliverer.stop(left())
        batcher.stop(left())
        engine.dispose()


def _create_private(url: str) -> None:
    """Create a new SQLite database file readable by its owner only (0600); SQLite gives
    its -wal and -shm files the same mode."""
    if not url.startswith("sqlite:///") or url.endswith(":memory:"):
        return
    path = url.removeprefix("sqlite:///").split("?", 1)[0]
    if path and not os.path.exists(path):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app (``settings`` default: from the ``QA_*`` environment)."""
    settings = settings or Settings()
    app = FastAPI(
        title="qa-engine", version=__version__, lifespan=lifespan,
        description="Conversation quality inspection (智能质检): score calls, upload "
                    "recordings, agent scorecards, complaint-risk alerts, review and appeals.",
        openapi_url=f"{API_PREFIX}/openapi.json", docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.work_budget = WorkBudget(settings.max_utterances, settings.max_characters,
                                       settings.max_audio_seconds)
    app.add_middleware(errors.UnstorableTextMiddleware)
    app.add_middleware(errors.BodyLimitMiddleware, limit_for=lambda path: (
        settings.max_upload_bytes + MULTIPART_SLACK if path == UPLOAD_PATH
        else settings.max_body_bytes))
    app.add_middleware(AdmissionMiddleware, limit=settings.max_in_flight,
                       exempt=(f"{API_PREFIX}/health", f"{API_PREFIX}/docs",
                               f"{API_PREFIX}/redoc", f"{API_PREFIX}/openapi.json"))
    app.add_middleware(errors.CatchAllMiddleware)
    errors.install(app)
    for module in (health, conversations, jobs, kpis, agents, alerts, reviews, appeals, audit,
                   keys, performance):
        app.include_router(module.router, prefix=API_PREFIX)
    mount_workbench(app)

    docs.install(app, API_PREFIX)

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version,
                                 description=app.description, routes=app.routes)
            app.openapi_schema = document_errors(add_examples(schema))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory service.main:app_from_env``."""
    return create_app()
