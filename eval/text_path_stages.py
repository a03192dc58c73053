"""Where the full text path spends its time: wall-clock seconds per stage, no profiler.

    python eval/text_path_stages.py [--conversations 339] [--utterances 40]

The same calls, batches and cold text caches as ``eval/bench_models.py``'s
``full_text_path`` (sentiment + complaint risk); each stage's function is wrapped in a
timer, so the figures carry none of cProfile's per-call overhead (which inflates the
pure-Python n-gram loops several-fold). Stages nest: the complaint lines are parts of
``complaint.analyze_batch``. Garbage collection is counted apart (it lands in whichever
stage allocates when it runs). Prints one line per stage; no assertion.
"""

from __future__ import annotations

import argparse
import functools
import gc
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from bench_models import musied_calls  # noqa: E402

import qa_engine.analyzers._complaint_features as features  # noqa: E402
import qa_engine.analyzers.complaint as complaint  # noqa: E402
import qa_engine.analyzers.escalation as escalation  # noqa: E402
from qa_engine.analyzers.sentiment import SentimentAnalyzer  # noqa: E402

SECONDS: Counter[str] = Counter()


def timed(owner, name: str, label: str) -> None:
    """Replace ``owner.name`` by the same function adding its wall time to ``SECONDS[label]``."""
    fn = getattr(owner, name)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            SECONDS[label] += time.perf_counter() - t0

    setattr(owner, name, wrapper)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--conversations", type=int, default=339)
    ap.add_argument("--utterances", type=int, default=40)
    ap.add_argument("--batch", type=int, default=100)
    args = ap.parse_args()
    convs = musied_calls(args.conversations, args.utterances)
    sentiment, risk = SentimentAnalyzer(), complaint.ComplaintRiskAnalyzer()
    sentiment.analyze_batch(convs[:2])
    risk.analyze_batch(convs[:2])
    timed(SentimentAnalyzer, "analyze_batch", "sentiment (whole analyzer)")
    timed(complaint.ComplaintRiskAnalyzer, "analyze_batch", "complaint risk (whole analyzer)")
    timed(risk._counter, "transform", "  complaint: char n-gram count (union vocabulary)")
    timed(features, "turns_from_pairs", "  complaint: turns")
    timed(complaint.ComplaintRiskAnalyzer, "_findings", "  complaint: per-call findings")
    timed(escalation, "detect_threats", "    escalation regexes (detect_threats)")
    timed(features, "feature_vector", "    feature vector (cues, repeats, close)")
    gc_start: list[float] = []

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            gc_start.append(time.perf_counter())
        elif gc_start:
            SECONDS["garbage collection (inside the stages above)"] += time.perf_counter() - gc_start.pop()

    for model in (sentiment.model, risk.sentiment):
        model.clear_cache()
    gc.callbacks.append(on_gc)
    t0 = time.perf_counter()
    for i in range(0, len(convs), args.batch):
        batch = convs[i:i + args.batch]
        sentiment.analyze_batch(batch)
        risk.analyze_batch(batch)
    total = time.perf_counter() - t0
    gc.callbacks.remove(on_gc)
    print(f"full text path: {total:.3f} s for {len(convs)} conversations = {len(convs) / total:.0f} conversations/s")
    for label, secs in SECONDS.most_common():
        print(f"{label:52s} {secs:6.3f} s {100 * secs / total:5.1f} %")


if __name__ == "__main__":
    main()
