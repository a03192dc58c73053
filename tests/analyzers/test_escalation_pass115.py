"""Hundred-and-fifteenth pass (``THREAT_PASSES.md`` "Hundred-and-fifteenth pass"), **in-sample**: the rule errors of fresh312
… fresh319's first reading and the threats there that only the call model found.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, kept_from_the_vetoes, reasons


def test_the_version_is_rules_115_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 115


@pytest.mark.parametrize("threat", [
    # a lawyer booked who asks for the dispute's evidence
    "十二栋一单元八零二 嗯 我这周六已经约了律师见面 他让我把收据和验收单都带上 你们今天能不能给我个准确的退款日子",
    # the material handed in at a body, then the body's answer
    "车排是***幺 我材料都已经交到消费者协会了 他们说这两天会联系你们 你们把明细准备好",
    # headquarters' number named first, the dialling announced after it
    "我提醒你一句，你们总部的电话我已经查好了，今天办不好我就打过去。",
])
def test_the_caller_s_steps_read_as_threats(threat):
    assert_threat(threat)
    assert alerts(threat, None)


@pytest.mark.parametrize("calm", [
    # the company's own remedy first, the body second, in one alternative question
    "你好，我要寄一台笔记本电脑，想先问清楚：万一路上丢了，是你们直接赔，还是要到邮政管理局那边登记？",
    # the services named with 的
    "喂 你好 我是刚搬来的 ***栋的 想把物业的电画都存一下 报修的 投诉的 是不是都打这个号",
    # the neighbour opposite, 对门 heard as 对们
    "嗯 我对们那家说要去投诉你们 我倒觉得没啥 就是老人上下楼不方便",
    # this complaint, a noun
    "好的，那没事了，麻烦你们了。到账以后这个投诉是不是就可以结了？要我回复什么吗，还是你们自动关掉？",
    # how it is usually handled
    "蓝色的 折跌的 那个 顺便问一下 你们这儿要是投诉司机 一般都是咋处理的 俺就是好奇",
    # someone else's clamour
    "单号尾号***5。老人家性子急，刚才电话里嚷着要投诉，我说我先来问问情况。",
])
def test_questions_nouns_and_others_words_stay_calm(calm):
    assert_calm(calm)
    assert not alerts(calm, None)


def test_a_hotline_called_is_kept_from_the_vetoes():
    text = "我们单元电梯坏了一个星期了，昨天我给一二三四五打了电话，他们说会转给街道，我想问你们到底什么时候修。"
    assert kept_from_the_vetoes(text, "hotline") == [True]


def test_a_lawyer_booked_for_a_house_purchase_stays_a_service():
    assert "threat" not in reasons("我约了律师下周看购房合同，你们的开发商资料能发我一份吗")
