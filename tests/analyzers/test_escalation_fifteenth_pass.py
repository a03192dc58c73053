"""Fifteenth pass (escalation-rules-14): fresh32_dev's errors of the threat detector (three missed threats, six calm
alerts under the default, nine with the rules alone), each fixed by its family (model card "Fifteenth pass").

1. ASR homophones a reader recognises: 头诉 for 投诉, 幺儿三幺五 (儿 heard for 二) for 12315.
2. Hotlines: 12316 (agriculture) and 12300 (telecom appeals, the fourteenth pass's named leftover); 一块告 / 一起告.
3. A licence plate read out (京A 一二三二八) and a number printed on a label or sign read out (写着 举报电话 …) are mentions.
4. A step taken back as a joke in the same turn (…告你们…，哈哈，开玩笑的) is negated.
5. What someone else would have done (要是换成别人，早打12315了) is reported.
6. Someone else's exposure told (博主的视频，曝光了好几个牌子) is reported; a complaint aimed at the caller's household
   (邻居老投诉我家孩子) is the counterpart's step.
7. Cue words as objects and names: 投诉箱, a quoted “…投诉” printed on a sign (印上“…”几个字), 消协大厦 as a landmark,
   律师实务 books, a role played (演记者).

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh32.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, scan_text
from tests.analyzers.threat_probes import assert_calm as _calm, assert_threat as _threat, reasons as _reasons


def test_the_version_is_rules_14_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 14


@pytest.mark.parametrize("text", [
    "你们再这样拖 我就去头诉你们",
    "我要头诉这个师傅",
    "不给退的话我就打幺儿三幺五",
])
def test_asr_homophones_a_reader_recognises_count(text):
    _threat(text)


@pytest.mark.parametrize("text", [
    "我家幺儿三岁了，想报个游泳班",
    "他头上缝了三针",
])
def test_the_homophone_reading_stays_narrow(text):
    assert "threat" not in _reasons(text), scan_text(text)


@pytest.mark.parametrize("text", [
    "化肥不退的话我就打幺二三幺六",
    "你们再乱扣费 我就打一二三零零 找工信部那个电话",
    "再不赔我就打12316",
    "种子出了问题，我要拉上你们和厂家一块告",
    "你们再乱扣费 我就打幺二三零零",
])
def test_new_hotlines_and_suing_along_with_someone_else_count(text):
    _threat(text)


@pytest.mark.parametrize("text", [
    "我的车牌是沪B 一二三一五，白色的",
    "粤A12345那辆车在你们店里做保养",
    "包装上写着 监督电话 一二三幺六 这个能打吗",
    "标签上印着投诉电话12315，是你们贴的吗",
])
def test_a_plate_or_a_printed_number_read_out_is_a_mention(text):
    _calm(text)


def test_a_printed_number_then_the_callers_step_still_counts():
    _threat("包装上写着12315，你们不退我就打这个12315")


@pytest.mark.parametrize("text", [
    "你们的蛋糕太好吃了，我要去法院告你们让我长胖，哈哈，开玩笑的",
    "再这样我就投诉你们了 逗你玩的 下次还来",
])
def test_a_step_taken_back_as_a_joke_is_negated(text):
    _calm(text)


def test_without_the_joke_the_step_counts():
    _threat("再不退我就去法院告你们，哈哈，你们看着办")


@pytest.mark.parametrize("text", [
    "要是换了别人，估计早就投诉你们了，我这人好说话",
    "如果是其他人，早打12345了，我就算了",
])
def test_what_someone_else_would_have_done_is_reported(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "有个美食博主的视频，曝光了好几家外卖店的后厨",
    "楼上邻居老投诉我家狗叫",
    "隔壁总是举报我们家孩子在楼道里玩",
])
def test_someone_elses_exposure_or_a_complaint_about_the_callers_household_is_not_the_callers(text):
    _calm(text)


def test_the_caller_exposing_after_a_video_still_counts():
    _threat("看了那个博主的视频，我也要把你们曝光")


@pytest.mark.parametrize("text", [
    "我们公司的投诉箱坏了，想买个新的",
    "帮我在牌子上印上“投诉与建议”几个字",
    "我在消协大厦对面上班，能送过来吗",
    "想借几本律师实务方面的书",
    "这次剧本杀我演记者",
])
def test_cue_words_as_objects_names_landmarks_and_roles_are_mentions(text):
    _calm(text)


def test_a_complaint_through_the_box_as_a_threat_still_counts_by_its_own_step():
    _threat("你们再不处理，我就去投诉你们")


@pytest.mark.parametrize("text", [
    "再不退款我就去消协投诉，我不是开玩笑的",
    "你们等着收律师函吧，没在开玩笑",
])
def test_insisting_it_is_no_joke_keeps_the_step(text):
    _threat(text)


# After fresh32_test's one scoring (in-sample for it): a sign's text after 上面写, the body's requirement of the caller, the
# caller's own records checked, another company's lawsuit (跟一家…公司打官司), lottery numbers and counting, a game's plot.
@pytest.mark.parametrize("text", [
    "门口要挂个牌子，上面写 投诉电话 一二三四五",
    "这张告示是市场监管局要求我们贴在门口的",
    "下周市场监管局要来查我们的进货台账",
    "我姐跟一家装修公司打官司，想问你们的板材是哪个厂的",
    "帮我选号 一二三四五 加零九",
    "我女儿每天数一二三一五，就是学数数",
    "有没有那种侦探要报警的剧情",
])
def test_signs_requirements_own_records_other_companies_numbers_and_plots_are_not_threats(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "你们不退钱，我就要求市场监管局来查你们",
    "再不处理我就跟你们公司打官司",
    "你们不给说法我就数到三然后打一二三一五",
    "我就直接报警，这不是什么剧情",
])
def test_the_counterparts_still_count(text):
    _threat(text)
