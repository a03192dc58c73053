"""Complaint-risk alert subscriptions (webhooks) and the alerts raised, with evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response
from sqlalchemy import select

from service import audit
from service.api.deps import AlertManager, SessionDep, StaffUser
from service.api.routes.common import AUTH_ERRORS, INVALID, NOT_FOUND, check_outbound
from service.models import Alert, OutboxMessage, Subscription
from service.schemas import AlertOut, DeliveryOut, SubscriptionIn, SubscriptionOut, Time
from service.db import utcnow
from service.store import model_threshold

router = APIRouter(prefix="/alerts", tags=["alerts"])


def _sub_out(sub: Subscription) -> SubscriptionOut:
    effective = sub.threshold if sub.threshold is not None else model_threshold()
    return SubscriptionOut(id=sub.id, url=sub.url, threshold=sub.threshold,
                           effective_threshold=effective, queues=sub.queues or [],
                           active=sub.active, created_at=sub.created_at)


@router.post("/subscriptions", response_model=SubscriptionOut, status_code=201,
             summary="Subscribe a webhook to complaint-risk alerts",
             responses={**AUTH_ERRORS, **INVALID})
def create_subscription(body: SubscriptionIn, session: SessionDep,
                        user: AlertManager, request: Request) -> SubscriptionOut:
    """Calls scored from now on with complaint risk ≥ ``threshold`` in ``queues`` (all if
    empty) are POSTed to ``url`` with an ``Idempotency-Key`` header, retried with backoff.
    Without ``threshold`` the complaint model's shipped threshold applies.

    ``url`` must pass the outbound URL policy (public addresses, or ``QA_OUTBOUND_ALLOW``),
    else 422."""
    check_outbound(request, str(body.url), "url")
    if body.threshold is None and model_threshold() is None:
        raise HTTPException(422, "threshold: required here (no complaint model metadata "
                                 "with a shipped threshold is installed)")
    sub = Subscription(url=str(body.url), threshold=body.threshold, queues=body.queues,
                       created_by=user.actor)
    session.add(sub)
    session.flush()
    audit.append(session, actor=user.actor, action="subscription.created",
                 subject=f"subscription:{sub.id}", payload={
                     "url": sub.url, "threshold": sub.threshold, "queues": sub.queues})
    session.commit()
    return _sub_out(sub)


@router.get("/subscriptions", response_model=list[SubscriptionOut],
            summary="List alert subscriptions", responses=AUTH_ERRORS)
def list_subscriptions(session: SessionDep, user: AlertManager) -> list[SubscriptionOut]:
    return [_sub_out(s) for s in session.scalars(select(Subscription).order_by(Subscription.id))]


@router.delete("/subscriptions/{subscription_id}", status_code=204, response_class=Response,
               summary="Deactivate a subscription", responses={**AUTH_ERRORS, **NOT_FOUND})
def delete_subscription(subscription_id: int, session: SessionDep, user: AlertManager) -> Response:
    sub = session.get(Subscription, subscription_id) if abs(subscription_id) < 2**31 else None
    if sub is None:
        raise HTTPException(404, f"subscription {subscription_id} not found")
    if sub.active:
        sub.active = False
        audit.append(session, actor=user.actor, action="subscription.deactivated",
                     subject=f"subscription:{sub.id}", payload={"url": sub.url})
    session.commit()
    return Response(status_code=204)


@router.get("", response_model=list[AlertOut], summary="List alerts with their evidence",
            responses={**AUTH_ERRORS, **INVALID})
def list_alerts(session: SessionDep, user: StaffUser, conversation_id: str | None = None,
                agent_id: str | None = None, queue: str | None = None,
                since: Time | None = None,
                limit: Annotated[int, Query(ge=1, le=500)] = 100) -> list[AlertOut]:
    """Newest first, each with the evidence that raised it and its delivery state."""
    conditions = []
    if conversation_id is not None:
        conditions.append(Alert.conversation_id == conversation_id)
    if agent_id is not None:
        conditions.append(Alert.agent_id == agent_id)
    if queue is not None:
        conditions.append(Alert.queue == queue)
    if since is not None:
        conditions.append(Alert.created_at >= since)
    alerts = list(session.scalars(select(Alert).where(*conditions)
                                  .order_by(Alert.created_at.desc()).limit(limit)))
    ids = [a.delivery_id for a in alerts if a.delivery_id]
    deliveries = {m.id: m for m in session.scalars(
        select(OutboxMessage).where(OutboxMessage.id.in_(ids)))} if ids else {}
    out = []
    for a in alerts:
        m = deliveries.get(a.delivery_id)
        delivery = DeliveryOut(id=m.id, status=m.status, attempts=m.attempts,
                               last_error=m.last_error, last_status_code=m.last_status_code,
                               next_attempt_at=m.next_attempt_at,
                               delivered_at=m.delivered_at) if m else None
        out.append(AlertOut(id=a.id, subscription_id=a.subscription_id,
                            conversation_id=a.conversation_id, version=a.version, risk=a.risk,
                            threshold=a.threshold, agent_id=a.agent_id, queue=a.queue,
                            evidence=a.evidence, created_at=a.created_at, delivery=delivery,
                            acknowledged_at=a.acknowledged_at,
                            acknowledged_by=a.acknowledged_by))
    return out


@router.post("/{alert_id}/ack", response_model=AlertOut, summary="Acknowledge an alert",
             responses={**AUTH_ERRORS, **NOT_FOUND})
def acknowledge_alert(alert_id: str, session: SessionDep, user: StaffUser) -> AlertOut:
    """Mark the alert as seen by a supervisor (idempotent: the first acknowledgement stays)."""
    alert = session.get(Alert, alert_id)
    if alert is None:
        raise HTTPException(404, f"alert '{alert_id}' not found")
    if alert.acknowledged_at is None:
        alert.acknowledged_at, alert.acknowledged_by = utcnow(), user.actor
        audit.append(session, actor=user.actor, action="alert.acknowledged",
                     subject=f"conversation:{alert.conversation_id}",
                     payload={"alert_id": alert.id})
        session.commit()
    return _alert_out(session, alert)


def _alert_out(session, a: Alert) -> AlertOut:
    m = session.get(OutboxMessage, a.delivery_id) if a.delivery_id else None
    delivery = DeliveryOut(id=m.id, status=m.status, attempts=m.attempts,
                           last_error=m.last_error, last_status_code=m.last_status_code,
                           next_attempt_at=m.next_attempt_at,
                           delivered_at=m.delivered_at) if m else None
    return AlertOut(id=a.id, subscription_id=a.subscription_id,
                    conversation_id=a.conversation_id, version=a.version, risk=a.risk,
                    threshold=a.threshold, agent_id=a.agent_id, queue=a.queue,
                    evidence=a.evidence, created_at=a.created_at, delivery=delivery,
                    acknowledged_at=a.acknowledged_at, acknowledged_by=a.acknowledged_by)
