"""Print MUSIED chats with utterance indices, for labelling confirm_need (eval/labels/GUIDE.md).

Usage: python eval/labels/show_chats.py START COUNT
Chats are taken in the order of sha1(doc id), so any prefix is an unbiased sample. Lines
the chat system sends in many chats (greetings, time-outs, bot prompts: a line whose first
30 characters open at least 10 agent lines of the 377 chats) are cut to 30 characters and
marked ``T`` so that the reader still sees them. Nothing here runs a rule.
"""
from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "complaint" / "musied" / "dev.json"


def chats(path: Path = DATA) -> list[dict]:
    """Chat documents of MUSIED dev in labelling order (sha1 of the doc id)."""
    docs = json.loads(Path(path).read_text(encoding="utf-8"))
    out = [d for d in docs if d["domain"] == "Text Conversations"]
    return sorted(out, key=lambda d: hashlib.sha1(str(d["id"]).encode()).hexdigest())


def main(argv: list[str]) -> None:
    start, count = int(argv[0]), int(argv[1])
    docs = chats()
    common = Counter(line[:30] for d in docs for line in d["content"] if line.startswith("客服"))
    for n, doc in enumerate(docs[start:start + count], start):
        print(f"=== [{n}] chat {doc['id']}")
        for i, line in enumerate(doc["content"]):
            role, _, text = line.partition(":")
            text = text.rstrip(",，").strip()
            tag = "A" if role == "客服" else "C" if role.startswith("用户") else "?"
            if tag == "A" and common[line[:30]] >= 10:
                print(f"{i:3d}T {text[:30]}")
                continue
            if tag == "C" and len(text) > 90:
                text = text[:70] + "…" + text[-18:]
            print(f"{i:3d}{tag} {text}")


if __name__ == "__main__":
    main(sys.argv[1:])
