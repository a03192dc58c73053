"""Score a transcript (synchronously, stored, idempotent on id); read and list conversations."""

from __future__ import annotations

import asyncio
from typing import Annotated

import anyio
from fastapi import APIRouter, HTTPException, Query, Request, Response
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from qa_engine.conversation import Conversation
from qa_engine.importers import check_usable
from qa_engine.pipeline import Inspector
from service import limits, store
from service.api.deps import (
    CurrentUser,
    InspectorDep,
    QaUser,
    SessionDep,
    SessionFactoryDep,
    SettingsDep,
)
from service.api.routes.common import (
    AUTH_ERRORS,
    INVALID,
    NOT_FOUND,
    versions_of,
    visible_conversation,
)
from service.auth import Role
from qa_engine.pipeline import Inspection
from service.batching import Busy, InspectionBatcher
from service.db import transaction
from service.limits import CodedError
from service.models import ConversationRow
from service.schemas import (
    ConversationDetail,
    ConversationPage,
    ConversationSummary,
    ErrorOut,
    ScoredConversation,
    Time,
)

router = APIRouter(prefix="/conversations", tags=["conversations"])


def _stored(session: Session, conversation_id: str, body_hash: str) -> ScoredConversation | None:
    row = session.get(ConversationRow, conversation_id)
    if row is None:
        return None
    if row.body_sha256 != body_hash:
        raise HTTPException(409, f"conversation '{conversation_id}' is already stored with a "
                                 "different body; ids are immutable — correct a stored call "
                                 "through reviews or KPIs, or post it under a new id")
    return ScoredConversation(conversation_id=row.id, version=row.version, created=False,
                              inspection=store.inspection_of(session, row.id, row.version))


@router.post(
    "", response_model=ScoredConversation, status_code=201,
    summary="Score a transcript and store it",
    responses={**AUTH_ERRORS, **INVALID,
               200: {"model": ScoredConversation,
                     "description": "Already stored with the same body: the stored result"},
               409: {"model": ErrorOut, "description": "Id already stored with another body"},
               413: {"model": ErrorOut, "description": "Body over QA_MAX_BODY_BYTES or the "
                                                       "work budget (code 'over_budget')"},
               503: {"model": ErrorOut, "description": "Model queue full (Retry-After)"}})
async def score_conversation(conversation: Conversation, user: QaUser,
                             factory: SessionFactoryDep, inspector: InspectorDep,
                             request: Request) -> Response:
    """Score the conversation now and return the inspection with evidence.

    Idempotent on ``id``: the same id with the same body returns the stored result (200);
    the same id with a different body is refused (409). A conversation over the work
    budget (utterances, characters, seconds) is refused (413); when the model queue is
    full the answer is 503 with ``Retry-After``. If the client disconnects while the call
    waits for a model thread, it is dropped unscored.
    """
    limits.check_conversation(conversation)
    request.app.state.work_budget.check(conversation)
    reader = request.app.state.read_sessionmaker

    def lookup() -> tuple[str, ScoredConversation | None, dict[str, float]]:
        body_hash = store.body_sha256(conversation)
        with reader() as session:
            if (found := _stored(session, conversation.id, body_hash)) is not None:
                return body_hash, found, {}
            return body_hash, None, store.effective_kpis(session, conversation)

    body_hash, found, kpis = await anyio.to_thread.run_sync(lookup)
    if found is not None:
        return as_json(found, 200)
    check_usable(conversation, require_agent=True, source=f"conversation '{conversation.id}'")
    inspection = await inspect_or_drop(request, _batcher(request, inspector), conversation, kpis)
    if inspection is None:  # the client went away; nobody reads an answer
        return Response(status_code=499)
    settings = request.app.state.settings

    def save() -> tuple[Response, bool]:
        # Off the event loop: masking, storing and serialising cost milliseconds each.
        to_store, masked, original = store.masked(settings, conversation, inspection)
        try:
            with transaction(factory) as session:
                store.store_new(session, to_store, masked, body_hash=body_hash,
                                actor=user.actor, original=original)
                # Wake the deliverer only for an alert to send: waking it for every scored
                # call cost an outbox query per request.
                alerted = bool(session.info.get(store.RAISED_ALERTS))
        except IntegrityError:  # a concurrent request stored the same id first
            with factory() as session:
                stored = _stored(session, conversation.id, body_hash)
            if stored is None:
                raise
            return as_json(stored, 200), False
        return as_json(ScoredConversation(conversation_id=conversation.id, version=1,
                                          created=True, inspection=masked), 201), alerted

    answer, alerted = await anyio.to_thread.run_sync(save)
    if alerted:
        request.app.state.outbox.wake()
    return answer


async def inspect_or_drop(request: Request, batcher: InspectionBatcher,
                          conversation: Conversation,
                          kpis: dict[str, float]) -> Inspection | None:
    """The inspection from a model thread; None when the client disconnected first (the
    queued work is cancelled); 503 + ``Retry-After`` when the queue is full or the wait
    exceeds ``QA_MODEL_QUEUE_TIMEOUT_SECONDS``."""
    if not batcher.started:  # an Inspector given by a test override: run it in a thread
        return await anyio.to_thread.run_sync(batcher.inspect, conversation, kpis)
    try:
        future = batcher.submit(conversation, kpis)
    except Busy as exc:
        raise CodedError(503, str(exc), "busy",
                         headers={"Retry-After": str(exc.retry_after)}) from None
    waiter = asyncio.wrap_future(future)
    # Nobody may be left to read the outcome: mark it retrieved so it is not logged.
    waiter.add_done_callback(lambda f: f.cancelled() or f.exception())
    gone = asyncio.ensure_future(_disconnected(request))
    try:
        done, _ = await asyncio.wait(
            {waiter, gone}, return_when=asyncio.FIRST_COMPLETED,
            timeout=request.app.state.settings.model_queue_timeout_seconds)
    finally:
        gone.cancel()
    if waiter in done:
        return waiter.result()
    future.cancel()  # dropped if still queued; a batch already running ends on its own
    if gone in done:
        return None
    retry = batcher.retry_after()
    raise CodedError(503, "no model thread was free in time; retry later", "busy",
                     headers={"Retry-After": str(retry)})


async def _disconnected(request: Request) -> None:
    """Returns when the client closes the connection (the body has been read already)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


def _batcher(request: Request, inspector: Inspector) -> InspectionBatcher:
    batcher: InspectionBatcher = request.app.state.batcher
    # An Inspector given by a dependency override in a test runs in the request thread.
    return batcher if batcher.inspector is inspector else InspectionBatcher(inspector)


def as_json(model: ScoredConversation, status: int) -> Response:
    """Serialise once, in pydantic-core: the model is already valid, so FastAPI's second
    validation of the return value (the costliest step for a big inspection) is skipped."""
    return Response(model.model_dump_json(), status_code=status, media_type="application/json")


@router.get("", response_model=ConversationPage, summary="List and filter conversations",
            responses={**AUTH_ERRORS, **INVALID})
def list_conversations(
        session: SessionDep, user: CurrentUser,
        agent_id: str | None = None, queue: str | None = None,
        started_from: Annotated[Time | None, Query(description="started_at >= this")] = None,
        started_to: Annotated[Time | None, Query(description="started_at < this")] = None,
        min_score: Annotated[float | None, Query(ge=0, le=100)] = None,
        max_score: Annotated[float | None, Query(ge=0, le=100)] = None,
        min_risk: Annotated[float | None, Query(ge=0, le=1,
                                                description="complaint risk >= this")] = None,
        red_line_failed: bool | None = None,
        needs_review: Annotated[bool | None, Query(description="has items awaiting review")] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> ConversationPage:
    """Newest first. An agent's key lists only that agent's calls."""
    if user.role is Role.AGENT:
        if agent_id not in (None, user.agent_id):
            raise HTTPException(403, "an agent key lists only its own calls")
        agent_id = user.agent_id
    c = ConversationRow
    conditions = []
    if agent_id is not None:
        conditions.append(c.agent_id == agent_id)
    if queue is not None:
        conditions.append(c.queue == queue)
    if started_from is not None:
        conditions.append(c.started_at >= started_from)
    if started_to is not None:
        conditions.append(c.started_at < started_to)
    if min_score is not None:
        conditions.append(c.score >= min_score)
    if max_score is not None:
        conditions.append(c.score <= max_score)
    if min_risk is not None:
        conditions.append(c.risk >= min_risk)
    if red_line_failed is not None:
        conditions.append(c.red_line_failed.is_(red_line_failed))
    if needs_review is not None:
        conditions.append(c.needs_review > 0 if needs_review else c.needs_review == 0)
    total = session.scalar(select(func.count()).select_from(c).where(*conditions))
    rows = session.scalars(select(c).where(*conditions)
                           .order_by(c.started_at.desc().nulls_last(), c.id)
                           .limit(limit).offset(offset))
    items = [ConversationSummary(
        id=r.id, agent_id=r.agent_id, queue=r.queue, started_at=r.started_at, channel=r.channel,
        version=r.version, score=r.score, red_line_failed=r.red_line_failed, risk=r.risk,
        needs_review=r.needs_review, updated_at=r.updated_at) for r in rows]
    return ConversationPage(total=total or 0, limit=limit, offset=offset, items=items)


@router.get("/{conversation_id}", response_model=ConversationDetail,
            summary="A conversation with its current inspection, evidence and history",
            responses={**AUTH_ERRORS, **NOT_FOUND})
def get_conversation(conversation_id: str, session: SessionDep, user: CurrentUser,
                     settings: SettingsDep) -> ConversationDetail:
    """Personal data is masked in the transcript and evidence; roles named in
    ``QA_PII_ORIGINALS_FOR`` see the original transcript."""
    row = visible_conversation(session, conversation_id, user)
    original = row.original is not None and user.role.value in settings.pii_originals_for
    return ConversationDetail(
        conversation_id=row.id, version=row.version,
        inspection=store.inspection_of(session, row.id, row.version),
        conversation=Conversation.model_validate(row.original) if original
        else store.conversation_of(row), versions=versions_of(session, row.id))


@router.get("/{conversation_id}/versions/{version}", response_model=ScoredConversation,
            summary="One stored version of a conversation's inspection",
            responses={**AUTH_ERRORS, **NOT_FOUND})
def get_version(conversation_id: str, version: int, session: SessionDep,
                user: CurrentUser) -> ScoredConversation:
    row = visible_conversation(session, conversation_id, user)
    if not 1 <= version <= row.version:
        raise HTTPException(404, f"conversation '{conversation_id}' has versions 1–{row.version}, "
                                 f"not {version}")
    return ScoredConversation(conversation_id=row.id, version=version,
                              inspection=store.inspection_of(session, row.id, version))
