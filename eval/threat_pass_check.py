"""Which labelled short calls a change of the threat detection changes: this tree against a base commit.

    python eval/threat_pass_check.py --base COMMIT [--json OUT]

The acceptance check of a threat pass (``models/complaint/THREAT_PASSES.md``, the forty-fourth pass's rule): every call
of every short-call file (``complaint_threat_calls.jsonl``, ``calm_calls.jsonl``, ``complaint_threat_fresh*.jsonl``,
both halves) read four ways in each tree — the rules alone, the rules with the second opinion (the threats each counts),
and the default alert policy with the call-level model on and off — with the complaint-risk probability. Each tree runs
in its own process with its own ``qa_engine`` and ``models/`` (the base unpacked once and cached, as
``eval/threat_first_readings.py`` unpacks the trees it reads); the calls are built by each tree's own
``eval/complaint_threat_calls.as_conversation``. Prints every call whose reading changed, with its label, and a count
per class; a pass should change only the calls it was written for.

One process per tree: about 30 s each on two cores, where running ``complaint_threat_calls.py`` once per file and
setting took most of an hour.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "eval" / "labels"
sys.path.insert(0, str(ROOT / "eval"))

from threat_first_readings import _git, tree_of  # noqa: E402

_READ = r"""
import json, sys
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/eval"]
import qa_engine
assert qa_engine.__file__.startswith(sys.argv[1]), qa_engine.__file__
from complaint_threat_calls import as_conversation
from qa_engine.alerts import AlertPolicy
from qa_engine.analyzers.complaint import ComplaintRiskAnalyzer
from qa_engine.analyzers.escalation import CHOSEN_OPINION, EscalationAnalyzer, detect_threats
calls = [json.loads(line) for line in sys.stdin]
convs = [as_conversation(c) for c in calls]
policy, with_model, without_model = AlertPolicy.default(), EscalationAnalyzer(call_model=True), EscalationAnalyzer(call_model=False)
for call, conv, risk in zip(calls, convs, ComplaintRiskAnalyzer().analyze_batch(convs)):
    def alert(analyzer):
        return policy.evaluate({"complaint_risk": risk, "escalation": analyzer.analyze(conv)}, conversation=conv) is not None
    print(json.dumps({"key": call["key"], "rules": sorted(h.cue for h in detect_threats(conv, None) if h.threat),
                      "opinion": sorted(h.cue for h in detect_threats(conv, CHOSEN_OPINION) if h.threat),
                      "alert": alert(with_model), "alert_without_call_model": alert(without_model),
                      "probability": round(risk.items["risk"].probability, 4) if "risk" in risk.items else None},
                     ensure_ascii=False))
"""


def labelled_calls() -> list[dict]:
    """Every short call, keyed ``file|split|id``, with its label (calm for ``calm_calls.jsonl``)."""
    paths = [LABELS / "complaint_threat_calls.jsonl", LABELS / "calm_calls.jsonl",
             *sorted(LABELS.glob("complaint_threat_fresh*.jsonl"))]
    calls = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                call = json.loads(line)
                calls.append({"key": f"{path.name}|{call.get('split', '')}|{call['id']}",
                              "threat": bool(call.get("threat", False)), "id": call["id"], "turns": call["turns"]})
    return calls


def read_in(tree: Path, calls: list[dict]) -> dict[str, dict]:
    """Every call read in ``tree``: key → its four readings and probability."""
    stdin = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in calls)
    env = {k: v for k, v in os.environ.items() if k not in ("QA_MODELS_DIR", "QA_THREAT_CALL_MODEL")}
    out = subprocess.run([sys.executable, "-c", _READ, str(tree)], input=stdin, capture_output=True, text=True,
                         check=True, cwd=str(tree), env=env)
    return {row.pop("key"): row for row in map(json.loads, out.stdout.splitlines())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True, help="the commit whose threat detection is the baseline")
    ap.add_argument("--json", type=Path, default=None, help="write the changed calls here")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "qa-first-readings",
                    help="where the base tree is unpacked (shared with eval/threat_first_readings.py)")
    args = ap.parse_args()
    calls = labelled_calls()
    old = read_in(tree_of(_git("rev-parse", args.base), args.cache), calls)
    new = read_in(ROOT, calls)
    changed = [{"key": c["key"], "threat": c["threat"], "base": old[c["key"]], "new": new[c["key"]]}
               for c in calls if old[c["key"]] != new[c["key"]]]
    for row in changed:
        print(f"{row['key']} ({'threat' if row['threat'] else 'calm'}): {row['base']} -> {row['new']}")
    alerts_changed = [r for r in changed if r["base"]["alert"] != r["new"]["alert"]]
    print(json.dumps({"base": args.base, "calls": len(calls), "changed": len(changed),
                      "alert_changed": {"towards_label": sum(r["new"]["alert"] == r["threat"] for r in alerts_changed),
                                        "away_from_label": sum(r["new"]["alert"] != r["threat"] for r in alerts_changed)}},
                     indent=2))
    if args.json:
        args.json.write_text(json.dumps(changed, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
