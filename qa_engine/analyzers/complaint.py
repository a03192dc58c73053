"""Complaint risk: calibrated probability that the customer is dissatisfied enough to complain.

Trained by ``training/complaint.py`` on STC3 customer–helpdesk dialogues (label: mean
satisfaction ``mean_S <= -1`` over 19 annotators) and stored pickle-free in
``models/complaint/``: customer-text TF-IDF heads, a logistic stacker over the sentiment
trajectory, escalation cues and dialogue shape, and an isotonic calibration. Complaint
types come from a multi-label model trained on MUSIED (Meituan complaint events) plus a
few service-complaint rules (退款, 服务态度, 配送). ``risk.value = 1 − probability``.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from qa_engine.conversation import Conversation, Speaker
from qa_engine.findings import Evidence, Finding, Findings

MAX_EVIDENCE = 3

# Service-complaint types MUSIED does not label (it covers food safety), recognised by cue.
RULE_TYPES: dict[str, tuple[str, ...]] = {
    "退款": ("退款", "退钱", "退费", "退单"),
    "赔偿": ("赔偿", "补偿", "赔钱"),
    "服务态度": ("态度", "不耐烦", "骂人", "爱答不理", "敷衍"),
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
        from qa_engine.analyzers._linear import LinearTextModel
        from qa_engine.errors import ConfigError
        from qa_engine.models import load_metadata, model_path

        labels = ("dissatisfied_1", "dissatisfied_05")
        if label not in labels:
            raise ConfigError(f"Unknown complaint label '{label}'; expected one of: {', '.join(labels)}")
        self.metadata = load_metadata("complaint", models_dir)
        self.version = self.metadata["version"]
        self.label = label
        self.sentiment = LinearTextModel(model_path("sentiment", "default.npz", models_dir))
        self.text = LinearTextModel(model_path("complaint", "text.npz", models_dir))
        self.types = LinearTextModel(model_path("complaint", "types.npz", models_dir))
        self.type_threshold = float(self.metadata["types"]["threshold"])
        with np.load(model_path("complaint", "stacker.npz", models_dir), allow_pickle=False) as z:
            self.stackers = {lab: {k: z[f"{lab}_{k}"] for k in ("mean", "scale", "coef", "intercept", "iso_x", "iso_y")}
                             for lab in labels}
            names = tuple(str(n) for n in z["feature_names"])
        from qa_engine.analyzers._complaint_features import FEATURE_NAMES

        if names != FEATURE_NAMES:
            from qa_engine.errors import ModelNotInstalledError

            raise ModelNotInstalledError(
                "models/complaint/stacker.npz was trained with other features than this code; "
                "rebuild it with `qa train complaint`")

    @property
    def produces(self) -> frozenset[str]:
        return self.FINDINGS

    @property
    def calibration(self) -> dict[str, np.ndarray]:
        """The isotonic calibration (margin → probability) of the shipped label."""
        st = self.stackers[self.label]
        return {"x": st["iso_x"], "y": st["iso_y"]}

    def analyze(self, conversation: Conversation) -> Findings:
        return self.analyze_batch([conversation])[0]

    def analyze_batch(self, conversations: list[Conversation]) -> list[Findings]:
        """Score a batch: every text model runs once over all conversations."""
        from qa_engine.analyzers._complaint_features import customer_text, turns_from_pairs

        dialogues = []
        for conv in conversations:
            pairs = [(u.speaker.value, u.text, i) for i, u in enumerate(conv.utterances)
                     if u.speaker in (Speaker.CUSTOMER, Speaker.AGENT)]
            dialogues.append(turns_from_pairs(pairs))
        has_customer = [any(t.speaker == "customer" for t in ts) for ts in dialogues]
        live = [i for i, ok in enumerate(has_customer) if ok]

        turn_texts = [t.text for i in live for t in dialogues[i]]
        turn_neg = iter(self.sentiment.predict_proba(turn_texts) if turn_texts else [])
        neg = {i: [float(next(turn_neg)) for _ in dialogues[i]] for i in live}
        cust_texts = [customer_text(dialogues[i]) for i in live]
        full_texts = ["。".join(u.text for u in conversations[i].utterances) for i in live]
        text_scores = dict(zip(live, self.text.margins(cust_texts))) if live else {}
        type_probs = dict(zip(live, self.types.predict_proba(full_texts, all_heads=True))) if live else {}
        utt_index = [(i, j) for i in live for j, u in enumerate(conversations[i].utterances)
                     if u.speaker == Speaker.CUSTOMER and u.text.strip()]
        utt_scores: dict[int, dict[int, float]] = {i: {} for i in live}
        if utt_index:
            margins = self.text.margins([conversations[i].utterances[j].text for i, j in utt_index])[:, 0]
            for (i, j), s in zip(utt_index, margins):
                utt_scores[i][j] = float(s)

        results = []
        for i, conv in enumerate(conversations):
            if not has_customer[i]:
                results.append(Findings(analyzer=self.name, version=self.version,
                                        items={"risk": Finding.not_applicable("no customer speech")}))
                continue
            results.append(self._findings(conv, dialogues[i], neg[i], text_scores[i], type_probs[i],
                                          utt_scores[i]))
        return results

    def _probability(self, features: np.ndarray, label: str) -> float:
        st = self.stackers[label]
        margin = float(((features - st["mean"]) / st["scale"]) @ st["coef"] + st["intercept"])
        return float(np.clip(np.interp(margin, st["iso_x"], st["iso_y"]), 0.005, 0.995))

    def _findings(self, conv: Conversation, turns, neg, text_score, type_prob, utt_scores) -> Findings:
        from qa_engine.analyzers._complaint_features import FEATURE_NAMES, cue_hits, feature_vector

        features = feature_vector(turns, neg, text_score)
        probs = {lab: self._probability(features, lab) for lab in self.stackers}
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
        evidence = []
        for j in ranked[:MAX_EVIDENCE]:
            u = conv.utterances[j]
            found = [c["cue"] for c in cues if c["utterance"] == j]
            note = f"dissatisfaction score {utt_scores[j]:+.2f}" + (f"; cues: {', '.join(found)}" if found else "")
            evidence.append(Evidence(utterance=j, span=(0, len(u.text)), start=u.start, end=u.end,
                                     text=u.text, note=note))
        types = [{"type": t, "probability": round(float(q), 4), "source": "musied_model"}
                 for t, q in zip(self.types.heads, type_prob) if q >= self.type_threshold]
        customer_all = "".join(u.text for u in conv.utterances if u.speaker == Speaker.CUSTOMER)
        for t, words in RULE_TYPES.items():
            hit = next((w for w in words if w in customer_all), None)
            if hit:
                types.append({"type": t, "probability": None, "source": f"cue '{hit}'"})
        detail: dict[str, Any] = {
            "label": self.label,
            "probabilities": {"mean_S<=-1": round(probs["dissatisfied_1"], 4),
                              "mean_S<=-0.5": round(probs["dissatisfied_05"], 4)},
            "complaint_types": sorted(types, key=lambda d: -(d["probability"] or 0)),
            "escalation_cues": cues,
            "features": {n: round(float(v), 4) for n, v in zip(FEATURE_NAMES, features)},
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
