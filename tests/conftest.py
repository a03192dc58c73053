"""Shared test helpers: conversations and analyzers built by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_engine.conversation import Conversation, Utterance
from qa_engine.findings import Finding, Findings

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


def make_conversation(*turns: tuple[str, str], gap: float = 0.5, **fields) -> Conversation:
    """A conversation from (speaker, text) pairs laid out in time, 0.2 s per character."""
    clock, utterances = 0.0, []
    for speaker, text in turns:
        end = clock + max(1.0, 0.2 * len(text))
        utterances.append(Utterance(speaker=speaker, start=clock, end=end, text=text))
        clock = end + gap
    fields.setdefault("id", "test-call")
    fields.setdefault("agent_id", "A1")
    return Conversation(utterances=utterances, **fields)


class FixedAnalyzer:
    """An analyzer that returns preset finding values (None = N/A)."""

    version = "fixed-1"

    def __init__(self, name: str, values: dict[str, float | None], **finding_fields) -> None:
        self.name, self.values, self.finding_fields = name, values, finding_fields

    @property
    def produces(self) -> frozenset[str]:
        return frozenset(self.values)

    def analyze(self, conversation: Conversation) -> Findings:
        items = {k: (Finding(value=v, **self.finding_fields) if v is not None
                     else Finding.not_applicable("fixed N/A")) for k, v in self.values.items()}
        return Findings(analyzer=self.name, version=self.version, items=items)


@pytest.fixture
def conversation() -> Conversation:
    return make_conversation(("agent", "您好，工号1024为您服务"), ("customer", "我想查话费"),
                             ("agent", "好的，感谢您的来电，再见"))
