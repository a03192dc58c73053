"""A TF-IDF + linear model stored as plain arrays (``.npz``), for fast, pickle-free inference.

Training fits a scikit-learn ``TfidfVectorizer`` and one or more linear heads (logistic or
ridge); ``export_linear`` stores vocabulary, idf, coefficients and a Platt calibration per
head, and ``LinearTextModel`` recomputes exactly the same scores from them with a
``CountVectorizer`` (sublinear tf, idf weighting, L2 row normalisation), so no pickle is
ever loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

_SEP = "\x00"


def export_linear(path: Path, *, vocabulary: dict[str, int], idf: np.ndarray, coef: np.ndarray,
                  intercept, ngram_range: tuple[int, int], analyzer: str = "char",
                  platt=None, heads: list[str] | None = None) -> None:
    """Write a fitted TF-IDF + linear model (``coef``: heads × features) to ``path``."""
    terms = sorted(vocabulary, key=vocabulary.__getitem__)
    order = np.array([vocabulary[t] for t in terms])
    coef = np.atleast_2d(np.asarray(coef, np.float32))[:, order]
    k = coef.shape[0]
    platt = np.tile([1.0, 0.0], (k, 1)) if platt is None else np.asarray(platt, np.float64).reshape(k, 2)
    blob = np.frombuffer(_SEP.join(terms).encode("utf-8"), dtype=np.uint8)
    np.savez_compressed(
        path, vocab=blob, idf=np.asarray(idf, np.float32)[order], coef=coef,
        intercept=np.asarray(intercept, np.float64).reshape(k), ngram_range=np.array(ngram_range),
        analyzer=np.array(analyzer), platt=platt,
        heads=np.array(heads or [f"head{i}" for i in range(k)]))


class LinearTextModel:
    """Scores texts with a stored TF-IDF + linear model.

    ``margins`` gives the raw score of every head (texts × heads); ``predict_proba`` the
    Platt-calibrated probability of the first head (or of every head with ``all_heads``).
    """

    def __init__(self, path: Path) -> None:
        from sklearn.feature_extraction.text import CountVectorizer

        with np.load(path, allow_pickle=False) as z:
            terms = bytes(z["vocab"]).decode("utf-8").split(_SEP)
            self.idf = z["idf"].astype(np.float64)
            coef = np.atleast_2d(z["coef"]).astype(np.float64)
            self.intercept = z["intercept"].astype(np.float64)
            lo, hi = (int(v) for v in z["ngram_range"])
            analyzer = str(z["analyzer"])
            self.platt = z["platt"].astype(np.float64)
            self.heads = [str(h) for h in z["heads"]]
        self.weighted = (coef * self.idf).T.copy()  # features × heads, idf folded in once
        self.vectorizer = CountVectorizer(
            analyzer=analyzer, ngram_range=(lo, hi), lowercase=True,
            vocabulary={t: i for i, t in enumerate(terms)}, dtype=np.float64)
        self.n_features = len(terms)

    def features(self, texts: list[str]) -> Any:
        """Sparse sublinear-tf counts (before idf and normalisation)."""
        X = self.vectorizer.transform(texts)
        X.data = 1.0 + np.log(X.data)
        return X

    def margins(self, texts: list[str]) -> np.ndarray:
        """Raw linear score per text and head (intercept only for a text with no known n-gram)."""
        X = self.features(texts)
        norm = np.sqrt(np.asarray(X.multiply(X).dot(self.idf ** 2)).ravel())
        norm[norm == 0] = 1.0
        return np.asarray(X.dot(self.weighted)) / norm[:, None] + self.intercept

    def decision_function(self, texts: list[str]) -> np.ndarray:
        """Raw score of the first head."""
        return self.margins(texts)[:, 0]

    def predict_proba(self, texts: list[str], all_heads: bool = False) -> np.ndarray:
        """Platt-calibrated probability of the first head (texts,) or every head (texts × heads)."""
        m = self.margins(texts)
        p = 1.0 / (1.0 + np.exp(-(self.platt[:, 0] * m + self.platt[:, 1])))
        return p if all_heads else p[:, 0]
