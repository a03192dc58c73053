"""Fourteenth pass (escalation-rules-13): fresh31_dev's errors of the threat detector (one missed threat,
five calm alerts with the rules alone, four under the default), each fixed by its family (model card
"Fourteenth pass").

1. A softened, negated step taken up again with no cue of its own (我也不想闹到消协去，但是…我就只能去了) counts.
2. The news as the source of what is told (新闻上看到说…被公安查了, 看新闻说…被曝光) is reported, like 听说.
3. 举报 another user's account or another user (想举报他这个账号, 举报这个买家) is a step against that user.
4. A step inside a story, a case or a video told about others (讲了一个消费者去12315投诉的案例) is a mention.
5. A lawsuit with a party other than the company (我朋友跟房东打官司, 我表哥跟人打官司) and the court's order to a
   third person (法院让他…) are mentions of someone else's case.

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh31.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, scan_text
from tests.analyzers.threat_probes import assert_calm, assert_threat, reasons as _reasons


def test_the_version_is_rules_13_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 13


@pytest.mark.parametrize("text", [
    "我也不想找律师，但是你们一直逼我，我就只好这么做了",
    "我真的不想去消协 可是你们这样拖着 那我也只能去了",
    "说实话我不想去工商局，不过你们再不退，我就不得不去了",
])
def test_a_softened_step_taken_up_again_counts(text):
    assert_threat(text)


@pytest.mark.parametrize("text", [
    "我不想去消协，但是你们得给我个说法",
    "我不会投诉的，但是希望你们改进",
])
def test_a_negated_step_without_taking_it_up_stays_negated(text):
    assert_calm(text)


@pytest.mark.parametrize("text", [
    "新闻里说有家健身房被市场监管局罚了，你们不会也这样吧",
    "我昨天刷到一条新闻说有个培训机构被曝光了，是你们吗",
    "看新闻讲有人打12315把一家店告了，我就问问你们是不是正规的",
])
def test_the_news_as_a_source_is_reported(text):
    assert_calm(text)


@pytest.mark.parametrize("text", [
    "看了新闻我也要去12315投诉你们",
    "新闻我不管，我就要去消协",
])
def test_the_customers_own_step_after_the_news_counts(text):
    assert_threat(text)


@pytest.mark.parametrize("text", [
    "她老在评论区发广告，我想举报她那个账号",
    "能不能举报一下这个买家，他在聊天里骂人",
])
def test_reporting_another_user_is_not_a_threat(text):
    assert_calm(text)


@pytest.mark.parametrize("text", ["我要举报你们平台", "再不处理我就举报这个店"])
def test_reporting_the_company_still_counts(text):
    assert_threat(text)


@pytest.mark.parametrize("text", [
    "之前看到过一个业主去12345投诉物业的新闻，挺有意思",
    "老师上课放了一段有人去法院起诉开发商的视频",
])
def test_a_step_inside_a_story_is_a_mention(text):
    assert_calm(text)


@pytest.mark.parametrize("text", [
    "我姐跟她前同事打官司，要开个在职证明",
    "我表哥跟人打官司，最近没空来拿货",
    "我朋友跟装修队打官司 法院让他先把尾款交了",
])
def test_someone_elses_lawsuit_is_a_mention(text):
    assert_calm(text)


@pytest.mark.parametrize("text", ["我就跟你们打官司", "这事我跟你们公司打官司打到底", "法院让你们赔钱你们也不赔吗"])
def test_a_lawsuit_against_the_company_still_counts(text):
    assert_threat(text)


# After fresh31_test's one scoring (in-sample for that split from here): its errors' families.
def _call_threats(*customer: str) -> list:
    from qa_engine.analyzers.escalation import detect_threats
    from qa_engine.conversation import Conversation

    turns = [t for text in customer for t in (("A", "您好，请讲。"), ("C", text))]
    conv = Conversation(id="t", utterances=[
        {"speaker": "agent" if who == "A" else "customer", "start": 3.0 * i, "end": 3.0 * i + 2.0, "text": text}
        for i, (who, text) in enumerate(turns)])
    return [h for h in detect_threats(conv, None) if h.threat]


@pytest.mark.parametrize("text", [
    "你跟你们领导说一下，让她明天之前给我一个答复",
    "麻烦你跟你们主管汇报一下，这个费用必须退",
    "你跟你们经理说一声 叫他亲自来处理",
    "我要找你们省公司，分公司处理不了",
])
def test_a_superior_asked_to_act_through_the_agent_counts(text):
    assert_threat(text)


@pytest.mark.parametrize("text", [
    "你跟你们领导说一声，小李服务特别好",
    "帮我跟你们经理说一下谢谢，上次的事麻烦他了",
])
def test_praise_passed_up_is_not_a_threat(text):
    assert "threat" not in _reasons(text), scan_text(text)


@pytest.mark.parametrize("text", [
    "我们小区门口新开了一家叫“法院街烧烤”的店，能送吗",
    "首页那个“一键投诉”按钮是干嘛的，我点错了",
    "我找不到“律师说法”栏目了",
])
def test_a_cue_inside_a_quoted_name_is_a_mention(text):
    assert_calm(text)


@pytest.mark.parametrize("text", ["我在群里说了“我要投诉你们”", "他们再不退，我就“投诉到底”"])
def test_a_quoted_threat_of_the_customers_own_still_counts(text):
    assert_threat(text)


@pytest.mark.parametrize("text", [
    "我该去哪儿投诉呀，算了不说了",
    "我表姐说她去年网费多扣了，打了12345你们才退的",
    "我想报那个公安局文职考试的课",
    "我朋友的官司打赢了，法院判房东退押金",
])
def test_questions_others_steps_exam_names_and_rulings_are_not_threats(text):
    assert_calm(text)


def test_someone_trapped_and_the_police_called_is_an_incident():
    assert _call_threats("楼里电梯困了两个小孩，我已经报警了，你们赶紧派人来") == []
    assert _call_threats("电梯把我关里面了，再不来人我就报警") != []
