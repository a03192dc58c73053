"""What analyzers produce: ``Findings`` made of ``Finding``s that cite their ``Evidence``.

Orientation: a finding's ``value`` is in [0, 1] and **1 is good** for the call's quality
(the greeting was said; no forbidden phrase; low complaint risk). ``None`` means not
applicable, and ``na_reason`` says why. Model-based findings also carry the model's
``probability`` of the event they describe (e.g. the probability that the customer will
complain), which is not necessarily oriented like ``value``.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from pydantic import BaseModel, Field

from qa_engine.conversation import Conversation


class Evidence(BaseModel):
    """A pointer into the conversation that supports (or, for a miss, explains) a finding."""

    utterance: int | None = Field(default=None, description="Index into conversation.utterances.")
    span: tuple[int, int] | None = Field(
        default=None, description="[start, end) character offsets in that utterance's text.")
    start: float | None = Field(default=None, description="Time span start, seconds.")
    end: float | None = Field(default=None, description="Time span end, seconds.")
    text: str | None = Field(default=None, description="The matched or cited text.")
    note: str | None = Field(default=None, description="Why this is cited, in words.")


class Finding(BaseModel):
    """One measured fact about a conversation."""

    value: float | None = Field(default=None, ge=0, le=1, description="[0, 1], 1 = good; None = N/A.")
    probability: float | None = Field(
        default=None, ge=0, le=1, description="Model probability of the described event, if a model.")
    na_reason: str | None = Field(default=None, description="Why the finding is N/A.")
    needs_review: bool = Field(
        default=False, description="True when the finding rests on doubtful input (e.g. low ASR confidence).")
    review_reason: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    detail: dict[str, Any] = Field(default_factory=dict, description="Analyzer-specific facts.")

    @classmethod
    def not_applicable(cls, reason: str, **detail: Any) -> Finding:
        return cls(value=None, na_reason=reason, detail=detail)


class Findings(BaseModel):
    """All findings of one analyzer on one conversation, keyed by finding name."""

    analyzer: str = Field(description="Registered analyzer name with version, e.g. 'keywords.v1'.")
    version: str = Field(default="", description="Version of the rulebook / model behind the analyzer.")
    items: dict[str, Finding] = Field(default_factory=dict)
    detail: dict[str, Any] = Field(default_factory=dict, description="Analyzer-level output.")


@runtime_checkable
class Analyzer(Protocol):
    """The analyzer contract: one concern, one method.

    ``name`` is the registry name (``"keywords"``), ``produces`` lists the finding keys a
    scorecard may read, ``version`` identifies the model or rulebook.
    """

    name: str
    version: str

    @property
    def produces(self) -> frozenset[str]: ...

    def analyze(self, conversation: Conversation) -> Findings: ...
