"""Print MUSIED phone calls with utterance indices, for labelling (see eval/labels/GUIDE.md).

Usage: python eval/labels/show_calls.py START COUNT [--full]
Calls are taken in the labelling order (sorted by sha1 of the doc id) so that any prefix
of the order is an unbiased sample. Backchannel-only lines (嗯 / 好的 / 对 …) are folded
to save reading; customer lines are cut at 70 characters unless --full.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "complaint" / "musied" / "dev.json"
BACKCHANNEL = re.compile(r"^[嗯啊哦噢呃哎唉喂好的对是嗯呢吧哈啦了,，。 ]{0,6}$")


def phone_calls(path: Path = DATA) -> list[dict]:
    """Phone-call documents of MUSIED dev in labelling order."""
    docs = json.loads(Path(path).read_text(encoding="utf-8"))
    calls = [d for d in docs if d["domain"] == "Phone Conversations"]
    return sorted(calls, key=lambda d: hashlib.sha1(str(d["id"]).encode()).hexdigest())


def main(argv: list[str]) -> None:
    start, count = int(argv[0]), int(argv[1])
    full = "--full" in argv
    for n, doc in enumerate(phone_calls()[start:start + count], start):
        lines = doc["content"]
        print(f"=== [{n}] doc {doc['id']}  ({len(lines)} utts)")
        folded: list[int] = []
        for i, line in enumerate(lines):
            role, _, text = line.partition(":")
            text = text.rstrip(",，")
            tag = "A" if role == "客服" else "C"
            if BACKCHANNEL.match(text):
                folded.append(i)
                continue
            if folded:
                print("   ." * 0 + f"   ({len(folded)} bc)")
                folded = []
            if tag == "C" and not full and len(text) > 70:
                text = text[:50] + "…" + text[-18:]
            print(f"{i:3d}{tag} {text}")
        if folded:
            print(f"   ({len(folded)} bc: {','.join(map(str, folded))})")


if __name__ == "__main__":
    main(sys.argv[1:])
