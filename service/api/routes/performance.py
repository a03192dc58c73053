"""Performance: roster, 360° ratings, period runs and results (payroll CSV), deviation
warnings, coaching tasks, the review sample and calibration κ — all computed by
``qa_engine.performance``."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select

from qa_engine.importers import decode_text
from qa_engine.performance import load_plan, parse_period, parse_plan
from qa_engine.performance.calibration import CalibrationLabel, ItemAgreement, agreement_by_item
from qa_engine.performance.coaching import CoachingTask, close_task
from qa_engine.performance.ratings import RaterLeniency, Rating, check_scale, rater_leniency
from qa_engine.performance.results import AgentResult, agents_csv
from qa_engine.performance.roster import AgentInfo
from qa_engine.performance.sampling import SampledCall
from qa_engine.performance.warnings import DeviationWarning
from service import audit
from service import performance as perf
from service.api.deps import CurrentUser, SessionDep, StaffUser
from service.api.routes.common import AUTH_ERRORS, INVALID, NOT_FOUND
from service.auth import Role
from service.db import utcnow
from service.perf_models import PerfCoachingTask, PerfRating, PerfResult, PerfRoster, PerfSample
from service.perf_models import PerfWarning as PerfWarningRow

router = APIRouter(prefix="/performance", tags=["performance"])

PeriodQuery = Annotated[str, Query(description="YYYY-MM, YYYY-Www or YYYY-Qn.",
                                   examples=["2026-11"], max_length=16)]


def _example(**example: Any) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": [example]})


class RosterIn(BaseModel):
    model_config = _example(agents=[{"agent_id": "A1024", "role": "agent", "supervisor": "S1",
                                     "hired_on": "2026-10-20"}])
    agents: list[AgentInfo] = Field(max_length=10000)


class RatingsIn(BaseModel):
    model_config = _example(ratings=[{"agent_id": "A1024", "period": "2026-11",
                                      "source": "peer", "rater_id": "A2048", "score": 4}])
    ratings: list[Rating] = Field(max_length=10000)


class Stored(BaseModel):
    model_config = _example(stored=12)
    stored: int


class RunIn(BaseModel):
    model_config = _example(period="2026-11")
    period: str = Field(max_length=16, description="YYYY-MM, YYYY-Www or YYYY-Qn.")
    plan: dict[str, Any] | None = Field(
        default=None, description="A performance plan (as the TOML, in JSON); default: the "
                                  "bundled models/performance.toml.")


class RunOut(BaseModel):
    """What one period run produced; the results are also in the audit log (``audit_seq``)."""

    model_config = _example(period="2026-11", plan="default@2026.11.1", audit_seq=42,
                            summary={"agents": 10, "warnings": 1}, results=[], warnings=[],
                            coaching_tasks=[], sampled_calls=191)
    period: str
    plan: str
    audit_seq: int
    summary: dict[str, Any]
    results: list[AgentResult]
    warnings: list[DeviationWarning]
    coaching_tasks: list[CoachingTask] = Field(description="Tasks this run raised.")
    sampled_calls: int


class CloseIn(BaseModel):
    model_config = _example(outcome="listened to five calls together; resolution checklist")
    outcome: str = Field(min_length=1, max_length=4000)


class SampleOut(SampledCall):
    model_config = _example(conversation_id="call-0918", agent_id="A1024", period="2026-11",
                            reasons=["red_line"], score=0.0, status="queued")
    period: str
    status: str


class CalibrationIn(BaseModel):
    model_config = _example(labels=[
        {"conversation_id": "call-0001", "item": "greeting", "reviewer": "qa-li", "label": "pass"},
        {"conversation_id": "call-0001", "item": "greeting", "reviewer": "qa-wang",
         "label": "pass"}])
    labels: list[CalibrationLabel] = Field(max_length=100000)


def _own(user, agent_id: str | None) -> str | None:
    """An agent key sees only its own agent; staff see whom they ask for."""
    if user.role is Role.AGENT:
        if agent_id is not None and agent_id != user.agent_id:
            raise HTTPException(403, "an agent key reads only its own performance records")
        return user.agent_id
    return agent_id


@router.put("/roster", response_model=Stored, summary="Set agents' roles, supervisors, hire dates",
            responses={**AUTH_ERRORS, **INVALID})
def put_roster(body: RosterIn, session: SessionDep, user: StaffUser) -> Stored:
    """Role picks the plan structure; supervisor owns coaching tasks; hire date marks new agents."""
    for info in body.agents:
        row = session.get(PerfRoster, info.agent_id) or PerfRoster(agent_id=info.agent_id)
        row.role, row.supervisor, row.hired_on = info.role, info.supervisor, info.hired_on
        row.updated_at = utcnow()
        session.add(row)
    audit.append(session, actor=user.actor, action="performance.roster", subject="roster",
                 payload={"agents": [a.model_dump(mode="json") for a in body.agents]})
    session.commit()
    return Stored(stored=len(body.agents))


@router.get("/roster", response_model=list[AgentInfo], summary="The roster",
            responses=AUTH_ERRORS)
def get_roster(session: SessionDep, user: StaffUser) -> list[AgentInfo]:
    return sorted(perf.stored_roster(session).values(), key=lambda a: a.agent_id)


def _store_ratings(session, ratings: list[Rating], user) -> Stored:
    check_scale(ratings, load_plan().ratings)
    for r in ratings:
        row = session.scalar(select(PerfRating).where(
            PerfRating.agent_id == r.agent_id, PerfRating.period == r.period,
            PerfRating.source == r.source, PerfRating.rater_id == r.rater_id))
        if row is None:
            row = PerfRating(agent_id=r.agent_id, period=r.period, source=r.source,
                             rater_id=r.rater_id)
            session.add(row)
        row.score, row.comment, row.created_by = r.score, r.comment, user.actor
        session.flush()
    audit.append(session, actor=user.actor, action="performance.ratings", subject="ratings",
                 payload={"ratings": [r.model_dump(mode="json") for r in ratings]})
    session.commit()
    return Stored(stored=len(ratings))


@router.post("/ratings", response_model=Stored, status_code=201,
             summary="Ingest 360° ratings (JSON)", responses={**AUTH_ERRORS, **INVALID})
def post_ratings(body: RatingsIn, session: SessionDep, user: StaffUser) -> Stored:
    """Customer, peer, supervisor (or self) ratings per agent and period; a rating by the
    same rater for the same agent, source and period replaces the earlier one."""
    return _store_ratings(session, body.ratings, user)


CSV_BODY = {"required": True, "content": {"text/csv": {"schema": {"type": "string", "examples": [
    "agent_id,period,source,rater_id,score,comment\nA1024,2026-11,peer,A2048,4,helpful\n"]}}}}


@router.post("/ratings/csv", response_model=Stored, status_code=201,
             summary="Ingest 360° ratings (CSV)", openapi_extra={"requestBody": CSV_BODY},
             responses={**AUTH_ERRORS, **INVALID})
async def post_ratings_csv(request: Request, session: SessionDep, user: StaffUser) -> Stored:
    """Columns agent_id, period, source, rater_id, score[, comment]; all or nothing."""
    try:
        text = decode_text(await request.body())
    except Exception:
        raise HTTPException(422, "body: not UTF-8, UTF-16 or GB18030 text") from None
    ratings = _parse_ratings_csv(text)
    return _store_ratings(session, ratings, user)


def _parse_ratings_csv(text: str) -> list[Rating]:
    reader = csv.DictReader(io.StringIO(text))
    needed = ("agent_id", "period", "source", "rater_id", "score")
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:  # e.g. a bare carriage return inside the header line
        raise HTTPException(422, f"malformed CSV: {exc}") from None
    missing = [c for c in needed if c not in header]
    if missing:
        raise HTTPException(422, f"header: missing column(s) {', '.join(missing)}")
    ratings = []
    try:
        for line, row in enumerate(reader, start=2):
            cells = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}
            try:
                ratings.append(Rating.model_validate(cells))
            except ValidationError as exc:
                first = exc.errors()[0]
                cause = first.get("ctx", {}).get("error") or first["msg"]
                raise HTTPException(422, f"line {line}, column {first['loc'][0]}: {cause}") \
                    from None
    except csv.Error as exc:
        raise HTTPException(422, f"malformed CSV: {exc}") from None
    return ratings


@router.get("/ratings/leniency", response_model=list[RaterLeniency],
            summary="Raters' leniency in a period", responses={**AUTH_ERRORS, **INVALID})
def leniency(session: SessionDep, user: StaffUser, period: PeriodQuery) -> list[RaterLeniency]:
    """How far each rater's ratings sit above (+) or below the other raters' of the same agents."""
    options = load_plan().ratings
    return rater_leniency(perf.stored_ratings(session, parse_period(period)),
                          flag_beyond=options.leniency_flag,
                          min_compared=options.leniency_min_compared)


@router.post("/runs", response_model=RunOut, status_code=201,
             summary="Compute a period: results, warnings, coaching, sample",
             responses={**AUTH_ERRORS, **INVALID})
def create_run(body: RunIn, request: Request, session: SessionDep, user: StaffUser) -> RunOut:
    """Runs the plan on the stored calls of the period (and the warnings' look-back), stores
    the results and appends them to the audit log, raises new deviation warnings through the
    alert outbox, adds coaching tasks and refreshes the period's review queue."""
    plan = parse_plan(body.plan, source="plan") if body.plan is not None else load_plan()
    period = parse_period(body.period)
    run, seq = perf.run_and_store(session, plan, period, actor=user.actor)
    raised = bool(session.info.get(perf.RAISED_WARNINGS))
    session.commit()
    if raised:
        request.app.state.outbox.wake()
    return RunOut(period=period.label, plan=run.plan, audit_seq=seq, summary=run.summary(),
                  results=run.results, warnings=run.warnings, coaching_tasks=run.new_tasks,
                  sampled_calls=len(run.sample))


def _results(session, period: str, agent_id: str | None) -> list[AgentResult]:
    label = parse_period(period).label
    query = select(PerfResult).where(PerfResult.period == label).order_by(PerfResult.agent_id)
    if agent_id is not None:
        query = query.where(PerfResult.agent_id == agent_id)
    return [AgentResult.model_validate(r.result) for r in session.scalars(query)]


@router.get("/results", response_model=list[AgentResult], summary="Period results",
            responses={**AUTH_ERRORS, **INVALID})
def list_results(session: SessionDep, user: CurrentUser, period: PeriodQuery,
                 agent_id: str | None = None) -> list[AgentResult]:
    """Per agent: indicator breakdown, total with its interval, tier and coefficient. An
    agent key reads only its own."""
    return _results(session, period, _own(user, agent_id))


@router.get("/results.csv", summary="Payroll export of a period",
            responses={**AUTH_ERRORS, **INVALID, 200: {"content": {"text/csv": {}},
                                                       "description": "agents.csv"}})
def results_csv(session: SessionDep, user: StaffUser, period: PeriodQuery) -> Response:
    """The same table ``qa perf run`` writes as agents.csv."""
    body = agents_csv(_results(session, period, None))
    return Response(body, media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="agents-{parse_period(period).label}.csv"'})


@router.get("/warnings", response_model=list[DeviationWarning],
            summary="Deviation warnings with their days and calls",
            responses={**AUTH_ERRORS, **INVALID})
def list_warnings(session: SessionDep, user: CurrentUser, period: str | None = Query(
        default=None, max_length=16), agent_id: str | None = None) -> list[DeviationWarning]:
    query = select(PerfWarningRow).order_by(PerfWarningRow.alarm_day, PerfWarningRow.id)
    if period is not None:
        query = query.where(PerfWarningRow.period == parse_period(period).label)
    if (agent := _own(user, agent_id)) is not None:
        query = query.where(PerfWarningRow.agent_id == agent)
    return [DeviationWarning.model_validate(r.warning) for r in session.scalars(query)]


@router.get("/coaching", response_model=list[CoachingTask], summary="Coaching tasks",
            responses={**AUTH_ERRORS, **INVALID})
def list_tasks(session: SessionDep, user: CurrentUser, agent_id: str | None = None,
               status: Literal["open", "closed"] | None = None) -> list[CoachingTask]:
    """With evidence calls, owner, due date, status, outcome and follow-up. An agent key
    sees only its own tasks."""
    tasks = perf.stored_tasks(session, _own(user, agent_id))
    return [t for t in tasks if status is None or t.status == status]


@router.post("/coaching/{task_id}/close", response_model=CoachingTask,
             summary="Close a coaching task with its outcome",
             responses={**AUTH_ERRORS, **NOT_FOUND, **INVALID,
                        409: {"description": "Already closed"}})
def close(task_id: str, body: CloseIn, session: SessionDep, user: StaffUser) -> CoachingTask:
    row = session.get(PerfCoachingTask, task_id, with_for_update=True)
    if row is None:
        raise HTTPException(404, f"coaching task '{task_id}' not found")
    task = CoachingTask.model_validate(row.task)
    if task.status == "closed":
        raise HTTPException(409, f"coaching task '{task_id}' is already closed")
    closed = close_task(task, outcome=body.outcome, closed_by=user.actor, at=utcnow())
    row.task, row.status, row.closed_at = closed.model_dump(mode="json"), "closed", closed.closed_at
    audit.append(session, actor=user.actor, action="performance.coaching_closed",
                 subject=f"coaching:{task_id}", payload={"agent_id": closed.agent_id,
                                                         "rule": closed.rule,
                                                         "outcome": closed.outcome})
    session.commit()
    return closed


@router.get("/sample", response_model=list[SampleOut], summary="The review queue of a period",
            responses={**AUTH_ERRORS, **INVALID})
def list_sample(session: SessionDep, user: StaffUser, period: PeriodQuery,
                agent_id: str | None = None,
                status: Literal["queued", "reviewed"] | None = None) -> list[SampleOut]:
    """Calls sampled for human review: the random share per agent plus targeted calls."""
    query = select(PerfSample).where(PerfSample.period == parse_period(period).label)
    if agent_id is not None:
        query = query.where(PerfSample.agent_id == agent_id)
    if status is not None:
        query = query.where(PerfSample.status == status)
    return [SampleOut(conversation_id=r.conversation_id, agent_id=r.agent_id, period=r.period,
                      reasons=r.reasons, score=r.score, status=r.status)
            for r in session.scalars(query.order_by(PerfSample.agent_id, PerfSample.id))]


@router.post("/sample/{period}/{conversation_id}/reviewed", response_model=SampleOut,
             summary="Mark a sampled call reviewed", responses={**AUTH_ERRORS, **NOT_FOUND})
def mark_reviewed(period: str, conversation_id: str, session: SessionDep,
                  user: StaffUser) -> SampleOut:
    row = session.scalar(select(PerfSample).where(PerfSample.period == period,
                                                  PerfSample.conversation_id == conversation_id))
    if row is None:
        raise HTTPException(404, f"call '{conversation_id}' is not in the {period} sample")
    row.status = "reviewed"
    session.commit()
    return SampleOut(conversation_id=row.conversation_id, agent_id=row.agent_id,
                     period=row.period, reasons=row.reasons, score=row.score, status=row.status)


@router.post("/calibration", response_model=list[ItemAgreement],
             summary="Inter-rater agreement of a calibration session",
             responses={**AUTH_ERRORS, **INVALID})
def calibration(body: CalibrationIn, user: StaffUser) -> list[ItemAgreement]:
    """Several reviewers' labels of the same calls → Cohen's (2) or Fleiss' (3+) κ per item."""
    return agreement_by_item(body.labels)

