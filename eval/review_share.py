"""How often one low-confidence line sends a call's keyword misses to review (issue 11 item 5).

Simulation, not recordings: the 221 labelled MUSIED phone calls (real ASR text, no
confidences) get confidence 0.9 on every utterance and 0.52 on one agent utterance chosen
at random (seeded) — the situation of ~45 % of band-passed telephone calls in issue 11.
Compared: the previous policy (any doubtful utterance in a rule's searched window excuses
its miss) and the shipped one (only a doubtful line where the phrase would be: a searched
window of at most ``low_confidence_window`` utterances, or ``low_confidence_share`` of a
longer one).

    python eval/review_share.py
"""

from __future__ import annotations

import random
from pathlib import Path

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.backtest import load_calls, load_labels
from qa_engine.rulebook import load_rulebook

LABELS = Path(__file__).resolve().parent / "labels" / "service_acts.jsonl"


def with_one_doubtful_line(conv, rnd: random.Random):
    agent = [i for i, u in enumerate(conv.utterances) if u.speaker.value == "agent"]
    pick = rnd.choice(agent)
    utts = [u.model_copy(update={"confidence": 0.52 if i == pick else 0.9}) for i, u in enumerate(conv.utterances)]
    return conv.model_copy(update={"utterances": utts})


def main() -> None:
    meta, labels = load_labels(LABELS)
    convs = load_calls(LABELS.parent / meta["calls"], meta["calls_format"], [c.doc_id for c in labels])
    rnd = random.Random(11)
    calls = [with_one_doubtful_line(convs[c.doc_id], rnd) for c in labels]
    book = load_rulebook()
    policies = {
        "any doubtful line in the window (previous)": book.model_copy(
            update={"low_confidence_window": 10**6, "low_confidence_share": 0.0}),
        "only where the phrase would be (shipped)": book,
    }
    print(f"{len(calls)} MUSIED phone calls, one agent line at confidence 0.52 each (simulated)")
    for name, rb in policies.items():
        analyzer = KeywordAnalyzer(rb)
        sent = items = 0
        for c in calls:
            flagged = [k for k, f in analyzer.analyze(c).items.items()
                       if f.needs_review and "low-confidence" in (f.review_reason or "")]
            sent += bool(flagged)
            items += len(flagged)
        print(f"  {name}: {sent / len(calls):.0%} of calls sent to review "
              f"({items / len(calls):.2f} items per call excused by low confidence)")


if __name__ == "__main__":
    main()
