"""Bad recordings give one clear AudioError naming the file, or are handled correctly."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from qa_engine.errors import AudioError

from .conftest import AUDIO, write_wav

pytest.importorskip("faster_whisper")
from qa_engine.asr.decode import load_audio  # noqa: E402

LIMIT = 7200.0


def test_decode_zero_length_file(tmp_path):
    path = tmp_path / "empty.wav"
    path.write_bytes(b"")
    with pytest.raises(AudioError, match=r"empty\.wav: empty file"):
        load_audio(path, max_duration_s=LIMIT)


def test_decode_text_renamed_wav(tmp_path):
    path = tmp_path / "notes.wav"
    path.write_text("这不是录音，是一段文字。\n" * 20, encoding="utf-8")
    with pytest.raises(AudioError, match=r"notes\.wav: not a readable audio file"):
        load_audio(path, max_duration_s=LIMIT)


def test_decode_missing_file(tmp_path):
    with pytest.raises(AudioError, match="no such file"):
        load_audio(tmp_path / "nope.wav", max_duration_s=LIMIT)


def test_decode_truncated_file_keeps_what_is_there_and_says_so(tmp_path):
    full = (AUDIO / "call_stereo_8k_ulaw.wav").read_bytes()
    path = tmp_path / "cut.wav"
    path.write_bytes(full[: len(full) // 2])          # header still claims 43 s
    audio = load_audio(path, max_duration_s=LIMIT)
    assert 20 < audio.duration_s < 23
    assert any(n.startswith("truncated") for n in audio.notes)


def test_decode_three_hour_recording_rejected_before_decoding(tmp_path):
    # A real 3-hour 8 kHz μ-law mono file (86 MB of silence); only its header is read.
    rate, seconds = 8000, 3 * 3600
    n = rate * seconds
    header = b"RIFF" + struct.pack("<I", 38 + n) + b"WAVE" + b"fmt " + struct.pack(
        "<IHHIIHHH", 18, 7, 1, rate, rate, 1, 8, 0) + b"data" + struct.pack("<I", n)
    path = tmp_path / "marathon.wav"
    with open(path, "wb") as f:
        f.write(header)
        f.truncate(len(header) + n)
    with pytest.raises(AudioError, match=r"marathon\.wav: recording is 180 min long, over the limit of 120 min"):
        load_audio(path, max_duration_s=LIMIT)


def test_decode_11025_hz_is_resampled(tmp_path):
    t = np.arange(11025 * 2) / 11025
    path = write_wav(tmp_path / "odd_rate.wav", [0.3 * np.sin(2 * np.pi * 440 * t)], 11025)
    audio = load_audio(path, max_duration_s=LIMIT)
    assert audio.source_sample_rate == 11025
    assert abs(audio.duration_s - 2.0) < 0.01 and len(audio.channels) == 1


def test_decode_stereo_8k_ulaw_gives_two_16k_channels():
    audio = load_audio(AUDIO / "call_stereo_8k_ulaw.wav", max_duration_s=LIMIT)
    assert (audio.source_sample_rate, audio.source_channels, audio.codec) == (8000, 2, "pcm_mulaw")
    assert len(audio.channels) == 2 and abs(audio.duration_s - 43.0) < 0.01


def _encode(path, codec, rate, layout="stereo"):
    import av

    t = np.arange(rate * 2) / rate
    left, right = 0.3 * np.sin(2 * np.pi * 300 * t), 0.01 * np.sin(2 * np.pi * 500 * t)
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=rate, layout=layout)
        fmt = stream.codec_context.format.name if stream.codec_context.format else "fltp"
        frame = av.AudioFrame.from_ndarray(np.stack([left, right]).astype(np.float32), format="fltp", layout=layout)
        frame.sample_rate = rate
        resampler = av.AudioResampler(format=fmt, layout=layout, rate=rate)
        for out in resampler.resample(frame):
            for packet in stream.encode(out):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


@pytest.mark.parametrize("suffix, codec, rate", [
    (".mp3", "libmp3lame", 16000), (".m4a", "aac", 16000), (".ogg", "libopus", 48000), (".flac", "flac", 8000),
    (".wav", "pcm_alaw", 8000),
])
def test_decode_accepts_every_audio_suffix_in_stereo(tmp_path, suffix, codec, rate):
    audio = load_audio(_encode(tmp_path / f"call{suffix}", codec, rate), max_duration_s=LIMIT)
    assert audio.source_channels == 2 and len(audio.channels) == 2
    assert abs(audio.duration_s - 2.0) < 0.15
    assert np.sqrt(np.mean(audio.channels[0] ** 2)) > 5 * np.sqrt(np.mean(audio.channels[1] ** 2))


def test_decode_thousand_byte_wav_is_an_error_not_an_empty_call(tmp_path):
    path = write_wav(tmp_path / "tiny.wav", [np.zeros(478)], 16000)      # 44-byte header + 956 bytes
    assert path.stat().st_size == 1000
    with pytest.raises(AudioError, match=r"tiny\.wav: recording is 0\.03 s long, under the minimum of 1 s"):
        load_audio(path, max_duration_s=LIMIT, min_duration_s=1.0)


def _ulaw_wav(path, x: np.ndarray, rate: int = 8000):
    import av

    with av.open(str(path), "w") as out:
        stream = out.add_stream("pcm_mulaw", rate=rate, layout="mono")
        frame = av.AudioFrame.from_ndarray((np.clip(x, -1, 1) * 32767).astype("<i2")[None, :], format="s16",
                                           layout="mono")
        frame.sample_rate = rate
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            out.mux(packet)
    return path


def test_clipping_is_measured_against_the_mulaw_ceiling(tmp_path):
    from qa_engine.asr.channels import channel_stats

    t = np.arange(8000 * 2) / 8000
    audio = load_audio(_ulaw_wav(tmp_path / "hot.wav", 3 * np.sin(2 * np.pi * 300 * t)), max_duration_s=LIMIT)
    assert audio.codec == "pcm_mulaw"
    # Driven 3x into the ceiling: most samples sit at μ-law's ≈ 0.98, below a linear 0.99.
    assert channel_stats(audio.channels[0], audio.codec).clipped_share > 0.5
    assert channel_stats(audio.channels[0]).clipped_share < 0.2           # the old measure missed it
    quiet = load_audio(_ulaw_wav(tmp_path / "ok.wav", 0.5 * np.sin(2 * np.pi * 300 * t)), max_duration_s=LIMIT)
    assert channel_stats(quiet.channels[0], quiet.codec).clipped_share == 0.0


def test_truncation_flags_speech_at_the_end_and_short_audio():
    from pathlib import Path

    from qa_engine.asr.decode import DecodedAudio
    from qa_engine.asr.options import AsrOptions
    from qa_engine.asr.transcribe import RawSegment, _truncation

    def audio(seconds):
        return DecodedAudio(path=Path("c.wav"), channels=[np.zeros(int(16000 * seconds), np.float32)],
                            source_sample_rate=8000, source_channels=1, codec="pcm_mulaw", declared_duration_s=None)

    seg = [RawSegment(start=1.0, end=9.9, text="您好", confidence=0.9, flags=[])]
    assert "end of the file" in _truncation(audio(10.0), seg, AsrOptions(), None)["recording"]
    done = [RawSegment(start=1.0, end=8.5, text="再见", confidence=0.9, flags=[])]
    assert _truncation(audio(10.0), done, AsrOptions(), None) == {}
    short = audio(10.0)
    assert "call record says 20.0 s" in _truncation(short, done, AsrOptions(), 20.0)["recording"]
    assert short.notes and short.notes[0].startswith("truncated")          # gates end-of-call analyzers
