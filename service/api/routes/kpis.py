"""Ingest KPIs per call or per agent-period (JSON or CSV); affected calls are re-scored."""

from __future__ import annotations

import csv
import io
import math
from datetime import datetime

import anyio
from fastapi import APIRouter, HTTPException, Request
from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_engine.importers import decode_text
from service import audit, store
from service.api.deps import InspectorDep, SessionDep, SessionFactoryDep, StaffUser
from service.api.errors import describe
from service.api.routes.common import AUTH_ERRORS, INVALID
from service.auth import Principal
from service.models import AgentPeriodKpi, ConversationRow
from service.schemas import KpiIngest, KpiIngestResult, Rescored

router = APIRouter(prefix="/kpis", tags=["kpis"])
_TIME = TypeAdapter(datetime)

CSV_BODY = {"required": True, "content": {"text/csv": {
    "schema": {"type": "string", "examples": [
        "conversation_id,csat,fcr\ncall-0001,4,1\n",
        "agent_id,period_start,period_end,answer_rate_20s\n"
        "A1024,2026-11-01T00:00:00Z,2026-11-08T00:00:00Z,0.93\n"]}}}}


def ingest(session: Session, inspector, body: KpiIngest, user: Principal) -> KpiIngestResult:
    """Apply the KPI values and re-score every call whose effective KPIs changed."""
    touched: dict[str, ConversationRow] = {}
    for i, call in enumerate(body.calls):
        _check_values(call.kpis, f"calls[{i}].kpis")
        row = session.get(ConversationRow, call.conversation_id, with_for_update=True)
        if row is None:
            raise HTTPException(422, f"calls[{i}].conversation_id: no conversation "
                                     f"'{call.conversation_id}' is stored")
        old = row.conversation.get("kpis") or {}
        new = {**old, **call.kpis}
        if new != old:
            row.conversation = {**row.conversation, "kpis": new}
        touched[row.id] = row
    for i, period in enumerate(body.agent_periods):
        _check_values(period.kpis, f"agent_periods[{i}].kpis")
        if period.period_end <= period.period_start:
            raise HTTPException(422, f"agent_periods[{i}].period_end: must be after period_start")
        stored = session.scalar(select(AgentPeriodKpi).where(
            AgentPeriodKpi.agent_id == period.agent_id,
            AgentPeriodKpi.period_start == period.period_start,
            AgentPeriodKpi.period_end == period.period_end).with_for_update())
        if stored is None:
            session.add(AgentPeriodKpi(agent_id=period.agent_id, period_start=period.period_start,
                                       period_end=period.period_end, kpis=dict(period.kpis)))
        else:
            stored.kpis = {**stored.kpis, **period.kpis}
            stored.updated_at = store.utcnow()
        session.flush()
        for row in session.scalars(select(ConversationRow).where(
                ConversationRow.agent_id == period.agent_id,
                ConversationRow.started_at >= period.period_start,
                ConversationRow.started_at < period.period_end).with_for_update()):
            touched[row.id] = row
    rescored, unchanged = [], 0
    for row in touched.values():
        current = store.inspection_of(session, row.id, row.version)
        if current.kpis == store.effective_kpis(session, store.conversation_of(row)):
            unchanged += 1
            continue
        before = row.score
        store.rescore(session, inspector, row, reason="kpis", actor=user.actor)
        rescored.append(Rescored(conversation_id=row.id, version=row.version,
                                 score_before=before, score=row.score))
    audit.append(session, actor=user.actor, action="kpis.ingested", subject="kpis", payload={
        "calls": [c.model_dump(mode="json") for c in body.calls],
        "agent_periods": [p.model_dump(mode="json") for p in body.agent_periods],
        "rescored": [r.conversation_id for r in rescored]})
    return KpiIngestResult(rescored=rescored, unchanged=unchanged,
                           agent_periods=len(body.agent_periods))


def _check_values(kpis: dict[str, float], where: str) -> None:
    for name, value in kpis.items():
        if not math.isfinite(value):
            raise HTTPException(422, f"{where}.{name}: must be a finite number")


@router.post("", response_model=KpiIngestResult, summary="Ingest KPIs (JSON)",
             responses={**AUTH_ERRORS, **INVALID})
def ingest_json(body: KpiIngest, session: SessionDep, inspector: InspectorDep,
                user: StaffUser) -> KpiIngestResult:
    """KPI values per call and/or per agent-period; calls whose KPIs change get a new version.

    Agent-period values apply to that agent's calls started within the period; a call's
    own values win over them. All or nothing: on any bad row nothing is stored.
    """
    result = ingest(session, inspector, body, user)
    session.commit()
    return result


@router.post("/csv", response_model=KpiIngestResult, summary="Ingest KPIs (CSV)",
             openapi_extra={"requestBody": CSV_BODY}, responses={**AUTH_ERRORS, **INVALID})
async def ingest_csv(request: Request, user: StaffUser, inspector: InspectorDep,
                     factory: SessionFactoryDep) -> KpiIngestResult:
    """CSV with a header row: ``conversation_id`` + KPI columns (per call) or
    ``agent_id,period_start,period_end`` + KPI columns (per agent-period). Empty cells are
    skipped."""
    raw = await request.body()
    try:
        text = decode_text(raw)
    except Exception:
        raise HTTPException(422, "body: not UTF-8, UTF-16 or GB18030 text") from None
    body = parse_csv(text)

    def work() -> KpiIngestResult:
        with factory() as session:
            result = ingest(session, inspector, body, user)
            session.commit()
            return result

    return await anyio.to_thread.run_sync(work)


def parse_csv(text: str) -> KpiIngest:
    """Rows → ``KpiIngest``; errors name the line and column."""
    try:
        return _parse_csv(text)
    except csv.Error as exc:
        raise HTTPException(422, f"malformed CSV: {exc}") from None


def _parse_csv(text: str) -> KpiIngest:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    if "conversation_id" in header:
        keys = ["conversation_id"]
    elif {"agent_id", "period_start", "period_end"} <= set(header):
        keys = ["agent_id", "period_start", "period_end"]
    else:
        raise HTTPException(422, "header: expected a 'conversation_id' column, or "
                                 "'agent_id', 'period_start' and 'period_end' columns")
    if len(set(header)) != len(header) or any(not h for h in header):
        raise HTTPException(422, "header: column names must be unique and non-empty")
    calls, periods = [], []
    for line, record in enumerate(reader, start=2):
        if None in record:
            raise HTTPException(422, f"line {line}: more cells than header columns")
        record = {k.strip(): (v or "").strip() for k, v in record.items()}
        kpis: dict[str, float] = {}
        for name, cell in record.items():
            if name in keys or cell == "":
                continue
            try:
                kpis[name] = float(cell)
            except ValueError:
                raise HTTPException(422, f"line {line}, column {name}: '{cell[:50]}' is "
                                         "not a number") from None
        if not kpis:
            continue
        entry = {k: record[k] for k in keys} | {"kpis": kpis}
        (calls if keys[0] == "conversation_id" else periods).append(entry)
    try:
        return KpiIngest(calls=calls, agent_periods=periods)
    except ValidationError as exc:
        raise HTTPException(422, describe(list(exc.errors()))) from None

