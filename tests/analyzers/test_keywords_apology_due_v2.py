"""Rulebook 2026.11.13 (issue 9, pass cn4 on the fresh1 dev calls): an apology is due for failures
outside food (non-delivery, wrong charges, refused refunds, ride / rental billing) — decided by
``problem_report.v2``, not a trigger-word list — and not for a plain enquiry; a line-final
不好意思 is an apology, a hold apology still is not; the agent's own offer or a third party's
"already done" is not a restatement; insults (神经病) are 辱骂. Sentences are our own."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.analyzers.service_acts import build_detector
from qa_engine.errors import ConfigError
from tests.analyzers.test_keywords_operators import conv


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


# ------------------------------------------------------------------ apology due: what the customer reports

@pytest.mark.parametrize(("lines", "expected"), [
    # non-delivery, apologised for
    ([("A", "您好请问有什么可以帮您"), ("C", "软件上写着已经送达了可我连个袋子都没看见"),
      ("A", "非常抱歉给您带来不便我马上帮您联系配送员")], 1.0),
    # a ride still billed after parking, no apology: due and missing
    ([("A", "您好请问有什么可以帮您"), ("C", "我骑完车都锁上半小时了手机上还在走钱"),
      ("A", "好的这边帮您把行程结束掉")], 0.0),
    # a refund the merchant turned down, apologised for
    ([("A", "您好请问有什么可以帮您"), ("C", "我提交的退款被店家驳回了"),
      ("A", "实在不好意思这边帮您申请平台介入")], 1.0),
    # a double charge; the only apology is for the wait: due and missing
    ([("A", "您好请问有什么可以帮您"), ("C", "同一笔早餐的钱给我扣了两回"),
      ("A", "您稍等我查一下"), ("A", "抱歉让您久等了这边查到确实扣了两次会给您退一笔")], 0.0),
])
def test_apology_due_for_failures_outside_food(default, lines, expected):
    f = default.analyze(conv(*lines)).items["apology_on_complaint"]
    assert f.value == expected
    pre = f.detail["preconditions"][0]
    assert pre["mode"] == "model:problem_report.v2" and 0.5 <= pre["probability"] <= 1.0


def test_a_plain_enquiry_needs_no_apology(default):
    c = conv(("A", "您好请问有什么可以帮您"), ("C", "我想咨询一下住宿的发票怎么申请"),
             ("A", "您在订单详情里点申请发票就可以"), ("C", "那它是发邮箱还是寄过来"),
             ("A", "是电子的会发到您的邮箱"), ("C", "好的明白了"))
    f = default.analyze(c).items["apology_on_complaint"]
    assert f.value is None and "precondition" in (f.na_reason or "")


def test_a_line_final_buhaoyisi_is_an_apology_but_excuse_me_is_not(default):
    problem = [("A", "您好请问有什么可以帮您"), ("C", "景区说我的预约没有记录进不去")]
    said = default.analyze(conv(*problem, ("A", "嗯这个是平台的规定不好意思先生"))).items["apology_on_complaint"]
    assert said.value == 1.0 and any("不好意思" in (e.text or "") for e in said.evidence)
    excuse = default.analyze(conv(*problem, ("A", "不好意思先生我这边给您发一条短信您查收一下")))
    assert excuse.items["apology_on_complaint"].value == 0.0


def test_problem_report_model_is_chosen_by_version_and_v1_stays_the_default():
    assert build_detector("problem_report", {}).version == "problem_report.v1"
    assert build_detector("problem_report", {"model": "problem_report.v2"}).version == "problem_report.v2"
    with pytest.raises(ConfigError, match="model"):
        build_detector("problem_report", {"model": "problem_report.v9"})


# ------------------------------------------------------------------ confirm_need: not a restatement

@pytest.mark.parametrize(("lines", "expected"), [
    # the agent's own offer repeats the customer's word (赔付): not a check of the need
    ([("A", "您好"), ("C", "东西坏了我要求赔付"), ("A", "那我给您申请赔付")], 0.0),
    # what the merchant says is done, checked: news, not the customer's need
    ([("A", "您好"), ("C", "我想问下钱到哪了"), ("A", "这边看到商家回复说已经退款了对吗")], 0.0),
    # a restatement of the customer's problem still counts
    ([("A", "您好"), ("C", "我申请退钱商家不给退"), ("A", "就是说您的退款被商家拒绝了是吗")], 1.0),
])
def test_offers_and_third_party_status_are_not_restatements(default, lines, expected):
    assert default.analyze(conv(*lines)).items["confirm_need"].value == expected


# ------------------------------------------------------------------ 禁语: insults are 辱骂

@pytest.mark.parametrize("line", ["你是不是神经病啊好好说话", "你有病吧跟我吼什么", "你这个白痴听不明白吗"])
def test_insults_by_the_agent_are_profanity_not_impatience(default, line):
    items = default.analyze(conv(("A", "您好"), ("C", "我要投诉"), ("A", line))).items
    assert items["forbidden_profanity"].value == 0.0
    assert items["forbidden_rude"].value == 1.0 or "吼什么" in line  # 吼什么 is impatience on its own


def test_the_customers_insult_is_not_the_agents(default):
    items = default.analyze(conv(("A", "您好"), ("C", "你们客服是神经病吧"), ("A", "非常抱歉"))).items
    assert items["forbidden_profanity"].value == 1.0
