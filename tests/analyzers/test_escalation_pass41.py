"""Forty-first pass (``THREAT_PASSES.md`` "Forty-first pass"). fresh60_dev's rule errors, read as general frames, **in-sample**:

- a newspaper, channel or programme named by its own name, the material sent to it (发给江城晚报);
- the caller's own video or photos going up on a platform (这段视频今晚就上抖音);
- the legal consequence the company is told to wait for (你们公司就等着收传票吧);
- going to a bureau named short for a visit in everyday words (去住建那边坐坐);
- the body above the shop asked to rein it in (让厂家来管管你们这个店);
- a complaint filed at a body told with 在 … 那边 (在邮政局那边登记了), not where someone is;
- a body as the source of a warning it put out with 发了 (市消协前几天发了个提醒);
- the caller's own withdrawal with a recogniser's pause before 撤 (我已经 撤了);
- the consumer association with one character of 消费者 dropped (消者协会, 消费协会);
- a letter sent to the company and, after a pause, a lawyer told as having signed it (寄到你们店 律师那边都签字了).

The first line of each group is the development call's own sentence; the others were written for these tests. The contrasts
read as they did before.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION
from tests.analyzers.threat_probes import alerts, reasons


def test_the_version_is_rules_41_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 41


def _alerts(text: str, opinion=CHOSEN_OPINION) -> bool:
    return alerts(text, opinion, reply="好的，您请说")


# 1. an outlet by its own name (fresh60_dev's c60-072 had no cue on rules-40)
@pytest.mark.parametrize("text", [
    "尾号 *** 照片我都拍了 我跟你说 这个照片我下午就发给江城晚报那边 让他们评评",
    "材料我已经寄给都市晨报了",
    "我把视频发给城市民生频道",
    "我把录音交给交通广播电台",
])
def test_an_outlet_named_with_the_material_sent_to_it_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# Contrasts (no threat, as before): the outlet read, the caller's own paper, a subscription, a TV channel not found
@pytest.mark.parametrize("text", [
    "我在江城晚报上看到你们的广告",
    "我是江城晚报的，想订个位子",
    "我订了一份江城晚报，这个月没送到",
    "我这个电视找不到江苏卫视频道",
])
def test_an_outlet_not_sent_to_reads_as_before(text):
    assert "threat" not in reasons(text)
    assert not _alerts(text, None)


# 2. the caller's own video going up (fresh60_dev's c60-043 had no cue on rules-40)
@pytest.mark.parametrize("text", [
    "免责？我在行李转盘那儿全程录下来了，你们的人是直接往下扔的。这段视频今晚就上抖音。",
    "照片我明天就上微博",
    "这些聊天记录马上上网",
])
def test_the_callers_video_going_up_on_a_platform_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# Contrasts (no threat): going on the platform to look, a video seen there, a video with no time or intention
@pytest.mark.parametrize("text", [
    "那个视频我要上抖音找一下",
    "这个视频是我在抖音上看到的",
    "你们的视频上抖音了吗",
])
def test_a_video_not_put_up_by_the_caller_reads_as_before(text):
    assert "threat" not in reasons(text)
    assert not _alerts(text, None)


# 3. the legal consequence waited for (fresh60_dev's c60-046 had no cue on rules-40)
@pytest.mark.parametrize("text", [
    "清单我交了三次了。行，你们也别审了，你们公司就等着收传票吧。",
    "你们就等着接法院的传票",
    "等着收律师函吧",
])
def test_the_company_told_to_wait_for_a_summons_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# Contrasts: the caller's own case waited on, a parcel waited for
@pytest.mark.parametrize("text", [
    "我还在等着收法院的传票呢",
    "你们等着收快递吧",
])
def test_a_summons_the_caller_waits_for_reads_as_before(text):
    assert "threat" not in reasons(text)
    assert not _alerts(text, None)


# 4. a visit to a bureau named short (fresh60_dev's c60-078 had no cue on rules-40)
@pytest.mark.parametrize("text", [
    "不影响 那你来住 嗯 我已经约了几个业主 后天上午一起去住建那边坐坐 把照片带过去",
    "我明天就去市监那儿走一趟",
    "我到房管局那边评评理",
])
def test_a_visit_to_a_bureau_named_short_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# Contrasts: an errand there, the caller's own job there, the visit to a friend's home
@pytest.mark.parametrize("text", [
    "我明天去住建那边办房产证",
    "我在住建那边上班",
    "我去老王家坐坐",
])
def test_a_bureau_for_an_errand_or_a_job_reads_as_before(text):
    assert "threat" not in reasons(text)
    assert not _alerts(text, None)


# 5. the maker or head company asked to rein the shop in (fresh60_dev's c60-036 had no cue on rules-40)
@pytest.mark.parametrize("text", [
    "你们门店说了不算 我这就打到你们厂家的客服中心去 让厂家来管管你们这个店",
    "我找你们总部来管一管你们",
    "让品牌方出面管管这家店",
])
def test_the_body_above_the_shop_asked_to_rein_it_in_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# Contrasts: a repair by the maker, asked, the caller's own household
@pytest.mark.parametrize("text", [
    "那让厂家来修一下吧",
    "厂家管不管啊",
    "让我妈来管管孩子",
])
def test_the_maker_for_a_repair_or_asked_reads_as_before(text):
    assert "threat" not in reasons(text)
    assert not _alerts(text, None)


# 6. a complaint filed at a body, told with 在 … 那边 (fresh60_dev's c60-025: read as a place on rules-40)
@pytest.mark.parametrize("text", [
    "收件的时候你们快递员说不用保价。这事我已经在邮政局那边登记了，编号都给我了，你们等着他们联系吧。",
    "我在消协那边投诉过了",
    "我在教育局那边反映了",
])
def test_a_complaint_filed_at_a_body_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None)


# Contrasts (a place, as before): someone's job there, the caller's own shop registered, no filing verb
@pytest.mark.parametrize("text", [
    "我在邮政局那边上班",
    "我在工商那边登记了，营业执照下周拿",
    "我在派出所那边登记了身份证",
    "我在教育局那边等你",
])
def test_a_body_as_where_someone_is_or_registers_reads_as_before(text):
    assert "threat" not in reasons(text)


# 7. a body as the source of a warning it put out (fresh60_dev's c60-024 alerted with the rules alone on rules-40)
@pytest.mark.parametrize("text", [
    "我看到市消协前几天发了个提醒，说预付卡要注意门店跑路。我想问问你们这卡，要是门店搬了怎么办？",
    "市场监管局昨天发了一条消费警示",
])
def test_a_body_that_put_out_a_warning_is_a_source(text):
    found = reasons(text)
    assert "reported" in found and "threat" not in found
    assert not _alerts(text, None)


# Contrasts (a threat, as before): the caller going there, the warning asked of the body as part of the step
@pytest.mark.parametrize("text", [
    "我要去消协，让他们发个提醒",
    "我找消协发了个投诉",
])
def test_a_body_gone_to_keeps_the_threat(text):
    assert "threat" in reasons(text)


# 8. the caller's withdrawal with a pause before 撤 (fresh60_dev's c60-022 alerted under both policies on rules-40)
@pytest.mark.parametrize("text", [
    "喂 那个 之前 多扣的那笔 手续费 昨天 退回来了 我之前 在 银行业协会 那边 留的那个言 我已经 撤了 跟你说一声",
    "我在消协那边投诉的 我 撤了",
])
def test_a_withdrawal_after_a_pause_is_calm(text):
    found = reasons(text)
    assert "withdrawn" in found and "threat" not in found
    assert not _alerts(text, None)


# Contrasts: the company's act, asked
@pytest.mark.parametrize("text", [
    "我在消协那边投诉的 你们 撤了",
    "我在消协那边投诉的 我 撤了吗",
])
def test_a_pause_before_someone_elses_or_an_asked_withdrawal_reads_as_before(text):
    assert "withdrawn" not in reasons(text)


# 9. the consumer association with one character of 消费者 dropped (fresh60_dev's c60-005 had no cue on rules-40)
@pytest.mark.parametrize("text", [
    "我签收的时候就是烂的。这事我准备找消者协会评评理。",
    "我要去消费协会告你们",
])
def test_the_consumer_association_with_a_character_dropped_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# Contrasts (the frames around the name still decide): the caller's own job there, the body asked about
@pytest.mark.parametrize("text", [
    "我在消费协会上班",
    "消费协会的电话是多少？",
])
def test_the_shortened_association_in_a_calm_role_reads_as_calm(text):
    assert "threat" not in reasons(text)
    assert not _alerts(text, None)


# 10. a letter sent to the company, then, after a pause, the lawyer told as having signed it (fresh60_dev's c60-029: the lawyer
# read as the parcel's destination on rules-40)
@pytest.mark.parametrize("text", [
    "开回来开了三趟了 呃 我跟你讲 函我已经让人拟好了 下礼拜一就寄到你们店 律师那边都签字了",
    "信寄到你们公司 律师已经盖好章了",
])
def test_a_letter_to_the_company_signed_by_a_lawyer_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# Contrasts (a destination, as before): no pause, nothing done by the lawyer, a parcel to a body
@pytest.mark.parametrize("text", [
    "合同发到你们律师的邮箱了",
    "我寄到你们店 律师下周去取",
    "材料寄到你们店 法院那边的快递",
])
def test_a_body_after_the_company_as_destination_reads_as_before(text):
    assert "threat" not in reasons(text)
