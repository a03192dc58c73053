"""Train the problem-report detector → ``models/service_acts/problem_report.npz``.

    python -m training.service_acts [--out models]

"Does this customer utterance report a failure?" decides whether an apology is due
(``apology_on_complaint``): a reviewer expects one whenever the customer reports a problem
with the food, the merchant, the rider or the platform, whatever words they use.

Data: MUSIED ``dev.json`` (Meituan customer service, real ASR phone calls and chats) with
its complaint-event annotations (异物, 身体不适, 变质 … with trigger spans). A line
(customer's or agent's) holding an event is a positive, a line without one a negative (noisy: MUSIED
annotates food and service events only, so "nobody called me back" is a negative here).
The phone calls of ``eval/labels/service_acts.jsonl`` (221) are **left out** — they are the
evaluation set; the other documents split 80/20 by a hash of their id (held-out figures
below). TF-IDF char 1–3-grams + logistic regression, Platt-calibrated on the held-out
part, exported pickle-free with ``export_linear``. Baseline: the trigger-word anchor
``customer_complaint`` of the previous rulebook, on the same held-out lines.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
from pathlib import Path

import numpy as np

log = logging.getLogger("training.service_acts")

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "complaint" / "musied" / "dev.json"
LABELS = ROOT / "eval" / "labels" / "service_acts.jsonl"
DOMAINS = ("Phone Conversations", "Text Conversations")
RECIPE = {"ngram_range": (1, 3), "max_features": 60_000, "C": 4.0, "min_df": 2}
SEED = 0


def _held_out(doc_id: str) -> bool:
    return hashlib.sha256(f"problem-report:{doc_id}".encode()).digest()[0] < 0.2 * 256


def load_rows(data: Path = DATA, labels: Path = LABELS) -> list[tuple[str, str, int]]:
    """(doc id, line, 1 if it holds a complaint event) for every unlabelled document.

    Both roles: a problem has surfaced when the agent reads it out of the record too
    (看到您之前反馈过餐品里有异物是吗).
    """
    excluded = {json.loads(line).get("doc_id") for line in labels.read_text(encoding="utf-8").splitlines()
                if line.strip()}
    rows = []
    for doc in json.loads(data.read_text(encoding="utf-8")):
        if doc["domain"] not in DOMAINS or str(doc["id"]) in excluded:
            continue
        with_event = {e["sent_id"] for e in doc.get("events", [])}
        for i, line in enumerate(doc["content"]):
            role, _, text = line.partition(":")
            text = text.rstrip(",，").strip()
            if role in ("用户", "客服") and text:
                rows.append((str(doc["id"]), text, int(i in with_event)))
    return rows


def main(argv: list[str] | None = None) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from qa_engine.analyzers._linear import export_linear
    from training.metrics import binary_report, platt_fit

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "models")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rows = load_rows()
    train = [r for r in rows if not _held_out(r[0])]
    held = [r for r in rows if _held_out(r[0])]
    log.info("lines: %d train (%d positive), %d held out (%d positive)", len(train),
             sum(r[2] for r in train), len(held), sum(r[2] for r in held))
    vec = TfidfVectorizer(analyzer="char", ngram_range=RECIPE["ngram_range"], min_df=RECIPE["min_df"],
                          sublinear_tf=True, max_features=RECIPE["max_features"], dtype=np.float32)
    X = vec.fit_transform([r[1] for r in train])
    y = np.array([r[2] for r in train])
    clf = LogisticRegression(C=RECIPE["C"], max_iter=3000, class_weight="balanced",
                             random_state=SEED).fit(X, y)
    margins = clf.decision_function(vec.transform([r[1] for r in held]))
    y_held = np.array([r[2] for r in held])
    platt = platt_fit(margins, y_held)
    probs = 1.0 / (1.0 + np.exp(-(platt[0] * margins + platt[1])))
    report = {"held_out": binary_report(y_held, probs), "recipe": {**RECIPE, "ngram_range": list(RECIPE["ngram_range"])},
              "train_lines": len(train), "held_out_lines": len(held),
              "baseline_trigger_words": _baseline(held)}
    out = args.out / "service_acts"
    out.mkdir(parents=True, exist_ok=True)
    export_linear(out / "problem_report.npz", vocabulary=vec.vocabulary_, idf=vec.idf_, coef=clf.coef_,
                  intercept=clf.intercept_, ngram_range=RECIPE["ngram_range"], platt=[platt],
                  heads=["problem_report"])
    meta_path = out / "metadata.json"  # shared with the confirm-need model: update our entry only
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    meta["problem_report"] = {"file": "problem_report.npz", "version": "problem_report.v1",
                              "trained_on": "MUSIED dev.json lines of both roles (phone + chat), the labelled calls of eval/labels/service_acts.jsonl excluded",
                              "report": report}
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    log.info("held out: %s", json.dumps(report["held_out"], ensure_ascii=False))
    log.info("baseline: %s", json.dumps(report["baseline_trigger_words"], ensure_ascii=False))


def _baseline(held: list[tuple[str, str, int]]) -> dict:
    """The old rulebook's trigger-word anchor as a line classifier, for comparison."""
    import tomllib

    from qa_engine.text import normalize

    book = tomllib.loads((ROOT / "eval" / "labels" / "baseline" / "rulebook.toml").read_text(encoding="utf-8"))
    words = [normalize(p) for p in book["anchors"]["customer_complaint"]["phrases"]]
    pred = np.array([any(w in normalize(r[1]) for w in words) for r in held])
    y = np.array([r[2] for r in held])
    tp = int((pred & (y == 1)).sum())
    return {"precision": tp / max(1, int(pred.sum())), "recall": tp / max(1, int(y.sum()))}


if __name__ == "__main__":
    main()
