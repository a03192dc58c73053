"""Recipe search for complaint risk on STC3: stack-4 + one change, paired by fold.

    nice -n 15 python eval/complaint_cv_candidates.py [--part fit|all] [--repeats 2] [--folds 5]

The candidates and the shipping rule were declared before the first run in
``models/complaint/RECIPE_SEARCH.md``. Same folds as ``eval/complaint_cv.py`` (repeated
stratified K-fold, seed 42). Inside each outer fold every text head (the shipped six char
heads and the candidates' extra heads) is refitted, with inner 5-fold out-of-fold scores for
the stacker's training rows, and the stacker is refitted; the outer fold is scored once.
Features that need no fitting (sentiment per turn, threats, the three-class sentiment) are
computed once per dialogue. Printed per recipe: ROC-AUC at mean_S ≤ −1 (mean, sd, per
fold) and, for each candidate, the paired gain over stack-4 (mean, sd, folds ahead).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa_engine.analyzers._complaint_features import feature_vector  # noqa: E402
from qa_engine.analyzers._linear import LinearTextModel  # noqa: E402
from qa_engine.models import model_path  # noqa: E402
from training.complaint import (SEED, TextData, _vectorizer, bag_matrix, dialogue_threats,  # noqa: E402
                                fit_text_heads, head_scores, oof_head_scores, stc3_turns)
from training.data import load_stc3, split_of  # noqa: E402

EXTRA = ("word_lr1", "word_soft", "last2_lr1", "aux_A", "aux_E")
GROUPS = {"word": ("word_lr1", "word_soft"), "pos": ("last2_lr1", "prev_neg"), "aux": ("aux_A", "aux_E"),
          "three": ("pos_mean", "pos_last", "neu_mean", "neu_last")}


def _tokens(texts: list[str]) -> list[str]:
    import jieba

    jieba.setLogLevel(60)
    return [" ".join(w for w in jieba.lcut(t) if w.strip()) for t in texts]


class Extra:
    """What the extra heads read: word-token documents, the customer's last two turns, A, E."""

    def __init__(self, dialogues: list[dict], data: TextData) -> None:
        cust = [[(t, u) for t, u in stc3_turns(d) if t.speaker == "customer"] for d in dialogues]
        self.words = np.array(_tokens([" 。 ".join(u for _, utts in c for u in utts) for c in cust]), dtype=object)
        self.last2 = [[u for _, utts in c[-2:] for u in utts] or [""] for c in cust]
        self.A = np.array([d["mean_A"] for d in dialogues])
        self.E = np.array([d["mean_E"] for d in dialogues])
        self.data = data

    def fit_score(self, a, b) -> np.ndarray:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression, Ridge

        da, db = self.data.take(a), self.data.take(b)
        y1 = (da.s <= -1).astype(int)
        wv = TfidfVectorizer(analyzer="word", token_pattern=r"\S+", ngram_range=(1, 2), min_df=2,
                             sublinear_tf=True, max_features=200_000, dtype=np.float32)
        Wa, Wb = wv.fit_transform(self.words[a]), wv.transform(self.words[b])
        cv = _vectorizer().fit(["。".join(x) for x in da.bags])
        Xa, Xb = bag_matrix(cv, da.bags), bag_matrix(cv, db.bags)
        La, Lb = bag_matrix(cv, [self.last2[i] for i in a]), bag_matrix(cv, [self.last2[i] for i in b])
        lr = lambda: LogisticRegression(C=4, max_iter=3000, random_state=SEED)  # noqa: E731
        return np.column_stack([
            lr().fit(Wa, y1).decision_function(Wb),
            Ridge(alpha=1.0).fit(Wa, da.soft).predict(Wb),
            lr().fit(La, y1).decision_function(Lb),
            Ridge(alpha=1.0).fit(Xa, -self.A[a]).predict(Xb),
            Ridge(alpha=1.0).fit(Xa, -self.E[a]).predict(Xb)])

    def oof(self, a) -> np.ndarray:
        from sklearn.model_selection import KFold

        out = np.zeros((len(a), len(EXTRA)))
        for ia, ib in KFold(5, shuffle=True, random_state=SEED).split(a):
            out[ib] = self.fit_score(a[ia], a[ib])
        return out


def fixed_features(dialogues: list[dict], sentiment, three) -> tuple[list, dict]:
    """Per dialogue: (turns, turn P(neg), threats) for feature_vector, and the fitting-free
    candidate features (previous customer turn's P(neg); three-class sentiment)."""
    turns = [stc3_turns(d) for d in dialogues]
    flat = sorted({u for ts in turns for _, utts in ts for u in utts})
    neg = dict(zip(flat, sentiment.predict_proba(flat), strict=True))
    m = three.margins(flat)[:, :3]  # customer negative / neutral / positive heads
    e = np.exp(m - m.max(1, keepdims=True))
    p3 = dict(zip(flat, e / e.sum(1, keepdims=True), strict=True))
    base, cols = [], {k: [] for k in ("prev_neg", "pos_mean", "pos_last", "neu_mean", "neu_last")}
    for d, ts in zip(dialogues, turns, strict=True):
        tn = [max(neg[u] for u in utts) for _, utts in ts]
        base.append(([t for t, _ in ts], tn, dialogue_threats(d)))
        cn = [n for (t, _), n in zip(ts, tn, strict=True) if t.speaker == "customer"] or [0.5]
        cols["prev_neg"].append(cn[-2] if len(cn) > 1 else cn[0])
        c3 = [np.mean([p3[u] for u in utts], axis=0) for t, utts in ts if t.speaker == "customer"] or [np.full(3, 1 / 3)]
        cols["pos_mean"].append(float(np.mean([p[2] for p in c3])))
        cols["pos_last"].append(float(c3[-1][2]))
        cols["neu_mean"].append(float(np.mean([p[1] for p in c3])))
        cols["neu_last"].append(float(c3[-1][1]))
    return base, {k: np.array(v) for k, v in cols.items()}


def fit_stacker(F, y, C=0.3, balanced=False):
    from sklearn.linear_model import LogisticRegression

    mean, scale = F.mean(0), F.std(0) + 1e-9
    lr = LogisticRegression(C=C, max_iter=5000, random_state=SEED,
                            class_weight="balanced" if balanced else None).fit((F - mean) / scale, y)
    return lambda G: ((G - mean) / scale) @ lr.coef_[0] + lr.intercept_[0]


def main() -> None:
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import RepeatedStratifiedKFold

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", default="all", choices=("fit", "all"))
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    t0 = time.time()
    rows = load_stc3()
    if args.part == "fit":
        rows = [d for d in rows if split_of(d["id"], salt="stc3") != "test"]
    sentiment = LinearTextModel(model_path("sentiment", "default.npz"))
    three = LinearTextModel(model_path("sentiment", "neutral.npz"))
    data = TextData.of(rows)
    y = (data.s <= -1).astype(int)
    base, fixed = fixed_features(rows, sentiment, three)
    extra = Extra(rows, data)
    print(f"prepared in {time.time() - t0:.0f}s", file=sys.stderr, flush=True)
    recipes = ("stack4", "word", "three", "pos", "aux", "C0.1", "C1", "bal", "all")
    aucs: dict[str, list[float]] = {r: [] for r in recipes}
    splitter = RepeatedStratifiedKFold(n_splits=args.folds, n_repeats=args.repeats, random_state=42)
    for k, (a, b) in enumerate(splitter.split(np.zeros(len(y)), y)):
        da, db = data.take(a), data.take(b)
        sa = oof_head_scores(da)
        vec, heads = fit_text_heads(da)
        sb = head_scores(vec, heads, db)
        Fa = np.array([feature_vector(*base[i][:2], s, threats=base[i][2]) for i, s in zip(a, sa, strict=True)])
        Fb = np.array([feature_vector(*base[i][:2], s, threats=base[i][2]) for i, s in zip(b, sb, strict=True)])
        Ea, Eb = extra.oof(a), extra.fit_score(a, b)
        cols = {n: (Ea[:, j], Eb[:, j]) for j, n in enumerate(EXTRA)}
        cols.update({n: (v[a], v[b]) for n, v in fixed.items()})

        def plus(names):
            return (np.column_stack([Fa] + [cols[n][0] for n in names]),
                    np.column_stack([Fb] + [cols[n][1] for n in names]))

        sets = {"stack4": (Fa, Fb, {}), "C0.1": (Fa, Fb, {"C": 0.1}), "C1": (Fa, Fb, {"C": 1.0}),
                "bal": (Fa, Fb, {"balanced": True})}
        for g, names in GROUPS.items():
            sets[g] = (*plus(names), {})
        sets["all"] = (*plus([n for g in GROUPS.values() for n in g]), {})
        for r in recipes:
            A, B, kw = sets[r]
            aucs[r].append(float(roc_auc_score(y[b], fit_stacker(A, y[a], **kw)(B))))
        print(f"fold {k + 1}: " + " ".join(f"{r} {aucs[r][-1]:.4f}" for r in recipes)
              + f"  ({time.time() - t0:.0f}s)", file=sys.stderr, flush=True)
    ref = np.array(aucs["stack4"])
    out: dict = {"part": args.part, "n": len(y), "positives": int(y.sum()), "folds": args.folds,
                 "repeats": args.repeats, "seconds": round(time.time() - t0)}
    for r in recipes:
        v = np.array(aucs[r])
        out[r] = {"mean": round(float(v.mean()), 4), "sd": round(float(v.std()), 4),
                  "per_fold": [round(float(x), 4) for x in v]}
        if r != "stack4":
            d = v - ref
            out[r]["paired_gain"] = {"mean": round(float(d.mean()), 4), "sd": round(float(d.std()), 4),
                                     "ahead": int((d > 0).sum()), "of": len(d)}
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
