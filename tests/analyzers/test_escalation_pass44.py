"""Forty-fourth pass (``THREAT_PASSES.md`` "Forty-fourth pass"), read as general frames, **in-sample**:

- 本来 / 原本 / 差点 before the caller's own 我 (本来我要投诉你们的，后来解决了 · 差点我就报警了): a step not taken, as 我本来要…
  already read — the cut at the caller's own 我要 no longer drops the marker;
- a plan opened with 本来 / 原本 that the sentence says events overtook (结果 / 后来 … 修好了): every cue inside the plan is part of
  it (本来 我 要去告你们的 法院都查好了 结果师傅今天修好了), unless the caller takes it up again.

The sentences were written for these tests, but for the plan's first line (`fresh52_test`'s calm `f52-n-nm-threat-dropped-asr`,
a held-out half scored before and used as development material since). The contrasts read as they did before.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_44_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 44


def _alerts(text: str, opinion=CHOSEN_OPINION) -> bool:
    return alerts(text, opinion, reply="好的，您请说")


# 1. the marker before the caller's own 我
@pytest.mark.parametrize("text", [
    "本来我要投诉你们的，后来解决了",
    "原本我准备去消协的 后来商家退款了",
    "差点我就报警了",
    "本来我是要找你们领导的 现在不用了",
])
def test_a_counterfactual_before_the_callers_own_i_is_a_step_not_taken(text):
    assert_calm(text)
    assert not _alerts(text, None) and not _alerts(text)


# 2. a plan events overtook: every cue inside it
@pytest.mark.parametrize("text", [
    "本来 我 要去告你们的 法院都查好了 结果师傅今天修好了",
    "本来我要去告你们的，法院都查好了，结果师傅今天修好了",
    "本来律师都找好了 后来你们赔了",
])
def test_a_plan_events_overtook_is_no_step(text):
    assert_calm(text)
    assert not _alerts(text, None) and not _alerts(text)


# Contrasts: the marker elsewhere, the plan not overtaken or taken up again, a step after the plan
@pytest.mark.parametrize("text", [
    "本来挺好的 我要投诉你们",
    "本来就慢 我要投诉",
    "本来挺好的 结果坏了 我要投诉你们",
    "本来我要去告你们的 法院都查好了 结果还是没修好",
    "本来律师都找好了 后来你们赔了 但这次我还是要告",
    "本来我要投诉 结果到现在也没修好 我现在就打12315",
    "我要投诉你们",
])
def test_a_step_outside_a_plan_or_taken_up_again_stays_a_threat(text):
    assert_threat(text)
    assert _alerts(text, None)
