"""Three-class (negative / neutral / positive) utterance sentiment: data, fit, calibration.

Used by ``training/sentiment.py`` (the shipped ``neutral`` family) and ``eval/sentiment.py``.

Training rows, each with a weight:
- sentiment_XS_30k chatbot turns outside the held-out ``test`` split — negative/positive,
  **automatic** labels (noisy: 50 of the 446 polar turns we hand-labelled disagree);
- the review sets (waimai, hotel, shopping) — negative/positive, down-weighted (another register);
- SMP2020-EWECT Weibo posts: angry/sad/fear → negative, happy → positive, neutral → neutral;
- agent turns of the MUSIED calls and chats on the *dev* side of the hand-label split, as
  weak **neutral** rows (the agents' apologies, greetings and holding formulas; 411 of 412
  hand-labelled agent turns are neutral);
- the hand-labelled dev turns (``eval/labels/sentiment_turns.csv``), up-weighted.
MUSIED documents on the test side never enter training.

The model is multinomial logistic regression (three heads, softmax, plus three agent
correction heads) over the char 1–4-gram TF-IDF columns of the shipped binary ``default``
model (same vocabulary and idf: one n-gram pass serves both at run time); a calibration
(temperature + offsets or 3×3 matrix scaling, chosen by cross-validation) fitted on
held-out hand-labelled dev turns maps its margins to probabilities. A seventh polarity head
(``fit_polarity``, NB-weighted, negative vs positive) over the same columns gives the
ranking score ``negative_prob`` together with the calibrated negative-vs-rest logit
(``choose_polarity_score``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

from training.data import data_dir, dedupe, load_conversational, load_reviews, split_of
from training.sentiment_labels import HARD, TARGETED, Turn, musied_turns, split_of_turn

CLASSES = ("negative", "neutral", "positive")
NEG, NEU, POS = 0, 1, 2
WEIBO = {"angry": NEG, "sad": NEG, "fear": NEG, "happy": POS, "neutral": NEU}
RECIPE = {"ngram_range": (1, 4), "max_features": 400_000, "C": 8.0, "tol": 1e-3,
          "review_weight": 0.5, "agent_weight": 0.5, "hand_weight": 8.0, "agent_scale": 1.0}


@dataclass
class Row:
    text: str
    y: int
    weight: float
    source: str
    agent: bool = False  # an agent's turn (read with the agent heads too)


def weibo_rows() -> list[Row]:
    """SMP2020-EWECT posts with their emotion mapped to three classes (surprise left out)."""
    root = data_dir() / "sentiment/smp2020_ewect"
    rows = []
    for name in ("virus_train.txt", "virus_eval_labeled.txt", "usual_eval_labeled.txt"):
        for rec in json.loads((root / name).read_text(encoding="utf-8")):
            y = WEIBO.get(rec["label"])
            text = rec["content"].replace("\ufeff", "").strip()
            if y is not None and text:
                rows.append(Row(text, y, 1.0, "weibo"))
    return rows


def agent_neutral_rows(weight: float) -> list[Row]:
    """Agent turns of dev-side MUSIED documents as weak neutral rows."""
    rows = []
    for t in musied_turns().values():
        if t.role == "agent" and t.text and split_of_turn(t) == "dev":
            rows.append(Row(t.text, NEU, weight, "musied_agent", agent=True))
    return rows


def hand_rows(turns: list[Turn], weight: float) -> list[Row]:
    return [Row(t.text, CLASSES.index(t.label), weight, f"hand_{t.register}", agent=t.role == "agent")
            for t in turns if t.text]


def training_rows(hand: list[Turn], held_out_texts: set[str], recipe: dict = RECIPE) -> list[Row]:
    """All training rows; ``held_out_texts`` (hand-labelled test turns) never appear as a
    review/Weibo/XS row, so no label of theirs leaks in."""
    xs = [Row(r.text, NEG if r.negative else POS, 1.0, "xs_30k") for r in dedupe(load_conversational())
          if split_of(r.text) != "test"]
    reviews = [Row(r.text, NEG if r.negative else POS, recipe["review_weight"], r.source)
               for r in dedupe(load_reviews())]
    other = [r for r in xs + reviews + weibo_rows() if r.text not in held_out_texts]
    return other + agent_neutral_rows(recipe["agent_weight"]) + hand_rows(hand, recipe["hand_weight"])


def augment(X, agent: np.ndarray, scale: float):
    """[X, scale·X on agent rows]: shared n-gram weights plus an agent-only correction
    (feature augmentation), so an agent's apology can be neutral while the same words from
    a customer are not, at the cost of one n-gram pass."""
    from scipy.sparse import diags, hstack

    return hstack([X, diags(agent.astype(np.float32) * scale) @ X]).tocsr()


@dataclass
class ThreeClassModel:
    """Fitted pieces: the vectorizer and the shared / agent-correction coefficients (3 × F each)."""
    vectorizer: object
    coef: np.ndarray
    intercept: np.ndarray
    agent_coef: np.ndarray
    agent_intercept: np.ndarray

    def margins(self, texts: list[str], agent: np.ndarray) -> np.ndarray:
        X = self.vectorizer.transform(texts)
        m = np.asarray(X @ self.coef.T) + self.intercept
        a = np.asarray(X @ self.agent_coef.T) + self.agent_intercept
        return m + a * np.asarray(agent, float)[:, None]


class SharedFeatures:
    """The TF-IDF features of a shipped binary model (its vocabulary and idf, counted by our
    own counter), so the three-class model reads the very columns the binary one reads and
    the analyzer needs one n-gram pass for both (complaint risk reads the binary one)."""

    def __init__(self, path) -> None:
        from qa_engine.analyzers._linear import LinearTextModel

        self.model = LinearTextModel(path)
        self.vocabulary_ = {t: i for i, t in enumerate(self.model.terms)}
        self.idf_ = self.model.idf
        self.ngram_range = self.model.ngram_range

    def transform(self, texts: list[str]):
        from qa_engine.analyzers._linear import tfidf_rows

        return tfidf_rows(self.model.counts(texts), self.idf_)


def fit(rows: list[Row], recipe: dict = RECIPE, seed: int = 0, features: SharedFeatures | None = None) -> ThreeClassModel:
    """Multinomial LR over shared and agent-augmented TF-IDF features (``features``: reuse a
    binary model's vocabulary and idf; else fit a char TF-IDF on ``rows``)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    if features is None:
        features = TfidfVectorizer(analyzer="char", ngram_range=tuple(recipe["ngram_range"]), min_df=2,
                                   sublinear_tf=True, max_features=recipe["max_features"], dtype=np.float32)
        X = features.fit_transform([r.text for r in rows])
    else:
        X = features.transform([r.text for r in rows])
    agent = np.array([r.agent for r in rows])
    scale = recipe.get("agent_scale", 1.0)
    Xa = augment(X, agent, scale) if scale else X
    # The agent indicator itself is a column too, so the agent heads get their own intercept.
    if scale:
        from scipy.sparse import csr_matrix, hstack
        Xa = hstack([Xa, csr_matrix(agent.astype(np.float32)[:, None])]).tocsr()
    clf = LogisticRegression(C=recipe["C"], max_iter=2000, tol=recipe.get("tol", 1e-4), random_state=seed)
    clf.fit(Xa, np.array([r.y for r in rows]), sample_weight=np.array([r.weight for r in rows]))
    F = X.shape[1]
    coef = clf.coef_[:, :F]
    if scale:
        agent_coef, agent_b = clf.coef_[:, F:2 * F] * scale, clf.coef_[:, 2 * F]
    else:
        agent_coef, agent_b = np.zeros_like(coef), np.zeros(3)
    return ThreeClassModel(features, coef, clf.intercept_.copy(), agent_coef, agent_b)


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def calibrated(margins: np.ndarray, calibration: dict) -> np.ndarray:
    """Probabilities (rows × 3) from raw margins: softmax(margins · Wᵀ + b)."""
    return softmax(margins @ np.asarray(calibration["matrix"]).T + np.asarray(calibration["bias"]))


def _as_matrix(temperature: float, offsets) -> dict:
    return {"matrix": (np.eye(3) / temperature).round(6).tolist(), "bias": [round(float(b), 6) for b in offsets]}


def fit_matrix_calibration(margins: np.ndarray, y: np.ndarray, C: float) -> dict:
    """Matrix scaling: a multinomial LR on the three margins (3×3 weights + bias), L2 ``C``.
    The margins' scales differ by class (neutral service formulas sit far out), which a
    single temperature cannot undo."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=C, max_iter=2000).fit(margins, y)
    return {"matrix": lr.coef_.round(6).tolist(), "bias": lr.intercept_.round(6).tolist(), "method": f"matrix C={C}"}


def fit_calibration(margins: np.ndarray, y: np.ndarray, penalty: float = 1e-3) -> dict:
    """Temperature and offsets (neutral's fixed at 0) minimising NLL on held-out labels,
    the offsets pulled toward 0 by ``penalty`` (a large one leaves the temperature alone)."""
    from scipy.optimize import minimize

    def nll(params):
        t, b0, b2 = np.exp(params[0]), params[1], params[2]
        p = softmax(margins / t + np.array([b0, 0.0, b2]))
        return -np.mean(np.log(p[np.arange(len(y)), y] + 1e-12)) + penalty * (b0 ** 2 + b2 ** 2)

    res = minimize(nll, np.zeros(3), method="Nelder-Mead", options={"xatol": 1e-4, "fatol": 1e-6})
    t, b0, b2 = np.exp(res.x[0]), res.x[1], res.x[2]
    return {**_as_matrix(t, [b0, 0.0, b2]), "method": f"temperature+offsets penalty={penalty}"}


# Candidate calibrations: temperature + offsets with a penalty, or matrix scaling with a C.
CANDIDATES = [("temperature", pen) for pen in (1e-3, 1e-2, 0.1, 1.0, 100.0)] + \
             [("matrix", C) for C in (0.01, 0.1, 1.0, 10.0)]


def _fit_candidate(kind: str, param: float, margins: np.ndarray, y: np.ndarray) -> dict:
    return fit_calibration(margins, y, param) if kind == "temperature" else fit_matrix_calibration(margins, y, param)


def choose_calibration(margins: np.ndarray, y: np.ndarray, folds: int = 5) -> tuple[dict, float, dict]:
    """Pick the calibration (kind and strength) on the tune turns by 5-fold cross-validation
    (calibration and threshold refitted inside each fold), then fit both on all of them.

    The criterion is three-class macro-F1 under the analyzer's rule (``label_rule``). The
    ROC-AUC negative-vs-positive of P(negative) is recorded beside it: class offsets that
    help F1 squeeze mild negatives' P(negative) down toward the positives', so the ranking
    score for complaints vs compliments is P(negative | polar) (``polarity``).
    Returns (calibration, threshold, cross-validated figures per candidate)."""
    from sklearn.metrics import f1_score, roc_auc_score

    fold = np.arange(len(y)) % folds
    polar = y != NEU
    scores = {}
    for kind, param in CANDIDATES:
        probs = np.zeros((len(y), 3))
        pred = np.zeros(len(y), dtype=int)
        for k in range(folds):
            tr, te = fold != k, fold == k
            cal = _fit_candidate(kind, param, margins[tr], y[tr])
            thr = fit_threshold(calibrated(margins[tr], cal), y[tr])
            probs[te] = calibrated(margins[te], cal)
            pred[te] = label_rule(probs[te], thr)
        scores[f"{kind} {param}"] = {
            "auc_neg_vs_pos_p_negative": round(float(roc_auc_score(y[polar] == NEG, probs[polar, NEG])), 4),
            "macro_f1": round(float(f1_score(y, pred, average="macro", labels=[0, 1, 2], zero_division=0)), 4)}
    kind, param = max(CANDIDATES, key=lambda c: scores[f"{c[0]} {c[1]}"]["macro_f1"])
    cal = _fit_candidate(kind, param, margins, y)
    return cal, fit_threshold(calibrated(margins, cal), y), scores


def polarity(probs: np.ndarray) -> np.ndarray:
    """P(negative | polar) = P(neg) / (P(neg) + P(pos)): the score for negative-vs-positive ranking."""
    return probs[:, NEG] / np.maximum(probs[:, NEG] + probs[:, POS], 1e-12)


def tune_split(turns: list[Turn]) -> tuple[list[Turn], list[Turn]]:
    """Dev turns → (fit, tune): 65/35 by a second fixed hash (whole MUSIED / STC3 documents);
    targeted samples always fit."""
    import hashlib

    def h(t: Turn) -> float:
        key = {"musied": f"m{t.doc}", "stc3": f"s{t.doc}"}.get(t.source, f"x{t.text}")
        return int(hashlib.sha1(f"tune:{key}".encode()).hexdigest()[:8], 16) / 0xFFFFFFFF

    # A targeted sample is training material: always in the fit part; so are the hard turns
    # (picked by cue words: the tune part that chooses the score stays a random sample).
    tune = [t for t in turns if h(t) < 0.35 and not t.source.endswith((TARGETED, HARD))]
    keys = {id(t) for t in tune}
    return [t for t in turns if id(t) not in keys], tune


def export(path, model: ThreeClassModel, recipe: dict) -> None:
    """Six heads: three shared, three agent corrections (added on agent turns)."""
    from qa_engine.analyzers._linear import export_linear

    export_linear(path, vocabulary=model.vectorizer.vocabulary_, idf=model.vectorizer.idf_,
                  coef=np.vstack([model.coef, model.agent_coef]),
                  intercept=np.concatenate([model.intercept, model.agent_intercept]),
                  ngram_range=tuple(getattr(model.vectorizer, "ngram_range", recipe["ngram_range"])),
                  heads=list(CLASSES) + [f"agent_{c}" for c in CLASSES])


def label_rule(probs: np.ndarray, threshold: float) -> np.ndarray:
    """Negative when P(negative) ≥ ``threshold``, else the likelier of neutral / positive."""
    rest = np.where(probs[:, POS] > probs[:, NEU], POS, NEU)
    return np.where(probs[:, NEG] >= threshold, NEG, rest)


def fit_threshold(probs: np.ndarray, y: np.ndarray) -> float:
    """The P(negative) threshold in [0.2, 0.5] that maximises three-class macro-F1 (tune turns)."""
    from sklearn.metrics import f1_score

    grid = np.round(np.arange(0.2, 0.501, 0.02), 2)
    scores = [f1_score(y, label_rule(probs, t), average="macro", labels=[0, 1, 2], zero_division=0) for t in grid]
    return float(grid[int(np.argmax(scores))])


# -- the polarity head -----------------------------------------------------------------
# A seventh head over the same columns: negative vs positive only, an NB-weighted logistic
# regression (NB-SVM style: each column scaled by its log-count ratio before the fit; the
# scaling folds into the coefficients, so at run time it is one more column of the same
# matrix product). On the hand-labelled dev turns (5-fold, out of fold) it ranked
# complaints above compliments better than the three-class heads and, on helpdesk turns,
# than the plain char TF-IDF baseline. ``negative_prob`` = Platt(polarity margin +
# λ · the decision calibration's negative-vs-rest logit): the second term keeps neutral
# service turns low, which the polarity head alone (never shown a neutral turn) does not.

POLARITY = {"C": 1.0, "nb_alpha": 1.0, "hand_weight": 8.0, "review_weight": 1.0, "tol": 1e-4, "folds": 5,
            # the hard dev turns (``sample_hard``) at this weight (0: left out), and the cue
            # columns (``qa_engine.analyzers.sentiment_cues``) at this scale (0: none); chosen
            # out of fold by ``training/sentiment_polarity_cv.py``
            "hard_weight": 8.0, "cue_scale": 1.0, "cue_reviews": False,
            # share of a plain-LR head (C = plain_C) averaged into the NB head (0: NB only)
            "plain_share": 0.0, "plain_C": 4.0}
SCORE_REST_WEIGHTS = (0.0, 0.25, 0.5, 1.0, 2.0)


def polarity_rows(held_out_texts: set[str], recipe: dict = POLARITY) -> list[Row]:
    """Negative (y=1) / positive (y=0) rows: XS turns outside its test split, the review
    sets and the polar Weibo posts, none of them identical to a held-out text."""
    xs = [Row(r.text, int(r.negative), 1.0, "xs_30k") for r in dedupe(load_conversational())
          if split_of(r.text) != "test"]
    reviews = [Row(r.text, int(r.negative), recipe["review_weight"], r.source) for r in dedupe(load_reviews())]
    weibo = [Row(r.text, int(r.y == NEG), 1.0, "weibo") for r in weibo_rows() if r.y != NEU]
    return [r for r in xs + reviews + weibo if r.text not in held_out_texts]


def nb_ratio(X, y: np.ndarray, weight: np.ndarray, alpha: float) -> np.ndarray:
    """Per column log((p + α)/|p + α| ÷ (q + α)/|q + α|) over binarised presence counts of
    the negative (p) and positive (q) rows, weighted like the fit."""
    from scipy.sparse import diags

    B = X.copy().tocsr()
    B.data[:] = 1.0
    B = diags(weight) @ B
    p = np.asarray(B[y == 1].sum(axis=0)).ravel() + alpha
    q = np.asarray(B[y == 0].sum(axis=0)).ravel() + alpha
    return np.log((p / p.sum()) / (q / q.sum()))


def fit_polarity(X, y: np.ndarray, weight: np.ndarray, recipe: dict = POLARITY, seed: int = 0) -> tuple[np.ndarray, float]:
    """NB-weighted LR on TF-IDF rows ``X`` (y = 1 negative); returns (coef over X's columns,
    intercept), the NB scaling folded into the coefficients."""
    from scipy.sparse import diags
    from sklearn.linear_model import LogisticRegression

    r = nb_ratio(X, y, weight, recipe["nb_alpha"])
    clf = LogisticRegression(C=recipe["C"], max_iter=3000, tol=recipe["tol"], random_state=seed)
    clf.fit(X @ diags(r), y, sample_weight=weight)
    coef, b = clf.coef_[0] * r, float(clf.intercept_[0])
    share = recipe.get("plain_share", 0.0)
    if share:
        # An ensemble with a plain LR (no NB scaling) over the same columns: both are linear,
        # so their weighted mean is again one head (one more column of the same product).
        plain = LogisticRegression(C=recipe["plain_C"], max_iter=3000, tol=recipe["tol"], random_state=seed)
        plain.fit(X, y, sample_weight=weight)
        coef = (1 - share) * coef + share * plain.coef_[0]
        b = (1 - share) * b + share * float(plain.intercept_[0])
    return coef, b


def group_of(t: Turn) -> str:
    """The unit that stays in one fold: a MUSIED or STC3 document, an XS text."""
    source = t.source.removesuffix(HARD)  # a hard turn stays in its dialogue's fold
    return f"{source}:{t.text}" if source.startswith("xs_30k") else f"{source}:{t.doc}"


def hand_polar(hand: list[Turn], recipe: dict = POLARITY) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(which hand turns enter the polarity fit, y = 1 negative, weight): polar turns, the hard
    ones at ``hard_weight`` (left out when it is 0)."""
    hard = np.array([t.source.endswith(HARD) for t in hand])
    polar = np.array([t.label != "neutral" for t in hand]) & (~hard | (recipe.get("hard_weight", 0) > 0))
    y = np.array([t.label == "negative" for t in hand], dtype=int)
    w = np.where(hard, recipe.get("hard_weight", 0.0), recipe["hand_weight"])
    return polar, y, w


def with_cues(X, texts: list[str], scale: float, active: np.ndarray | None = None):
    """``X`` with the cue columns (``sentiment_cues.cue_matrix``) × ``scale`` appended (none if
    0); rows where ``active`` is False get zeros there (their register does not teach the cues)."""
    from scipy.sparse import csr_matrix, hstack

    from qa_engine.analyzers.sentiment_cues import cue_matrix

    if not scale:
        return X
    C = cue_matrix(texts) * scale
    if active is not None:
        C *= np.asarray(active, dtype=np.float32)[:, None]
    return hstack([X, csr_matrix(C)]).tocsr()


def polarity_out_of_fold(X_base, y_base: np.ndarray, w_base: np.ndarray, X_hand, hand: list[Turn],
                         recipe: dict = POLARITY) -> np.ndarray:
    """Polarity margins of every hand-labelled turn from a head fitted without its fold
    (folds by ``group_of``; the fold's polar turns are left out of the fit)."""
    import hashlib

    from scipy.sparse import vstack

    k = recipe["folds"]
    fold = np.array([int(hashlib.sha1(group_of(t).encode()).hexdigest()[:8], 16) % k for t in hand])
    polar, y_hand, w_hand = hand_polar(hand, recipe)
    out = np.zeros(len(hand))
    for f in range(k):
        tr = polar & (fold != f)
        X = vstack([X_base, X_hand[tr]]).tocsr()
        coef, b = fit_polarity(X, np.concatenate([y_base, y_hand[tr]]), np.concatenate([w_base, w_hand[tr]]), recipe)
        out[fold == f] = np.asarray(X_hand[fold == f] @ coef).ravel() + b
    return out


def negative_rest_logit(logits: np.ndarray) -> np.ndarray:
    """log P(negative) − log P(neutral or positive) under the decision calibration."""
    return logits[:, NEG] - np.logaddexp(logits[:, NEU], logits[:, POS])


def choose_polarity_score(polarity_margin: np.ndarray, logits: np.ndarray, y: np.ndarray,
                          hard: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
                          rest_weights=None) -> tuple[dict, dict]:
    """Pick λ in ``polarity margin + λ · negative_rest_logit`` on turns that neither the
    polarity head (out of fold) nor the three-class heads saw: the largest
    AUC(neg, pos) + AUC(neg, rest) on the random tune turns, plus AUC(neg, pos) on the hard
    dev turns when ``hard`` = (their out-of-fold margins, logits, labels) is given; it must
    beat the decision calibration's own P(negative) (else ``{}``); then Platt-scale it
    negative vs rest on the tune turns. Returns (spec, figures per candidate)."""
    from sklearn.metrics import roc_auc_score

    from training.metrics import platt_fit

    polar = y != NEU

    def aucs(s: np.ndarray, y: np.ndarray = y, polar: np.ndarray = polar) -> dict:
        return {"auc_neg_vs_pos": round(float(roc_auc_score(y[polar] == NEG, s[polar])), 4),
                "auc_neg_vs_rest": round(float(roc_auc_score(y == NEG, s)), 4)}

    def hard_aucs(lam: float | None) -> dict:
        m, z, yh = hard
        r = negative_rest_logit(z)
        return aucs(r if lam is None else m + lam * r, yh, yh != NEU)

    rest = negative_rest_logit(logits)
    figures = {"decision_calibration_p_negative": aucs(rest)}
    if hard is not None:
        figures["decision_calibration_p_negative"]["hard_auc_neg_vs_pos"] = hard_aucs(None)["auc_neg_vs_pos"]
    floor = sum(figures["decision_calibration_p_negative"].values())
    best = None
    for lam in SCORE_REST_WEIGHTS if rest_weights is None else rest_weights:
        fig = figures[f"polarity + {lam}·rest"] = aucs(polarity_margin + lam * rest)
        if hard is not None:
            fig["hard_auc_neg_vs_pos"] = hard_aucs(lam)["auc_neg_vs_pos"]
        key = sum(fig.values())
        if key > floor and (best is None or key > best[0]):
            best = (key, lam)
    if best is None:
        return {}, figures
    lam = best[1]
    a, b = platt_fit(polarity_margin + lam * rest, (y == NEG).astype(int))
    return {"polarity_head": POLARITY_HEAD, "rest_weight": lam, "platt": [round(a, 6), round(b, 6)],
            "method": "tune turns: max AUC(neg,pos)+AUC(neg,rest) of polarity + λ·rest; Platt neg vs rest"}, figures


POLARITY_HEAD = "polarity"


def with_head(path, name: str, coef: np.ndarray, intercept: float) -> None:
    """Rewrite the model file at ``path`` with head ``name`` (coefficients in the file's
    column order) added or replaced; every other array is kept as stored."""
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    heads = [str(h) for h in arrays["heads"]]
    row = np.asarray(coef, np.float32)[None, :]
    platt = np.array([[1.0, 0.0]])
    if name in heads:
        i = heads.index(name)
        arrays["coef"][i] = row[0]
        arrays["intercept"][i] = intercept
    else:
        arrays["coef"] = np.vstack([arrays["coef"], row])
        arrays["intercept"] = np.append(arrays["intercept"], intercept)
        arrays["platt"] = np.vstack([arrays["platt"], platt])
        arrays["heads"] = np.array(heads + [name])
    np.savez_compressed(path, **arrays)
