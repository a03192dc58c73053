"""Sixty-third pass (``THREAT_PASSES.md`` "Sixty-third pass"), **in-sample**: the rule errors of ``fresh88`` and ``fresh89``
(formal and polite callers), scored once this stop before the pass.

- the formal verbs of publishing with the caller's account before them (本人会把整个经过写成文章…发布在微博和小红书上);
- a bad review given 如实 (本人会在平台上如实给差评);
- a colleague named after who they are (同事小林说过要给贵司的汤品写差评: his words);
- the complaint-handling procedure named (想请教贵司的投诉受理流程是怎样的).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, reasons


def test_the_version_is_rules_63_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 63


@pytest.mark.parametrize("text", [
    "凭证齐全。本人会把整个经过写成文章，配上照片和录音，发布在微博和小红书上。",
    "我会把视频发布在抖音上。",
    "返工可以安排在周六上午。但今天的服务，本人会在平台上如实给差评。",
])
def test_formal_steps_are_threats(text):
    assert_threat(text)
    assert alerts(text, None)


@pytest.mark.parametrize("text", [
    "从周一开始。顺带提一句，同事小林说过要给贵司的汤品写差评，本人尝过觉得还好，菜品维持原样即可。",
    "您好。本人在老年大学讲授理财常识，下周一节课讲金融服务常识，想请教贵司的投诉受理流程是怎样的。",
])
def test_someone_elses_words_and_the_procedure_are_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None)


@pytest.mark.parametrize("text", [
    "他们把通知发布在网上了。",
    "我看到有人把视频发布在抖音上了。",
    "我不会把视频发布在抖音上的。",
])
def test_a_notice_someone_elses_post_or_a_denied_one_is_no_threat(text):
    assert "threat" not in reasons(text)
    assert not alerts(text, None)
