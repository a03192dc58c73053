"""Build eval/labels/confirm_chats.jsonl from the hand-written eval/labels/confirm_chats.txt.

confirm_need on MUSIED chats, read blind (eval/labels/GUIDE.md, "confirm_need on the MUSIED
chats"). The .jsonl is the label format `qa rules backtest` reads; it holds doc ids,
utterance indices, a verdict and a short reason only — never chat text.

Split: sha256("confirm-chats-split:" + doc id), first byte < 0.5 × 256 → test, else dev (both rounds).

Round 1 (chats 0–131 in sha1 order): confirm_chats.txt → confirm_chats.jsonl; round 2 (chats 132–261):
confirm_chats2.txt → confirm_chats2.jsonl; round 3 (chats 262–376, the last): confirm_chats3.txt →
confirm_chats3.jsonl (eval/labels/confirm_chats_protocol.md).

Usage: python eval/labels/build_confirm_chats.py [--round 1|2|3]   (default: all)
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROUNDS = {1: (HERE / "confirm_chats.txt", HERE / "confirm_chats.jsonl"),
          2: (HERE / "confirm_chats2.txt", HERE / "confirm_chats2.jsonl"),
          3: (HERE / "confirm_chats3.txt", HERE / "confirm_chats3.jsonl")}
CALLS = "../../../shared/data/complaint/musied/dev.json"  # relative to this folder
TEST_SHARE = 0.5


def split_of(doc_id: str) -> str:
    """Fixed dev/test split, salted differently from the phone calls' split."""
    digest = hashlib.sha256(f"confirm-chats-split:{doc_id}".encode()).digest()
    return "test" if digest[0] / 256 < TEST_SHARE else "dev"


def parse_line(line: str) -> dict:
    body, _, note = line.partition("#")
    doc_id, cell = body.split()
    raw = cell.removeprefix("cn=")
    if raw == "?":
        done, utts = None, []
    elif raw == "-":
        done, utts = False, []
    else:
        done, utts = True, [int(x) for x in raw.split(",")]
    return {"doc_id": doc_id, "split": split_of(doc_id), "truncated_start": False, "truncated_end": False,
            "acts": {"confirm_need": {"done": done, "utterances": utts}}, "forbidden": [], "note": note.strip()}


def build(source: Path, target: Path) -> None:
    """Write one round's label file and print its counts per split."""
    rows = [parse_line(line) for line in source.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    meta = {"_meta": {"format": "qa-engine service-act labels v1", "calls": CALLS, "calls_format": "musied",
                      "guide": "eval/labels/GUIDE.md", "acts": ["confirm_need"]}}
    with target.open("w", encoding="utf-8") as f:
        f.write(json.dumps(meta, ensure_ascii=False) + "\n")
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts = Counter((r["split"], r["acts"]["confirm_need"]["done"]) for r in rows)
    print(target.name)
    for split in ("dev", "test"):
        print(f"  {split}: done {counts[(split, True)]}, not {counts[(split, False)]}, unsure {counts[(split, None)]}")


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--round", type=int, choices=sorted(ROUNDS))
    args = ap.parse_args(argv)
    for n in ([args.round] if args.round else sorted(ROUNDS)):
        build(*ROUNDS[n])


if __name__ == "__main__":
    main(sys.argv[1:])
