"""Held-out check of the confirm-need model beside a rule that never saw the held-out calls.

    PYTHONPATH=. python eval/labels/service_acts_protocol.py [--commit 7a20953] [--seeds 3]

The rulebook at ``--commit`` (default 7a20953: tuned on reader 1's calls, before reader 2
labelled order positions 221–338) is the rule; reader 2's **dev** calls are held out from
it, and the model's scores are out-of-fold (``training.service_acts_confirm.cross_validate``
by call). Prints, per threshold, the call agreement on reader 2's dev calls of the model
alone and of rule OR model, beside the rule alone. Test calls are not read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    from training.service_acts_confirm import DATA, THRESHOLDS, cross_validate, load_examples, rule_verdicts

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commit", default="7a20953")
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    calls = load_examples("dev")
    truth = np.array([c["done"] for c in calls])
    docs = json.loads(DATA.read_text(encoding="utf-8"))
    order = sorted((d for d in docs if d["domain"] == "Phone Conversations"),
                   key=lambda d: hashlib.sha1(str(d["id"]).encode()).hexdigest())
    position = {str(d["id"]): n for n, d in enumerate(order)}
    held = np.array([position[c["doc_id"]] >= 221 for c in calls])  # reader 2's calls
    text = subprocess.run(["git", "show", f"{args.commit}:models/rulebook.toml"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False, encoding="utf-8") as f:
        f.write(text)
    verdicts = rule_verdicts([c["doc_id"] for c in calls], Path(f.name))
    Path(f.name).unlink()
    rule = np.array([verdicts[c["doc_id"]] for c in calls])
    runs = cross_validate(calls, 5, args.seeds)
    print(f"reader 2's dev calls: {int(held.sum())}; always-yes {truth[held].mean():.3f}; "
          f"rule@{args.commit} {(rule == truth)[held].mean():.3f}")
    for t in THRESHOLDS:
        alone = np.mean([((s >= t) == truth)[held].mean() for s in runs])
        both = np.mean([(((s >= t) | rule) == truth)[held].mean() for s in runs])
        print(f"threshold {t:.1f}: model {alone:.3f}  rule OR model {both:.3f}")


if __name__ == "__main__":
    main()
