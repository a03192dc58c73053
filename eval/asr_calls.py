"""Constructed calls scored from the recording vs from their true transcript (eval only).

    python eval/asr_calls.py                 # 6 calls × (stereo, mono), ≈ 5 min on 2 cores
    python eval/asr_calls.py --repo DIR      # the same with the qa_engine of another checkout
    python eval/asr_calls.py --set fresh     # the second, pre-registered set (8 calls, eval/calls.py fresh_calls)
    python eval/asr_calls.py --set third     # the third, pre-registered set (8 calls, eval/calls.py third_calls)

Calls come from eval/calls.py (espeak-ng agent, real customer clips, known times). Each is
written as a 16 kHz PCM WAV (``--telephone``: 8 kHz μ-law after the telephone simulation),
stereo (agent left) and mono, transcribed by
``qa_engine.asr.transcribe_file`` with default options, and inspected with the default
scorecard; the truth transcript (true texts and speech times) is inspected the same way.
Printed: score from audio vs truth per call, every item whose value differs, overtalk and
agent speech rate (stereo) against the truth, and mono role accuracy (share of true speech
time under an utterance of the right role).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, default=HERE.parent, help="checkout whose qa_engine to use")
    parser.add_argument("--set", choices=("first", "fresh", "third", "fourth"), default="first",
                        help="first: the six calls of calls.calls(); fresh: the eight of calls.fresh_calls() "
                             "(other scripts, voices and customer orderings, pre-registered); third: the eight of "
                             "calls.third_calls() (customers who say what the agent restates, in a second espeak "
                             "voice, one real clip per call; pre-registered, eval/asr_similarity_rule.md); fourth: "
                             "eight more in the third set's way, written after rulebook 2026.12.05 to measure it")
    parser.add_argument("--only", default="", help="comma-separated call names (default: all)")
    parser.add_argument("--telephone", action="store_true",
                        help="8 kHz μ-law after the telephone simulation (default: 16 kHz PCM; the espeak agent "
                             "voice is mostly unintelligible to Whisper base through the telephone band)")
    parser.add_argument("--no-review", action="store_true",
                        help="rulebook with low_confidence = 0 and no review flags, so no item is sent to "
                             "review for ASR confidence: isolates text, time and role errors")
    parser.add_argument("--similarity", type=float, default=None,
                        help="override the rulebook's low_confidence_similarity (a miss excused only by a "
                             "doubtful line that sounds like the phrase; 0 = any doubtful line, the old rule)")
    parser.add_argument("--cache", type=Path, default=None,
                        help="directory of transcripts (one JSON per call and kind): read when present, "
                             "written when not, so scoring changes can be re-measured without the ASR; "
                             "clear it after any change under qa_engine/asr")
    parser.add_argument("--phrase-pass", type=float, default=None, metavar="MARGIN",
                        help="transcribe with the second pass of qa_engine.asr.phrase_pass on (doubtful agent lines "
                             "re-decoded with the rulebook's phrases as hotwords, kept when the unprompted model "
                             "prefers them by more than MARGIN); use a cache of its own")
    parser.add_argument("--hotwords", action="store_true",
                        help="transcribe with the rulebook's phrases as telephone_hotwords (hotwords on "
                             "telephone-rate recordings only; qa_engine.asr.phrase_pass.rulebook_hotwords); "
                             "use a cache of its own")
    parser.add_argument("--phrase-below", type=float, default=0.6, help="with --phrase-pass: the doubt bar")
    args = parser.parse_args()
    sys.path.insert(0, str(args.repo.resolve()))
    sys.path.insert(0, str(HERE))
    import calls as builder
    import qa_engine
    from qa_engine.analyzers.acoustics import AcousticsAnalyzer
    from qa_engine.asr import AsrOptions, transcribe_file
    from qa_engine.pipeline import Inspector

    print(f"qa_engine from {Path(qa_engine.__file__).parent}")
    rulebook = None
    if args.no_review:
        from qa_engine.rulebook import load_rulebook

        rulebook = load_rulebook().model_copy(update={"low_confidence": 0.0, "review_flags": []})
    if args.similarity is not None:
        from qa_engine.rulebook import load_rulebook

        rulebook = (rulebook or load_rulebook()).model_copy(update={"low_confidence_similarity": args.similarity})
    inspector = Inspector(rulebook=rulebook)
    asr_options = AsrOptions()
    if args.hotwords:
        from qa_engine.asr.phrase_pass import rulebook_hotwords
        from qa_engine.rulebook import load_rulebook

        asr_options = AsrOptions(telephone_hotwords=rulebook_hotwords(load_rulebook()))
        print(f"telephone hotwords: {'，'.join(asr_options.telephone_hotwords)}")
    if args.phrase_pass is not None:
        from qa_engine.asr.phrase_pass import rulebook_hotwords
        from qa_engine.rulebook import load_rulebook

        asr_options = AsrOptions(phrase_pass_hotwords=rulebook_hotwords(load_rulebook()),
                                 phrase_pass_margin=args.phrase_pass, phrase_pass_below=args.phrase_below,
                                 phrase_pass_max_rate=8000)
        print(f"second pass: margin {args.phrase_pass}, below {args.phrase_below}, hotwords "
              f"{'，'.join(asr_options.phrase_pass_hotwords)}")
    acoustics = AcousticsAnalyzer()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        sets = {"first": builder.calls, "fresh": builder.fresh_calls, "third": builder.third_calls,
                "fourth": builder.fourth_calls}
        for call in sets[args.set]():
            if args.only and call.name not in args.only.split(","):
                continue
            truth = call.truth()
            t_insp = inspector.inspect(truth)
            t_ac = acoustics.analyze(truth).items
            agent, customer = call.agent, call.customer
            if args.telephone:
                agent, customer = builder.telephone(agent), builder.telephone(customer)
            write = builder.write_ulaw if args.telephone else builder.write_pcm16
            for kind in ("stereo", "mono"):
                chans = [agent, customer] if kind == "stereo" else [agent + customer]
                conv = _cached(args.cache, f"{call.name}_{kind}{'_tel' if args.telephone else ''}",
                               lambda: transcribe_file(write(Path(tmp) / f"{call.name}_{kind}.wav", chans),
                                                       asr_options))
                insp = inspector.inspect(conv)
                for d in conv.attributes.get("asr", {}).get("phrase_pass", []):
                    print(f"    second pass {'KEPT' if d['kept'] else 'kept first'} {d['start']}-{d['end']} s "
                          f"ch {d['channel']}: {d['first']} ({d['first_logprob']}) → {d['proposal']} "
                          f"({d['proposal_logprob']})")
                oracle = inspector.inspect(with_true_text(conv, call))
                ac = acoustics.analyze(conv).items
                diff = [f"{a.id} {_v(a.value)}/{_v(b.value)}{_blame(insp, t_insp, oracle, k)}"
                        for k, (a, b) in enumerate(zip(insp.items, t_insp.items, strict=True))
                        if a.value != b.value and a.weight > 0]
                o_diff = [f"{a.id} {_v(a.value)}/{_v(b.value)}"
                          for a, b in zip(oracle.items, t_insp.items, strict=True)
                          if a.value != b.value and a.weight > 0]
                row = {"call": call.name, "kind": kind, "audio": insp.score, "truth": t_insp.score,
                       "oracle": oracle.score, "oracle_diff": o_diff,
                       "coverage": getattr(insp, "coverage", None), "review": list(insp.needs_review),
                       "review_items": [a.id for a in insp.items if a.needs_review and a.weight > 0],
                       "diff": diff, "utts": len(conv.utterances), "true_utts": len(truth.utterances)}
                if kind == "stereo":
                    row["overlap"] = (ac["overtalk"].detail.get("overlap_s"), t_ac["overtalk"].detail.get("overlap_s"))
                    row["interruptions"] = (ac["overtalk"].detail.get("agent_interruptions"),
                                            t_ac["overtalk"].detail.get("agent_interruptions"))
                    row["overtalk"] = (ac["overtalk"].value, t_ac["overtalk"].value)
                    row["cpm"] = (ac["speech_rate"].detail["agent"]["cpm"], t_ac["speech_rate"].detail["agent"]["cpm"])
                    row["agent_s"] = (ac["talk_ratio"].detail["agent_talk_s"],
                                      t_ac["talk_ratio"].detail["agent_talk_s"])
                    row["rate_s"] = ac["speech_rate"].detail["agent"]["seconds"]
                else:
                    row["roles"] = role_accuracy(conv, call)
                rows.append(row)
                print(_line(row), flush=True)
    print()
    for kind in ("stereo", "mono"):
        gaps = [abs(r["audio"] - r["truth"]) for r in rows if r["kind"] == kind and r["audio"] is not None]
        withheld = sum(1 for r in rows if r["kind"] == kind and r["audio"] is None)
        if gaps:
            print(f"{kind}: |audio − truth| mean {sum(gaps) / len(gaps):.1f}, max {max(gaps):.1f} points "
                  f"over {len(gaps)} calls; {withheld} withheld")
        gaps = [abs(r["oracle"] - r["truth"]) for r in rows if r["kind"] == kind and r["oracle"] is not None]
        if gaps:
            print(f"{kind}: |true text on our times and roles − truth| mean {sum(gaps) / len(gaps):.1f}, "
                  f"max {max(gaps):.1f} points (what is left when the recogniser's words are replaced by the "
                  "true ones)")
        sent = [r for r in rows if r["kind"] == kind]
        if sent:
            print(f"{kind}: calls with an item sent to review {sum(bool(r['review_items']) for r in sent)}/{len(sent)} "
                  f"(items per call: {', '.join(str(len(r['review_items'])) for r in sent)})")
    st = [r for r in rows if r["kind"] == "stereo"]
    if st:
        print("stereo overtalk value equal to truth ±0.1: "
              f"{sum(abs(r['overtalk'][0] - r['overtalk'][1]) <= 0.1 for r in st)}/{len(st)}; agent cpm within ±10 %: "
              f"{sum(r['cpm'][0] is not None and abs(r['cpm'][0] / r['cpm'][1] - 1) <= 0.1 for r in st)}/{len(st)}")


def _cached(cache: Path | None, key: str, transcribe):
    """The transcript under ``cache/key.json`` if there, else ``transcribe()`` (saved there)."""
    from qa_engine.conversation import Conversation

    if cache is None:
        return transcribe()
    path = cache / f"{key}.json"
    if path.exists():
        return Conversation.model_validate_json(path.read_text(encoding="utf-8"))
    conv = transcribe()
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text(conv.model_dump_json(), encoding="utf-8")
    return conv


def with_true_text(conv, call):
    """The transcript with our utterances (times, roles, segmentation) but the true words:
    each true turn's characters are shared out, in order, among the utterances that overlap
    it, in proportion to the overlap; no confidence, no flags. Scoring it isolates our
    stages from the recogniser's errors (score truth − this = ours; this − audio = the model's)."""
    from qa_engine.conversation import Utterance

    texts = [""] * len(conv.utterances)
    for t in sorted(call.turns, key=lambda t: t.start):
        over = [(i, min(u.end, t.end) - max(u.start, t.start)) for i, u in enumerate(conv.utterances)]
        over = [(i, o) for i, o in over if o > 0]
        total = sum(o for _, o in over)
        taken = 0
        for k, (i, o) in enumerate(sorted(over, key=lambda p: conv.utterances[p[0]].start)):
            n = len(t.text) - taken if k == len(over) - 1 else round(len(t.text) * o / total)
            texts[i] += t.text[taken:taken + n]
            taken += n
    utts = [Utterance(speaker=u.speaker, start=u.start, end=u.end, text=text)
            for u, text in zip(conv.utterances, texts, strict=True) if text]
    return conv.model_copy(update={"utterances": utts})


def role_accuracy(conv, call) -> float:
    """Share of true speech time covered by an utterance of the right role."""
    right = total = 0.0
    for t in call.turns:
        total += t.end - t.start
        for u in conv.utterances:
            if u.speaker.value == t.role:
                right += max(0.0, min(u.end, t.end) - max(u.start, t.start))
    return round(right / total, 3) if total else 0.0


def _blame(insp, truth, oracle, k: int) -> str:
    """`` [±p ours|asr]`` for item ``k``: the points the audio score would move by if this item
    alone had the truth's value (N/A included), and whose the difference is: "ours" when the
    true words on our utterances (the true-text column) differ from the truth there too,
    "asr" when only the recogniser's words (or what the review policy does with their
    confidence) make it differ."""
    def score(items) -> float | None:
        scored = [(i.weight, i.value) for i in items if i.value is not None and i.weight > 0]
        total = sum(w for w, _ in scored)
        return 100.0 * sum(w * v for w, v in scored) / total if total else None

    fixed = [truth.items[k] if j == k else it for j, it in enumerate(insp.items)]
    before, after = score(insp.items), score(fixed)
    moved = "" if before is None or after is None else f"{after - before:+.1f} "
    whose = "ours" if oracle.items[k].value != truth.items[k].value else "asr"
    return f" [{moved}{whose}]"


def _v(x) -> str:
    return "NA" if x is None else f"{x:.2g}"


def _line(r: dict) -> str:
    a = "None" if r["audio"] is None else f"{r['audio']:.1f}"
    t = "None" if r["truth"] is None else f"{r['truth']:.1f}"
    extra = ""
    if r["kind"] == "stereo":
        extra = (f" overlap {r['overlap'][0]}/{r['overlap'][1]} s, interruptions {r['interruptions'][0]}/"
                 f"{r['interruptions'][1]}, agent cpm {r['cpm'][0]}/{r['cpm'][1]} (talk {r['agent_s'][0]}/"
                 f"{r['agent_s'][1]} s; rate over {r['rate_s']} s)")
    else:
        extra = f" role accuracy {r['roles']:.1%}"
    o = "None" if r["oracle"] is None else f"{r['oracle']:.1f}"
    return (f"{r['call']:18} {r['kind']:6} score audio {a:>5} truth {t:>5} true-text {o:>5} coverage {r['coverage']} "
            f"utts {r['utts']}/{r['true_utts']}{extra}\n    differs (audio/truth): {', '.join(r['diff']) or '-'}"
            f"{'  review: ' + ', '.join(r['review']) if r['review'] else ''}"
            f"\n    true text on our times/roles differs: {', '.join(r['oracle_diff']) or '-'}")


if __name__ == "__main__":
    main()
