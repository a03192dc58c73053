"""Speed of the text models on this machine: texts/s and conversations/s.

    python eval/bench_models.py [--conversations 400] [--batch 100] [--utterances 40]

Conversations are the MUSIED phone-call transcripts (``用户:``/``客服:`` lines, read from
../shared/data, never committed), cut or repeated to ``--utterances`` each. The "full
text path" is sentiment + complaint risk on the same batch, as the Inspector runs them
(``full_text_path_binary_sentiment``: the same with the earlier binary sentiment family).
Each measurement starts with empty text caches; in the full path the complaint analyzer
reuses the utterance sentiment the sentiment analyzer just computed (shared model
instance), as it does inside one Inspector. Prints one JSON object; no assertion.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa_engine.analyzers.complaint import ComplaintRiskAnalyzer  # noqa: E402
from qa_engine.analyzers.sentiment import SentimentAnalyzer  # noqa: E402
from qa_engine.conversation import Conversation  # noqa: E402


def musied_calls(n: int, utterances: int) -> list[Conversation]:
    from training.data import load_musied

    docs = [d for d in load_musied() if d["domain"] == "Phone Conversations"]
    calls = []
    for k in range(n):
        lines = docs[k % len(docs)]["content"]
        lines = (lines * (utterances // max(1, len(lines)) + 1))[:utterances]
        utts = []
        for i, line in enumerate(lines):
            speaker = "customer" if line.startswith("用户") else "agent"
            utts.append({"speaker": speaker, "start": 3.0 * i, "end": 3.0 * i + 2.5,
                         "text": line.split(":", 1)[-1]})
        calls.append(Conversation(id=f"bench-{k}", utterances=utts))
    return calls


def timed(fn, convs, batch: int) -> float:
    t0 = time.perf_counter()
    for i in range(0, len(convs), batch):
        fn(convs[i:i + batch])
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--conversations", type=int, default=339, help="339 = every MUSIED call once")
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--utterances", type=int, default=40)
    args = ap.parse_args()
    convs = musied_calls(args.conversations, args.utterances)
    n_utts = sum(len(c.utterances) for c in convs)
    sentiment, complaint = SentimentAnalyzer(), ComplaintRiskAnalyzer()
    baseline = SentimentAnalyzer(family="baseline")
    binary = SentimentAnalyzer(family="default")  # the previous default: binary P(negative)
    sentiment.analyze_batch(convs[:2])
    complaint.analyze_batch(convs[:2])
    result = {"machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cpu",
              "conversations": len(convs), "utterances_per_conversation": args.utterances,
              "batch": args.batch}
    texts = [u.text for c in convs for u in c.utterances]
    result["distinct_utterance_texts"] = len(set(texts))

    def cold() -> None:  # every measurement starts with empty text caches
        for model in (sentiment.model, baseline.model, binary.model, complaint.sentiment):
            model.clear_cache()

    cold()
    t0 = time.perf_counter()
    sentiment.negative_prob(texts)
    result["sentiment_texts_per_s"] = round(len(texts) / (time.perf_counter() - t0))
    for name, fn in [("sentiment", sentiment.analyze_batch),
                     ("sentiment_baseline", baseline.analyze_batch),
                     ("complaint_risk", complaint.analyze_batch),
                     ("full_text_path", lambda b: (sentiment.analyze_batch(b), complaint.analyze_batch(b))),
                     ("full_text_path_binary_sentiment",
                      lambda b: (binary.analyze_batch(b), complaint.analyze_batch(b)))]:
        cold()
        secs = timed(fn, convs, args.batch)
        result[name] = {"conversations_per_s": round(len(convs) / secs, 1),
                        "utterances_per_s": round(n_utts / secs)}
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
