"""The sentiment dev comparisons' shared pieces (``training/sentiment_cv_common.py``): the margin
cache fits only what it lacks, and the round-8 / round-9 runs read it back instead of refitting."""

from __future__ import annotations

import numpy as np

from training import sentiment_cv_common as COMMON
from training import sentiment_round8_cv as R8
from training import sentiment_round9_cv as R9

from .test_sentiment_round8_cv import fake


def test_cached_margins_fits_what_the_cache_lacks_and_writes_after_each_fit(tmp_path):
    cache = tmp_path / "m.npz"
    calls = []

    def fit(name, value):
        def run():
            calls.append(name)
            return np.full(3, value)
        return run

    first = COMMON.cached_margins(str(cache), {"a": fit("a", 1.0), "b": fit("b", 2.0)})
    assert calls == ["a", "b"] and set(np.load(cache)) == {"a", "b"}
    again = COMMON.cached_margins(str(cache), {"a": fit("a", 9.0), "c": fit("c", 3.0)})
    assert calls == ["a", "b", "c"]  # "a" read back, not refitted
    assert (again["a"] == first["a"]).all() and set(again) == {"a", "b", "c"}
    held = {"x": np.zeros(3)}
    out = COMMON.cached_margins(None, {"x": fit("x", 5.0), "y": fit("y", 4.0)}, None, held)
    assert out is held and calls[-1] == "y" and (held["x"] == 0).all()


def test_folds_are_fixed_by_the_dialogue_and_cover_every_fold():
    from training.sentiment_labels import Turn

    turns = [Turn("musied", str(d), i, "customer", "call", f"t{d}-{i}") for d in range(60) for i in range(2)]
    folds = COMMON.folds_of(turns)
    assert set(folds) == set(range(5))
    assert (folds[0::2] == folds[1::2]).all()  # the two turns of a dialogue share a fold
    assert (COMMON.folds_of(turns, 3) < 3).all()


def _prepared(n: int = 200) -> dict:
    p = fake(n)
    rng = np.random.default_rng(1)
    yneg = (p["y"] == "negative").astype(float)
    p.update({"dev": list(range(n)), "shipped": yneg + rng.normal(0, 1, n), "baseline": rng.normal(0, 1, n),
              "rest": rng.normal(0, 0.1, n), "gate": np.ones(n), "X_dev": np.c_[yneg + rng.normal(0, 1, n)]})
    return p


def test_round8_and_round9_runs_fit_once_and_then_read_the_cache(tmp_path, monkeypatch):
    p = _prepared()
    fitted = []

    def out_of_fold(p_, y, w):
        fitted.append(float(w.sum()))
        return np.where(p_["y"] == "negative", 1.0, 0.0) + 0.01 * w

    monkeypatch.setattr(R8, "prepare", lambda: p)
    monkeypatch.setattr(R8, "out_of_fold", out_of_fold)
    cache = tmp_path / "r8.npz"
    rep = R8.main(["--cache", str(cache), "--boot", "20"])
    assert len(fitted) == len(R8.FIT_CANDIDATES) and set(np.load(cache)) == set(R8.FIT_CANDIDATES)
    assert set(rep["verdict"]) >= {"A8", "A8 + β·Hb"}
    monkeypatch.setattr(R9, "heads", lambda p_: {"N": {(1.0,): p_["shipped"]}})
    rep9 = R9.main(["--cache", str(cache), "--boot", "20"])
    assert len(fitted) == len(R8.FIT_CANDIDATES)  # S_old and A8 read from round 8's cache, not refitted
    assert "N" in rep9["verdict"]
    R9.main(["--boot", "20"])  # no cache: round 9 fits its two margins itself
    assert len(fitted) == len(R8.FIT_CANDIDATES) + 2
