"""Build eval/labels/service_acts.jsonl from the hand-written eval/labels/service_acts.txt.

The .txt is what the labeller types while reading calls (one line per call, codes
explained in eval/labels/GUIDE.md); the .jsonl is the documented label format that
`qa rules backtest` reads. Both hold doc ids, utterance indices, labels and short
reasons only — never transcript text.

Usage: python eval/labels/build_service_acts.py [SOURCE.txt TARGET.jsonl]
(default: service_acts.txt → service_acts.jsonl; a second reader's file, e.g.
reader3_service_acts.txt → reader3_service_acts.jsonl, is built the same way)
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "service_acts.txt"
TARGET = HERE / "service_acts.jsonl"
CALLS = "../../../shared/data/complaint/musied/dev.json"  # relative to this folder

ACTS = {
    "g": "greeting", "si": "self_intro", "oo": "opening_offer", "vi": "verify_identity",
    "cn": "confirm_need", "ag": "apology_on_complaint", "em": "empathy",
    "hn": "hold_notice", "ht": "hold_thanks", "co": "closing_offer_help", "fw": "closing_farewell",
}
FORBIDDEN = {
    "push": "forbidden_dismissive", "rude": "forbidden_rude", "abuse": "forbidden_profanity",
    "blame": "forbidden_blame", "promise": "forbidden_promise", "rating": "forbidden_solicit_rating",
}
TEST_SHARE = 0.4


def split_of(doc_id: str) -> str:
    """Fixed dev/test split: a salted hash of the doc id (independent of the reading order)."""
    digest = hashlib.sha256(f"service-acts-split:{doc_id}".encode()).digest()
    return "test" if digest[0] / 256 < TEST_SHARE else "dev"


def parse_value(raw: str) -> tuple[bool | None, list[int]]:
    if raw == "?":
        return None, []
    if raw == "-":
        return False, []
    return True, [int(x) for x in raw.split(",")]


def parse_line(line: str) -> dict:
    body, _, note = line.partition("#")
    tokens = body.split()
    doc_id, rest = tokens[0], tokens[1:]
    row: dict = {"doc_id": doc_id, "split": split_of(doc_id),
                 "truncated_start": "ts" in rest, "truncated_end": "te" in rest}
    acts: dict = {}
    forbidden: list[dict] = []
    applicable: bool | None = None
    for token in rest:
        if token in ("ts", "te"):
            continue
        key, _, value = token.partition("=")
        if key == "ad":
            applicable = {"1": True, "0": False, "?": None}[value]
        elif key == "fb":
            for item in filter(None, value.split(";")):
                cat, _, utt = item.partition("@")
                forbidden.append({"finding": FORBIDDEN[cat], "utterance": int(utt)})
        elif key in ACTS:
            label, utts = parse_value(value)
            acts[ACTS[key]] = {"done": label, "utterances": utts}
        else:
            raise ValueError(f"{doc_id}: unknown code {key!r}")
    apology = acts["apology_on_complaint"]
    apology["applicable"] = applicable
    if applicable is False:
        apology["done"] = None
    row["acts"] = acts
    row["forbidden"] = forbidden
    if note.strip():
        row["note"] = note.strip()
    return row


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    source, target = (Path(argv[0]), Path(argv[1])) if len(argv) == 2 else (SOURCE, TARGET)
    rows = [parse_line(line) for line in source.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    ids = [r["doc_id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate doc id"
    header = {"_meta": {"format": "qa-engine service-act labels v1", "calls": CALLS,
                        "calls_format": "musied", "guide": "eval/labels/GUIDE.md"}}
    with target.open("w", encoding="utf-8") as out:
        out.write(json.dumps(header, ensure_ascii=False) + "\n")
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    n_test = sum(r["split"] == "test" for r in rows)
    print(f"{len(rows)} calls → {target.name} (dev {len(rows) - n_test}, test {n_test})")


if __name__ == "__main__":
    main()
