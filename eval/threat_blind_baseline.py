"""The blind short-call sets against the plain baseline, in one run: the shipped default policy vs the old cue list.

    python eval/threat_blind_baseline.py [--first 142] [--last N]

For every blind set ``eval/labels/complaint_threat_freshNN.jsonl`` from ``--first`` to ``--last`` (both halves): threat
calls and calm calls that alert under the shipped default policy (rules + second opinion + call-level model, risk
probability over the threshold), and under the plain baseline the complaint model used before the threat finding — a
customer turn holding any word of the old escalation cue list (``escalation_musied.OLD_CUES``). The shipped rules have
read these sets since (each set's pass is in-sample for it); their first readings are in
``eval/threat_first_readings.py``. The baseline never saw any of them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from complaint_threat_calls import as_conversation  # noqa: E402
from escalation_musied import OLD_CUES  # noqa: E402
from threat_first_readings import blind_sets  # noqa: E402

from qa_engine.alerts import AlertPolicy  # noqa: E402
from qa_engine.analyzers.complaint import ComplaintRiskAnalyzer  # noqa: E402
from qa_engine.analyzers.escalation import EscalationAnalyzer  # noqa: E402

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--first", type=int, default=142)
    ap.add_argument("--last", type=int, default=None)
    args = ap.parse_args()
    calls = [json.loads(x) for _, path in blind_sets(args.first, args.last)
             for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    convs = [as_conversation(c) for c in calls]
    policy, escalation = AlertPolicy.default(), EscalationAnalyzer()
    tally = {"shipped": {"threat": 0, "calm": 0}, "old cue list": {"threat": 0, "calm": 0}}
    for call, conv, risk in zip(calls, convs, ComplaintRiskAnalyzer().analyze_batch(convs), strict=True):
        key = "threat" if call["threat"] else "calm"
        shipped = policy.evaluate({"complaint_risk": risk, "escalation": escalation.analyze(conv)}, conversation=conv)
        baseline = any(cue in text for who, text in call["turns"] if who == "C" for cue in OLD_CUES)
        tally["shipped"][key] += shipped is not None
        tally["old cue list"][key] += baseline
    threats = sum(c["threat"] for c in calls)
    print(json.dumps({"sets": f"fresh{args.first} … " + (f"fresh{args.last}" if args.last else "newest"),
                      "threat_calls": threats, "calm_calls": len(calls) - threats,
                      **{name: {"threat_alerting": t["threat"], "calm_alerting": t["calm"]} for name, t in tally.items()}},
                     ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
