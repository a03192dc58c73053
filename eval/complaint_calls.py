"""Complaint risk on STC3 and on labelled phone calls, this tree beside a baseline revision.

    python eval/complaint_calls.py [--baseline a2784f9]

Both models run in the same invocation: the baseline is the committed revision ``--baseline``
(its ``qa_engine/`` and ``models/`` unpacked by ``git archive`` into a temporary folder and
run in a subprocess), the new one is this working tree. Printed (one JSON object):

- **STC3 test split** (``split_of(id, salt="stc3") == "test"``, 380 dialogues; the models
  were trained on the other splits): ROC-AUC, Brier, ECE for mean_S ≤ −1 (the shipped
  probability) and ≤ −0.5 (the model's second head), and the alert precision / recall at
  each model's shipped threshold for mean_S ≤ −1.
- **Phone calls**: the *test* calls of ``training/complaint_phone.py``: the MUSIED phone
  calls of the test split of ``eval/labels/complaint_threats_musied.jsonl`` (real ASR
  transcripts, every one a customer complaint to Meituan: label 1), the test split of
  ``eval/labels/complaint_threat_calls.jsonl`` (threat calls 1, calm calls 0) and the calm
  calls of ``tests/fixtures/escalation`` (0). ROC-AUC / Brier / ECE of the shipped
  probability and of ``complaint_call_probability`` (the phone-register map fitted on the
  dev calls; absent in older models), the alert rate of each group, and the alert recall on
  the explicit-threat calls. The calm and short calls are self-written and easy: a check of
  the register, not evidence of accuracy on real calm calls.
- the number of distinct probabilities over all 339 MUSIED calls (isotonic steps vs Platt).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from training.complaint_phone import musied_call, phone_calls  # noqa: E402
from training.complaint_phone import stc3_test_calls as stc3_conversations  # noqa: E402
from training.data import load_musied  # noqa: E402
from training.metrics import binary_report  # noqa: E402

LABELS = ROOT / "eval" / "labels"
# Runs inside the tree under test: conversations (JSON lines on stdin) → probabilities, alerts.
RUNNER = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from qa_engine.alerts import AlertPolicy
from qa_engine.analyzers.complaint import ComplaintRiskAnalyzer
from qa_engine.conversation import Conversation
convs = [Conversation.model_validate_json(line) for line in sys.stdin if line.strip()]
out = {}
for label in ("dissatisfied_1", "dissatisfied_05"):
    analyzer, policy = ComplaintRiskAnalyzer(label=label), AlertPolicy.default()
    rows = []
    for i in range(0, len(convs), 100):
        for conv, f in zip(convs[i:i + 100], analyzer.analyze_batch(convs[i:i + 100])):
            p = f.items["risk"].probability
            alert = policy.evaluate(f, conversation=conv) if label == "dissatisfied_1" else None
            rows.append([p, alert is not None, f.items["risk"].detail.get("complaint_call_probability")])
    out[label] = rows
out["threshold"] = policy.threshold
print(json.dumps(out))
"""


def run(root: Path, convs: list[dict]) -> dict:
    done = subprocess.run([sys.executable, "-c", RUNNER, str(root)], input="\n".join(json.dumps(c) for c in convs),
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def unpack(rev: str, into: Path) -> Path:
    archive = into / "tree.tar"
    with archive.open("wb") as fh:
        subprocess.run(["git", "-C", str(ROOT), "archive", rev, "qa_engine", "models"], stdout=fh, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "tree", filter="data")
    return into / "tree"


def alert_pr(alerts: np.ndarray, y: np.ndarray) -> dict:
    tp = int((alerts & (y == 1)).sum())
    return {"alerts": int(alerts.sum()), "precision": round(tp / max(1, int(alerts.sum())), 4),
            "recall": round(tp / max(1, int(y.sum())), 4)}


def evaluate(result: dict, s: np.ndarray, n_stc3: int, y_phone: np.ndarray, threat: np.ndarray,
             n_musied_all: int) -> dict:
    p1 = np.array([r[0] for r in result["dissatisfied_1"]])
    p05 = np.array([r[0] for r in result["dissatisfied_05"]])
    alerts = np.array([r[1] for r in result["dissatisfied_1"]])
    stc3 = slice(0, n_stc3)
    phone = slice(n_stc3, n_stc3 + len(y_phone))
    musied_all = slice(n_stc3 + len(y_phone), n_stc3 + len(y_phone) + n_musied_all)
    pp, ap = p1[phone], alerts[phone]
    pc = [r[2] for r in result["dissatisfied_1"]][phone]
    call_map = ({"complaint_vs_calm": binary_report(y_phone, np.array(pc)),
                 "mean_probability_musied": round(float(np.mean(np.array(pc)[y_phone == 1])), 4),
                 "mean_probability_calm": round(float(np.mean(np.array(pc)[y_phone == 0])), 4)}
                if all(v is not None for v in pc) else None)
    return {
        "alert_threshold": result["threshold"],
        "stc3_test": {"mean_S<=-1": binary_report(s <= -1, p1[stc3]),
                      "mean_S<=-0.5": binary_report(s <= -0.5, p05[stc3]),
                      "alert_mean_S<=-1": alert_pr(alerts[stc3], (s <= -1).astype(int))},
        "phone_calls": {"complaint_vs_calm": binary_report(y_phone, pp),
                        "alert_complaint_vs_calm": alert_pr(ap, y_phone),
                        "alert_rate_musied_complaints": round(float(ap[y_phone == 1].mean()), 4),
                        "alert_rate_calm": round(float(ap[y_phone == 0].mean()), 4),
                        "alert_recall_on_threat_calls": round(float(ap[threat == 1].mean()), 4),
                        "alert_rate_on_complaint_calls_without_threat": round(float(ap[(threat == 0) & (y_phone == 1)].mean()), 4),
                        "mean_probability_musied": round(float(pp[y_phone == 1].mean()), 4),
                        "mean_probability_calm": round(float(pp[y_phone == 0].mean()), 4),
                        "complaint_call_probability_phone_map": call_map},
        "distinct_probabilities_339_musied_calls": int(len(np.unique(np.round(p1[musied_all], 6)))),
    }


def plot_calls(y: np.ndarray, p_stc3: list[float], p_phone: list[float], path: Path) -> None:
    """Reliability of both probabilities on the test phone calls (10 equal-width bins)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from training.metrics import reliability

    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], "k--", lw=1, label="perfect")
    for name, p in (("probability, P(mean_S ≤ −1)", p_stc3), ("complaint_call_probability (phone map)", p_phone)):
        bins = reliability(y, np.array(p, dtype=float))
        ax.plot([b["mean_p"] for b in bins], [b["observed"] for b in bins], "o-", label=name)
    ax.set_xlabel("predicted probability")
    ax.set_ylabel("observed share of complaint calls")
    ax.set_title(f"Test phone calls (n={len(y)}, {int(np.sum(y))} complaints)")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", default="a2784f9", help="git revision of the baseline model and code")
    ap.add_argument("--plot", default=None, help="write the phone-call reliability diagram of this tree here")
    args = ap.parse_args()
    stc3, s = stc3_conversations()
    docs = {str(d["id"]): d for d in load_musied() if d["domain"] == "Phone Conversations"}
    phone, y, group = phone_calls("test")
    y_phone = np.array(y)
    threat = np.array([g in ("musied_threat", "short_threat") for g in group]).astype(int)
    everything = stc3 + phone + [musied_call(d) for d in docs.values()]
    out = {"stc3_test_dialogues": len(stc3),
           "phone_calls_test": {g: group.count(g) for g in sorted(set(group))}}
    with tempfile.TemporaryDirectory() as tmp:
        base = run(unpack(args.baseline, Path(tmp)), everything)
    new = run(ROOT, everything)
    if args.plot:
        n = len(stc3)
        plot_calls(y_phone, [r[0] for r in new["dissatisfied_1"][n:n + len(phone)]],
                   [r[2] for r in new["dissatisfied_1"][n:n + len(phone)]], Path(args.plot))
    for name, result in ((f"baseline@{args.baseline}", base), ("new", new)):
        out[name] = evaluate(result, s, len(stc3), y_phone, threat, len(docs))
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
