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
``complaint_threat_fresh.jsonl`` (1,594 calls) holds ``fresh2_dev``, where the third pass's
rules were worked out, thirteen test splits ``fresh2_test`` … ``fresh14_test``, and the fourth
pass's ``fresh15_dev`` with five test splits ``fresh16_test`` … ``fresh20_test`` (ASR fillers,
long calls, agent-addressed, dialect, spoken numbers, past intent, conditions), and the fifth pass's
``fresh21_test`` / ``fresh22_test`` (elderly and family callers, merchants, telecom / bank / insurance /
utility topics, resolved past threats, progress queries), the sixth pass's ``fresh23_test`` (20 threat,
40 calm: cue words in innocent roles), each test split
written before any run and scored once before the next round of rules (see the guide), and the seventh pass's
``fresh24_test`` (30 threat, 50 calm), pre-registered for the learned second opinion, and the eighth pass's
``fresh25_test`` (30 threat, 50 calm: Traditional script, English code-mixing, new innocent roles), and the
ninth pass's ``fresh26_test`` (40 threat, 60 calm: short calls written plainly in the issue's own style).
``complaint_threat_fresh27.jsonl`` holds the tenth pass's ``fresh27_dev`` / ``fresh27_test`` (30 threat, 45 calm each:
realistic calls in ten industries by a writer who had not tuned the rules; protocol in
``eval/labels/complaint_threat_fresh27_protocol.md``); each later pass has a file of its own in the same shape,
``complaint_threat_fresh28.jsonl`` … ``complaint_threat_fresh45.jsonl`` (splits ``fresh28_dev`` / ``fresh28_test`` …;
the held-out sets from ``fresh43`` on have a ``…_test`` split only; protocol files beside them).
``--opinion`` scores the rules alone and the rules + the second opinion (``escalation.CHOSEN_OPINION``) in the
same run; without it the ``QA_THREAT_OPINION`` setting of the environment applies (on unless ``off``).
Self-written calls: a check that the policy does what the issue asks, not a measure of accuracy on real calls.
"""

from __future__ import annotations

import argparse
import json
import os
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


def score_split(rows: list[dict], risk, escalation, policy, show: bool, split: str, misses: list) -> dict:
    """Alerts under ``policy`` per class (threat / calm): calls, alerts, detector hits; wrong calls go to ``misses``."""
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
        detail = esc.items["threat"].detail
        line = {"split": split, "id": call["id"], "threat": call["threat"], "alert": alert is not None,
                "probability": round(p, 3), "threats": [t["cue"] for t in f.items["risk"].detail["threats"]]}
        noted = [f"{h['cue']}: {h['note']}" for h in detail.get("threats", []) + detail.get("set_aside", []) if "note" in h]
        if noted:
            line["second_opinion"] = noted
        if (alert is not None) != call["threat"]:
            misses.append(line)
        if show:
            print(json.dumps(line, ensure_ascii=False))
    return {k: {"calls": n, "alerts": a, "alert_rate": round(a / max(1, n), 3), "detector_rate": round(d / max(1, n), 3)}
            for k, (n, a, d) in stats.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--calls", type=Path, default=CALLS, help="label file (jsonl: id, threat, turns, split)")
    ap.add_argument("--split", default="all", help="a split name in the file, or 'all' (every split in file order)")
    ap.add_argument("--show", action="store_true", help="print every call's probability, threats and alert")
    ap.add_argument("--opinion", action="store_true",
                    help="score the rules alone and the rules + the learned second opinion (CHOSEN_OPINION) in the same run "
                         "(the call-level threat model follows QA_THREAT_CALL_MODEL in both; off: the rules alone)")
    ap.add_argument("--threshold", type=float, default=None,
                    help="alert threshold for the risk probability (default: the shipped one in models/complaint)")
    args = ap.parse_args()
    calls = [json.loads(x) for x in args.calls.read_text(encoding="utf-8").splitlines() if x.strip()]
    names = list(dict.fromkeys(c["split"] for c in calls))
    if args.split != "all" and args.split not in names:
        ap.error(f"unknown split '{args.split}' in {args.calls.name}, expected one of: {', '.join(names)}, all")
    policy = AlertPolicy.default() if args.threshold is None else AlertPolicy(args.threshold)
    settings = ("off", "on") if args.opinion else (os.environ.get("QA_THREAT_OPINION", "on"),)
    out: dict = {"alert_threshold": policy.threshold}
    for setting in settings:
        # The complaint-risk model reads the threats through detect_threats' default, which follows this.
        os.environ["QA_THREAT_OPINION"] = setting
        risk, escalation = ComplaintRiskAnalyzer(), EscalationAnalyzer()
        misses: list = []
        res: dict = {"escalation": escalation.version}
        for split in (names if args.split == "all" else [args.split]):
            res[split] = score_split([c for c in calls if c["split"] == split], risk, escalation, policy,
                                     args.show, split, misses)
        res["misses"] = misses
        out["rules + second opinion" if setting == "on" and args.opinion else
            "rules alone" if args.opinion else "result"] = res
    print(json.dumps(out if args.opinion else {"alert_threshold": policy.threshold, **out["result"]},
                     ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
