"""Shared builders for the confirm_need probe tests (chat rounds 1–3): a short conversation
opened by the agent's greeting, and the confirm_need finding the analyzer gives it."""

from __future__ import annotations

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.conversation import Conversation, Utterance

SPEAKERS = {"A": "agent", "C": "customer"}


def call(channel: str, *lines: tuple[str, str]) -> Conversation:
    """``lines`` as (``A`` | ``C``, text) after a greeting written as the channel writes it."""
    opener = "您好，很高兴为您服务" if channel == "chat" else "您好很高兴为您服务"
    return Conversation(id="c", channel=channel, utterances=[
        Utterance(speaker=SPEAKERS[s], text=t) for s, t in (("A", opener), *lines)])


def confirm(analyzer: KeywordAnalyzer, *lines: tuple[str, str], channel: str = "chat"):
    """The confirm_need finding for ``lines`` (after the greeting)."""
    return analyzer.analyze(call(channel, *lines)).items["confirm_need"]
