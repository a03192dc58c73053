"""Delivers the outbox (complaint-risk alerts, job callbacks) by webhook, with retries.

Messages are written in the same transaction as what caused them, so none is lost; a
deliverer claims one by a status transition with a lease (as jobs are claimed), POSTs it
with ``Idempotency-Key: <message id>`` — the same key on every retry, so a receiver can
drop duplicates — and on failure schedules the next attempt after an exponential backoff
(``alert_backoff_seconds * 2**(attempt-1)``, capped), until ``alert_max_attempts``.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta

import httpx
from sqlalchemy import and_, or_, update
from sqlalchemy.orm import Session, sessionmaker

from service.db import claim_rows, transaction, utcnow
from service.models import OutboxMessage
from service.settings import Settings
from service.urlpolicy import UrlPolicy, UrlRefused
from service.workers import PollingWorkers

log = logging.getLogger("qa_engine.service.outbox")


def backoff(settings: Settings, attempt: int) -> float:
    """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
    return min(settings.alert_backoff_seconds * 2 ** (attempt - 1),
               settings.alert_backoff_max_seconds)


def _due(now: datetime):
    return or_(and_(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now),
               and_(OutboxMessage.status == "sending", OutboxMessage.lease_expires_at < now))


class Deliverer(PollingWorkers):
    """Delivers due outbox messages with ``settings.deliverers`` threads."""

    def __init__(self, factory: sessionmaker[Session], settings: Settings,
                 client: httpx.Client | None = None, policy: UrlPolicy | None = None) -> None:
        self.factory, self.settings = factory, settings
        self.policy = policy or UrlPolicy(settings.outbound_allow)
        self.client = client or httpx.Client(timeout=settings.webhook_timeout_seconds,
                                             follow_redirects=False)
        self.instance = uuid.uuid4().hex
        super().__init__(settings.poll_interval_seconds, log)

    def start(self) -> None:
        self.start_workers(self.settings.deliverers, "qa-outbox")

    def stop(self, timeout: float = 10.0) -> None:
        super().stop(timeout)
        self.client.close()

    def claim(self) -> OutboxMessage | None:
        now = utcnow()
        with transaction(self.factory) as session:
            return next(claim_rows(
                session, OutboxMessage, _due(now), OutboxMessage.next_attempt_at,
                dict(status="sending", claimed_by=self.instance,
                     lease_expires_at=now + timedelta(
                    seconds=self.settings.webhook_lease_seconds))), None)

    def run_once(self) -> bool:
        """Attempt one due message; False when none is due."""
        message = self.claim()
        if message is None:
            return False
        status_code, error, refused = None, None, False
        try:
            # Checked again now: the name may resolve elsewhere than when it was accepted.
            # The request goes to the address just checked (no second lookup to rebind).
            target = self.policy.check(message.url)
            host = target.host if target.port in (80, 443) else f"{target.host}:{target.port}"
            response = self.client.post(
                target.pinned_url(), json={**message.payload, "idempotency_key": message.id},
                extensions={"sni_hostname": target.host}, headers={
                    "Host": host, "Idempotency-Key": message.id, "X-QA-Event": message.kind,
                    "User-Agent": "qa-engine-webhook/1"})
            status_code = response.status_code
            if 300 <= status_code < 400:
                error = f"HTTP {status_code}: redirects are not followed"
            elif not response.is_success:
                error = f"HTTP {status_code}"
        except UrlRefused as exc:
            error, refused = f"refused by the outbound URL policy: {exc}", True
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
        attempts = message.attempts + 1
        values: dict = {"attempts": attempts, "last_status_code": status_code,
                        "last_error": error, "claimed_by": None, "lease_expires_at": None}
        if error is None:
            values.update(status="delivered", delivered_at=utcnow())
        elif refused or attempts >= self.settings.alert_max_attempts:
            values.update(status="failed")
        else:
            values.update(status="pending", next_attempt_at=utcnow() + timedelta(
                seconds=backoff(self.settings, attempts)))
        with transaction(self.factory) as session:
            session.execute(update(OutboxMessage).where(
                OutboxMessage.id == message.id, OutboxMessage.claimed_by == self.instance)
                .values(**values))
        return True
