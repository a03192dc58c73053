"""Tables (SQLAlchemy 2). Schema changes go through Alembic (``service/migrations``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from service.db import Base, UTCDateTime, utcnow


class ApiKey(Base):
    """An API key: only a salted hash is stored; ``prefix`` finds the row."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    prefix: Mapped[str] = mapped_column(String(32), unique=True)
    salt: Mapped[str] = mapped_column(String(64))
    key_hash: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    agent_id: Mapped[str | None] = mapped_column(String())
    name: Mapped[str | None] = mapped_column(String())
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ConversationRow(Base):
    """A scored conversation: the transcript as posted and the current version's summary."""

    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(), primary_key=True)
    body_sha256: Mapped[str] = mapped_column(String(64))
    conversation: Mapped[dict[str, Any]] = mapped_column(JSON)
    # The unmasked transcript when personal data was masked and QA_PII_ORIGINALS_FOR is set.
    original: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    agent_id: Mapped[str | None] = mapped_column(String(), index=True)
    queue: Mapped[str | None] = mapped_column(String(), index=True)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    channel: Mapped[str] = mapped_column(String(), default="phone")
    version: Mapped[int] = mapped_column(Integer, default=1)
    score: Mapped[float | None] = mapped_column(Float)
    red_line_failed: Mapped[bool] = mapped_column(Boolean, default=False)
    risk: Mapped[float | None] = mapped_column(Float)
    sections: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    needs_review: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class InspectionRow(Base):
    """Every version of a conversation's inspection; none is ever overwritten."""

    __tablename__ = "inspections"
    __table_args__ = (UniqueConstraint("conversation_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        String(), ForeignKey("conversations.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str | None] = mapped_column(String())
    inspection: Mapped[dict[str, Any]] = mapped_column(JSON)
    score: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AgentPeriodKpi(Base):
    """KPI values reported for an agent over a period; apply to that agent's calls in it."""

    __tablename__ = "agent_period_kpis"
    __table_args__ = (UniqueConstraint("agent_id", "period_start", "period_end"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agent_id: Mapped[str] = mapped_column(String(), index=True)
    period_start: Mapped[datetime] = mapped_column(UTCDateTime)
    period_end: Mapped[datetime] = mapped_column(UTCDateTime)
    kpis: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Job(Base):
    """A recording waiting to be (or being, or having been) transcribed and scored."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_status_created", "status", "created_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    filename: Mapped[str | None] = mapped_column(String())
    stored_path: Mapped[str] = mapped_column(String())
    size_bytes: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))
    metadata_: Mapped[dict[str, Any]] = mapped_column("metadata", JSON, default=dict)
    callback_url: Mapped[str | None] = mapped_column(String())
    conversation_id: Mapped[str | None] = mapped_column(String())
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str | None] = mapped_column(String())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Subscription(Base):
    """A webhook that wants complaint-risk alerts at or above ``threshold``."""

    __tablename__ = "subscriptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(String())
    threshold: Mapped[float | None] = mapped_column(Float)  # None: the model's own threshold
    queues: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[str | None] = mapped_column(String())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Alert(Base):
    """A complaint-risk alert raised for one conversation and one subscription."""

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("subscription_id", "conversation_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("subscriptions.id", ondelete="CASCADE"))
    conversation_id: Mapped[str] = mapped_column(
        String(), ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    risk: Mapped[float] = mapped_column(Float)
    threshold: Mapped[float] = mapped_column(Float)
    agent_id: Mapped[str | None] = mapped_column(String())
    queue: Mapped[str | None] = mapped_column(String())
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    delivery_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by: Mapped[str | None] = mapped_column(String())


class OutboxMessage(Base):
    """A webhook call to make (alert or job callback); delivered with retries."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_next", "status", "next_attempt_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the Idempotency-Key
    kind: Mapped[str] = mapped_column(String(16))
    url: Mapped[str] = mapped_column(String())
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Review(Base):
    """A reviewer's verdict on one machine finding (机检正确/不正确)."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        String(), ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    finding: Mapped[str] = mapped_column(String())
    verdict: Mapped[str] = mapped_column(String(16))
    value_before: Mapped[float | None] = mapped_column(Float)
    value_after: Mapped[float | None] = mapped_column(Float)
    comment: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String())
    from_version: Mapped[int] = mapped_column(Integer)
    to_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Appeal(Base):
    """An agent's appeal against one finding on their own call, and its decision."""

    __tablename__ = "appeals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        String(), ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    finding: Mapped[str] = mapped_column(String())
    agent_id: Mapped[str] = mapped_column(String(), index=True)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open")
    version: Mapped[int] = mapped_column(Integer)
    decided_by: Mapped[str | None] = mapped_column(String())
    decision_comment: Mapped[str | None] = mapped_column(Text)
    resulting_version: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditEntry(Base):
    """One link of the hash chain: ``hash = sha256(prev_hash + canonical(entry))``."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String())
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String())
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditHead(Base):
    """The chain's tip (one row); locked while appending so the chain never forks."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
