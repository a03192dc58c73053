"""Repeated stratified cross-validation of complaint risk on STC3: baseline, stack-3, stack-4.

    python eval/complaint_cv.py [--part fit|all] [--repeats 3] [--folds 5]

``--part fit`` (default) runs on the 2,095 dialogues outside the test split, where the recipe
was chosen; ``--part all`` on all 2,475 (the test split's dialogues are then scored as one
fold's held-out part like any other, never used to fit what scores them). Every recipe is
refitted inside each outer fold (``training/complaint_cv.py``); printed: ROC-AUC at
mean_S ≤ −1, mean ± sd over the folds, and the per-fold values. Minutes per repeat on two
busy cores.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa_engine.analyzers._linear import LinearTextModel  # noqa: E402
from qa_engine.models import model_path  # noqa: E402
from training.complaint_cv import repeated_cv  # noqa: E402
from training.data import load_stc3, split_of  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", default="fit", choices=("fit", "all"))
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    rows = load_stc3()
    if args.part == "fit":
        rows = [d for d in rows if split_of(d["id"], salt="stc3") != "test"]
    sentiment = LinearTextModel(model_path("sentiment", "default.npz"))
    out = {"part": args.part, **repeated_cv(rows, sentiment, repeats=args.repeats, folds=args.folds)}
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
