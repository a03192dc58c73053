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
