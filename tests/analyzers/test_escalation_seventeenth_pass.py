"""Seventeenth pass (escalation-rules-17): fresh34_dev's errors of the threat detector (no missed threat; ten calm
alerts under the default, twelve with the rules alone), each fixed by its family (model card "Seventeenth pass").

1. ASR output segmented into words (我 不 想 投诉 也 不 想 闹): the spaces between Chinese words are read past, as
   fillers are, so the frames see the words together; phrase-level pauses keep their meaning.
2. 一般是找你们还是找… (how it is usually done): the second half of an alternative question, not a step.
3. Someone else's words going on in the next clause (我室友说…，说要去打12315…; 我同事说…，还说要给你们差评).
4. A past threat settled by a free order (后来店长给我免了单).
5. A film or an episode told by its plot (律师打官司的那部).
6. A meme or a sticker that names a step (律师函警告那个梗, 表情包).
7. A pet's name (那只叫小律师的橘猫).
8. Exposure offered as promotion (帮你们曝光一下 … 链接 / 合作 / 推广).
9. Praise to be seen by a superior (给他点个好评 … 能让你们领导看到).

After fresh34_test's one scoring (in-sample for it): an ASR pause before 过, a crowd or a blogger as the reported
speaker, a blogger exposing another company, someone else's step left to them (他们找不找…我不管), and the second
opinion reading word-segmented ASR without its word spaces (last part of this file).

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh34.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, detect_threats
from tests.analyzers.threat_probes import assert_calm as _calm, assert_threat as _threat, call


def test_the_version_is_rules_17_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 17


@pytest.mark.parametrize("text", [
    "我 其实 不 想 投诉 你们 就是 想 问 一下 退款 进度",
    "我 表哥 是 当 律师 的 他 让 我 问问 合同 的 事",
    "你们 这个 押金 我 真的 不 打算 去 投诉 但是 得 退 给 我",
    "我 闺蜜 说 要 去 十二三一五 举报 你们 我 觉得 没 必要",
])
def test_word_segmented_asr_is_read_as_one_run(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "你们 再 不 处理 我 就 找 你们 领导",
    "我 明天 就 去 幺 二 三 幺 五 投诉 你们",
])
def test_a_threat_in_word_segmented_asr_still_counts(text):
    _threat(text)


@pytest.mark.parametrize("text, segmented", [
    ("我 不 想 投诉 也 不 想 闹 你们 把 钱 退 了", True),
    ("后来你们赔了 我就没起诉", False),
    ("我昨天打过电话了 你们说三天回复 到现在都没人理我 我要投诉", False),
])
def test_only_word_segmented_text_loses_its_spaces(text, segmented):
    from qa_engine.analyzers._escalation_reading import _segmented

    assert _segmented(text) is segmented


@pytest.mark.parametrize("text", [
    "出了问题一般是找你们还是找市场监管局啊",
    "这种情况一般是找店家还是去消协呀",
])
def test_how_it_is_usually_done_is_a_question(text):
    _calm(text)


def test_an_alternative_with_the_callers_step_still_counts():
    _threat("你们是今天给我退，还是等我去市场监管局投诉你们")


@pytest.mark.parametrize("text", [
    "我表姐说你们家服务差，说要去打12345投诉你们",
    "我朋友说这家店不靠谱，还说要给他们差评",
])
def test_someone_elses_words_go_on_in_the_next_clause(text):
    _calm(text)


def test_the_callers_own_step_after_a_report_still_counts():
    _threat("我朋友说你们不靠谱，我要去打12345投诉你们")


def test_a_past_threat_settled_by_a_free_order_is_resolved():
    _calm("上次我说要投诉你们，后来店长给我免了单")


def test_a_film_told_by_its_plot_is_a_mention():
    _calm("周末想看那个律师帮人打官司的那部，你们片库有吗")


def test_a_step_about_that_part_of_the_money_still_counts():
    _threat("那部分钱你们不退，我就找律师起诉你们")


@pytest.mark.parametrize("text", [
    "群里都在发那个律师函警告的表情包",
    "这个钥匙扣上印的是律师函警告那个梗吧",
])
def test_a_meme_that_names_a_step_is_a_mention(text):
    _calm(text)


def test_a_letter_warned_of_in_earnest_still_counts():
    _threat("你们再不退款，我就让律师给你们发律师函")


@pytest.mark.parametrize("text", [
    "周六想带我妹来看你们那只叫小律师的布偶",
    "我家狗叫记者，寄养三天多少钱",
    "我家那条狗的名字叫警察",
])
def test_a_pets_name_is_a_mention(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "你们再不退我只叫律师跟你们谈",
    "你们再不退我就叫律师来",
])
def test_calling_a_lawyer_in_still_counts(text):
    _threat(text)


def test_exposure_offered_as_promotion_is_a_mention():
    _calm("我是做探店的博主，帮你们曝光一下，合作费用我们再谈")


def test_exposure_threatened_without_promotion_still_counts():
    _threat("你们不退钱，我就拍个视频帮你们曝光一下")


def test_praise_to_be_seen_by_a_superior_is_a_mention():
    _calm("我在点评上给师傅写了好评，好让你们领导看到")


def test_a_superior_told_of_the_service_still_counts():
    _threat("我要让你们领导知道你们是怎么服务的")


def test_a_segmented_asr_call_with_a_negated_complaint_does_not_alert():
    calm = call(("A", "您好 请讲"), ("C", "说 实话 我 挺 生气 的 但是 我 不 想 投诉 你们 把 押金 退 给 我 就行"))
    assert not [h for h in detect_threats(calm, None) if h.threat]


# After fresh34_test's one scoring (in-sample for it).

@pytest.mark.parametrize("text", [
    "我上个月 在你们店 投诉 过一回 后来 给我 换了",
    "群里很多人都说要去找你们经理，我就是问问什么时候发货",
    "网上有博主说你们去年那批货被曝光了，我就是好奇",
    "我刷到一个博主曝光别家奶茶店用隔夜奶，所以来问问你们",
    "他们找不找经理我不管，我就想退个款",
])
def test_a_past_complaint_a_crowd_a_blogger_and_their_own_step_are_not_the_callers(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "他们找不找经理我不管，我自己要去找你们经理",
    "我找了一个博主，让他曝光你们",
    "我要去投诉 过两天就去",
    "大家都说你们服务好，我也来试试，不过你们再拖我就投诉",
])
def test_the_callers_own_step_beside_them_still_counts(text):
    _threat(text)


def test_the_second_opinion_reads_word_segmented_asr_without_its_spaces():
    from qa_engine.analyzers.escalation import CHOSEN_OPINION

    reported = call(("A", "您好 请讲"), ("C", "就是 隔壁 那 桌 一直 很 吵 好 多 人 都 说 要 去 找 你们 店长 我 就 想 换 个 位置"))
    own = call(("A", "您好 请讲"), ("C", "你们 再 不 给 我 换 位置 我 就 去 找 你们 店长"))
    assert not [h for h in detect_threats(reported, CHOSEN_OPINION) if h.threat]
    assert [h for h in detect_threats(own, CHOSEN_OPINION) if h.threat]
