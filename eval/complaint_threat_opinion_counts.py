"""How many conversations the learned threat second opinion changes: STC3 dialogues and MUSIED calls.

    python eval/complaint_threat_opinion_counts.py [--show N]

For every STC3 dialogue (2,475; the complaint-risk model's training data) and every MUSIED document
read as a call (1,139: phone calls, chats and reviews, 用户 lines as the customer), the explicit-threat
count of ``detect_threats`` with the rules alone and with ``escalation.CHOSEN_OPINION``. Printed: the
conversations whose count changes, whether the conversation's threat / no-threat verdict flips, and
(``--show``) the first changed cues with the model's probability. A count, not an accuracy: the STC3
dialogues have no threat labels; MUSIED phone calls have (``eval/escalation_musied.py --opinion``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa_engine.analyzers.escalation import CHOSEN_OPINION, detect_threats  # noqa: E402
from qa_engine.conversation import Conversation  # noqa: E402
from training.complaint_phone import musied_call  # noqa: E402
from training.data import load_musied, load_stc3  # noqa: E402


def stc3_conversation(d: dict) -> Conversation:
    turns = [("customer" if t["sender"] == "customer" else "agent", u) for t in d["turns"] for u in t["utterances"]]
    return Conversation(id=str(d["id"]), utterances=[{"speaker": s, "start": 3.0 * i, "end": 3.0 * i + 2.5, "text": u}
                                                     for i, (s, u) in enumerate(turns) if u.strip()])


def compare(convs: list[Conversation], show: int) -> dict:
    changed, flips, more, fewer, examples = 0, 0, 0, 0, []
    for conv in convs:
        rules = [h for h in detect_threats(conv, None) if h.threat]
        both_hits = detect_threats(conv, CHOSEN_OPINION)
        both = [h for h in both_hits if h.threat]
        if len(rules) != len(both):
            changed += 1
            more += len(both) > len(rules)
            fewer += len(both) < len(rules)
            flips += bool(rules) != bool(both)
            if len(examples) < show:
                examples.append({"id": conv.id, "rules": len(rules), "with_opinion": len(both),
                                 "changed": [f"{h.cue} [{h.reason}, p={h.probability}]: "
                                             f"{conv.utterances[h.utterance].text[:60]}"
                                             for h in both_hits if h.reason in ("model_veto", "model_threat")]})
    return {"conversations": len(convs), "count_changed": changed, "more_threats": more, "fewer_threats": fewer,
            "verdict_flipped": flips, "examples": examples}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", type=int, default=0, help="print up to N changed conversations per corpus")
    args = ap.parse_args()
    stc3 = [stc3_conversation(d) for d in load_stc3()]
    musied = [Conversation.model_validate(musied_call(d)) for d in load_musied()]
    print(json.dumps({"opinion": CHOSEN_OPINION.__dict__ | {"path": None}, "stc3": compare(stc3, args.show),
                      "musied": compare(musied, args.show)}, ensure_ascii=False, indent=2, default=str))


if __name__ == "__main__":
    main()
