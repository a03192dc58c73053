"""confirm_need 2026.11.11: what the chat round (eval/labels/confirm_chats_protocol.md) added and guarded.

Hand-made probes of each family (not evidence of accuracy: the labelled chats are)."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from tests.analyzers.confirm_probes import confirm


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


@pytest.mark.parametrize(("customer", "agent"), [
    ("我吃完后一直吐", "亲亲是身体不舒服吗"),                 # the harm named in other words, checked
    ("想吐 我也不知道咋回事", "亲亲，是食用后身体不适吗？"),     # punctuation after the question
    ("刚才我吃了店家的刀削面和鸡翅过敏了", "亲 是食用后过敏么"),
    ("这个有法吃？ 超级差评", "有异味是吗"),
    ("你们弄早餐能弄卫生点？", "亲亲，您这边是想反馈商家卫生问题吗"),  # 您这边 = 您
])
def test_confirm_need_finds_checks_of_the_reported_harm(default, customer, agent):
    f = confirm(default, ("C", customer), ("A", agent))
    assert f.value == 1.0
    (ev,) = [e for e in f.evidence if e.text]
    # the wish put to the customer (您这边是想…吗) is its own group since 2026.11.29 (`wish`)
    assert ev.utterance == 2 and ev.note.startswith(("confirm_need.restated", "confirm_need.wish"))


@pytest.mark.parametrize(("customer", "agent"), [
    ("转人工客服", "您是想咨询以下问题么~"),                          # a menu of topics
    ("转人工客服", "请问您是想咨询当前订单的配送进度相关问题吗？"),      # asking which topic
    ("没有", "上一坐席未跟您确认诉求吗"),                             # whether someone else confirmed
    ("食用后身体不舒服", "您现在身体好些了吗"),                        # how the customer is now
    ("吃完拉肚子", "有还有什么身体上的不适吗"),                        # an open question
    ("能不能投诉的", "小美这边可以记录投诉的"),                        # the agent announces its own step
    ("退款吧", "这商家看一下能否退款;"),
    # LABELLING.md false hits stay misses
    ("饭里有头发", "我明白您的意思"),
    ("饭里有头发", "我帮您核实一下"),
    ("饭里有头发", "亲亲，请问是这个订单吗？"),
    ("饭里有头发", "请问您的下单手机号可以联系到您是吗"),
])
def test_confirm_need_ignores_questions_that_restate_nothing(default, customer, agent):
    f = confirm(default, ("C", customer), ("A", agent))
    assert f.value == 0.0, f.evidence
