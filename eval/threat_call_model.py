"""What the call-level threat model adds to the escalation rules, on held-out short calls and real conversations.

    python eval/threat_call_model.py [--show]

For every held-out half of the short-call sets (``fresh48_test`` … the newest test half; ``fresh55`` and every set after
``LAST_FILE`` whole — never trained on, see ``training/threat_call_model.py``), the default
alert policy with the model off and on
(``EscalationAnalyzer(call_model=False / True)``, the second opinion on in both): threat calls alerting, calm
calls alerting, and the calls the model changes. Then, on real conversations, the threats the model adds where
the alert would fire on no rule cue, and the rule threats its veto removes (every threat of the conversation set
aside): MUSIED phone calls against their hand labels (dev and test, ``labels/complaint_threats_musied.jsonl``),
MUSIED chats and STC3 dialogues (no threat labels: counts only). The decision rules the model and its veto were
built under: ``labels/threat_call_model_protocol.md``, ``labels/threat_call_veto_protocol.md``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from complaint_threat_calls import as_conversation  # noqa: E402

from qa_engine.alerts import AlertPolicy  # noqa: E402
from qa_engine.analyzers._escalation_call import call_threat, call_veto  # noqa: E402
from qa_engine.analyzers.complaint import ComplaintRiskAnalyzer  # noqa: E402
from qa_engine.analyzers.escalation import VETOABLE_CATEGORIES, EscalationAnalyzer, detect_threats  # noqa: E402
from qa_engine.conversation import Conversation  # noqa: E402
from training.complaint_phone import musied_call, stc3_conversation  # noqa: E402
from training.data import load_musied, load_stc3  # noqa: E402
from training.threat_call_model import FIRST_HELD_OUT_TEST, HELD_OUT_FILES, LAST_FILE  # noqa: E402

LABELS = ROOT / "eval" / "labels"
# Sets held out whole from the model: fresh55, and every set after the last one it was trained on (neither half).
WHOLE_SETS = HELD_OUT_FILES | {p.name for p in LABELS.glob("complaint_threat_fresh[0-9]*.jsonl")
                              if int(re.search(r"\d+", p.stem)[0]) > LAST_FILE}


def held_out_halves() -> list[tuple[Path, str]]:
    """(file, split) of every short-call half the model never saw."""
    halves = []
    for path in sorted(LABELS.glob("complaint_threat_fresh[0-9]*.jsonl"), key=lambda p: int(re.search(r"\d+", p.stem)[0])):
        n = int(re.search(r"\d+", path.stem)[0])
        if path.name in WHOLE_SETS:
            halves += [(path, f"fresh{n}_dev"), (path, f"fresh{n}_test")]
        elif n >= FIRST_HELD_OUT_TEST:
            halves.append((path, f"fresh{n}_test"))
    return halves


def short_calls(show: bool) -> dict:
    policy, risk = AlertPolicy.default(), ComplaintRiskAnalyzer()
    without, with_model = EscalationAnalyzer(call_model=False), EscalationAnalyzer(call_model=True)
    total = {"threat": [0, 0, 0], "calm": [0, 0, 0]}  # calls, alerts without, alerts with
    rows = {}
    for path, split in held_out_halves():
        calls = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        calls = [c for c in calls if c["split"] == split]
        convs = [as_conversation(c) for c in calls]
        counts = {"threat": [0, 0, 0], "calm": [0, 0, 0]}
        changed = []
        for call, conv, f in zip(calls, convs, risk.analyze_batch(convs), strict=True):
            off = policy.evaluate({"complaint_risk": f, "escalation": without.analyze(conv)}, conversation=conv)
            esc = with_model.analyze(conv)
            on = policy.evaluate({"complaint_risk": f, "escalation": esc}, conversation=conv)
            key = "threat" if call["threat"] else "calm"
            for tally in (counts[key], total[key]):
                tally[0] += 1
                tally[1] += off is not None
                tally[2] += on is not None
            if (off is None) != (on is None):
                changed.append({"id": call["id"], "threat": call["threat"],
                                "note": esc.items["threat"].evidence[0].note if esc.items["threat"].evidence else ""})
        rows[split] = {k: {"calls": n, "alerts_without": a, "alerts_with": b} for k, (n, a, b) in counts.items()}
        rows[split]["changed"] = changed
        if show:
            print(json.dumps({"split": split, **rows[split]}, ensure_ascii=False))
    rows["all held-out halves"] = {k: {"calls": n, "alerts_without": a, "alerts_with": b} for k, (n, a, b) in total.items()}
    return rows


def added_on(convs: list[Conversation]) -> list[str]:
    """Ids of the conversations where the model adds a threat (no rule threat, the call at the threshold)."""
    return [c.id for c in convs if not any(h.threat for h in detect_threats(c)) and call_threat(c) is not None]


def vetoed_on(convs: list[Conversation]) -> list[str]:
    """Ids of the conversations whose every rule threat the veto sets aside."""
    out = []
    for c in convs:
        hits = detect_threats(c)
        if any(h.threat for h in hits) and not any(h.threat for h in call_veto(c, hits, VETOABLE_CATEGORIES)):
            out.append(c.id)
    return out


def real_conversations() -> dict:
    labels = {r["id"]: r for r in map(json.loads, (LABELS / "complaint_threats_musied.jsonl").read_text().splitlines())}
    docs = load_musied()
    phone = [d for d in docs if str(d["id"]) in labels]
    out = {}
    for split in ("dev", "test"):
        convs = [Conversation(**musied_call(d)) for d in phone if labels[str(d["id"])]["split"] == split]
        added, vetoed = added_on(convs), vetoed_on(convs)
        out[f"MUSIED phone {split}"] = {
            "calls": len(convs), "threat_calls": sum(labels[c.id]["threat"] for c in convs),
            "added_on_threat_calls": sum(labels[i]["threat"] for i in added),
            "added_on_calm_calls": sum(not labels[i]["threat"] for i in added),
            "vetoed_on_threat_calls": sum(labels[i]["threat"] for i in vetoed),
            "vetoed_on_calm_calls": sum(not labels[i]["threat"] for i in vetoed)}
    chats = [Conversation(**musied_call(d)) for d in docs if d["domain"] == "Text Conversations"
             and any(line.startswith("用户") for line in d["content"])]
    out["MUSIED chats"] = {"conversations": len(chats), "added": len(added_on(chats)), "vetoed": len(vetoed_on(chats))}
    stc3 = [Conversation(**stc3_conversation(d)) for d in load_stc3()]
    out["STC3 dialogues"] = {"conversations": len(stc3), "added": len(added_on(stc3)), "vetoed": len(vetoed_on(stc3))}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", action="store_true", help="print each half as it is scored")
    args = ap.parse_args()
    print(json.dumps({"held-out short calls": short_calls(args.show), "real conversations": real_conversations()},
                     ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
