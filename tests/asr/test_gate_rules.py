"""The agent-protection quality gate, from measured channel facts (no model needed)."""

from __future__ import annotations

import numpy as np

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
