"""Complaint risk: calibrated probability that the customer is dissatisfied enough to complain.

Trained by ``training/complaint.py`` on STC3 customer–helpdesk dialogues (label: mean
satisfaction ``mean_S <= -1`` over 19 annotators) and stored pickle-free in
``models/complaint/``: customer-text TF-IDF heads (over all the customer's words and over
the customer's last turn), a logistic stacker over the sentiment trajectory, cue lexicons,
explicit threats, repeats, the call's close and the dialogue shape, and a Platt
calibration. ``detail.complaint_call_probability`` maps the same margin with a second Platt
map fitted on labelled phone calls (P(complaint call); see the model card). Complaint
types come from per-utterance one-vs-rest models trained on the MUSIED phone calls and chats
(Meituan complaint events): a type's score is that of its most telling utterance, and it is
reported when it reaches its own threshold, so a call may get no type. Service issues that
MUSIED does not label (退款, 服务态度, 配送) are reported apart, by cue.
``risk.value = 1 − probability``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from qa_engine.conversation import Conversation, Speaker
from qa_engine.findings import Evidence, Finding, Findings

MAX_EVIDENCE = 3
# No call is "certain", but the floor stays low: at 0.005 a quarter of the MUSIED test
# complaint calls tied with the calm calls there, and the ranking of calls was lost.
P_FLOOR, P_CEIL = 1e-4, 1 - 1e-4
SPEAKER_NAMES = {s: s.value for s in Speaker}  # Enum .value is slow per utterance

# Service issues MUSIED does not label (it covers food safety), recognised by cue. They are
# topics the customer raised, not complaint types: a calm 我的退款到账了没有 names 退款.
SERVICE_ISSUES: dict[str, tuple[str, ...]] = {
    "退款": ("退款", "退钱", "退费", "退单"),
    "赔偿": ("赔偿", "补偿", "赔钱"),
    "服务态度": ("态度差", "态度不好", "态度恶劣", "什么态度", "不耐烦", "骂人", "爱答不理", "敷衍"),
    "配送问题": ("超时", "送晚", "还没送", "没送到", "送错", "骑手", "配送"),
}


class ComplaintRiskAnalyzer:
    """Conversation-level complaint risk with evidence (registered as ``complaint_risk.v1``)."""

    name = "complaint_risk"
    FINDINGS = frozenset({"risk"})

    def __init__(self, models_dir: str | os.PathLike[str] | None = None, label: str = "dissatisfied_1") -> None:
        """Load the shipped artifacts; ``label`` picks the calibrated target
        (``dissatisfied_1``: mean_S ≤ −1, shipped default; ``dissatisfied_05``: ≤ −0.5).

        Raises ``ModelNotInstalledError`` when an artifact is missing.
        """
        from qa_engine.analyzers._linear import load_linear
        from qa_engine.errors import ConfigError
        from qa_engine.models import load_metadata, model_path

        labels = ("dissatisfied_1", "dissatisfied_05")
        if label not in labels:
            raise ConfigError(f"Unknown complaint label '{label}'; expected one of: {', '.join(labels)}")
        self.metadata = load_metadata("complaint", models_dir)
        self.version = self.metadata["version"]
        self.label = label
        self.sentiment = load_linear(model_path("sentiment", "default.npz", models_dir))
        self.text = load_linear(model_path("complaint", "text.npz", models_dir))
        self.types = load_linear(model_path("complaint", "types.npz", models_dir))
        # Per-type thresholds (tuned on held-out phone calls); a type scores as its most
        # telling utterance (max over the call's utterances), as its events are annotated.
        thresholds = self.metadata["types"]["thresholds"]
        self.type_thresholds = np.array([float(thresholds[t]) for t in self.types.heads])
        with np.load(model_path("complaint", "stacker.npz", models_dir), allow_pickle=False) as z:
            self.stackers = {lab: {k: z[f"{lab}_{k}"] for k in ("mean", "scale", "coef", "intercept", "platt")}
                             for lab in labels}
            names = tuple(str(n) for n in z["feature_names"])
        from qa_engine.analyzers._complaint_features import FEATURE_NAMES

        if names != FEATURE_NAMES:
            from qa_engine.errors import ModelNotInstalledError

            raise ModelNotInstalledError(
                "models/complaint/stacker.npz was trained with other features than this code; "
                "rebuild it with `qa train complaint`")
        self._build_union_counter()

    def _build_union_counter(self) -> None:
        """One n-gram pass serves both char models: count once over the union vocabulary."""
        from qa_engine.analyzers._linear import ROW_CACHE_LIMIT, CharNgramCounter, TextCache

        if self.text.ngram_range != self.types.ngram_range:
            raise ValueError("complaint text and type models must share their n-gram range")
        union: dict[str, int] = {}
        for term in self.text.terms + self.types.terms:
            union.setdefault(term, len(union))
        self._counter = CharNgramCounter(union, self.text.ngram_range, cache_rows=True)
        # Each customer utterance's own text-model score (its evidence rank) depends on its
        # text alone, so it is memoised like the n-gram rows.
        self._utt_scores = TextCache(ROW_CACHE_LIMIT)
        # Column selection as a sparse product: scipy's fancy column indexing argsorts the
        # whole index array on every call (~1 ms each), a 0/1 matrix product costs ∝ nnz.
        self._text_cols = _selector([union[t] for t in self.text.terms], len(union))
        self._types_cols = _selector([union[t] for t in self.types.terms], len(union))

    @property
    def produces(self) -> frozenset[str]:
        return self.FINDINGS

    @property
    def calibration(self) -> dict[str, np.ndarray]:
        """The calibration map (stacker margin → probability) of the shipped label, on a grid:
        Platt scaling, so every margin gets its own probability (no isotonic steps)."""
        a, b = self.stackers[self.label]["platt"]
        x = np.linspace(-8, 8, 65)
        return {"x": x, "y": 1 / (1 + np.exp(-(a * x + b)))}

    def analyze(self, conversation: Conversation) -> Findings:
        return self.analyze_batch([conversation])[0]

    def analyze_batch(self, conversations: list[Conversation]) -> list[Findings]:
        """Score a batch: one n-gram pass over every utterance feeds all models."""
        from scipy.sparse import csr_matrix

        from qa_engine.analyzers._complaint_features import TEXT_HEADS, turns_from_pairs

        roles = (Speaker.CUSTOMER, Speaker.AGENT)
        rows: list[tuple[int, int]] = []  # (conversation, utterance) per scored utterance
        for ci, conv in enumerate(conversations):
            if conv.has_speech(Speaker.CUSTOMER):
                rows += [(ci, j) for j, u in enumerate(conv.utterances) if u.speaker in roles and u.text.strip()]
        live = sorted({ci for ci, _ in rows})
        live_set = set(live)
        results: dict[int, Findings] = {
            ci: Findings(analyzer=self.name, version=self.version,
                         items={"risk": Finding.not_applicable("no customer speech")})
            for ci in range(len(conversations)) if ci not in live_set}
        if live:
            texts = [conversations[ci].utterances[j].text for ci, j in rows]
            sentiment = self.sentiment.predict_proba(texts)
            counts = self._counter.transform(texts)
            slot = {ci: k for k, ci in enumerate(live)}
            is_cust = np.array([conversations[ci].utterances[j].speaker == Speaker.CUSTOMER for ci, j in rows])
            owner = np.array([slot[ci] for ci, _ in rows])
            # Conversation × utterance 0/1 matrices, built directly in CSR form (rows are
            # grouped by conversation in order): the (row, col) form costs a COO → CSR
            # conversion per matrix. Agent utterances stay in ``cust`` as explicit zeros,
            # as before, so the products below see the same structure.
            indptr = np.searchsorted(owner, np.arange(len(live) + 1)).astype(np.int32)
            columns = np.arange(len(rows), dtype=np.int32)
            cust = csr_matrix((is_cust.astype(float), columns, indptr), shape=(len(live), len(rows)))
            text_counts = counts @ self._text_cols
            text_scores = self.text.margins_from_counts(cust @ text_counts)
            utt_scores = self._utterance_scores(texts, is_cust, text_counts)
            utt_types = self.types.margins_from_counts(counts @ self._types_cols)
            type_margin = np.maximum.reduceat(utt_types, indptr[:-1], axis=0)
            type_probs = self.types.calibrate(type_margin)
            type_rows = [indptr[k] + utt_types[indptr[k]:indptr[k + 1]].argmax(axis=0) for k in range(len(live))]
            per_conv: dict[int, dict] = {ci: {"neg": {}, "utt": {}} for ci in live}
            cust_iter = iter(utt_scores)
            for (ci, j), p, c in zip(rows, sentiment, is_cust, strict=True):
                per_conv[ci]["neg"][j] = float(p)
                if c:
                    per_conv[ci]["utt"][j] = float(next(cust_iter))
            # The LAST_HEADS read the customer's last turn alone (its utterances' n-gram counts
            # summed, as in training): one more conversation × utterance selector.
            row_of = {rc: r for r, rc in enumerate(rows)}
            all_turns, last_rows, last_owner = {}, [], []
            for ci in live:
                conv = conversations[ci]
                turns = all_turns[ci] = turns_from_pairs(
                    [(SPEAKER_NAMES[u.speaker], u.text, j) for j, u in enumerate(conv.utterances) if u.speaker in roles])
                last = next(t for t in reversed(turns) if t.speaker == "customer")
                last_rows += [row_of[(ci, j)] for j in last.utterances]
                last_owner += [slot[ci]] * len(last.utterances)
            last_sel = csr_matrix((np.ones(len(last_rows)), (last_owner, last_rows)), shape=(len(live), len(rows)))
            n_whole = len(TEXT_HEADS)
            last_scores = self.text.margins_from_counts(last_sel @ text_counts)[:, n_whole:]
            text_scores = np.hstack([text_scores[:, :n_whole], last_scores])
            for ci in live:
                conv, turns = conversations[ci], all_turns[ci]
                neg = per_conv[ci]["neg"]
                # A turn is as negative as its most negative utterance (same rule in training).
                turn_neg = [max(neg[j] for j in t.utterances) for t in turns]
                type_utts = [rows[r][1] for r in type_rows[slot[ci]]]
                results[ci] = self._findings(conv, turns, turn_neg, text_scores[slot[ci]],
                                             type_probs[slot[ci]], type_utts, per_conv[ci]["utt"])
        return [results[ci] for ci in range(len(conversations))]

    def _utterance_scores(self, texts: list[str], is_cust: np.ndarray, text_counts) -> list[float]:
        """First text-model margin of every customer utterance (memoised per text; a row's
        margin does not depend on the other rows of the matrix)."""
        cache = self._utt_scores
        # Read each value once: another model thread may clear the cache meanwhile.
        found = {texts[k]: cache.get(texts[k]) for k in np.flatnonzero(is_cust)}
        todo = [k for k in np.flatnonzero(is_cust) if found[texts[k]] is None]
        if todo:
            margins = self.text.margins_from_counts(text_counts[todo])[:, 0]
            fresh = {texts[k]: float(m) for k, m in zip(todo, margins, strict=True)}
            found.update(fresh)
            cache.put_all(fresh)
        return [found[texts[k]] for k in np.flatnonzero(is_cust)]

    def _margin(self, features: np.ndarray, label: str) -> float:
        st = self.stackers[label]
        return float(((features - st["mean"]) / st["scale"]) @ st["coef"] + st["intercept"])

    @staticmethod
    def _platt(margin: float, platt: Sequence[float]) -> float:
        a, b = platt
        return float(np.clip(1 / (1 + np.exp(-(a * margin + b))), P_FLOOR, P_CEIL))

    def _probability(self, features: np.ndarray, label: str) -> float:
        return self._platt(self._margin(features, label), self.stackers[label]["platt"])

    def _complaint_call(self, features: np.ndarray) -> float | None:
        """P(complaint call) on the phone-register map (fitted on labelled dev calls), or None
        when the shipped model has no such map."""
        phone = self.metadata.get("phone_calibration")
        if not phone:
            return None
        return self._platt(self._margin(features, "dissatisfied_1"), phone["platt"])

    def _findings(self, conv: Conversation, turns, neg, text_score, type_prob, type_utts, utt_scores) -> Findings:
        from qa_engine.analyzers._complaint_features import FEATURE_NAMES, call_threats, cue_hits, feature_vector

        from qa_engine.analyzers.escalation import threat_evidence

        threats = call_threats(conv)
        features = feature_vector(turns, neg, text_score, threats=len(threats))
        probs = {lab: self._probability(features, lab) for lab in self.stackers}
        # The threat count is a feature; the probability is not floored on a threat (on STC3 a
        # floor cost 0.06 ROC-AUC: Weibo customers say 投诉 and are then helped). A threat
        # alerts through AlertPolicy instead, whatever the probability.
        p = probs[self.label]
        cues = []
        for j, u in enumerate(conv.utterances):
            if u.speaker == Speaker.CUSTOMER:
                for category, word, offset in cue_hits(u.text):
                    cues.append({"category": category, "cue": word, "utterance": j,
                                 "span": [offset, offset + len(word)]})
        cue_utts = {c["utterance"] for c in cues}
        # Rank customer utterances by what the text model says about each, cues as tie-breaker.
        ranked = sorted(utt_scores, key=lambda j: (-(utt_scores[j] + (0.5 if j in cue_utts else 0.0)), j))
        # Threat sentences first (what a supervisor must read), then the top-ranked others.
        evidence = [threat_evidence(conv, h) for h in threats[:MAX_EVIDENCE]]
        cited = {e.utterance for e in evidence}
        for j in [j for j in ranked if j not in cited][:MAX_EVIDENCE - len(evidence)]:
            u = conv.utterances[j]
            found = [c["cue"] for c in cues if c["utterance"] == j]
            note = f"dissatisfaction score {utt_scores[j]:+.2f}" + (f"; cues: {', '.join(found)}" if found else "")
            evidence.append(Evidence(utterance=j, span=(0, len(u.text)), start=u.start, end=u.end,
                                     text=u.text, note=note))
        types = [{"type": t, "probability": round(float(q), 4), "source": "musied_model", "utterance": j,
                  "threshold": float(th)}
                 for t, q, j, th in zip(self.types.heads, type_prob, type_utts, self.type_thresholds, strict=True)
                 if q >= th]
        customer_all = "".join(u.text for u in conv.utterances if u.speaker == Speaker.CUSTOMER)
        issues = []
        for issue, words in SERVICE_ISSUES.items():
            hit = next((w for w in words if w in customer_all), None)
            if hit:
                issues.append({"issue": issue, "source": f"cue '{hit}'"})
        detail: dict[str, Any] = {
            "label": self.label,
            "stacker_margin": round(self._margin(features, self.label), 4),
            "probabilities": {"mean_S<=-1": round(probs["dissatisfied_1"], 4),
                              "mean_S<=-0.5": round(probs["dissatisfied_05"], 4)},
            # The probability above reads a call the way STC3 annotators read a Weibo thread;
            # this one is mapped on labelled phone calls (see the model card): P(complaint call).
            "complaint_call_probability": (None if (pc := self._complaint_call(features)) is None else round(pc, 4)),
            "complaint_types": sorted(types, key=lambda d: -d["probability"]),
            "service_issues": issues,
            "escalation_cues": cues,
            "threats": [{"utterance": h.utterance, "span": list(h.span), "category": h.category, "cue": h.cue,
                         "sentence": conv.utterances[h.utterance].text} for h in threats],
            "features": {n: round(float(v), 4) for n, v in zip(FEATURE_NAMES, features, strict=True)},
        }
        doubtful = [u for u in conv.utterances if u.speaker == Speaker.CUSTOMER and
                    ((u.confidence is not None and u.confidence < 0.5) or any(f.startswith("asr_") for f in u.flags))]
        n_cust = sum(1 for u in conv.utterances if u.speaker == Speaker.CUSTOMER)
        review = (f"{len(doubtful)} of {n_cust} customer utterances have doubtful ASR"
                  if doubtful and len(doubtful) * 2 > n_cust else None)
        risk = Finding(value=1.0 - p, probability=p, evidence=evidence, detail=detail,
                       needs_review=review is not None, review_reason=review)
        return Findings(analyzer=self.name, version=self.version, items={"risk": risk},
                        detail={"complaint_types": [t["type"] for t in detail["complaint_types"]]})


def _selector(columns: list[int], n_union: int):
    """Sparse (n_union × len(columns)) matrix that picks ``columns`` in order."""
    from scipy.sparse import csr_matrix

    return csr_matrix((np.ones(len(columns)), (columns, np.arange(len(columns)))),
                      shape=(n_union, len(columns)))
