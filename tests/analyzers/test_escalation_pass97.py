"""Ninety-seventh pass (``THREAT_PASSES.md`` "Ninety-seventh pass"), **in-sample**: the two rule errors of ``fresh177`` left at
the end of the last stop.

- a party the caller dealt with, described as hostile, then a subjectless 说 up to the cue (那个司机很凶 说不赔清洗费就要报警):
  their words;
- someone else's words going on after a comma with the place they will go to between 去 and the step
  (楼上邻居说堵着消防通道，要去物业投诉): their step.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_97_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 97


@pytest.mark.parametrize("calm", [
    "喂 我刚下车 不小心把咖非洒在后座上了 那个司机很凶 说不赔清洗费就要报警",
    "房东脾气很大 说不搬走就要去法院告",
    "骑手很横 说不给好评就要投诉",
])
def test_a_hostile_party_s_words_are_no_threat(calm):
    assert_calm(calm)


@pytest.mark.parametrize("calm", [
    "你们的车现在停在我们单元门口，楼上邻居说堵着消防通道，要去物业投诉。能不能让司机往前挪一挪？",
    "楼上邻居说你们半夜还在施工，要去物业举报。",
    "楼下邻居说你们施工太吵，要到街道办反映。",
])
def test_someone_else_s_step_with_the_place_named_is_no_threat(calm):
    assert_calm(calm)
    assert not alerts(calm, None)


@pytest.mark.parametrize("threat", [
    "那个司机很凶 说要投诉他",
    "那个司机很凶 我说不赔就要报警",
    "司机很凶，我要投诉",
    "我同事说你们也这样，我要去物业投诉",
    "那个司机很凶 说实话我要报警",
])
def test_the_caller_s_own_step_stays_a_threat(threat):
    assert_threat(threat)
