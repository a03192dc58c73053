"""Short calls with and without an explicit threat: alert rates under the default policy.

    python eval/complaint_threat_calls.py [--split dev|test|all] [--show]
    python eval/complaint_threat_calls.py --calls eval/labels/complaint_threat_fresh.jsonl --split fresh2_dev

The calls are in ``eval/labels/complaint_threat_calls.jsonl``: written by the team for this
check (not real calls), in varied phrasings and registers (written and ASR-like, digits and
spoken hotline numbers), split dev/test by alternation. Threat calls escalate to a hotline,
regulator, court or lawyer, the media, a superior, the police or a bad review; calm calls
include plain compensation and refund requests and cue words that are not threats (a phone
number holding 一二三四五, an address next to a court, a lawyer asking for an invoice,
negated and reported complaints). The detector was fixed on ``dev`` misses only; ``test``
is the held-out figure. Printed: per split, the share of threat calls that alert (target 1.0)
and of calm calls that alert (target 0.0) under ``AlertPolicy.default()`` (probability over
the shipped threshold, or an explicit threat), the detector's own call-level hits, and
every miss with its probability. ``--calls`` reads another file of the same shape:
``complaint_threat_fresh.jsonl`` (1,334 calls) holds ``fresh2_dev``, where the third pass's
rules were worked out, thirteen test splits ``fresh2_test`` … ``fresh14_test``, and the fourth
pass's ``fresh15_dev`` with five test splits ``fresh16_test`` … ``fresh20_test`` (ASR fillers,
long calls, agent-addressed, dialect, spoken numbers, past intent, conditions), and the fifth pass's
``fresh21_test`` / ``fresh22_test`` (elderly and family callers, merchants, telecom / bank / insurance /
utility topics, resolved past threats, progress queries), the sixth pass's ``fresh23_test`` (20 threat,
40 calm: cue words in innocent roles), each test split
written before any run and scored once before the next round of rules (see the guide). Self-written calls: a check that the policy does what the
issue asks, not a measure of accuracy on real calls.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa_engine.alerts import AlertPolicy  # noqa: E402
from qa_engine.analyzers.complaint import ComplaintRiskAnalyzer  # noqa: E402
from qa_engine.analyzers.escalation import EscalationAnalyzer  # noqa: E402
from qa_engine.conversation import Conversation  # noqa: E402

CALLS = ROOT / "eval" / "labels" / "complaint_threat_calls.jsonl"


def as_conversation(call: dict) -> Conversation:
    return Conversation(id=call["id"], utterances=[
        {"speaker": "agent" if who == "A" else "customer", "start": 4.0 * i, "end": 4.0 * i + 3.0, "text": text}
        for i, (who, text) in enumerate(call["turns"])])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--calls", type=Path, default=CALLS, help="label file (jsonl: id, threat, turns, split)")
    ap.add_argument("--split", default="all", help="a split name in the file, or 'all' (every split in file order)")
    ap.add_argument("--show", action="store_true", help="print every call's probability, threats and alert")
    args = ap.parse_args()
    calls = [json.loads(x) for x in args.calls.read_text(encoding="utf-8").splitlines() if x.strip()]
    names = list(dict.fromkeys(c["split"] for c in calls))
    if args.split != "all" and args.split not in names:
        ap.error(f"unknown split '{args.split}' in {args.calls.name}, expected one of: {', '.join(names)}, all")
    risk, escalation, policy = ComplaintRiskAnalyzer(), EscalationAnalyzer(), AlertPolicy.default()
    out: dict = {"alert_threshold": policy.threshold}
    misses = []
    for split in (names if args.split == "all" else [args.split]):
        rows = [c for c in calls if c["split"] == split]
        convs = [as_conversation(c) for c in rows]
        found = risk.analyze_batch(convs)
        stats = {"threat": [0, 0, 0], "calm": [0, 0, 0]}  # calls, alerts, detector hits
        for call, conv, f in zip(rows, convs, found, strict=True):
            esc = escalation.analyze(conv)
            alert = policy.evaluate({"complaint_risk": f, "escalation": esc}, conversation=conv)
            detected = esc.items["threat"].value == 0.0
            key = "threat" if call["threat"] else "calm"
            stats[key][0] += 1
            stats[key][1] += alert is not None
            stats[key][2] += detected
            p = f.items["risk"].probability
            line = {"split": split, "id": call["id"], "threat": call["threat"], "alert": alert is not None,
                    "probability": round(p, 3), "threats": [t["cue"] for t in f.items["risk"].detail["threats"]]}
            if (alert is not None) != call["threat"]:
                misses.append(line)
            if args.show:
                print(json.dumps(line, ensure_ascii=False))
        out[split] = {k: {"calls": n, "alert_rate": round(a / max(1, n), 3), "detector_rate": round(d / max(1, n), 3)}
                      for k, (n, a, d) in stats.items()}
    out["misses"] = misses
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
