"""Shared helpers for the threat-pass tests: the reasons the rules give a sentence, and a short
timed call built from (``A`` | ``C``, text) turns."""

from __future__ import annotations

from qa_engine.analyzers.escalation import CHOSEN_OPINION, detect_threats, scan_text
from qa_engine.conversation import Conversation


def reasons(text: str) -> list[str]:
    """The reason of every hit the rules find in ``text`` (``threat``, ``negated``, ``reported`` …)."""
    return [h.reason for h in scan_text(text)]


def call(*turns: tuple[str, str]) -> Conversation:
    """A conversation of ``turns`` (``A`` = agent, ``C`` = customer), 2 s each, 1 s apart."""
    return Conversation(id="t", utterances=[
        {"speaker": "agent" if who == "A" else "customer", "start": 3.0 * i, "end": 3.0 * i + 2.0, "text": text}
        for i, (who, text) in enumerate(turns)])


def assert_threat(text: str) -> None:
    """The rules read ``text`` as a threat."""
    assert "threat" in reasons(text), scan_text(text)


def kept_from_the_vetoes(text: str, category: str) -> list[bool]:
    """For each threat hit of ``category`` the rules find in ``text``: whether the learned vetoes must leave it standing."""
    from qa_engine.analyzers._escalation_kept import kept_from_vetoes

    return [kept_from_vetoes(h, text) for h in scan_text(text) if h.category == category and h.threat]


def assert_calm(text: str) -> None:
    """The rules find a cue in ``text`` but read none of its hits as a threat."""
    found = reasons(text)
    assert found and "threat" not in found, scan_text(text)


GREETING = ("A", "您好，请问有什么可以帮您？")


def counts_threat(conversation: Conversation, opinion=CHOSEN_OPINION) -> bool:
    """Whether ``detect_threats`` (``opinion``: the second opinion; None: the rules alone) counts a threat in ``conversation``."""
    return any(h.threat for h in detect_threats(conversation, opinion))


def alerts(text: str, opinion=CHOSEN_OPINION, reply: str | None = None) -> bool:
    """Whether ``detect_threats`` (``opinion``: the second opinion; None: the rules alone) counts a threat in a call of the
    agent's greeting, the customer's ``text`` and, when given, the agent's ``reply``."""
    turns = [GREETING, ("C", text)] + ([("A", reply)] if reply else [])
    return counts_threat(call(*turns), opinion)
