"""How the negative score orders neutral chatbot turns: the candidates of
``models/sentiment/LEAN_RULE.md`` (pre-registered), scored on dev.

    python -m training.sentiment_lean_cv [--split dev] [--json out.json] [--only NAME,NAME]

Every candidate is a re-weighting of parts the shipped analyzer already computes for a
turn (no new n-gram pass): the polarity-head margin ``m_pol``, the negative-vs-rest logit
``r`` of the decision calibration, the cue term, the logit ``L`` of ``default.npz``'s
P(negative) (cached for complaint risk on the text path) and P(neutral) ``q``:

    s = m_pol + λ·r + cues + β·L + γ·q·L + μ·q·m_pol

The shipped score is λ = 1, β = γ = μ = 0. Figures per candidate: the binary all-turns AUC
(``eval/sentiment.all_turns_binary``: random XS turns, neutral ones by hand-labelled lean
or by the XS automatic label) with a paired bootstrap against the shipped score, and the
polar-only AUC neg vs pos on the random chatbot, random helpdesk and hard turns. Labels
(``class_probs``) are untouched by every candidate, so the neutral→negative rates are the
shipped ones. The shipping rule is in ``LEAN_RULE.md``; ``--split test`` scores the
named candidates (``--only``) once, beside shipped and baseline.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

SHIPPED = {"lam": 1.0, "beta": 0.0, "gamma": 0.0, "mu": 0.0, "kappa": 0.0, "lam2": 0.0}


def candidates() -> dict[str, dict]:
    """The pre-registered grid (LEAN_RULE.md, candidates 1–4; 5 is built from the results)."""
    out = {"shipped": dict(SHIPPED)}
    for lam in (0.0, 0.25, 0.5, 0.75, 1.5):
        out[f"lambda {lam}"] = {**SHIPPED, "lam": lam}
    for beta in (0.25, 0.5, 1.0):
        out[f"+{beta}·L"] = {**SHIPPED, "beta": beta}
    for gamma in (0.5, 1.0, 2.0):
        out[f"+{gamma}·q·L"] = {**SHIPPED, "gamma": gamma}
    for mu in (0.5, 1.0):
        out[f"+{mu}·q·m_pol"] = {**SHIPPED, "mu": mu}
    return out


def candidates_round2() -> dict[str, dict]:
    """Round 2 (LEAN_RULE.md, candidates 6–7), pre-registered after round 1."""
    out = {"shipped": dict(SHIPPED)}
    for kappa in (1.0, 2.0, 4.0):
        out[f"−{kappa}·q"] = {**SHIPPED, "kappa": kappa}
    for lam2 in (0.25, 0.5):
        out[f"+{lam2}·(neg−neu)"] = {**SHIPPED, "lam2": lam2}
    return out


def parts(turns, models_dir=None) -> dict[str, np.ndarray]:
    """The analyzer's parts of the negative score per turn (agent turns read as agent)."""
    from qa_engine.analyzers.sentiment import SentimentAnalyzer, _softmax

    an = SentimentAnalyzer(models_dir=models_dir, family="neutral")
    texts, agent = [t.text for t in turns], [t.role == "agent" for t in turns]
    z = an.calibrated_logits(texts, agent)
    m = an._margins(texts)
    b = np.clip(an._shared.predict_proba(texts), 1e-9, 1 - 1e-9)
    return {"m_pol": m[:, an._polarity_col], "r": z[:, 0] - np.logaddexp(z[:, 1], z[:, 2]),
            "cues": m[:, len(an.model.heads)], "L": np.log(b / (1 - b)), "q": _softmax(z)[:, 1],
            "neg_neu": z[:, 0] - z[:, 1],
            "shipped": an.negative_probs(texts, agent)}


def score(p: dict[str, np.ndarray], c: dict) -> np.ndarray:
    """The candidate's score (before Platt; AUCs do not depend on it)."""
    return (p["m_pol"] + c["lam"] * p["r"] + p["cues"] + c["beta"] * p["L"]
            + c["gamma"] * p["q"] * p["L"] + c["mu"] * p["q"] * p["m_pol"]
            - c.get("kappa", 0.0) * p["q"] + c.get("lam2", 0.0) * p["neg_neu"])


def polar_groups(turns) -> dict[str, np.ndarray]:
    from training.sentiment_labels import HARD

    reg = np.array([t.register for t in turns])
    hard = np.array([t.source.endswith(HARD) for t in turns])
    polar = np.array([t.label != "neutral" for t in turns])
    return {"chatbot": polar & ~hard & (reg == "chatbot"), "helpdesk": polar & ~hard & (reg == "helpdesk"),
            "hard": polar & hard}


def run(split: str, only: list[str] | None = None, families=("baseline",), n_boot: int = 2000,
        round_: int = 1) -> dict:
    from sentiment import _auc, all_turns_binary, all_turns_of, score_family

    from training.sentiment_labels import load_labels, split_of_turn

    turns = [t for t in load_labels() if split_of_turn(t) == split]
    p = parts(turns)
    cands = candidates() if round_ == 1 else candidates_round2()
    if only:
        cands = {k: v for k, v in cands.items() if k in only or k == "shipped"}
        for name in only:  # a combination (candidate 5): "lambda 0.5 +1.0·q·L" style, given as JSON
            if name not in cands and name.startswith("{"):
                cands[name] = {**SHIPPED, **json.loads(name)}
    scores = {k: score(p, c) for k, c in cands.items()}
    # the shipped score computed here must be the analyzer's negative_prob (same order)
    assert _auc(np.array([t.label == "negative" for t in turns]).astype(int), scores["shipped"]) == \
        _auc(np.array([t.label == "negative" for t in turns]).astype(int), p["shipped"])
    y = np.array([t.label == "negative" for t in turns]).astype(int)
    out: dict = {"split": split, "candidates": cands, "polar_auc": {}}
    for g, mask in polar_groups(turns).items():
        out["polar_auc"][g] = {"n": int(mask.sum()), **{k: _auc(y[mask], s[mask]) for k, s in scores.items()}}
        for f in families:
            out["polar_auc"][g][f] = _auc(y[mask], score_family(f, [t for t, m in zip(turns, mask) if m])["neg"])
    xs = all_turns_of(split, turns)
    pos = {id(t): i for i, t in enumerate(turns)}
    idx = np.array([pos[id(t)] for t in xs])
    out["all_turns"] = all_turns_binary(list(families), split, scores={k: s[idx] for k, s in scores.items()},
                                        ref="shipped", turns=turns, n=n_boot)
    return out


def summary(rep: dict) -> str:
    lines = []
    at = rep["all_turns"]
    for k in rep["candidates"]:
        lean = at["lean"]["all"]
        boot = lean.get("vs_shipped", {}).get(k, {})
        lines.append(
            f"{k:22s} lean all {lean['auc'][k]:.4f} ({boot.get('diff', 0):+.4f} {boot.get('ci95', '')})"
            f" | added {at['lean']['added 720']['auc'][k]:.4f} | auto-neutral {at['automatic_neutral']['all']['auc'][k]:.4f}"
            f" | polar chatbot {rep['polar_auc']['chatbot'][k]:.4f} helpdesk {rep['polar_auc']['helpdesk'][k]:.4f}"
            f" hard {rep['polar_auc']['hard'][k]:.4f}")
    for f in ("baseline",):
        lines.append(f"{f:22s} lean all {at['lean']['all']['auc'][f]:.4f} | added {at['lean']['added 720']['auc'][f]:.4f}"
                     f" | auto-neutral {at['automatic_neutral']['all']['auc'][f]:.4f}"
                     f" | polar chatbot {rep['polar_auc']['chatbot'][f]:.4f} helpdesk {rep['polar_auc']['helpdesk'][f]:.4f}"
                     f" hard {rep['polar_auc']['hard'][f]:.4f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev", choices=["dev", "test"])
    ap.add_argument("--only", default=None, help="comma-separated candidate names or JSON weight dicts (';'-separated)")
    ap.add_argument("--json", default=None)
    ap.add_argument("--boot", type=int, default=2000)
    ap.add_argument("--round", type=int, default=1, choices=[1, 2], help="the candidate grid (LEAN_RULE.md)")
    args = ap.parse_args(argv)
    only = None
    if args.only:
        only = args.only.split(";") if args.only.startswith("{") else args.only.split(",")
    rep = run(args.split, only, n_boot=args.boot, round_=args.round)
    print(summary(rep))
    if args.json:
        Path(args.json).write_text(json.dumps(rep, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return rep


if __name__ == "__main__":
    main()
