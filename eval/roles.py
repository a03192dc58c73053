"""Mono role assignment: role accuracy, turn-boundary error and one-voice detection (eval only).

    python eval/roles.py                    # ≈ 3 min on 2 cores
    python eval/roles.py --voices-only      # only the one-voice / two-voice table (no ASR, ≈ 30 s)
    python eval/roles.py --telephone        # every recording through the telephone simulation first
    python eval/roles.py --repo DIR         # the same with the qa_engine of another checkout

Calls: the constructed calls of eval/calls.py (espeak-ng agent, real customer clips; gaps
between turns 0.2–1.2 s, a third of them under 0.5 s), summed to one 16 kHz channel.

One voice or two (``qa_engine.asr.diarize``'s voice test, which decides before any
decoding): **dev** (the threshold was set on these) = the synthetic agent alone at five
pitches (one voice) and the six constructed calls (two voices and more); **test** (never
used to set anything) = real single-speaker clips (one voice) and real two-speaker mono
mixes, the speech pieces of two clips by different speakers alternating with 0.3–0.8 s
gaps (two voices). Reported: single-voice recordings detected, two-voice recordings
wrongly called one voice, and the measure per recording.

Reported per call: role accuracy (share of true speech time under an utterance of the
right role; precision: of the true speech under utterances, the share under the right
role), utterances that span a true turn change (merged turns), and the turn-boundary
error: for each true speaker change, the distance to the nearest predicted one (missed if
none within 1 s).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent


def boundaries(conv) -> list[float]:
    utts = conv.utterances
    return [b.start for a, b in zip(utts, utts[1:], strict=False) if a.speaker != b.speaker]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, default=HERE.parent)
    parser.add_argument("--voices-only", action="store_true", help="only the one-voice / two-voice table")
    parser.add_argument("--telephone", action="store_true", help="telephone simulation (8 kHz μ-law) first")
    args = parser.parse_args()
    sys.path.insert(0, str(args.repo.resolve()))
    sys.path.insert(0, str(HERE))
    import calls as builder
    import qa_engine
    from qa_engine.asr.decode import SAMPLE_RATE, DecodedAudio
    from qa_engine.asr.options import AsrOptions
    from qa_engine.asr.transcribe import transcribe_audio

    print(f"qa_engine from {Path(qa_engine.__file__).parent}")
    if args.voices_only:
        voice_table(builder, args.telephone)
        return

    def run(samples):
        decoded = DecodedAudio(path=Path("constructed.wav"), channels=[samples.astype(np.float32)],
                               source_sample_rate=SAMPLE_RATE, source_channels=1, codec="pcm_s16le",
                               declared_duration_s=None)
        return transcribe_audio(decoded, AsrOptions())

    right = total = same = cov = 0.0
    errors, missed, changes, merged, n_utts = [], 0, 0, 0, 0
    for call in builder.calls():
        conv = run(builder.telephone(call.mono()) if args.telephone else call.mono())
        c_right = c_total = 0.0
        for t in call.turns:
            c_total += t.end - t.start
            for u in conv.utterances:
                if u.speaker.value == t.role:
                    c_right += max(0.0, min(u.end, t.end) - max(u.start, t.start))
        right, total = right + c_right, total + c_total
        # Precision: of the true speech that utterances cover, the share covered with the right role.
        c_same = c_cov = 0.0
        for u in conv.utterances:
            for t in call.turns:
                o = max(0.0, min(u.end, t.end) - max(u.start, t.start))
                c_cov += o
                c_same += o if u.speaker.value == t.role else 0.0
        same, cov = same + c_same, cov + c_cov
        truth_changes = [b.start for a, b in zip(call.turns, call.turns[1:], strict=False) if a.role != b.role]
        predicted = boundaries(conv)
        c_err = []
        for t in truth_changes:
            near = min((abs(p - t) for p in predicted), default=None)
            if near is None or near > 1.0:
                missed += 1
            else:
                c_err.append(near)
        errors += c_err
        changes += len(truth_changes)
        spans = sum(1 for u in conv.utterances
                    if sum(1 for t in call.turns if min(u.end, t.end) - max(u.start, t.start) > 0.3) > 1
                    and len({t.role for t in call.turns if min(u.end, t.end) - max(u.start, t.start) > 0.3}) > 1)
        merged += spans
        n_utts += len(conv.utterances)
        detail = conv.attributes["asr"]["role_detail"]
        print(f"{call.name:18} role accuracy {c_right / c_total:6.1%} (precision {c_same / max(c_cov, 1e-9):6.1%})  "
              f"turn changes found "
              f"{len(c_err)}/{len(truth_changes)} (mean error {np.mean(c_err) if c_err else float('nan'):.2f} s)  "
              f"utterances spanning a turn change {spans}/{len(conv.utterances)}  "
              f"naming: {detail.get('naming')}  voice test: {detail.get('voice_test')}", flush=True)
    print(f"\noverall: role accuracy {right / total:.1%} of true speech time (precision {same / cov:.1%} of the "
          f"true speech under utterances); turn changes found "
          f"{changes - missed}/{changes}, mean boundary error {np.mean(errors):.2f} s; "
          f"{merged}/{n_utts} utterances span a turn change")

    voice_table(builder, args.telephone)


def voice_table(builder, telephone: bool) -> None:
    """One-voice detection on dev (synthetic) and test (real) recordings; see the docstring."""
    from qa_engine.asr.diarize import voice_regions
    from qa_engine.asr.options import AsrOptions

    sr = builder.SR
    rng = np.random.default_rng(11)
    pause = np.zeros(int(0.6 * sr), np.float32)

    def pieces(x):
        regions, _ = voice_regions(x, AsrOptions())
        return [x[int(r["start"] * sr):int(r["end"] * sr)] for r in regions]

    def alternate(a, b):
        pa, pb, out = pieces(a), pieces(b), [np.zeros(sr // 2, np.float32)]
        for k in range(max(len(pa), len(pb))):
            for ps in (pa, pb):
                if k < len(ps):
                    out += [ps[k], np.zeros(int(rng.uniform(0.3, 0.8) * sr), np.float32)]
        return np.concatenate(out)

    A, M, W = "asr_funasr_examples/", "asr_misc_zh_clips/", "asr_wenet_examples/"
    lines = (builder.OPEN, builder.CONFIRM, builder.ANSWER, builder.OFFER, builder.BYE)
    sets = {
        ("dev", 1): {f"espeak agent alone, pitch {p}": np.concatenate(
            [np.zeros(sr // 2, np.float32)] + [np.concatenate([builder.tts(t, p), pause]) for t in lines])
            for p in (40, 50, 60, 70, 80)},
        ("dev", 2): {f"constructed call {c.name}": c.mono() for c in builder.calls()},
        ("test", 1): {f"real {name}": np.concatenate([np.zeros(sr // 2, np.float32), builder.clip(A + name + ".wav")])
                      for name in ("onnxruntime_long", "paraformer_example_1", "paraformer_example_2",
                                   "paraformer_example_3")},
        ("test", 2): {f"real mix {x.split('/')[1][:-4]} + {y.split('/')[1][:-4]}": alternate(builder.clip(x),
                                                                                             builder.clip(y))
                      for x, y in [(A + "onnxruntime_long.wav", A + "paraformer_example_1.wav"),
                                   (M + "cosyvoice_zero_shot_prompt.wav", M + "paddlespeech_zh.wav"),
                                   (A + "paraformer_example_0.wav", W + "aishell-BAC009S0724W0121.wav"),
                                   (W + "nst_ID001.wav", A + "llamacpp_sample.wav"),
                                   (A + "paraformer_example_2.wav", W + "nst_ID002.wav"),
                                   (A + "onnxruntime_long.wav", M + "cosyvoice_zero_shot_prompt.wav")]},
    }
    print(f"\none voice or two ({'telephone simulation' if telephone else '16 kHz'}):")
    for (split, voices), recordings in sets.items():
        called_one = 0
        for name, samples in recordings.items():
            x = builder.telephone(samples).astype(np.float32) if telephone else samples.astype(np.float32)
            _, report = voice_regions(x, AsrOptions())
            one = report.get("clusters") == 1
            called_one += one
            print(f"  {split:4} {voices} voice(s)  {name:52} called {'one' if one else 'two'}  "
                  f"{report.get('voice_test')}", flush=True)
        what = "single-voice recordings detected" if voices == 1 else "two-voice recordings called one voice"
        print(f"  {split}: {what}: {called_one}/{len(recordings)}")


if __name__ == "__main__":
    main()
