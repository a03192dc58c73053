"""AcousticsAnalyzer on hand-built timed conversations: each finding's raw numbers and mapping."""

from __future__ import annotations

import pytest

from qa_engine.analyzers import create
from qa_engine.analyzers.acoustics import AcousticsAnalyzer, AcousticsOptions
from qa_engine.conversation import Conversation, Utterance


def call(*turns, channel="phone", attributes=None) -> Conversation:
    return Conversation(id="t", channel=channel, attributes=attributes or {},
                        utterances=[Utterance(speaker=s, start=a, end=b, text=t) for s, a, b, t in turns])


GREETING = ("agent", 0.0, 4.0, "您好，工号一零二四，很高兴为您服务，请问有什么可以帮您？")


def test_acoustics_registered_and_declares_its_keys():
    analyzer = create("acoustics.v1")
    assert isinstance(analyzer, AcousticsAnalyzer)
    assert analyzer.produces == AcousticsAnalyzer.FINDINGS
    assert AcousticsAnalyzer.FINDINGS == {"dead_air", "overtalk", "speech_rate", "talk_ratio", "hold"}


def test_acoustics_dead_air_maps_longest_uncovered_gap():
    conv = call(GREETING, ("customer", 5.0, 9.0, "我想查一下我的订单到哪了"),
                ("agent", 29.0, 33.0, "您的订单已经发货了，预计明天送到"),   # 20 s of nothing before it
                ("customer", 33.5, 130.0, "好的，那我再问一下退货的事情" * 20))   # long call: silence share 15 %
    f = AcousticsAnalyzer().analyze(conv).items["dead_air"]
    assert f.detail["longest_gap_s"] == pytest.approx(20.0)
    assert f.value == pytest.approx(0.5)                           # 10 s → 1, 30 s → 0
    assert f.evidence[0].start == pytest.approx(9.0) and f.evidence[0].end == pytest.approx(29.0)


def test_acoustics_gap_after_hold_notice_is_a_hold_not_dead_air():
    conv = call(GREETING, ("customer", 5.0, 9.0, "我想查一下我的订单到哪了"),
                ("agent", 9.5, 11.0, "好的，请稍等，我帮您查一下"),
                ("agent", 41.0, 45.0, "感谢您的耐心等待，订单明天送到"))    # 30 s hold
    items = AcousticsAnalyzer().analyze(conv).items
    assert items["dead_air"].value == 1.0 and items["dead_air"].detail["covered_by_hold_notice"] == 1
    assert items["hold"].detail["holds"] == 1
    assert items["hold"].detail["longest_hold_s"] == pytest.approx(30.0)
    assert items["hold"].value == 1.0                               # ≤ 60 s is fine
    assert items["hold"].evidence[0].utterance == 2


def test_acoustics_long_hold_costs_value():
    conv = call(("agent", 0.0, 2.0, "请您稍等"), ("agent", 122.0, 124.0, "让您久等了"))
    assert AcousticsAnalyzer().analyze(conv).items["hold"].value == pytest.approx(0.5)   # 120 s: half way 60→180


def test_acoustics_backchannel_is_not_an_interruption_but_a_turn_is():
    conv = call(("customer", 0.0, 8.0, "我上周买的东西到现在还没到，物流也不更新，我想问问到底怎么回事"),
                ("agent", 3.0, 3.6, "嗯"),                                  # backchannel
                ("agent", 6.0, 10.0, "这个我们没办法，你自己去问快递吧"))     # takes the floor
    f = AcousticsAnalyzer().analyze(conv).items["overtalk"]
    assert f.detail["agent_interruptions"] == 1
    assert [e.utterance for e in f.evidence] == [2]
    assert f.value == pytest.approx(2 / 3, abs=1e-3)


def test_acoustics_overtalk_not_applicable_on_mono_recordings():
    conv = call(GREETING, ("customer", 5.0, 9.0, "我想查订单"), attributes={"audio": {"treated_as": "mono"}})
    f = AcousticsAnalyzer().analyze(conv).items["overtalk"]
    assert f.value is None and "mono" in f.na_reason


def test_acoustics_speech_rate_band():
    # 46 chars in 6 s = 460 cpm; 24 chars in 8 s = 180 cpm.
    fast = call(("agent", 0.0, 6.0, "您好工号一零二四很高兴为您服务请问有什么可以帮您" * 2),
                ("customer", 6.5, 8.0, "查订单"))
    ok = call(("agent", 0.0, 8.0, "您好，工号一零二四，很高兴为您服务，请问有什么可以帮您？"),
              ("customer", 8.5, 10.0, "查订单"))
    analyzer = AcousticsAnalyzer(AcousticsOptions(rate_ok=(160, 300)))
    assert analyzer.analyze(fast).items["speech_rate"].value == 0.0
    rate = analyzer.analyze(ok).items["speech_rate"]
    assert rate.value == 1.0 and rate.detail["agent"]["cpm"] == pytest.approx(180.0)


def test_acoustics_talk_ratio_band():
    monologue = call(("agent", 0.0, 90.0, "介绍" * 200), ("customer", 90.0, 95.0, "好的"))
    balanced = call(("agent", 0.0, 30.0, "介绍" * 60), ("customer", 30.0, 60.0, "问题" * 60))
    analyzer = AcousticsAnalyzer()
    assert analyzer.analyze(monologue).items["talk_ratio"].value == 0.0
    assert analyzer.analyze(balanced).items["talk_ratio"].detail["agent_share"] == pytest.approx(0.5)
    assert analyzer.analyze(balanced).items["talk_ratio"].value == 1.0


@pytest.mark.parametrize("conv, reason", [
    (call(GREETING, channel="chat"), "not a voice conversation"),
    (call(("agent", 0, 0, "您好"), ("customer", 0, 0, "你好")), "no time stamps"),
    (call(), "no utterances"),
])
def test_acoustics_not_applicable_without_voice_timing(conv, reason):
    items = AcousticsAnalyzer().analyze(conv).items
    assert set(items) == AcousticsAnalyzer.FINDINGS
    assert all(f.value is None and reason in f.na_reason for f in items.values())


def test_acoustics_agent_turn_split_in_segments_counts_once():
    conv = call(("customer", 0.0, 6.0, "我上周买的东西到现在还没到，我想问问怎么回事"),
                ("agent", 4.0, 5.0, "这个我们这边"),
                ("agent", 5.0, 7.0, "没办法处理"))
    assert AcousticsAnalyzer().analyze(conv).items["overtalk"].detail["agent_interruptions"] == 1


def test_acoustics_speech_rate_leaves_out_doubtful_asr_text():
    """A garbled line (the recogniser heard one character of a 5 s farewell) says nothing about
    how fast the agent spoke: its characters and seconds are both left out of the rate, and
    its seconds still count as talk time."""
    utts = [Utterance(speaker="agent", start=0.0, end=8.0, text="您好，工号一零二四，很高兴为您服务，请问有什么可以帮您？"),
            Utterance(speaker="customer", start=8.5, end=10.0, text="查订单"),
            Utterance(speaker="agent", start=10.5, end=15.5, text="鸡", confidence=0.4,
                      flags=["asr_doubtful: repetition collapsed", "asr_low_confidence"])]
    items = AcousticsAnalyzer(AcousticsOptions(rate_ok=(160, 300))).analyze(
        Conversation(id="t", channel="phone", utterances=utts)).items
    rate = items["speech_rate"]
    assert rate.detail["agent"]["cpm"] == pytest.approx(180.0)
    assert rate.detail["agent"]["untrusted_s"] == pytest.approx(5.0) and rate.detail["agent"]["left_out"] == [2]
    assert rate.value == 1.0
    assert items["talk_ratio"].detail["agent_talk_s"] == pytest.approx(13.0)
    # Only doubtful agent text: no rate, said so.
    only_bad = Conversation(id="t", channel="phone", utterances=[utts[1], utts[2]])
    assert "reliably transcribed" in AcousticsAnalyzer().analyze(only_bad).items["speech_rate"].na_reason
