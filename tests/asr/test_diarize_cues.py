"""Mono voice naming by agent cues tolerates the rulebook's [asr_confusions] (您 → 零/林; not 您 → 你,
which would make a customer's 你好 an agent cue)."""

from __future__ import annotations

from types import SimpleNamespace

from qa_engine.asr.diarize import agent_cues, cue_score, name_voices, without_customer_words
from qa_engine.conversation import Speaker
from qa_engine.rulebook import load_rulebook


def segs(*texts: str) -> list[SimpleNamespace]:
    return [SimpleNamespace(text=t, speaker=None) for t in texts]


def test_confused_agent_cue_names_the_agent() -> None:
    # The customer speaks first and asks for 客服 (an agent cue): without tolerance the
    # agent's 零好…帮零 scores only 有什么可以帮, a tie, and the first speaker is named agent.
    segments = segs("喂是客服吗", "零好请问有什么可以帮零")
    detail = name_voices(segments, [0, 1], {})
    assert [s.speaker for s in segments] == [Speaker.CUSTOMER, Speaker.AGENT]
    assert detail["naming"] == "content cues"


def test_cues_follow_the_rulebook_confusions() -> None:
    shipped = load_rulebook().asr_confusions
    assert agent_cues().pattern == agent_cues(without_customer_words(shipped)).pattern
    assert "你" in shipped["您"]  # the rule phrases tolerate 您 → 你 …
    assert cue_score("你好我给你说一下") == 0  # … but a customer's 你好 / 给你 is no agent cue
    assert cue_score("林好为林服务") == 2
    assert cue_score("零好为零服务", agent_cues({})) == 0  # no confusion table: exact cues only
    assert cue_score("您好为您服务", agent_cues({})) == 2
