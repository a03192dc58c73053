"""Mono one-voice test (qa_engine.asr.diarize): ΔBIC per frame on synthetic frames and on
the fixtures' real voices (VAD and features only; the model test is marked slow)."""

from __future__ import annotations

import numpy as np
import pytest

from qa_engine.asr.diarize import _TWO_VOICES_BIC, _one_voice

from .conftest import AUDIO, write_wav


def _pieces(rng, mean, n_pieces=6, frames=150, d=13):
    cov = np.diag(np.linspace(2.0, 0.5, d))
    return [rng.multivariate_normal(mean, cov, size=frames) for _ in range(n_pieces)]


def test_one_voice_when_two_clusters_come_from_one_distribution():
    rng = np.random.default_rng(0)
    frames = _pieces(rng, np.zeros(13), n_pieces=8)
    one, measure = _one_voice(frames, np.array([0, 1] * 4))
    assert one and measure["delta_bic_per_frame"] < _TWO_VOICES_BIC


def test_two_voices_when_the_clusters_differ():
    rng = np.random.default_rng(1)
    shifted = np.r_[np.full(6, 3.0), np.zeros(7)]
    frames = _pieces(rng, np.zeros(13), 4) + _pieces(rng, shifted, 4)
    one, measure = _one_voice(frames, np.array([0] * 4 + [1] * 4))
    assert not one and measure["delta_bic_per_frame"] > _TWO_VOICES_BIC


def test_too_few_frames_keeps_two_voices():
    rng = np.random.default_rng(2)
    frames = _pieces(rng, np.zeros(13), 3, frames=200) + [rng.normal(size=(10, 13))]
    one, measure = _one_voice(frames, np.array([0, 0, 0, 1]))
    assert not one and "reason" in measure


@pytest.fixture(scope="module")
def fixture_audio():
    pytest.importorskip("faster_whisper")
    from qa_engine.asr.decode import load_audio

    return (load_audio(AUDIO / "call_stereo_8k_ulaw.wav", max_duration_s=3600),
            load_audio(AUDIO / "call_mono_16k.flac", max_duration_s=3600))


def test_real_single_voice_is_one_cluster_and_the_two_voice_mix_two(fixture_audio):
    """The stereo fixture's agent channel alone (one real speaker, telephone μ-law) is one
    voice; the mono fixture (agent and customer) is two."""
    from qa_engine.asr.diarize import voice_regions
    from qa_engine.asr.options import AsrOptions

    stereo, mono = fixture_audio
    _, alone = voice_regions(stereo.channels[0], AsrOptions())
    _, both = voice_regions(mono.channels[0], AsrOptions())
    assert alone["clusters"] == 1, alone
    assert both["clusters"] == 2, both


@pytest.mark.slow
def test_single_voice_mono_file_gets_one_role_and_a_review_flag(tmp_path, fixture_audio, asr_ready):
    from qa_engine.asr import AsrOptions, transcribe_file

    agent = fixture_audio[0].channels[0]
    conv = transcribe_file(write_wav(tmp_path / "agent_alone.wav", [agent], 16000), AsrOptions(beam_size=1))
    assert len({u.speaker for u in conv.utterances}) == 1
    assert "one voice in a mono recording" in conv.attributes["needs_review"]["roles"]
