"""Rulebook 2026.11.14 (issue 9, pass cn5 on the fresh1 + fresh2 calls): an apology is due when the
**customer** reports a failure — not for the agent's own status or policy lines, not for an enquiry,
not for a rider or a shop calling; 不好意思 inside a line counts when it takes up the problem, not as
"excuse me"; confirm_need takes restated order requests, 就是 + restatement + tag and a frame checked in
the agent's next line, not a third party's reply quoted back; 指责 / 推诿 / 诱导好评 families. Every
sentence here is our own (none from the labelled call sets)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.analyzers.service_acts import build_detector
from qa_engine.errors import ConfigError
from qa_engine.text import normalize
from tests.analyzers.test_keywords_operators import conv

RULEBOOK = Path(__file__).resolve().parents[2] / "models" / "rulebook.toml"
HELLO = ("A", "您好请问有什么可以帮您")


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


def _apology(analyzer: KeywordAnalyzer, *lines):
    return analyzer.analyze(conv(HELLO, *lines)).items["apology_on_complaint"]


# ------------------------------------------------------------------ apology due: the customer's report only

@pytest.mark.parametrize("lines", [
    # the agent reports the order's progress: no failure of the customer's
    [("C", "我昨天订的蛋糕今天什么时候能到"), ("A", "嗯看了一下商家已经出餐了骑手还没取货"),
     ("A", "大概二十分钟以内能送到"), ("C", "好的谢谢")],
    # the agent states a refund policy
    [("C", "我上周买了一张会员卡"), ("A", "购买三天内没有使用过的会员是可以全额退款的"), ("C", "那行我自己去退")],
])
def test_the_agents_own_status_or_policy_line_makes_no_apology_due(default, lines):
    f = _apology(default, *lines)
    assert f.value is None and "precondition" in (f.na_reason or "")


def test_an_agent_reading_the_customers_report_back_still_makes_it_due(default):
    f = _apology(default, ("C", "嗯"), ("A", "看到您之前反馈过这个汤里面有一只虫子是吗"), ("C", "对"),
                 ("A", "好的这边帮您申请退款"))
    assert f.value == 0.0
    pre = f.detail["preconditions"][0]
    assert pre["anchor"] == "problem_on_record" and pre["mode"] == "model:problem_report.v2"
    assert pre["probability"] >= 0.6


@pytest.mark.parametrize("caller", [
    "喂你好我是配送员我这单顾客一直不接电话",
    "我这边有个单子顾客说少了一份米饭让我补",
])
def test_a_rider_or_a_shop_calling_is_owed_no_apology(default, caller):
    f = _apology(default, ("C", caller), ("A", "好的这边帮您联系一下"), ("C", "行"))
    assert f.value is None and "non_customer_caller" in (f.na_reason or "")


def test_enquiries_are_not_scored_but_a_question_about_a_failure_is():
    options = tomllib.loads(RULEBOOK.read_text(encoding="utf-8"))["detectors"]["problem_report"]
    detector = build_detector("problem_report", options)
    plain = build_detector("problem_report", {"model": options["model"]})
    for line in ["差价能退吗", "退款能退到银行卡吗", "还能退款吗"]:
        text = [normalize(line)]
        assert plain.find(text, [0], ["customer"], 0.55), line  # the model alone reads a failure …
        assert not detector.find(text, [0], ["customer"], 0.0), line  # … an enquiry is not scored
    asked = [normalize("我想问一下退款怎么还没到")]
    assert detector.find(asked, [0], ["customer"], 0.5)


def test_detector_regex_options_are_checked_at_load():
    with pytest.raises(ConfigError, match=r"agent_cues.*bad regex"):
        build_detector("problem_report", {"agent_cues": ["(您"]})
    # the restatement detector's regex list is checked the same way (it raised a bare re.error)
    with pytest.raises(ConfigError, match=r"open_frames.*bad regex"):
        build_detector("restatement", {"tags": ["是吗"], "topics": ["退款"], "open_frames": ["(就是说"]})


# ------------------------------------------------------------------ 不好意思 inside a line

@pytest.mark.parametrize("apology", [
    "嗯不好意思先生那我这边马上联系商家给您补一杯",
    "好的不好意思啊是骑手路上耽搁了这边给您申请补偿",
])
def test_buhaoyisi_that_takes_up_the_problem_is_an_apology(default, apology):
    f = _apology(default, ("C", "我点的奶茶少了一杯还洒了一半"), ("A", apology))
    assert f.value == 1.0
    assert any("不好意思" in (e.text or "") for e in f.evidence)


@pytest.mark.parametrize("excuse", ["嗯不好意思请问是哪一个订单呢", "不好意思您看一下短信里的链接"])
def test_buhaoyisi_before_a_question_or_request_is_excuse_me(default, excuse):
    f = _apology(default, ("C", "我点的奶茶少了一杯还洒了一半"), ("A", excuse), ("A", "好的这边帮您联系商家补送"))
    assert f.value == 0.0


# ------------------------------------------------------------------ confirm_need

def _confirm(analyzer: KeywordAnalyzer, *lines):
    return analyzer.analyze(conv(HELLO, *lines)).items["confirm_need"]


@pytest.mark.parametrize("lines", [
    # a restated request whose object is the order
    [("C", "商家一直不接单我不想要了"), ("A", "那您是要把这个订单取消掉对吗"), ("C", "对")],
    # 就是 + restatement + tag
    [("C", "骑手放在门口就走了还让我点送达"), ("A", "嗯就是配送员让您先点了已送达是吗"), ("C", "对")],
])
def test_restated_requests_and_jiushi_checks_confirm_the_need(default, lines):
    f = _confirm(default, *lines)
    assert f.value == 1.0
    assert f.detail["hits"][0]["group"] == "confirm_need.restated"


def test_a_frame_checked_in_the_next_agent_line_is_cited_with_the_line_that_opened_it(default):
    f = _confirm(default, ("C", "我订的房间到了说没有了"), ("A", "嗯就是说您到了酒店以后"), ("A", "前台说没有房间了是吗"),
                 ("C", "对的"))
    assert f.value == 1.0
    hit = f.detail["hits"][0]
    assert hit["utterance"] == 3 and hit["mode"] == "detector:restatement.v1"
    assert "#2" in hit["phrase"] and "就是说" in hit["phrase"]


@pytest.mark.parametrize("quote", [
    "商家这边的回复是说餐已经做好了没办法取消是吗",
    "骑手那边说您当时电话打不通是吗",
    "商家的回复是说您下单的时候没有备注是吗",
])
def test_a_third_partys_reply_quoted_back_is_no_restatement(default, quote):
    f = _confirm(default, ("C", "我要退款商家不同意"), ("A", quote), ("C", "不是这样的"))
    assert f.value == 0.0


# ------------------------------------------------------------------ 禁语 families

@pytest.mark.parametrize(("rule", "line"), [
    ("forbidden_blame", "那这个是您自己电话没填对骑手联系不上"),
    ("forbidden_dismissive", "嗯我只是个客服这事我也做不了主"),
    ("forbidden_solicit_rating", "稍后会有短信邀请您评价麻烦您回复一非常满意谢谢"),
])
def test_new_forbidden_family_members(default, rule, line):
    f = default.analyze(conv(HELLO, ("C", "骑手送错楼了你们必须给我退全款"), ("A", line))).items[rule]
    assert f.value == 0.0
    assert f.evidence and f.evidence[0].utterance == 2


@pytest.mark.parametrize(("rule", "line"), [
    ("forbidden_blame", "您自己这边电话是填对的我们核实过了"),
    ("forbidden_dismissive", "我是客服小美这边帮您申请退款"),
    ("forbidden_solicit_rating", "麻烦您回复一下小美您还在线吗"),
])
def test_look_alikes_are_clean(default, rule, line):
    f = default.analyze(conv(HELLO, ("C", "骑手送错楼了"), ("A", line))).items[rule]
    assert f.value == 1.0
