"""Mono role assignment: role accuracy, turn-boundary error and one-voice detection (eval only).

    python eval/roles.py                    # ≈ 3 min on 2 cores
    python eval/roles.py --repo DIR         # the same with the qa_engine of another checkout

Calls: the constructed calls of eval/calls.py (espeak-ng agent, real customer clips; gaps
between turns 0.2–1.2 s, a third of them under 0.5 s), summed to one 16 kHz channel; plus
single-voice recordings (two real monologues and the synthetic agent alone), where the
right answer is one voice.

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
    args = parser.parse_args()
    sys.path.insert(0, str(args.repo.resolve()))
    sys.path.insert(0, str(HERE))
    import calls as builder
    import qa_engine
    from qa_engine.asr.decode import SAMPLE_RATE, DecodedAudio
    from qa_engine.asr.options import AsrOptions
    from qa_engine.asr.transcribe import transcribe_audio

    print(f"qa_engine from {Path(qa_engine.__file__).parent}")

    def run(samples):
        decoded = DecodedAudio(path=Path("constructed.wav"), channels=[samples.astype(np.float32)],
                               source_sample_rate=SAMPLE_RATE, source_channels=1, codec="pcm_s16le",
                               declared_duration_s=None)
        return transcribe_audio(decoded, AsrOptions())

    right = total = same = cov = 0.0
    errors, missed, changes, merged, n_utts = [], 0, 0, 0, 0
    for call in builder.calls():
        conv = run(call.mono())
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

    singles = {
        "onnxruntime_long (real, 25 s)": builder.clip("asr_funasr_examples/onnxruntime_long.wav"),
        "paraformer_example_1 (real, 13 s)": builder.clip("asr_funasr_examples/paraformer_example_1.wav"),
        "espeak agent alone (synthetic)": np.concatenate(
            [np.concatenate([builder.tts(t), np.zeros(int(0.6 * SAMPLE_RATE), np.float32)])
             for t in (builder.OPEN, builder.CONFIRM, builder.ANSWER, builder.OFFER, builder.BYE)]),
    }
    right_single = 0
    for name, samples in singles.items():
        conv = run(np.concatenate([np.zeros(8000, np.float32), samples]))
        roles = sorted({u.speaker.value for u in conv.utterances})
        detail = conv.attributes["asr"]["role_detail"]
        right_single += len(roles) == 1
        print(f"one voice: {name:36} roles {roles}  clusters {detail.get('clusters')}  "
              f"voice test: {detail.get('voice_test')}", flush=True)
    print(f"single-voice recordings given one role: {right_single}/{len(singles)}")


if __name__ == "__main__":
    main()
