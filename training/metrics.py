"""Metrics shared by the training scripts and eval/: AUC, F1, Brier, ECE, reliability bins."""

from __future__ import annotations

import numpy as np


def ece(y: np.ndarray, p: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error with equal-width probability bins."""
    y, p = np.asarray(y, float), np.asarray(p, float)
    idx = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            total += m.mean() * abs(p[m].mean() - y[m].mean())
    return float(total)


def reliability(y: np.ndarray, p: np.ndarray, bins: int = 10) -> list[dict]:
    """Per-bin mean predicted probability, observed frequency and count."""
    y, p = np.asarray(y, float), np.asarray(p, float)
    idx = np.minimum((p * bins).astype(int), bins - 1)
    return [{"bin": b, "mean_p": float(p[idx == b].mean()), "observed": float(y[idx == b].mean()),
             "n": int((idx == b).sum())} for b in range(bins) if (idx == b).any()]


def binary_report(y, p, threshold: float = 0.5) -> dict:
    """ROC-AUC, F1 at ``threshold``, Brier, ECE and support for binary labels ``y``."""
    from sklearn.metrics import brier_score_loss, f1_score, roc_auc_score

    y, p = np.asarray(y, int), np.asarray(p, float)
    return {"roc_auc": round(float(roc_auc_score(y, p)), 4),
            "f1": round(float(f1_score(y, p >= threshold)), 4),
            "brier": round(float(brier_score_loss(y, p)), 4),
            "ece": round(ece(y, p), 4), "n": int(len(y)), "positives": int(y.sum())}


def platt_fit(margin: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling (a, b) so that sigmoid(a * margin + b) is calibrated on (margin, y)."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1e6, max_iter=1000).fit(np.asarray(margin).reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])
