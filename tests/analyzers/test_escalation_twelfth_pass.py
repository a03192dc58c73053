"""Twelfth pass (escalation-rules-10): fresh29_dev's five errors (four under the default policy, one more with the
rules alone), each fixed by its family (model card "Twelfth pass").

1. The higher-ups reached with a step (我要去上面反映你们, 到上头告你们) are a superior demanded, like
   往上反映 already was.
2. 举报 aimed at someone else's wrongdoing is not a step against the company: a scam number given to the
   anti-fraud centre (把这个号码举报给反诈中心), a vandal reported to the company (有人把你们的车扔到河里了…
   想举报一下); 举报你们, an accusation of the company or a condition still count.
3. A title looked up as the contact who promised an errand (我找一下你们店长，上次她说帮我留…) is not a
   superior demanded, unless the promise is still open or a step is named.
4. A hotline asked, which sent the customer here with the matter named in between (我打12345问过了，他们说
   骨灰寄存的事要找你们) is a body consulted, not a complaint.
5. The police called about a scam suffered, the scam named in an earlier turn as a request to transfer money
   (有人…让我往一个账户转钱 … 我已经报警了) is the incident, not a step against the company (rules alone).

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh29.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import detect_threats, scan_text
from tests.analyzers.threat_probes import assert_calm, assert_threat, reasons as _reasons, call as _call


@pytest.mark.parametrize("text", [
    "你们再不给我处理 我就去上面反映",
    "这事没完，我要到上头告你们",
    "我得去上边讨个说法",
    "行 那我找你们上面的领导投诉",
])
def test_the_higher_ups_reached_with_a_step_are_a_threat(text):
    assert_threat(text)


def test_someone_else_going_to_the_higher_ups_is_reported():
    assert "threat" not in _reasons("我邻居说他要去上面反映"), scan_text("我邻居说他要去上面反映")


@pytest.mark.parametrize("text", [
    "我想把这个电话号码举报给反诈中心",
    "那条短信我要举报到反诈那边",
    "有人把你们的充电桩砸坏了，我拍了视频，想举报一下",
    "我刚看见有人偷你们门口的电动车 想跟你们举报一下",
])
def test_reporting_someone_elses_wrongdoing_is_calm(text):
    assert_calm(text)


@pytest.mark.parametrize("text", [
    "你们这就是诈骗，我要举报你们",
    "有人把我的快递偷了，你们不赔我就去举报",
    "这个号码是你们的客服打的，我要举报你们",
    "我要举报你们平台，有人冒充你们客服你们也不管",
])
def test_reporting_the_company_still_counts(text):
    assert_threat(text)


@pytest.mark.parametrize("text", [
    "我找一下你们店长，上次她说帮我留一件M码的",
    "我找下你们经理 之前他答应给我寄个发票",
])
def test_a_title_looked_up_as_the_contact_of_a_promise_is_calm(text):
    assert "threat" not in _reasons(text), scan_text(text)


@pytest.mark.parametrize("text", [
    "我找你们经理，上次他说给我退款，到现在也没退",
    "叫你们店长出来，上次她说帮我换的",
])
def test_a_title_demanded_over_an_open_promise_still_counts(text):
    assert_threat(text)


def test_a_hotline_asked_that_sent_the_customer_here_is_calm():
    text = "我打12345问过了，他们说退休证补办的事要找你们这边"
    assert "threat" not in _reasons(text), scan_text(text)


def test_a_hotline_asked_then_a_complaint_still_counts():
    assert "threat" in _reasons("我打12345问过了，他们说要找你们，你们再推我就投诉")


def test_the_police_called_about_a_transfer_scam_is_the_incident():
    call = _call(("A", "您好，这里是客服中心。"),
                 ("C", "刚才有个人打电话说是你们的工作人员，叫我往一个安全账户转钱。"),
                 ("A", "我们不会让客户转账，那是诈骗。"),
                 ("C", "我也觉得不对，我已经报警了。"))
    assert not [h for h in detect_threats(call, None) if h.threat], detect_threats(call, None)


def test_the_police_announced_after_a_transfer_scam_still_counts():
    call = _call(("A", "您好，这里是客服中心。"),
                 ("C", "你们的客服叫我往一个账户转钱，现在钱没了。"),
                 ("A", "我们核实一下。"),
                 ("C", "你们不把钱追回来我就报警。"))
    assert [h for h in detect_threats(call, None) if h.threat], detect_threats(call, None)


# After fresh29_test's one scoring (in-sample for that split from here on).
@pytest.mark.parametrize("text", [
    "楼上那家天天半夜装修 我该找谁反映 还是直接报警",    # 6. the second half of an alternative question
    "房东说押金不退了，说要报警，我都搬走一个月了",      # 7. the reported speaker's words go on
    "我邻居说他上回在你们这买冰箱 最后打了幺二三幺五才退的",  # 8. someone else's earlier step, run-on clause
    "发票开区人民法院就行",                            # 9. the body as an invoice's title
    "抬头写市公安局，税号我发你",
    "我奶奶走了，派出所那边销户要你们开的证明",            # 10. a household-register errand
    "我要举报一个黄牛，在你们门口倒卖票",                 # 11. a scalper as the object of 举报
    "My husband 总是 complain 说你们的面太咸",          # 12. someone else complains, a Chinese adverb between
])
def test_fresh29_test_families_are_calm(text):
    assert "threat" not in _reasons(text), scan_text(text)


@pytest.mark.parametrize("text", [
    "你们再不修，我就直接报警",
    "我就要找你们领导，还是你们根本不想管",
    "我已经打了幺二三幺五",
    "明天不送来我就带着发票去工商所",
    "I will complain 到你们总部",
    "我要举报你们，天天让黄牛在门口倒卖票",
    "今天不给答复我就找你们的法人代表",                  # 13. the legal representative as a superior
    "叫你们法定代表人出来说话",
])
def test_fresh29_test_families_still_count_threats(text):
    assert_threat(text)


def test_the_police_called_after_a_caller_claimed_to_be_the_company_is_the_incident():
    call = _call(("A", "您好，这里是养老服务中心。"),
                 ("C", "有人给我爸打电话，说是你们中心的护工，让他交一千块体检费，我已经报警了。"),
                 ("A", "我们没有打过这样的电话。"))
    assert not [h for h in detect_threats(call, None) if h.threat], detect_threats(call, None)
