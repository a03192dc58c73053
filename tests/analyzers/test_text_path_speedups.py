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


@pytest.mark.parametrize("pattern, expected", [
    ("投诉", {"投"}),
    ("(?<![自新])媒体|记者", {"媒", "记"}),
    ("(?:打|拨打?)[^，]{0,8}?热线", {"打", "拨"}),
    ("(?:电视)?问政", {"电", "问"}),
    ("要(?=找|见)", {"要"}),
    ("[1１一幺][2２]", {"1", "１", "一", "幺"}),
    ("x*y", {"x", "y"}),
])
def test_first_chars_of_patterns(pattern, expected):
    from qa_engine.analyzers._regex_gate import first_chars

    assert first_chars(pattern) == expected


@pytest.mark.parametrize("pattern", [r"\d+号", ".{0,3}投诉", "[^你]投诉", "(?i:a)b", "x*", "[一-龥]投诉"])
def test_no_first_chars_when_unknown_or_empty_match(pattern):
    from qa_engine.analyzers._regex_gate import any_of, first_chars

    assert first_chars(pattern) is None
    assert any_of([pattern, "投诉"]).pattern == f"(?:{pattern})|(?:投诉)"  # ungated, as before
    assert first_chars("(?i)abc") is None  # case-folded: the literal is not the only start


def test_gated_alternation_finds_exactly_what_the_plain_one_finds():
    from qa_engine.analyzers._regex_gate import any_of
    from qa_engine.analyzers.escalation import CUE_PATTERNS

    patterns = [p for pats in CUE_PATTERNS.values() for p in pats]
    plain = re.compile("|".join(f"(?:{p})" for p in patterns))
    gated = any_of(patterns)
    assert gated.pattern.startswith("(?=[")
    rnd = random.Random(5)
    pieces = ["我要投诉", "打12315", "幺二三幺五", "找你们领导", "嗯", "好的", "媒体", "自媒体", "一星", "星期一",
              "报警器", "律师费", "，", "你", "上网上曝光", "Bb站", "去区政府反映", "谢谢", " "]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 6))) for _ in range(2000)]
    for text in texts:
        a, b = plain.search(text), gated.search(text)
        assert (a and a.span()) == (b and b.span()), text
