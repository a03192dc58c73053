"""Request and response bodies of the HTTP API (each with an OpenAPI example)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
)

from qa_engine.conversation import Conversation
from qa_engine.findings import Evidence
from qa_engine.pipeline import Inspection
from qa_engine.rollup import AgentScore

NOW = "2026-11-02T09:20:00Z"
_NO_SLASH = r"^[^/\\\x00-\x1f\x7f]+$"
# Ids and names that fit a URL path segment and a table cell.
ConversationId = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=_NO_SLASH)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=128, pattern=_NO_SLASH)]
KpiValues = Annotated[dict[Annotated[str, StringConstraints(max_length=128)],
                           Annotated[float, Field(allow_inf_nan=False, ge=-1e12, le=1e12)]],
                      Field(min_length=1, max_length=200)]


def _bounded_time(value: datetime) -> datetime:
    if not 1900 <= value.year <= 2200:
        raise ValueError("year must be within 1900–2200")
    return value


def _iso_only(value: object) -> object:
    # pydantic reads a bare number as Unix seconds; the schema promises an ISO 8601 string.
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.strip()
                                           .lstrip("+-").replace(".", "", 1).isdigit()):
        raise ValueError("expected an ISO 8601 date-time, e.g. 2026-11-02T09:00:00Z")
    return value


Time = Annotated[datetime, BeforeValidator(_iso_only), AfterValidator(_bounded_time)]


def _example(**example: Any) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": [example]})


class ErrorOut(BaseModel):
    """Every 4xx/5xx body: one line saying what is wrong, and where for bad input."""

    model_config = _example(detail="utterances[1].speaker: Input should be 'agent', "
                                   "'customer' or 'unknown' (got 'bot')", code="invalid_body")
    detail: str
    code: str = "error"
    errors: list[dict[str, Any]] = Field(default_factory=list)


class VersionInfo(BaseModel):
    """One stored version of a conversation's inspection."""

    model_config = _example(version=2, reason="review", actor="key:3:qa", score=86.5,
                            created_at=NOW)
    version: int
    reason: str = Field(description="scored | kpis | review | appeal")
    actor: str | None = None
    score: float | None = None
    created_at: datetime


class ScoredConversation(BaseModel):
    """A conversation's current inspection."""

    model_config = _example(conversation_id="call-0001", version=1, created=True,
                            inspection={"conversation_id": "call-0001", "score": 82.0})
    conversation_id: str
    version: int
    created: bool = Field(default=False, description="True when this request stored it.")
    inspection: Inspection


class ConversationDetail(ScoredConversation):
    """A conversation with its transcript, current inspection and version history."""

    model_config = _example(conversation_id="call-0001", version=2, created=False,
                            inspection={"conversation_id": "call-0001", "score": 86.5},
                            conversation={"id": "call-0001", "utterances": []},
                            versions=[{"version": 1, "reason": "scored", "score": 82.0,
                                       "created_at": NOW}])
    conversation: Conversation
    versions: list[VersionInfo]


class ConversationSummary(BaseModel):
    """One row of the conversation list."""

    model_config = _example(id="call-0001", agent_id="A1024", queue="billing",
                            started_at="2026-11-02T01:15:00Z", channel="phone", version=1,
                            score=82.0, red_line_failed=False, risk=0.12, needs_review=0,
                            updated_at=NOW)
    id: str
    agent_id: str | None
    queue: str | None
    started_at: datetime | None
    channel: str
    version: int
    score: float | None
    red_line_failed: bool
    risk: float | None = Field(description="Complaint-risk probability, None if not scored.")
    needs_review: int = Field(description="Items waiting for a reviewer.")
    updated_at: datetime


class ConversationPage(BaseModel):
    """A page of the filtered conversation list, newest first."""

    model_config = _example(total=1, limit=50, offset=0, items=[{"id": "call-0001"}])
    total: int
    limit: int
    offset: int
    items: list[ConversationSummary]


class JobOut(BaseModel):
    """An uploaded recording's transcription-and-scoring job."""

    model_config = _example(id="0b7e9a1c-4c1e-4d8e-9a55-0f1e2d3c4b5a", status="succeeded",
                            filename="call-0001.wav", size_bytes=480044, media_type="audio/wav",
                            conversation_id="call-0001", error=None, attempts=1,
                            callback_url=None, created_at=NOW, started_at=NOW,
                            finished_at=NOW, result_url="/api/v1/conversations/call-0001")
    id: str
    status: Literal["queued", "running", "succeeded", "failed", "cancelled"]
    filename: str | None
    size_bytes: int
    media_type: str = Field(description="Sniffed from the content, not the client's header.")
    conversation_id: str | None
    error: str | None
    attempts: int
    callback_url: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    result_url: str | None = None


class CallKpis(BaseModel):
    """KPI values for one call."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"conversation_id": "call-0001", "kpis": {"csat": 4.0, "fcr": 1}}]})
    conversation_id: ConversationId
    kpis: KpiValues


class AgentPeriodKpis(BaseModel):
    """KPI values for an agent over a period [period_start, period_end)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"agent_id": "A1024", "period_start": "2026-11-01T00:00:00Z",
         "period_end": "2026-11-08T00:00:00Z", "kpis": {"answer_rate_20s": 0.93}}]})
    agent_id: Name
    period_start: Time
    period_end: Time
    kpis: KpiValues


class KpiIngest(BaseModel):
    """KPIs per call and/or per agent-period; affected calls are re-scored."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"calls": [{"conversation_id": "call-0001", "kpis": {"csat": 4.0}}],
         "agent_periods": [{"agent_id": "A1024", "period_start": "2026-11-01T00:00:00Z",
                            "period_end": "2026-11-08T00:00:00Z",
                            "kpis": {"answer_rate_20s": 0.93}}]}]})
    calls: list[CallKpis] = Field(default_factory=list, max_length=1000)
    agent_periods: list[AgentPeriodKpis] = Field(default_factory=list, max_length=1000)


class Rescored(BaseModel):
    """A call whose score was recomputed."""

    model_config = _example(conversation_id="call-0001", version=2, score_before=80.0,
                            score=83.1)
    conversation_id: str
    version: int
    score_before: float | None
    score: float | None


class KpiIngestResult(BaseModel):
    """What a KPI upload changed."""

    model_config = _example(rescored=[{"conversation_id": "call-0001", "version": 2,
                                       "score_before": 80.0, "score": 83.1}],
                            unchanged=0, agent_periods=1)
    rescored: list[Rescored]
    unchanged: int = Field(description="Calls whose KPI values were already those given.")
    agent_periods: int


class TrendPoint(BaseModel):
    """Mean call score in one bucket of the period."""

    model_config = _example(bucket_start="2026-11-02T00:00:00Z", calls=14, mean=81.7)
    bucket_start: datetime
    calls: int
    mean: float


class AgentScorecard(BaseModel):
    """An agent's roll-up for a period, shrunk toward the team mean, with its trend."""

    model_config = _example(agent_id="A1024", start="2026-11-01T00:00:00Z",
                            end="2026-12-01T00:00:00Z", score=None, team={"agents": 12},
                            trend=[{"bucket_start": "2026-11-02T00:00:00Z", "calls": 14,
                                    "mean": 81.7}])
    agent_id: str
    start: datetime | None
    end: datetime | None
    score: AgentScore | None = Field(description="None when the agent has no scored call.")
    team: dict[str, Any]
    trend: list[TrendPoint]


class Leaderboard(BaseModel):
    """Agents ranked by shrunk mean score over a period."""

    model_config = _example(start="2026-11-01T00:00:00Z", end="2026-12-01T00:00:00Z",
                            queue=None, team={"agents": 2, "calls": 40}, agents=[])
    start: datetime | None
    end: datetime | None
    queue: str | None
    team: dict[str, Any]
    agents: list[AgentScore]


class SubscriptionIn(BaseModel):
    """Send complaint-risk alerts at or above ``threshold`` for these queues to ``url``."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"url": "https://crm.example.com/hooks/qa-alerts", "threshold": 0.7,
         "queues": ["billing"]}]})
    url: Annotated[HttpUrl, Field(description="Must pass the outbound URL policy "
                                              "(QA_OUTBOUND_ALLOW).")]
    threshold: float | None = Field(
        default=None, ge=0, le=1, description="Complaint-risk probability; default: the "
                                              "complaint model's shipped threshold.")
    queues: list[Name] = Field(default_factory=list, max_length=100,
                               description="Empty = every queue.")


class SubscriptionOut(BaseModel):
    """A stored alert subscription."""

    model_config = _example(id=1, url="https://crm.example.com/hooks/qa-alerts",
                            threshold=0.7, effective_threshold=0.7, queues=["billing"],
                            active=True, created_at=NOW)
    id: int
    url: str
    threshold: float | None = Field(description="None: the model's shipped threshold.")
    effective_threshold: float | None = Field(default=None,
                                              description="The threshold applied now.")
    queues: list[str]
    active: bool
    created_at: datetime


class DeliveryOut(BaseModel):
    """State of one outbox message (webhook delivery)."""

    model_config = _example(id="5f0c…", status="delivered", attempts=1, last_error=None,
                            last_status_code=200, next_attempt_at=NOW, delivered_at=NOW)
    id: str = Field(description="Also sent as the Idempotency-Key header.")
    status: Literal["pending", "sending", "delivered", "failed"]
    attempts: int
    last_error: str | None
    last_status_code: int | None
    next_attempt_at: datetime
    delivered_at: datetime | None


class AlertOut(BaseModel):
    """A complaint-risk alert with the evidence that raised it."""

    model_config = _example(id="9d2f…", subscription_id=1, conversation_id="call-0001",
                            version=1, risk=0.86, threshold=0.7, agent_id="A1024",
                            queue="billing", evidence=[{"utterance": 3, "text": "我要投诉你们"}],
                            created_at=NOW, delivery=None)
    id: str
    subscription_id: int
    conversation_id: str
    version: int
    risk: float
    threshold: float
    agent_id: str | None
    queue: str | None
    evidence: list[Evidence]
    created_at: datetime
    delivery: DeliveryOut | None
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None


class ReviewIn(BaseModel):
    """A reviewer's verdict on one machine finding (机检正确 / 机检不正确)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"finding": "keywords.forbidden_rude", "verdict": "incorrect",
         "comment": "客户先说的这句话，不是坐席"}]})
    finding: str = Field(description="'analyzer.key', e.g. 'keywords.greeting'.",
                         pattern=r"^[A-Za-z0-9_]+\.[A-Za-z0-9_]+$")
    verdict: Literal["correct", "incorrect"]
    value: float | None = Field(
        default=None, ge=0, le=1, strict=True,
        description="Corrected value (1 = good). Default for 'incorrect': 1 - machine value.")
    comment: str | None = Field(default=None, max_length=2000)


class ReviewOut(BaseModel):
    """A stored review and the version it produced."""

    model_config = _example(id=1, conversation_id="call-0001", finding="keywords.forbidden_rude",
                            verdict="incorrect", value_before=0.0, value_after=1.0,
                            comment=None, reviewer="key:2:qa", from_version=1, to_version=2,
                            score_before=0.0, score_after=88.0, created_at=NOW)
    id: int
    conversation_id: str
    finding: str
    verdict: str
    value_before: float | None
    value_after: float | None
    comment: str | None
    reviewer: str
    from_version: int
    to_version: int
    score_before: float | None = None
    score_after: float | None = None
    created_at: datetime


class AppealIn(BaseModel):
    """An agent's appeal against a finding on their own call."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"finding": "keywords.greeting", "reason": "我在第一句就问候了，只是语音识别错了"}]})
    finding: str = Field(pattern=r"^[A-Za-z0-9_]+\.[A-Za-z0-9_]+$")
    reason: str = Field(min_length=1, max_length=4000)


class AppealDecisionIn(BaseModel):
    """A reviewer's decision: 'upheld' corrects the finding and re-scores the call."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"decision": "upheld", "comment": "录音确认有问候"}]})
    decision: Literal["upheld", "rejected"]
    value: float | None = Field(default=None, ge=0, le=1, strict=True,
                                description="Corrected value when upheld; default 1 - value.")
    comment: str | None = Field(default=None, max_length=2000)


class AppealOut(BaseModel):
    """An appeal and, once decided, its outcome."""

    model_config = _example(id=1, conversation_id="call-0001", finding="keywords.greeting",
                            agent_id="A1024", reason="我在第一句就问候了", status="upheld",
                            version=1, decided_by="key:2:qa", decision_comment="录音确认有问候",
                            resulting_version=2, created_at=NOW, decided_at=NOW)
    id: int
    conversation_id: str
    finding: str
    agent_id: str
    reason: str
    status: Literal["open", "upheld", "rejected"]
    version: int = Field(description="Version of the inspection appealed against.")
    decided_by: str | None
    decision_comment: str | None
    resulting_version: int | None
    created_at: datetime
    decided_at: datetime | None


class AuditEntryOut(BaseModel):
    """One hash-chained audit entry."""

    model_config = _example(seq=1, at=NOW, actor="key:2:qa", action="review.created",
                            subject="conversation:call-0001", payload={"review_id": 1},
                            prev_hash="0" * 64, hash="3f5a" + "0" * 60)
    seq: int
    at: datetime
    actor: str
    action: str
    subject: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str


class AuditVerification(BaseModel):
    """Result of recomputing the audit chain."""

    model_config = _example(ok=True, entries=42, problems=[])
    ok: bool
    entries: int
    problems: list[str]


class KeyIn(BaseModel):
    """A new API key's role (and agent id for agent keys)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"role": "agent", "agent_id": "A1024", "name": "张三"}]})
    role: Literal["admin", "qa", "supervisor", "agent"]
    agent_id: Name | None = None
    name: str | None = Field(default=None, max_length=200)


class KeyOut(BaseModel):
    """A stored API key (never its secret)."""

    model_config = _example(id=3, role="agent", agent_id="A1024", name="张三", revoked=False,
                            created_at=NOW)
    id: int
    role: str
    agent_id: str | None
    name: str | None
    revoked: bool
    created_at: datetime


class KeyCreated(KeyOut):
    """A new key; ``key`` is shown this once and never again."""

    model_config = _example(id=3, role="agent", agent_id="A1024", name="张三", revoked=False,
                            created_at=NOW, key="qa_1a2b3c4d5e6f_…")
    key: str


class Health(BaseModel):
    """Liveness and what the service has loaded."""

    model_config = _example(status="ok", database="sqlite", versions={"scorecard": "default@2026.11.1"},
                            jobs_queued=0)
    status: str
    database: str
    versions: dict[str, str]
    jobs_queued: int
