"""Measured ASR character confusions in service phrases (eval only; issue 11, deliverable 6).

    python eval/asr_confusions.py --calls-16k DIR --calls-tel DIR [--clips-cache FILE]
    python eval/asr_confusions.py --text-check ../shared/data/complaint/musied/dev.json

Aligns what the recogniser wrote with the truth, character by character (edit distance
with back-trace, both sides in ``normalize_for_cer`` form), and counts substitutions and
deletions:

* the constructed calls of eval/calls.py from eval/asr_calls.py's transcript caches
  (``--cache`` there; 16 kHz and telephone, stereo and mono). Stereo channels are aligned
  per role; a mono call is aligned as one text in time order (its roles may be wrong).
  Agent lines are **espeak-ng synthesis**, customer turns are real clips;
* the real clips of ../shared/data/audio (eval/asr.py's set), through the shipped pipeline
  at 16 kHz and through the telephone simulation (300–3400 Hz, 8 kHz μ-law), cached in
  ``--clips-cache`` (transcribed when absent).

A truth character counts as *in a service phrase* when it lies inside an occurrence of a
phrase of a required rule or anchor of the default rulebook. Printed: every confusion of a
service-phrase character with its count, the recordings it came from, whether the voice
was synthetic, and the hypothesis syllable (a pinyin-tolerant phrase matches any character
of that syllable); then all confusions that recur (≥ ``--min-count``), service phrase or not.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def align(ref: str, hyp: str) -> list[tuple[str, str]]:
    """Edit-distance alignment as (ref char or '', hyp char or '') pairs; substitutions
    are preferred over an insertion + deletion at equal cost."""
    n, m = len(ref), len(hyp)
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        d[i][0] = i
    for j in range(m + 1):
        d[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (ref[i - 1] != hyp[j - 1]))
    out = []
    i, j = n, m
    while i or j:
        if i and j and d[i][j] == d[i - 1][j - 1] + (ref[i - 1] != hyp[j - 1]):
            out.append((ref[i - 1], hyp[j - 1]))
            i, j = i - 1, j - 1
        elif i and d[i][j] == d[i - 1][j] + 1:
            out.append((ref[i - 1], ""))
            i -= 1
        else:
            out.append(("", hyp[j - 1]))
            j -= 1
    return out[::-1]


def service_phrases() -> list[str]:
    """Normalised phrases of the default rulebook's required rules and anchors."""
    from qa_engine.rulebook import load_rulebook
    from qa_engine.text import normalize

    book = load_rulebook()
    phrases: set[str] = set()

    def add(cond) -> None:
        for p in cond.phrases:
            phrases.add(normalize(p))
            phrases.update(normalize(s) for s in book.synonyms.get(p, ()))

    for a in book.anchors.values():
        add(a)
    for rule in book.rules:
        if rule.kind != "required":
            continue
        for g in rule.groups or [rule]:
            add(g)
    return sorted((p for p in phrases if p), key=len, reverse=True)


def in_phrase_mask(text: str, phrases: list[str]) -> list[bool]:
    mask = [False] * len(text)
    for p in phrases:
        start = text.find(p)
        while start >= 0:
            for k in range(start, start + len(p)):
                mask[k] = True
            start = text.find(p, start + 1)
    return mask


def count(pairs_by_source, phrases):
    """(ref, hyp) → list of (source, synthetic, in_phrase) over every aligned pair that
    differs; ``synthetic`` is per truth character (a mono mix has both voices)."""
    found = defaultdict(list)
    for source, synthetic, ref, hyp in pairs_by_source:
        mask = in_phrase_mask(ref, phrases)
        k = 0
        for r, h in align(ref, hyp):
            if r:
                if r != h:
                    found[(r, h)].append((source, synthetic[k], mask[k]))
                k += 1
    return found


def call_texts(cache16: Path | None, cachetel: Path | None):
    """(source, synthetic, truth text, ASR text) per constructed call, kind and role."""
    import calls as builder
    from qa_engine.asr.hygiene import normalize_for_cer
    from qa_engine.conversation import Conversation

    out = []
    for call in builder.calls():
        turns = sorted(call.turns, key=lambda t: t.start)
        for cond, cache, suffix in (("16k", cache16, ""), ("tel", cachetel, "_tel")):
            if cache is None:
                continue
            for kind in ("stereo", "mono"):
                path = cache / f"{call.name}_{kind}{suffix}.json"
                if not path.exists():
                    print(f"missing {path}", file=sys.stderr)
                    continue
                conv = Conversation.model_validate_json(path.read_text(encoding="utf-8"))
                utts = sorted(conv.utterances, key=lambda u: u.start)
                src = f"{call.name}/{kind}/{cond}"
                if kind == "stereo":
                    for role in ("agent", "customer"):
                        ref = normalize_for_cer("".join(t.text for t in turns if t.role == role))
                        hyp = normalize_for_cer("".join(u.text for u in utts if u.speaker.value == role))
                        out.append((f"{src}/{role}", [role == "agent"] * len(ref), ref, hyp))
                else:
                    parts = [normalize_for_cer(t.text) for t in turns]
                    ref = "".join(parts)
                    synthetic = [t.role == "agent" for t, part in zip(turns, parts) for _ in part]
                    hyp = normalize_for_cer("".join(u.text for u in utts))
                    out.append((f"{src}/mixed", synthetic, ref, hyp))
    return out


def clip_texts(cache: Path):
    """(source, synthetic=False, reference, ASR text) per real clip, 16 kHz and telephone."""
    from qa_engine.asr.hygiene import normalize_for_cer

    if cache.exists():
        rows = json.loads(cache.read_text(encoding="utf-8"))
    else:
        import asr as bench  # eval/asr.py
        from qa_engine.asr.model import load_whisper
        from qa_engine.asr.options import AsrOptions

        options = AsrOptions()
        model, _ = load_whisper(None, "cpu", "int8", 2)
        rows = []
        for name, audio, ref in bench.load_clips():
            for cond, x in (("16k", audio), ("tel", bench.telephone(audio))):
                rows.append({"clip": name, "cond": cond, "ref": ref, "hyp": bench.run_pipeline(model, x, options)})
                print(f"  {name} {cond}: {rows[-1]['hyp']}", file=sys.stderr, flush=True)
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    out = []
    for r in rows:
        ref = normalize_for_cer(r["ref"])
        out.append((f"{r['clip']}/{r['cond']}", [False] * len(ref), ref, normalize_for_cer(r["hyp"])))
    return out


def text_check(source: Path, previous: dict[str, list[str]]) -> None:
    """Findings that change on typed / real-ASR text transcripts when the rulebook's
    ``asr_confusions`` replaces ``previous`` (a false hit would show here)."""
    from qa_engine.analyzers.keywords import KeywordAnalyzer
    from qa_engine.backtest import load_calls
    from qa_engine.errors import InputError
    from qa_engine.rulebook import load_rulebook

    book = load_rulebook()
    ids = [str(d["id"]) for d in json.loads(source.read_text(encoding="utf-8"))]
    convs = {}
    for doc_id in ids:
        try:
            convs.update(load_calls(source, "musied", [doc_id]))
        except InputError:  # a call whose lines carry no agent / customer prefix
            pass
    new, old = KeywordAnalyzer(book), KeywordAnalyzer(book.model_copy(update={"asr_confusions": previous}))
    changed = 0
    for doc_id, conv in convs.items():
        a, b = old.analyze(conv).items, new.analyze(conv).items
        for k, f in b.items():
            if (a[k].value, a[k].needs_review) != (f.value, f.needs_review):
                changed += 1
                print(f"  {doc_id} {k}: {a[k].value} → {f.value} ({f.detail.get('match_mode')})")
    print(f"{len(convs)} of {len(ids)} calls loaded; asr_confusions {previous} → {book.asr_confusions}: "
          f"{changed} finding(s) changed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls-16k", type=Path, help="eval/asr_calls.py --cache directory (16 kHz)")
    parser.add_argument("--calls-tel", type=Path, help="eval/asr_calls.py --telephone --cache directory")
    parser.add_argument("--clips-cache", type=Path, default=Path("/tmp/asr_confusions_clips.json"),
                        help="real clips' transcripts (written when absent)")
    parser.add_argument("--min-count", type=int, default=3, help="a confusion recurs at this count")
    parser.add_argument("--text-check", type=Path, help="MUSIED calls (JSON): findings that change against "
                        "the previous table, 您 → 你 only")
    args = parser.parse_args()
    sys.path[:0] = [str(HERE), str(HERE.parent)]  # eval/calls.py, eval/asr.py; this checkout's qa_engine
    if args.text_check:
        text_check(args.text_check, {"您": ["你"]})
        return
    from qa_engine.text import syllables

    phrases = service_phrases()
    texts = call_texts(args.calls_16k, args.calls_tel) + clip_texts(args.clips_cache)
    found = count(texts, phrases)

    def label(r: str, h: str) -> str:
        return f"{r}→{h or '∅'}" + (f" ({syllables(r)[0]}→{syllables(h)[0]})" if h else "")

    def where(hits) -> str:
        by = Counter(s.split("/")[0] + "/" + s.split("/")[-2 if s.count("/") == 3 else -1]
                     + ("/synthetic" if syn else "/real") for s, syn, _ in hits)
        return ", ".join(f"{k}×{v}" if v > 1 else k for k, v in sorted(by.items()))

    print(f"aligned {len(texts)} texts ({sum(len(t[2]) for t in texts)} truth characters); "
          f"{len(phrases)} service phrases")
    print("\nConfusions inside service phrases (truth → ASR; count; synthetic / real voices; where):")
    rows = []
    for (r, h), hits in found.items():
        inside = [x for x in hits if x[2]]
        if inside:
            syn = sum(1 for x in inside if x[1])
            rows.append((len(inside), r, h, syn, len(inside) - syn, inside))
    for n, r, h, syn, real, inside in sorted(rows, key=lambda x: (-x[0], x[1], x[2])):
        print(f"  {label(r, h):24} {n:3}  synthetic {syn:3} real {real:3}  {where(inside)}")
    print("\nBy truth character and hypothesis syllable (what a pinyin-tolerant phrase sees):")
    by_syl: dict[str, Counter] = defaultdict(Counter)
    for n, r, h, *_ in rows:
        by_syl[r][syllables(h)[0] if h else "∅"] += n
    for r, c in sorted(by_syl.items(), key=lambda x: -sum(x[1].values())):
        total = sum(c.values())
        if total >= args.min_count:
            print(f"  {r} ({syllables(r)[0]}): " + ", ".join(f"{s} {k}" for s, k in c.most_common()))
    print("\nRate per condition (truth occurrences of the character → share written otherwise, "
          "synthetic agent / real voices):")
    seen: Counter = Counter()
    for source, synthetic, ref, _ in texts:
        cond = "tel" if "/tel" in source else "16k"
        for ch, syn in zip(ref, synthetic):
            seen[(ch, cond, syn)] += 1
    for r in [r for r, c in sorted(by_syl.items(), key=lambda x: -sum(x[1].values()))
              if sum(c.values()) >= args.min_count][:6]:
        cells = []
        for cond in ("16k", "tel"):
            for syn in (True, False):
                n = seen[(r, cond, syn)]
                bad = sum(1 for (rr, _), hits in found.items() if rr == r
                          for s, y, _ in hits if y == syn and (("/tel" in s) == (cond == "tel")))
                cells.append(f"{cond} {'synthetic' if syn else 'real'} {bad}/{n}")
        print(f"  {r}: " + ", ".join(cells))
    print(f"\nAll recurring confusions (≥ {args.min_count}), service phrase or not:")
    for (r, h), hits in sorted(found.items(), key=lambda x: -len(x[1])):
        if len(hits) >= args.min_count and h:
            syn = sum(1 for x in hits if x[1])
            print(f"  {label(r, h):24} {len(hits):3}  synthetic {syn:3} real {len(hits) - syn:3}")


if __name__ == "__main__":
    main()
