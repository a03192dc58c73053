"""Round 8 of the chatbot sentiment work: the candidates of ``models/sentiment/ROUND8_RULE.md``
(pre-registered), scored out of fold on the dev turns.

    python -m training.sentiment_round8_cv [--json eval/labels/sentiment_round8_cv.json] [--cache FILE.npz]

Every candidate's score is ``m_pol + 1·r + cues`` with the polarity head ``m_pol`` refitted
five times without one fold of dev turns (folds by dialogue / XS text, the folds of every
earlier round); ``r`` is the shipped three-class heads' negative-vs-rest logit. The yardstick
is ``U``: the random XS dev turns no shipped model has fitted on (the 359 "added 720" dev
turns and the 614 round-8 dev turns): the all-turns AUC (neutral turns by their hand lean or
by the XS automatic label) and the polar-only AUC, each against the shipped ``negative_prob``
with a paired bootstrap. Guards on the older dev registers compare with ``S_old``, the shipped
recipe refitted out of fold on the hand rows the shipped file used. Test turns are never read.
"""

from __future__ import annotations

import json
import time
from functools import partial
from pathlib import Path

import numpy as np

from training import sentiment_cv_common as COMMON
from training import sentiment_three as THREE
from training.sentiment_labels import load_leans, sample_xs_more, sample_xs_round8

HAND_CS = (1.0, 10.0)
BETAS = (0.0, 0.5, 1.0, 2.0)
FIT_CANDIDATES = {  # name → (weight of the older polar hand turns, of the unseen chatbot polar turns, of lean rows)
    "S_old": (8.0, 0.0, 0.0),
    "A8": (8.0, 8.0, 0.0),
    "A24": (8.0, 24.0, 0.0),
    "L8": (8.0, 8.0, 8.0),
    "L2": (8.0, 8.0, 2.0),
}


def prepare() -> dict:
    """Dev turns, their char + cue matrix, the polarity rows' matrix, the shipped parts
    (``sentiment_cv_common.char_cue_inputs``), and round 8's turn sets: the unseen chatbot turns,
    the hand leans and XS automatic labels of the neutral XS turns."""
    from training.sentiment_labels import xs_automatic_labels

    p, more = COMMON.char_cue_inputs()
    dev = p["dev"]
    unseen = {t.turn for t in sample_xs_more()} | {t.turn for t in sample_xs_round8()}
    r8 = {t.turn for t in sample_xs_round8()}
    leans = load_leans()
    auto = xs_automatic_labels()
    return {
        **p, "gate": 1.0 - more["probs"][:, 1],
        "lean": np.array([{"negative": 1, "positive": 0}.get(leans.get((t.source, t.doc, str(t.turn))), -1)
                          if t.source == "xs_30k" and t.label == "neutral" else -1 for t in dev]),
        "auto": np.array([int(auto[t.turn] == "negative") if t.source == "xs_30k" else -1 for t in dev]),
        "unseen": np.array([t.source == "xs_30k" and t.turn in unseen for t in dev]),
        "round8": np.array([t.source == "xs_30k" and t.turn in r8 for t in dev]),
    }


def hand_weights(p: dict, old: float, new: float, lean: float) -> tuple[np.ndarray, np.ndarray]:
    """(y = 1 negative, weight) per dev turn for a polarity fit: polar turns (the unseen chatbot
    ones at ``new``, the rest at ``old``, hard ones at the shipped hard weight when ``old`` is
    used), lean-labelled neutral XS turns at ``lean`` by their lean; weight 0 leaves a turn out."""
    y_lab = p["y"]
    polar = y_lab != "neutral"
    y = np.where(polar, (y_lab == "negative").astype(int), np.maximum(p["lean"], 0))
    w = np.zeros(len(y_lab))
    w[polar & ~p["unseen"]] = old
    w[polar & p["hard"]] = THREE.POLARITY["hard_weight"] if old else 0.0
    w[polar & p["unseen"]] = new
    w[(~polar) & (p["lean"] >= 0)] = lean
    return y, w


def out_of_fold(p: dict, y_hand: np.ndarray, w_hand: np.ndarray) -> np.ndarray:
    from scipy.sparse import vstack

    out = np.zeros(len(p["dev"]))
    for f in range(int(p["fold"].max()) + 1):
        tr = (w_hand > 0) & (p["fold"] != f)
        t0 = time.time()
        coef, b = THREE.fit_polarity(vstack([p["X_base"], p["X_dev"][tr]]).tocsr(),
                                     np.concatenate([p["y_base"], y_hand[tr]]),
                                     np.concatenate([p["w_base"], w_hand[tr]]))
        out[p["fold"] == f] = np.asarray(p["X_dev"][p["fold"] == f] @ coef).ravel() + b
        print(f"  fold {f}: {time.time() - t0:.0f}s", flush=True)
    return out


def hand_head_out_of_fold(p: dict, use: np.ndarray, y: np.ndarray, C: float) -> np.ndarray:
    """A plain LR fitted on the hand-labelled dev turns ``use`` alone (no automatic labels)."""
    from sklearn.linear_model import LogisticRegression

    out = np.zeros(len(p["dev"]))
    for f in range(int(p["fold"].max()) + 1):
        tr = use & (p["fold"] != f)
        clf = LogisticRegression(C=C, max_iter=3000, random_state=0).fit(p["X_dev"][tr], y[tr])
        out[p["fold"] == f] = clf.decision_function(p["X_dev"][p["fold"] == f])
    return out


def _auc(y, s) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, s))


def primary_masks(p: dict) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """name → (mask over dev turns, binary y) for the figures on ``U``."""
    u = p["unseen"]
    polar = p["y"] != "neutral"
    yneg = (p["y"] == "negative").astype(int)
    y_lean = np.where(polar, yneg, p["lean"])
    y_auto = np.where(polar, yneg, p["auto"])
    out = {"U all-turns lean": (u & (y_lean >= 0), y_lean), "U polar": (u & polar, yneg),
           "U all-turns automatic-neutral": (u & (y_auto >= 0), y_auto),
           "round-8 all-turns lean": (p["round8"] & (y_lean >= 0), y_lean),
           "round-8 polar": (p["round8"] & polar, yneg),
           "added-720 all-turns lean": (u & ~p["round8"] & (y_lean >= 0), y_lean),
           "added-720 polar": (u & ~p["round8"] & polar, yneg)}
    return out


def guard_masks(p: dict) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    polar = p["y"] != "neutral"
    yneg = (p["y"] == "negative").astype(int)
    clean = p["tune"] & ~p["hard"]
    out = {"helpdesk clean polar": (clean & (p["register"] == "helpdesk") & polar, yneg),
           "hard polar": (p["hard"] & polar, yneg)}
    for reg in ("helpdesk", "call", "chat"):
        out[f"{reg} customer clean neg vs rest"] = (clean & (p["register"] == reg) & (p["role"] == "customer"), yneg)
    return out


def figures(p: dict, s: np.ndarray) -> dict:
    out = {}
    for name, (m, y) in {**primary_masks(p), **guard_masks(p)}.items():
        out[name] = round(_auc(y[m], s[m]), 4) if 0 < y[m].sum() < m.sum() else None
    return out


def bootstrap(y: np.ndarray, a: np.ndarray, b: np.ndarray, n: int = 2000, seed: int = 0) -> dict:
    """Paired bootstrap of AUC(a) − AUC(b) over the given turns."""
    rng = np.random.default_rng(seed)
    diffs = []
    for _ in range(n):
        d = rng.integers(0, len(y), len(y))
        if 0 < y[d].sum() < len(d):
            diffs.append(_auc(y[d], a[d]) - _auc(y[d], b[d]))
    return {"diff": round(_auc(y, a) - _auc(y, b), 4),
            "ci95": [round(float(np.percentile(diffs, 2.5)), 4), round(float(np.percentile(diffs, 97.5)), 4)]}


def nested(p: dict, base: np.ndarray, heads: dict[float, np.ndarray], gate: np.ndarray) -> tuple[np.ndarray, list]:
    """``base + g·β·head_C`` with (C, β) chosen per fold on the other folds' ``U`` turns by the sum
    of the two primary AUCs (all-turns lean + polar)."""
    masks = primary_masks(p)
    (m_all, y_all), (m_pol, y_pol) = masks["U all-turns lean"], masks["U polar"]
    out, chosen = np.zeros(len(base)), []
    for f in range(int(p["fold"].max()) + 1):
        other = p["fold"] != f

        def value(C, beta, other=other):
            s = base + beta * gate * heads[C]
            return _auc(y_all[m_all & other], s[m_all & other]) + _auc(y_pol[m_pol & other], s[m_pol & other])

        C, beta = max(((C, b) for C in heads for b in BETAS), key=lambda cb: value(*cb))
        chosen.append([C, beta])
        out[p["fold"] == f] = (base + beta * gate * heads[C])[p["fold"] == f]
    return out, chosen


def judge(p: dict, scores: dict[str, np.ndarray], n_boot: int) -> dict:
    """The rule of ROUND8_RULE.md (criteria 1–4) for every candidate."""
    figs = {k: figures(p, s) for k, s in scores.items()}
    masks = primary_masks(p)
    verdict = {}
    for k in scores:
        if k in ("shipped", "S_old", "baseline"):
            continue
        boot = {}
        for name in ("U all-turns lean", "U polar"):
            m, y = masks[name]
            boot[name] = bootstrap(y[m], scores[k][m], scores["shipped"][m], n_boot)
        ok1 = all(b["diff"] >= 0.005 and b["ci95"][0] > 0 for b in boot.values())
        auto = "U all-turns automatic-neutral"
        ok2 = figs[k][auto] >= figs["shipped"][auto] - 0.003
        drops = {g: round(figs[k][g] - figs["S_old"][g], 4) for g in guard_masks(p) if figs["S_old"][g] is not None}
        ok3 = all(d >= -0.005 for d in drops.values())
        verdict[k] = {"vs_shipped": boot, "rule1": ok1, "rule2": ok2, "guards_vs_S_old": drops, "rule3": ok3,
                      "passes_1_to_4": ok1 and ok2 and ok3}
    return {"figures": figs, "verdict": verdict}


def main(argv: list[str] | None = None) -> dict:
    args = COMMON.cv_arguments(__doc__, argv)
    t0 = time.time()
    p = prepare()
    margins = COMMON.cached_margins(args.cache, {name: partial(out_of_fold, p, *hand_weights(p, *recipe))
                                                 for name, recipe in FIT_CANDIDATES.items()})
    scores = {"shipped": p["shipped"], "baseline": p["baseline"]}
    scores.update({k: m + p["rest"] for k, m in margins.items()})
    # hand-label heads (no automatic labels), non-agent turns only
    nonagent = p["role"] != "agent"
    polar = (p["y"] != "neutral") & nonagent
    yneg = (p["y"] == "negative").astype(int)
    H = {C: hand_head_out_of_fold(p, polar, yneg, C) for C in HAND_CS}
    with_lean = polar | ((p["lean"] >= 0) & nonagent)
    y_b = np.where(p["y"] != "neutral", yneg, np.maximum(p["lean"], 0))
    Hb = {C: hand_head_out_of_fold(p, with_lean, y_b, C) for C in HAND_CS}
    scores["A8 + g·β·H"], chosen_h = nested(p, scores["A8"], H, p["gate"])
    scores["A8 + β·Hb"], chosen_hb = nested(p, scores["A8"], Hb, np.ones(len(p["y"])))
    rep = judge(p, scores, args.boot)
    rep["chosen (C, β) per fold"] = {"A8 + g·β·H": chosen_h, "A8 + β·Hb": chosen_hb}
    rep["n"] = {name: {"turns": int(m.sum()), "negative": int(y[m].sum())}
                for name, (m, y) in {**primary_masks(p), **guard_masks(p)}.items()}
    rep["label_neg_rate_unchanged"] = "labels come from the shipped three-class heads for every candidate"
    rep["seconds"] = round(time.time() - t0)
    for k, f in rep["figures"].items():
        print(f"{k:14s} " + " | ".join(f"{g} {v}" for g, v in f.items()), flush=True)
    for k, v in rep["verdict"].items():
        print(f"{k:14s} rule1 {v['rule1']} {v['vs_shipped']} rule2 {v['rule2']} rule3 {v['rule3']} {v['guards_vs_S_old']}")
    if args.json:
        Path(args.json).write_text(json.dumps(rep, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return rep


if __name__ == "__main__":
    main()
