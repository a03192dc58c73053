"""Packed batch decoding: the VAD regions of every stereo channel in one batched call.

Whisper's encoder always hears a 30 s window, so decoding each short region on its own
(``_transcribe_channel``) pays a full window per 2–4 s utterance. Here consecutive regions
of one channel are laid end to end (each with its decoder padding, a short silence between)
into windows of at most ``options.pack_s`` seconds, the windows of both channels go to
faster-whisper's ``BatchedInferencePipeline`` together, and each decoded segment is mapped
back to the region(s) it covers — the same idea as faster-whisper's own ``collect_chunks`` /
``restore_speech_timestamps``, but keeping our unpadded speech times and channels.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from qa_engine.asr.decode import SAMPLE_RATE
from qa_engine.asr.hygiene import degenerate
from qa_engine.asr.options import AsrOptions


@dataclass
class Placed:
    """One region in the packed array: its channel, its speech and where its window lies."""

    channel: int
    region: dict
    at: float        # start of its padded window in the packed array (s)

    @property
    def until(self) -> float:
        return self.at + self.region["pad_end"] - self.region["pad_start"]

    def to_source(self, t: float) -> float:
        """A packed-array time → the channel's own time, clipped to this region's speech."""
        source = self.region["pad_start"] + (t - self.at)
        return min(max(source, self.region["start"]), self.region["end"])


def pack(channels: list[np.ndarray], regions: list[list[dict]], options: AsrOptions
         ) -> tuple[np.ndarray, list[dict], list[list[Placed]]]:
    """Lay the regions out into windows: (packed audio, clip_timestamps, regions per window)."""
    gap = np.zeros(int(options.pack_gap_s * SAMPLE_RATE), np.float32)
    pieces: list[np.ndarray] = []
    clips: list[dict] = []
    windows: list[list[Placed]] = []
    cursor = 0  # samples
    for ch, (samples, regs) in enumerate(zip(channels, regions, strict=True)):
        window: list[Placed] = []
        window_start = cursor
        for r in regs:
            a, b = int(r["pad_start"] * SAMPLE_RATE), int(r["pad_end"] * SAMPLE_RATE)
            piece = samples[a:b].astype(np.float32)
            need = len(piece) + (len(gap) if window else 0)
            if window and (cursor - window_start + need) / SAMPLE_RATE > options.pack_s:
                clips.append({"start": window_start / SAMPLE_RATE, "end": cursor / SAMPLE_RATE})
                windows.append(window)
                pieces.append(gap)  # keeps windows apart in the array (never decoded)
                cursor += len(gap)
                window, window_start = [], cursor
            if window:
                pieces.append(gap)
                cursor += len(gap)
            window.append(Placed(ch, r, cursor / SAMPLE_RATE))
            pieces.append(piece)
            cursor += len(piece)
        if window:
            clips.append({"start": window_start / SAMPLE_RATE, "end": cursor / SAMPLE_RATE})
            windows.append(window)
    audio = np.concatenate(pieces) if pieces else np.zeros(0, np.float32)
    return audio, clips, windows


def locate(end: float, window: list[Placed]) -> Placed:
    """The region a word (packed times) belongs to: the last one that starts before the word
    ends. By its end, not its middle: Whisper's alignment stretches a region's first word back
    over the silence before it (measured: "认为" 4.8–6.5 s for a region starting at 6.35 s),
    while a word's end lands in its own region or in the silence just after it."""
    found = window[0]
    for p in window:
        if p.at < end:
            found = p
    return found


@dataclass
class RegionText:
    """What was heard in one region: its words joined, their mean log-probability."""

    channel: int
    start: float
    end: float
    text: str
    avg_logprob: float
    no_speech_prob: float


def decode_packed(model, channels: list[np.ndarray], regions: list[list[dict]], options: AsrOptions):
    """Decode every region of every channel; yield one ``RegionText`` per region heard,
    timed as the region's unpadded speech (channel time).

    Words (faster-whisper word timestamps) are given to the region they end in, so the
    window's text (decoded without timestamp tokens, which made Whisper base loop on
    telephone audio) is split back at the region edges. ``avg_logprob`` is the mean
    log-probability of the region's own words;
    ``no_speech_prob`` is the window's (Whisper gives one per window), kept only when the
    window holds this region alone: in a packed window it describes another region's start.

    A region that a packed window left without a word (Whisper sometimes skips a stretch of
    a full window: measured on constructed mono calls, a whole 3 s customer turn) is decoded
    again in a window of its own, so packing never loses speech that the one-window-per-region
    path would have heard.
    """
    heard = _decode(model, channels, regions, options)
    if options.pack_s > 0:
        alone = replace(options, pack_s=0.0)   # every window holds one region
        missed = [[r for r in regs if id(r) not in heard] for regs in regions]
        if any(missed):
            heard.update(_decode(model, channels, missed, alone))
        # A packed window whose decoder fell into a loop or a run of digits garbles every region
        # in it (Whisper base on telephone audio: 「五点五.五.」 for an 11 s turn); a region whose
        # text is degenerate is decoded again alone, and the solo text kept when it is sound.
        solo = {id(r) for regs in missed for r in regs}
        retry = [[r for r in regs if id(r) in heard and id(r) not in solo
                  and degenerate(_text(heard[id(r)][1]), r["end"] - r["start"], options)] for regs in regions]
        if any(retry):
            for key, entry in _decode(model, channels, retry, alone).items():
                region = entry[0].region
                if not degenerate(_text(entry[1]), region["end"] - region["start"], options):
                    heard[key] = entry
    # A region no window gave a word to is still speech the VAD found: yielded with no text
    # (the caller keeps it as untranscribed speech), never silently left out of the timeline.
    unheard = []
    if any(id(r) not in heard for regs in regions for r in regs):
        unheard = [[p, [], 1.0] for p in _placements(channels, regions, options) if id(p.region) not in heard]
    for placed, words, no_speech in sorted([*heard.values(), *unheard], key=lambda e: (e[0].channel, e[0].at)):
        # The region's speech as the VAD heard it, not its words' extent: Whisper's word
        # alignment is imprecise at the edges and covers only what it recognised (a 4.6 s
        # farewell heard as one word spanned 2.5 s), and talk time, speech rate and silences
        # must not depend on what the recogniser got right. Same times as the unpacked path.
        start, end = placed.region["start"], placed.region["end"]
        logprob = float(np.mean([np.log(max(w.probability, 1e-6)) for w in words])) if words else float("-inf")
        yield RegionText(channel=placed.channel, start=start, end=max(start, end),
                         text=_text(words), avg_logprob=logprob, no_speech_prob=no_speech)


def _text(words: list) -> str:
    return "".join(w.word for w in words)


def _placements(channels: list[np.ndarray], regions: list[list[dict]], options: AsrOptions) -> list[Placed]:
    """Every region as ``pack`` places it (for the ones no decoding heard)."""
    return [p for window in pack(channels, regions, options)[2] for p in window]


def _decode(model, channels: list[np.ndarray], regions: list[list[dict]], options: AsrOptions) -> dict[int, list]:
    """One batched pass: ``{id(region dict): [placed, words, no_speech_prob]}`` for the regions
    that got at least one word."""
    from faster_whisper import BatchedInferencePipeline

    audio, clips, windows = pack(channels, regions, options)
    if not clips:
        return {}
    raw, _info = BatchedInferencePipeline(model=model).transcribe(
        audio, language=options.language, beam_size=options.beam_size,
        initial_prompt=options.initial_prompt,
        hotwords="，".join(options.hotwords) if options.hotwords else None,
        clip_timestamps=clips, batch_size=options.batch_size,
        without_timestamps=True, word_timestamps=True, vad_filter=False)
    # Each segment carries its window's offset (seek, 100 frames per s): that names the window.
    by_seek = {int(int(c["start"] * SAMPLE_RATE) / SAMPLE_RATE * 100): (w, c)
               for c, w in zip(clips, windows, strict=True)}
    heard: dict[int, list] = {}
    for seg in raw:
        window, _clip = by_seek.get(seg.seek) or next(
            ((w, c) for c, w in zip(clips, windows, strict=True) if c["start"] - 0.01 <= seg.start <= c["end"] + 0.01),
            (windows[-1], clips[-1]))
        for word in seg.words or []:
            placed = locate(word.end, window)
            entry = heard.setdefault(id(placed.region), [placed, [], seg.no_speech_prob if len(window) == 1 else 0.0])
            entry[1].append(word)
    return heard
