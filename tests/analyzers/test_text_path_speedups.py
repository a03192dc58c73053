"""The text-path speed-ups give exactly what the plain code they replaced gave."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from qa_engine.analyzers._linear import CharNgramCounter

_WHITE = re.compile(r"\s\s+")


def _reference_row(text: str, vocabulary: dict[str, int], ngram_range: tuple[int, int]):
    """The counter's row as it was first written: every n-gram counted, then looked up."""
    lo, hi = ngram_range
    text = _WHITE.sub(" ", text.lower())
    counts = Counter(text) if lo == 1 else Counter()
    for n in range(max(lo, 2), min(hi, len(text)) + 1):
        counts.update(text[i:i + n] for i in range(len(text) - n + 1))
    indices, data = [], []
    for gram, k in counts.items():
        if (j := vocabulary.get(gram)) is not None:
            indices.append(j)
            data.append(k)
    return indices, data


def _texts() -> list[str]:
    rnd = random.Random(3)
    alphabet = "好的嗯我要投诉你们经理Ab 1２，。！\t"
    fixed = ["", " ", "嗯", "AB", "好的好的好的", "我要投诉  投诉\n投诉", "Hello  World 差评"]
    return fixed + ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30))) for _ in range(300)]


@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2), (1, 3), (1, 4), (2, 3), (3, 4)])
def test_char_counter_rows_equal_the_plain_count_in_order(ngram_range):
    texts = _texts()
    grams = {t[i:i + n].lower() for t in texts for n in range(1, 5) for i in range(len(t))}
    # a vocabulary of about half the n-grams seen, so lookups both hit and miss
    vocabulary = {g: k for k, g in enumerate(sorted(grams)[::2])}
    counter = CharNgramCounter(vocabulary, ngram_range)
    for text in texts:
        assert counter._row(text) == _reference_row(text, vocabulary, ngram_range), text
