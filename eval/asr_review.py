"""How often a doubtful ASR line would excuse a missed phrase by chance (eval only).

    python eval/asr_review.py ../shared/data/complaint/musied/dev.json [--thresholds 0,0.5,0.6,0.67,0.75]

Real phone-call ASR transcripts (MUSIED, agent / customer prefixes; no times, so the hold
rules do not apply) are read as they are: every required-rule miss there is a phrase the
text does not hold. Each call is then given confidence 0.3 on **every** utterance (the worst
case: the whole call read badly) and inspected again at each ``low_confidence_similarity``;
printed per rule: how many of its misses go to review. 0 is the old rule (any doubtful line
in a small window, or half of a long one). What goes to review at a threshold is a line that
sounds like the phrase although the text says something else (or a real misreading of it:
MUSIED is ASR text too, so this is an upper bound on chance excuses). Rules decided by a
detector or model (confirm_need) or by regexes alone (self_intro) keep the window rule and are
left out of the "phrase rules" total.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="MUSIED-format JSON (list of {id, content})")
    parser.add_argument("--thresholds", default="0,0.5,0.6,0.67,0.75")
    parser.add_argument("--limit", type=int, default=0, help="first N calls only")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE.parent))
    from qa_engine.analyzers.keywords import KeywordAnalyzer
    from qa_engine.backtest import load_calls
    from qa_engine.errors import InputError
    from qa_engine.rulebook import load_rulebook

    book = load_rulebook()
    ids = [str(d["id"]) for d in json.loads(args.source.read_text(encoding="utf-8"))]
    if args.limit:
        ids = ids[: args.limit]
    convs = {}
    for doc_id in ids:
        try:
            convs.update(load_calls(args.source, "musied", [doc_id]))
        except InputError:  # a call whose lines carry no agent / customer prefix
            pass
    base = KeywordAnalyzer(book)
    required = [r.id for r in book.rules if r.kind == "required" and r.quantifier != "none" and r.gap is None]
    misses: Counter[str] = Counter()
    doubtful = {}
    for doc_id, conv in convs.items():
        items = base.analyze(conv).items
        # charged misses only: one already under review (a truncated recording) is not at stake
        missed = [k for k in required if items[k].value == 0.0 and not items[k].needs_review]
        if not missed:
            continue
        misses.update(missed)
        low = conv.model_copy(update={"utterances": [u.model_copy(update={"confidence": 0.3})
                                                     for u in conv.utterances]})
        doubtful[doc_id] = (low, missed)
    thresholds = [float(x) for x in args.thresholds.split(",")]
    sent: dict[float, Counter[str]] = {}
    for t in thresholds:
        analyzer = KeywordAnalyzer(book.model_copy(update={"low_confidence_similarity": t}))
        c: Counter[str] = Counter()
        for low, missed in doubtful.values():
            items = analyzer.analyze(low).items
            c.update(k for k in missed if items[k].needs_review)
        sent[t] = c
    print(f"{len(convs)} of {len(ids)} calls loaded; every utterance at confidence 0.3; misses sent to review")
    print(f"{'rule':22} {'misses':>6} " + " ".join(f"{'sim ' + format(t, 'g'):>9}" for t in thresholds))
    for k in required:
        if misses[k]:
            print(f"{k:22} {misses[k]:6d} " + " ".join(f"{sent[t][k] / misses[k]:9.1%}" for t in thresholds))
    # Rules with a phrase condition the sound test can judge (not a detector, model or regexes alone).
    phrase_rules = [cr.rule.id for cr in base.compiled.rules if cr.rule.id in required
                    and any(g.phrases and g.detector is None for g in cr.groups)]
    total = sum(misses[k] for k in phrase_rules)
    print(f"{'phrase rules':22} {total:6d} "
          + " ".join(f"{sum(sent[t][k] for k in phrase_rules) / total:9.1%}" for t in thresholds)
          + f"  ({', '.join(phrase_rules)})")


if __name__ == "__main__":
    main()
