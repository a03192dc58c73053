"""ASR accuracy and speed: CER per clip and overall, clean 16 kHz and telephone simulation,
real-time factor, and the gain of each technique measured on its own.

    python eval/asr.py                      # full table (≈ 10 min on 2 CPU cores)
    python eval/asr.py --configs baseline,default --quick

Data: ../shared/data/audio (read in place, never copied). References are the clips'
published transcripts — one AISHELL human gold, the rest model outputs (see each folder's
README), so treat CER as agreement with a strong reference model, not exact truth.

CER = character edit distance / reference length, after stripping punctuation and spaces.
"cer" also writes both sides in Simplified script with numbers as words (the issue's
metric); "cer_raw" does not, so it shows what the output hygiene itself is worth.

Telephone simulation: 16 kHz → 300–3400 Hz band-pass → 8 kHz → 8-bit μ-law → back to
16 kHz, the way a G.711 call recording reaches us.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from qa_engine.asr.decode import SAMPLE_RATE  # noqa: E402
from qa_engine.asr.hygiene import _PUNCT, normalize_for_cer  # noqa: E402
from qa_engine.asr.model import load_whisper  # noqa: E402
from qa_engine.asr.options import DEFAULT_HOTWORDS, AsrOptions  # noqa: E402
from qa_engine.asr.transcribe import _transcribe_channel  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "audio"
if not DATA.is_dir():
    DATA = Path("/work/shared/data/audio")


def load_clips() -> list[tuple[str, np.ndarray, str]]:
    from faster_whisper.audio import decode_audio

    clips = []
    for tsv in sorted(DATA.glob("*/transcripts.tsv")):
        with open(tsv, encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if row["file"] == "baidu_8k.wav":   # a downsampled copy of baidu_16k.wav
                    continue
                audio = decode_audio(str(tsv.parent / row["file"]), sampling_rate=SAMPLE_RATE)
                clips.append((row["file"], audio, row["transcript"]))
    return clips


def telephone(x: np.ndarray) -> np.ndarray:
    """Band-limit to 300–3400 Hz, resample to 8 kHz, μ-law (8 bit) round trip, back to 16 kHz."""
    from scipy.signal import butter, resample_poly, sosfiltfilt

    sos = butter(6, [300, 3400], btype="bandpass", fs=SAMPLE_RATE, output="sos")
    y = resample_poly(sosfiltfilt(sos, x), 1, 2)
    mu = 255.0
    y = np.clip(y, -1, 1)
    companded = np.sign(y) * np.log1p(mu * np.abs(y)) / np.log1p(mu)
    quantized = np.round(companded * 127) / 127
    y = np.sign(quantized) * np.expm1(np.abs(quantized) * np.log1p(mu)) / mu
    return resample_poly(y, 2, 1).astype(np.float32)


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def raw_form(text: str) -> str:
    return _PUNCT.sub("", text).lower()


# --- configurations --------------------------------------------------------------------
# "baseline" is faster-whisper as a new user calls it (the issue's 11.7 %): beam 5, no VAD,
# default temperature fallback and previous-text conditioning, no prompt, no clean-up.
# "baseline+x" adds one technique to it. "regions" is our VAD-region decoding in its first
# form (200 ms pad, no timestamps, no merging, no clean-up); "regions+x" adds one change;
# "pipeline_plain" has the region changes kept as defaults; "default" is AsrOptions() as shipped (pipeline_plain
# + Simplified + digits); "default+x" adds one more option to it.
D = AsrOptions()
PLAIN = replace(D, simplified=False, digits_to_chinese=False)
REGIONS = replace(PLAIN, vad_pad_ms=200, region_timestamps=False, merge_gap_s=0.0)
MERGED = replace(PLAIN, region_timestamps=True, merge_gap_s=2.0)
HOTWORDS = "，".join(DEFAULT_HOTWORDS)
PROMPT = "以下是普通话的句子。"
CONFIGS: dict[str, object] = {
    "baseline": "raw",
    "baseline+simplified": "raw+simplified",
    "baseline+digits": "raw+digits",
    "baseline+prompt": "raw+prompt",
    "baseline+hotwords": "raw+hotwords",
    "regions": REGIONS,
    "regions+pad400": replace(REGIONS, vad_pad_ms=400),
    "regions+timestamps": replace(REGIONS, region_timestamps=True),
    "regions+merge2s": replace(REGIONS, merge_gap_s=2.0),
    "regions+pad400+timestamps+merge2s": MERGED,
    "pipeline_plain": PLAIN,
    "default": D,
    "default+prompt": replace(D, initial_prompt=PROMPT),
    "default+hotwords": replace(D, hotwords=DEFAULT_HOTWORDS),
    "default+beam1": replace(D, beam_size=1),
    # The shipped packed path (what a stereo channel gets), and with the phrase second pass
    # (qa_engine.asr.phrase_pass, the rulebook's phrases, margin 0) applied to the clip as if
    # it were the agent's channel, or with the rulebook's phrases as hotwords (telephone_hotwords):
    # on speech that holds no service phrase, every phrase either adds is invented.
    "packed": ("packed", None),
    "packed+phrase_pass": ("packed", "pass"),
    "packed+hotwords": ("packed", "hotwords"),
}
#: Clip whose reference is half English (code-switching): also reported without it.
CODE_SWITCH = "paraformer_example_3.wav"


def run_raw(model, audio: np.ndarray, variant: str) -> str:
    """faster-whisper's plain ``model.transcribe`` (sequential, no VAD) with one technique."""
    from qa_engine.asr.hygiene import digits_to_chinese, to_simplified

    prompt = PROMPT if "prompt" in variant else None
    hotwords = HOTWORDS if "hotwords" in variant else None
    segments, _ = model.transcribe(audio, language="zh", beam_size=5, vad_filter=False, initial_prompt=prompt,
                                   hotwords=hotwords)
    text = "".join(s.text for s in segments)
    if "simplified" in variant:
        text = to_simplified(text)
    if "digits" in variant:
        text = digits_to_chinese(text)
    return text


def run_packed(model, audio: np.ndarray, mode: str | None) -> str:
    """``eval/asr_phrase_pass.py decode_channel``: packed decoding and the shipped guards;
    ``mode`` "pass": with the phrase second pass (margin 0); "hotwords": with the rulebook's
    phrases as hotwords (what ``telephone_hotwords`` does to a telephone-rate recording)."""
    from asr_phrase_pass import decode_channel

    from qa_engine.asr.phrase_pass import rulebook_hotwords
    from qa_engine.rulebook import load_rulebook

    options = D.resolved()
    if mode == "pass":
        options = replace(options, phrase_pass_hotwords=rulebook_hotwords(load_rulebook()), phrase_pass_margin=0.0)
    elif mode == "hotwords":
        options = replace(options, hotwords=rulebook_hotwords(load_rulebook()))
    return decode_channel(model, audio, options, mode == "pass")[0]


def run_pipeline(model, audio: np.ndarray, options: AsrOptions) -> str:
    """The shipped pipeline on one single-speaker channel (what a stereo call channel is)."""
    segments = _transcribe_channel(model, audio, options, [], "eval", merge_gap_s=options.merge_gap_s)
    return "".join(s.text for s in segments)


def speed(repeat: int = 7) -> None:
    """Real-time factor on a constructed stereo call: the 43 s test fixture tiled to ~5 min."""
    from qa_engine.asr.decode import load_audio
    from qa_engine.asr.transcribe import transcribe_audio

    fixture = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "audio" / "call_stereo_8k_ulaw.wav"
    audio = load_audio(fixture, max_duration_s=7200)
    audio.channels = [np.tile(c, repeat) for c in audio.channels]
    transcribe_audio(audio, replace(D, beam_size=1))          # warm-up (model load, VAD session)
    # Wall time depends on what else the machine runs; CPU seconds (both threads) do not, and
    # CPU/2 is the wall time an idle 2-core machine would need at best.
    for label, options in (("default (beam 5)", D), ("beam 1, batch 16", replace(D, beam_size=1, batch_size=16)),
                           ("merge 2 s + timestamps", replace(D, merge_gap_s=2.0, region_timestamps=True))):
        started, cpu = time.perf_counter(), time.process_time()
        conversation = transcribe_audio(audio, options)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(f"speed  {label:24} {audio.duration_s:.0f} s stereo call: wall {elapsed:.1f} s "
              f"({audio.duration_s / elapsed:.1f}x real time), CPU {cpu:.1f} s "
              f"(idle 2 cores: at best {2 * audio.duration_s / cpu:.1f}x real time), "
              f"{len(conversation.utterances)} utterances", flush=True)


#: --speed paths: "old" = one window per VAD region, channel by channel (pack_s=0, the code
#: before packing); "new" = AsrOptions() as shipped (packed, both channels batched);
#: "plain" = faster-whisper's own transcribe on the mono mix, same weights, int8, beam 5, no VAD;
#: "phrase" = "new" with the phrase second pass on, "telhot" = "new" with telephone_hotwords on
#: (both asked for by name, not in the default list).
SPEED_PATHS = ("old", "new", "plain")


def telephone_call() -> tuple[Path, str]:
    """The six constructed calls of eval/calls.py back to back (~3 min), telephone-simulated,
    as an 8 kHz μ-law stereo WAV (agent left), cached; and its true transcript in time order."""
    from qa_engine.asr.model import cache_root

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from calls import calls, write_ulaw  # noqa: PLC0415 (eval helper, needs espeak-ng)

    built = calls()
    turns, agent, customer, t0 = [], [], [], 0.0
    for call in built:
        turns += [(t0 + t.start, t.text) for t in call.turns]
        agent.append(telephone(call.agent))
        customer.append(telephone(call.customer))
        t0 += len(call.agent) / SAMPLE_RATE
    truth = "".join(text for _, text in sorted(turns))
    path = cache_root() / "eval" / "telephone_call_6x.wav"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{time.time_ns()}.wav")
        write_ulaw(tmp, [np.concatenate(agent), np.concatenate(customer)])
        tmp.replace(path)
    return path, truth


def run_speed_path(name: str, path: Path) -> tuple[str, float, float, float]:
    """One path on the call: (text in time order, wall s, CPU s, audio s)."""
    from faster_whisper.audio import decode_audio

    from qa_engine.asr.decode import load_audio
    from qa_engine.asr.transcribe import transcribe_audio

    audio = load_audio(path, max_duration_s=7200)
    options = replace(D, pack_s=0.0) if name == "old" else D
    if name == "phrase":  # the phrase second pass on (qa_engine.asr.phrase_pass, rulebook phrases, margin 0)
        from qa_engine.asr.phrase_pass import rulebook_hotwords
        from qa_engine.rulebook import load_rulebook

        options = replace(D, phrase_pass_hotwords=rulebook_hotwords(load_rulebook()))
    if name == "telhot":  # telephone_hotwords on (the rulebook's phrases as hotwords: the call is 8 kHz)
        from qa_engine.asr.phrase_pass import rulebook_hotwords
        from qa_engine.rulebook import load_rulebook

        options = replace(D, telephone_hotwords=rulebook_hotwords(load_rulebook()))
    if name == "plain":
        resolved = D.resolved()
        model, _ = load_whisper(None, "cpu", "int8", resolved.cpu_threads)
        mono = decode_audio(str(path), sampling_rate=SAMPLE_RATE)
        started, cpu = time.perf_counter(), time.process_time()
        segments, _ = model.transcribe(mono, language="zh", beam_size=5, vad_filter=False)
        text = "".join(s.text for s in segments)
    else:
        load_whisper(None, *[getattr(options.resolved(), k) for k in ("device", "compute_type", "cpu_threads")])
        started, cpu = time.perf_counter(), time.process_time()
        conversation = transcribe_audio(audio, options)
        text = "".join(u.text for u in sorted(conversation.utterances, key=lambda u: u.start))
    return text, time.perf_counter() - started, time.process_time() - cpu, audio.duration_s


def speed_table(paths: list[str], rounds: int, show: bool = False) -> None:
    """RTF and CER of each path on the telephone call, the paths interleaved round by round
    (so a load change on the machine hits them alike); medians printed."""
    path, truth = telephone_call()
    ref = normalize_for_cer(truth)
    walls: dict[str, list[float]] = {p: [] for p in paths}
    cpus: dict[str, list[float]] = {p: [] for p in paths}
    cers: dict[str, float] = {}
    duration = 0.0
    for _ in range(rounds):
        for name in paths:
            text, wall, cpu, duration = run_speed_path(name, path)
            walls[name].append(wall)
            cpus[name].append(cpu)
            cers[name] = edit_distance(ref, normalize_for_cer(text)) / max(1, len(ref))
            if show:
                print(f"{name}: {normalize_for_cer(text)}", flush=True)
    if show:
        print(f"truth: {ref}")
    print(f"telephone call: {path.name}, {duration:.0f} s stereo 8 kHz mu-law, {len(ref)} reference chars, "
          f"threads {D.resolved().cpu_threads}, device {D.resolved().device}, {rounds} round(s), medians")
    plain = float(np.median(walls["plain"])) if "plain" in walls else None
    for name in paths:
        wall, cpu = float(np.median(walls[name])), float(np.median(cpus[name]))
        vs = f"  {plain / wall:4.2f}x plain" if plain else ""
        print(f"speed  {name:6} wall {wall:6.1f} s  RTF {wall / duration:.3f} ({duration / wall:5.1f}x real time)  "
              f"CPU {cpu:6.1f} s ({duration / cpu:5.1f}x real time per CPU-s)  CER {cers[name]:6.2%}{vs}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--configs", default=",".join(CONFIGS), help="comma-separated: " + ", ".join(CONFIGS))
    parser.add_argument("--conditions", default="16k,tel8k")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--per-clip", action="store_true", help="print the per-clip table of every config")
    parser.add_argument("--speed", action="store_true",
                        help="RTF and CER of the old path, the new path and plain faster-whisper on a telephone call")
    parser.add_argument("--speed-paths", default=",".join(SPEED_PATHS), help="with --speed: which paths")
    parser.add_argument("--show", action="store_true", help="with --speed: print each path's text")
    parser.add_argument("--rounds", type=int, default=1, help="with --speed: rounds (medians are printed)")
    parser.add_argument("--speed-fixture", action="store_true",
                        help="the older speed table: options on the 43 s fixture tiled to ~5 min")
    args = parser.parse_args()
    if args.speed:
        speed_table(args.speed_paths.split(","), args.rounds, args.show)
        return
    if args.speed_fixture:
        speed()
        return

    clips = load_clips()
    total_s = sum(len(a) for _, a, _ in clips) / SAMPLE_RATE
    print(f"{len(clips)} clips, {total_s:.1f} s of audio; CPU threads 2, int8\n")
    model, resolved = load_whisper(None, "cpu", "int8", 2)
    from asr_phrase_pass import phrase_counts, required_phrases

    from qa_engine.rulebook import load_rulebook

    phrases = required_phrases(load_rulebook())
    results = {}
    for cond in args.conditions.split(","):
        inputs = [(n, a if cond == "16k" else telephone(a), ref) for n, a, ref in clips]
        for cname in args.configs.split(","):
            config = CONFIGS[cname]
            rows, errs, errs_raw, n_ref, n_ref_raw, errs_zh, n_zh = [], 0, 0, 0, 0, 0, 0
            invented: list[str] = []   # required-rule phrases in the text that the reference lacks
            started = time.perf_counter()
            for name, audio, ref in inputs:
                if isinstance(config, tuple):
                    hyp = run_packed(model, audio, config[1])
                elif isinstance(config, str):
                    hyp = run_raw(model, audio, config)
                else:
                    hyp = run_pipeline(model, audio, config)
                r, h = normalize_for_cer(ref), normalize_for_cer(hyp)
                e = edit_distance(r, h)
                rr, hr = raw_form(ref), raw_form(hyp)
                e_raw = edit_distance(rr, hr)
                errs, n_ref, errs_raw, n_ref_raw = errs + e, n_ref + len(r), errs_raw + e_raw, n_ref_raw + len(rr)
                if name != CODE_SWITCH:
                    errs_zh, n_zh = errs_zh + e, n_zh + len(r)
                invented += [f"{name}:{p}" for p in phrase_counts(ref, hyp, phrases)[3]]
                rows.append({"clip": name, "cer": round(e / max(1, len(r)), 4),
                             "cer_raw": round(e_raw / max(1, len(rr)), 4), "hyp": hyp})
            elapsed = time.perf_counter() - started
            summary = {"cer": round(errs / n_ref, 4), "cer_raw": round(errs_raw / n_ref_raw, 4),
                       "cer_mandarin_only": round(errs_zh / n_zh, 4),
                       "rtf": round(elapsed / total_s, 3), "speed_x_realtime": round(total_s / elapsed, 2)}
            results[f"{cond}/{cname}"] = {"summary": summary, "clips": rows}
            print(f"{cond:6} {cname:20} CER {summary['cer']:6.2%}  w/o code-switch clip "
                  f"{summary['cer_mandarin_only']:6.2%}  CER_raw {summary['cer_raw']:6.2%}  "
                  f"RTF {summary['rtf']:.3f} ({summary['speed_x_realtime']:.1f}x real time)  "
                  f"required-rule phrases not in the reference: {len(invented)} {' '.join(invented)}", flush=True)
            if args.per_clip or cname == "default":
                for row in rows:
                    print(f"    {row['clip']:32} {row['cer']:7.2%}  {row['hyp']}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print(f"\nmodel: {resolved.name} ({resolved.size_bytes:,} bytes)")


if __name__ == "__main__":
    main()
