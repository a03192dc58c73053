"""Shared helpers for the ASR tests: fixture paths and a tiny WAV writer."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import numpy as np
import pytest

AUDIO = Path(__file__).resolve().parents[1] / "fixtures" / "audio"


def write_wav(path: Path, channels: list[np.ndarray], rate: int) -> Path:
    """Write float channels in [-1, 1] as 16-bit PCM."""
    data = np.clip(np.stack(channels, axis=1), -1, 1)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(len(channels))
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes((data * 32767).astype("<i2").tobytes())
    return path


@pytest.fixture(scope="session")
def truth() -> dict:
    return json.loads((AUDIO / "truth.json").read_text())


@pytest.fixture(scope="session")
def asr_ready():
    """Skip model tests only when the ASR extra is absent; a broken install still fails."""
    pytest.importorskip("faster_whisper")
    from qa_engine.asr.model import resolve_model

    return resolve_model()
