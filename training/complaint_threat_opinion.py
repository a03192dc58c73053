"""Train the learned second opinion on threat candidates → ``models/escalation/opinion.npz``.

    python -m training.complaint_threat_opinion [--out models] [--cv] [--old-cache DIR]

**Candidates.** Every cue the escalation rules find in a customer turn (threats and set-aside
mentions alike), as ``opinion_text``: the cue's category, up to 24 characters before it in its
turn, the cue marked, up to 16 after.

**Labels** (hit level, from call- and utterance-level hand labels):

- the short calls of ``eval/labels/complaint_threat_calls.jsonl``, ``calm_calls.jsonl`` and every
  split of ``complaint_threat_fresh.jsonl`` except ``fresh24_test`` (pre-registered, never trained
  on): in a calm call every candidate is 0; in a threat call the candidates the current rules count
  are 1, set-aside ones are left out (the call label does not say which cue carried the threat),
  and when the rules count none every candidate is 1;
- MUSIED **dev** phone calls (``complaint_threats_musied.jsonl``, split dev; never test): candidates
  in a hand-labelled threat utterance are 1 when the rules count them (or the rules count none in
  that utterance), candidates in other customer utterances 0.

**Model.** char 1–3-gram TF-IDF (sublinear, min_df 2) + logistic regression (C 4, balanced
classes), exported pickle-free with ``export_linear``; the LR's own sigmoid is the probability.

**``--cv``: how to combine it with the rules**, by grouped cross-validation over the label
groups (one group per split / file section). Two readings, both against the plain rules:

1. *once-scored*: each test split ``fresh2_test`` … ``fresh23_test`` with the rules **as they were
   when it was scored once** (``ONCE_SCORED``: the commit, extracted with ``git archive`` and run in
   a subprocess), the model fitted on every other group. This is the honest one: the current rules
   were fixed on every one of these splits, so against them the rules are right in-sample;
2. *current rules*: every group with today's rules (in-sample for the rules) — what a veto costs
   where the rules are already right.

Call-level: a call is a threat when a rule threat survives the veto (probability ≥ ``veto_below``)
or a set-aside cue reaches ``add_above``. Printed: threat calls missed and calm calls alerting per
setting, pooled over the groups. The decision rule written down before ``fresh24_test`` was scored
is in the model card ("Seventh pass").
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
from pathlib import Path

import numpy as np

from qa_engine.analyzers._escalation_opinion import MODEL_NAME, opinion_text
from qa_engine.analyzers._linear import export_linear
from qa_engine.conversation import Conversation

log = logging.getLogger("training.complaint_threat_opinion")
ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "eval" / "labels"
HELD_OUT = frozenset({"fresh24_test"})  # pre-registered; never trained or tuned on
C_REG = 4.0
VETO_GRID = (None, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
ADD_GRID = (None, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9)
# The commit at which each test split was scored once (model card tables): the rules it met unseen.
ONCE_SCORED = {
    "fresh2_test": "a1a5164", "fresh3_test": "a1a5164", "fresh4_test": "02dae9b", "fresh5_test": "65d497e",
    "fresh6_test": "cc51e90", "fresh7_test": "19c2fea", "fresh8_test": "79299f2", "fresh9_test": "b070f37",
    "fresh10_test": "4db0431", "fresh11_test": "e84fd50", "fresh12_test": "b0457e3", "fresh13_test": "2d1807a",
    "fresh14_test": "157997c", "fresh16_test": "4f6e68d", "fresh17_test": "4f6e68d", "fresh18_test": "f051094",
    "fresh19_test": "a812467", "fresh20_test": "0809ac7", "fresh21_test": "76f028e", "fresh22_test": "76f028e",
    "fresh23_test": "282affa",
}


# Order in which the label groups were written (for the past-only reading of the CV).
WRITTEN = ("calls_dev", "calls_test", "calm_calls", "musied_dev", "fresh2_dev", "fresh2_test",
           *(f"fresh{i}_test" for i in range(3, 15)), "fresh15_dev", *(f"fresh{i}_test" for i in range(16, 24)))


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def short_calls() -> list[dict]:
    """Every labelled short call outside ``HELD_OUT``: ``group``, ``id``, ``threat``, ``turns``."""
    out = []
    for c in _jsonl(LABELS / "complaint_threat_calls.jsonl"):
        out.append({**c, "group": f"calls_{c['split']}", "threat": bool(c["threat"])})
    for c in _jsonl(LABELS / "calm_calls.jsonl"):
        out.append({**c, "group": "calm_calls", "threat": False})
    for c in _jsonl(LABELS / "complaint_threat_fresh.jsonl"):
        if c["split"] not in HELD_OUT:
            out.append({**c, "group": c["split"], "threat": bool(c["threat"])})
    return out


def as_conversation(call: dict) -> Conversation:
    return Conversation(id=call["id"], utterances=[
        {"speaker": "agent" if who == "A" else "customer", "start": 4.0 * i, "end": 4.0 * i + 3.0, "text": text}
        for i, (who, text) in enumerate(call["turns"])])


def _hit_dict(h) -> dict:
    return {"utterance": h.utterance, "span": list(h.span), "category": h.category, "threat": bool(h.threat),
            "reason": h.reason}


def current_hits(calls: list[dict]) -> dict[str, list[dict]]:
    from qa_engine.analyzers.escalation import detect_threats

    return {c["id"]: [_hit_dict(h) for h in detect_threats(as_conversation(c), None)] for c in calls}


_DUMP = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import qa_engine
assert qa_engine.__file__.startswith(sys.argv[1]), qa_engine.__file__
from qa_engine.analyzers.escalation import detect_threats
from qa_engine.conversation import Conversation
for line in sys.stdin:
    c = json.loads(line)
    conv = Conversation(id=c["id"], utterances=[{"speaker": "agent" if w == "A" else "customer", "start": 4.0 * i,
                        "end": 4.0 * i + 3.0, "text": t} for i, (w, t) in enumerate(c["turns"])])
    hits = [{"utterance": h.utterance, "span": list(h.span), "category": h.category, "threat": bool(h.threat),
             "reason": h.reason} for h in detect_threats(conv)]
    print(json.dumps({"id": c["id"], "hits": hits}, ensure_ascii=False))
"""


def old_hits(commit: str, calls: list[dict], cache: Path) -> dict[str, list[dict]]:
    """Candidates of the rules at ``commit`` (its ``qa_engine`` from ``git archive``, run in a subprocess)."""
    tree = cache / commit
    if not (tree / "qa_engine").is_dir():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "qa_engine"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    stdin = "".join(json.dumps({"id": c["id"], "turns": c["turns"]}, ensure_ascii=False) + "\n" for c in calls)
    run = subprocess.run([sys.executable, "-c", _DUMP, str(tree)], input=stdin, capture_output=True, text=True,
                         check=True, cwd=str(tree))
    return {r["id"]: r["hits"] for r in map(json.loads, run.stdout.splitlines())}


def call_text(call: dict, hit: dict) -> str:
    return call["turns"][hit["utterance"]][1]


def short_rows(calls: list[dict], hits: dict[str, list[dict]]) -> tuple[list[str], list[int], list[str]]:
    """Training rows (texts, labels, groups) from call-level labels; see the module docstring."""
    texts, y, groups = [], [], []
    for c in calls:
        hs = hits[c["id"]]
        ruled = any(h["threat"] for h in hs)
        for h in hs:
            if c["threat"] and ruled and not h["threat"]:
                continue  # which cue carried the threat is not labelled
            texts.append(opinion_text(call_text(c, h), tuple(h["span"]), h["category"]))
            y.append(int(c["threat"]))
            groups.append(c["group"])
    return texts, y, groups


def musied_dev() -> list[dict]:
    """MUSIED dev phone calls: ``id``, customer ``lines`` {index: text}, ``gold`` utterance indices."""
    from training.data import load_musied

    labels = [r for r in _jsonl(LABELS / "complaint_threats_musied.jsonl") if r["split"] == "dev"]
    docs = {str(d["id"]): d for d in load_musied() if d["domain"] == "Phone Conversations"}
    out = []
    for r in labels:
        lines = {i: line.split(":", 1)[1] for i, line in enumerate(docs[r["id"]]["content"]) if line.startswith("用户:")}
        out.append({"id": r["id"], "lines": lines, "gold": set(r["utterances"]), "threat": bool(r["threat"])})
    return out


def musied_hits(calls: list[dict]) -> dict[str, list[dict]]:
    from qa_engine.analyzers.escalation import scan_text

    return {c["id"]: [_hit_dict(h) for i, t in c["lines"].items() for h in scan_text(t, i)] for c in calls}


def musied_rows(calls: list[dict], hits: dict[str, list[dict]]) -> tuple[list[str], list[int], list[str]]:
    texts, y, groups = [], [], []
    for c in calls:
        for i, t in c["lines"].items():
            hs = [h for h in hits[c["id"]] if h["utterance"] == i]
            ruled = any(h["threat"] for h in hs)
            for h in hs:
                gold = i in c["gold"]
                if gold and ruled and not h["threat"]:
                    continue
                texts.append(opinion_text(t, tuple(h["span"]), h["category"]))
                y.append(int(gold))
                groups.append("musied_dev")
    return texts, y, groups


def fit(texts: list[str], y: list[int]):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=2, lowercase=True)
    X = vec.fit_transform(texts)
    lr = LogisticRegression(C=C_REG, class_weight="balanced", max_iter=5000).fit(X, y)
    return vec, lr


def proba(model, texts: list[str]) -> np.ndarray:
    vec, lr = model
    return lr.predict_proba(vec.transform(texts))[:, 1] if texts else np.zeros(0)


def call_decision(hits: list[dict], probs: list[float], veto: float | None, add: float | None) -> bool:
    for h, p in zip(hits, probs, strict=True):
        if h["threat"] and (veto is None or p >= veto):
            return True
        if not h["threat"] and add is not None and p >= add:
            return True
    return False


def _grid_counts(scored: list[tuple[bool, list[dict], list[float]]]) -> dict:
    """(missed threat calls, calm calls alerting) per (veto, add) setting."""
    out = {}
    for veto in VETO_GRID:
        for add in ADD_GRID:
            missed = sum(t and not call_decision(h, p, veto, add) for t, h, p in scored)
            false = sum((not t) and call_decision(h, p, veto, add) for t, h, p in scored)
            out[(veto, add)] = (missed, false)
    return out


def _scored(model, calls: list[dict], hits: dict[str, list[dict]]) -> list[tuple[bool, list[dict], list[float]]]:
    return [(c["threat"], hits[c["id"]],
             proba(model, [opinion_text(call_text(c, h), tuple(h["span"]), h["category"])
                           for h in hits[c["id"]]]).tolist()) for c in calls]


def cross_validate(old_cache: Path) -> dict:
    """Grouped CV: each group predicted by a model fitted on the others (``once`` / ``current``) and,
    for the once-scored splits, by one fitted only on the groups written before it (``past``)."""
    calls = short_calls()
    cur = current_hits(calls)
    X, y, g = short_rows(calls, cur)
    mus = musied_dev()
    mh = musied_hits(mus)
    mX, my, mg = musied_rows(mus, mh)
    X, y, g = X + mX, y + my, g + mg
    groups = sorted(set(g), key=WRITTEN.index)
    by_group: dict[str, list[dict]] = {}
    for c in calls:
        by_group.setdefault(c["group"], []).append(c)
    once, past, current, musied = [], [], [], []
    per_split = {}
    for n, k in enumerate(groups):
        model = fit([x for x, gi in zip(X, g, strict=True) if gi != k], [v for v, gi in zip(y, g, strict=True) if gi != k])
        if k == "musied_dev":
            for c in mus:
                hs = mh[c["id"]]
                musied.append((c["threat"], hs, proba(model, [opinion_text(c["lines"][h["utterance"]],
                                                                            tuple(h["span"]), h["category"])
                                                               for h in hs]).tolist()))
            continue
        rows = by_group[k]
        current += _scored(model, rows, cur)
        if k in ONCE_SCORED:
            oh = old_hits(ONCE_SCORED[k], rows, old_cache)
            scored = _scored(model, rows, oh)
            once += scored
            before = set(groups[:n])
            earlier = fit([x for x, gi in zip(X, g, strict=True) if gi in before],
                          [v for v, gi in zip(y, g, strict=True) if gi in before])
            past += _scored(earlier, rows, oh)
            per_split[k] = {"rules": _grid_counts(scored)[(None, None)]}
        log.info("fold %s done", k)

    def calls_of(scored):
        return sum(t for t, _, _ in scored), sum(not t for t, _, _ in scored)

    return {"rows": len(X), "positives": int(sum(y)), "groups": groups,
            "readings": {"once-scored rules, model fitted on every other group": (once, _grid_counts(once)),
                         "once-scored rules, model fitted only on groups written before": (past, _grid_counts(past)),
                         "current rules (in-sample for the rules), short calls": (current, _grid_counts(current)),
                         "current rules (tuned on it), MUSIED dev calls": (musied, _grid_counts(musied))},
            "calls_of": calls_of, "per_split_rules": per_split}


def train(out: Path) -> dict:
    """Fit on every label group (never ``fresh24_test`` or MUSIED test) and export the model."""
    calls = short_calls()
    X, y, _ = short_rows(calls, current_hits(calls))
    mus = musied_dev()
    mX, my, _ = musied_rows(mus, musied_hits(mus))
    vec, lr = fit(X + mX, y + my)
    path = out / "escalation" / "opinion.npz"
    path.parent.mkdir(parents=True, exist_ok=True)
    export_linear(path, vocabulary=vec.vocabulary_, idf=vec.idf_, coef=lr.coef_, intercept=lr.intercept_,
                  ngram_range=(1, 3), heads=[MODEL_NAME])
    meta = {"model": MODEL_NAME, "rows": len(X) + len(mX), "positives": int(sum(y) + sum(my)),
            "short_call_rows": len(X), "musied_dev_rows": len(mX), "features": len(vec.vocabulary_), "C": C_REG}
    (out / "escalation" / "opinion.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def _fmt(v) -> str:
    return "-" if v is None else f"{v:g}"


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "models")
    ap.add_argument("--cv", action="store_true", help="grouped CV of the combination instead of training")
    ap.add_argument("--old-cache", type=Path, default=Path("/tmp/qa-threat-opinion-old"),
                    help="where the once-scored commits' qa_engine trees are extracted")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not args.cv:
        meta = train(args.out)
        print(json.dumps(meta, indent=2))
        return meta
    res = cross_validate(args.old_cache)
    print(f"rows {res['rows']} (positive {res['positives']}), groups {len(res['groups'])}")
    for name, (scored, grid) in res["readings"].items():
        t, c = res["calls_of"](scored)
        print(f"\n{name}: {t} threat calls, {c} calm calls; missed threats / calm alerting = total errors")
        print("veto\\add " + " ".join(f"{_fmt(a):>12}" for a in ADD_GRID))
        for v in VETO_GRID:
            cells = [grid[(v, a)] for a in ADD_GRID]
            print(f"{_fmt(v):>8} " + " ".join(f"{m:>3}/{f:>3}={m + f:>3}" for m, f in cells))
    print("\nonce-scored rules per split (missed, calm alerting):",
          json.dumps({k: v["rules"] for k, v in res["per_split_rules"].items()}))
    return res


if __name__ == "__main__":
    main()
