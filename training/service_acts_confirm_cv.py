"""Grouped cross-validation of the whole ``confirm_need`` rule on the dev calls.

    PYTHONPATH=. python -m training.service_acts_confirm_cv [--rulebook R] [--seeds 3]
        [--thresholds 0.6,0.7,0.8,0.9] [--show 0.8]

The confirm-need model is one group of the rule; the other is patterns (phrases, regexes,
the ``restatement`` detector). How the rule generalises depends on both, so this script
judges the rule as shipped: the dev calls of ``eval/labels/service_acts.jsonl`` are split
into folds **by call**; for each fold the model is trained on the other folds
(``training.service_acts_confirm._fit``) and put in place of ``confirm_need.v1`` inside the
keyword analyzer, which then judges the held-out calls with the rule exactly as written
(window, ``before = "agent_closing"``, exclusions, the patterns group first, the model group
at the threshold). Call-level agreement, precision and recall are averaged over the
shuffles, beside the patterns alone and the model alone (at the same threshold) of the
same run. ``--patterns-commit 7a20953 --reader2`` is the honest variant: the rule's
patterns are replaced by those of that commit's rulebook (tuned on reader 1's calls before
reader 2 labelled order positions 221–338) and the figures are read on reader 2's dev calls
only, so neither the patterns nor the model saw the calls they are judged on (the model
still trains on all other folds). ``--show T`` prints the out-of-fold disagreements at threshold T (dev calls only;
the text is printed here, never committed).

The patterns were written with the dev calls in view, so their share of the figure is
optimistic; the model's share is honest. Test calls are never read.
"""

from __future__ import annotations

import argparse
import copy
import json
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger("training.service_acts_confirm_cv")

ROOT = Path(__file__).resolve().parents[1]
RULE = "confirm_need"


class FoldModel:
    """A freshly fitted (vectorizer, classifier) behind ``LinearTextModel.predict_proba``."""

    def __init__(self, model) -> None:
        self.vec, self.clf = model

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        return self.clf.predict_proba(self.vec.transform(texts))[:, 1]


def _analyzer(raw: dict, threshold: float | None):
    """A keyword analyzer holding only ``confirm_need``; its model group at ``threshold``
    (None: the model group removed — the patterns alone)."""
    from qa_engine.analyzers.keywords import KeywordAnalyzer
    from qa_engine.rulebook import parse_rulebook

    raw = copy.deepcopy(raw)
    rule = next(r for r in raw["rules"] if r["id"] == RULE)
    groups = []
    for g in rule.get("groups", []):
        if g.get("detector") == "need_check":
            if threshold is None:
                continue
            g["min_probability"] = threshold
        groups.append(g)
    rule["groups"] = groups
    raw["rules"] = [rule]
    return KeywordAnalyzer(parse_rulebook(raw, source="cv"))


def old_patterns(raw: dict, commit: str) -> dict:
    """``raw`` with the rulebook of ``commit`` in place: its confirm_need phrases, regexes and
    detector (and its detector options) as the patterns group, ``raw``'s model group kept."""
    import subprocess
    import tomllib

    text = subprocess.run(["git", "show", f"{commit}:models/rulebook.toml"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout
    old = tomllib.loads(text)
    rule = next(r for r in old["rules"] if r["id"] == RULE)
    if "groups" in rule:
        groups = [g for g in rule["groups"] if g.get("detector") != "need_check"]
    else:
        groups = [{"id": "restated", **{k: rule.pop(k) for k in ("phrases", "regex", "detector") if k in rule}}]
    new_rule = next(r for r in raw["rules"] if r["id"] == RULE)
    rule["groups"] = groups + [g for g in new_rule["groups"] if g.get("detector") == "need_check"]
    old.setdefault("detectors", {})["need_check"] = raw.get("detectors", {}).get("need_check", {})
    return old


def reader2(doc_ids: Sequence[str]) -> np.ndarray:
    """Which calls reader 2 labelled (order positions 221–338 by sha1 of the doc id)."""
    import hashlib

    from training.data import musied_path

    docs = json.loads(musied_path().read_text(encoding="utf-8"))
    order = sorted((str(d["id"]) for d in docs if d["domain"] == "Phone Conversations"),
                   key=lambda d: hashlib.sha1(d.encode()).hexdigest())
    position = {d: n for n, d in enumerate(order)}
    return np.array([position[d] >= 221 for d in doc_ids])


def fold_assignment(n: int, folds: int, seed: int) -> np.ndarray:
    """Fold of each call for one shuffle."""
    order = np.random.RandomState(seed).permutation(n)
    fold_of = np.empty(n, dtype=int)
    fold_of[order] = np.arange(n) % folds
    return fold_of


def rule_cv(calls: Sequence[dict], convs: Sequence, thresholds: Sequence[float], raw: dict, *,
            folds: int = 5, seeds: int = 3, fit: Callable | None = None) -> dict:
    """Out-of-fold rule verdicts: ``{"patterns": [bool], "model": {t: [[bool] per seed]},
    "rule": {t: [[bool] per seed]}, "hits": {t: [[note] per seed]}}`` (a verdict per call)."""
    from qa_engine.backtest import outcome
    from training.service_acts_confirm import _call_scores, _fit

    fit = fit or _fit
    patterns_only = _analyzer(raw, None)
    patterns = [outcome(patterns_only.analyze(c).items[RULE]) == "pass" for c in convs]
    analyzers = {t: _analyzer(raw, t) for t in thresholds}
    out = {"patterns": patterns, "model": {t: [] for t in thresholds}, "rule": {t: [] for t in thresholds},
           "hits": {t: [] for t in thresholds}}
    for seed in range(seeds):
        fold_of = fold_assignment(len(calls), folds, seed)
        model_scores = np.zeros(len(calls))
        verdict = {t: [False] * len(calls) for t in thresholds}
        notes = {t: [""] * len(calls) for t in thresholds}
        for f in range(folds):
            model = fit([c for c, k in zip(calls, fold_of, strict=True) if k != f])
            held = [n for n, k in enumerate(fold_of) if k == f]
            model_scores[held] = _call_scores(model, [calls[n] for n in held])
            for t, an in analyzers.items():
                an.compiled.detectors["need_check"].model = FoldModel(model)
                for n in held:
                    item = an.analyze(convs[n]).items[RULE]
                    verdict[t][n] = outcome(item) == "pass"
                    hits = (item.detail or {}).get("hits") or []
                    notes[t][n] = "; ".join(f"{h.get('group')}@{h.get('utterance')} {h.get('mode')}"
                                            f"{'' if h.get('probability') is None else ' P=%.2f' % h['probability']}"
                                            for h in hits[:2])
        for t in thresholds:
            out["model"][t].append((model_scores >= t).tolist())
            out["rule"][t].append(verdict[t])
            out["hits"][t].append(notes[t])
    return out


def _prf(pred: Sequence[bool], truth: np.ndarray) -> tuple[float, float, float]:
    p = np.asarray(pred, dtype=bool)
    tp = int((p & truth).sum())
    return float((p == truth).mean()), tp / max(1, int(p.sum())), tp / max(1, int(truth.sum()))


def summarise(result: dict, truth: np.ndarray, keep: np.ndarray | None = None) -> dict:
    """Mean call agreement / precision / recall over the shuffles (on the calls in ``keep``)."""
    keep = np.ones(len(truth), dtype=bool) if keep is None else keep
    truth = truth[keep]
    rows = {"patterns": dict(zip(("agreement", "precision", "recall"),
                                 _prf(np.asarray(result["patterns"])[keep], truth), strict=True))}
    for t in result["rule"]:
        for what in ("model", "rule"):
            rows[f"{what}@{t}"] = mean_figures([np.asarray(v)[keep] for v in result[what][t]], truth)
    return rows


def mean_figures(runs, truth: np.ndarray) -> dict:
    """Agreement / precision / recall of each run's verdicts against ``truth``, averaged over runs."""
    figs = np.mean([_prf(r, truth) for r in runs], axis=0)
    return dict(zip(("agreement", "precision", "recall"), map(float, figs), strict=True))


def main(argv: list[str] | None = None) -> None:
    import tomllib

    from qa_engine.backtest import load_calls, load_labels
    from training.service_acts_confirm import LABELS, load_examples

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rulebook", type=Path, default=ROOT / "models" / "rulebook.toml")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--thresholds", default="0.6,0.7,0.8,0.9")
    parser.add_argument("--patterns-commit", default=None,
                        help="Use the confirm_need patterns of this commit's rulebook (e.g. 7a20953).")
    parser.add_argument("--reader2", action="store_true", help="Score reader 2's dev calls only.")
    parser.add_argument("--show", type=float, default=None, help="Print the disagreements at this threshold.")
    parser.add_argument("--json", type=Path, default=None, help="Also write the summary here.")
    parser.add_argument("--tag-echo", type=int, default=None,
                        help="Set the restatement detector's tag_echo_bigrams (a tag question echoing the customer "
                             "counts without a listed topic) for this run.")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    thresholds = [float(t) for t in args.thresholds.split(",")]
    if args.show is not None and args.show not in thresholds:
        thresholds.append(args.show)
    calls = load_examples("dev")
    meta, _ = load_labels(LABELS)
    convs_by_id = load_calls(LABELS.parent / meta["calls"], meta.get("calls_format", "musied"),
                             [c["doc_id"] for c in calls])
    convs = [convs_by_id[c["doc_id"]] for c in calls]
    truth = np.array([c["done"] for c in calls])
    raw = tomllib.loads(args.rulebook.read_text(encoding="utf-8"))
    if args.patterns_commit:
        raw = old_patterns(raw, args.patterns_commit)
    if args.tag_echo is not None:
        raw.setdefault("detectors", {}).setdefault("restatement", {})["tag_echo_bigrams"] = args.tag_echo
    result = rule_cv(calls, convs, thresholds, raw, folds=args.folds, seeds=args.seeds)
    keep = reader2([c["doc_id"] for c in calls]) if args.reader2 else np.ones(len(calls), dtype=bool)
    summary = summarise(result, truth, keep)
    print(f"dev calls {int(keep.sum())} ({int(truth[keep].sum())} confirmed); always-yes {truth[keep].mean():.3f}; "
          f"{args.folds} folds x {args.seeds} shuffles by call; rulebook {args.rulebook}"
          f"{'' if not args.patterns_commit else ', patterns of ' + args.patterns_commit}")
    for name, row in summary.items():
        print(f"  {name:12s} agreement {row['agreement']:.3f}  P {row['precision']:.3f}  R {row['recall']:.3f}")
    if args.json is not None:
        args.json.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    if args.show is not None:
        t = args.show
        for n, c in enumerate(calls):
            got = [v[n] for v in result["rule"][t]]
            if (sum(got) * 2 > len(got)) != c["done"]:
                conv = convs[n]
                print(f"\n{c['doc_id']} label={'yes' if c['done'] else 'no'} "
                      f"rule passes in {sum(got)}/{len(got)} shuffles: {result['hits'][t][0][n]}")
                cited = {k for k, y in enumerate(c["y"]) if y}
                agent_k = 0
                for u in conv.utterances:
                    mark = ""
                    if u.speaker.value == "agent" and len(u.text) >= 3:
                        mark = "*" if agent_k in cited else ""
                        agent_k += 1
                    print(f"   {mark}{u.speaker.value[:1]} {u.text[:90]}")


if __name__ == "__main__":
    main()
