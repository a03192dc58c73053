"""Does the complaint-risk stacker read at run time the threat count it was fitted on? Over all STC3 dialogues.

    python eval/complaint_threat_counts.py

Prints (one JSON object) how often three counts of explicit threats in the customer's utterances differ:

- **training**: ``training.complaint.dialogue_threats``, what the stacker's ``threats`` feature is fitted on;
- **analyzer**: the ``threats`` feature ``ComplaintRiskAnalyzer`` reads at run time (capped at 3) on the same
  dialogue built as eval builds it (``training.complaint_phone.stc3_conversation``);
- **rules alone**: ``escalation.scan_text`` utterance by utterance, without the conversation's context or the
  second opinion (how the stacker of ``8eceb1c`` was fitted, with the rules of that day).

Training and analyzer must agree on every dialogue (both call ``_complaint_features.call_threats``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa_engine.analyzers._complaint_features import CAP  # noqa: E402
from qa_engine.analyzers.complaint import ComplaintRiskAnalyzer  # noqa: E402
from qa_engine.analyzers.escalation import VERSION, default_opinion, scan_text  # noqa: E402
from qa_engine.conversation import Conversation  # noqa: E402
from training.complaint import dialogue_threats  # noqa: E402
from training.complaint_phone import stc3_conversation  # noqa: E402
from training.data import load_stc3  # noqa: E402


def main() -> None:
    rows = load_stc3()
    training = np.array([dialogue_threats(d) for d in rows])
    rules = np.array([sum(h.threat for t in d["turns"] if t["sender"] == "customer" for u in t["utterances"]
                          for h in scan_text(u)) for d in rows])
    convs = [Conversation.model_validate(stc3_conversation(d)) for d in rows]
    analyzer, feature = ComplaintRiskAnalyzer(), []
    for i in range(0, len(convs), 200):
        feature += [f.items["risk"].detail["features"]["threats"] for f in analyzer.analyze_batch(convs[i:i + 200])]
    feature = np.array(feature)

    def differ(a, b) -> dict:
        return {"count_differs": int((a != b).sum()), "presence_differs": int(((a > 0) != (b > 0)).sum())}

    print(json.dumps({"dialogues": len(rows), "escalation": VERSION, "second_opinion": default_opinion() is not None,
                      "with_a_threat": {"training": int((training > 0).sum()), "rules_alone": int((rules > 0).sum())},
                      "training_vs_analyzer_feature": differ(np.minimum(CAP, training), feature),
                      "training_vs_rules_alone": differ(training, rules)}, indent=2))


if __name__ == "__main__":
    main()
