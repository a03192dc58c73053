"""Pick the 50 dev calls that reader 3 re-labels blind (inter-reader agreement, issue 9).

Usage: python eval/labels/reader3_sample.py          # prints order position, doc id, earlier reader
Calls are the MUSIED phone calls in labelling order (sha1 of doc id, show_calls.py);
positions 0-220 were read by reader 1, 221-338 by reader 2 (GUIDE.md). Only dev-split calls
(build_service_acts.split_of) are drawn: 25 per earlier reader, random.Random(SEED).
Uses doc ids and hashes only — never the existing labels.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_service_acts import split_of  # noqa: E402
from show_calls import phone_calls  # noqa: E402

SEED = 20261126
PER_READER = 25
READER1_END = 221  # order positions < 221: reader 1


def sample() -> list[tuple[int, str, int]]:
    """(order position, doc id, earlier reader) for the sampled calls, in labelling order."""
    calls = phone_calls()
    strata: dict[int, list[tuple[int, str]]] = {1: [], 2: []}
    for pos, doc in enumerate(calls):
        doc_id = str(doc["id"])
        if split_of(doc_id) != "dev":
            continue
        strata[1 if pos < READER1_END else 2].append((pos, doc_id))
    rng = random.Random(SEED)
    picked = []
    for reader in (1, 2):
        for pos, doc_id in rng.sample(strata[reader], PER_READER):
            picked.append((pos, doc_id, reader))
    return sorted(picked)


if __name__ == "__main__":
    for pos, doc_id, reader in sample():
        print(pos, doc_id, reader)
