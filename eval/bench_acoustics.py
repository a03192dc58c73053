"""Acoustics analyzer time on long transcripts (overtalk was quadratic in utterances).

    python eval/bench_acoustics.py --sizes 2000,5000,20000
    python eval/bench_acoustics.py --sizes 2000,5000 --repo DIR    # another checkout's qa_engine

Transcript: alternating agent/customer turns of 2 s, every 10th overlapping the next by
0.6 s, one 12 s silence every 500 turns. Prints seconds per analyze() call (best of 3)
and the overtalk detail, so two checkouts can be compared on the same numbers.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2000,5000,20000")
    parser.add_argument("--repo", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args()
    sys.path.insert(0, str(args.repo.resolve()))
    import qa_engine
    from qa_engine.analyzers.acoustics import AcousticsAnalyzer
    from qa_engine.conversation import Conversation, Utterance

    print(f"qa_engine from {Path(qa_engine.__file__).parent}")
    analyzer = AcousticsAnalyzer()
    for n in map(int, args.sizes.split(",")):
        utts, t = [], 0.0
        for k in range(n):
            utts.append(Utterance(speaker="agent" if k % 2 == 0 else "customer", start=t, end=t + 2.0,
                                  text="好的，请问还有什么可以帮您" if k % 2 == 0 else "我想查一下我的订单"))
            t += 1.4 if k % 10 == 0 else (14.0 if k % 500 == 499 else 2.5)
        conv = Conversation(id=f"bench{n}", channel="phone", utterances=utts)
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            findings = analyzer.analyze(conv)
            best = min(best, time.perf_counter() - started)
            if best > 20:
                break
        print(f"{n:6} utterances: {best:8.3f} s  overtalk {findings.items['overtalk'].detail}  "
              f"dead_air gaps {findings.items['dead_air'].detail['gaps']}", flush=True)


if __name__ == "__main__":
    main()
