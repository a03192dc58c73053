"""Fiftieth pass (``THREAT_PASSES.md`` "Fiftieth pass"), read as general frames, **in-sample**: the three errors of
``fresh69``, scored once this stop before the pass.

- the platform second in a list of places the material goes to (发到本地宠物群和大众点评上);
- a spouse named 我先生 / 我太太 / 丈夫 / 媳妇 who says they will complain: their step, reported;
- citizens in general (市民打12345投诉以后…) as the subject of the step: not the caller's.

The first sentence of each group is the fresh69 call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_50_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 50


@pytest.mark.parametrize("text", [
    "监控我也要看。你们店员那句“狗自己挠的”我录下来了，今晚我就把伤口照片和录音发到本地宠物群和大众点评上。",
    "我要把视频传到家长群和抖音上",
    "我先生已经投诉你们了",            # the household's step taken stays a threat
    "我们市民就只能打12345了",          # the caller among the citizens
])
def test_each_frame_keeps_or_reads_a_threat(text):
    assert_threat(text)
    assert alerts(text, None)


@pytest.mark.parametrize("text", [
    "我先生说要投诉课程顾问乱承诺，我觉得先问清楚再说。",
    "我太太说要去消协，我想先问问你们",
    "您好，我是大学生，在做社会实践报告，想了解一下，市民打12345投诉以后，一般多久能收到回复？",
])
def test_someone_elses_step_or_citizens_in_general_are_not_the_callers(text):
    assert_calm(text)
    assert not alerts(text, None) and not alerts(text)
