"""Speech onsets: move a VAD region's start back to where its speech energy begins.

Silero VAD (as faster-whisper runs it, 16 kHz) is slow to fire on band-limited telephone
audio: its speech probability stays under 0.5 for the first 0.2–1 s of a turn that it
scores 0.8 within 30 ms at 16 kHz (measured on the constructed calls of eval/calls.py:
onset +0.4 to +1.1 s after the telephone simulation, +0.0 to +0.1 s on the same speech at
16 kHz for the agent voice). A late start costs twice: the decoder window (start − 400 ms of
padding) cuts the turn's first word (您是想 heard as 是想), and a turn that starts late is
not overlapped by the other side's interruption.

The refinement looks only backwards from a start the VAD gave, never creates a region,
and stops at the first stretch of ``gap_s`` without speech, at the previous region, or
``max_back_s`` back. A 10 ms frame counts as speech when its energy is within
``below_level_db`` of the region's own level (median frame energy), at least
``above_floor_db`` over the channel's noise floor (10th percentile of frame energy), and
the VAD's own probability there is not near zero (``min_probability``): background noise
and hold music before a turn are not taken in.
"""

from __future__ import annotations

import numpy as np

SAMPLE_RATE = 16_000
_FRAME = 160  # 10 ms
_CHUNK = 512  # Silero's window at 16 kHz


def frame_db(samples: np.ndarray) -> np.ndarray:
    """Energy (dB) of each 10 ms frame."""
    n = len(samples) // _FRAME
    frames = samples[: n * _FRAME].astype(np.float64).reshape(n, _FRAME)
    return 10.0 * np.log10(np.mean(frames ** 2, axis=1) + 1e-12)


def speech_probabilities(samples: np.ndarray) -> np.ndarray:
    """Silero's speech probability per 32 ms chunk (512 samples), as faster-whisper computes it."""
    from faster_whisper.vad import get_vad_model

    padded = np.pad(samples.astype(np.float32), (0, -len(samples) % _CHUNK))
    if not len(padded):
        return np.zeros(0, np.float32)
    return np.asarray(get_vad_model()(padded)).reshape(-1)


def refine_onsets(samples: np.ndarray, regions: list[dict], *, below_level_db: float, above_floor_db: float = 15.0,
                  max_back_s: float = 1.0, gap_s: float = 0.3, probabilities: np.ndarray | None = None,
                  min_probability: float = 0.02) -> list[dict]:
    """``regions`` (sorted ``{"start", "end", …}`` in seconds, unpadded) with each start moved
    back over the frames before it that are speech by energy; other keys are kept.

    ``probabilities``: the VAD's speech probability per 512-sample chunk (``speech_probabilities``);
    when given, a frame must also be above ``min_probability`` there. Silero is slow to pass 0.5
    on telephone audio but does not give speech 0: 0.03–0.44 before it fires, against a 99th
    percentile of 0.007–0.11 on hold music (tone melody) and 0.01–0.1 on white noise."""
    if not regions or below_level_db <= 0:
        return regions
    db = frame_db(samples)
    if not len(db):
        return regions
    floor = float(np.percentile(db, 10))
    gap = max(1, round(gap_s * SAMPLE_RATE / _FRAME))
    out: list[dict] = []
    previous_end = 0.0
    for r in regions:
        first = int(r["start"] * SAMPLE_RATE) // _FRAME
        last = max(first + 1, int(r["end"] * SAMPLE_RATE) // _FRAME)
        inside = db[first:last]
        if not len(inside):
            out.append(r)
            previous_end = r["end"]
            continue
        threshold = max(float(np.median(inside)) - below_level_db, floor + above_floor_db)
        limit = max(int(previous_end * SAMPLE_RATE) // _FRAME + 1, first - round(max_back_s * SAMPLE_RATE / _FRAME), 0)
        onset, quiet = first, 0
        for k in range(first - 1, limit - 1, -1):
            voiced = probabilities is None or probabilities[min(len(probabilities) - 1, k * _FRAME // _CHUNK)] \
                >= min_probability
            if db[k] >= threshold and voiced:
                onset, quiet = k, 0
            else:
                quiet += 1
                if quiet >= gap:
                    break
        start = min(r["start"], onset * _FRAME / SAMPLE_RATE)
        out.append({**r, "start": round(start, 3)} if start < r["start"] else r)
        previous_end = r["end"]
    return out
