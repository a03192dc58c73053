"""Mono role assignment: cut speech at every short pause, cluster the pieces into voices,
decode each voice's run as one utterance, then name the voices from content.

1. Turn candidates: Silero VAD with a short silence (``AsrOptions.mono_turn_gap_ms``,
   150 ms) cuts the speech finer than the decoding regions, so two turns closer than the
   0.5 s that ends an utterance still fall into different pieces.
2. Each piece becomes an acoustic vector: mean and standard deviation of 20 MFCCs (from
   Whisper's own log-mel front end) plus the median pitch estimate. Two clusters
   (scikit-learn k-means on standardised features); a piece too short to measure takes
   the cluster of its nearest neighbour in time.
3. One voice or two (k-means always finds two clusters, also in a monologue): the
   Bayesian information criterion of the frames (13 MFCCs of every voiced 10 ms frame),
   one full-covariance Gaussian for all against one per cluster (Chen & Gopalakrishnan's
   ΔBIC, the usual stopping rule of agglomerative diarization), divided by the number of
   frames so that it does not grow with the recording's length; frames are thinned to at
   most ``_BIC_MAX_FRAMES`` (neighbouring frames are not independent, and the penalty
   must not fade on long files). Below ``_TWO_VOICES_BIC`` it is one voice: the
   recording is given one role and flagged. The threshold was set on synthetic voices
   and constructed calls and checked on real clips (eval/roles.py, eval/asr_results.md).
4. Runs of one voice (pieces closer than ``vad_min_silence_ms``) are decoded as one
   utterance, so an utterance never spans a turn change.
5. The cluster that says the agent's lines (您好…工号, 请问有什么可以帮您, 为您服务, …)
   is the agent; on a tie, the voice that speaks first (the agent opens inbound calls).
   The agent cues tolerate the rulebook's ``[asr_confusions]`` the way tolerant rule
   phrases do (``qa_engine.text.confusion_variants``): 您 decoded as 零/林 still counts
   (零好请问有什么可以帮零); 您 → 你 does not, since 你好 / 给你 are what customers say.
"""

from __future__ import annotations

import functools
import re

import numpy as np

from qa_engine.conversation import Speaker

SAMPLE_RATE = 16_000
AGENT_CUE_PHRASES = ("工号", "为您服务", "有什么可以帮", "很高兴为您", "请问您", "请稍等", "稍等一下", "感谢您的",
                     "给您", "帮您", "您的订单", "耐心等待", "还有其他问题", "还有什么", "客服", "您好")
CUSTOMER_CUES = re.compile(r"(我想|我要|我的|我在|投诉|怎么回事|你们|为什么|能不能|退款)")
_MIN_SECONDS = 0.4


def _features(samples: np.ndarray, start: float, end: float) -> tuple[np.ndarray, np.ndarray] | None:
    """(piece vector for clustering, its voiced frames' MFCCs 1–13 for the voice test)."""
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
    return np.concatenate([mfcc.mean(axis=1), mfcc.std(axis=1), [_pitch(chunk)]]), mfcc[:13].T


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


# One-voice test (module docstring, step 3; measured with eval/roles.py).
_TWO_VOICES_BIC = 0.16
_BIC_MAX_FRAMES = 1500


def _logdet(x: np.ndarray) -> float:
    cov = np.cov(x, rowvar=False) + 1e-6 * np.eye(x.shape[1])
    return float(np.linalg.slogdet(cov)[1])


def _one_voice(frames: list[np.ndarray], labels: np.ndarray) -> tuple[bool, dict]:
    """Whether the two clusters are one voice after all (ΔBIC per frame below the
    threshold), with the measure behind the verdict."""
    a = np.vstack([f for f, k in zip(frames, labels, strict=True) if k == 0])
    b = np.vstack([f for f, k in zip(frames, labels, strict=True) if k == 1])
    step = max(1, -(-(len(a) + len(b)) // _BIC_MAX_FRAMES))
    a, b = a[::step], b[::step]
    x = np.vstack([a, b])
    n, d = x.shape
    if min(len(a), len(b)) <= d:
        # Too few frames to estimate a covariance: no evidence either way, keep two clusters.
        return False, {"reason": f"a cluster has ≤ {d} frames; kept as two voices"}
    gain = 0.5 * (n * _logdet(x) - len(a) * _logdet(a) - len(b) * _logdet(b))
    penalty = 0.5 * (d + d * (d + 1) / 2) * np.log(n)
    bic = (gain - penalty) / n
    return bool(bic < _TWO_VOICES_BIC), {"delta_bic_per_frame": round(float(bic), 3), "frames": int(n),
                                         "threshold": _TWO_VOICES_BIC}


def voice_regions(samples: np.ndarray, options) -> tuple[list[dict], dict]:
    """Decoding regions of a mono recording, each one voice: ``{"start", "end", "voice"}``.

    Returns the regions (unpadded; see ``transcribe.pad_regions``) and a report.
    """
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    pad = options.vad_pad_ms / 1000
    vad = VadOptions(min_silence_duration_ms=options.mono_turn_gap_ms, speech_pad_ms=0,
                     max_speech_duration_s=max(1.0, options.max_region_s - 2 * pad))
    from qa_engine.asr.transcribe import onsets

    pieces = onsets([{"start": r["start"] / SAMPLE_RATE, "end": r["end"] / SAMPLE_RATE}
                     for r in get_speech_timestamps(samples, vad)], samples, options)
    if not pieces:
        return [], {"clusters": 0}
    feats = [_features(samples, p["start"], p["end"]) for p in pieces]
    measured = [i for i, f in enumerate(feats) if f is not None]
    labels = np.full(len(pieces), -1)
    report: dict = {"pieces": len(pieces)}
    if len(measured) >= 2:
        labels[measured] = _cluster([feats[i][0] for i in measured])
        one, measures = _one_voice([feats[i][1] for i in measured], labels[measured])
        report["voice_test"] = measures
        if one:
            labels[measured] = 0
    else:
        labels[measured] = 0
        report["voice_test"] = {"reason": f"only {len(measured)} measurable piece(s)"}
    if not measured:
        labels[:] = 0
    for i in range(len(pieces)):        # unmeasurable (short) pieces: nearest measured one in time
        if labels[i] == -1:
            j = min(measured, key=lambda k: abs(pieces[k]["start"] - pieces[i]["start"]))
            labels[i] = labels[j]
    report["clusters"] = len(set(labels.tolist()))

    gap = options.vad_min_silence_ms / 1000
    regions: list[dict] = []
    for piece, label in zip(pieces, labels.tolist(), strict=True):
        last = regions[-1] if regions else None
        if last is not None and last["voice"] == label and piece["start"] - last["end"] < gap \
                and piece["end"] - last["start"] <= options.max_region_s - 2 * pad:
            last["end"] = piece["end"]
        else:
            regions.append({"start": piece["start"], "end": piece["end"], "voice": label})
    return regions, report


def name_voices(segments: list, voices: list[int], report: dict) -> dict:
    """Set ``.speaker`` on each segment from its voice (0/1) and what each voice says."""
    if not segments:
        return {**report, "clusters": 0}
    clusters = sorted(set(voices))
    cues = agent_cues()
    scores = {c: sum(cue_score(s.text, cues) for s, v in zip(segments, voices, strict=True) if v == c)
              for c in clusters}
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
            agent = voices[0]
            basis = "first speaker (no content cue)"
        role = {agent: Speaker.AGENT, (b if agent == a else a): Speaker.CUSTOMER}
    for seg, voice in zip(segments, voices, strict=True):
        seg.speaker = role[voice]
    return {**report, "clusters": len(clusters), "naming": basis,
            "cue_scores": {role[c].value: sc for c, sc in scores.items()}}


def agent_cues(confusions: dict[str, list[str]] | None = None) -> re.Pattern[str]:
    """The agent cue phrases and their ASR-confusion variants as one pattern.

    ``confusions`` defaults to the shipped rulebook's ``[asr_confusions]``.
    """
    if confusions is None:
        return _default_agent_cues()
    from qa_engine.text import confusion_variants

    cues = dict.fromkeys(v for c in AGENT_CUE_PHRASES for v in (c, *confusion_variants(c, confusions)))
    return re.compile("(" + "|".join(map(re.escape, cues)) + ")")


@functools.cache
def _default_agent_cues() -> re.Pattern[str]:
    from qa_engine.rulebook import DEFAULT_RULEBOOK_PATH
    from qa_engine.tomlfile import read_toml

    # Only the confusion table is needed; compiling the whole rulebook would load its models.
    confusions = read_toml(DEFAULT_RULEBOOK_PATH, "rulebook").get("asr_confusions", {})
    return agent_cues(without_customer_words(confusions))


#: Substitutes that turn an agent cue into the customer's own words (你好, 给你, 帮你,
#: 请问你): a cue must tell the two voices apart, so these stay out of the cues.
CUSTOMER_SUBSTITUTES = frozenset({"你"})


def without_customer_words(confusions: dict[str, list[str]]) -> dict[str, list[str]]:
    """``confusions`` less the substitutes in :data:`CUSTOMER_SUBSTITUTES`."""
    return {c: [v for v in variants if v not in CUSTOMER_SUBSTITUTES] for c, variants in confusions.items()}


def cue_score(text: str, cues: re.Pattern[str] | None = None) -> int:
    """Agent cues (``cues``, default ``agent_cues()``) minus customer cues in ``text``."""
    cues = cues if cues is not None else agent_cues()
    return len(cues.findall(text)) - len(CUSTOMER_CUES.findall(text))
