"""Per-channel quality measures and the stereo channel → role mapping."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from qa_engine.conversation import Speaker

_FULL_SCALE = 0.99
#: Largest magnitude each codec decodes to: G.711 μ-law tops out at 32124/32768 ≈ 0.980 and
#: A-law at 32256/32768 ≈ 0.984, below a linear 0.99 threshold, so a channel driven into
#: the ceiling would never count as clipped. Samples within 1 % of the ceiling count.
CODEC_CEILING = {"pcm_mulaw": 32124 / 32768, "pcm_alaw": 32256 / 32768}


def full_scale(codec: str | None) -> float:
    """The level at or above which a sample counts as clipped, for this codec."""
    ceiling = CODEC_CEILING.get(codec or "")
    return _FULL_SCALE if ceiling is None else 0.99 * ceiling


@dataclass(frozen=True)
class ChannelStats:
    """Raw level measures of one channel, recorded in ``attributes["audio"]``."""

    rms_dbfs: float
    peak: float
    clipped_share: float

    def to_dict(self) -> dict[str, float]:
        return {k: round(float(v), 5) for k, v in asdict(self).items()}


def channel_stats(samples: np.ndarray, codec: str | None = None) -> ChannelStats:
    """RMS level in dBFS, peak, and the share of samples at the codec's full scale."""
    if samples.size == 0:
        return ChannelStats(rms_dbfs=-120.0, peak=0.0, clipped_share=0.0)
    x = samples.astype(np.float64)
    rms = float(np.sqrt(np.mean(x * x)))
    return ChannelStats(
        rms_dbfs=float(20 * np.log10(max(rms, 1e-6))),
        peak=float(np.max(np.abs(x))),
        clipped_share=float(np.mean(np.abs(x) >= full_scale(codec))),
    )


def stereo_roles(agent_channel: str) -> tuple[Speaker, Speaker]:
    """Roles of (left, right) given which side the agent is on."""
    if agent_channel == "left":
        return Speaker.AGENT, Speaker.CUSTOMER
    return Speaker.CUSTOMER, Speaker.AGENT


def is_dual_mono(left: np.ndarray, right: np.ndarray) -> bool:
    """True when both channels carry the same signal (a mono call saved as stereo)."""
    n = min(len(left), len(right))
    if n == 0:
        return True
    a, b = left[:n].astype(np.float64), right[:n].astype(np.float64)
    if np.allclose(a, b, atol=1e-4):
        return True
    denom = np.sqrt(np.sum(a * a) * np.sum(b * b))
    return bool(denom > 0 and np.sum(a * b) / denom > 0.98)
