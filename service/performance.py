"""The performance loop in the service: stored calls → ``qa_engine.performance`` → tables.

Every function works inside the caller's transaction. A period run stores the results
(and appends them to the hash-chained audit log), raises each new deviation warning once
with an outbox message per active subscription, adds new coaching tasks, records the
follow-up of earlier ones and refreshes the period's review queue. Nothing here computes
a score, a tier or a warning itself: the library does.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from qa_engine.performance import CallRecord, Rating, run_period
from qa_engine.performance.coaching import CoachingTask
from qa_engine.performance.periods import Period, within
from qa_engine.performance.plan import PerformancePlan
from qa_engine.performance.results import AgentResult
from qa_engine.performance.roster import AgentInfo
from qa_engine.performance.run import PeriodRun
from service import audit
from service.db import utcnow
from service.models import Appeal, ConversationRow, InspectionRow, OutboxMessage, Subscription
from service.perf_models import (
    PerfCoachingTask,
    PerfRating,
    PerfResult,
    PerfRoster,
    PerfSample,
    PerfWarning,
)

RAISED_WARNINGS = "raised_perf_warnings"  # key in ``Session.info``: outbox messages added


def stored_calls(session: Session, first: datetime, end: datetime) -> list[CallRecord]:
    """Scored calls (current versions) started in ``[first, end)`` (UTC bounds)."""
    rows = session.execute(
        select(ConversationRow, InspectionRow.inspection)
        .join(InspectionRow, (InspectionRow.conversation_id == ConversationRow.id)
              & (InspectionRow.version == ConversationRow.version))
        .where(ConversationRow.agent_id.is_not(None), ConversationRow.started_at >= first,
               ConversationRow.started_at < end))
    calls = []
    for row, inspection in rows:
        # The call's own clock (as posted) decides its day, not UTC.
        started = row.conversation.get("started_at") or row.started_at.isoformat()
        calls.append(CallRecord.from_inspection({**inspection, "started_at": started}))
    return calls


def _utc_bounds(period: Period, lookback_days: int) -> tuple[datetime, datetime]:
    # A day's calls may sit up to 14 h either side of UTC midnight.
    first = datetime.combine(period.start - timedelta(days=lookback_days + 1), time(), UTC)
    return first, datetime.combine(period.end + timedelta(days=1), time(), UTC)


def stored_ratings(session: Session, period: Period) -> list[Rating]:
    rows = session.scalars(select(PerfRating))
    return [Rating(agent_id=r.agent_id, period=r.period, source=r.source, rater_id=r.rater_id,
                   score=r.score, comment=r.comment or "")
            for r in rows if within(r.period, period)]


def stored_roster(session: Session) -> dict[str, AgentInfo]:
    return {r.agent_id: AgentInfo(agent_id=r.agent_id, role=r.role, supervisor=r.supervisor,
                                  hired_on=r.hired_on)
            for r in session.scalars(select(PerfRoster))}


def stored_tasks(session: Session, agent_id: str | None = None) -> list[CoachingTask]:
    query = select(PerfCoachingTask).order_by(PerfCoachingTask.created_at, PerfCoachingTask.id)
    if agent_id is not None:
        query = query.where(PerfCoachingTask.agent_id == agent_id)
    return [CoachingTask.model_validate(row.task) for row in session.scalars(query)]


def run_and_store(session: Session, plan: PerformancePlan, period: Period, *,
                  actor: str) -> tuple[PeriodRun, int]:
    """Run ``period`` on the stored calls and keep everything; returns (run, audit seq)."""
    calls = stored_calls(session, *_utc_bounds(period, plan.warnings.lookback_days))
    appealed = set(session.scalars(select(Appeal.conversation_id)))
    history = [AgentResult.model_validate(r.result) for r in session.scalars(
        select(PerfResult).where(PerfResult.period != period.label))]
    run = run_period(plan, calls, period, ratings=stored_ratings(session, period),
                     roster=stored_roster(session), tasks=stored_tasks(session),
                     appealed=appealed, history=history)
    entry = audit.append(session, actor=actor, action="performance.results",
                         subject=f"period:{period.label}", payload=_audit_payload(run))
    session.execute(delete(PerfResult).where(PerfResult.period == period.label))
    for r in run.results:
        session.add(PerfResult(period=period.label, agent_id=r.agent_id, plan=r.plan,
                               total=r.total, tier=r.tier, coefficient=r.coefficient,
                               provisional=r.provisional, result=r.model_dump(mode="json"),
                               audit_seq=entry.seq, created_by=actor))
    _store_warnings(session, run)
    _store_tasks(session, run)
    _store_sample(session, run)
    session.flush()
    return run, entry.seq


def _audit_payload(run: PeriodRun) -> dict[str, Any]:
    """What pay was decided on: per agent the points per indicator, total, tier, coefficient."""
    return {"plan": run.plan, "summary": run.summary(), "results": [
        {"agent_id": r.agent_id, "structure": r.structure, "calls": r.calls,
         "indicators": {i.id: i.points for i in r.indicators}, "total": r.total,
         "interval": [r.total_low, r.total_high], "tier": r.tier, "coefficient": r.coefficient,
         "provisional": r.provisional, "promotion_track": r.promotion_track}
        for r in run.results],
        "warnings": [w.id for w in run.warnings],
        "coaching_tasks": [t.id for t in run.new_tasks]}


def _store_warnings(session: Session, run: PeriodRun) -> None:
    known = set(session.scalars(select(PerfWarning.id).where(
        PerfWarning.id.in_([w.id for w in run.warnings])))) if run.warnings else set()
    subscriptions = list(session.scalars(select(Subscription).where(
        Subscription.active.is_(True))))
    queues = {}
    if run.warnings:
        queues = dict(session.execute(select(ConversationRow.id, ConversationRow.queue).where(
            ConversationRow.id.in_([c for w in run.warnings for c in w.calls]))).all())
    for w in run.warnings:
        if w.id in known:
            continue
        body = w.model_dump(mode="json", exclude={"chart"})
        session.add(PerfWarning(id=w.id, period=run.period.label, agent_id=w.agent_id,
                                indicator=w.indicator, alarm_day=w.alarm_day,
                                warning=w.model_dump(mode="json")))
        cited_queues = {queues.get(c) for c in w.calls}
        for sub in subscriptions:
            if sub.queues and not cited_queues & set(sub.queues):
                continue
            session.add(OutboxMessage(id=str(uuid.uuid4()), kind="perf_warning", url=sub.url,
                                      next_attempt_at=utcnow(),
                                      payload={"type": "performance_deviation", **body}))
            session.info.setdefault(RAISED_WARNINGS, []).append(w.id)


def _store_tasks(session: Session, run: PeriodRun) -> None:
    for task in run.followed_up:
        row = session.get(PerfCoachingTask, task.id)
        if row is not None:
            row.task = {**row.task, "follow_up": task.follow_up.model_dump(mode="json")
                        if task.follow_up else None}
    for task in run.new_tasks:
        if session.get(PerfCoachingTask, task.id) is None:
            session.add(PerfCoachingTask(id=task.id, agent_id=task.agent_id, rule=task.rule,
                                         period=task.period, status=task.status,
                                         owner=task.owner, due=task.due,
                                         task=task.model_dump(mode="json")))


def _store_sample(session: Session, run: PeriodRun) -> None:
    existing = {row.conversation_id: row for row in session.scalars(
        select(PerfSample).where(PerfSample.period == run.period.label))}
    for s in run.sample:
        row = existing.get(s.conversation_id)
        if row is None:
            session.add(PerfSample(period=run.period.label, conversation_id=s.conversation_id,
                                   agent_id=s.agent_id, reasons=s.reasons, score=s.score))
        else:
            row.reasons, row.score = s.reasons, s.score   # a reviewed call stays reviewed
