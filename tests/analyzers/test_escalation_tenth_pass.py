"""Tenth pass (escalation-rules-8): fresh27_dev's two errors, by family, then the families private probes
found next to them, then fresh27_test's two errors after its one scoring (model card "Tenth pass").

1. A step the customer announces (我要投诉…) followed, in the same run-on ASR line, by a question
   about something else: who the target is (我要投诉你 你工号多少, 我要投诉他他叫什么名字), an
   angry why (为什么不给我退款, 凭什么), 懂吗 / 知道吗, an embedded clause (让你们领导知道你是
   怎么…的), or any question after a pause (我要投诉 你们多少天能给我答复). Such a question no
   longer makes the step a procedure question. Questions about the step itself (可以投诉吗,
   怎么投诉他, 我要投诉找谁, 请问我要投诉去哪里, 我想投诉 要怎么弄) stay questions.
2. A neighbouring household as the one who phoned a body (隔壁那家打了12345说…, 楼上打了…):
   someone else's step, like 邻居 / 有人 already were; the customer's own 我打了12345 still counts.

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh27.jsonl``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_engine.analyzers.escalation import detect_threats, scan_text
from qa_engine.conversation import Conversation
from tests.shared_data import requires_shared_data
from tests.analyzers.threat_probes import assert_calm, assert_threat, reasons as _reasons

MODELS = Path(__file__).resolve().parents[2] / "models"


def _call_reasons(text: str) -> list[str]:
    """Reasons from the whole-call reading (the police-incident frame works on the call, rules alone)."""
    conv = Conversation(id="t", utterances=[{"speaker": "agent", "start": 0, "end": 2, "text": "您好，请问有什么可以帮您？"},
                                            {"speaker": "customer", "start": 3, "end": 6, "text": text}])
    return [h.reason for h in detect_threats(conv, None)]


@pytest.mark.parametrize("text", [
    "我要投诉你 你工号多少",
    "我肯定要投诉她 她叫什么名字你告诉我",
    "我就是要投诉那个司机他他工号是多少",
    "这事我一定要投诉 你们那个师傅姓什么",
    "喂我要举报他 他员工编号多少",
    "我要投诉 凭什么扣我钱",
    "我要曝光你们 你们懂不懂",
    "我一定要投诉你们为什么一直不给我退",
    "我要投诉 你们多少天能退给我",
    "我要举报你们 为啥不给我退",
    "我要让你们老板知道你们是怎么对待客户的",
])
def test_announcing_a_complaint_then_asking_who_is_a_threat(text):
    assert_threat(text)


@pytest.mark.parametrize("text", [
    "可以投诉他吗 他叫什么",
    "怎么投诉她 她工号多少",
    "我要投诉找谁",
    "请问我要投诉去哪里",
    "投诉电话是多少",
    "我想投诉 要怎么弄",
    "我要投诉的话去哪里",
    "我能投诉吗 凭什么这样",
    "我想知道怎么投诉",
    "怎么让你们领导知道",
])
def test_questions_about_the_step_stay_questions(text):
    assert_calm(text)


@pytest.mark.parametrize("text", [
    "隔壁那家打了一二三四五说我们晚上太吵",
    "楼下住户打了12345投诉我家空调外机",
    "对门邻居去市场监管局举报了那个小卖部，我想问问你们超市有没有事",
])
def test_the_neighbours_step_is_reported(text):
    assert_calm(text)


@pytest.mark.parametrize("text", [
    "楼上漏水你们一直不管 我打了12345了",
    "隔壁装修吵了一个月你们物业不管我就打12345",
])
def test_the_customers_own_step_beside_a_neighbour_still_counts(text):
    assert_threat(text)


# Found by private probes of realistic calm calls after fresh27_dev (sentences written for these tests).
@pytest.mark.parametrize("text", [
    "我婆婆说要投诉你们，我觉得没必要",  # a relative's idea, like 我老公说要投诉
    "我外公是律师",  # who someone is
    "上回打12345反映的那个事已经解决了 谢谢你们",  # ASR: the settling clause runs on
    "之前说要起诉 后来你们赔了 我就没起诉",  # a pause ends the settling clause (没 belongs to the next one)
    "我要是想投诉的话 打哪个电话",  # where to phone: a procedure question
])
def test_relatives_resolved_past_steps_and_where_to_phone_are_calm(text):
    assert_calm(text)


@pytest.mark.parametrize("text", [
    "上次说要投诉 后来你们退了 结果又坏了 我这次一定投诉",
    "上回我说要打12315 后来你们退了 现在又坏了 我这回肯定打12315",
])
def test_a_settled_step_taken_up_again_still_counts(text):
    assert_threat(text)


@pytest.mark.parametrize("text", [
    "这事我会向你们总行反映",  # a bank's head office, like 总部
    "我要找你们总公司",
    "再这样我会找你们集团",
    "我保留追究你们责任的权利",  # the formal letter without 法律
    "我现在就打电话给消费者权益保护协会",  # the consumer association's full name, however shortened
    "不行我就去找消费者权益保护中心",
])
def test_head_office_group_and_reserved_liability_are_threats(text):
    assert_threat(text)


@pytest.mark.parametrize("text", [
    "麻烦把发票寄到总部财务",  # a destination, not a superior demanded
    "请把合同邮到你们总行",
    "我们公司是你们集团客户，想加几张卡",
])
def test_a_head_office_as_a_destination_or_a_client_tier_is_calm(text):
    assert "threat" not in _reasons(text), scan_text(text)


# After the one scoring of fresh27_test (its two errors, by family; sentences written for these tests).
@pytest.mark.parametrize("text", [
    "我要见你们园长，老师解决不了",  # a school's head, like 院长 / 厂长
    "你们校长呢 让他来跟我说",
    "那就是骗子冒充你们的人，我这就打110报警",  # 这就: an announced step
])
def test_school_heads_and_an_announced_police_call_are_threats(text):
    assert "threat" in _call_reasons(text), scan_text(text)


@pytest.mark.parametrize("text", [
    "有家长在群里说要投诉你们，我就问问明天上不上课",  # a group the caller does not speak for
    "好几个业主说要打12345，我只是想问下停水到几点",
    "我被骗了，对方冒充你们客服，我已经报警了，能帮我查下那笔转账吗",  # a scam suffered
])
def test_other_parents_and_a_scam_suffered_are_calm(text):
    reasons = _call_reasons(text)
    assert reasons and "threat" not in reasons, scan_text(text)


def test_a_group_the_caller_belongs_to_still_counts():
    assert "threat" in _reasons("我们业主都说好了，再不修电梯就一起打12345")


@requires_shared_data
def test_the_shipped_second_opinion_still_rebuilds_byte_for_byte(tmp_path):
    # The opinion's rows are the rules' cues and spans on its training calls: a rule change that moved
    # one (a longer span, an extra cue) would silently make `qa train complaint` ship another model.
    from training.complaint_threat_opinion import train

    train(tmp_path)
    for name in ("opinion.npz", "opinion.json"):
        assert (tmp_path / "escalation" / name).read_bytes() == (MODELS / "escalation" / name).read_bytes(), name
