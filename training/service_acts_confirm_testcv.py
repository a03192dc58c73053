"""Does more training data help ``confirm_need``? Grouped CV over the **test** calls.

    PYTHONPATH=. python -m training.service_acts_confirm_testcv [--seeds 3] [--folds 5]
        [--thresholds 0.7,0.8,0.9] [--recipes base,C4,...] [--json out.json]

The shipped confirm-need model is trained on the dev calls only and loses ~10 points of
agreement from dev CV to the test split. This script asks whether training on more real
calls would close the gap, without tuning anything on the test calls' text: the test calls
of ``eval/labels/service_acts.jsonl`` are split into folds **by call**; for each fold

- *dev+test*: a model is trained on all dev calls plus the other test folds,
- *dev-only*: the model trained on all dev calls (what ships),

and each is put in place of the ``need_check`` model inside the keyword analyzer, which
judges the held-out test calls with the ``confirm_need`` rule exactly as written (the
same machinery as ``training.service_acts_confirm_cv``). Call-level agreement / precision /
recall are averaged over ``--seeds`` shuffles, for the rule, the model alone and the
patterns alone, at each threshold, for each recipe (``RECIPES``: the shipped one and
variants). ``shipped`` judges the calls with the committed ``confirm_need.npz`` as a check
that the harness reproduces ``qa rules backtest``.

``--dev-cv`` also runs the dev-only grouped CV of each recipe (folds over the dev calls,
model trained on the other dev folds), which is where a recipe is chosen when the dev-only
model is kept. Only aggregate figures are printed: the test calls' disagreements are never
shown (the test split must not steer the rules).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from training.service_acts_confirm_cv import FoldModel, _analyzer, fold_assignment, mean_figures

log = logging.getLogger("training.service_acts_confirm_testcv")

ROOT = Path(__file__).resolve().parents[1]
RULE = "confirm_need"


def _prev_inputs(base: Callable) -> Callable:
    """``need_check_inputs`` plus the customer's previous turn (after ``⟪``)."""

    def inputs(texts: Sequence[str], roles: Sequence[str], indices: Sequence[int]) -> list[str]:
        out = []
        for i, x in zip(indices, base(texts, roles, indices), strict=True):
            prev = next((texts[j] for j in range(i - 1, -1, -1) if roles[j] == "customer" and texts[j]), "")
            out.append(f"{x}⟪{prev[-24:]}")
        return out

    return inputs


# name → (fit options, input wrapper or None). ``base`` is the shipped recipe.
RECIPES: dict[str, tuple[dict, Callable | None]] = {
    "base": ({}, None),
    "C4": ({"C": 4.0}, None),
    "C16": ({"C": 16.0}, None),
    "unweighted": ({"class_weight": None}, None),
    "ngram14": ({"ngram_range": (1, 4)}, None),
    "mindf1": ({"min_df": 1}, None),
    "prev": ({}, _prev_inputs),
}


def load_raw(split: str) -> list[dict]:
    """``load_examples`` of ``split`` plus what re-deriving the inputs needs (texts, roles,
    agent indices)."""
    from qa_engine.text import normalize
    from training.data import musied_path
    from training.service_acts_confirm import load_examples

    calls = load_examples(split)
    by_id = {c["doc_id"]: c for c in calls}
    for doc in json.loads(musied_path().read_text(encoding="utf-8")):
        c = by_id.get(str(doc["id"]))
        if c is None:
            continue
        texts, roles = [], []
        for line in doc["content"]:
            role, _, text = line.partition(":")
            text = normalize(text.rstrip(",，"))
            if text and role in ("客服", "用户"):
                texts.append(text)
                roles.append("agent" if role == "客服" else "customer")
        c["texts"], c["roles"] = texts, roles
        c["agent"] = [k for k, r in enumerate(roles) if r == "agent" and len(texts[k]) >= 3]
    return calls


def with_inputs(calls: list[dict], wrap: Callable | None) -> list[dict]:
    """``calls`` with their ``inputs`` re-derived by the recipe's input function."""
    if wrap is None:
        return calls
    from qa_engine.analyzers.service_acts import need_check_inputs

    fn = wrap(need_check_inputs)
    return [{**c, "inputs": fn(c["texts"], c["roles"], c["agent"])} for c in calls]


def fitter(options: dict) -> Callable:
    """``training.service_acts_confirm._fit`` with some recipe options changed."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from training.service_acts_confirm import RECIPE, SEED

    r = {**RECIPE, "class_weight": "balanced", **options}

    def fit(calls: list[dict]):
        X = [x for c in calls for x in c["inputs"]]
        y = np.array([v for c in calls for v in c["y"]])
        vec = TfidfVectorizer(analyzer="char", ngram_range=r["ngram_range"], min_df=r["min_df"],
                              sublinear_tf=True, dtype=np.float64)
        clf = LogisticRegression(C=r["C"], max_iter=3000, class_weight=r["class_weight"], random_state=SEED)
        clf.fit(vec.fit_transform(X), y)
        return vec, clf

    return fit


@contextlib.contextmanager
def patched_inputs(wrap: Callable | None):
    """Make the ``need_check`` detector build its inputs the recipe's way."""
    import qa_engine.analyzers.service_acts as sa

    if wrap is None:
        yield
        return
    original = sa.need_check_inputs
    sa.need_check_inputs = wrap(original)
    try:
        yield
    finally:
        sa.need_check_inputs = original


def _judge(analyzers: dict, model, convs: Sequence) -> dict[float, list[bool]]:
    from qa_engine.backtest import outcome

    out = {}
    for t, an in analyzers.items():
        if model is not None:
            an.compiled.detectors["need_check"].model = model
        out[t] = [outcome(an.analyze(c).items[RULE]) == "pass" for c in convs]
    return out


def _scores(model, calls: Sequence[dict]) -> np.ndarray:
    return np.array([model.predict_proba(c["inputs"]).max() if c["inputs"] else 0.0 for c in calls])


def test_cv(dev: list[dict], test: list[dict], test_convs: Sequence, raw: dict, thresholds: Sequence[float],
            options: dict, wrap: Callable | None, *, folds: int = 5, seeds: int = 3) -> dict:
    """Per threshold: rule and model verdicts on every test call, out of fold, for the
    dev+test and the dev-only models (lists per seed; dev-only is the same every seed)."""
    fit = fitter(options)
    dev, test = with_inputs(dev, wrap), with_inputs(test, wrap)
    out = {k: {t: [] for t in thresholds} for k in ("rule_devtest", "model_devtest", "rule_dev", "model_dev")}
    with patched_inputs(wrap):
        analyzers = {t: _analyzer(raw, t) for t in thresholds}
        dev_model = FoldModel(fit(dev))
        rule_dev = _judge(analyzers, dev_model, test_convs)
        score_dev = _scores(dev_model, test)
        for seed in range(seeds):
            fold_of = fold_assignment(len(test), folds, seed)
            rule = {t: [False] * len(test) for t in thresholds}
            score = np.zeros(len(test))
            for f in range(folds):
                held = [n for n, k in enumerate(fold_of) if k == f]
                model = FoldModel(fit(dev + [c for c, k in zip(test, fold_of, strict=True) if k != f]))
                got = _judge(analyzers, model, [test_convs[n] for n in held])
                score[held] = _scores(model, [test[n] for n in held])
                for t in thresholds:
                    for n, v in zip(held, got[t], strict=True):
                        rule[t][n] = v
            for t in thresholds:
                out["rule_devtest"][t].append(rule[t])
                out["model_devtest"][t].append((score >= t).tolist())
                out["rule_dev"][t].append(rule_dev[t])
                out["model_dev"][t].append((score_dev >= t).tolist())
    return out


def dev_cv(dev: list[dict], dev_convs: Sequence, raw: dict, thresholds: Sequence[float], options: dict,
           wrap: Callable | None, *, folds: int = 5, seeds: int = 3) -> dict:
    """The dev-only grouped CV of a recipe (``training.service_acts_confirm_cv.rule_cv``)."""
    from training.service_acts_confirm_cv import rule_cv

    dev = with_inputs(dev, wrap)
    fit = fitter(options)
    with patched_inputs(wrap):
        return rule_cv(dev, dev_convs, thresholds, raw, folds=folds, seeds=seeds,
                       fit=lambda calls: fit(calls))


def main(argv: list[str] | None = None) -> None:
    import tomllib

    from qa_engine.analyzers._linear import load_linear
    from qa_engine.backtest import load_calls, load_labels
    from qa_engine.models import model_path
    from training.service_acts_confirm import LABELS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rulebook", type=Path, default=ROOT / "models" / "rulebook.toml")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--thresholds", default="0.7,0.8,0.9")
    parser.add_argument("--recipes", default=",".join(RECIPES))
    parser.add_argument("--dev-cv", action="store_true", help="Also the dev-only grouped CV of each recipe.")
    parser.add_argument("--json", type=Path, default=None, help="Also write the figures here.")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    thresholds = [float(t) for t in args.thresholds.split(",")]
    raw = tomllib.loads(args.rulebook.read_text(encoding="utf-8"))
    meta, _ = load_labels(LABELS)
    dev, test = load_raw("dev"), load_raw("test")
    convs = load_calls(LABELS.parent / meta["calls"], meta.get("calls_format", "musied"),
                       [c["doc_id"] for c in dev + test])
    dev_convs = [convs[c["doc_id"]] for c in dev]
    test_convs = [convs[c["doc_id"]] for c in test]
    truth = np.array([c["done"] for c in test])
    dev_truth = np.array([c["done"] for c in dev])
    print(f"test calls {len(test)} ({int(truth.sum())} confirmed, always-yes {truth.mean():.3f}); "
          f"dev calls {len(dev)}; {args.folds} folds x {args.seeds} shuffles by call over the test calls")
    report: dict = {}
    patterns = _judge({None: _analyzer(raw, None)}, None, test_convs)[None]
    report["patterns"] = mean_figures([patterns], truth)
    shipped = _judge({t: _analyzer(raw, t) for t in thresholds},
                     load_linear(model_path("service_acts", "confirm_need.npz")), test_convs)
    report["shipped"] = {str(t): {"rule": mean_figures([shipped[t]], truth)} for t in thresholds}
    print(f"  patterns alone                 agreement {report['patterns']['agreement']:.3f}  "
          f"P {report['patterns']['precision']:.3f}  R {report['patterns']['recall']:.3f}")
    for t in thresholds:
        r = report["shipped"][str(t)]["rule"]
        print(f"  shipped npz rule @{t}          agreement {r['agreement']:.3f}  P {r['precision']:.3f}  "
              f"R {r['recall']:.3f}")
    for name in args.recipes.split(","):
        options, wrap = RECIPES[name]
        res = test_cv(dev, test, test_convs, raw, thresholds, options, wrap, folds=args.folds, seeds=args.seeds)
        report[name] = {}
        if args.dev_cv:
            dres = dev_cv(dev, dev_convs, raw, thresholds, options, wrap, folds=args.folds, seeds=args.seeds)
        for t in thresholds:
            row = {k: mean_figures(res[k][t], truth) for k in res}
            if args.dev_cv:
                row["rule_devcv"] = mean_figures(dres["rule"][t], dev_truth)
                row["model_devcv"] = mean_figures(dres["model"][t], dev_truth)
            report[name][str(t)] = row
            line = "  ".join(f"{k} {v['agreement']:.3f} (P {v['precision']:.2f} R {v['recall']:.2f})"
                             for k, v in row.items())
            print(f"  {name:10s} @{t}: {line}", flush=True)
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
