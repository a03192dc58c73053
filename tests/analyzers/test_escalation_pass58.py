"""Fifty-eighth pass (``THREAT_PASSES.md`` "Fifty-eighth pass"), **in-sample**: the errors of ``fresh78`` and ``fresh79``,
scored once this stop before the pass.

- a hotline called already, then what they said (我早上以经打了一二三四五 他们说会转给街道);
- a bad review promised with the review put first (差评我肯定是要给的);
- the escalation request named again and taken back (把那个升级的单撤销吧 · 那个升级的就给撤了吧);
- the step taken back with the verb right after it (现在俺想把那个投诉给撤了);
- an earlier complaint told with 上礼拜 / 上周 (我上礼拜在你们这儿有个投诉…想问问师傅啥时候来);
- the northern 俺 as the caller's 我 (俺闺女说要投诉你们 俺说你先甭急: her words, not the caller's).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_58_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 58


@pytest.mark.parametrize("text", [
    "不用登记了 我早上以经打了一二三四五 他们说会转给街道",
    "我上午已经打过12345了，他们说会让街道来处理。",
    "差评我肯定是要给的 你们这个衣服洗一次就缩成童装了",
    "差评我是肯定要给的，这服务太差了。",
    "俺要投诉你们那个送水的",
])
def test_steps_taken_or_promised_are_threats(text):
    assert_threat(text)
    assert alerts(text, None)


@pytest.mark.parametrize("text", [
    "我昨天那个件让你们升级处理了，现在已经收到了，麻烦把那个升级的单撤销吧。",
    "我昨天让你们给我升级处理那个宽带的事儿，今天师傅已经来修好了，那个升级的就给撤了吧，不用麻烦了。",
    "喂 那个 俺前几天打电话投诉了你们那个抄表的 现在俺想把那个投诉给撤了",
    "我上礼拜在你们这儿有个投诉，就是那个衣柜门装歪了的事儿，工单尾号***三，想问问师傅啥时候来？",
    "喂 那个 俺闺女说要投诉你们 俺说你先甭急 俺先打电话问问 就是昨天那个粥 少送了一份",
    "这个差评你们肯定是要给我删掉的",
])
def test_taken_back_earlier_or_someone_elses_steps_are_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None)


@pytest.mark.parametrize("text", [
    "差评我肯定是不会给的，师傅挺辛苦的。",
    "我看到了消协前几天发了个提醒。",
])
def test_contrasts_stay_calm(text):
    assert_calm(text)
    assert not alerts(text, None)
