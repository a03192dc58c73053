"""Rulebook 2026.11.16 (issue 9, pass cn7, eval/labels/confirm_calls_pass7_protocol.md): the items the last
closing note left open, each decided by LABELLING.md — not every 还没 asks about a failure (an order cancelled
before it is taken, the customer's own state); sending the customer to the merchant after they asked how to reach
it answers the question (no 推诿); an opening of the centre's name and 请说 alone is a missed greeting, while the
script after a greeting, stuttered or cut, is a truncated start; the customer's own lost phone is no failure.
Every sentence here is our own (none from the labelled call sets)."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.analyzers.service_acts import ProblemReport, ProblemReportOptions
from qa_engine.text import normalize
from tests.analyzers.test_keywords_operators import conv

HELLO = ("A", "您好请问有什么可以帮您")


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


@pytest.fixture(scope="module")
def detector(default) -> ProblemReport:
    return default.compiled.detectors["problem_report"]


def _item(analyzer: KeywordAnalyzer, item: str, *lines, hello=HELLO):
    return analyzer.analyze(conv(*((hello,) if hello else ()), *lines)).items[item]


def _scored(detector: ProblemReport, *lines) -> list[int]:
    """Which lines the detector reads at all (at probability 0 every line it reads is a hit): the gate alone,
    whatever the model would say."""
    texts = [normalize(t) for _, t in lines]
    roles = ["agent" if s == "A" else "customer" for s, _ in lines]
    return [h.utterance for h in detector.find(texts, list(range(len(texts))), roles, 0.0)]


# ------------------------------------------------------------------ 1. not every 还没 asks about a failure

@pytest.mark.parametrize("line", [
    "你好我刚点了一份麻辣烫可以取消吗店里还没接单",      # a state the customer wants: the cancel is still possible
    "喂我下错了一单帮我取消一下吧还没发货",
    "你好我刚才下了一单奶茶想取消掉点错了",              # the customer's own reason
    "我那个订单帮我取消掉吧我不想要了",
    "你好我那个预订单能改到七点吗我六点半还没下班",      # a change for the customer's own state
])
def test_an_enquiry_about_a_wanted_or_own_state_is_not_read(detector, line):
    assert _scored(detector, ("A", "您好"), ("C", line)) == []


@pytest.mark.parametrize("line", [
    "我想问一下退款怎么还没到账都一个星期了",           # what the service owes, still not there
    "你好我想问一下那个押金还没退回来",
    "我想咨询一下我买的东西三天了还没发货能取消吗",     # a wanted state the customer has waited for
    "我等了四十分钟还没出餐能不能帮我取消",
    "我想问一下为什么我的订单取消了钱还没收到",
])
def test_an_enquiry_about_what_the_service_owes_is_still_read(detector, line):
    assert _scored(detector, ("A", "您好"), ("C", line)) == [1]


def test_a_call_opened_by_cancelling_an_order_not_yet_taken_makes_no_apology_due(default):
    f = _item(default, "apology_on_complaint",
              ("C", "喂你好我刚点了一份麻辣烫可以取消吗店里还没接单"),
              ("A", "店里还没接单的话您在订单页面直接点取消就可以了"),
              ("C", "哦我点了现在显示退款中"), ("A", "对的钱会原路退回"))
    assert f.value is None and "precondition" in (f.na_reason or "")


def test_a_cancellation_for_the_customers_own_reason_makes_no_apology_due(default):
    f = _item(default, "apology_on_complaint", ("C", "你好我刚才下了一单奶茶想取消掉点错了"),
              ("A", "您是要把这单奶茶取消是吗"), ("C", "对"), ("A", "好的已经帮您取消了"))
    assert f.value is None


def test_a_cancelled_order_whose_refund_never_came_still_makes_it_due(default):
    f = _item(default, "apology_on_complaint",
              ("C", "喂你好我刚点了一份麻辣烫可以取消吗店里还没接单"),
              ("A", "店里还没接单的话您在订单页面直接点取消就可以了"),
              ("C", "我上周就取消了钱一直没退回来你们怎么回事"), ("A", "好的我帮您查一下"))
    assert f.value == 0.0


def test_a_wait_before_the_cancel_keeps_the_call_a_complaint(detector):
    texts = [normalize(t) for t in ("您好", "我等了一个小时还没接单能取消吗", "好的")]
    assert not detector._enquiry_call(texts, ["agent", "customer", "agent"], 0.5)
    texts[1] = normalize("我刚下的单能取消吗商家还没接单")
    assert detector._enquiry_call(texts, ["agent", "customer", "agent"], 0.5)


def test_sure_enquiry_openings_are_off_by_default_and_checked():
    plain = ProblemReport(ProblemReportOptions(model="problem_report.v2"))
    texts = ["您好", "能取消吗还没接单", "显示退款中"]
    assert not plain._enquiry_call(texts, ["agent", "customer", "customer"], 0.5)
    with pytest.raises(ValueError, match="bad regex"):
        ProblemReportOptions(sure_enquiry_openings=["(取消"])


# ------------------------------------------------------------------ 2. answering how to reach the merchant

def test_sending_the_customer_to_the_merchant_after_they_asked_how_is_no_push_off(default):
    f = _item(default, "forbidden_dismissive", ("C", "你好我想问一下怎么跟商家联系我想让他少放点辣"),
              ("A", "您可以在订单页面点联系商家"), ("C", "哦找到了"), ("A", "对的您直接跟商家说一下就可以了"))
    assert f.value == 1.0


@pytest.mark.parametrize("question", ["商家的电话是多少啊", "我能自己跟商家说一下吗", "那我怎么联系上这个店家呢"])
def test_other_how_to_reach_questions_are_answered_too(default, question):
    f = _item(default, "forbidden_dismissive", ("C", question), ("A", "您直接跟商家联系就可以了"))
    assert f.value == 1.0


def test_the_same_words_when_the_customer_asked_the_platform_to_act_stay_push_off(default):
    f = _item(default, "forbidden_dismissive", ("C", "商家不给我退款你们帮我处理一下"),
              ("A", "这个只能您自己去联系商家"))
    assert f.value == 0.0
    assert f.evidence[0].utterance == 2


def test_a_push_off_before_the_question_still_counts(default):
    f = _item(default, "forbidden_dismissive", ("C", "汤洒了一半你们给我处理一下"), ("A", "建议您自行联系商家处理"),
              ("C", "那我怎么联系商家啊"), ("A", "订单页面有联系商家"))
    assert f.value == 0.0
    assert f.evidence[0].utterance == 2


def test_a_refusal_after_the_question_still_counts(default):
    f = _item(default, "forbidden_dismissive", ("C", "商家电话是多少"), ("A", "订单页面可以看到"),
              ("C", "打了没人接你们能不能帮我催一下"), ("A", "这个我们也是没有办法的"))
    assert f.value == 0.0


def test_not_wanting_to_contact_the_merchant_is_no_question(default):
    f = _item(default, "forbidden_dismissive", ("C", "我现在不想联系商家了你们处理吧"), ("A", "建议您自行联系商家处理"))
    assert f.value == 0.0


# ------------------------------------------------------------------ 3. openings without 您好

@pytest.mark.parametrize("opening", ["美团客服请说", "这里是美团外卖请讲", "美团外卖客服您请说"])
def test_the_centres_name_and_please_speak_alone_is_a_missed_greeting(default, opening):
    f = _item(default, "greeting", ("A", opening), ("C", "我的外卖少送了一杯可乐"), ("A", "好的"), hello=None)
    assert f.value == 0.0 and not f.needs_review


@pytest.mark.parametrize("opening", [
    "很高很高兴为你服务请问有什么可以帮您",      # stuttered
    "务请问有什么可以帮您",                      # cut inside 服务
    "美美团外卖客服请问有什么可以帮您",          # the name stuttered before the script
    "那个美团单车客服请问有什么可以帮你",
])
def test_the_script_after_a_greeting_stuttered_or_cut_is_a_truncated_start(default, opening):
    f = _item(default, "greeting", ("A", opening), ("C", "我的外卖少送了一杯可乐"), ("A", "好的"), hello=None)
    assert f.value == 0.0 and f.needs_review and "mid-script" in f.review_reason


def test_a_greeting_said_anyway_passes(default):
    f = _item(default, "greeting", ("A", "美团客服您好请说"), ("C", "我想问一下"), hello=None)
    assert f.value == 1.0


# ------------------------------------------------------------------ 4. the customer's own lost phone

@pytest.mark.parametrize("line", ["你好我刚才坐车把手机落在车上了", "喂我的手机丢了想问一下账号怎么冻结",
                                  "我打车的时候把钱包忘在后座了"])
def test_the_customers_own_loss_is_not_read_as_a_failure(detector, line):
    assert _scored(detector, ("A", "您好"), ("C", line)) == []


def test_a_driver_who_will_not_give_it_back_still_makes_an_apology_due(default):
    f = _item(default, "apology_on_complaint", ("C", "我把手机落在车上了"), ("A", "好的"),
              ("C", "司机接了电话说没看到然后就挂了再打就不接了太过分了"), ("A", "好的我帮您联系"))
    assert f.value == 0.0


def test_a_rider_who_lost_the_order_is_still_a_failure(detector):
    assert _scored(detector, ("A", "您好"), ("C", "骑手把我的外卖弄丢了到现在都没送来")) == [1]


# ------------------------------------------------------------------ 5. closing and rating phrasings LABELLING.md names

def test_anything_else_asked_as_other_matters_is_a_closing_offer(default):
    f = _item(default, "closing_offer_help", ("C", "我的单子少了一瓶水"), ("A", "好的已经给您补发了您看还有别的事情吗"),
              ("C", "没有了"), ("A", "好的再见"))
    assert f.value == 1.0


def test_thanks_for_calling_closes_the_call_so_a_missing_offer_is_charged(default):
    f = _item(default, "closing_offer_help", ("C", "骑手怎么还没到"), ("A", "骑手还有一公里"),
              ("C", "那行吧"), ("A", "好的谢谢来电"))
    assert f.value == 0.0 and not f.needs_review


@pytest.mark.parametrize("line", ["稍后会有短信麻烦您回复一就是非常满意", "待会儿短信您回复1代表满意就可以了"])
def test_reply_one_naming_the_top_score_solicits_a_rating(default, line):
    assert _item(default, "forbidden_solicit_rating", ("C", "好的"), ("A", line)).value == 0.0


def test_a_neutral_request_to_reply_still_does_not(default):
    assert _item(default, "forbidden_solicit_rating", ("C", "好的"),
                 ("A", "稍后会有一条短信请您对本次服务做个评价")).value == 1.0


def test_the_agents_own_remedy_checked_with_a_tag_is_no_confirmation_of_the_need(default):
    f = _item(default, "confirm_need", ("C", "我点的烤鸭送来全凉了"), ("A", "好的我联系一下商家"),
              ("A", "商家同意赔您十五块钱那就是给您赔十五块钱对吧"), ("C", "嗯行吧"))
    assert f.value == 0.0
    g = _item(default, "confirm_need", ("C", "我点的烤鸭送来全凉了"), ("A", "就是说烤鸭送来已经凉了对吧"),
              ("C", "对"))
    assert g.value == 1.0
