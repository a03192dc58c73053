"""The open fresh24/25 errors (escalation-rules-15): the errors of ``fresh24_test`` / ``fresh25_test`` (scored once
long ago, in-sample since), each fixed by its family (model card "Open fresh24/25 errors fixed (in-sample)").

Threat families (missed before):
1. Slang and pinyin of 投诉 with an object: 去黑猫ts他们, 我就tousu他 (the ASR homophone 头诉 is read as 投诉 since the
   fifteenth pass; its sentence stays here as a check).
2. Evidence sent up to headquarters or a superior: 聊天记录我都寄给你们总部.
3. The matter made public in one's own content: 把你们…的事发出来.
4. A live stream the call is on: 我开着直播, 直播间…人看着.
5. A rhetorical "what if I post it": 你说我要是把…发到网上.
6. A review promised with 一定: 我一定给差评.

Calm families (alerting before):
7. A step declared not worth it: 犯不着 / 用不着 / 没必要 + the step.
8. The customer (or their content) being reported: 被人举报.
9. A bank, a bus route: 工商银行, 315路.
10. One's own superior or an item for them: 找领导喜欢的, 找上级批预算.
11. Headquarters as a place to visit or an address: 去你们总部参观, 寄到你们总部旁边.
12. Content released (预告片曝光), someone else on the hot search (那个演员又上热搜了).
13. The app's complaint feature named (投诉建议入口).
14. English in a Chinese call: another person complains (我男朋友老 complain), an earlier complaint already settled.

15. A threat carried by confirming the agent's restatement of it (客服: 您是说…就去找消协，对吗 / 客户: 对): the
    restated words read as the customer's own by the same rules; a rule-only hit on the confirming line.

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, scan_text
from tests.analyzers.threat_probes import assert_threat, reasons as _reasons


def test_the_version_is_rules_15_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 15


@pytest.mark.parametrize("text", [
    # 1. slang, pinyin, homophone
    "退款拖了一个礼拜，我要去黑猫ts他们",
    "再不发货我就tousu商家",
    "这个司机态度太差了，我要头诉他",
    # 2. evidence to headquarters
    "聊天记录我都截图了，截图我会发给你们总部",
    "证据我已经整理好了，明天就把材料寄到你们总公司",
    # 3. made public in one's own content
    "我回头拍个视频，把你们乱收费的事发到网上",
    "我要把你们虚假宣传的事情全都曝出来",
    # 4. a live stream
    "我这边开着直播，你说话注意点",
    "直播间好多网友都看着，你们怎么说",
    # 5. rhetorical posting
    "你说我要是把聊天记录发到网上，你们还卖得出去吗",
    # 6. review with 一定
    "这种服务我一定给你们差评",
    "这家我一定给商家负评",
])
def test_the_open_fresh24_25_threat_families_count(text):
    assert_threat(text)


@pytest.mark.parametrize("text", [
    # 7. not worth it
    "一个小划痕，用不着去找消协",
    "为这点钱犯不上打12345",
    # 8. being reported
    "我的账号被别人恶意举报了，能帮我解封吗",
    "我的直播被举报了，我想申诉",
    # 9. bank, bus route
    "退款请退到我的工商银行卡上",
    "我去315路站台等了半小时车都没来",
    # 10. own superior, an item for them
    "帮我找找领导爱喝的那种铁观音",
    "我得找领导审一下报价再下单",
    # 11. headquarters as a place
    "我们公司下个月想去你们总部学习交流一下",
    "麻烦把发票邮寄一份到你们总部隔壁那栋楼",
    # 12. released content, someone else trending
    "新款手机的外观已经曝光了，什么时候开卖",
    "那个演员又上热搜了，他代言的这款还有货吗",
    # 13. the app's feature
    "你们小程序的投诉入口打不开了，我只是想改一下地址",
    # 14. English: another person (with 老, 'always'), an earlier complaint settled
    "我男朋友老 complain 我乱花钱，这次买个便宜的",
    "上个月那个 complaint 你们都处理好了，我想问下积分",
])
def test_the_open_fresh24_25_calm_families_do_not_count(text):
    assert "threat" not in _reasons(text), scan_text(text)


@pytest.mark.parametrize("text", [
    # guards: the same words as real threats still count
    "我要去你们总部讨说法",
    "不给我退我就去你们总部",
    "我要在直播间曝光你们",
    "我要打12315",
    "不处理我就打12345",
    "我要举报你们",
    "我要找你们领导",
    "叫你们上级来跟我说",
    "我要把你们曝光",
    "我要投诉",
    "你们不处理我就在App里投诉你们",
    "I will complain to your manager",
    "我一定要 complain 你们",
    "我要去工商局告你们",
    "不给说法我就发到网上让大家看看",
    "我要给你们差评",
])
def test_real_threats_in_the_same_words_still_count(text):
    assert_threat(text)


@pytest.mark.parametrize("text", [
    # guards: the new threat cues stay out of calm uses
    "我回头诉苦也没人听",
    "用TS这个格式导出的视频打不开",
    "我在直播间买的衣服尺码不对",
    "我开直播的时候网络老是断",
    "一定要给好评哦",
    "我把发票寄到你们总部财务那边报销",
])
def test_the_new_threat_cues_stay_out_of_calm_uses(text):
    assert "threat" not in _reasons(text), scan_text(text)


# The cues of this pass are rule-only (``RULE_ONLY_PATTERNS``): the second opinion, trained before them, neither
# scores, vetoes nor adds them, and its training rows leave them out.

def _call(*customer: str):
    from qa_engine.conversation import Conversation

    turns = []
    for text in customer:
        turns += [("agent", "您好，请问有什么可以帮您"), ("customer", text)]
    return Conversation(id="c", utterances=[{"speaker": s, "start": 2.0 * i, "end": 2.0 * i + 1.5, "text": t}
                                            for i, (s, t) in enumerate(turns)])


def _fixed(p: float):
    from dataclasses import dataclass

    from qa_engine.analyzers._escalation_opinion import SecondOpinion

    @dataclass(frozen=True)
    class Fixed(SecondOpinion):
        def probabilities(self, texts: list[str]) -> list[float]:
            return [p] * len(texts)

    return Fixed(veto_below=0.30, add_above=0.90)


def test_a_rule_only_cue_is_never_vetoed_and_carries_no_model():
    from qa_engine.analyzers.escalation import detect_threats

    hits = detect_threats(_call("我现在开着直播，你们看着办"), _fixed(0.01))
    live = [h for h in hits if h.cue == "开着直播"]
    assert live and live[0].rule_only and live[0].threat and live[0].model is None and live[0].probability is None


def test_a_set_aside_rule_only_cue_is_never_added_by_the_model():
    from qa_engine.analyzers.escalation import detect_threats

    hits = detect_threats(_call("我不会去tousu他们的，放心"), _fixed(0.99))
    assert [h.threat for h in hits if h.rule_only] == [False]


def test_ordinary_cues_beside_a_rule_only_one_are_still_judged():
    from qa_engine.analyzers.escalation import detect_threats

    hits = detect_threats(_call("我开着直播呢，我要投诉你们"), _fixed(0.5))
    ordinary = [h for h in hits if not h.rule_only]
    assert ordinary and all(h.probability == 0.5 for h in ordinary)


def test_a_rule_only_cue_never_displaces_an_ordinary_candidate():
    # 把你们的事发到网上: the ordinary 发到网上 stays the candidate the model was trained on
    hits = scan_text("再不处理我就把你们的事发到网上")
    assert [(h.cue, h.rule_only, h.threat) for h in hits] == [("发到网上", False, True)]


def test_the_opinion_training_leaves_rule_only_cues_out():
    from training.complaint_threat_opinion import current_hits

    calls = [{"id": "x", "threat": 1, "group": "g", "turns": [["A", "您好"], ["C", "我开着直播，你们看着办"]]}]
    assert current_hits(calls) == {"x": []}
    assert scan_text("我开着直播，你们看着办")[0].rule_only


def _turns(*turns: tuple[str, str]):
    from qa_engine.conversation import Conversation

    return Conversation(id="c", utterances=[{"speaker": "agent" if w == "A" else "customer", "start": 2.0 * i,
                                             "end": 2.0 * i + 1.5, "text": t} for i, (w, t) in enumerate(turns)])


@pytest.mark.parametrize("restated", [
    "您是说如果周五前不退款，您就去找消协，对吗",
    "我确认一下，您的意思是要投诉这位师傅，是吗",
    "您的意思是不给您换货的话您就起诉我们，对吧",
])
def test_a_confirmed_restatement_of_a_threat_counts(restated):
    from qa_engine.analyzers.escalation import detect_threats

    hits = detect_threats(_turns(("A", "您好"), ("C", "洗衣机漏水三次了"), ("A", restated), ("C", "对，你记下来")), None)
    assert [(h.utterance, h.threat, h.rule_only) for h in hits] == [(3, True, True)], hits
    assert "确认客服复述" in hits[0].sentence


@pytest.mark.parametrize("turns", [
    # the restatement holds no threat, or a negated one
    [("A", "您是说暂时不打算投诉，只想查一下进度，对吗"), ("C", "对的")],
    [("A", "您的意思是要我们给您开发票，对吗"), ("C", "对")],
    # not a confirmation, or the restatement is not right before it
    [("A", "您是说要去找消协，对吗"), ("C", "不是，我是想问问退款")],
    [("A", "您是说要去找消协，对吗"), ("C", "嗯"), ("A", "好的，还有别的问题吗"), ("C", "对，没有了")],
    # the agent's own offer, not a restatement of the customer's words
    [("A", "您可以拨打12315反映，对吗"), ("C", "对")],
])
def test_no_threat_without_a_restated_threat_confirmed(turns):
    from qa_engine.analyzers.escalation import detect_threats

    hits = detect_threats(_turns(("A", "您好"), ("C", "我想问个事"), *turns), None)
    assert not any(h.threat for h in hits), hits
