"""Output hygiene and hallucination guards, on text alone (no model)."""

from __future__ import annotations

import pytest

from qa_engine.asr.hygiene import (
    collapse_repeats,
    digits_to_chinese,
    judge_segment,
    normalize_for_cer,
    to_simplified,
)
from qa_engine.asr.options import DEFAULT_HOTWORDS, AsrOptions

OPTS = AsrOptions()


def judge(text, logprob=-0.2, no_speech=0.05, compression=None, options=OPTS):
    return judge_segment(text, avg_logprob=logprob, no_speech_prob=no_speech, compression=compression, options=options)


def test_hygiene_traditional_becomes_simplified():
    assert to_simplified("請問有什麼可以幫您") == "请问有什么可以帮您"


@pytest.mark.parametrize("heard, written", [
    ("一共2499元", "一共两千四百九十九元"),
    ("工号0421", "工号零四二一"),
    ("电话13812345678", "电话一三八一二三四五六七八"),
    ("打了50%的折", "打了百分之五十的折"),
    ("工号1024", "工号一零二四"),              # an id after its cue word: digit by digit
    ("工号是503很高兴", "工号是五零三很高兴"),
    ("订单号为 503", "订单号为 五零三"),
    ("2024年", "二零二四年"),                 # years too
    ("一共12个", "一共十二个"),               # a count stays a number
    ("退款2499元", "退款两千四百九十九元"),
    ("收到1024", "收到一千零二十四"),         # no cue: a quantity
])
def test_hygiene_digits_written_as_spoken(heard, written):
    assert digits_to_chinese(heard) == written


def test_hygiene_cer_form_makes_2499_equal_to_words():
    assert normalize_for_cer("一共2499元。") == normalize_for_cer("一共两千四百九十九元")


def test_hygiene_corrections_lexicon_applies():
    v = judge("我要申请李培", options=AsrOptions(corrections={"李培": "理赔"}))
    assert v.text == "我要申请理赔"


@pytest.mark.parametrize("text", ["请不吝点赞 订阅 转发 打赏支持明镜与点点栏目", "字幕由Amara.org社区提供"])
def test_hygiene_subtitle_credits_are_dropped_with_reason(text):
    assert "subtitle-credit" in judge(text).drop_reason


def test_hygiene_hotword_echo_on_non_speech_is_dropped():
    # Seen on a 0.9 s "哦嗯" backchannel: the hotword prompt came back as a fake greeting.
    v = judge("请问有什么可以帮您，请问有什么可以帮您，", logprob=-0.1, no_speech=0.97,
              options=AsrOptions(hotwords=DEFAULT_HOTWORDS))
    assert v.drop_reason and "hotwords" in v.drop_reason


def test_hygiene_prompt_echo_is_dropped():
    prompt = "以下是普通话的句子。"
    v = judge(prompt, logprob=-0.6, no_speech=0.9, options=AsrOptions(initial_prompt=prompt))
    assert v.drop_reason and "prompt" in v.drop_reason


def test_hygiene_real_greeting_is_kept():
    v = judge("您好，请问有什么可以帮您", logprob=-0.15, no_speech=0.02, options=AsrOptions(hotwords=DEFAULT_HOTWORDS))
    assert v.drop_reason is None and v.flags == []


def test_hygiene_repetition_collapsed_and_flagged():
    assert collapse_repeats("好的好的好的好的好的好的谢谢", 4) == ("好的谢谢", True)
    v = judge("好的好的好的好的好的好的谢谢")
    assert v.text == "好的谢谢" and "asr_doubtful: repetition collapsed" in v.flags


def test_hygiene_low_confidence_is_flagged_not_deleted():
    v = judge("我想问一下理赔的进度", logprob=-1.3, no_speech=0.1)
    assert v.drop_reason is None
    assert "asr_low_confidence" in v.flags and any(f.startswith("asr_doubtful: avg_logprob") for f in v.flags)
    assert 0 <= v.confidence < OPTS.low_confidence


def test_hygiene_text_far_too_short_for_its_speech_is_doubtful():
    from qa_engine.asr.hygiene import degenerate

    options = AsrOptions()
    short = judge_segment("五.", avg_logprob=-0.03, no_speech_prob=0.0, compression=None, options=options, seconds=3.7)
    assert "asr_doubtful: 1 character(s) in 3.7 s of speech" in short.flags
    ok = judge_segment("好的，请问还有什么可以帮您", avg_logprob=-0.03, no_speech_prob=0.0, compression=None,
                       options=options, seconds=3.7)
    assert ok.flags == []
    assert judge_segment("好的", avg_logprob=-0.03, no_speech_prob=0.0, compression=None, options=options,
                         seconds=1.2).flags == []                      # short backchannel: not sparse
    assert degenerate("0.0.0.2.4.5.5.5.5.5.5.5.5.5.", 8.1, options)          # a digit loop, as decoded
    assert not degenerate("您好，工号一零二四，很高兴为您服务", 8.1, options)
