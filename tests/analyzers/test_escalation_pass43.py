"""Forty-third pass (``THREAT_PASSES.md`` "Forty-third pass"), read as general frames, **in-sample**:

- reported speech that does not reach the caller's own completed step told after a pause (他说明天修 我已经打了12345了): the
  caller's voice again, as after a comma;
- a bad review whose giver is named as someone else (我看网上有人给你们差评，说换屏要等三天): others' review, told;
- after a step, 把 + 你们 + 怎么 … 的 + a verb of telling (去金融监管局 把你们怎么拖的一条一条说给他们听): what the caller will tell
  there, not a question;
- a body's name running on past the cue before what it put out (市场监管总局发了召回公告): a source of news;
- a body followed by the caller saying they work there (去中级法院 我在那上班): their workplace.

The sentences were written for these tests, but for the first line of the second to fifth groups (`fresh62_dev`'s calm `c62-024`,
`fresh61_dev`'s threat `c61-032`, `fresh64_dev`'s calm `c64-064` and `c64-067`). The contrasts read as
they did before.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION, detect_threats
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, call, reasons


def test_the_version_is_rules_43_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 43


def _alerts(text: str, opinion=CHOSEN_OPINION) -> bool:
    return alerts(text, opinion, reply="好的，您请说")


# 1. the caller's own completed step after a pause that follows someone else's words
@pytest.mark.parametrize("text", [
    "他说明天修 我已经打了12345了",
    "房东说找中介 我昨天已经打了幺二三四五了",
    "师傅说明天来 我都打了12345了",
    "物业说这事不归他们管 我刚打了12345",
    "客服说三天内回电话 昨天我已经去消协了",
])
def test_the_callers_own_step_after_a_pause_is_not_what_was_said(text):
    assert_threat(text)
    assert _alerts(text, None) and _alerts(text)


# ... read as it is after a comma (base already read these so)
@pytest.mark.parametrize("text", [
    "房东说找中介，我昨天已经打了幺二三四五了",
    "他说明天修，我已经打了12345了",
])
def test_the_callers_own_step_after_a_comma_reads_as_before(text):
    assert_threat(text)


# Contrasts: no pause (what he said), a pause right after 说 (the words said), someone else after the pause, negation
@pytest.mark.parametrize("text", [
    "他说我已经打了12345了",
    "他说 我已经打了12345了",
    "我朋友说 他已经打了12345了",
    "他说明天修 我没打12345",
    "他说明天修 我已经不想打12345了",
])
def test_what_someone_said_stays_theirs(text):
    assert_calm(text)
    assert not _alerts(text, None) and not _alerts(text)


# A step settled later in the turn, and a complaint made before to the company: as after a comma
@pytest.mark.parametrize("text", [
    "房东说找中介 我昨天已经打了幺二三四五了 后来房东给修好了 没事了",
    "他说明天修 我已经投诉了",
])
def test_a_step_settled_or_made_before_reads_as_after_a_comma(text):
    assert_calm(text)
    assert_calm(text.replace(" ", "，", 1))
    assert not _alerts(text, None)


def test_a_step_settled_later_reads_as_settled_not_reported():
    assert reasons("房东说找中介 我昨天已经打了幺二三四五了 后来房东给修好了 没事了") == ["resolved"]


# 2. a bad review given by someone else, read or told
@pytest.mark.parametrize("text", [
    "你好，我看网上有人给你们差评，说换屏要等三天，现在还要等那么久吗？",
    "网上好多人都给你们差评，你们这个到底质量怎么样",
    "我刷到有网友给你们留了个差评，说送货慢，是真的吗",
])
def test_others_review_is_told_not_threatened(text):
    assert_calm(text)
    assert not _alerts(text, None) and not _alerts(text)


# Contrasts: the caller giving it, after others or making others give it
@pytest.mark.parametrize("text", [
    "我也要像别人一样给你们差评",
    "网上有人给你们差评，我也要给你们差评",
    "我要让所有人都给你们差评",
    "你们再不退，我让网友都给你们差评",
    "再不处理我就给你们差评",
    "再这样我肯定就给人家个差评",
])
def test_the_callers_own_review_reads_as_before(text):
    assert_threat(text)


def test_the_whole_call_with_others_review_does_not_alert():
    turns = [("A", "您好，请问有什么可以帮您？"),
             ("C", "你好，我看网上有人给你们差评，说换屏要等三天，现在还要等那么久吗？"),
             ("A", "您好，现在备件充足，当天就能换好"), ("C", "哦那就好，谢谢")]
    assert not any(h.threat for h in detect_threats(call(*turns), CHOSEN_OPINION))


# 3. how the company acted, told to the body the caller goes to (fresh61_dev's c61-032, a rules-alone miss)
@pytest.mark.parametrize("text", [
    "现在人影都见不着电话也换了 我这礼拜五就带着全部材料去金融监管局 把你们怎么拖的一条一条说给他们听 我妈还在医院躺着呢",
    "我去消协 把你们怎么骗人的说清楚",
    "明天我就去住建局 把你们是怎么糊弄业主的都讲出来",
])
def test_how_they_acted_told_at_the_body_is_not_a_question(text):
    assert_threat(text)


# Contrasts: asked (吗 after it), or no 把 … 的 + telling (how they would react, asked)
@pytest.mark.parametrize("text", [
    "我去消协 把你们怎么处理的告诉我吗",
    "去金融监管局 你们怎么拖的",
])
def test_how_asked_after_a_body_reads_as_before(text):
    assert_calm(text)


# 4. a body's name running on past the cue (总局), then what it put out (fresh64_dev's c64-064, a rules-alone alert)
@pytest.mark.parametrize("text", [
    "我看到市场监管总局发了召回公告，说有一款电暖器要召回，我去年在你们这儿买的，想查查我的批次在不在里面。",
    "市场监管总局前几天发了个提醒，说电暖器要注意，你们这款有问题吗",
])
def test_what_a_head_office_body_put_out_is_a_source(text):
    assert_calm(text)


# Contrasts: going to it, or it told to act on the company
@pytest.mark.parametrize("text", [
    "我明天就去市场监管总局",
    "市场监管总局说让你们三天内答复",
])
def test_a_head_office_body_gone_to_reads_as_before(text):
    assert_threat(text)


# 5. a body the caller works at, said right after it (fresh64_dev's c64-067, a rules-alone alert)
@pytest.mark.parametrize("text", [
    "喂 我约了明天早上七点的车 去中级法院 我在那上班 想把目的地改成法院东门 那边好停",
    "帮我叫个车去派出所，我在那边工作",
    "送到市场监管局门口 我每天在那上班",
])
def test_a_body_the_caller_works_at_is_a_place(text):
    assert "threat" not in reasons(text)
    assert "place" in reasons(text)


# Contrasts: waiting there, a step before the pause, someone who works there
@pytest.mark.parametrize("text", [
    "我去法院 我在那等你",
    "我要去法院告你们 我在那上班",
    "我要去法院，我在那上班的朋友说能告你们",
])
def test_a_body_gone_to_with_no_job_there_reads_as_before(text):
    assert_threat(text)
