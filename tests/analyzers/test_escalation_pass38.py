"""Thirty-eighth pass (``THREAT_PASSES.md`` "Thirty-eighth pass"). fresh53_dev's rule errors, read as general frames,
**in-sample**:

- the caller's own past threat taken back by a clause of its own that opens on 不 + the step + the 了 of a changed mind
  (…说要投诉那个快递员 … 不投诉了; 算了不告了), or on 算了 after a pause;
- a step filed before and withdrawn by the caller, told with 撤了 (我上礼拜在幺二三四五那儿提的那个单 我已经撤了);
- a body as the source of a notice or a rule the caller read (市场间管局发的通知说…, 出台的新规);
- the platform named before 发 and the post told as done with its object left out (我已经在微博上发了), as 发微博了 is;
- 法院 in its set phrase 法院见 heard with one slip in the court's name (就法远见), the declared sound-alike tolerance extended;
- a bad review announced with its place ending on 下面 / 评论区 (我就在他们店铺下面写差评: the earlier passes' open item 店铺下面),
  and the intention before such a place denied (我不会在他们店铺下面写差评的).

The first line of each group is the development call's own sentence; the others were written for these tests. The contrasts
read as they did before.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION, detect_threats
from tests.analyzers.threat_probes import call, reasons


def test_the_version_is_rules_38_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 38


def _alerts_call(*customer: str, opinion=CHOSEN_OPINION) -> bool:
    turns = [("A", "您好，请问有什么可以帮您？")]
    for text in customer:
        turns += [("C", text), ("A", "好的，您请说")]
    return any(h.threat for h in detect_threats(call(*turns), opinion))


def _alerts(text: str, opinion=CHOSEN_OPINION) -> bool:
    return _alerts_call(text, opinion=opinion)


# 1. a past threat taken back by 不 + step + 了 or by 算了 opening a clause (fresh53_dev's f53-n-near-courier-taiji-withdraw-asr and
#    f53-n-near-shop-bugaole-withdraw alerted under both policies on rules-37)
@pytest.mark.parametrize("text", [
    "喂 我上午打过电话 说要投诉那个快递员 嗯 是我太急了 不投诉了",
    "上个月我跟你们说要去法院告你们，现在钱已经退了，算了不告了。",
    "昨天我说要打12315，想了一晚上，不打了",
    "我之前说要找你们经理，算了，东西已经到了",
])
def test_a_past_threat_taken_back_by_a_clause_of_its_own_is_calm(text):
    assert "threat" not in reasons(text)
    assert not _alerts(text, None) and not _alerts(text)


def test_the_taking_back_in_a_later_turn_reads_the_same():
    turns = ("我上午打电话说要投诉那个修空调的师傅", "他下午来修好了 不投诉了")
    assert not _alerts_call(*turns, opinion=None)


# 2. a filed step withdrawn by the caller, told with 撤了 (fresh53_dev's f53-n-near-gas-12345-ticket-withdrawn-asr)
@pytest.mark.parametrize("text", [
    "喂 我上礼拜在幺二三四五那儿提的那个单 我已经撤了",
    "我前天打12345反映的那个事 我已经撤了",
])
def test_a_filed_step_withdrawn_is_calm(text):
    assert "withdrawn" in reasons(text) and "threat" not in reasons(text)
    assert not _alerts(text, None) and not _alerts(text)


# 3. a body as the source of a notice or a rule (fresh53_dev's f53-n-near-food-shijian-notice-source-asr)
@pytest.mark.parametrize("text", [
    "嗯 我看那个市场间管局发的通知说 外卖都要有封签 你们这家店送来的没有封签啊",
    "市场监管局出台的新规说退款要七天内到账吧",
    "消协发布的那个通知我看了，说预付卡要实名",
])
def test_a_body_as_the_source_of_a_notice_is_a_mention(text):
    found = reasons(text)
    assert "mention" in found and "threat" not in found
    assert not _alerts(text, None) and not _alerts(text)


# 4. a post told as done, the platform before 发 and no object (fresh53_dev's f53-t-ota-weibo-posted, no cue on rules-37)
@pytest.mark.parametrize("text", [
    "你们查吧，我已经在微博上发了，还艾特了你们官方号，大家都在看。",
    "我在小红书上发过，你们自己去看",
    "你们再不处理，我就在抖音上发了",
])
def test_a_post_told_as_done_on_a_platform_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# Look-alikes (read as before: no threat): what was posted named, the post denied
@pytest.mark.parametrize("text", [
    "我在网上发了寻狗启事，现在找回来了",
    "我在朋友圈发了照片",
    "我不会在网上发了，你们放心",
])
def test_posts_with_their_object_or_denied_read_as_before(text):
    assert "threat" not in reasons(text)
    assert not _alerts(text, None)


# 5. 法院见 with one slip in 法院 (fresh53_dev's f53-t-insurance-lawyer-court-asr, no cue on rules-37)
@pytest.mark.parametrize("text", [
    "审核审核 我已经找了率师了 下个礼拜你们还不赔 就法远见",
    "你们不赔是吧，那咱们就罚院见",
])
def test_the_court_phrase_heard_with_one_slip_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# Look-alikes (read as before: no cue): 法院 alone with one slip is another word, and 法院 alone stays out of the tolerance
@pytest.mark.parametrize("text", [
    "他这个人撒谎都无法圆谎",
    "我住在法苑小区三栋",
    "我想去法源寺看看，怎么走",
])
def test_other_words_sounding_like_the_court_read_as_before(text):
    assert reasons(text) == []
    assert not _alerts(text, None)


def test_a_slip_after_the_court_name_is_not_read():
    from qa_engine.analyzers._escalation_reading import rules_reading
    assert rules_reading("法院建议我们先调解") == "法院建议我们先调解"
    assert rules_reading("就法远见") == "就法院见"


# 6. a review's place under the shop's page or in a comment section (fresh53_dev's f53-t-food-shop-page-review alerted on the
#    probability alone on rules-37, the review read as a mention)
@pytest.mark.parametrize("text", [
    "你跟商家说，不给我补我就在他们店铺下面写差评，把他回我的话截图贴出来。",
    "我就去你们官方微博评论区给个差评",
])
def test_a_review_announced_under_the_shop_page_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# Look-alikes: reviews seen there, written before, or the intention denied (no threat)
@pytest.mark.parametrize("text", [
    "我在他们店铺下面看到好多差评",
    "我昨天在他们店铺下面写了差评",
    "我不会在他们店铺下面写差评的",
    "我不会在你们平台上给这家酒店写差评的",
])
def test_reviews_seen_given_or_denied_are_not_threats(text):
    assert "threat" not in reasons(text)


# Contrasts that stay threats: the taking back asked or put as a double negative, a present step not quoted from the past, the
# step taken up again, the company's 撤, a step to the body after its notice, the body asked to issue one
@pytest.mark.parametrize("text", [
    "上次我说要投诉，你以为我不投诉了吗，这次一定投诉",
    "上个月我说要去法院告你们，不告了？想得美",
    "上次我说要投诉，后来想想不投诉不行",
    "我现在就要投诉你们，不投诉了我咽不下这口气",
    "我上午说要投诉，我老公说算了，我还是要投诉",
    "我要打12345，你们把我的单撤了",
    "市场监管局发的通知你们不执行，我要去市场监管局举报",
    "我要让市场监管局发通知处理你们",
    "不然我就在店铺下面写差评",
])
def test_steps_stay_threats(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None)
