"""Forty-sixth pass (``THREAT_PASSES.md`` "Forty-sixth pass"), read as general frames, **in-sample**:

- a body's building named before a direction (就是消费者协会那栋楼隔壁 · 我在法院那栋楼下面等你) is a place, as 消协旁边 already was;
- someone quoted from an interview (有个记者采访说你们出了一款新的奶粉) is a source of news, as 记者报道说 already was.

The first sentence of each group is `fresh67`'s (c67-065 of the test half, c67-074 of the dev half, both scored once before the
pass); the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_46_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 46


@pytest.mark.parametrize("text", [
    "喂 我叫的车 司机找不到我 我在消协旁边那个商场 就是消费者协会那栋楼隔壁 门口有个大屏幕",
    "我在法院那栋楼下面等你",
    "送到市场监管局那座楼对面的小区",
    "喂 我昨天看电视 有个记者采访说你们出了一款新的奶粉 我想问问店里有没有货",
    "电视上有个记者采访的时候说这个牌子的奶粉卖断货了",
])
def test_a_building_as_a_landmark_or_a_journalist_quoted_is_no_step(text):
    assert_calm(text)
    assert not alerts(text, None) and not alerts(text)


@pytest.mark.parametrize("text", [
    "我去法院那栋楼 起诉你们",
    "我要找记者来采访你们",
    "我让记者采访你们",
    "再不处理我就去消费者协会",
])
def test_a_step_to_the_body_or_the_press_stays_a_threat(text):
    assert_threat(text)
    assert alerts(text, None)
