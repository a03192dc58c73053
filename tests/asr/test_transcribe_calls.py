"""End to end on constructed calls with the real Whisper-base model (CPU, greedy for speed).

Fixtures (tests/fixtures/audio, built by make_fixtures.py from MIT/Apache clips): an 8 kHz
μ-law stereo call (left = agent) and the same call as 16 kHz mono FLAC.
"""

from __future__ import annotations

import numpy as np
import pytest

from qa_engine.analyzers.acoustics import AcousticsAnalyzer
from qa_engine.conversation import Speaker

from .conftest import AUDIO, write_wav

pytestmark = pytest.mark.slow
FAST = dict(beam_size=1)


@pytest.fixture(scope="module")
def stereo_call(asr_ready):
    from qa_engine.asr import AsrOptions, transcribe_file

    return transcribe_file(AUDIO / "call_stereo_8k_ulaw.wav", AsrOptions(**FAST))


@pytest.fixture(scope="module")
def mono_call(asr_ready):
    from qa_engine.asr import AsrOptions, transcribe_file

    return transcribe_file(AUDIO / "call_mono_16k.flac", AsrOptions(**FAST))


def test_transcribe_stereo_roles_by_channel_and_time_order(stereo_call, truth):
    utts = stereo_call.utterances
    assert [u.start for u in utts] == sorted(u.start for u in utts)
    assert utts[0].speaker == Speaker.AGENT and utts[0].start < 1.0
    customer = [u for u in utts if u.speaker == Speaker.CUSTOMER]
    assert any("我想问" in u.text and abs(u.start - 5.6) < 0.6 for u in customer)
    assert any("有房" in u.text and abs(u.start - 18.0) < 0.6 for u in customer)
    assert all(0 <= u.confidence <= 1 for u in utts)


def test_transcribe_utterance_times_are_speech_not_padding(stereo_call, truth):
    # The decoder hears 400 ms of padding each side; the Conversation must not (it made
    # every turn gap under ~0.5 s an interruption and cut speech rates by 13–22 %).
    utts = stereo_call.utterances
    assert utts[0].start >= truth["stereo"][0][1] - 0.1                     # 0.5 s; padded: 0.1 s
    assert utts[-1].end <= truth["stereo"][-1][2] + 0.1
    true_overlap = 0.92 + 1.6                                               # C 12.0–12.92 in A1, A3 over C2
    assert AcousticsAnalyzer().analyze(stereo_call).items["overtalk"].detail["overlap_s"] <= true_overlap


def test_transcribe_records_audio_and_model_facts(stereo_call):
    audio, asr = stereo_call.attributes["audio"], stereo_call.attributes["asr"]
    assert (audio["sample_rate"], audio["channels"], audio["treated_as"]) == (8000, 2, "stereo")
    assert len(audio["per_channel"]) == 2 and audio["per_channel"][0]["clipped_share"] < 0.01
    assert asr["model"] == "whisper-base" and asr["model_size_bytes"] == 145_217_532
    assert asr["options"]["beam_size"] == 1
    assert "quality_gate" not in stereo_call.attributes


def test_transcribe_stereo_feeds_acoustics(stereo_call):
    items = AcousticsAnalyzer().analyze(stereo_call).items
    assert 10.5 < items["dead_air"].detail["longest_gap_s"] < 13.5          # 12 s built in
    assert items["dead_air"].value < 1.0
    overtalk = items["overtalk"]
    assert overtalk.detail["agent_interruptions"] == 1                      # A3 over C2, at 19.2 s
    assert abs(overtalk.evidence[0].start - 19.2) < 0.6


def test_transcribe_mono_assigns_two_roles(mono_call, truth):
    def true_role(u):
        mid = (u.start + u.end) / 2
        best = max(truth["mono"], key=lambda t: min(t[2], u.end) - max(t[1], u.start))
        return best[0] if best[1] - 0.5 <= mid <= best[2] + 0.5 else None

    labelled = [(u.speaker.value, true_role(u)) for u in mono_call.utterances]
    assert {s for s, _ in labelled} == {"agent", "customer"}
    accuracy = np.mean([s == t for s, t in labelled if t])
    assert accuracy >= 0.8, labelled
    assert mono_call.attributes["audio"]["treated_as"] == "mono"


def test_transcribe_silent_agent_channel_gates_instead_of_penalising(tmp_path, asr_ready):
    from qa_engine.asr import AsrOptions, transcribe_file
    from qa_engine.asr.decode import load_audio

    audio = load_audio(AUDIO / "call_stereo_8k_ulaw.wav", max_duration_s=3600)
    customer = audio.channels[1][: 16000 * 9]                                # first 9 s: "我想问"
    path = write_wav(tmp_path / "dead_agent.wav", [np.zeros_like(customer), customer], 16000)
    conv = transcribe_file(path, AsrOptions(**FAST))
    gate = conv.attributes["quality_gate"]
    assert "agent channel (left) near-silent" in gate["keywords"]
    assert set(gate) >= {"keywords", "acoustics"}
    assert not conv.has_speech(Speaker.AGENT)


def test_transcribe_silence_only_is_gated_not_scored(tmp_path, asr_ready):
    from qa_engine.asr import transcribe_file

    path = write_wav(tmp_path / "silence.wav", [np.zeros(16000 * 5)], 16000)
    conv = transcribe_file(path)
    assert conv.utterances == []
    assert set(conv.attributes["quality_gate"]) == {"keywords", "sentiment", "complaint_risk", "acoustics"}


def test_transcribe_hold_music_yields_no_phantom_text(tmp_path, asr_ready):
    from qa_engine.asr import AsrOptions, transcribe_file
    from qa_engine.asr.options import DEFAULT_HOTWORDS

    sr, notes = 16000, [262, 294, 330, 349, 392, 440, 494, 523]
    tone = np.arange(sr // 2) / sr
    music = np.concatenate([np.hanning(sr // 2) * (0.2 * np.sin(2 * np.pi * f * tone)
                                                   + 0.1 * np.sin(4 * np.pi * f * tone)) for f in notes * 3])
    path = write_wav(tmp_path / "hold_music.wav", [music], sr)
    conv = transcribe_file(path, AsrOptions(hotwords=DEFAULT_HOTWORDS))   # hotwords: the worst case
    assert conv.utterances == []
    assert conv.attributes["quality_gate"]["keywords"] == "no speech recognised in the recording"
