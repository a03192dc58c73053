"""Hundred-and-eighteenth pass (``THREAT_PASSES.md`` "Hundred-and-eighteenth pass"), **in-sample**: threats of fresh320 …
fresh335 that only the call-level model found at first reading.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_threat, reasons


def test_the_version_is_rules_118_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 118


@pytest.mark.parametrize("threat", [
    # a post on a platform named as what is written, an intention before it
    "嗯 我先跟你说好 这家店我会写一篇小红书 把照片都放上去 让大家别去",
    "我不会再去了。这事我回头写篇小红书发出去，让大家看看。",
    # headquarters named with its city, gone to in person
    "这个问题处理不了的话，我直接去你们北京总部当面说。",
    # only the manager, face to face
    "我把话放在这儿，今天再没个准信，我就只跟你们经理当面谈。",
    # material handed in at a court about this matter
    "这事我想好了，下周一我就去***区法院递材料，让法官看看这笔贷款是谁签的字。",
])
def test_the_caller_s_steps_read_as_threats(threat):
    assert_threat(threat)
    assert alerts(threat, None)


@pytest.mark.parametrize("calm", [
    # a post that recommends
    "这家店真不错，我回头写篇小红书推荐一下。",
    # the manager talked to before
    "我昨天跟你们经理谈过了，他说今天给我回电话。",
    # an errand at a court with no matter of the company's
    "我明天要去法院递材料，离婚的事，所以想把送货改到后天。",
])
def test_praise_past_talks_and_errands_stay_calm(calm):
    assert "threat" not in reasons(calm)
    assert not alerts(calm, None)
