"""Storing inspections as versions, re-scoring from stored findings, raising alerts.

Every function here works inside the caller's transaction, so a request either stores
everything it changes or nothing.
"""

from __future__ import annotations

import functools
import hashlib
import json
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_engine.alerts import AlertPolicy
from qa_engine.conversation import Conversation
from qa_engine.findings import Finding, Findings
from qa_engine.pipeline import Inspection, Inspector
from service.db import utcnow
from service.models import (
    AgentPeriodKpi,
    Alert,
    ConversationRow,
    InspectionRow,
    OutboxMessage,
    Subscription,
)

RISK_ANALYZER, RISK_KEY = "complaint_risk", "risk"
RAISED_ALERTS = "raised_alerts"  # key in ``Session.info``: alerts raised in this session


def body_sha256(conversation: Conversation) -> str:
    """Hash of the conversation's canonical JSON: formatting and key order do not matter."""
    canonical = json.dumps(conversation.model_dump(mode="json"), sort_keys=True,
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def masked(settings, conversation: Conversation, inspection: Inspection
           ) -> tuple[Conversation, Inspection, Conversation | None]:
    """What to store: (transcript, inspection, original to keep or None), personal data
    masked unless ``settings.pii_redaction`` is off."""
    if not settings.pii_redaction:
        return conversation, inspection, None
    from qa_engine.privacy import redact

    stored, inspection, changed = redact(conversation, inspection)
    keep = conversation if changed and settings.pii_originals_for else None
    return stored, inspection, keep


def risk_of(inspection: Inspection) -> float | None:
    """The complaint-risk probability, if the complaint-risk analyzer gave one."""
    findings = inspection.findings.get(RISK_ANALYZER)
    finding = findings.items.get(RISK_KEY) if findings else None
    return finding.probability if finding else None


def period_kpis(session: Session, agent_id: str | None, started_at: datetime | None) -> dict[str, float]:
    """KPI values reported for the agent over periods that contain the call's start."""
    if not agent_id or started_at is None:
        return {}
    rows = session.scalars(
        select(AgentPeriodKpi).where(AgentPeriodKpi.agent_id == agent_id,
                                     AgentPeriodKpi.period_start <= started_at,
                                     AgentPeriodKpi.period_end > started_at)
        .order_by(AgentPeriodKpi.updated_at))
    merged: dict[str, float] = {}
    for row in rows:
        merged.update(row.kpis)
    return merged


def effective_kpis(session: Session, conversation: Conversation) -> dict[str, float]:
    """Agent-period KPIs overridden by the call's own KPI values."""
    return {**period_kpis(session, conversation.agent_id, conversation.started_at),
            **conversation.kpis}


def conversation_of(row: ConversationRow) -> Conversation:
    return Conversation.model_validate(row.conversation)


def inspection_of(session: Session, conversation_id: str, version: int) -> Inspection:
    row = session.scalar(select(InspectionRow).where(
        InspectionRow.conversation_id == conversation_id, InspectionRow.version == version))
    return Inspection.model_validate(row.inspection)


def store_new(session: Session, conversation: Conversation, inspection: Inspection, *,
              body_hash: str, actor: str, reason: str = "scored",
              original: Conversation | None = None) -> ConversationRow:
    """Insert a conversation with its first inspection (the next flush, at the latest the
    commit, raises ``IntegrityError`` on a duplicate id); ``original``: the unmasked
    transcript, kept for privileged roles."""
    row = ConversationRow(
        id=conversation.id, body_sha256=body_hash,
        conversation=conversation.model_dump(mode="json"),
        original=original.model_dump(mode="json") if original is not None else None,
        agent_id=conversation.agent_id,
        queue=conversation.queue, started_at=conversation.started_at,
        channel=conversation.channel, version=0)
    session.add(row)
    # No flush here: the row is inserted once with its first version's values, instead of
    # an INSERT followed by an UPDATE. A new conversation cannot have alerts yet.
    add_version(session, row, inspection, reason=reason, actor=actor, first=True)
    return row


def add_version(session: Session, row: ConversationRow, inspection: Inspection, *,
                reason: str, actor: str, first: bool = False) -> InspectionRow:
    """Keep ``inspection`` as the next version and make it the conversation's current one
    (``first``: ``row`` is new, so it has no alerts to look up)."""
    row.version += 1
    row.score = inspection.score
    row.red_line_failed = inspection.red_line_failed
    row.risk = risk_of(inspection)
    row.sections = {k: v for k, v in inspection.sections.items() if v is not None}
    row.needs_review = len(inspection.needs_review)
    row.updated_at = utcnow()
    version = InspectionRow(conversation_id=row.id, version=row.version, reason=reason,
                            actor=actor, inspection=inspection.model_dump(mode="json"),
                            score=inspection.score)
    session.add(version)
    raise_alerts(session, row, inspection, first=first)
    return version


def rescore(session: Session, inspector: Inspector, row: ConversationRow, *, reason: str,
            actor: str, findings: Mapping[str, Findings] | None = None) -> InspectionRow:
    """Score stored (or corrected) findings again with the current KPIs; a new version."""
    conversation = conversation_of(row)
    if findings is None:
        findings = inspection_of(session, row.id, row.version).findings
    inspection = inspector.score(conversation, findings,
                                 kpis=effective_kpis(session, conversation))
    return add_version(session, row, inspection, reason=reason, actor=actor)


def correct_finding(findings: Mapping[str, Findings], key: str, *, value: float | None,
                    note: dict[str, Any]) -> dict[str, Findings]:
    """A copy of ``findings`` with ``analyzer.key`` set to ``value`` and no longer doubtful."""
    analyzer, _, name = key.partition(".")
    out = dict(findings)
    original = out[analyzer].items[name]
    corrected = original.model_copy(update={
        "value": value, "needs_review": False, "review_reason": None,
        "na_reason": None if value is not None else original.na_reason,
        "detail": {**original.detail, "human": note}})
    Finding.model_validate(corrected.model_dump())  # value stays within [0, 1]
    out[analyzer] = out[analyzer].model_copy(update={"items": {**out[analyzer].items,
                                                               name: corrected}})
    return out


@functools.lru_cache(maxsize=1)
def model_threshold() -> float | None:
    """The complaint model's shipped alert threshold (its target precision), if installed."""
    try:
        return AlertPolicy.from_model().threshold
    except Exception:  # no model metadata here: subscriptions must name a threshold
        return None


def raise_alerts(session: Session, row: ConversationRow, inspection: Inspection, *,
                 first: bool = False) -> list[Alert]:
    """One alert (and one outbox message) per matching subscription, at most once per call
    (``first``: the conversation is new, so no alert was raised for it before).

    The decision is ``qa_engine.alerts.AlertPolicy``'s, with the subscription's threshold
    (or the model's shipped one), so the webhook body is the same ``Alert`` the CLI sinks
    send, plus the service's alert id, version and score.
    """
    if risk_of(inspection) is None:
        session.flush()
        return []
    already = set() if first else set(session.scalars(
        select(Alert.subscription_id).where(Alert.conversation_id == row.id)))
    raised = []
    for sub in session.scalars(select(Subscription).where(Subscription.active.is_(True))):
        if sub.id in already or (sub.queues and row.queue not in sub.queues):
            continue
        threshold = sub.threshold if sub.threshold is not None else model_threshold()
        if threshold is None:
            continue
        decided = AlertPolicy(threshold).evaluate(
            inspection.findings, conversation_id=row.id, agent_id=row.agent_id, queue=row.queue)
        if decided is None:
            continue
        evidence = [e.model_dump(mode="json") for e in decided.evidence]
        alert = Alert(id=str(uuid.uuid4()), subscription_id=sub.id, conversation_id=row.id,
                      version=row.version, risk=decided.probability, threshold=threshold,
                      agent_id=row.agent_id, queue=row.queue, evidence=evidence)
        message = OutboxMessage(
            id=str(uuid.uuid4()), kind="alert", url=sub.url, next_attempt_at=utcnow(),
            payload={"type": "complaint_risk", "alert_id": alert.id, **decided.model_dump(
                mode="json"), "risk": decided.probability, "version": row.version,
                     "started_at": row.started_at.isoformat() if row.started_at else None,
                     "score": inspection.score, "red_line_failed": inspection.red_line_failed})
        alert.delivery_id = message.id
        session.add_all([alert, message])
        raised.append(alert)
    # Callers deep in a transaction learn from here whether to wake the deliverer.
    session.info.setdefault(RAISED_ALERTS, []).extend(raised)
    session.flush()
    return raised
