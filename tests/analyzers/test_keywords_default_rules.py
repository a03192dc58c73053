"""The shipped rulebook: every rule has a compliant and a non-compliant (or N/A) case."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.conversation import Conversation, Utterance

_SPEAKERS = {"A": "agent", "C": "customer"}


def conv(*lines: tuple) -> Conversation:
    """Lines are (A/C, text[, start]); each turn lasts 2 s, 0.5 s apart unless a start is given."""
    utts, t = [], 0.0
    for spk, text, *rest in lines:
        start = rest[0] if rest else t
        utts.append(Utterance(speaker=_SPEAKERS[spk], start=start, end=start + 2.0, text=text))
        t = start + 2.5
    return Conversation(id="t", utterances=utts)


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


OPEN = ("A", "您好，工号1024为您服务，请问有什么可以帮您？")
CLOSE = [("A", "请问还有什么可以帮您？"), ("C", "没有了"), ("A", "感谢您的来电，再见！")]

CASES = [
    # rule, expected value, conversation
    ("greeting", 1.0, [("A", "您號，這裡是客服中心")]),
    ("greeting", 1.0, [("A", "早上好")]),
    ("greeting", 0.0, [("A", "喂"), ("A", "说吧什么事"), ("A", "您好")]),
    ("greeting", 1.0, [("C", "在吗", 0.0), ("A", "您好，在的", 25.0)]),  # a late chat reply still greets
    ("opening_offer", 1.0, [("A", "您好，请问有什么可以帮您？")]),
    ("opening_offer", 0.0, [("A", "喂，说")]),
    ("self_intro", 1.0, [("A", "您好，公号幺零二四为您服务")]),
    ("self_intro", 1.0, [("A", "您好，我是3078号客服")]),
    ("self_intro", 0.0, [("A", "您好，我是客服小王")]),
    ("self_intro", 0.0, [("A", "您好"), ("C", "查订单"), ("A", "您的订单号20231105")]),
    ("confirm_need", 1.0, [("C", "我要改套餐"), ("A", "您是想把套餐改成58元的对吗"), *CLOSE]),
    ("confirm_need", 0.0, [("C", "我要改套餐"), ("A", "好的已经改了"), *CLOSE]),
    ("confirm_need", 0.0, [OPEN, ("A", "感谢您的来电，再见"), ("A", "我再确认一下")]),
    ("verify_identity", 1.0, [("A", "请您提供一下手机尾号")]),
    ("verify_identity", 1.0, [("A", "麻烦报一下身份证后四位")]),
    ("verify_identity", 0.0, [("A", "好的我帮您查")]),
    ("apology_on_complaint", 1.0, [("C", "你们乱扣费，我要投诉"), ("A", "非常抱歉给您带来不便")]),
    ("apology_on_complaint", 1.0, [("C", "太过分了"), ("A", "对不起，我马上处理")]),
    ("apology_on_complaint", 0.0, [("C", "我要投诉你们"), ("A", "投就投"), ("A", "还有事吗")]),
    ("apology_on_complaint", 0.0, [("A", "抱歉久等"), ("C", "你们什么态度"), ("A", "那你想怎样")]),
    ("apology_on_complaint", None, [("C", "帮我查下话费"), ("A", "好的")]),
    ("empathy", 1.0, [("C", "我都急死了"), ("A", "我非常理解您的心情")]),
    ("empathy", 0.0, [("C", "我很着急"), ("A", "那你等着吧")]),
    ("empathy", None, [("C", "不着急，你慢慢查"), ("A", "好的")]),
    ("hold_notice", 1.0, [("A", "请稍等，我帮您查一下", 0.0), ("A", "查到了", 20.0)]),
    ("hold_notice", None, [("A", "好的", 0.0), ("A", "查到了", 20.0)]),      # dead air: acoustics charges it
    ("hold_notice", 0.0, [("A", "好的", 0.0), ("A", "让您久等了", 20.0)]),  # a hold, not announced
    ("hold_notice", None, [("A", "好的", 0.0), ("A", "查到了", 3.0)]),
    ("hold_notice", 1.0, [("A", "号码多少", 0.0), ("C", "你稍等啊，我找一下", 2.5), ("C", "找到了", 20.0)]),
    ("hold_notice", None, [("C", "等一下我找找，1234", 0.0), ("A", "嗯", 2.5), ("C", "喂？", 20.0)]),  # dead air
    ("hold_thanks", 1.0, [("A", "请稍等", 0.0), ("A", "让您久等了，查到了", 20.0)]),
    ("hold_thanks", 0.0, [("A", "请稍等", 0.0), ("A", "查到了", 20.0)]),
    ("hold_thanks", None, [("A", "好的", 0.0), ("A", "查到了", 3.0)]),
    ("closing_offer_help", 1.0, [OPEN, *CLOSE]),
    ("closing_offer_help", 0.0, [OPEN, ("A", "好的"), ("A", "再见")]),
    ("closing_farewell", 1.0, [OPEN, *CLOSE]),
    ("closing_farewell", 1.0, [OPEN, ("A", "祝您生活愉快")]),
    ("closing_farewell", 0.0, [OPEN, ("A", "再见"), ("A", "好了"), ("A", "嗯"), ("A", "好"), ("A", "请您先挂机")]),
    ("closing_farewell", 1.0, [OPEN, ("C", "喂"), ("A", "好的那就不打扰您了")]),
    ("closing_farewell", 1.0, [OPEN, ("A", "还有其他可以帮助您的吗"), ("A", "好，在见")]),
    ("forbidden_dismissive", 1.0, [("A", "这个我也不知道")]),  # once is not 推诿 (min_hits = 2)
    ("forbidden_dismissive", 0.0, [("A", "这个我也不知道"), ("C", "那怎么办"), ("A", "我不知道")]),
    ("forbidden_dismissive", 0.0, [("A", "这不归我管，你爱找谁找谁")]),
    ("forbidden_dismissive", 1.0, [("A", "不知道您还有其他问题吗")]),
    ("forbidden_dismissive", 1.0, [("A", "不知道有没有帮到您"), ("C", "我也不知道")]),
    ("forbidden_rude", 0.0, [("A", "我已经说过了，你听不懂吗")]),
    ("forbidden_rude", 0.0, [("A", "你烦不烦啊")]),
    ("forbidden_rude", 1.0, [("A", "我再啰嗦一句，记得保存凭证")]),
    ("forbidden_profanity", 0.0, [("A", "滚")]),
    ("forbidden_profanity", 0.0, [("A", "他妈的又是你")]),
    ("forbidden_profanity", 1.0, [("A", "您把页面往下滚动，妈妈的手机号也可以")]),
    ("forbidden_profanity", 1.0, [("A", "好的"), ("C", "他妈的什么破服务")]),  # customer swearing is not the agent's
    ("forbidden_profanity", 1.0, [("A", "床太软一躺下人就会滚到一边")]),  # 滚 = roll (2026.11.7)
    ("forbidden_profanity", 0.0, [("A", "你给我滚到一边去")]),  # …but abuse with another 滚 still counts
    ("forbidden_blame", 0.0, [("A", "那是你自己的问题")]),
    ("forbidden_blame", 0.0, [("A", "谁让你不看说明的")]),
    ("forbidden_blame", 1.0, [("A", "是我们的问题，我来处理")]),
    ("forbidden_promise", 0.0, [("A", "我保证明天到账")]),
    ("forbidden_promise", 0.0, [("A", "百分之百没问题")]),
    ("forbidden_promise", 1.0, [("A", "这个我不能保证，但会尽快"), ("A", "需要交保证金")]),
    ("forbidden_solicit_rating", 0.0, [("A", "待会记得给个好评哦")]),
    ("forbidden_solicit_rating", 1.0, [("A", "稍后请对我的服务进行评价")]),
    # rulebook 2026.11.3: phrase families and their scope (self-made lines, not transcripts)
    ("confirm_need", 1.0, [("C", "饭里有个东西"), ("A", "这个菜里面有异物吗先生"), *CLOSE]),
    ("confirm_need", 1.0, [("C", "客服一直打不进去"), ("A", "在线客服联系不上是吗"), *CLOSE]),
    ("confirm_need", 1.0, [("C", "我要退款加赔偿"), ("A", "咱们不是希望退款加补偿嘛，我先联系商家"), *CLOSE]),
    ("confirm_need", 0.0, [("C", "我要退款"), ("A", "您的诉求是什么呢"), ("C", "退款"), ("A", "好的"), *CLOSE]),
    ("confirm_need", 0.0, [("C", "退款还没到"), ("A", "提交退款了是吧"), *CLOSE]),
    ("forbidden_dismissive", 0.0, [("A", "退款的话我这边只能是建议您与商家联系进行沟通")]),
    ("forbidden_dismissive", 0.0, [("A", "我们客服权限都一致的，您找谁都一样")]),
    ("forbidden_dismissive", 1.0, [("A", "我不知道这个商家有没有给您回电，我帮您查一下")]),
    ("forbidden_dismissive", 1.0, [("A", "就是说您这边去联系商家核实，商家不承认是吗")]),
    ("forbidden_dismissive", 1.0, [("A", "建议您与商家联系的话我这边先帮您记录反馈")]),
    # 2026.11.9: 也是跟您说过了 is a reminder ("as I said"); the dev reviewer flagged none of four such lines
    ("forbidden_rude", 1.0, [("A", "这个也是跟您说过了，只能这样处理")]),
    ("forbidden_rude", 0.0, [("A", "这个都已经跟您说过了，只能这样处理")]),
    ("forbidden_rude", 0.0, [("A", "这个我已经跟您说过了")]),
    ("forbidden_rude", 0.0, [("A", "我们已经多次给您做出回复了")]),
    ("forbidden_rude", 1.0, [("A", "之前也跟您说了如果身体不舒服可以先就医")]),
    ("forbidden_promise", 0.0, [("A", "您放心，我肯定是会帮您办理退款的")]),
    ("forbidden_promise", 0.0, [("A", "这个商家是一定会处罚的")]),
    ("forbidden_promise", 0.0, [("A", "平台会在四十八小时审核通过给您理赔")]),
    ("forbidden_promise", 1.0, [("A", "平台会对商家进行一定的处罚，严重的话会考虑下线")]),
    ("forbidden_promise", 1.0, [("A", "退款的话我无法保证，商家说一定会退款")]),
    ("customer_escalation", 0.0, [("C", "我要打12315投诉你们"), ("A", "好的")]),
    ("customer_escalation", 1.0, [("C", "我不是投诉，就问问"), ("A", "好的")]),
    ("customer_escalation", None, [("A", "您好")]),
]


@pytest.mark.parametrize(("rule_id", "expected", "lines"), CASES,
                         ids=[f"{r}-{i}" for i, (r, _, _) in enumerate(CASES)])
def test_keywords_default_rule(default: KeywordAnalyzer, rule_id: str, expected: float | None,
                               lines: list[tuple]) -> None:
    c = conv(*lines)
    f = default.analyze(c).items[rule_id]
    assert f.value == expected, (f.na_reason, [e.note for e in f.evidence])
    if expected is None:
        assert f.na_reason
    else:
        assert f.evidence, "hits and misses both cite evidence"
    for ev in f.evidence:
        if ev.span is not None:
            s, e = ev.span
            assert c.utterances[ev.utterance].text[s:e] == ev.text


def test_keywords_default_every_rule_has_a_case() -> None:
    ids = {r for r, _, _ in CASES}
    assert ids == set(KeywordAnalyzer().produces)
    for rule_id in ids:
        values = {v for r, v, _ in CASES if r == rule_id}
        assert 1.0 in values and (0.0 in values or None in values), rule_id


def test_keywords_default_flags_rule_metadata(default: KeywordAnalyzer) -> None:
    items = default.analyze(conv(OPEN, *CLOSE)).items
    assert items["forbidden_profanity"].detail["red_line"] is True
    assert items["greeting"].detail["section"] == "opening"
    assert items["customer_escalation"].detail["informational"] is True


def test_keywords_default_polite_call_is_fully_compliant(default: KeywordAnalyzer) -> None:
    c = conv(OPEN, ("C", "我想改一下套餐"), ("A", "好的，先核实一下您的身份，请提供手机尾号"),
             ("C", "5678"), ("A", "您是想改成58元套餐对吗？"), ("C", "对"),
             ("A", "请稍等，我帮您查一下", 13.0), ("A", "感谢您的耐心等待，已经为您改好了", 30.0), *CLOSE[:1],
             ("C", "没有了"), ("A", "感谢您的来电，祝您生活愉快，再见"))
    items = default.analyze(c).items
    values = {k: f.value for k, f in items.items()}
    assert values.pop("apology_on_complaint") is None
    assert values.pop("empathy") is None
    assert set(values.values()) == {1.0}, values
