"""The agent-protection quality gate, from measured channel facts (no model needed)."""

from __future__ import annotations

import numpy as np
import pytest

from qa_engine.asr.channels import ChannelStats, channel_stats, is_dual_mono
from qa_engine.asr.gate import quality_gate
from qa_engine.asr.options import AsrOptions
from qa_engine.conversation import Conversation, Utterance

OK = ChannelStats(rms_dbfs=-22.0, peak=0.6, clipped_share=0.0)
SILENT = ChannelStats(rms_dbfs=-80.0, peak=0.001, clipped_share=0.0)
CLIPPED = ChannelStats(rms_dbfs=-6.0, peak=1.0, clipped_share=0.05)


def conv(*speakers):
    return Conversation(id="g", utterances=[Utterance(speaker=s, start=i, end=i + 1, text="您好")
                                            for i, s in enumerate(speakers)])


def gate(conversation, stats, stereo=True, **kw):
    return quality_gate(conversation, None, stats, stereo=stereo, options=AsrOptions(**kw))


def test_gate_clean_call_gates_nothing():
    assert gate(conv("agent", "customer"), [OK, OK]) == {}


def test_gate_clipped_agent_channel_gates_keywords_only():
    g = gate(conv("agent", "customer"), [CLIPPED, OK])
    assert set(g) == {"keywords"} and "agent channel (left) clipped (5.0% of samples" in g["keywords"]


def test_gate_follows_the_agent_channel_setting():
    g = gate(conv("agent", "customer"), [CLIPPED, OK], agent_channel="right")
    assert set(g) == {"sentiment", "complaint_risk"} and "customer channel (left) clipped" in g["sentiment"]


def test_gate_silent_customer_channel():
    g = gate(conv("agent"), [OK, SILENT])
    assert set(g) == {"sentiment", "complaint_risk", "acoustics"}
    assert "customer channel (right) near-silent (-80 dBFS)" in g["sentiment"]


def test_gate_one_sided_mono_call():
    g = gate(conv("customer", "customer"), [OK], stereo=False)
    assert g == {"keywords": "one-sided call: no agent speech recognised",
                 "acoustics": "one-sided call: no agent speech recognised"}


def test_gate_asr_failure_on_one_channel():
    g = quality_gate(conv("customer"), None, [OK, OK], stereo=True, options=AsrOptions(),
                     failures={"agent": "ASR failed on agent channel (RuntimeError: boom)"})
    assert g["keywords"].startswith("ASR failed on agent channel")


def test_channel_measures():
    x = np.concatenate([np.full(90, 0.5), np.full(10, 1.0)]).astype(np.float32)
    st = channel_stats(x)
    assert st.clipped_share == 0.1 and st.peak == 1.0
    assert is_dual_mono(x, x.copy()) and not is_dual_mono(x, -x)


def test_gate_truncated_recording_protects_end_of_call_items():
    class Audio:
        notes = ["truncated: header says 43.0 s, decoded 21.5 s"]

    g = quality_gate(conv("agent", "customer"), Audio(), [OK, OK], stereo=True, options=AsrOptions())
    assert set(g) == {"keywords", "sentiment"} and "truncated: header says 43.0 s" in g["keywords"]


def test_padding_is_for_decoding_only():
    from qa_engine.asr.transcribe import pad_regions, speech_times

    regions = pad_regions([{"start": 1.0, "end": 2.0}, {"start": 2.3, "end": 4.0}, {"start": 9.0, "end": 9.5}],
                          0.4, 9.7)
    assert [(r["pad_start"], r["pad_end"]) for r in regions] == \
        [(0.6, pytest.approx(2.15)), (pytest.approx(2.15), 4.4), (8.6, 9.7)]   # half a short gap each side
    assert [(r["start"], r["end"]) for r in regions] == [(1.0, 2.0), (2.3, 4.0), (9.0, 9.5)]
    # A segment decoded over the padded window keeps only its speech times.
    assert speech_times(0.6, 2.15, regions[0]) == (1.0, 2.0)
    assert speech_times(2.5, 3.0, regions[1]) == (2.5, 3.0)
    assert speech_times(8.6, 8.8, regions[2]) == (9.0, 9.0)                  # all padding: zero length


def test_clipped_call_is_not_scored_from_a_sliver_of_the_weight():
    # The case: a clipped recording gated keywords, sentiment and complaint risk; only
    # timing items were left, and the call scored 100.0 from 5 of 100 weight points.
    from qa_engine.pipeline import Inspector

    conversation = Conversation(id="clipped", channel="phone", utterances=[
        Utterance(speaker="agent", start=0.5, end=4.0, text="您好，工号一零二四，请问有什么可以帮您"),
        Utterance(speaker="customer", start=4.6, end=7.0, text="我想查一下订单"),
        Utterance(speaker="agent", start=7.5, end=11.0, text="好的，已经帮您查到了，明天送到")],
        attributes={"audio": {"treated_as": "stereo"}, "quality_gate": {
            name: "recording clipped (19.0% of samples at full scale)"
            for name in ("keywords", "sentiment", "complaint_risk")}})
    result = Inspector().inspect(conversation)
    assert result.score is None and result.coverage is not None and result.coverage < 0.2
    assert "coverage" in result.needs_review and "score withheld" in result.review_reasons["coverage"]


def test_gate_speech_that_could_not_be_transcribed_is_named_as_such():
    from qa_engine.asr.transcribe import untranscribed

    seg = untranscribed(1.0, 4.0, "no text", speaker="agent")
    unread = Conversation(id="u", utterances=[Utterance(speaker="agent", start=seg.start, end=seg.end, text=seg.text,
                                                        confidence=seg.confidence, flags=seg.flags)])
    g = gate(unread, [OK, OK])
    assert g["keywords"] == "speech found (1 region(s)) but none could be transcribed"
    assert set(g) == {"keywords", "sentiment", "complaint_risk", "acoustics"}
    assert gate(Conversation(id="e", utterances=[]), [OK, OK])["keywords"] == "no speech recognised in the recording"
