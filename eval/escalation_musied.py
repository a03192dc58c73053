"""Explicit-threat detection on real MUSIED phone calls against hand labels.

    python eval/escalation_musied.py [--split dev|test|all] [--errors]
    python eval/escalation_musied.py --register chat [--split dev|test|all] [--opinion] [--errors]

``--register chat`` scores the 377 MUSIED chats instead (``eval/escalation_musied_chats.py``).

Labels: ``eval/labels/complaint_threats_musied.jsonl`` (ids + utterance indices; guide in
``eval/labels/complaint_threats_guide.md``); transcripts are read from ../shared/data.
Prints call-level and utterance-level precision / recall of ``escalation.v1`` (with ``--opinion`` also
the rules + the learned second opinion, ``escalation.CHOSEN_OPINION``) beside the
baseline the complaint model used before it: any word of the old escalation cue list
(投诉, 12315, 领导, 律师 …, ``_complaint_features.CUES["escalation"]``) in a customer line.
The rules were tuned on ``dev``; ``test`` is the held-out figure.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa_engine.analyzers.escalation import CHOSEN_OPINION, scan_text, with_opinion  # noqa: E402
from training.data import load_musied  # noqa: E402

LABELS = Path(__file__).resolve().parent / "labels" / "complaint_threats_musied.jsonl"
OLD_CUES = ("投诉", "12315", "曝光", "领导", "上级", "主管", "经理", "媒体", "记者", "律师",
            "工商", "消协", "消费者协会", "起诉", "举报", "315", "报警", "法院")


def load_labels(path: Path = LABELS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def customer_lines(doc: dict) -> dict[int, str]:
    return {i: line.split(":", 1)[1] for i, line in enumerate(doc["content"]) if line.startswith("用户:")}


def predict_new(lines: dict[int, str]) -> set[int]:
    return {i for i, text in lines.items() if any(h.threat for h in scan_text(text, i))}


def predict_opinion(lines: dict[int, str]) -> set[int]:
    """The rules' hits with the learned second opinion (``CHOSEN_OPINION``) applied."""
    hits = [h for i, text in lines.items() for h in scan_text(text, i)]
    hits = with_opinion(hits, [lines[h.utterance] for h in hits], CHOSEN_OPINION) if hits else []
    return {h.utterance for h in hits if h.threat}


def predict_old(lines: dict[int, str]) -> set[int]:
    return {i for i, text in lines.items() if any(c in text for c in OLD_CUES)}


def scores(rows: list[dict], docs: dict, predict, lines_of=customer_lines) -> dict:
    """Call- and utterance-level precision / recall of ``predict(lines_of(doc))`` (the
    customer-line indices it flags) against the labelled ones."""
    c = {"tp": 0, "fp": 0, "fn": 0, "utp": 0, "ufp": 0, "ufn": 0}
    for r in rows:
        pred, gold = predict(lines_of(docs[r["id"]])), set(r["utterances"])
        c["utp"] += len(pred & gold)
        c["ufp"] += len(pred - gold)
        c["ufn"] += len(gold - pred)
        c["tp"] += bool(pred) and bool(gold)
        c["fp"] += bool(pred) and not gold
        c["fn"] += bool(gold) and not pred

    def pr(tp, fp, fn):
        return {"precision": round(tp / max(1, tp + fp), 3), "recall": round(tp / max(1, tp + fn), 3),
                "tp": tp, "fp": fp, "fn": fn}

    return {"calls": pr(c["tp"], c["fp"], c["fn"]), "utterances": pr(c["utp"], c["ufp"], c["ufn"])}


def main() -> None:
    if "--register" in sys.argv and sys.argv[sys.argv.index("--register") + 1:][:1] == ["chat"]:
        from escalation_musied_chats import main as chats_main  # the chats' own reader and labels

        i = sys.argv.index("--register")
        return chats_main(sys.argv[1:i] + sys.argv[i + 2:])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="test", choices=("dev", "test", "all"))
    ap.add_argument("--register", default="call", choices=("call", "chat"), help="chat: the MUSIED chats")
    ap.add_argument("--errors", action="store_true", help="print the lines the detector gets wrong")
    ap.add_argument("--opinion", action="store_true", help="also score the rules + the learned second opinion")
    args = ap.parse_args()
    docs = {str(d["id"]): d for d in load_musied() if d["domain"] == "Phone Conversations"}
    rows = [r for r in load_labels() if args.split in ("all", r["split"])]
    out = {"split": args.split, "calls": len(rows), "threat_calls": sum(r["threat"] for r in rows),
           "escalation.v1": scores(rows, docs, predict_new),
           "baseline_old_cue_list": scores(rows, docs, predict_old)}
    if args.opinion:
        out["escalation.v1 + second opinion"] = scores(rows, docs, predict_opinion)
    print(json.dumps(out, ensure_ascii=False, indent=2))
    if args.errors:
        for r in rows:
            lines = customer_lines(docs[r["id"]])
            pred, gold = (predict_opinion if args.opinion else predict_new)(lines), set(r["utterances"])
            for i in sorted(pred ^ gold):
                print(r["id"], i, "missed" if i in gold else "false", lines[i][:80])


if __name__ == "__main__":
    main()
