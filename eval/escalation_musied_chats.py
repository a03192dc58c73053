"""Explicit-threat detection on the 377 real MUSIED chats (typed) against hand labels.

    python eval/escalation_musied_chats.py [--split dev|test|all] [--opinion] [--errors]
    python eval/escalation_musied.py --register chat ...      (the same)

Labels: ``eval/labels/complaint_threats_musied_chats.jsonl`` (ids, split, indices into the chat's
``content`` lines; protocol ``complaint_threats_musied_chats_protocol.md``, judgments in the guide's
section "MUSIED chats"); the chats are read from ../shared/data. Each chat is read as the product
reads it (``backtest.musied_chat``: an untimed ``chat`` conversation) and ``detect_threats`` runs
on the whole conversation, so the agent's opening lines and earlier turns count as they do in
production. Printed: call- and utterance-level precision / recall of the rules alone
(``escalation.v1``) and, with ``--opinion``, of the default (rules + ``escalation.CHOSEN_OPINION``),
beside the old cue-list baseline (``escalation_musied.OLD_CUES`` in a customer line). ``dev`` is
where rules may be fixed; ``test`` is scored once (protocol).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from escalation_musied import OLD_CUES, load_labels as _load_labels, scores as _scores  # noqa: E402
from qa_engine.analyzers.escalation import CHOSEN_OPINION, detect_threats  # noqa: E402
from qa_engine.backtest import musied_chat  # noqa: E402
from training.data import load_musied  # noqa: E402

LABELS = Path(__file__).resolve().parent / "labels" / "complaint_threats_musied_chats.jsonl"


def load_labels() -> list[dict]:
    return _load_labels(LABELS)


def chat_docs() -> dict[str, dict]:
    """MUSIED chat documents by id."""
    return {str(d["id"]): d for d in load_musied() if d["domain"] == "Text Conversations"}


def content_index(doc: dict) -> list[int]:
    """``content`` index of each utterance of ``musied_chat(doc)`` (the lines it keeps, in order)."""
    out = []
    for i, line in enumerate(doc["content"]):
        _, sep, text = line.partition(":")
        if sep and text.rstrip(",，").strip() and line.strip():
            out.append(i)
    return out


def customer_lines(doc: dict) -> dict[int, str]:
    """Customer lines by ``content`` index (role ``用户…``), as the labels index them."""
    out = {}
    for i, line in enumerate(doc["content"]):
        role, sep, text = line.partition(":")
        text = text.rstrip(",，").strip()
        if sep and text and role.strip().startswith("用户"):
            out[i] = text
    return out


def predictor(opinion):
    """Content indices of the customer lines ``detect_threats`` (``opinion``: None = rules alone) finds threatening."""
    def predict(doc: dict) -> set[int]:
        conv, where = musied_chat(doc), content_index(doc)
        return {where[h.utterance] for h in detect_threats(conv, opinion) if h.threat}
    return predict


def predict_old(doc: dict) -> set[int]:
    return {i for i, text in customer_lines(doc).items() if any(c in text for c in OLD_CUES)}


def scores(rows: list[dict], docs: dict, predict) -> dict:
    """The phone script's figures with ``predict`` reading the whole chat, plus the call errors."""
    out = _scores(rows, docs, predict, lines_of=lambda doc: doc)
    out["call_errors"] = out["calls"]["fp"] + out["calls"]["fn"]
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev", choices=("dev", "test", "all"))
    ap.add_argument("--errors", action="store_true", help="print the lines the detector gets wrong")
    ap.add_argument("--opinion", action="store_true", help="also score the default (rules + the learned second opinion)")
    args = ap.parse_args(argv)
    docs = chat_docs()
    rows = [r for r in load_labels() if args.split in ("all", r["split"])]
    out = {"register": "chat", "split": args.split, "chats": len(rows),
           "threat_chats": sum(r["threat"] for r in rows),
           "escalation.v1 (rules alone)": scores(rows, docs, predictor(None)),
           "baseline_old_cue_list": scores(rows, docs, predict_old)}
    if args.opinion:
        out["escalation.v1 + second opinion (default)"] = scores(rows, docs, predictor(CHOSEN_OPINION))
    print(json.dumps(out, ensure_ascii=False, indent=2))
    if args.errors:
        predict = predictor(CHOSEN_OPINION if args.opinion else None)
        for r in rows:
            doc = docs[r["id"]]
            lines, pred, gold = customer_lines(doc), predict(doc), set(r["utterances"])
            for i in sorted(pred ^ gold):
                print(r["id"], i, "missed" if i in gold else "false", lines.get(i, "")[:80])


if __name__ == "__main__":
    main()
