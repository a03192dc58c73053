"""Per-text memo caches of the char n-gram models give exactly what recomputing gives."""

from __future__ import annotations

import numpy as np
import pytest

from qa_engine.analyzers import _linear
from qa_engine.analyzers._linear import CharNgramCounter, TextCache
from qa_engine.conversation import Conversation

VOCAB = {g: i for i, g in enumerate(["好", "的", "好的", "嗯", "投诉", "投", "诉", "我要", "要投", " "])}
TEXTS = ["好的", "嗯", "我要投诉", "好的", "", "嗯 嗯  好的", "我要投诉"]


def _arrays(m):
    return m.indptr.tolist(), m.indices.tolist(), m.data.tolist()


def test_cached_rows_equal_counted_rows_in_order():
    plain = CharNgramCounter(VOCAB, (1, 2))
    cached = CharNgramCounter(VOCAB, (1, 2), cache_rows=True)
    expected = _arrays(plain.transform(TEXTS))
    assert _arrays(cached.transform(TEXTS)) == expected  # cold, with repeats in the batch
    assert _arrays(cached.transform(TEXTS)) == expected  # warm
    assert set(cached._rows) == set(TEXTS)


def test_text_cache_empties_when_full_and_with_model_clear():
    cache = TextCache(limit=3)
    cache.put_all({"a": 1, "b": 2})
    cache.put_all({"c": 3, "d": 4})  # would exceed the limit: starts over
    assert dict(cache) == {"c": 3, "d": 4}
    model = object.__new__(_linear.LinearTextModel)
    model._cache = {"x": 0.5}
    model.clear_cache()
    assert not cache and not model._cache


def test_complaint_risk_is_identical_cold_and_warm():
    from qa_engine.errors import ModelNotInstalledError

    try:
        from qa_engine.analyzers.complaint import ComplaintRiskAnalyzer

        analyzer = ComplaintRiskAnalyzer()
    except ModelNotInstalledError:
        pytest.skip("complaint model not installed")
    lines = [("agent", "您好，请问有什么可以帮您？"), ("customer", "我要投诉，你们一直乱扣费！"),
             ("agent", "非常抱歉给您带来不便。"), ("customer", "嗯。"), ("customer", "好的，谢谢。")]
    convs = [Conversation.model_validate({"id": f"c{k}", "utterances": [
        {"speaker": s, "start": i, "end": i + 1, "text": t} for i, (s, t) in enumerate(lines[:k])]})
        for k in range(2, 6)]
    analyzer.sentiment.clear_cache()  # empties every per-text cache
    cold = [f.model_dump() for f in analyzer.analyze_batch(convs)]
    warm = [f.model_dump() for f in analyzer.analyze_batch(convs)]
    single = [analyzer.analyze(c).model_dump() for c in convs]
    assert cold == warm == single
    assert np.isfinite(cold[0]["items"]["risk"]["probability"])
