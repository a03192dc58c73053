"""An optional word-level head beside the char n-gram sentiment heads (not shipped by default).

Word n-grams come from jieba (dictionary only, no HMM) run on each whitespace-separated chunk
of the lowercased text, so pre-segmented chatbot text keeps its own words and unsegmented
text is cut; uni- and bigrams joined by a space (``training.sentiment_word_cv`` fits with these very
functions). The file is written by ``export_linear`` with
``analyzer="word"`` (vocabulary, idf, one coefficient row); scoring is sublinear tf × idf,
L2-normalised, dot the coefficients, with numpy and scipy only. The sentiment analyzer
reads such a file only when its metadata names one (``negative_score.added_head``) and
caches each text's margin with the char margins, so a recurring text is cut once.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

import numpy as np

from qa_engine.analyzers._linear import _CACHE_LIMIT, TextCache

_SEP = "\x00"


# Chunks recur across texts (你好, 谢谢); a TextCache, so every model's clear_cache (benchmarks
# start cold) empties it too.
_CHUNKS = TextCache(_CACHE_LIMIT)


def _chunk_words(chunk: str) -> tuple[str, ...]:
    words = _CHUNKS.get(chunk)
    if words is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        words = tuple(jieba.lcut(chunk, HMM=False))
        _CHUNKS.put_all({chunk: words})
    return words


def word_tokens(text: str) -> list[str]:
    """Words of ``text``: jieba (dictionary only, no HMM) on each whitespace-separated chunk,
    lowercased. A pre-segmented XS turn keeps (almost) its own words; unsegmented text is cut."""
    words: list[str] = []
    for chunk in text.lower().split():
        words.extend(_chunk_words(chunk))
    return words


def word_ngrams(text: str, ngram_range: tuple[int, int] = (1, 2)) -> list[str]:
    """Word n-grams of ``text`` (``word_tokens``), joined by a space."""
    words = word_tokens(text)
    lo, hi = ngram_range
    return [" ".join(words[i:i + n]) for n in range(lo, hi + 1) for i in range(len(words) - n + 1)]


class WordHead:
    """One linear head over word n-gram TF-IDF columns, loaded from an ``.npz``."""

    def __init__(self, path: Path) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        with np.load(path, allow_pickle=False) as z:
            analyzer = str(z["analyzer"])
            if analyzer != "word":
                raise ValueError(f"{path}: analyzer '{analyzer}' is not a word head")
            terms = bytes(z["vocab"]).decode("utf-8").split(_SEP)
            idf = z["idf"].astype(np.float64)
            coef = np.atleast_2d(z["coef"]).astype(np.float64)[0]
            self.intercept = float(np.asarray(z["intercept"]).ravel()[0])
            self.ngram_range = tuple(int(v) for v in z["ngram_range"])
            self.head = str(z["heads"][0])
        self.vocabulary = {t: i for i, t in enumerate(terms)}
        self.weighted = coef * idf
        self.idf_squared = idf ** 2

    def margins(self, texts: list[str]) -> np.ndarray:
        """Raw margin per text (the intercept for a text with no known word n-gram)."""
        from scipy.sparse import csr_matrix

        vocabulary = self.vocabulary
        indptr, indices, data = [0], [], []
        for text in texts:
            counts = Counter(filter(vocabulary.__contains__, word_ngrams(text, self.ngram_range)))
            indices += map(vocabulary.__getitem__, counts)
            data += counts.values()
            indptr.append(len(indices))
        X = csr_matrix((np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64),
                        np.array(indptr, dtype=np.int64)), shape=(len(texts), len(vocabulary)))
        X.data = 1.0 + np.log(X.data)
        norm = np.sqrt(np.asarray(X.multiply(X).dot(self.idf_squared)).ravel())
        norm[norm == 0] = 1.0
        return np.asarray(X.dot(self.weighted)).ravel() / norm + self.intercept
