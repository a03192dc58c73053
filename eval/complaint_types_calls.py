"""Complaint types on held-out MUSIED phone calls, through the shipped analyzer, beside a baseline.

    python eval/complaint_types_calls.py [--baseline cde9feb]

The held-out calls are the 30 % of phone calls ``training.complaint.phone_split`` sets aside
(113 calls; the shipped type model never saw them). Both this tree's
``ComplaintRiskAnalyzer`` and the baseline revision's (unpacked by ``git archive``, run in a
subprocess) score them; only model types count (``source == "musied_model"``: the old
cue-rule types 退款 / 赔偿 … are not MUSIED event types). Micro- and macro-F1 over the types
with ≥ 5 of the 339 calls. The baseline revision's type model was fitted on all MUSIED dev
documents, **these calls included**, so its figure is optimistic; ``training.complaint``
also reports the previous recipe retrained without them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from complaint_calls import musied_call, unpack  # noqa: E402
from training.complaint import PHONE, doc_types, phone_split  # noqa: E402
from training.data import load_musied  # noqa: E402

RUNNER = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from qa_engine.analyzers.complaint import ComplaintRiskAnalyzer
from qa_engine.conversation import Conversation
convs = [Conversation.model_validate_json(line) for line in sys.stdin if line.strip()]
found = ComplaintRiskAnalyzer().analyze_batch(convs)
print(json.dumps([[t["type"] for t in f.items["risk"].detail["complaint_types"] if t["source"] == "musied_model"]
                  for f in found]))
"""


def run(root: Path, convs: list[dict]) -> list[list[str]]:
    import subprocess

    done = subprocess.run([sys.executable, "-c", RUNNER, str(root)], input="\n".join(json.dumps(c) for c in convs),
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def scores(docs: list[dict], predicted: list[list[str]], types: list[str]) -> dict:
    from sklearn.metrics import f1_score

    y = doc_types(docs, types)
    p = np.array([[int(t in pred) for t in types] for pred in predicted])
    return {"micro_f1": round(float(f1_score(y, p, average="micro", zero_division=0)), 4),
            "macro_f1": round(float(f1_score(y, p, average="macro", zero_division=0)), 4),
            "per_type_f1": {t: round(float(f1_score(y[:, k], p[:, k], zero_division=0)), 3) for k, t in enumerate(types)},
            "calls_with_no_type": int((p.sum(axis=1) == 0).sum())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", default="cde9feb", help="git revision of the baseline model and code")
    args = ap.parse_args()
    phone = [d for d in load_musied() if d["domain"] == PHONE]
    test = [d for d in phone if phone_split(d) == "test"]
    counts = {t: int(doc_types(phone, [t]).sum()) for t in {e["type"] for d in phone for e in d["events"]}}
    types = sorted(t for t, c in counts.items() if c >= 5)
    convs = [musied_call(d) for d in test]
    with tempfile.TemporaryDirectory() as tmp:
        base = run(unpack(args.baseline, Path(tmp)), convs)
    new = run(ROOT, convs)
    print(json.dumps({"held_out_phone_calls": len(test), "types": types,
                      f"baseline@{args.baseline}": scores(test, base, types), "new": scores(test, new, types)},
                     ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
