"""Tables of the performance loop (roster, 360° ratings, period results, deviation
warnings, coaching tasks, the review sample). Created by migration ``0003_perf``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Float, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from service.db import Base, UTCDateTime, utcnow


class PerfRoster(Base):
    """An agent's role (which plan structure applies), supervisor and hire date."""

    __tablename__ = "perf_roster"

    agent_id: Mapped[str] = mapped_column(String(), primary_key=True)
    role: Mapped[str | None] = mapped_column(String())
    supervisor: Mapped[str | None] = mapped_column(String())
    hired_on: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PerfRating(Base):
    """One rater's 360° rating of one agent for one period (re-posting replaces it)."""

    __tablename__ = "perf_ratings"
    __table_args__ = (UniqueConstraint("agent_id", "period", "source", "rater_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agent_id: Mapped[str] = mapped_column(String(), index=True)
    period: Mapped[str] = mapped_column(String(16), index=True)
    source: Mapped[str] = mapped_column(String(16))
    rater_id: Mapped[str] = mapped_column(String())
    score: Mapped[float] = mapped_column(Float)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str | None] = mapped_column(String())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PerfResult(Base):
    """An agent's latest result for a period; every run is also in the audit log."""

    __tablename__ = "perf_results"
    __table_args__ = (UniqueConstraint("period", "agent_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    period: Mapped[str] = mapped_column(String(16), index=True)
    agent_id: Mapped[str] = mapped_column(String(), index=True)
    plan: Mapped[str] = mapped_column(String())
    total: Mapped[float | None] = mapped_column(Float)
    tier: Mapped[str | None] = mapped_column(String(16))
    coefficient: Mapped[float | None] = mapped_column(Float)
    provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    audit_seq: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[str | None] = mapped_column(String())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PerfWarning(Base):
    """A deviation warning (raised once; its outbox message goes with it)."""

    __tablename__ = "perf_warnings"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    period: Mapped[str] = mapped_column(String(16), index=True)
    agent_id: Mapped[str] = mapped_column(String(), index=True)
    indicator: Mapped[str] = mapped_column(String())
    alarm_day: Mapped[date] = mapped_column(Date)
    warning: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PerfCoachingTask(Base):
    """A coaching task; the agent reads their own, closing records the outcome."""

    __tablename__ = "perf_coaching_tasks"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    agent_id: Mapped[str] = mapped_column(String(), index=True)
    rule: Mapped[str] = mapped_column(String())
    period: Mapped[str] = mapped_column(String(16), index=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    owner: Mapped[str] = mapped_column(String())
    due: Mapped[date] = mapped_column(Date)
    task: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PerfSample(Base):
    """A call in a period's review queue, with why it was sampled."""

    __tablename__ = "perf_samples"
    __table_args__ = (UniqueConstraint("period", "conversation_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    period: Mapped[str] = mapped_column(String(16), index=True)
    conversation_id: Mapped[str] = mapped_column(String())
    agent_id: Mapped[str] = mapped_column(String(), index=True)
    reasons: Mapped[list[str]] = mapped_column(JSON)
    score: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
