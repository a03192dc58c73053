"""Build the word head of ``sentiment_word_cv`` as it would run, into a scratch models directory.

    python -m training.sentiment_word_head --out DIR [--weight 1] [--gate polar|none]

Nothing here ships (no candidate of ``training/sentiment_word_cv3.py`` passed the rule); this
exists to measure what the word head costs on the run-time path (criterion 4): it fits the
word NB-LR head (``sentiment_word_cv.W``: word uni + bigrams, the polarity head's rows plus
every polar hand-labelled dev turn at weight 8, test texts held out) on all folds, writes it
as ``DIR/sentiment/words.npz`` (``export_linear``, ``analyzer="word"``) and a copy of the
shipped ``metadata.json`` whose default family's negative score names it
(``added_head``: file, weight, gate = "polar" for ``S + g·W``); the shipped files and the
other models are symlinked, never written. Time it with
``QA_MODELS_DIR=DIR python eval/bench_models.py``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from training import sentiment_cv_common as COMMON
from training import sentiment_three as THREE
from training import sentiment_word_cv as WCV

MODELS = COMMON.MODELS.parent


def build(out: Path, weight: float = 1.0, gate: str = "polar") -> dict:
    from scipy.sparse import vstack

    from qa_engine.analyzers._linear import export_linear

    dev, _, rows = COMMON.dev_and_rows()
    texts = [r.text for r in rows]
    t0 = time.time()
    vec = WCV.fit_word_vectorizer(texts)
    X_base, X_dev = vec.transform(texts), vec.transform([t.text for t in dev])
    polar, y_dev, w_dev = THREE.hand_polar(dev)
    coef, b = THREE.fit_polarity(vstack([X_base, X_dev[polar]]).tocsr(),
                                 np.concatenate([[r.y for r in rows], y_dev[polar]]),
                                 np.concatenate([[r.weight for r in rows], w_dev[polar]]))
    print(f"word head fitted in {time.time() - t0:.0f}s ({len(vec.vocabulary_)} columns)", flush=True)
    sent = out / "sentiment"
    sent.mkdir(parents=True, exist_ok=True)
    export_linear(sent / "words.npz", vocabulary=vec.vocabulary_, idf=vec.idf_, coef=coef, intercept=b,
                  ngram_range=tuple(WCV.WORD_RECIPE["ngram_range"]), analyzer="word", heads=["word_polarity"])
    for entry in MODELS.iterdir():
        if entry.name != "sentiment" and not (out / entry.name).exists():
            (out / entry.name).symlink_to(entry.resolve())
    for f in (MODELS / "sentiment").iterdir():
        if f.name not in ("metadata.json", "words.npz") and not (sent / f.name).exists():
            (sent / f.name).symlink_to(f.resolve())
    meta = json.loads((MODELS / "sentiment" / "metadata.json").read_text(encoding="utf-8"))
    spec = meta["families"][meta["default_family"]]["negative_score"]
    spec["added_head"] = {"file": "words.npz", "weight": weight, "gate": gate}
    (sent / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return spec["added_head"]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="a scratch models directory (never models/)")
    ap.add_argument("--weight", type=float, default=1.0)
    ap.add_argument("--gate", choices=("polar", "none"), default="polar")
    args = ap.parse_args(argv)
    out = Path(args.out).resolve()
    if out == MODELS.resolve():
        ap.error("--out must be a scratch directory, not the shipped models/")
    print(json.dumps(build(out, args.weight, args.gate)))


if __name__ == "__main__":
    main()
