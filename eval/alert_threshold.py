"""What the complaint-risk alert threshold trades: one table (and a plot) over thresholds.

    python eval/alert_threshold.py [--calls-glob 'eval/labels/complaint_threat_*.jsonl'] [--plot PNG] [--json OUT]

For each threshold, under the default policy (probability over the threshold, or an explicit
threat):

- **calibration pool**: the 2,095 out-of-fold STC3 fit dialogues the shipped threshold is chosen
  on (``training.complaint.recompute_alert``'s pool), probability alone: alerts, precision, recall
  for mean_S ≤ −1;
- **STC3 test** (380 dialogues): alerts, precision, recall, probability or threat;
- **short calls**: the self-written calls of the threat passes (``--calls-glob``): threat calls
  that alert, calm calls that alert, and calm calls alerting on the probability alone.

The threshold is a policy choice (``eval/alert_threshold_protocol.md``); this shows its price.
The short calls are self-written: a check of the policy, not accuracy on real calls.
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from complaint_calls import alert_pr as pr  # noqa: E402
from complaint_calls import stc3_conversations  # noqa: E402
from complaint_threat_calls import as_conversation  # noqa: E402

from qa_engine.analyzers.complaint import ComplaintRiskAnalyzer  # noqa: E402
from qa_engine.analyzers.escalation import EscalationAnalyzer  # noqa: E402
from qa_engine.conversation import Conversation  # noqa: E402
from qa_engine.models import load_metadata  # noqa: E402

GRID = (0.20, 0.2423, 0.27, 0.30, 0.33, 0.3677, 0.40, 0.45, 0.50, 0.55, 0.60)


def probabilities_and_threats(convs: list[Conversation]) -> tuple[np.ndarray, np.ndarray]:
    risk, escalation = ComplaintRiskAnalyzer(), EscalationAnalyzer()
    p = np.array([f.items["risk"].probability for f in risk.analyze_batch(convs)])
    threat = np.array([escalation.analyze(c).items["threat"].value == 0.0 for c in convs])
    return p, threat


def calibration_pool() -> tuple[np.ndarray, np.ndarray]:
    """The out-of-fold pool the shipped threshold is chosen on (as ``recompute_alert`` builds it)."""
    from training.complaint import calibration_pool_probabilities

    return calibration_pool_probabilities(ROOT / "models")


def table(pool, stc3, short, grid=GRID) -> list[dict]:
    (pp, py), (sp, st, sy), (cp, ct, cy) = pool, stc3, short
    rows = []
    for t in grid:
        calm = ~cy
        rows.append({
            "threshold": t,
            "pool_probability_alone": pr(pp >= t, py),
            "stc3_test_probability_or_threat": pr((sp >= t) | st, sy),
            "short_calls": {"threat_calls": int(cy.sum()), "threat_alerting": int((((cp >= t) | ct) & cy).sum()),
                            "calm_calls": int(calm.sum()), "calm_alerting": int((((cp >= t) | ct) & calm).sum()),
                            "calm_alerting_on_probability_alone": int(((cp >= t) & ~ct & calm).sum())}})
    return rows


def plot(rows: list[dict], shipped: float, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t = [r["threshold"] for r in rows]
    fig, ax = plt.subplots(figsize=(9.5, 4.2))
    ax.plot(t, [r["pool_probability_alone"]["precision"] for r in rows], "o-", label="pool precision (probability alone)")
    ax.plot(t, [r["pool_probability_alone"]["recall"] for r in rows], "o--", label="pool recall (probability alone)")
    ax.plot(t, [r["stc3_test_probability_or_threat"]["recall"] for r in rows], "s-",
            label="STC3 test recall (probability or threat)")
    calm = [r["short_calls"]["calm_alerting"] / max(1, r["short_calls"]["calm_calls"]) for r in rows]
    ax.plot(t, [10 * c for c in calm], "^-", color="crimson", label="calm short calls alerting × 10")
    ax.axvline(shipped, color="grey", ls=":", label=f"shipped {shipped}")
    ax.set_xlabel("alert threshold on the complaint-risk probability")
    ax.set_ylim(0, 1)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_title("What the alert threshold trades")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--calls-glob", default=str(ROOT / "eval" / "labels" / "complaint_threat_*.jsonl"),
                    help="short-call label files (jsonl: id, threat, turns, split)")
    ap.add_argument("--plot", type=Path, default=None, help="write the trade-off plot here")
    ap.add_argument("--json", type=Path, default=None, help="write the table here")
    args = ap.parse_args()
    files = sorted(glob.glob(args.calls_glob))
    if not files:
        ap.error(f"no label files match {args.calls_glob}")
    calls = [json.loads(x) for f in files for x in Path(f).read_text(encoding="utf-8").splitlines() if x.strip()]
    cp, ct = probabilities_and_threats([as_conversation(c) for c in calls])
    convs, s = stc3_conversations()
    sp, st = probabilities_and_threats([Conversation(**c) for c in convs])
    rows = table(calibration_pool(), (sp, st, (s <= -1).astype(int)),
                 (cp, ct, np.array([bool(c["threat"]) for c in calls])))
    shipped = float(load_metadata("complaint")["alert"]["threshold"])
    out = {"shipped_threshold": shipped, "short_call_files": [Path(f).name for f in files], "rows": rows}
    print(json.dumps(out, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.plot:
        plot(rows, shipped, args.plot)


if __name__ == "__main__":
    main()
