"""Rulebook 2026.11.17 (issue 9, pass cn8, eval/labels/confirm_calls_pass8_protocol.md): a recording whose first
agent line is plainly mid-conversation (a hold, a line check, an answer or continuation, a word cut before the
centre's name) is a truncated start — greeting to review, not failed — while a whole opening without a greeting still
fails; a customer who hangs up ends the call, so a missing close is charged, not sent to review (GUIDE.md, truncated
end). Every sentence here is our own (none from the labelled call sets)."""

from __future__ import annotations

import tomllib

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.errors import ConfigError
from qa_engine.rulebook import parse_rulebook
from tests.analyzers.test_keywords_operators import conv

PROBLEM = ("C", "我的外卖少送了一杯可乐")


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


def _greeting(analyzer: KeywordAnalyzer, *lines):
    return analyzer.analyze(conv(*lines)).items["greeting"]


# ------------------------------------------------------------------ 1. openings with no script phrase at all

@pytest.mark.parametrize("lines", [
    [("A", "您稍等我马上帮您查一下"), ("A", "是这个炒饭的订单吧")],                  # a hold: something came before
    [("A", "好的您先稍等一下")],
    [("C", "喂"), ("A", "能听到我说话吗"), PROBLEM],                                  # a line check
    [("C", "喂喂"), ("A", "喂可以听得见吗"), PROBLEM],
    [("A", "喂喂喂"), ("C", "喂"), ("A", "嗯我这边帮您看一下")],
    [("A", "先生您还在线吗"), PROBLEM],
    [("A", "对的就是这一单您看一下是不是"), PROBLEM],                                # answers what the transcript lacks
    [("A", "然后这个订单的话商家那边已经同意退了"), PROBLEM],                       # continues it
    [("A", "刚务我是美团客服看到您反馈了一个订单问题"), PROBLEM],                   # a word cut before the centre's name
])
def test_a_first_line_plainly_mid_conversation_is_a_truncated_start(default, lines):
    f = _greeting(default, *lines)
    assert f.value == 0.0 and f.needs_review
    assert "mid-conversation" in f.review_reason or "mid-script" in f.review_reason


@pytest.mark.parametrize("lines", [
    [("C", "喂"), ("A", "喂说吧什么事"), PROBLEM],                                    # whole openings without a greeting
    [("C", "喂喂"), ("A", "喂你说"), PROBLEM],
    [("A", "喂说"), PROBLEM],
    [("A", "喂"), ("A", "你说")],
    [("A", "美团客服请说"), PROBLEM],
    [("A", "喂我是美团客服请讲"), PROBLEM],
    [("A", "说吧什么问题"), PROBLEM],
    [("A", "喂哪位"), PROBLEM],
    [("A", "让您久等了请问什么事"), PROBLEM],                                        # a queue apology opens a call too
    [("A", "嗯"), ("C", "我的可乐没送"), ("A", "稍等我看一下")],                      # a hold after the opening line
])
def test_a_whole_opening_without_a_greeting_is_still_a_missed_greeting(default, lines):
    f = _greeting(default, *lines)
    assert f.value == 0.0 and not f.needs_review


def test_a_greeting_after_a_line_check_passes(default):
    f = _greeting(default, ("A", "可以听到吗"), ("A", "您好请问有什么可以帮您"))
    assert f.value == 1.0


def test_self_intro_is_unknown_on_a_mid_conversation_start_too(default):
    f = default.analyze(conv(("A", "您稍等我帮您看一下"), PROBLEM)).items["self_intro"]
    assert f.value == 0.0 and f.needs_review and "mid-conversation" in f.review_reason


# ------------------------------------------------------------------ 2. a customer who hangs up ends the call

def _close(analyzer: KeywordAnalyzer, *tail):
    c = conv(("A", "您好请问有什么可以帮您"), PROBLEM, ("A", "好的我帮您联系一下商家"), *tail)
    items = analyzer.analyze(c).items
    return items["closing_offer_help"], items["closing_farewell"]


@pytest.mark.parametrize("tail", [
    [("C", "算了我要投诉你我挂了")],
    [("C", "行了不跟你说了挂了")],
    [("C", "那我先挂了")],
    [("C", "我挂电话了啊"), ("A", "嗯")],
    [("C", "你挂了吧我没时间"), ("C", "嗯")],
    [("C", "我不跟你说了")],
])
def test_a_customer_hang_up_ends_the_call_so_a_missing_close_is_charged(default, tail):
    for f in _close(default, *tail):
        assert f.value == 0.0 and not f.needs_review, f.review_reason


@pytest.mark.parametrize("tail", [
    [("C", "好我不挂你去问吧"), ("A", "好的您别挂我马上回来")],         # a hold instruction
    [("C", "我要不要先别挂")],
    [("C", "那我挂了吗")],                                                # a question
    [("C", "我上次打过来他就挂了")],                                      # a past call
    [("C", "你们客服把我电话挂了好几次")],
    [("C", "我挂了之后你们又打过来")],
    [("C", "不跟你说了我找你们领导")],                                    # not where the line ends
    [("C", "我挂了"), ("C", "喂喂你们商家怎么说"), ("C", "喂还在吗")],     # not in the customer's last lines
])
def test_no_hang_up_leaves_a_missing_close_to_review(default, tail):
    for f in _close(default, *tail):
        assert f.value == 0.0 and f.needs_review and "hang-up" in f.review_reason


def test_the_agent_close_is_still_judged_after_a_hang_up(default):
    offer, farewell = _close(default, ("A", "好的祝您生活愉快再见"), ("C", "我挂了"))
    assert farewell.value == 1.0 and offer.value == 0.0 and not offer.needs_review


# ------------------------------------------------------------------ the rule field the close items use

RULES = """
[anchors.close]
description = "agent close"
role = "agent"
window = { last_utterances = 2 }
phrases = ["再见"]

[anchors.gone]
description = "customer gone"
role = "customer"
window = { last_utterances = 1 }
phrases = ["我挂了"]

[[rules]]
id = "offer"
kind = "required"
phrases = ["还有什么"]
window = { last_utterances = 3 }
review_unless_any = ["close", "gone"]
"""


def _book(rules: str = RULES) -> KeywordAnalyzer:
    return KeywordAnalyzer(parse_rulebook(tomllib.loads(f'version = "t"\n{rules}')))


@pytest.mark.parametrize("tail, review", [
    ([("A", "好的再见")], False),          # one end is enough
    ([("C", "我挂了")], False),            # the other one is too
    ([("A", "嗯"), ("C", "嗯")], True),    # neither: the recording may end early
])
def test_review_unless_any_needs_one_of_its_anchors(tail, review):
    f = _book().analyze(conv(("A", "您好"), PROBLEM, *tail)).items["offer"]
    assert f.value == 0.0 and f.needs_review == review
    if review:
        assert "agent close or customer gone" in f.review_reason


def test_review_unless_any_names_an_unknown_anchor():
    with pytest.raises(ConfigError, match="nowhere"):
        _book(RULES.replace('["close", "gone"]', '["close", "nowhere"]'))
