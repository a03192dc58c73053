"""Hundred-and-first pass (``THREAT_PASSES.md`` "Hundred-and-first pass"), **in-sample**: the rule errors of fresh200 …
fresh207's first reading and one rule miss there that only the call model caught.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, kept_from_the_vetoes


def test_the_version_is_rules_101_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 101


@pytest.mark.parametrize("calm", [
    # the complaint not to be registered
    "不用不用 投诉就不用登记了 挖断了也不是你们故意的 那个 你就帮我盯着点",
    "投诉就不用记录了，修好就行。",
    # 是 … 的 telling how someone else did it, after their words
    "我同事说她以前碰到这种事，是直接去银保监会投诉的，我觉得没必要闹那么大，先问问你们这边怎么处理。",
    # the first half of an alternative question over a comma
    "想问一下，如果老人觉得网点服务有问题，一般走什么流程，是打你们这个电话投诉，还是可以直接找网点负责人？",
    # the department asked, with the place before 哪个
    "我想问一下，病人要是对医生的服务有意见，一般是找医院哪个部门投诉？流程是什么样的？",
    # a review judged unfair
    "他人挺好的，第二趟是下了班专门过来的，也没多收钱，我觉得给他差评不太公平。",
])
def test_calm_roles_read_calm(calm):
    assert_calm(calm)
    assert not alerts(calm, None)


@pytest.mark.parametrize("threat", [
    "给我接你们总部，我跟站里说了三回都没用。我的交通卡进站扣了两次钱，出站又扣了一次。",
    "光猫换了有啥用 是线路的事 你处理不了 俺就直接打你们总部 让他们派人来",
    "你们再不管，我到底该找哪个部门投诉？我一定要投诉你们",
])
def test_the_caller_s_steps_read_as_threats(threat):
    assert_threat(threat)
    assert alerts(threat, None)


@pytest.mark.parametrize("text, category", [
    ("喂 我那个外卖啊 下单的时后说四十分钟 结果送了一个半小时 这家店我保证给他差评", "review"),
    ("一二三一五我是会打的，先跟你说一声。单号是***。", "hotline"),
])
def test_firm_intentions_are_kept_from_the_vetoes(text, category):
    kept = kept_from_the_vetoes(text, category)
    assert kept and all(kept)


def test_a_superior_s_address_asked_is_no_call():
    assert not alerts("你们总部的地址在哪，打你们总部的地址在哪能查到", None)
