"""Train the learned second opinion on threat candidates → ``models/escalation/opinion.npz``.

    python -m training.complaint_threat_opinion [--out models] [--cv] [--old-cache DIR]

**Candidates.** Every cue the escalation rules find in a customer turn (threats and set-aside
mentions alike), as ``opinion_text``: the cue's category, up to 24 characters before it in its
turn, the cue marked, up to 16 after.

**Labels** (hit level, from call- and utterance-level hand labels):

- the short calls of ``eval/labels/complaint_threat_calls.jsonl``, ``calm_calls.jsonl`` and every
  split of ``complaint_threat_fresh.jsonl`` except ``HELD_OUT`` (``fresh25_test`` and ``fresh26_test``,
  pre-registered for the eighth and ninth passes, never trained on; ``fresh24_test`` was scored once in
  the seventh and is trained on since), and (since ``threat-opinion-3``) every call of the numbered blind sets
  ``complaint_threat_fresh27.jsonl`` … ``fresh{LAST_FILE}`` outside the call model's held-out halves (``fresh48_test`` and
  later, fresh55 whole; ``training.threat_call_model``): in a calm call every candidate is 0; in a threat call the candidates
  the current rules count are 1, set-aside ones are left out (the call label does not say which cue carried the threat),
  and when the rules count none every candidate is 1;
- MUSIED **dev** phone calls (``complaint_threats_musied.jsonl``, split dev; never test): candidates
  in a hand-labelled threat utterance are 1 when the rules count them (or the rules count none in
  that utterance), candidates in other customer utterances 0.

**Model.** char 1–3-gram TF-IDF (sublinear, min_df 2) + logistic regression (C 4, balanced
classes; a MUSIED dev row counts ``MUSIED_WEIGHT`` times, 5 since ``threat-opinion-3``), exported pickle-free with ``export_linear``;
the LR's own sigmoid is the probability. Text as the rules read it (``escalation.reading_text``:
Traditional as Simplified, ASCII lower case).

**``--cv``: how to combine it with the rules**, by grouped cross-validation over the label
groups (one group per split / file section) of ``threat-opinion-2``'s material (the numbered sets left out): the
eighth pass's selection, kept reproducible. Three readings, each against the plain rules:

1. *once-scored*: each test split ``fresh2_test`` … ``fresh24_test`` with the rules **as they were
   when it was scored once** (``ONCE_SCORED``: the commit, extracted with ``git archive`` and run in
   a subprocess), the model fitted on every other group. This is the honest one: the current rules
   were fixed on every one of these splits, so against them the rules are right in-sample;
2. *current rules*: every group with today's rules (in-sample for the rules) — what a veto costs
   where the rules are already right;
3. *MUSIED dev*: the MUSIED dev calls in ``MUSIED_FOLDS`` folds of their own (by call id), each
   predicted by a model fitted on the short calls and the other folds: how the model transfers to
   real calls, where the seventh pass lost threats.

Call-level: a call is a threat when a rule threat survives the veto (probability ≥ ``veto_below``, or
its category outside the veto categories) or a set-aside cue reaches ``add_above``. The grid: MUSIED
weight (``WEIGHT_GRID``) × veto categories (``CATEGORY_SETS``) × veto × add. Printed: threat calls
missed and calm calls alerting per setting, pooled over the groups, the rule threats each setting
loses, and the setting ``choose`` picks (the selection rule, written down in the model card, "Eighth
pass", before ``fresh25_test`` was scored).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import subprocess
import sys
from pathlib import Path

import numpy as np

from qa_engine.analyzers._escalation_opinion import MODEL_NAME, opinion_text
from qa_engine.analyzers._linear import export_linear
from qa_engine.conversation import Conversation
from training.threat_call_model import held_out_split, numbered_files

log = logging.getLogger("training.complaint_threat_opinion")
ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "eval" / "labels"
# Pre-registered splits the shipped model (threat-opinion-2) never saw: fresh25_test (eighth pass) and
# fresh26_test (ninth pass: scored once, then the rules were fixed on it; the model was not refitted).
HELD_OUT = frozenset({"fresh25_test", "fresh26_test"})
C_REG = 4.0
# threat-opinion-3: the numbered blind sets complaint_threat_fresh27 … fresh231 are read too, every call outside the call
# model's held-out halves (fresh48_test and later, fresh55 whole) — eval/labels/threat_opinion3_protocol.md
LAST_FILE = 231
VETO_GRID = (None, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
ADD_GRID = (None, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9)
# Eighth pass: how much a MUSIED dev row counts against a self-written one, and which categories the
# model may veto (None: every category). "nouns": the bodies and professions whose cue words most
# often stand in innocent roles (a place, a job, a topic); 投诉 / 举报, a superior, a review, a hotline
# number are never vetoed there.
WEIGHT_GRID = (1.0, 5.0, 10.0)
CATEGORY_SETS: dict[str, frozenset[str] | None] = {
    "all": None,
    "all but complaint": frozenset({"hotline", "consumer_body", "media", "legal", "regulator", "police", "superior",
                                    "review"}),
    "nouns": frozenset({"legal", "media", "regulator", "police", "consumer_body"}),
}
MUSIED_FOLDS = 5  # MUSIED dev calls in folds of their own, fixed by call id
# The weight the shipped model is trained with: 1.0 for threat-opinion-2 (chosen by --cv, model card "Eighth pass"); 5.0
# since threat-opinion-3, whose 5x more short-call rows would otherwise shrink the real calls' share of the fit to 1.7 %
MUSIED_WEIGHT = 5.0
CHOSEN_CATEGORIES = "all but complaint"  # the veto categories chosen by --cv (escalation.CHOSEN_OPINION)
# The commit at which each test split was scored once (model card tables): the rules it met unseen.
ONCE_SCORED = {
    "fresh2_test": "a1a5164", "fresh3_test": "a1a5164", "fresh4_test": "02dae9b", "fresh5_test": "65d497e",
    "fresh6_test": "cc51e90", "fresh7_test": "19c2fea", "fresh8_test": "79299f2", "fresh9_test": "b070f37",
    "fresh10_test": "4db0431", "fresh11_test": "e84fd50", "fresh12_test": "b0457e3", "fresh13_test": "2d1807a",
    "fresh14_test": "157997c", "fresh16_test": "4f6e68d", "fresh17_test": "4f6e68d", "fresh18_test": "f051094",
    "fresh19_test": "a812467", "fresh20_test": "0809ac7", "fresh21_test": "76f028e", "fresh22_test": "76f028e",
    "fresh23_test": "282affa", "fresh24_test": "1a45dbe",
}


# Order in which the label groups were written (for the past-only reading of the CV).
WRITTEN = ("calls_dev", "calls_test", "calm_calls", "musied_dev", "fresh2_dev", "fresh2_test",
           *(f"fresh{i}_test" for i in range(3, 15)), "fresh15_dev", *(f"fresh{i}_test" for i in range(16, 25)))


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def short_calls(numbered: bool = True) -> list[dict]:
    """Every labelled short call outside ``HELD_OUT``: ``group``, ``id``, ``threat``, ``turns``; with ``numbered`` also
    the numbered blind sets to ``LAST_FILE`` outside the call model's held-out halves (``threat-opinion-3``)."""
    out = []
    for c in _jsonl(LABELS / "complaint_threat_calls.jsonl"):
        out.append({**c, "group": f"calls_{c['split']}", "threat": bool(c["threat"])})
    for c in _jsonl(LABELS / "calm_calls.jsonl"):
        out.append({**c, "group": "calm_calls", "threat": False})
    for c in _jsonl(LABELS / "complaint_threat_fresh.jsonl"):
        if c["split"] not in HELD_OUT:
            out.append({**c, "group": c["split"], "threat": bool(c["threat"])})
    if numbered:
        for path in numbered_files(LAST_FILE):
            out += [{**c, "group": c["split"], "threat": bool(c["threat"])} for c in _jsonl(path)
                    if not held_out_split(c["split"])]
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

    # rule-only cues (escalation.RULE_ONLY_PATTERNS, added after threat-opinion-2) are not the model's candidates
    return {c["id"]: [_hit_dict(h) for h in detect_threats(as_conversation(c), None) if not h.rule_only] for c in calls}


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
    """The utterance of ``hit`` as the rules and the model read it (Traditional as Simplified, lower case)."""
    from qa_engine.analyzers.escalation import reading_text

    return reading_text(call["turns"][hit["utterance"]][1])


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


def musied_fold(call_id: str) -> str:
    """One of ``MUSIED_FOLDS`` groups of MUSIED dev calls, fixed by the call id."""
    return f"musied_dev_{int(hashlib.sha1(call_id.encode()).hexdigest(), 16) % MUSIED_FOLDS}"


def musied_dev() -> list[dict]:
    """MUSIED dev phone calls: ``id``, customer ``lines`` {index: text}, ``gold`` utterance indices, ``group``."""
    from training.data import load_musied

    labels = [r for r in _jsonl(LABELS / "complaint_threats_musied.jsonl") if r["split"] == "dev"]
    docs = {str(d["id"]): d for d in load_musied() if d["domain"] == "Phone Conversations"}
    out = []
    for r in labels:
        lines = {i: line.split(":", 1)[1] for i, line in enumerate(docs[r["id"]]["content"]) if line.startswith("用户:")}
        out.append({"id": r["id"], "lines": lines, "gold": set(r["utterances"]), "threat": bool(r["threat"]),
                    "group": musied_fold(r["id"])})
    return out


def musied_hits(calls: list[dict]) -> dict[str, list[dict]]:
    from qa_engine.analyzers.escalation import scan_text

    return {c["id"]: [_hit_dict(h) for i, t in c["lines"].items() for h in scan_text(t, i) if not h.rule_only]
            for c in calls}


def musied_text(call: dict, hit: dict) -> str:
    from qa_engine.analyzers.escalation import reading_text

    return reading_text(call["lines"][hit["utterance"]])


def musied_rows(calls: list[dict], hits: dict[str, list[dict]]) -> tuple[list[str], list[int], list[str]]:
    texts, y, groups = [], [], []
    for c in calls:
        for i in c["lines"]:
            hs = [h for h in hits[c["id"]] if h["utterance"] == i]
            ruled = any(h["threat"] for h in hs)
            for h in hs:
                gold = i in c["gold"]
                if gold and ruled and not h["threat"]:
                    continue
                texts.append(opinion_text(musied_text(c, h), tuple(h["span"]), h["category"]))
                y.append(int(gold))
                groups.append(c["group"])
    return texts, y, groups


def fit(texts: list[str], y: list[int], weights: list[float] | None = None):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=2, lowercase=True)
    X = vec.fit_transform(texts)
    lr = LogisticRegression(C=C_REG, class_weight="balanced", max_iter=5000).fit(X, y, sample_weight=weights)
    return vec, lr


def proba(model, texts: list[str]) -> np.ndarray:
    vec, lr = model
    return lr.predict_proba(vec.transform(texts))[:, 1] if texts else np.zeros(0)


def call_decision(hits: list[dict], probs: list[float], veto: float | None, add: float | None,
                  veto_categories: frozenset[str] | None = None) -> bool:
    """The call's verdict: a rule threat survives unless vetoed (probability below ``veto``, its category in
    ``veto_categories``; None: every category), a set-aside cue counts at ``add`` or above."""
    for h, p in zip(hits, probs, strict=True):
        vetoable = veto is not None and (veto_categories is None or h["category"] in veto_categories)
        if h["threat"] and not (vetoable and p < veto):
            return True
        if not h["threat"] and add is not None and p >= add:
            return True
    return False


Scored = list[tuple[bool, list[dict], list[float]]]


def _grid_counts(scored: Scored) -> dict:
    """(missed threat calls, calm calls alerting, threat calls the rules alert on and the setting loses)
    per (veto categories, veto, add) setting."""
    out = {}
    rules = [call_decision(h, p, None, None) for _, h, p in scored]
    for name, cats in CATEGORY_SETS.items():
        for veto in VETO_GRID:
            for add in ADD_GRID:
                said = [call_decision(h, p, veto, add, cats) for _, h, p in scored]
                missed = sum(t and not d for (t, _, _), d in zip(scored, said, strict=True))
                false = sum((not t) and d for (t, _, _), d in zip(scored, said, strict=True))
                lost = sum(t and r and not d for (t, _, _), r, d in zip(scored, rules, said, strict=True))
                out[(name, veto, add)] = (missed, false, lost)
    return out


def _scored(model, calls: list[dict], hits: dict[str, list[dict]], text=call_text) -> Scored:
    return [(c["threat"], hits[c["id"]],
             proba(model, [opinion_text(text(c, h), tuple(h["span"]), h["category"])
                           for h in hits[c["id"]]]).tolist()) for c in calls]


def _weights(groups: list[str], musied_weight: float) -> list[float]:
    return [musied_weight if gi.startswith("musied_dev") else 1.0 for gi in groups]


def cross_validate(old_cache: Path) -> dict:
    """Grouped CV per MUSIED weight: each short-call group, and each of the ``MUSIED_FOLDS`` folds of
    MUSIED dev calls, predicted by a model fitted on every other group (``once`` / ``current`` /
    ``musied``); each once-scored split also by a model fitted only on the groups written before it
    (``past``, every MUSIED dev fold counting as written early)."""
    calls = short_calls(numbered=False)
    cur = current_hits(calls)
    X, y, g = short_rows(calls, cur)
    mus = musied_dev()
    mh = musied_hits(mus)
    mX, my, mg = musied_rows(mus, mh)
    X, y, g = X + mX, y + my, g + mg
    short_groups = sorted({c["group"] for c in calls}, key=WRITTEN.index)
    by_group: dict[str, list[dict]] = {}
    for c in calls:
        by_group.setdefault(c["group"], []).append(c)
    old = {k: old_hits(ONCE_SCORED[k], by_group[k], old_cache) for k in short_groups if k in ONCE_SCORED}

    def fitted(keep, weight):
        idx = [i for i, gi in enumerate(g) if keep(gi)]
        return fit([X[i] for i in idx], [y[i] for i in idx], _weights([g[i] for i in idx], weight))

    per_weight = {}
    for weight in WEIGHT_GRID:
        once, past, current, musied = [], [], [], []
        for n, k in enumerate(short_groups):
            model = fitted(lambda gi, k=k: gi != k, weight)
            current += _scored(model, by_group[k], cur)
            if k in old:
                once += _scored(model, by_group[k], old[k])
                before = set(short_groups[:n])
                earlier = fitted(lambda gi, before=before: gi in before or gi.startswith("musied_dev"), weight)
                past += _scored(earlier, by_group[k], old[k])
        for f in sorted({c["group"] for c in mus}):
            model = fitted(lambda gi, f=f: gi != f, weight)
            musied += _scored(model, [c for c in mus if c["group"] == f], mh, text=musied_text)
        per_weight[weight] = {"once": once, "past": past, "current": current, "musied": musied}
        log.info("weight %s done", weight)
    return {"rows": len(X), "positives": int(sum(y)), "musied_rows": len(mX), "groups": short_groups,
            "per_weight": per_weight}


def choose(res: dict) -> tuple[tuple, dict]:
    """The setting the selection rule picks (model card, "Eighth pass"). Admissible: on the MUSIED dev
    folds (real calls, each predicted by a model fitted without it) no threat call the rules alert on is
    lost and no more calm calls alert than with the rules alone; in both once-scored readings (model
    fitted on all other groups / only on groups written before) no more threat calls are missed than by
    the rules alone; where the current rules are right (short calls, in-sample) at most 2 threat calls
    are lost. Among those, the fewest once-scored errors; ties: fewer past-only errors, fewer MUSIED dev
    calm alerts, the lower weight, the smaller veto."""
    table = {}
    for weight, readings in res["per_weight"].items():
        grids = {name: _grid_counts(scored) for name, scored in readings.items()}
        for key in grids["once"]:
            table[(weight, *key)] = {name: grid[key] for name, grid in grids.items()}
    base = table[(WEIGHT_GRID[0], "all", None, None)]
    ok = [k for k, t in table.items()
          if t["musied"][2] == 0 and t["musied"][1] <= base["musied"][1] and t["once"][0] <= base["once"][0]
          and t["past"][0] <= base["past"][0] and t["current"][2] <= 2]

    def errors(counts):
        return counts[0] + counts[1]

    best = min(ok, key=lambda k: (errors(table[k]["once"]), errors(table[k]["past"]), table[k]["musied"][1], k[0],
                                  -1 if k[2] is None else k[2]))
    return best, table


def train(out: Path) -> dict:
    """Fit on every label group (never ``HELD_OUT`` or MUSIED test) with ``MUSIED_WEIGHT`` and export the model."""
    calls = short_calls()
    X, y, g = short_rows(calls, current_hits(calls))
    mus = musied_dev()
    mX, my, mg = musied_rows(mus, musied_hits(mus))
    vec, lr = fit(X + mX, y + my, _weights(g + mg, MUSIED_WEIGHT))
    path = out / "escalation" / "opinion.npz"
    path.parent.mkdir(parents=True, exist_ok=True)
    export_linear(path, vocabulary=vec.vocabulary_, idf=vec.idf_, coef=lr.coef_, intercept=lr.intercept_,
                  ngram_range=(1, 3), heads=[MODEL_NAME])
    meta = {"model": MODEL_NAME, "rows": len(X) + len(mX), "positives": int(sum(y) + sum(my)),
            "short_call_rows": len(X), "musied_dev_rows": len(mX), "musied_weight": MUSIED_WEIGHT,
            "held_out": sorted(HELD_OUT) + ["fresh48_test and later test halves", "complaint_threat_fresh55.jsonl"],
            "numbered_sets": f"complaint_threat_fresh27 to fresh{LAST_FILE}", "features": len(vec.vocabulary_), "C": C_REG}
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
    best, table = choose(res)
    readings = {"once": "once-scored rules, model fitted on every other group",
                "past": "once-scored rules, model fitted only on groups written before",
                "current": "current rules (in-sample for the rules), short calls",
                "musied": f"current rules (tuned on dev), MUSIED dev calls in {MUSIED_FOLDS} folds"}
    print(f"rows {res['rows']} (positive {res['positives']}, MUSIED dev {res['musied_rows']}), "
          f"short-call groups {len(res['groups'])} + {MUSIED_FOLDS} MUSIED dev folds")
    for name, title in readings.items():
        scored = res["per_weight"][WEIGHT_GRID[0]][name]
        print(f"\n{title}: {sum(t for t, _, _ in scored)} threat calls, {sum(not t for t, _, _ in scored)} calm calls;"
              " missed threats / calm alerting = total errors")
        for weight in WEIGHT_GRID:
            for cats in CATEGORY_SETS:
                print(f"MUSIED weight {weight:g}, veto categories: {cats}")
                print("veto\\add " + " ".join(f"{_fmt(a):>12}" for a in ADD_GRID))
                for v in VETO_GRID:
                    cells = [table[(weight, cats, v, a)][name] for a in ADD_GRID]
                    print(f"{_fmt(v):>8} " + " ".join(f"{m:>3}/{f:>3}={m + f:>3}" for m, f, _ in cells))
                print("threat calls the rules alert on and the setting loses, per cell: "
                      + "; ".join(f"{_fmt(v)}: " + " ".join(str(table[(weight, cats, v, a)][name][2]) for a in ADD_GRID)
                                  for v in VETO_GRID[1:]))
    weight, cats, veto, add = best
    print(f"\nrules alone: {json.dumps(table[(WEIGHT_GRID[0], 'all', None, None)])}")
    print(f"chosen by the rule: MUSIED weight {weight:g}, veto categories {cats}, veto below {_fmt(veto)}, "
          f"add at {_fmt(add)}: {json.dumps(table[best])}")
    return {"best": best, "table": table}


if __name__ == "__main__":
    main()
