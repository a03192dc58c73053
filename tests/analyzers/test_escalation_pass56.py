"""Fifty-sixth pass (``THREAT_PASSES.md`` "Fifty-sixth pass"), **in-sample**: the three errors of ``fresh77``, scored once this
stop before the pass.

- a post on a website named by what it is for (在一个消费维权的网站上发了帖子), as on an app or a forum;
- 班主任 is a homeroom teacher, not a superior — 值班主任 (the director on duty) still is;
- the escalation request taken back with 把 (我想把升级专员那个给撤销掉).

The first sentence of each group is the fresh77 call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_56_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 56


@pytest.mark.parametrize("text", [
    "前两天我在网上看到好多人都是这样，就在一个消费维权的网站上发了帖子，把扣费记录都贴上去了。",
    "查完请直接帮我转到你们的值班主任",
])
def test_a_post_on_a_website_and_the_director_on_duty_are_threats(text):
    assert_threat(text)
    assert alerts(text, None)


@pytest.mark.parametrize("text", [
    "上个月孩子得了肺炎，住了十二天院。出院后我找班主任，班主任说去找财务；财务说要医院证明。",
    "你好，前天我打过电话，客服帮我转了升级专员，说是我的流量多扣了钱。我想把升级专员那个给撤销掉。",
])
def test_a_homeroom_teacher_and_a_request_taken_back_are_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None) and not alerts(text)
