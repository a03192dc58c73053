"""Thirty-sixth pass (``THREAT_PASSES.md`` "Thirty-sixth pass"; the guide's "Thirty-sixth pass"). The thirty-fifth pass's open
items the guide decides, read as general frames, and fresh51_dev's rule errors, **in-sample**:

- the caller's own colleague as the subject of a booking, named through the office and 的 (我们台里的记者想订个房间): the guest of
  an errand, as 给我们几位律师订 (the guide: a profession named as a job);
- cue words heading a product's name or template, and the caller's own trade (曝光王, 律师函模板, 我们公司就是做投诉处理系统的):
  the guide's "cue words in product names and templates" (差评君 as a brand);
- the head company reached with 向 / 跟 and the step (我要向你们总公司反映): 找你们领导 / 总部 in the guide's list of steps.

The first line of each group is the open item's own sentence; the others were written for these tests. The contrasts read as
they did before.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION
from tests.analyzers.threat_probes import alerts, reasons


def test_the_version_is_rules_36_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 36


def _alerts(text: str, opinion=CHOSEN_OPINION) -> bool:
    return alerts(text, opinion)


# 1. our own colleague booking for themselves, named through the office (a threat with the rules alone on rules-35)
@pytest.mark.parametrize("text", [
    "我们台里的记者想订个房间",
    "咱们所里的两位律师要订下周的机票",
    "我们报社的记者明天想预订两个标间",
])
def test_our_colleague_booking_is_a_place(text):
    found = reasons(text)
    assert "place" in found and "threat" not in found
    assert not _alerts(text, None) and not _alerts(text)


# 1b. our colleague taking a step, or a booking aimed at the company: unchanged threats
@pytest.mark.parametrize("text", [
    "我们台里的记者要来采访你们",
    "我们所里的律师会起诉你们",
    "我们台里的记者要曝光你们",
])
def test_our_colleague_with_a_step_stays_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None)


# 2. the cue word heading a product's name or a template, or the caller's own trade (threats on rules-35)
@pytest.mark.parametrize("text", [
    "我们公司就是做投诉处理系统的",
    "我们公司是做律师函模板的",
    "我想买那个律师函模板",
    "我下载了曝光王，会员怎么退",
    "我在用你们的曝光王软件，登录不上",
    "我是做投诉管理软件的，想问问你们的接口",
])
def test_a_product_name_or_own_trade_is_a_mention(text):
    found = reasons(text)
    assert "threat" not in found
    assert not _alerts(text, None) and not _alerts(text)


# 2b. look-alikes: a lawyer's letter sent, a lawyer named 王, a product aimed at the company, a trade with a step
@pytest.mark.parametrize("text", [
    "我要给你们发律师函",
    "我让律师王某联系你们",
    "我是做投诉的，你们这个处理太慢了，我要投诉你们",
    "我下载了你们的软件，扣了我钱，我要曝光你们",
])
def test_product_and_trade_look_alikes_stay_threats(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None)


# 3. the head company reached with 向 / 跟 and the step (no cue on rules-35)
@pytest.mark.parametrize("text", [
    "我要向你们总公司反映",
    "这件事我会跟你们总公司反映的",
])
def test_the_head_company_with_a_step_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# 3b. the head company as a number or an office asked for, a praise relayed: unchanged (no threat)
@pytest.mark.parametrize("text", [
    "我想要一下向总公司反映部门的电话",
    "你们总公司在哪个城市",
])
def test_the_head_company_without_a_step_is_no_threat(text):
    assert "threat" not in reasons(text)


# 4. fresh51_dev's two calm errors under rules-35, read as general frames
# 4a. X跟我说 / 对我讲 + the step is X说: reported speech (a threat on rules-35)
@pytest.mark.parametrize("text", [
    "商家跟我说你去投诉吧，我没理他，就想你们帮我把漏送的饮料补一下。",
    "骑手跟我说你有本事去投诉啊",
    "我邻居对我讲要去12345反映你们",
])
def test_someone_told_me_the_step_is_reported(text):
    found = reasons(text)
    assert "reported" in found and "threat" not in found
    assert not _alerts(text, None) and not _alerts(text)


# 4b. the caller telling someone, an order to tell, or the caller's own step after the report: unchanged threats
@pytest.mark.parametrize("text", [
    "我跟他说我要投诉",
    "你跟我说清楚，不然我就投诉你",
    "商家跟我说随便，那我就去投诉",
    "他跟我说了半天还是不给退，我要投诉",
])
def test_telling_and_own_step_stay_threats(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None)


# 4c. an upgrade told as done to the account (a superior demanded on rules-35)
@pytest.mark.parametrize("text", [
    "喂我那个套餐你们自动给我升级了每个月多二十块我没同意过",
    "你们没问我就给我升级过一次套餐",
])
def test_an_upgrade_done_to_the_account_is_a_mention(text):
    found = reasons(text)
    assert "threat" not in found
    assert not _alerts(text, None) and not _alerts(text)


# 4d. the case asked to be passed up, or asked whether it was: unchanged
@pytest.mark.parametrize("text", ["你给我升级", "你马上给我升级处理"])
def test_an_upgrade_demanded_stays_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None)


def test_an_upgrade_asked_about_is_no_threat():
    assert "threat" not in reasons("你给我升级了吗")
