"""Train the call-level threat model → ``models/escalation/call_model.npz`` (+ ``call_model.json``).

    python -m training.threat_call_model [--out models] [--cv]

The escalation rules read cue words; a threat worded without any (an outlet's name, a video going up, a
summons on its way) has none to read. This model reads the **whole customer side of a short call** — its
turns joined by ``CUSTOMER_JOIN`` — and gives the probability that the caller threatens to escalate. The
escalation analyzer counts it only where the rules and the second opinion found no threat and the
probability reaches ``THRESHOLD`` (decision rules and held-out checks:
``eval/labels/threat_call_model_protocol.md`` for ``threat-call-1``, ``threat_call_model3_protocol.md`` for the
shipped ``threat-call-3``, which added every dev half up to fresh141).

**Rows.** One per labelled short call outside the held-out halves: ``complaint_threat_calls.jsonl``,
``calm_calls.jsonl`` (calm), ``complaint_threat_fresh.jsonl`` and ``complaint_threat_freshN.jsonl`` for N from
``FIRST_FILE`` to ``LAST_FILE``, except the splits ``HELD_OUT_SPLIT`` matches (``fresh48_test`` and later) and the files in ``HELD_OUT_FILES``
(fresh55, held out whole). Label: the call's ``threat``.

**Model.** char 1–3-gram TF-IDF (sublinear, min_df 2) + logistic regression (C 4, balanced classes),
exported pickle-free with ``export_linear``; the LR's own sigmoid is the probability.

``--cv`` also prints the leave-one-file-out figures the threshold was chosen from (how many threat and calm
calls reach 0.8 / 0.85 / 0.9 / 0.95 out of fold).
"""

from __future__ import annotations

import argparse
import json
import logging
import re
from pathlib import Path

import numpy as np

from qa_engine.analyzers._escalation_call import CUSTOMER_JOIN, MODEL_NAME, THRESHOLD
from qa_engine.analyzers._linear import export_linear

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "eval" / "labels"
HELD_OUT_SPLIT = re.compile(r"fresh(\d+)_test$")
FIRST_HELD_OUT_TEST = 48  # fresh48_test and every later test half: scored once, never trained on
HELD_OUT_FILES = frozenset({"complaint_threat_fresh55.jsonl"})
FIRST_FILE, LAST_FILE = 27, 141  # complaint_threat_fresh27.jsonl … complaint_threat_fresh141.jsonl
C_REG = 4.0
CV_THRESHOLDS = (0.8, 0.85, 0.9, 0.95)


def held_out_split(split: str) -> bool:
    """``split`` is a held-out test half (``fresh48_test`` and later): scored once, never trained on."""
    m = HELD_OUT_SPLIT.match(split)
    return bool(m) and int(m.group(1)) >= FIRST_HELD_OUT_TEST


def numbered_files(last: int = LAST_FILE) -> list[Path]:
    """The numbered blind sets ``FIRST_FILE`` … ``last`` that training may read (not ``HELD_OUT_FILES``); a set added
    later changes a model only when its ``last`` is moved. The second opinion reads the same sets to its own ``last``."""
    numbered = [LABELS / f"complaint_threat_fresh{n}.jsonl" for n in range(FIRST_FILE, last + 1)]
    return [p for p in numbered if p.name not in HELD_OUT_FILES]


def _files() -> list[Path]:
    """The label files, named up to ``LAST_FILE``."""
    named = [LABELS / "complaint_threat_calls.jsonl", LABELS / "calm_calls.jsonl", LABELS / "complaint_threat_fresh.jsonl"]
    return named + numbered_files()


def load_calls() -> list[dict]:
    """Every training call: ``file``, ``id``, ``text`` (customer turns joined), ``threat``."""
    calls = []
    for path in _files():
        calm_file = path.name == "calm_calls.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            call = json.loads(line)
            if held_out_split(call.get("split", "")):
                continue
            text = CUSTOMER_JOIN.join(t for role, t in call["turns"] if role == "C")
            calls.append({"file": path.name, "id": call["id"], "text": text,
                          "threat": False if calm_file else bool(call["threat"])})
    return calls


def fit(texts: list[str], labels: list[bool]):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=2, dtype=np.float64)
    X = vec.fit_transform(texts)
    clf = LogisticRegression(C=C_REG, max_iter=3000, class_weight="balanced").fit(X, labels)
    return vec, clf


def leave_one_file_out(calls: list[dict]) -> dict:
    """Out-of-fold probabilities, one fold per file: threat and calm calls at or above each threshold."""
    from sklearn.metrics import roc_auc_score

    oof = np.zeros(len(calls))
    for name in sorted({c["file"] for c in calls}):
        train = [c for c in calls if c["file"] != name]
        test = [i for i, c in enumerate(calls) if c["file"] == name]
        vec, clf = fit([c["text"] for c in train], [c["threat"] for c in train])
        oof[test] = clf.predict_proba(vec.transform([calls[i]["text"] for i in test]))[:, 1]
    y = np.array([c["threat"] for c in calls])
    return {"roc_auc": round(float(roc_auc_score(y, oof)), 4),
            "at": {str(t): {"threat": int(((oof >= t) & y).sum()), "calm": int(((oof >= t) & ~y).sum())}
                   for t in CV_THRESHOLDS},
            "threat_calls": int(y.sum()), "calm_calls": int((~y).sum())}


def train(out: Path, calls: list[dict] | None = None) -> dict:
    """Fit on every training call (``load_calls()`` unless given) and export the model and its metadata."""
    calls = load_calls() if calls is None else calls
    vec, clf = fit([c["text"] for c in calls], [c["threat"] for c in calls])
    folder = out / "escalation"
    folder.mkdir(parents=True, exist_ok=True)
    export_linear(folder / "call_model.npz", vocabulary=vec.vocabulary_, idf=vec.idf_, coef=clf.coef_,
                  intercept=clf.intercept_, ngram_range=(1, 3), heads=[MODEL_NAME])
    meta = {"model": MODEL_NAME, "threshold": THRESHOLD, "calls": len(calls),
            "threat_calls": sum(c["threat"] for c in calls), "files": sorted({c["file"] for c in calls}),
            "held_out": f"fresh{FIRST_HELD_OUT_TEST}_test and later test halves; " + ", ".join(sorted(HELD_OUT_FILES)),
            "features": len(vec.vocabulary_), "C": C_REG}
    (folder / "call_model.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return meta


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "models")
    ap.add_argument("--cv", action="store_true", help="also print the leave-one-file-out figures")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    calls = load_calls()
    meta = train(args.out, calls)
    log.info("call model: %d calls (%d threat), %d features", meta["calls"], meta["threat_calls"], meta["features"])
    if args.cv:
        meta = {**meta, "leave_one_file_out": leave_one_file_out(calls)}
        print(json.dumps(meta["leave_one_file_out"], indent=2))
    return meta


if __name__ == "__main__":
    main()
