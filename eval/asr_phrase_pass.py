"""Decoding biased toward the rulebook's service phrases, line by line, on constructed calls.

    python eval/asr_phrase_pass.py                       # first set, telephone, every variant (≈ 6 min)
    python eval/asr_phrase_pass.py --set fresh --variants main,pass0

For every call of eval/calls.py, each channel (agent, customer) is cut by the shipped VAD and
decoded by the shipped packed path, then cleaned by the shipped guards (``judge_segment``), once
per variant:

- ``main``: ``AsrOptions()`` as shipped;
- ``beam10``: beam 10; ``neutral``: the prompt 以下是普通话的句子。;
- ``hotwords``: the rulebook's phrases (two per required rule and group) as hotwords on every
  window of both channels; ``hotwords-noid``: the same without verify_identity's
  (``phrase_pass.rulebook_hotwords`` as shipped, the ``telephone_hotwords`` candidate);
- ``passM``: the second pass of ``qa_engine.asr.phrase_pass`` on the agent channel only, with
  margin M (doubtful lines re-decoded with the phrases, kept when the unprompted model prefers
  them by more than M); ``passallM``: every agent line retried.

Printed per variant: agent CER against the script; required-rule phrases (every phrase of every
required rule, as substrings) found where the script has them, occurrences beyond the script's
count, and **invented** ones (a phrase in a channel of a call whose script does not have it at
all; on the customer channel every phrase is invented: the customers read unrelated sentences);
CPU seconds. Counts are over exact substrings of the Simplified text, so a phrase the rulebook's
pinyin tolerance would still match is not counted as found: a measure of the words, not of the
score (``eval/asr_calls.py`` gives the score).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def required_phrases(rulebook) -> list[str]:
    """Every phrase of every required rule and of its groups (lexicons expanded), no repeats."""
    out: list[str] = []
    for rule in rulebook.rules:
        if rule.kind == "required":
            for phrases in [rule.phrases, *[g.phrases for g in (rule.groups or [])]]:
                out += [p for p in (phrases or []) if p not in out]
    return out


def phrase_counts(truth: str, heard: str, phrases: list[str]) -> tuple[int, int, int, list[str]]:
    """(found, in the truth, beyond the truth's count, invented: phrases heard that the truth
    never has). Substrings of the comparison form (``normalize_for_cer``); a phrase inside a
    longer listed phrase counts on its own too (有什么可以帮您 in 请问有什么可以帮您)."""
    from qa_engine.asr.hygiene import normalize_for_cer

    t, h = normalize_for_cer(truth), normalize_for_cer(heard)
    found = total = beyond = 0
    invented: list[str] = []
    for p in phrases:
        q = normalize_for_cer(p)
        n_t, n_h = t.count(q), h.count(q)
        found, total, beyond = found + min(n_t, n_h), total + n_t, beyond + max(0, n_h - n_t)
        if n_h and not n_t:
            invented.append(p)
    return found, total, beyond, invented


def decode_channel(model, audio, options, retry: bool) -> tuple[str, list]:
    """One channel through the shipped VAD, packed decoding, optional second pass and guards."""
    from qa_engine.asr.hygiene import judge_segment
    from qa_engine.asr.packed import decode_packed
    from qa_engine.asr.phrase_pass import phrase_pass
    from qa_engine.asr.transcribe import speech_regions

    regions = speech_regions(audio, options)
    heard = list(decode_packed(model, [audio], [regions], options))
    decisions = []
    if retry:
        heard, decisions = phrase_pass(model, [audio], [regions], heard, options, {0})
    texts = []
    for h in heard:
        verdict = judge_segment(h.text, avg_logprob=h.avg_logprob, no_speech_prob=h.no_speech_prob,
                                compression=None, options=options, seconds=h.end - h.start)
        texts.append("" if verdict.drop_reason else verdict.text)
    return "".join(texts), decisions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=("first", "fresh"), default="first")
    parser.add_argument("--pcm", action="store_true", help="16 kHz PCM instead of the telephone simulation")
    parser.add_argument("--variants", default="main,beam10,neutral,hotwords,pass0,pass0.3")
    parser.add_argument("--show", action="store_true", help="print each channel's text per variant")
    args = parser.parse_args()
    import calls as builder
    import numpy as np

    from asr import edit_distance
    from qa_engine.asr import AsrOptions
    from qa_engine.asr.hygiene import normalize_for_cer
    from qa_engine.asr.model import load_whisper
    from qa_engine.asr.phrase_pass import rulebook_hotwords
    from qa_engine.rulebook import load_rulebook

    rulebook = load_rulebook()
    hot = rulebook_hotwords(rulebook)
    phrases = required_phrases(rulebook)
    base = AsrOptions().resolved()
    model, _ = load_whisper(None, base.device, base.compute_type, base.cpu_threads)
    variants = {"main": (base, False), "beam10": (replace(base, beam_size=10), False),
                "neutral": (replace(base, initial_prompt="以下是普通话的句子。"), False),
                "hotwords": (replace(base, hotwords=rulebook_hotwords(rulebook, skip=())), False),
                "hotwords-noid": (replace(base, hotwords=hot), False)}
    for name in args.variants.split(","):
        if name.startswith("pass"):  # passM: doubtful lines; passallM: every agent line
            every = name.startswith("passall")
            variants[name] = (replace(base, phrase_pass_hotwords=hot, phrase_pass_margin=float(name[7 if every else 4:]),
                                      phrase_pass_below=1.01 if every else base.phrase_pass_below), True)
    chosen = args.variants.split(",")
    print(f"hotwords ({len(hot)}): {'，'.join(hot)}")
    totals = {v: {"err": 0, "ref": 0, "found": 0, "true": 0, "beyond": 0, "invented": [], "cust": [],
                  "kept": 0, "tried": 0, "cpu": 0.0} for v in chosen}
    calls = builder.fresh_calls() if args.set == "fresh" else builder.calls()
    for call in calls:
        for role in ("agent", "customer"):
            audio = getattr(call, role)
            audio = audio if args.pcm else builder.telephone(audio).astype(np.float32)
            truth = "".join(t.text for t in sorted(call.turns, key=lambda t: t.start) if t.role == role)
            for v in chosen:
                options, retry = variants[v]
                started = time.process_time()
                text, decisions = decode_channel(model, audio, options, retry and role == "agent")
                tot = totals[v]
                tot["cpu"] += time.process_time() - started
                found, true, beyond, invented = phrase_counts(truth, text, phrases)
                if role == "agent":
                    r = normalize_for_cer(truth)
                    tot["err"] += edit_distance(r, normalize_for_cer(text))
                    tot["ref"] += len(r)
                    tot["found"] += found
                    tot["true"] += true
                    tot["beyond"] += beyond
                    tot["invented"] += [f"{call.name}:{p}" for p in invented]
                else:
                    tot["cust"] += [f"{call.name}:{p}" for p in invented]
                tot["tried"] += len(decisions)
                tot["kept"] += sum(d.kept for d in decisions)
                for d in decisions:
                    if d.kept:
                        print(f"  {v} {call.name} KEPT {d.start:.2f}-{d.end:.2f}: {d.first} ({d.first_logprob:.2f}) → "
                              f"{d.proposal} ({d.proposal_logprob:.2f})", flush=True)
                if args.show:
                    print(f"{call.name} {role[:4]} {v:8} {normalize_for_cer(text)}", flush=True)
    print(f"\n{args.set} set, {'16 kHz PCM' if args.pcm else 'telephone'}; {len(phrases)} required-rule phrases")
    for v, t in totals.items():
        print(f"{v:9} agent CER {t['err'] / max(1, t['ref']):6.1%}  phrases found {t['found']}/{t['true']}  "
              f"beyond the script {t['beyond']}  invented (agent) {len(t['invented'])} {' '.join(t['invented'])}  "
              f"invented (customer) {len(t['cust'])} {' '.join(t['cust'])}  second pass kept {t['kept']}/{t['tried']}  "
              f"CPU {t['cpu']:.0f} s", flush=True)


if __name__ == "__main__":
    main()
