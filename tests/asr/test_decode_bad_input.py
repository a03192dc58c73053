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
