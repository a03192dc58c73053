"""Mono role assignment accuracy on constructed calls.

    python eval/roles.py

Each call alternates two real speakers from ../shared/data/audio (read in place): an
"agent" voice and a "customer" voice, each clip cut into turns at its own pauses, joined
with 0.4–1.5 s gaps, agent first (as in inbound calls), mixed to one 16 kHz channel. The
clips carry no service phrases, so naming falls back on content cues where the customer
says 我想/我在 (llamacpp_sample) and on "the agent speaks first" otherwise.

Reported: utterance-level accuracy of the named roles (time-weighted and by count), and the
clustering purity alone (best label permutation), so a naming mistake and a clustering
mistake can be told apart.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa_engine.asr.decode import SAMPLE_RATE, DecodedAudio  # noqa: E402
from qa_engine.asr.options import AsrOptions  # noqa: E402
from qa_engine.asr.transcribe import transcribe_audio  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "audio"
if not DATA.is_dir():
    DATA = Path("/work/shared/data/audio")
AGENTS = ["asr_funasr_examples/onnxruntime_long.wav", "asr_funasr_examples/paraformer_example_1.wav",
          "asr_funasr_examples/paraformer_example_3.wav"]
CUSTOMERS = ["asr_funasr_examples/llamacpp_sample.wav", "asr_misc_zh_clips/paddlespeech_zh.wav",
             "asr_funasr_examples/paraformer_example_2.wav", "asr_wenet_examples/aishell-BAC009S0724W0121.wav"]


def turns_of(rel: str) -> list[np.ndarray]:
    from faster_whisper.audio import decode_audio
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    audio = decode_audio(str(DATA / rel), sampling_rate=SAMPLE_RATE)
    regions = get_speech_timestamps(audio, VadOptions(min_silence_duration_ms=300, speech_pad_ms=100,
                                                      max_speech_duration_s=9))
    return [audio[r["start"]:r["end"]] for r in regions] or [audio]


def build(agent: str, customer: str, rng) -> tuple[np.ndarray, list[tuple[str, float, float]]]:
    a_turns, c_turns = turns_of(agent), turns_of(customer)
    pieces, truth, t = [], [], 0.3
    pieces.append(np.zeros(int(t * SAMPLE_RATE), np.float32))
    order = [x for pair in itertools.zip_longest(a_turns, c_turns) for x in pair]
    roles = [r for pair in itertools.zip_longest(["agent"] * len(a_turns), ["customer"] * len(c_turns)) for r in pair]
    for role, turn in zip(roles, order, strict=True):
        if turn is None:
            continue
        peak = np.max(np.abs(turn)) or 1.0
        pieces.append((0.5 * turn / peak).astype(np.float32))
        truth.append((role, t, t + len(turn) / SAMPLE_RATE))
        t += len(turn) / SAMPLE_RATE
        gap = float(rng.uniform(0.4, 1.5))
        pieces.append(np.zeros(int(gap * SAMPLE_RATE), np.float32))
        t += gap
    return np.concatenate(pieces), truth


def main() -> None:
    rng = np.random.default_rng(7)
    total_named = total_pure = total_n = 0.0
    time_named = time_total = 0.0
    print(f"{'agent clip':34} {'customer clip':40} utts named  purity  naming basis")
    for agent, customer in itertools.product(AGENTS, CUSTOMERS):
        audio, truth = build(agent, customer, rng)
        decoded = DecodedAudio(path=Path("constructed.wav"), channels=[audio], source_sample_rate=SAMPLE_RATE,
                               source_channels=1, codec="pcm", declared_duration_s=None)
        conv = transcribe_audio(decoded, AsrOptions(beam_size=1))
        pairs = []
        for u in conv.utterances:
            overlap = {r: sum(max(0.0, min(e, u.end) - max(s, u.start)) for rr, s, e in truth if rr == r)
                       for r in ("agent", "customer")}
            true = max(overlap, key=overlap.get)
            if overlap[true] > 0:
                pairs.append((u.speaker.value, true, u.end - u.start))
        named = np.mean([p == t for p, t, _ in pairs]) if pairs else 0.0
        flipped = np.mean([p != t for p, t, _ in pairs]) if pairs else 0.0
        purity = max(named, flipped)   # clustering alone: up to swapping the two labels
        total_named += named * len(pairs)
        total_pure += purity * len(pairs)
        total_n += len(pairs)
        time_named += sum(d for p, t, d in pairs if p == t)
        time_total += sum(d for _, _, d in pairs)
        basis = conv.attributes["asr"]["role_detail"].get("naming", "")
        print(f"{agent.split('/')[1]:34} {customer.split('/')[1]:40} {len(pairs):4} {named:6.0%} "
              f"{purity:7.0%}  {basis}", flush=True)
    print(f"\noverall: role accuracy {total_named / total_n:.1%} of utterances "
          f"({time_named / time_total:.1%} of speech time); clustering purity {total_pure / total_n:.1%}; "
          f"{int(total_n)} utterances in {len(AGENTS) * len(CUSTOMERS)} constructed calls")


if __name__ == "__main__":
    main()
