"""A TF-IDF + linear model stored as plain arrays (``.npz``), for fast, pickle-free inference.

Training fits a scikit-learn ``TfidfVectorizer`` and one or more linear heads (logistic or
ridge); ``export_linear`` stores vocabulary, idf, coefficients and a Platt calibration per
head, and ``LinearTextModel`` recomputes the same scores from them (sublinear tf, idf
weighting, L2 row normalisation) with numpy and scipy only, so no pickle is ever loaded
and scikit-learn is needed for training, not for inference.

A document can also be scored as a *bag of utterances*: the n-gram counts of its
utterances are summed (``tfidf_rows`` on aggregated counts), so a conversation needs one
n-gram pass however many document views (customer text, whole call) a model reads.
"""

from __future__ import annotations

import re
import weakref
from collections import Counter
from functools import lru_cache
from itertools import chain
from operator import add
from pathlib import Path
from typing import Any

import numpy as np

_SEP = "\x00"
_CACHE_LIMIT = 200_000
# A cached n-gram row costs ~2 KB (a probability: a float), hence a smaller bound.
ROW_CACHE_LIMIT = 10_000


class TextCache(dict):
    """A per-text memo that empties itself when full and with every model's ``clear_cache``.

    Utterances like 嗯/好的/对 recur in every call; remembering what was computed from a
    text skips the pure-Python work for it. Results are bit-identical to recomputing:
    everything cached is a function of the text alone.
    """

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        _TEXT_CACHES.add(self)

    def __hash__(self) -> int:  # identity hash, so a WeakSet can hold it
        return id(self)

    def put_all(self, fresh: dict) -> None:
        if len(self) + len(fresh) > self.limit:
            self.clear()
        self.update(fresh)


_TEXT_CACHES: weakref.WeakSet[TextCache] = weakref.WeakSet()


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


def tfidf_rows(counts: Any, idf: np.ndarray) -> Any:
    """Raw n-gram counts → sublinear-tf × idf, L2-normalised rows (as TfidfVectorizer)."""
    X = counts.astype(np.float64, copy=True).tocsr()
    X.data = 1.0 + np.log(X.data)
    X = X.multiply(idf).tocsr()
    norm = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norm[norm == 0] = 1.0
    return X.multiply(1.0 / norm[:, None]).tocsr()


class CharNgramCounter:
    """Character n-gram counts over a fixed vocabulary, without scikit-learn.

    Reproduces ``CountVectorizer(analyzer="char", lowercase=True)`` exactly (lowercasing,
    runs of whitespace collapsed to one space, every n-gram of each length), so models
    trained with scikit-learn run on numpy + scipy alone.
    """

    _white_spaces = re.compile(r"\s\s+")

    def __init__(self, vocabulary: dict[str, int], ngram_range: tuple[int, int], *,
                 cache_rows: bool = False) -> None:
        """``cache_rows``: remember each text's row (for counters that see recurring texts)."""
        self.vocabulary = vocabulary
        self.ngram_range = ngram_range
        self._rows: TextCache | None = TextCache(ROW_CACHE_LIMIT) if cache_rows else None

    def _row(self, text: str) -> tuple[list[int], list[int]]:
        """Vocabulary columns and counts of one text, in first-occurrence order."""
        lo, hi = self.ngram_range
        vocabulary = self.vocabulary
        text = self._white_spaces.sub(" ", text.lower())
        grams: list = [text] if lo == 1 else []
        shorter = text
        for n in range(2, min(hi, len(text)) + 1):
            # n-grams as (n-1)-gram + next character: C-level concatenation instead of a
            # Python loop of slices (the same strings, in the same order)
            shorter = list(map(add, shorter, text[n - 1:]))
            if n >= lo:
                grams.append(shorter)
        # Only n-grams of the vocabulary are counted: most of a text's 3- and 4-grams are
        # not in it, and first occurrences keep their order.
        counts = Counter(filter(vocabulary.__contains__, chain.from_iterable(grams)))
        return list(map(vocabulary.__getitem__, counts)), list(counts.values())

    def transform(self, texts: list[str]) -> Any:
        from scipy.sparse import csr_matrix

        indptr, indices, data = [0], [], []
        rows = self._rows
        if rows is None:
            for text in texts:
                cols, counts = self._row(text)
                indices += cols
                data += counts
                indptr.append(len(indices))
        else:
            cache = rows  # a local reference: a concurrent clear() only costs a recount
            fresh = {}
            for text in texts:
                row = cache.get(text) or fresh.get(text)
                if row is None:
                    row = fresh[text] = self._row(text)
                indices += row[0]
                data += row[1]
                indptr.append(len(indices))
            if fresh:
                cache.put_all(fresh)
        return csr_matrix((np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64),
                           np.array(indptr, dtype=np.int64)), shape=(len(texts), len(self.vocabulary)))


@lru_cache(maxsize=8)
def load_linear(path: Path) -> LinearTextModel:
    """One shared instance per artifact, so analyzers reuse the model and its cache."""
    return LinearTextModel(path)


class LinearTextModel:
    """Scores texts with a stored TF-IDF + linear model.

    ``margins`` gives the raw score of every head (texts × heads); ``predict_proba`` the
    Platt-calibrated probability of the first head (or of every head with ``all_heads``).
    First-head probabilities of single texts are memoised (utterances like 嗯/好的 recur
    in every call, and two analyzers may score the same utterances).
    """

    def __init__(self, path: Path) -> None:
        with np.load(path, allow_pickle=False) as z:
            self.terms = bytes(z["vocab"]).decode("utf-8").split(_SEP)
            self.idf = z["idf"].astype(np.float64)
            coef = np.atleast_2d(z["coef"]).astype(np.float64)
            self.intercept = z["intercept"].astype(np.float64)
            self.ngram_range = tuple(int(v) for v in z["ngram_range"])
            self.analyzer = str(z["analyzer"])
            self.platt = z["platt"].astype(np.float64)
            self.heads = [str(h) for h in z["heads"]]
        self.weighted = (coef * self.idf).T.copy()  # features × heads, idf folded in once
        self.idf_squared = self.idf ** 2  # for row norms; computing it per call cost ~50 µs
        if self.analyzer != "char":
            raise ValueError(f"{path}: analyzer '{self.analyzer}' is not supported; expected 'char'")
        self.vectorizer = CharNgramCounter({t: i for i, t in enumerate(self.terms)}, self.ngram_range)
        self.n_features = len(self.terms)
        self._cache: dict[str, float] = {}

    def counts(self, texts: list[str]) -> Any:
        """Raw n-gram counts (texts × vocabulary)."""
        return self.vectorizer.transform(texts)

    def margins_from_counts(self, counts: Any) -> np.ndarray:
        """Raw linear score per row of raw counts and head."""
        X = counts.tocsr().astype(np.float64)
        X.data = 1.0 + np.log(X.data)
        norm = np.sqrt(np.asarray(X.multiply(X).dot(self.idf_squared)).ravel())
        norm[norm == 0] = 1.0
        return np.asarray(X.dot(self.weighted)) / norm[:, None] + self.intercept

    def margins(self, texts: list[str]) -> np.ndarray:
        """Raw linear score per text and head (intercept only for a text with no known n-gram)."""
        return self.margins_from_counts(self.counts(texts))

    def calibrate(self, margins: np.ndarray) -> np.ndarray:
        """Platt-calibrated probabilities from ``margins`` (rows × heads)."""
        return 1.0 / (1.0 + np.exp(-(self.platt[:, 0] * margins + self.platt[:, 1])))

    def decision_function(self, texts: list[str]) -> np.ndarray:
        """Raw score of the first head."""
        return self.margins(texts)[:, 0]

    def predict_proba(self, texts: list[str], all_heads: bool = False) -> np.ndarray:
        """Calibrated probability of the first head (texts,) or every head (texts × heads)."""
        if all_heads:
            return self.calibrate(self.margins(texts))
        # Work on a local view so a concurrent clear() in another thread cannot break us.
        cache = self._cache
        found = {t: cache.get(t) for t in set(texts)}
        todo = [t for t, p in found.items() if p is None]
        if todo:
            fresh = dict(zip(todo, self.calibrate(self.margins(todo))[:, 0].tolist(), strict=True))
            found.update(fresh)
            if len(cache) + len(fresh) > _CACHE_LIMIT:
                cache.clear()
            cache.update(fresh)
        return np.array([found[t] for t in texts], dtype=np.float64)

    def memoise_from_counts(self, texts: list[str], counts: Any) -> None:
        """Remember the first-head probabilities of ``texts`` computed from their raw
        ``counts`` (rows over this model's vocabulary): a model that shares the vocabulary
        hands its n-gram pass over, and a later ``predict_proba`` of these texts is a lookup."""
        cache = self._cache
        fresh = dict(zip(texts, self.calibrate(self.margins_from_counts(counts))[:, 0].tolist(), strict=True))
        if len(cache) + len(fresh) > _CACHE_LIMIT:
            cache.clear()
        cache.update(fresh)

    def clear_cache(self) -> None:
        """Forget memoised results: this model's and every per-text cache (benchmarks
        start cold this way)."""
        self._cache.clear()
        for cache in list(_TEXT_CACHES):
            cache.clear()
