"""Utterance sentiment → per-speaker means, end-of-call value, trajectory and turnaround.

The model is a char n-gram TF-IDF + logistic regression with Platt calibration, trained by
``training/sentiment.py`` on conversational chat turns plus review and Weibo text and
stored pickle-free in ``models/sentiment/``. ``negative_prob`` is P(negative) per utterance.
Finding values are oriented so that 1 is good: ``1 − mean negative probability``.
"""

from __future__ import annotations

import os
from typing import Any

from qa_engine.conversation import Conversation, Speaker, Utterance
from qa_engine.errors import ConfigError
from qa_engine.findings import Evidence, Finding, Findings

END_WINDOW = 3  # customer utterances that make up "the end of the call"
MAX_EVIDENCE = 3
# Enum .value is a slow descriptor in Python 3.11; this runs once per utterance.
SPEAKER_NAMES = {s: s.value for s in Speaker}


class SentimentAnalyzer:
    """Sentiment of every utterance, summarised per speaker (registered as ``sentiment.v1``)."""

    name = "sentiment"
    FINDINGS = frozenset({"customer_mean", "customer_end", "agent_mean", "turnaround"})

    def __init__(self, models_dir: str | os.PathLike[str] | None = None, family: str | None = None,
                 end_window: int = END_WINDOW) -> None:
        """Load the shipped model; ``family`` picks ``"default"`` or ``"baseline"``.

        Raises ``ModelNotInstalledError`` when the artifacts are missing.
        """
        from qa_engine.analyzers._linear import load_linear
        from qa_engine.models import load_metadata, model_path

        self.metadata = load_metadata("sentiment", models_dir)
        families = self.metadata["families"]
        self.family = family or self.metadata["default_family"]
        if self.family not in families:
            raise ConfigError(f"Unknown sentiment model family '{self.family}'; "
                              f"expected one of: {', '.join(sorted(families))}")
        self.model = load_linear(model_path("sentiment", families[self.family]["file"], models_dir))
        self.threshold = float(self.metadata["negative_threshold"])
        self.version = f"{self.metadata['version']}/{self.family}"
        self.end_window = end_window

    @property
    def produces(self) -> frozenset[str]:
        return self.FINDINGS

    def negative_prob(self, texts: list[str]) -> list[float]:
        """Calibrated P(negative) for each text (batched)."""
        if not texts:
            return []
        return [float(p) for p in self.model.predict_proba(list(texts))]

    def label(self, prob: float) -> str:
        return "negative" if prob >= self.threshold else "positive"

    def analyze(self, conversation: Conversation) -> Findings:
        return self.analyze_batch([conversation])[0]

    def analyze_batch(self, conversations: list[Conversation]) -> list[Findings]:
        """Score all utterances of all conversations in one model call."""
        texts, owners = [], []
        for ci, conv in enumerate(conversations):
            for ui, utt in enumerate(conv.utterances):
                if utt.text.strip():
                    texts.append(utt.text)
                    owners.append((ci, ui))
        probs: list[dict[int, float]] = [{} for _ in conversations]
        for (ci, ui), p in zip(owners, self.negative_prob(texts), strict=True):
            probs[ci][ui] = p
        return [self._summarise(conv, probs[ci]) for ci, conv in enumerate(conversations)]

    # -- summaries -------------------------------------------------------------------

    def _summarise(self, conv: Conversation, probs: dict[int, float]) -> Findings:
        utts = conv.utterances
        cust = [i for i, u in enumerate(utts) if u.speaker == Speaker.CUSTOMER and i in probs]
        agent = [i for i, u in enumerate(utts) if u.speaker == Speaker.AGENT and i in probs]
        per_utt = [{"utterance": i, "speaker": SPEAKER_NAMES[utts[i].speaker], "label": self.label(p),
                    "negative_prob": round(p, 4)} for i, p in sorted(probs.items())]
        items: dict[str, Finding] = {}
        review = _review_reason(utts, cust)

        if cust:
            mean_c = _mean(probs[i] for i in cust)
            end_idx = cust[-self.end_window:]
            end_c = _mean(probs[i] for i in end_idx)
            items["customer_mean"] = Finding(
                value=1 - mean_c, probability=mean_c,
                evidence=_most_negative(utts, probs, cust, self.threshold, "negative customer utterance"),
                detail={"negative_prob_mean": round(mean_c, 4), "utterances": len(cust)},
                needs_review=review is not None, review_reason=review)
            items["customer_end"] = Finding(
                value=1 - end_c, probability=end_c,
                evidence=[_evidence(utts[i], i, f"end of call, P(negative)={probs[i]:.2f}") for i in end_idx],
                detail={"negative_prob_end": round(end_c, 4), "window": len(end_idx)},
                needs_review=review is not None, review_reason=review)
            items["turnaround"] = self._turnaround(utts, probs, cust)
        else:
            for key in ("customer_mean", "customer_end", "turnaround"):
                items[key] = Finding.not_applicable("no customer speech")
        if agent:
            mean_a = _mean(probs[i] for i in agent)
            items["agent_mean"] = Finding(
                value=1 - mean_a, probability=mean_a,
                evidence=_most_negative(utts, probs, agent, self.threshold, "negative agent utterance"),
                detail={"negative_prob_mean": round(mean_a, 4), "utterances": len(agent)})
        else:
            items["agent_mean"] = Finding.not_applicable("no agent speech")

        detail: dict[str, Any] = {
            "model_family": self.family,
            "utterances": per_utt,
            "speakers": {
                "customer": _speaker_summary(probs, cust, self.end_window),
                "agent": _speaker_summary(probs, agent, self.end_window)},
            "customer_trajectory": _quarters(utts, probs, cust),
        }
        return Findings(analyzer=self.name, version=self.version, items=items, detail=detail)

    def _turnaround(self, utts: list[Utterance], probs: dict[int, float], cust: list[int]) -> Finding:
        if len(cust) < 2:
            return Finding.not_applicable("one customer utterance: no before and after")
        # The end window never takes more than half of the customer's turns, so that
        # "early" and "end" are disjoint even in short calls.
        end_idx = cust[-min(self.end_window, len(cust) // 2):]
        early = cust[:len(cust) - len(end_idx)]
        end_mean = _mean(probs[i] for i in end_idx)
        negative_early = [i for i in early if probs[i] >= self.threshold]
        if not negative_early:
            return Finding.not_applicable("the customer was never negative before the end of the call")
        first = negative_early[0]
        turned = end_mean < self.threshold
        return Finding(
            value=1.0 if turned else 0.0, probability=end_mean,
            evidence=[_evidence(utts[first], first, f"customer negative, P={probs[first]:.2f}")]
            + [_evidence(utts[i], i, f"end of call, P(negative)={probs[i]:.2f}") for i in end_idx],
            detail={"turned_around": turned, "first_negative_utterance": first,
                    "negative_prob_end": round(end_mean, 4)})


def _mean(values) -> float:
    vals = list(values)
    return sum(vals) / len(vals)


def _evidence(utt: Utterance, index: int, note: str) -> Evidence:
    return Evidence(utterance=index, span=(0, len(utt.text)), start=utt.start, end=utt.end,
                    text=utt.text, note=note)


def _most_negative(utts, probs, indices, threshold, note) -> list[Evidence]:
    worst = sorted((i for i in indices if probs[i] >= threshold), key=lambda i: -probs[i])[:MAX_EVIDENCE]
    return [_evidence(utts[i], i, f"{note}, P(negative)={probs[i]:.2f}") for i in worst]


def _speaker_summary(probs, indices, window) -> dict[str, Any]:
    if not indices:
        return {"utterances": 0, "negative_prob_mean": None, "negative_prob_end": None}
    return {"utterances": len(indices),
            "negative_prob_mean": round(_mean(probs[i] for i in indices), 4),
            "negative_prob_end": round(_mean(probs[i] for i in indices[-window:]), 4)}


def _quarters(utts: list[Utterance], probs: dict[int, float], cust: list[int]) -> list[float | None]:
    """Mean customer P(negative) in each quarter of the call (by time; by position if untimed)."""
    if not cust:
        return [None] * 4
    duration = max((u.end for u in utts if u.end is not None), default=0.0)
    buckets: list[list[float]] = [[] for _ in range(4)]
    for i in cust:
        if duration > 0:
            pos = ((utts[i].start + utts[i].end) / 2) / duration
        else:
            pos = (i + 0.5) / len(utts)
        buckets[min(int(pos * 4), 3)].append(probs[i])
    return [round(_mean(b), 4) if b else None for b in buckets]


def _review_reason(utts: list[Utterance], cust: list[int]) -> str | None:
    doubtful = [i for i in cust if (utts[i].confidence is not None and utts[i].confidence < 0.5)
                or any(f.startswith("asr_") for f in utts[i].flags)]
    if cust and len(doubtful) * 2 > len(cust):
        return f"{len(doubtful)} of {len(cust)} customer utterances have doubtful ASR"
    return None
