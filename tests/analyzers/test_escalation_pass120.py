"""Hundred-and-twentieth pass (``THREAT_PASSES.md`` "Hundred-and-twentieth pass"), **in-sample**: the rule errors of fresh344
… fresh351's first reading (the first sets read on rules-119), and a hotline threat there that only the call model found.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

from qa_engine.analyzers.escalation import VERSION
from qa_engine.conversation import Conversation
from tests.analyzers.threat_probes import alerts, assert_threat, counts_threat


def test_the_version_is_rules_120_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 120


def test_a_rhetorical_you_tell_me_after_the_step_keeps_it_the_caller_s():
    text = "你们今天给我处理不了我就打幺二三幺五 你说这药谁还敢吃啊 我孩子还发着烧等着吃呢"
    assert_threat(text)
    assert alerts(text, None)


def test_a_clerk_s_dare_told_after_a_time_clause_is_their_words():
    assert not alerts("还车时店员说车门划痕是我弄的，还说你爱去哪投诉就去哪投诉。我取车时拍了照。", None)
    assert not alerts("取件的时候快递员说我瞎说，还说你随便投诉。", None)


def test_the_agent_s_offer_declined_then_asked_back_is_no_step():
    assert not alerts("不用不用 登记啥投诉 都是邻居 你们去跟他家说一声把水管修修就得了", None)


def _call(agent: str, customer: str) -> Conversation:
    return Conversation(id="p120", utterances=[{"speaker": "agent", "text": "您好，请问有什么可以帮您？"},
                                               {"speaker": "customer", "text": "车棚里的电动车被偷了，你们得赔。"},
                                               {"speaker": "agent", "text": agent},
                                               {"speaker": "customer", "text": customer}])


def test_the_title_the_agent_named_to_act_asked_for_again_is_the_arrangement_accepted():
    accepted = _call("您的赔偿诉求我这边记录下来 项目负责人会在三个工作日内联系您协商",
                     "行 那我等三天 你让负责人带个方案来 大家商量着来就好")
    assert not counts_threat(accepted, None)
    # with no such arrangement, asking for the person in charge stays a demand for a superior
    demanded = _call("您的赔偿诉求我这边记录下来", "不行，你让负责人来跟我说")
    assert counts_threat(demanded, None)
