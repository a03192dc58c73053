"""Speech the recogniser could not transcribe stays in the timeline as an utterance with no
text (no model): talk time counts it, speech rate leaves it out, and a rule whose phrase
would be there goes to review, while a rule looking elsewhere is still charged."""

import re

from qa_engine.analyzers.acoustics import AcousticsAnalyzer
from qa_engine.asr.transcribe import UNTRANSCRIBED, untranscribed
from qa_engine.conversation import Conversation, Speaker, Utterance
from qa_engine.pipeline import Inspector


def _utt(seg) -> Utterance:
    return Utterance(speaker=seg.speaker, start=seg.start, end=seg.end, text=seg.text, confidence=seg.confidence,
                     flags=seg.flags)


def _call(lines: list[tuple[str, str | None]]) -> Conversation:
    """(role, text or None = untranscribed) turns, 4 s each with 1 s gaps."""
    utts, t = [], 0.5
    for role, text in lines:
        speaker = Speaker(role)
        if text is None:
            utts.append(_utt(untranscribed(t, t + 4.0, "no speech (no_speech_prob 0.76, avg_logprob -1.08)",
                                           speaker=speaker)))
        else:
            utts.append(Utterance(speaker=speaker, start=t, end=t + 4.0, text=text, confidence=0.9))
        t += 5.0
    return Conversation(id="c", channel="phone", utterances=utts, attributes={"audio": {"treated_as": "stereo"}})


AGENT_LINES = ["工号一零二四为您服务，请问有什么可以帮您？", "您是想查询这个问题对吗？我帮您核实一下。",
               "已经帮您查到了，明天就可以处理好。", "好的，请问还有什么可以帮您？", "感谢您的来电，祝您生活愉快，再见。"]


def _lines(untranscribed_at: int | None) -> list[tuple[str, str | None]]:
    lines = []
    for k, text in enumerate(AGENT_LINES):
        lines.append(("agent", None if k == untranscribed_at else text))
        lines.append(("customer", "我想问一下我的订单怎么还没到"))
    return lines


def test_untranscribed_speech_is_an_utterance_with_no_invented_text():
    seg = untranscribed(3.0, 7.5, "loop on non-speech (no_speech_prob 0.70, compression 1.3)", speaker=Speaker.AGENT)
    assert (seg.text, seg.confidence, seg.start, seg.end) == ("", 0.0, 3.0, 7.5)
    assert seg.flags == [f"{UNTRANSCRIBED}: loop on non-speech (no_speech_prob 0.70, compression 1.3)"]


def test_talk_time_counts_untranscribed_speech_and_speech_rate_leaves_it_out():
    clean, lost = _call(_lines(None)), _call(_lines(4))
    items, lost_items = AcousticsAnalyzer().analyze(clean).items, AcousticsAnalyzer().analyze(lost).items
    assert lost_items["talk_ratio"].detail["agent_talk_s"] == items["talk_ratio"].detail["agent_talk_s"] == 20.0
    rate = lost_items["speech_rate"].detail["agent"]
    assert rate["seconds"] == 16.0 and rate["left_out"] == [8]         # 4 transcribed agent lines
    han = sum(len(re.findall(r"[\u4e00-\u9fff]", t)) for t in AGENT_LINES[:4])
    assert rate["chars"] == han and rate["cpm"] == round(han / 16.0 * 60, 1)
    assert lost_items["dead_air"].detail["longest_gap_s"] == items["dead_air"].detail["longest_gap_s"]


def test_a_rule_whose_phrase_would_be_in_untranscribed_speech_goes_to_review_not_a_charged_miss():
    lines = _lines(0)                                 # the agent's opening line could not be read
    lines[2] = ("agent", "您是想查询这个问题对吗？")    # and the second has no greeting either
    item = {i.id: i for i in Inspector().inspect(_call(lines)).items}["greeting"]
    assert item.value is None and item.needs_review, item


def test_untranscribed_speech_elsewhere_does_not_excuse_a_miss():
    lines = _lines(2)                                 # unreadable line in the middle of the call
    lines[0] = ("agent", "工号一零二四为您服务。")       # no greeting in the first two agent lines
    lines[2] = ("agent", "我帮您核实一下。")
    lines[4] = ("agent", None)
    item = {i.id: i for i in Inspector().inspect(_call(lines)).items}["greeting"]
    assert item.value == 0.0 and not item.needs_review, item


def test_unpacked_path_keeps_a_region_the_decoder_gave_nothing(monkeypatch):
    """pack_s=0 (one window per region): a region with no decoded segment is kept, no text."""
    import faster_whisper
    import numpy as np

    from qa_engine.asr.options import AsrOptions
    from qa_engine.asr.transcribe import _transcribe_channel

    class _Seg:
        def __init__(self, seek, start, end, text):
            self.seek, self.start, self.end, self.text = seek, start, end, text
            self.avg_logprob, self.no_speech_prob, self.compression_ratio = -0.2, 0.01, 1.2

    class FakePipeline:
        def __init__(self, model):
            pass

        def transcribe(self, audio, **kwargs):
            c = kwargs["clip_timestamps"][0]          # only the first region is heard
            return iter([_Seg(int(int(c["start"] * 16000) / 16000 * 100), c["start"], c["end"],
                              "您好，请问有什么可以帮您")]), None

    monkeypatch.setattr(faster_whisper, "BatchedInferencePipeline", FakePipeline)
    regions = [{"start": 1.0, "end": 4.0, "pad_start": 0.6, "pad_end": 4.4},
               {"start": 6.0, "end": 9.0, "pad_start": 5.6, "pad_end": 9.4}]
    dropped: list[dict] = []
    segs = list(_transcribe_channel(None, np.zeros(16000 * 10, np.float32), AsrOptions(pack_s=0), dropped, "agent",
                                    regions=regions))
    assert [(s.text, s.start, s.end) for s in segs] == [("您好，请问有什么可以帮您", 1.0, 4.0), ("", 6.0, 9.0)]
    assert segs[1].flags == [f"{UNTRANSCRIBED}: no text"]
    assert dropped == [{"channel": "agent", "start": 6.0, "end": 9.0, "text": "", "reason": "no text",
                        "kept_as": "untranscribed speech"}]
