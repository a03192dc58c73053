"""Mono role assignment: cluster speech segments into two voices, then name them from content.

1. Each segment becomes an acoustic vector: mean and standard deviation of 20 MFCCs
   (from Whisper's own log-mel front end) plus the median pitch estimate.
2. Two clusters (scikit-learn k-means on standardised features); a segment
   too short to measure takes the cluster of its nearest neighbour in time.
3. The cluster that says the agent's lines (您好…工号, 请问有什么可以帮您, 为您服务, …)
   is the agent; on a tie, the voice that speaks first (the agent opens inbound calls).
"""

from __future__ import annotations

import re

import numpy as np

from qa_engine.conversation import Speaker

SAMPLE_RATE = 16_000
AGENT_CUES = re.compile(r"(工号|为您服务|有什么可以帮|很高兴为您|请问您|请稍等|稍等一下|感谢您的|给您|帮您|"
                        r"您的订单|耐心等待|还有其他问题|还有什么|客服|您好)")
CUSTOMER_CUES = re.compile(r"(我想|我要|我的|我在|投诉|怎么回事|你们|为什么|能不能|退款)")
_MIN_SECONDS = 0.4


def _features(samples: np.ndarray, start: float, end: float) -> np.ndarray | None:
    from scipy.fft import dct

    a, b = int(start * SAMPLE_RATE), int(end * SAMPLE_RATE)
    chunk = samples[a:b]
    if len(chunk) < _MIN_SECONDS * SAMPLE_RATE:
        return None
    mel = _log_mel(chunk)                                 # (80, frames)
    energy = mel.mean(axis=0)
    voiced = mel[:, energy > np.percentile(energy, 30)]   # drop pauses inside the segment
    if voiced.shape[1] < 5:
        return None
    mfcc = dct(voiced, type=2, axis=0, norm="ortho")[1:21]
    return np.concatenate([mfcc.mean(axis=1), mfcc.std(axis=1), [_pitch(chunk)]])


_extractor = None


def _log_mel(chunk: np.ndarray) -> np.ndarray:
    global _extractor
    if _extractor is None:
        from faster_whisper.feature_extractor import FeatureExtractor

        _extractor = FeatureExtractor(feature_size=80)
    return _extractor(chunk, padding=0)


def _pitch(chunk: np.ndarray) -> float:
    """Median autocorrelation pitch (Hz) over voiced 40 ms frames; 0 if none."""
    frame, hop = 640, 320
    lo, hi = SAMPLE_RATE // 400, SAMPLE_RATE // 70      # 70–400 Hz
    if len(chunk) <= frame:
        return 0.0
    frames = np.lib.stride_tricks.sliding_window_view(chunk, frame)[::hop]
    frames = frames - frames.mean(axis=1, keepdims=True)
    frames = frames[np.einsum("ij,ij->i", frames, frames) >= 1e-4]
    if len(frames) == 0:
        return 0.0
    spectrum = np.fft.rfft(frames, n=2 * frame, axis=1)
    ac = np.fft.irfft(spectrum * np.conj(spectrum), axis=1)[:, :frame]
    lags = lo + np.argmax(ac[:, lo:hi], axis=1)
    voiced = ac[np.arange(len(ac)), lags] > 0.4 * ac[:, 0]
    return float(np.median(SAMPLE_RATE / lags[voiced])) if voiced.any() else 0.0


def _cluster(features: list[np.ndarray]) -> np.ndarray:
    from sklearn.cluster import KMeans
    from sklearn.preprocessing import StandardScaler

    x = StandardScaler().fit_transform(np.vstack(features))
    return KMeans(n_clusters=2, n_init=10, random_state=0).fit_predict(x)


def cue_score(text: str) -> int:
    """Agent cues minus customer cues in ``text``."""
    return len(AGENT_CUES.findall(text)) - len(CUSTOMER_CUES.findall(text))


def assign_roles(samples: np.ndarray, segments: list) -> dict:
    """Set ``.speaker`` on each segment (objects with start, end, text, speaker) in place.

    Returns a small report for ``attributes["asr"]["role_detail"]``.
    """
    if not segments:
        return {"clusters": 0}
    feats = [_features(samples, s.start, s.end) for s in segments]
    measured = [i for i, f in enumerate(feats) if f is not None]
    labels = np.full(len(segments), -1)
    if len(measured) >= 2:
        labels[measured] = _cluster([feats[i] for i in measured])
    elif measured:
        labels[measured] = 0
    else:
        labels[:] = 0
    for i in range(len(segments)):        # unmeasurable (short) segments: nearest measured one in time
        if labels[i] == -1:
            j = min(measured, key=lambda k: abs(segments[k].start - segments[i].start))
            labels[i] = labels[j]

    clusters = sorted(set(labels.tolist()))
    scores = {c: sum(cue_score(segments[i].text) for i in range(len(segments)) if labels[i] == c) for c in clusters}
    if len(clusters) == 1:
        only = clusters[0]
        role = {only: Speaker.AGENT if scores[only] > 0 else Speaker.CUSTOMER if scores[only] < 0 else Speaker.UNKNOWN}
        basis = "one voice"
    else:
        a, b = clusters
        if scores[a] != scores[b]:
            agent = a if scores[a] > scores[b] else b
            basis = "content cues"
        else:
            agent = int(labels[0])
            basis = "first speaker (no content cue)"
        role = {agent: Speaker.AGENT, (b if agent == a else a): Speaker.CUSTOMER}
    for seg, label in zip(segments, labels, strict=True):
        seg.speaker = role[int(label)]
    return {"clusters": len(clusters), "naming": basis, "cue_scores": {role[c].value: s for c, s in scores.items()}}
