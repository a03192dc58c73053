"""``Conversation``: the one currency between stages (importers, ASR, analyzers, scorecard).

A chat transcript and a transcribed call are the same type. The JSON Schema of this
model is published (``qa schema conversation``) and the same class validates CLI input
and HTTP bodies.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Speaker(str, Enum):
    """Who spoke an utterance."""

    AGENT = "agent"
    CUSTOMER = "customer"
    UNKNOWN = "unknown"


class Utterance(BaseModel):
    """One turn of speech or chat."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"speaker": "agent", "start": 0.0, "end": 2.4,
                      "text": "您好，工号1024为您服务，请问有什么可以帮您？"}]})

    speaker: Speaker = Field(description="agent | customer | unknown")
    start: float | None = Field(
        default=None, ge=0,
        description="Start time in seconds from the call start; omit both start and end for an "
                    "untimed transcript (items that need times are then N/A, 'no time stamps').")
    end: float | None = Field(default=None, ge=0, description="End time in seconds; >= start.")
    text: str = Field(description="What was said, as transcribed or typed.")
    confidence: float | None = Field(
        default=None, ge=0, le=1, description="ASR confidence in [0, 1]; None for typed text.")
    flags: list[str] = Field(
        default_factory=list,
        description="Quality flags set upstream, e.g. 'asr_low_confidence', 'asr_doubtful: repetition'.")

    @model_validator(mode="after")
    def _end_after_start(self) -> Utterance:
        if (self.start is None) != (self.end is None):
            raise ValueError("give both start and end, or neither (an untimed transcript)")
        if self.start is not None and self.end < self.start:  # type: ignore[operator]
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self

    @property
    def timed(self) -> bool:
        """Whether the utterance has time stamps."""
        return self.start is not None

    @property
    def duration(self) -> float:
        """Seconds spoken; 0.0 for an untimed utterance."""
        return self.end - self.start if self.start is not None else 0.0  # type: ignore[operator]


class Conversation(BaseModel):
    """A call or chat with its metadata and, when known, its operational KPI values."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{
            "id": "call-0001", "agent_id": "A1024", "queue": "billing",
            "started_at": "2026-11-02T09:15:00+08:00", "channel": "phone",
            "utterances": [
                {"speaker": "agent", "start": 0.0, "end": 2.4,
                 "text": "您好，工号1024为您服务，请问有什么可以帮您？"},
                {"speaker": "customer", "start": 2.8, "end": 5.0, "text": "我想查一下这个月的话费。"}],
            "kpis": {"aht_seconds": 245, "csat": 4.5}}]})

    id: str = Field(min_length=1, description="Conversation id, unique per deployment.")
    agent_id: str | None = Field(default=None, description="The agent who handled the call.")
    queue: str | None = Field(default=None, description="Skill group / queue, e.g. 'billing'.")
    started_at: datetime | None = Field(default=None, description="When the call started (ISO 8601).")
    channel: str = Field(default="phone", description="phone | chat | email | ...")
    attributes: dict[str, Any] = Field(
        default_factory=dict, description="Free call attributes, e.g. {'scenario': 'delivery_peak'}.")
    kpis: dict[str, float] = Field(
        default_factory=dict, description="Operational KPI values for this call, e.g. aht_seconds, csat.")
    utterances: list[Utterance] = Field(default_factory=list, description="Turns in time order.")
    source: str | None = Field(default=None, description="File or upload the conversation came from.")

    @model_validator(mode="after")
    def _timing_all_or_none(self) -> Conversation:
        utts = self.utterances
        if utts and utts[0].timed:
            bad = next((i for i, u in enumerate(utts) if not u.timed), None)
        else:
            bad = next((i for i, u in enumerate(utts) if u.timed), None)
        if bad is not None:
            raise ValueError(f"utterances[{bad}]: either every utterance has start and end, or none has")
        return self

    @property
    def timed(self) -> bool:
        """Whether the utterances carry time stamps (a transcript may have none)."""
        return bool(self.utterances) and self.utterances[0].timed

    def by(self, speaker: Speaker) -> list[tuple[int, Utterance]]:
        """(index, utterance) pairs spoken by ``speaker``, in order."""
        return [(i, u) for i, u in enumerate(self.utterances) if u.speaker == speaker]

    def has_speech(self, speaker: Speaker) -> bool:
        """True if ``speaker`` said anything non-blank."""
        return any(u.text.strip() for _, u in self.by(speaker))

    @property
    def duration(self) -> float:
        """Seconds from the call start to the end of the last utterance (0.0 when untimed)."""
        return max((u.end for u in self.utterances if u.end is not None), default=0.0)
