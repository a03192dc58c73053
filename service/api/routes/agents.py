"""Agent scorecard for a period and the team leaderboard (shrunk means, intervals)."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qa_engine.pipeline import Inspector
from qa_engine.rollup import CallScore, rollup_agents
from service.api.deps import CurrentUser, InspectorDep, SessionDep, SettingsDep, StaffUser
from service.api.routes.common import AUTH_ERRORS, INVALID
from service.auth import Role
from service.models import ConversationRow
from service.schemas import AgentScorecard, Leaderboard, Time, TrendPoint
from service.settings import Settings

router = APIRouter(prefix="/agents", tags=["agents"])

Start = Annotated[Time | None, Query(description="Calls started at or after this.")]
End = Annotated[Time | None, Query(description="Calls started before this.")]


def _calls(session: Session, start: datetime | None, end: datetime | None,
           queue: str | None) -> list[ConversationRow]:
    c = ConversationRow
    when = func.coalesce(c.started_at, c.created_at)
    conditions = [c.score.is_not(None), c.agent_id.is_not(None)]
    if start is not None:
        conditions.append(when >= start)
    if end is not None:
        conditions.append(when < end)
    if queue is not None:
        conditions.append(c.queue == queue)
    return list(session.scalars(select(c).where(*conditions)))


def _call_score(row: ConversationRow) -> CallScore:
    return CallScore(agent_id=row.agent_id, score=row.score, red_line_failed=row.red_line_failed,
                     sections=row.sections or {})


def _interval(settings: Settings, inspector: Inspector) -> float:
    return settings.rollup_interval or inspector.scorecard.agent_rollup.interval


def _bucket(moment: datetime, size: str) -> datetime:
    day = moment.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return day - timedelta(days=day.weekday()) if size == "week" else day


@router.get("/leaderboard", response_model=Leaderboard, summary="Team leaderboard",
            responses={**AUTH_ERRORS, **INVALID})
def leaderboard(session: SessionDep, settings: SettingsDep, inspector: InspectorDep,
                user: StaffUser,
                start: Start = None, end: End = None, queue: str | None = None,
                limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> Leaderboard:
    """Agents ranked by score shrunk toward the team mean (few calls → pulled to the mean)."""
    agents, team = rollup_agents([_call_score(r) for r in _calls(session, start, end, queue)],
                                 interval=_interval(settings, inspector))
    return Leaderboard(start=start, end=end, queue=queue, team=team, agents=agents[:limit])


@router.get("/{agent_id}/scorecard", response_model=AgentScorecard,
            summary="An agent's scorecard for a period", responses={**AUTH_ERRORS, **INVALID})
def agent_scorecard(agent_id: str, session: SessionDep, settings: SettingsDep,
                    inspector: InspectorDep, user: CurrentUser, start: Start = None, end: End = None,
                    trend: Literal["day", "week"] = "week") -> AgentScorecard:
    """Shrunk mean, credible interval, call count, section breakdown and trend.

    An agent's key reads only its own scorecard.
    """
    if user.role is Role.AGENT and agent_id != user.agent_id:
        raise HTTPException(403, "an agent key reads only its own scorecard")
    rows = _calls(session, start, end, None)
    agents, team = rollup_agents([_call_score(r) for r in rows],
                                 interval=_interval(settings, inspector))
    mine = next((a for a in agents if a.agent_id == agent_id), None)
    buckets: dict[datetime, list[float]] = defaultdict(list)
    for row in rows:
        if row.agent_id == agent_id:
            buckets[_bucket(row.started_at or row.created_at, trend)].append(row.score)
    points = [TrendPoint(bucket_start=b, calls=len(s), mean=sum(s) / len(s))
              for b, s in sorted(buckets.items())]
    return AgentScorecard(agent_id=agent_id, start=start, end=end, score=mine, team=team,
                          trend=points)
