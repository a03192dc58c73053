"""The rule-level cross-validation harness judges held-out calls with the rule as written."""

from __future__ import annotations

import tomllib

import numpy as np
import pytest

pytest.importorskip("sklearn", reason="the harness fits scikit-learn models (models extra)")

from qa_engine.rulebook import DEFAULT_RULEBOOK_PATH  # noqa: E402
from tests.analyzers.test_keywords_operators import conv  # noqa: E402
from training.service_acts_confirm_cv import _analyzer, fold_assignment, summarise  # noqa: E402


class _Constant:
    """A stand-in fold model: the same probability for every line."""

    def __init__(self, p: float) -> None:
        self.p = p

    def predict_proba(self, texts):
        return np.full(len(texts), self.p)


@pytest.fixture(scope="module")
def raw() -> dict:
    return tomllib.loads(DEFAULT_RULEBOOK_PATH.read_text(encoding="utf-8"))


# No pattern confirms here: only the model group can pass the rule.
PLAIN = conv(("A", "您好请问有什么可以帮您"), ("C", "柚子里面有红的还有白的"), ("A", "柚子颜色不一样"),
             ("A", "好的我帮您处理"))


def test_fold_model_decides_through_the_rule_at_the_threshold(raw):
    an = _analyzer(raw, 0.8)
    an.compiled.detectors["need_check"].model = _Constant(0.85)
    f = an.analyze(PLAIN).items["confirm_need"]
    assert f.value == 1.0 and f.detail["hits"][0]["probability"] == pytest.approx(0.85)
    an.compiled.detectors["need_check"].model = _Constant(0.75)
    assert an.analyze(PLAIN).items["confirm_need"].value == 0.0
    low = _analyzer(raw, 0.7)                    # the harness's threshold, not the rulebook's 0.8
    low.compiled.detectors["need_check"].model = _Constant(0.75)
    assert low.analyze(PLAIN).items["confirm_need"].value == 1.0


def test_patterns_alone_drop_the_model_group(raw):
    an = _analyzer(raw, None)
    assert "need_check" not in an.compiled.detectors
    assert set(an.produces) == {"confirm_need"}
    assert an.analyze(PLAIN).items["confirm_need"].value == 0.0


def test_folds_are_balanced_and_summary_counts_calls():
    fold_of = fold_assignment(11, 5, seed=0)
    assert sorted(np.bincount(fold_of).tolist()) == [2, 2, 2, 2, 3]
    truth = np.array([True, True, False, False])
    result = {"patterns": [True, False, False, True], "model": {0.8: [[True, True, True, False]]},
              "rule": {0.8: [[True, True, False, False]]}}
    rows = summarise(result, truth)
    assert rows["rule@0.8"] == {"agreement": 1.0, "precision": 1.0, "recall": 1.0}
    assert rows["patterns"]["agreement"] == 0.5
    assert summarise(result, truth, np.array([True, False, True, True]))["model@0.8"]["precision"] == 0.5


def test_test_fold_cv_trains_on_dev_plus_other_folds_and_judges_held_out_calls(raw, monkeypatch):
    """Each held-out test call is judged by a model that never saw it; the dev-only model by
    one trained on dev alone (the fitter records what it was given)."""
    import training.service_acts_confirm_testcv as tcv

    dev = [{"doc_id": f"d{i}", "done": True, "inputs": ["x"], "y": [1]} for i in range(4)]
    test = [{"doc_id": f"t{i}", "done": i % 2 == 0, "inputs": ["x"], "y": [i % 2 == 0]} for i in range(5)]
    seen: list[set[str]] = []

    def fitter(options):
        def fit(calls):
            seen.append({c["doc_id"] for c in calls})
            return set(seen[-1])
        return fit

    class Model:  # passes the rule only when fitted without any test call
        def __init__(self, ids):
            self.p = 0.9 if not any(i.startswith("t") for i in ids) else 0.1

        def predict_proba(self, texts):
            return np.full(len(texts), self.p)

    monkeypatch.setattr(tcv, "fitter", fitter)
    monkeypatch.setattr(tcv, "FoldModel", Model)
    out = tcv.test_cv(dev, test, [PLAIN] * 5, raw, [0.8], {}, None, folds=5, seeds=2)
    assert seen[0] == {"d0", "d1", "d2", "d3"}                      # the dev-only model
    folds = seen[1:]
    assert len(folds) == 10 and all(len(s) == 8 and {"d0", "d1", "d2", "d3"} <= s for s in folds)
    assert out["rule_dev"][0.8] == [[True] * 5] * 2                 # dev-only: passes every call
    assert out["rule_devtest"][0.8] == [[False] * 5] * 2             # fold models saw test calls


def test_prev_recipe_appends_the_customers_previous_line():
    from training.service_acts_confirm_testcv import _prev_inputs

    fn = _prev_inputs(lambda texts, roles, idx: [texts[i] for i in idx])
    texts, roles = ["您好", "饭里有头发", "头发是吗", "对"], ["agent", "customer", "agent", "customer"]
    assert fn(texts, roles, [0, 2]) == ["您好⟪", "头发是吗⟪饭里有头发"]
