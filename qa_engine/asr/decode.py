"""Read a recording into 16 kHz float channels with faster-whisper's ``decode_audio`` (PyAV).

No system ffmpeg is needed. Every way a file can be unreadable becomes one ``AudioError``
line that names the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from qa_engine.errors import AudioError

SAMPLE_RATE = 16_000


@dataclass
class DecodedAudio:
    """A recording as 16 kHz mono float32 arrays, one per channel (at most two)."""

    path: Path
    channels: list[np.ndarray]
    source_sample_rate: int
    source_channels: int
    codec: str
    declared_duration_s: float | None
    notes: list[str] = field(default_factory=list)

    @property
    def duration_s(self) -> float:
        return len(self.channels[0]) / SAMPLE_RATE if self.channels else 0.0


def _probe(path: Path) -> tuple[int, int, str, float | None]:
    import av

    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            streams = container.streams.audio
            if not streams:
                raise AudioError(f"{path.name}: no audio stream in the file")
            stream = streams[0]
            duration = None
            if stream.duration is not None and stream.time_base is not None:
                duration = float(stream.duration * stream.time_base)
            elif container.duration is not None:
                duration = container.duration / 1_000_000
            return stream.rate or 0, stream.channels or 0, stream.codec_context.name, duration
    except AudioError:
        raise
    except Exception as exc:  # PyAV raises many FFmpegError subclasses; all mean "unreadable"
        raise AudioError(f"{path.name}: not a readable audio file ({type(exc).__name__}: {exc})") from exc


def load_audio(path: str | Path, *, max_duration_s: float, min_duration_s: float = 0.0) -> DecodedAudio:
    """Decode ``path``; stereo stays two channels, more than two are down-mixed to stereo.

    Raises ``AudioError`` for a missing, empty, non-audio or too-long file. A truncated
    file is decoded as far as it goes and noted in ``DecodedAudio.notes``.
    """
    path = Path(path)
    if not path.is_file():
        raise AudioError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise AudioError(f"{path.name}: empty file (0 bytes)")
    try:
        from faster_whisper.audio import decode_audio
    except ImportError as exc:
        from qa_engine.errors import ModelNotInstalledError

        raise ModelNotInstalledError("Decoding audio needs faster-whisper; run: pip install 'qa-engine[asr]'") from exc

    rate, n_channels, codec, declared = _probe(path)
    if declared is not None and declared > max_duration_s:
        raise AudioError(f"{path.name}: recording is {declared / 60:.0f} min long, over the limit of "
                         f"{max_duration_s / 60:.0f} min (AsrOptions.max_duration_s); split it first")
    try:
        if n_channels >= 2:
            left, right = decode_audio(str(path), sampling_rate=SAMPLE_RATE, split_stereo=True)
            channels = [left, right]
        else:
            channels = [decode_audio(str(path), sampling_rate=SAMPLE_RATE)]
    except Exception as exc:
        raise AudioError(f"{path.name}: cannot decode audio ({type(exc).__name__}: {exc})") from exc

    audio = DecodedAudio(path=path, channels=[np.asarray(c, dtype=np.float32) for c in channels],
                         source_sample_rate=rate, source_channels=n_channels, codec=codec,
                         declared_duration_s=declared)
    if audio.duration_s == 0.0:
        raise AudioError(f"{path.name}: no audio samples could be decoded")
    if audio.duration_s < min_duration_s:
        raise AudioError(f"{path.name}: recording is {audio.duration_s:.2f} s long, under the minimum of "
                         f"{min_duration_s:g} s (AsrOptions.min_duration_s); not a call")
    if audio.duration_s > max_duration_s:
        raise AudioError(f"{path.name}: recording is {audio.duration_s / 60:.0f} min long, over the limit "
                         f"of {max_duration_s / 60:.0f} min (AsrOptions.max_duration_s); split it first")
    if declared and audio.duration_s < 0.95 * declared - 0.1:
        audio.notes.append(f"truncated: header says {declared:.1f} s, decoded {audio.duration_s:.1f} s")
    return audio
