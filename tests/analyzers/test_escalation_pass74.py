"""Seventy-fourth pass (``THREAT_PASSES.md`` "Seventy-fourth pass"), **in-sample**: the rule errors of ``fresh110`` and
``fresh111`` (the Meituan phone register), scored once this stop before the pass.

- someone insisting, with 非 / 硬 / 偏 before 说 (我妈非说要投诉装机那个师傅), is their words reported;
- 就 + 报警了 after an unmet condition (一个小时内还联系不上，我就报警了) is a warning, even after an incident the caller suffered —
  told as done (钱包丢了，我已经报警了) it is still the incident;
- 得 after the caller's 我 or 都 as the review's intention (钱退不退我都得给这家店一个差评).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, detect_threats
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, call, reasons


def test_the_version_is_rules_74_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 74


@pytest.mark.parametrize("text", [
    "喂 我家昨天装的空调 外机有点响 我妈非说要投诉装机那个师傅 我觉得没那么严重",
    "我老公硬说要去消协告你们，我拦下了，我就想问问能不能上门看看",
])
def test_someone_insisting_is_their_words_reported(text):
    assert_calm(text)
    assert not alerts(text, None)


def _lost_phone_call(last: str):
    return call(("A", "您好，途迅出行客服，请问有什么可以帮您？"), ("C", "我刚下车就发现手机落在车上了，司机电话打不通。"),
                ("A", "我们这边帮您联系司机，请您稍等。"), ("C", last))


def test_a_police_report_warned_of_after_an_unmet_condition_is_a_threat():
    conversation = _lost_phone_call("麻烦快点，一个小时内还联系不上，我就报警了，里面全是我的工作资料。")
    assert any(h.threat for h in detect_threats(conversation, None))


def test_a_police_report_told_as_done_after_a_loss_is_still_the_incident():
    conversation = _lost_phone_call("钱包也丢了，我已经报警了。")
    assert not any(h.threat for h in detect_threats(conversation, None))


@pytest.mark.parametrize("text", ["对。钱退不退我都得给这家店一个差评。", "我得给这家店一个差评"])
def test_de_after_the_caller_is_the_reviews_intention(text):
    assert_threat(text)
    assert alerts(text, None)


@pytest.mark.parametrize("text", ["我都得看看差评", "我得删了差评"])
def test_reading_or_removing_a_review_is_no_threat(text):
    assert "threat" not in reasons(text)
