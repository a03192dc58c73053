"""Complaint-risk alerts: a policy that decides, and sinks that deliver.

    policy = AlertPolicy.from_model()                 # threshold from models/complaint metadata
    alert = policy.evaluate(inspection)               # or (findings, conversation=conv)
    if alert:
        WebhookSink("https://crm.example/hooks/qa").send(alert)

The shipped threshold is the lowest calibrated probability that reached the target
precision on the held-out calibration split (stored in ``models/complaint/metadata.json``);
``queue_thresholds`` overrides it per queue. An **explicit threat** to complain or escalate
(the ``escalation`` analyzer's finding, or the threats the complaint-risk model reports)
raises an alert whatever the probability (``alert_on_threat``), and the alert cites the
customer's sentence. Every alert carries an idempotency key
(hash of conversation id + model version) so a receiver can drop re-deliveries.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel, Field

from qa_engine.conversation import Conversation
from qa_engine.errors import ConfigError, QAEngineError
from qa_engine.findings import Evidence, Findings

ANALYZER = "complaint_risk"
FINDING = "risk"
THREAT_ANALYZER = "escalation"
THREAT_FINDING = "threat"


class AlertDeliveryError(QAEngineError):
    """A sink could not deliver an alert after its retries."""

    code = "QA500"


class Alert(BaseModel):
    """One complaint-risk alert about one conversation."""

    conversation_id: str
    agent_id: str | None = None
    queue: str | None = None
    probability: float = Field(ge=0, le=1, description="Calibrated complaint probability.")
    threshold: float = Field(ge=0, le=1, description="Threshold the probability reached.")
    model_version: str
    evidence: list[Evidence] = Field(default_factory=list, description="Utterances that drove the risk.")
    complaint_types: list[str] = Field(default_factory=list)
    escalation_cues: list[dict[str, Any]] = Field(default_factory=list)
    threats: list[dict[str, Any]] = Field(
        default_factory=list, description="Explicit threats to complain or escalate: utterance, span, "
                                          "category, cue and the customer's sentence.")
    reasons: list[str] = Field(default_factory=list, description="Why it fired: 'risk', 'explicit_threat'.")
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    idempotency_key: str

    @staticmethod
    def key_for(conversation_id: str, model_version: str) -> str:
        """Stable idempotency key: the same call scored by the same model → the same key."""
        return hashlib.sha256(f"{conversation_id}\x00{model_version}".encode()).hexdigest()[:32]


class AlertPolicy:
    """Decides whether a conversation's complaint risk warrants an alert."""

    def __init__(self, threshold: float, queue_thresholds: dict[str, float] | None = None,
                 alert_on_threat: bool = True) -> None:
        """``alert_on_threat``: an explicit threat alerts even below the threshold."""
        for name, value in {"threshold": threshold, **(queue_thresholds or {})}.items():
            if not 0 <= value <= 1:
                raise ConfigError(f"alert threshold for '{name}' must be in [0, 1], got {value}")
        self.threshold = threshold
        self.queue_thresholds = dict(queue_thresholds or {})
        self.alert_on_threat = alert_on_threat

    @classmethod
    def from_model(cls, models_dir: str | os.PathLike[str] | None = None,
                   queue_thresholds: dict[str, float] | None = None) -> AlertPolicy:
        """The policy shipped with the complaint model (threshold for its target precision)."""
        from qa_engine.models import load_metadata

        return cls(float(load_metadata("complaint", models_dir)["alert"]["threshold"]), queue_thresholds)

    @classmethod
    def default(cls, queue_thresholds: dict[str, float] | None = None) -> AlertPolicy:
        """The shipped policy: ``from_model()`` on the bundled models directory."""
        return cls.from_model(queue_thresholds=queue_thresholds)

    def threshold_for(self, queue: str | None) -> float:
        return self.queue_thresholds.get(queue, self.threshold) if queue else self.threshold

    def evaluate(self, source: Any, *, conversation: Conversation | None = None,
                 conversation_id: str | None = None, agent_id: str | None = None,
                 queue: str | None = None) -> Alert | None:
        """An ``Alert`` if the complaint probability reaches the queue's threshold or the
        customer made an explicit threat (``alert_on_threat``), else None.

        ``source`` is an ``Inspection`` (its ``findings`` dict holds the ``complaint_risk``
        Findings; ``conversation_id``, ``agent_id``, ``queue`` are read from it), a
        ``dict`` of Findings by analyzer name, or the complaint ``Findings`` itself. Call
        metadata comes from ``conversation`` or the keyword arguments. Returns None when the
        risk is N/A (no customer speech, model unavailable). Threats are read from the
        ``escalation`` findings when ``source`` holds them, else from the risk finding's
        ``detail["threats"]``.
        """
        findings = _complaint_findings(source)
        conversation = conversation or getattr(source, "conversation", None)
        if conversation is not None:
            conversation_id = conversation_id or conversation.id
            agent_id = agent_id or conversation.agent_id
            queue = queue or conversation.queue
        # An Inspection carries the call metadata itself.
        conversation_id = conversation_id or getattr(source, "conversation_id", None)
        agent_id = agent_id or getattr(source, "agent_id", None)
        queue = queue or getattr(source, "queue", None)
        if not conversation_id:
            raise ConfigError("AlertPolicy.evaluate needs a conversation or conversation_id")
        if findings is None or FINDING not in findings.items:
            return None
        risk = findings.items[FINDING]
        if risk.probability is None:
            return None
        threshold = self.threshold_for(queue)
        threat = _threat_finding(source)
        threats = threat.detail.get("threats", []) if threat is not None else risk.detail.get("threats", [])
        reasons = (["risk"] if risk.probability >= threshold else []) + (
            ["explicit_threat"] if threats and self.alert_on_threat else [])
        if not reasons:
            return None
        # The threat sentences come first: they are what a supervisor must read.
        evidence = list(threat.evidence) if threat is not None else [e for e in risk.evidence if _is_threat(e)]
        evidence += [e for e in risk.evidence if e not in evidence]
        return Alert(
            conversation_id=conversation_id, agent_id=agent_id, queue=queue,
            probability=risk.probability, threshold=threshold, model_version=findings.version,
            evidence=evidence,
            complaint_types=[t["type"] for t in risk.detail.get("complaint_types", [])],
            escalation_cues=risk.detail.get("escalation_cues", []), threats=threats, reasons=reasons,
            idempotency_key=Alert.key_for(conversation_id, findings.version))


def _is_threat(evidence: Evidence) -> bool:
    return (evidence.note or "").startswith("explicit threat")


def _threat_finding(source: Any):
    """The escalation analyzer's ``threat`` finding in ``source``, if it ran."""
    found = getattr(source, "findings", source)
    values = found.values() if isinstance(found, dict) else found if isinstance(found, (list, tuple)) else ()
    for value in values:
        if isinstance(value, Findings) and value.analyzer.split(".")[0] == THREAT_ANALYZER:
            item = value.items.get(THREAT_FINDING)
            return item if item is not None and item.value is not None else None
    return None


def _complaint_findings(source: Any) -> Findings | None:
    if isinstance(source, Findings):
        return source
    found = getattr(source, "findings", source)
    if isinstance(found, dict):
        for key, value in found.items():
            if key.split(".")[0] == ANALYZER and isinstance(value, Findings):
                return value
        return None
    if isinstance(found, (list, tuple)):
        return next((f for f in found if isinstance(f, Findings) and f.analyzer.split(".")[0] == ANALYZER), None)
    raise ConfigError(f"cannot find complaint_risk findings in a {type(source).__name__}")


class LogSink:
    """Writes each alert as one JSON line to a file (appending) or a text stream."""

    def __init__(self, target: str | os.PathLike[str] | IO[str] | None = None) -> None:
        self.target = target if target is not None else sys.stdout

    def send(self, alert: Alert) -> None:
        line = alert.model_dump_json() + "\n"
        if isinstance(self.target, (str, os.PathLike)):
            with open(Path(self.target), "a", encoding="utf-8") as fh:
                fh.write(line)
        else:
            self.target.write(line)
            self.target.flush()


class WebhookSink:
    """POSTs each alert as JSON, with an ``Idempotency-Key`` header and exponential backoff.

    Connection errors, timeouts, 429 and 5xx responses are retried ``retries`` times,
    waiting ``backoff * 2**attempt`` seconds; other 4xx fail at once. Raises
    ``AlertDeliveryError`` when delivery finally fails.
    """

    def __init__(self, url: str, retries: int = 3, backoff: float = 0.5, timeout: float = 5.0,
                 headers: dict[str, str] | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if not url.startswith(("http://", "https://")):
            raise ConfigError(f"webhook URL '{url}' must start with http:// or https://")
        self.url, self.retries, self.backoff, self.timeout = url, retries, backoff, timeout
        self.headers = dict(headers or {})
        self._sleep = sleep

    def send(self, alert: Alert) -> int:
        """Deliver ``alert``; returns the number of attempts it took."""
        body = alert.model_dump_json().encode("utf-8")
        headers = {"Content-Type": "application/json", "Idempotency-Key": alert.idempotency_key,
                   **self.headers}
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self._sleep(self.backoff * 2 ** (attempt - 1))
            request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    response.read()
                return attempt + 1
            except urllib.error.HTTPError as exc:
                last = f"HTTP {exc.code}"
                if exc.code != 429 and exc.code < 500:
                    break
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                last = f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"
        raise AlertDeliveryError(
            f"webhook {self.url} refused alert {alert.idempotency_key} for conversation "
            f"'{alert.conversation_id}' after {attempt + 1} attempt(s): {last}")

