"""VAD onset refinement (no model): a late start moves back to where the speech energy begins,
and only there (not into background noise, not into the previous region, not too far)."""

import numpy as np
import pytest

from qa_engine.asr.onset import refine_onsets

SR = 16_000


def _speech(seconds: float, level: float = 0.3, seed: int = 0) -> np.ndarray:
    """Voiced-speech stand-in: a 150 Hz buzz with harmonics, syllable-modulated."""
    t = np.arange(int(seconds * SR)) / SR
    buzz = sum(np.sin(2 * np.pi * 150 * k * t) / k for k in range(1, 8))
    syllables = 0.6 + 0.4 * np.abs(np.sin(2 * np.pi * 2.5 * t))
    return (level * buzz * syllables / 2.6).astype(np.float32)


def _track(total: float, pieces: list[tuple[float, np.ndarray]], noise_db: float | None = None) -> np.ndarray:
    x = np.zeros(int(total * SR), np.float32)
    if noise_db is not None:
        x += (10 ** (noise_db / 20) * np.random.default_rng(1).standard_normal(len(x))).astype(np.float32)
    for start, piece in pieces:
        a = int(start * SR)
        x[a:a + len(piece)] += piece
    return x


def test_a_late_start_moves_back_to_the_speech():
    x = _track(10, [(2.0, _speech(2.0)), (6.0, _speech(1.5))])
    regions = [{"start": 2.6, "end": 4.0, "voice": 1}, {"start": 6.0, "end": 7.5}]
    out = refine_onsets(x, regions, below_level_db=20.0, max_back_s=1.5)
    assert abs(out[0]["start"] - 2.0) <= 0.02 and out[0]["end"] == 4.0 and out[0]["voice"] == 1
    assert out[1] == regions[1]                      # already right: nothing before it is speech


def test_a_short_pause_inside_the_turn_is_bridged_but_a_long_silence_is_not():
    first_word, rest = _speech(0.3), _speech(1.5)
    x = _track(10, [(1.0, first_word), (1.5, rest), (5.0, _speech(0.3)), (6.0, _speech(1.0))])
    out = refine_onsets(x, [{"start": 1.9, "end": 3.0}, {"start": 6.3, "end": 7.0}], below_level_db=20.0,
                        max_back_s=1.5)
    assert abs(out[0]["start"] - 1.0) <= 0.02        # 好的，(0.2 s pause) 请问… is one turn
    assert abs(out[1]["start"] - 6.0) <= 0.02        # a word 0.7 s earlier is not joined


def test_background_noise_and_the_previous_region_stop_the_walk():
    x = _track(10, [(1.0, _speech(2.0)), (3.1, _speech(1.0))], noise_db=-45.0)
    out = refine_onsets(x, [{"start": 1.5, "end": 3.0}, {"start": 3.6, "end": 4.1}], below_level_db=20.0,
                        max_back_s=1.5)
    assert abs(out[0]["start"] - 1.0) <= 0.03        # speech ~ −20 dB over a −45 dB floor
    assert out[1]["start"] >= 3.0                    # never into the region before
    quiet = _track(10, [(4.0, _speech(2.0))], noise_db=-30.0)
    out = refine_onsets(quiet, [{"start": 4.5, "end": 6.0}], below_level_db=40.0, max_back_s=1.5)
    assert out[0]["start"] >= 3.9                    # the floor (+15 dB) keeps the noise out


def test_the_walk_is_bounded_and_can_be_switched_off():
    x = _track(10, [(1.0, _speech(4.0))])
    regions = [{"start": 4.0, "end": 5.0}]
    assert abs(refine_onsets(x, regions, below_level_db=20.0, max_back_s=1.0)[0]["start"] - 3.0) <= 0.02
    assert refine_onsets(x, regions, below_level_db=0.0) == regions


def test_loud_frames_the_vad_gives_zero_are_not_taken_in():
    """Hold music right before a turn is as loud as speech but Silero gives it ~0: with the
    VAD's probabilities, the start does not move into it; speech it scores low but not zero
    (telephone audio: 0.03–0.4 before Silero passes 0.5) is taken in."""
    x = _track(10, [(1.0, _speech(1.0)), (2.0, _speech(2.0))])      # 1–2 s "music", 2–4 s speech
    chunks = len(x) // 512 + 1
    probs = np.zeros(chunks, np.float32)
    probs[int(2.0 * SR) // 512:] = 0.1                              # speech, scored low
    probs[int(2.5 * SR) // 512:] = 0.9                              # where the VAD fired
    out = refine_onsets(x, [{"start": 2.5, "end": 4.0}], below_level_db=20.0, max_back_s=1.5, probabilities=probs)
    assert abs(out[0]["start"] - 2.0) <= 0.04
    assert refine_onsets(x, [{"start": 2.5, "end": 4.0}], below_level_db=20.0, max_back_s=1.5)[0]["start"] <= 1.05


def test_short_customer_turn_on_the_telephone_fixture_starts_where_it_is_spoken():
    """Real speech, 8 kHz μ-law: the 0.9 s customer line at 12.0 s (under the agent's turn)
    started 0.13 s late by Silero alone; every region starts no later than the VAD's."""
    pytest.importorskip("faster_whisper")
    from qa_engine.asr import AsrOptions
    from qa_engine.asr.decode import load_audio
    from qa_engine.asr.transcribe import speech_regions

    from .conftest import AUDIO

    customer = load_audio(AUDIO / "call_stereo_8k_ulaw.wav", max_duration_s=3600).channels[1]
    vad = speech_regions(customer, AsrOptions(vad_onset_db=0))
    refined = speech_regions(customer, AsrOptions())
    assert [r["end"] for r in refined] == [r["end"] for r in vad]
    assert all(a["start"] <= b["start"] for a, b in zip(refined, vad, strict=True))
    short = next(r for r in refined if 11.5 < r["start"] < 12.5)
    assert abs(short["start"] - 12.0) <= 0.05, short
