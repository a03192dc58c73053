"""Hundred-and-seventeenth pass (``THREAT_PASSES.md`` "Hundred-and-seventeenth pass"), **in-sample**: the rule errors of
fresh328 … fresh335's first reading.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_117_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 117


@pytest.mark.parametrize("threat", [
    # the company's driver keeping the lost phone, the police called about him
    "那个 司机接了一次说不还 我刚才已经报警了 民警让我找平台要司机信息 你们赶紧配合",
    "我的包落在车上了，师傅说捡到了但不肯还，我已经报警了。",
    # the review named first, then said in advance as a warning
    "差评我可提前说好了：衣服再找不着，每个平台我都给你们打一遍。大衣送来一个礼拜了。",
    "差评我丑话说在前头，明天还不到就给你们写。",
])
def test_the_caller_s_steps_read_as_threats(threat):
    assert_threat(threat)
    assert alerts(threat, None)


def test_a_review_told_as_given_stays_calm():
    calm = "差评我上周已经给过了，后来商家联系我，就没再说什么。"
    assert_calm(calm)
    assert not alerts(calm, None)


def test_a_loss_reported_with_nobody_of_the_company_s_keeping_it_is_the_incident():
    # the incident is read in the call (the earlier context), so only the call-level count is asked
    assert not alerts("我的手机落在车上了，已经报警了，麻烦你们帮我联系一下司机。", None)
