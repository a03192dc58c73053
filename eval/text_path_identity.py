"""Serialise the full Inspector text path, to prove a speed-up changed no output.

    python eval/text_path_identity.py --out /tmp/new.jsonl
    (copy this file into a checkout of main and run it there with --out /tmp/old.jsonl)
    cmp /tmp/old.jsonl /tmp/new.jsonl

Runs the default ``Inspector`` (rulebook + scorecard + sentiment + complaint risk +
escalation; acoustics is N/A on text) over MUSIED phone calls (as they are, and cut or
repeated to 40 utterances as ``eval/bench_models.py`` does), STC3 dialogues, the threat call
sets of ``eval/labels/complaint_threat_fresh.jsonl`` and ``eval/bench_text.py``'s synthetic
calls. Every inspection is written as one JSON line (``inspected_at`` left out, the rest
as ``model_dump_json`` writes it), each set twice: with cold text caches, then warm. Prints
the number of lines and a SHA-256 per set. The texts come from ../shared/data and are never
committed; the output file holds them, so keep it out of the repository.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from qa_engine.conversation import Conversation  # noqa: E402


def musied(n: int, utterances: int | None) -> list[Conversation]:
    """MUSIED phone calls; ``utterances`` cuts or repeats each to that length (None: as is)."""
    from bench_models import musied_calls
    from training.data import load_musied

    if utterances is not None:
        return musied_calls(n, utterances)
    docs = [d for d in load_musied() if d["domain"] == "Phone Conversations"][:n]
    return [Conversation(id=f"musied-{k}", utterances=[
        {"speaker": "customer" if line.startswith("用户") else "agent", "start": 3.0 * i,
         "end": 3.0 * i + 2.5, "text": line.split(":", 1)[-1]} for i, line in enumerate(d["content"])])
        for k, d in enumerate(docs)]


def stc3(n: int) -> list[Conversation]:
    """STC3 customer–helpdesk dialogues, one utterance per posted message."""
    from training.data import load_stc3

    calls = []
    for d in load_stc3()[:n]:
        utts, t = [], 0.0
        for turn in d["turns"]:
            for text in turn["utterances"]:
                utts.append({"speaker": "customer" if turn["sender"] == "customer" else "agent",
                             "start": t, "end": t + 3.0, "text": text})
                t += 4.0
        calls.append(Conversation(id=f"stc3-{d['id']}", utterances=utts))
    return calls


def threat_calls() -> list[Conversation]:
    """The labelled threat call sets (every split)."""
    rows = [json.loads(line) for line in
            (ROOT / "eval" / "labels" / "complaint_threat_fresh.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [Conversation(id=r["id"], utterances=[
        {"speaker": "agent" if who == "A" else "customer", "start": 4.0 * i, "end": 4.0 * i + 3.0, "text": text}
        for i, (who, text) in enumerate(r["turns"])]) for r in rows]


def synthetic(n: int) -> list[Conversation]:
    from bench_text import generate

    return generate(n)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True, help="JSON lines written here (keep it out of git)")
    ap.add_argument("--batch", type=int, default=100)
    args = ap.parse_args()

    import qa_engine
    from qa_engine.analyzers._linear import _TEXT_CACHES
    from qa_engine.pipeline import Inspector

    print(f"qa_engine from {Path(qa_engine.__file__).parent}", file=sys.stderr)
    inspector = Inspector()
    sets = {"musied_phone": musied(339, None), "musied_40": musied(339, 40), "stc3": stc3(400),
            "threat_fresh": threat_calls(), "synthetic": synthetic(300)}
    with open(args.out, "w", encoding="utf-8") as fh:
        for name, convs in sets.items():
            for attempt in ("cold", "warm"):
                if attempt == "cold":
                    for cache in list(_TEXT_CACHES):
                        cache.clear()
                    for analyzer in inspector.analyzers.values():
                        for model in (getattr(analyzer, "model", None), getattr(analyzer, "sentiment", None)):
                            if hasattr(model, "clear_cache"):
                                model.clear_cache()
                digest = hashlib.sha256()
                for i in range(0, len(convs), args.batch):
                    for inspection in inspector.inspect_many(convs[i:i + args.batch]):
                        line = f"{name}\t{attempt}\t{inspection.model_dump_json(exclude={'inspected_at'})}\n"
                        digest.update(line.encode("utf-8"))
                        fh.write(line)
                print(f"{name:13s} {attempt}: {len(convs):5d} conversations sha256 {digest.hexdigest()[:16]}")


if __name__ == "__main__":
    main()
