"""Thirty-ninth pass (``THREAT_PASSES.md`` "Thirty-ninth pass"). fresh56_dev's and fresh55_dev's rule errors, read as general
frames, **in-sample**:

- the caller's own step taken back as said in anger or offhand (…说要去邮政管理局，那是气话), as a joke taken back is;
- a step told as the consequent of an unreal past (要不是你们后来把钱退了，我早就去旅游局了; 幸亏…，不然我早就…了);
- the decision-maker demanded by what they decide (你们上头谁拍板就让谁来跟我谈), not by a title;
- a body as the landmark a distance is measured from (离法院近一点的房间: the caller's own job, booking near the court);
- 工商 heard with one slip in 工 (我已经去公商那边), guarded against a word closed by the slip character (提供商, 办公商务).

The first line of each group is the development call's own sentence; the others were written for these tests. The contrasts
read as they did before.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION
from tests.analyzers.threat_probes import alerts, reasons


def test_the_version_is_rules_39_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 39


def _alerts(text: str, opinion=CHOSEN_OPINION) -> bool:
    return alerts(text, opinion, reply="好的，您请说")


# 1. a step taken back as said in anger or offhand (fresh56_dev's f56-n-near-qihua alerted under both policies on rules-38)
@pytest.mark.parametrize("text", [
    "昨天我说要去邮政管理局，那是气话，你们今天送到了就行了。",
    "我上午说要投诉那个师傅，那都是气头上说的",
    "我刚才说要打12315，那是一时的气话",
])
def test_a_step_taken_back_as_said_in_anger_is_calm(text):
    found = reasons(text)
    assert "negated" in found and "threat" not in found
    assert not _alerts(text, None) and not _alerts(text)


# Contrasts (read as before: a threat): insisting it is no angry word, asking, telling the other side not to think so
@pytest.mark.parametrize("text", [
    "我说要投诉你们，那不是气话",
    "我要去邮政管理局投诉，你别以为那是气话",
    "我要投诉你们，那是气话吗？",
])
def test_anger_denied_or_asked_keeps_the_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None)


# 2. the consequent of an unreal past (fresh56_dev's f56-n-near-yaobushi alerted under both policies on rules-38)
@pytest.mark.parametrize("text", [
    "要不是你们后来把钱退了，我早就去旅游局了。现在没事了。",
    "幸亏你们退了钱，不然我早就打12315了",
    "如果不是客服态度好，我早就投诉你们了",
])
def test_a_step_in_an_unreal_past_is_calm(text):
    found = reasons(text)
    assert "negated" in found and "threat" not in found
    assert not _alerts(text, None) and not _alerts(text)


# Contrasts (read as before: a threat): a step told as taken long ago, a present step after the condition, a new step later
@pytest.mark.parametrize("text", [
    "我早就去旅游局了，你们还不处理",
    "要不是看你态度好，我现在就去旅游局",
    "你们不退钱，我早晚去旅游局",
])
def test_a_step_taken_or_threatened_now_keeps_the_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None)


def test_a_new_step_after_the_unreal_past_is_a_threat():
    found = reasons("要不是你们退了钱，我早就去旅游局了，这次我还是要去消协")
    assert found == ["negated", "threat"]


# 3. the decision-maker demanded by what they decide (fresh56_dev's f56-t-paiban-tan, no cue on rules-38)
@pytest.mark.parametrize("text", [
    "你们上头谁拍板就让谁来跟我谈，我不听你念规定。",
    "谁说了算就叫谁来接电话",
    "你们谁能做主就让他出来",
])
def test_the_decision_maker_demanded_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# Look-alikes (read as before: no cue): asked, the caller's own household, a worker rather than a decision
@pytest.mark.parametrize("text", [
    "这个方案是谁拍板的？",
    "我们家谁做主就让谁来签字",
    "谁负责安装就让谁来修",
])
def test_decisions_asked_or_at_home_read_as_before(text):
    assert reasons(text) == []
    assert not _alerts(text, None)


# 4. a body as a landmark of distance (fresh56_dev's f56-n-near-job-lvshi and fresh55_dev's f55-n-cue-lawyer-hotel alerted
#    with the rules alone on rules-38; the second opinion set them aside)
@pytest.mark.parametrize("text", [
    "我是律师，下周要去外地开庭，想订两晚离法院近一点的房间。",
    "我是律师，下周要去杭州开庭，想订两晚离法院近一点的酒店。",
    "帮我找一家距离派出所不远的快递点",
    "你们那个店离消协三公里吗",
])
def test_a_body_as_a_landmark_of_distance_is_a_place(text):
    found = reasons(text)
    assert "place" in found and "threat" not in found
    assert not _alerts(text, None) and not _alerts(text)


# Contrasts (read as before: a threat): no distance after the body, a step to it
@pytest.mark.parametrize("text", [
    "你们再不处理我就去法院，离这儿也就两站路",
    "我离去法院就差一步了，你们看着办",
])
def test_a_step_to_the_body_keeps_the_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None)


# 5. 工商 heard with one slip in 工 (the thirty-eighth pass's open item, fresh53_dev's f53-t-car4s-shijian-done-asr, no cue on
#    rules-38), with the guard the thirty-eighth pass found missing: 提供商 / 办公商务 keep their words
@pytest.mark.parametrize("text", [
    "看什么看 我已经去公商那边 嗯 就是市监 登记了 他们说会来找你们",
    "你们再不退我就去公商局",
])
def test_the_bureau_short_name_heard_with_one_slip_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# Look-alikes (read as before: no cue): the slip character closing a word with the one before it, a slip in 商
@pytest.mark.parametrize("text", [
    "您带来的困扰，麻烦您私信给我们服务提供商名称",
    "就是提供商家的名称和买的啥东西是吧",
    "我去办公商务楼那边拿个快递",
    "我们一共商量了三次",
    "工伤认定要去哪里办",
])
def test_words_around_the_bureau_name_read_as_before(text):
    assert reasons(text) == []
    assert not _alerts(text, None)


def test_the_reading_of_the_slip_and_its_guard():
    from qa_engine.analyzers._escalation_reading import rules_reading
    assert rules_reading("我已经去公商那边") == "我已经去工商那边"
    assert rules_reading("请提供商家名称") == "请提供商家名称"
    assert rules_reading("共商大计") == "共商大计"
