"""Utterance sentiment → per-speaker means, end-of-call value, trajectory and turnaround.

The default family (``neutral``) reads three classes — negative / neutral / positive — with
a char n-gram TF-IDF + multinomial logistic model whose agent turns get their own
correction heads (an agent's apology or holding formula is neutral, the same words from a
customer may not be), calibrated (softmax of a 3×3 map of the margins) on hand-labelled
conversational turns. The binary families (``default``: the earlier P(negative) model that
complaint risk reads, ``baseline``) remain selectable. All are trained by
``training/sentiment.py`` and stored pickle-free in ``models/sentiment/``.

A turn's label comes from the calibrated class probabilities (negative at or above the
family's threshold, else the likelier of neutral / positive), so a neutral service turn
(订单号是…) is neutral and earns no turnaround credit. ``negative_prob`` (per utterance, and
what ``qa predict sentiment`` prints) is the family's *negative score*, which ranks
complaints above compliments (it may be moderate on a neutral turn): a seventh
"polarity" head over the same columns (negative vs positive, NB-weighted) plus the
decision calibration's negative-vs-rest logit and, where the model file has them, a few cue
weights (``sentiment_cues``: praise beside a failure, repeat contact, waiting, rhetorical
questions) and, where the file has it, a hand-label head's margin (round 9), Platt-scaled;
the decision P(negative)
behind the label is ``label_negative_prob``. Finding values are oriented so that
1 is good: ``1 − mean decision P(negative)``. The customer's findings leave out bare yes / no
answers (``_bare_answers``: 没有了 · 不用了 · 好的), which a text model misreads as negative.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from qa_engine.analyzers._bare_answers import is_bare_no
from qa_engine.analyzers._linear import ROW_CACHE_LIMIT, TextCache
from qa_engine.analyzers.sentiment_cues import CUE_NAMES, cue_matrix
from qa_engine.conversation import Conversation, Speaker, Utterance
from qa_engine.errors import ConfigError, ModelNotInstalledError
from qa_engine.findings import Evidence, Finding, Findings

CLASSES = ("negative", "neutral", "positive")
END_WINDOW = 3  # customer utterances that make up "the end of the call"
MAX_EVIDENCE = 3
# Enum .value is a slow descriptor in Python 3.11; this runs once per utterance.
SPEAKER_NAMES = {s: s.value for s in Speaker}


def _softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax of logits (class probabilities)."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


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
        spec = families[self.family]
        self.model = load_linear(model_path("sentiment", spec["file"], models_dir))
        self.three_class = spec.get("kind") == "three_class"
        if self.three_class:
            cal = spec["calibration"]
            self._cal_matrix = np.asarray(cal["matrix"], dtype=np.float64).T
            self._cal_bias = np.asarray(cal["bias"], dtype=np.float64)
            self._margins_cache = TextCache(ROW_CACHE_LIMIT)
            # The three-class model reads the columns of the binary model that complaint risk
            # reads: one n-gram pass serves both, and the binary probabilities are handed over.
            self._shared = None
            if spec.get("counts_from"):
                shared = load_linear(model_path("sentiment", spec["counts_from"], models_dir))
                if shared.terms != self.model.terms or shared.ngram_range != self.model.ngram_range:
                    raise ModelNotInstalledError(
                        f"models/sentiment/{spec['file']} does not share the vocabulary of "
                        f"{spec['counts_from']}; rebuild them together with `qa train sentiment`")
                self._shared = shared
        # A three-class family carries its own threshold (chosen on hand-labelled dev turns):
        # P(negative) at or above it makes a turn negative for labels and turnaround.
        self.threshold = float(spec.get("negative_threshold", self.metadata["negative_threshold"]))
        # Optional ranking-oriented negative score (``training/sentiment_three.choose_polarity_score``):
        # it is what ``negative_prob`` returns; labels and turnaround keep ``class_probs``.
        self.negative_score = spec.get("negative_score") if self.three_class else None
        self._polarity_col = None
        self._hand_col = None
        self._cue_weights = None
        self._word_head = None
        if self.negative_score is not None and "rest_weight" in self.negative_score:
            head = self.negative_score["polarity_head"]
            if head not in self.model.heads:
                raise ModelNotInstalledError(f"models/sentiment/{spec['file']} has no '{head}' head; "
                                             "rebuild it with `qa train sentiment`")
            self._polarity_col = self.model.heads.index(head)
            cues = self.negative_score.get("cues")
            if cues:
                if tuple(cues) != CUE_NAMES:
                    raise ModelNotInstalledError("models/sentiment/metadata.json names other sentiment cues "
                                                 f"than this code computes ({', '.join(CUE_NAMES)}); rebuild it "
                                                 "with `qa train sentiment`")
                self._cue_weights = np.asarray(list(cues.values()), dtype=np.float64)
            # An optional hand-label head over the same columns (round 9): the score gains
            # weight · (its margin + its cue term); the cue term is folded into the one cue column.
            hand = self.negative_score.get("hand_head")
            if hand:
                if hand["head"] not in self.model.heads:
                    raise ModelNotInstalledError(f"models/sentiment/{spec['file']} has no '{hand['head']}' head; "
                                                 "rebuild it with `python -m training.sentiment --hand-head`")
                if tuple(hand.get("cues") or CUE_NAMES) != CUE_NAMES or self._cue_weights is None:
                    raise ModelNotInstalledError("models/sentiment/metadata.json: the hand head's cues do not "
                                                 "match the negative score's; rebuild it with `qa train sentiment`")
                self._hand_col = self.model.heads.index(hand["head"])
                self._hand_weight = float(hand["weight"])
                self._cue_weights = self._cue_weights + self._hand_weight * np.asarray(
                    list(hand["cues"].values()), dtype=np.float64)
            # An optional added head over word n-grams (its own file; none is shipped now):
            # the negative score gains weight · gate · word margin, gate = 1 − P(neutral)
            # when "gate" is "polar", so a turn read as neutral keeps the char score.
            added = self.negative_score.get("added_head")
            if added:
                from qa_engine.analyzers.sentiment_words import WordHead

                self._word_head = WordHead(model_path("sentiment", added["file"], models_dir))
                self._word_weight = float(added["weight"])
                self._word_gated = added.get("gate") == "polar"
        elif self.negative_score is not None and self._shared is None:
            raise ModelNotInstalledError("the sentiment negative score needs counts_from (default.npz)")
        self.version = f"{self.metadata['version']}/{self.family}"
        if self._word_head is not None:  # the added head's file is part of what scored
            self.version += f"+{self.negative_score['added_head']['file']}"
        self.end_window = end_window

    @property
    def produces(self) -> frozenset[str]:
        return self.FINDINGS

    def class_probs(self, texts: list[str], agent: list[bool] | None = None) -> np.ndarray:
        """Calibrated [P(negative), P(neutral), P(positive)] per text (texts × 3).

        ``agent`` marks agent turns (read with the agent heads); default: all customer.
        A binary family gives [p, 0, 1 − p].
        """
        if not texts:
            return np.zeros((0, 3))
        if not self.three_class:
            p = self.model.predict_proba(list(texts))
            return np.column_stack([p, np.zeros_like(p), 1 - p])
        return _softmax(self.calibrated_logits(texts, agent))

    def calibrated_logits(self, texts: list[str], agent: list[bool] | None = None) -> np.ndarray:
        """The decision calibration's three logits per text (three-class families only)."""
        m = self._margins(list(texts))
        z = m[:, :3]
        if agent is not None and any(agent):
            z = z + np.asarray(agent, dtype=np.float64)[:, None] * m[:, 3:6]
        return z @ self._cal_matrix + self._cal_bias

    def _margins(self, texts: list[str]) -> np.ndarray:
        """Raw margins of the heads (plus the cue term when the score has cues), memoised per
        text (嗯/好的/对 recur in every call)."""
        cache = self._margins_cache
        found = {t: cache.get(t) for t in set(texts)}
        todo = [t for t, v in found.items() if v is None]
        if todo:
            if self._shared is not None:
                counts = self._shared.counts(todo)
                self._shared.memoise_from_counts(todo, counts)
                rows = self.model.margins_from_counts(counts)
            else:
                rows = self.model.margins(todo)
            if self._cue_weights is not None:
                # the cue term of the negative score rides in the cache as a column after the
                # heads, so a recurring text's regular expressions run once, like its n-gram count
                rows = np.column_stack([rows, cue_matrix(todo) @ self._cue_weights])
            if self._word_head is not None:  # likewise the word head's margin (last column)
                rows = np.column_stack([rows, self._word_head.margins(todo)])
            fresh = dict(zip(todo, rows, strict=True))
            found.update(fresh)
            cache.put_all(fresh)
        return np.array([found[t] for t in texts], dtype=np.float64)

    def negative_prob(self, texts: list[str], agent: list[bool] | None = None) -> list[float]:
        """P(negative) for each text (batched); customer reading unless ``agent``.

        With a negative score (the default family) this is the ranking-oriented score — it
        orders complaints above compliments like the old binary model did — not
        ``class_probs``' column 0; whether a turn *is* negative is ``label_of(class_probs)``."""
        return [float(p) for p in self.negative_probs(texts, agent)]

    def negative_probs(self, texts: list[str], agent: list[bool] | None = None,
                       probs: np.ndarray | None = None) -> np.ndarray:
        """``negative_prob`` as an array; ``probs`` (``class_probs`` of the same texts) saves a pass."""
        if self.negative_score is None:
            return (self.class_probs(texts, agent) if probs is None else probs)[:, 0]
        if not texts:
            return np.zeros(0)
        score = self.negative_score
        z = self.calibrated_logits(texts, agent)
        if self._polarity_col is not None:
            # polarity head margin + λ · log P(neg)/P(neutral or positive), Platt-scaled
            rest = z[:, 0] - np.logaddexp(z[:, 1], z[:, 2])
            m = self._margins(list(texts))
            s = m[:, self._polarity_col] + score["rest_weight"] * rest
            if self._cue_weights is not None:  # irony / repeat-contact / rhetoric cues (after the heads)
                s = s + m[:, len(self.model.heads)]
            if self._hand_col is not None:
                s = s + self._hand_weight * m[:, self._hand_col]
            if self._word_head is not None:
                w = m[:, -1] * self._word_weight
                if self._word_gated:
                    w = w * (1.0 - _softmax(z)[:, 1])
                s = s + w
            a, c = score["platt"]
            return 1.0 / (1.0 + np.exp(-(a * s + c)))
        # The earlier score (models before the polarity head): neutral-tilted margin plus a
        # share of the binary default model's logit.
        b = np.clip(self._shared.predict_proba(list(texts)), 1e-9, 1 - 1e-9)
        s = (z[:, 0] - (score["positive_weight"] * z[:, 2] + (1 - score["positive_weight"]) * z[:, 1])
             + score["binary_weight"] * np.log(b / (1 - b)))
        a, c = score["platt"]
        return 1.0 / (1.0 + np.exp(-(a * s + c)))

    def label(self, prob: float) -> str:
        """Binary label from P(negative) alone (the binary families' reading)."""
        return "negative" if prob >= self.threshold else "positive"

    def label_of(self, probs) -> str:
        """The label of one row of ``class_probs``: negative at or above the threshold, else
        (three-class family) the likelier of neutral and positive."""
        if not self.three_class or probs[0] >= self.threshold:
            return self.label(float(probs[0]))
        return "positive" if probs[2] > probs[1] else "neutral"

    def analyze(self, conversation: Conversation) -> Findings:
        return self.analyze_batch([conversation])[0]

    def analyze_batch(self, conversations: list[Conversation]) -> list[Findings]:
        """Score all utterances of all conversations in one model call."""
        texts, owners, agent = [], [], []
        for ci, conv in enumerate(conversations):
            for ui, utt in enumerate(conv.utterances):
                if utt.text.strip():
                    texts.append(utt.text)
                    owners.append((ci, ui))
                    agent.append(utt.speaker == Speaker.AGENT)
        probs: list[dict[int, float]] = [{} for _ in conversations]
        rows: list[dict[int, Any]] = [{} for _ in conversations]
        scores: list[dict[int, float]] = [{} for _ in conversations]
        class_probs = self.class_probs(texts, agent)
        negative = self.negative_probs(texts, agent, class_probs)
        for (ci, ui), row, q in zip(owners, class_probs, negative, strict=True):
            probs[ci][ui] = float(row[0])
            rows[ci][ui] = row
            scores[ci][ui] = float(q)
        return [self._summarise(conv, probs[ci], rows[ci], scores[ci]) for ci, conv in enumerate(conversations)]

    # -- summaries -------------------------------------------------------------------

    def _summarise(self, conv: Conversation, probs: dict[int, float], rows: dict[int, Any],
                   scores: dict[int, float]) -> Findings:
        # ``probs`` (decision P(negative)) drive labels, means, evidence and turnaround, as
        # before; ``scores`` (the negative score) are reported per utterance as negative_prob.
        utts = conv.utterances
        cust = [i for i, u in enumerate(utts) if u.speaker == Speaker.CUSTOMER and i in probs]
        agent = [i for i, u in enumerate(utts) if u.speaker == Speaker.AGENT and i in probs]
        per_utt = []
        for i, p in sorted(probs.items()):
            entry = {"utterance": i, "speaker": SPEAKER_NAMES[utts[i].speaker], "label": self.label_of(rows[i]),
                     "negative_prob": round(scores[i], 4)}
            if self.negative_score is not None:
                entry["label_negative_prob"] = round(p, 4)
            if self.three_class:
                entry["neutral_prob"] = round(float(rows[i][1]), 4)
                entry["positive_prob"] = round(float(rows[i][2]), 4)
                entry["negative_vs_positive"] = round(polarity(rows[i]), 4)
            per_utt.append(entry)
        items: dict[str, Finding] = {}
        review = _review_reason(utts, cust)
        # A bare yes / no (没有了, answering 还有什么可以帮您的吗) has no feeling of its own: the customer's mean, end of
        # call and turnaround read the other turns (all of them if every turn is bare).
        cust = [i for i in cust if not is_bare_no(utts[i].text)] or cust

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


def polarity(probs) -> float:
    """P(negative | negative or positive): the score that ranks complaints above compliments
    (P(negative) alone is calibrated for "is this turn negative at all")."""
    return float(probs[0] / max(probs[0] + probs[2], 1e-12))


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
