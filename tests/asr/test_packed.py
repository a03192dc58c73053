"""Packed decoding layout (no model): windows, region placement, time mapping, auto options."""

import numpy as np

from qa_engine.asr.options import AsrOptions
from qa_engine.asr.packed import decode_packed, locate, pack

SR = 16_000


def region(start, end, pad=0.4):
    return {"start": start, "end": end, "pad_start": start - pad, "pad_end": end + pad}


def test_pack_keeps_channels_apart_and_windows_under_the_limit():
    options = AsrOptions(pack_s=10.0, pack_gap_s=1.0)
    left = np.ones(60 * SR, np.float32)
    right = np.full(60 * SR, 0.5, np.float32)
    regions = [[region(1, 4), region(10, 13), region(20, 24)], [region(5, 8)]]
    audio, clips, windows = pack([left, right], regions, options)
    assert [[p.channel for p in w] for w in windows] == [[0, 0], [0], [1]]
    assert all(c["end"] - c["start"] <= 10.0 + 1e-6 for c in clips)
    first, second = windows[0]
    # the second region's window follows the first's after exactly the gap, and holds its audio
    assert abs(second.at - (first.until + 1.0)) < 1e-3
    assert np.all(audio[int(first.at * SR) + 10:int(first.until * SR) - 10] == 1.0)
    assert np.all(audio[int(first.until * SR) + 10:int(second.at * SR) - 10] == 0.0)
    assert np.all(audio[int(windows[2][0].at * SR) + 10:int(windows[2][0].until * SR) - 10] == 0.5)


def test_times_map_back_inside_the_unpadded_speech():
    _, _, windows = pack([np.ones(30 * SR, np.float32)], [[region(2, 5), region(9, 11)]], AsrOptions())
    a, b = windows[0]
    assert abs(a.to_source(a.at + 1.0) - 2.6) < 1e-3       # padded start 1.6 + 1.0
    assert a.to_source(a.at) == 2.0                          # inside the padding → speech start
    assert b.to_source(b.until + 5) == 11.0                  # past the window → speech end


def test_a_word_belongs_to_the_region_it_ends_in():
    _, _, windows = pack([np.ones(30 * SR, np.float32)], [[region(2, 5), region(9, 11)]], AsrOptions())
    a, b = windows[0]
    assert locate(a.until - 0.2, windows[0]) is a
    assert locate(a.until + 0.3, windows[0]) is a           # ends in the silence after a
    assert locate(b.at + 0.3, windows[0]) is b              # stretched back over the gap, ends in b


def test_auto_options_resolve_for_this_machine():
    resolved = AsrOptions().resolved()
    assert resolved.device in ("cpu", "cuda")
    assert resolved.compute_type == ("float16" if resolved.device == "cuda" else "int8")
    assert resolved.cpu_threads >= 1 and resolved.batch_size in (8, 32)
    assert AsrOptions(device="cpu", compute_type="int8", cpu_threads=2, batch_size=4).resolved().batch_size == 4


class _Word:
    def __init__(self, word, start, end, probability=0.9):
        self.word, self.start, self.end, self.probability = word, start, end, probability


class _Segment:
    def __init__(self, seek, words):
        self.seek, self.words, self.no_speech_prob = seek, words, 0.01


def test_region_text_is_timed_as_the_regions_speech_not_its_words(monkeypatch):
    """Whisper heard one short word of a 4 s region: the utterance still spans the region's
    speech (talk time and speech rate must not depend on what the recogniser got right)."""
    import faster_whisper

    _, clips, windows = pack([np.ones(30 * SR, np.float32)], [[region(2, 6), region(9, 11)]], AsrOptions())
    a, b = windows[0]

    class FakePipeline:
        def __init__(self, model):
            pass

        def transcribe(self, audio, **kwargs):
            seek = int(int(kwargs["clip_timestamps"][0]["start"] * SR) / SR * 100)
            words = [_Word("鸡", a.at + 0.6, a.at + 1.0), _Word("好的", b.at + 0.5, b.at + 1.2)]
            return iter([_Segment(seek, words)]), None

    monkeypatch.setattr(faster_whisper, "BatchedInferencePipeline", FakePipeline)
    heard = list(decode_packed(None, [np.ones(30 * SR, np.float32)], [[region(2, 6), region(9, 11)]],
                               AsrOptions()))
    assert [(h.text, h.start, h.end) for h in heard] == [("鸡", 2, 6), ("好的", 9, 11)]


def test_a_region_the_packed_window_skipped_is_decoded_alone(monkeypatch):
    """Whisper sometimes skips a stretch of a full window; that region gets a second, solo pass."""
    import faster_whisper

    calls = []

    class FakePipeline:
        def __init__(self, model):
            pass

        def transcribe(self, audio, **kwargs):
            clips = kwargs["clip_timestamps"]
            calls.append(len(clips))
            segments = []
            for c in clips:
                seek = int(int(c["start"] * SR) / SR * 100)
                if len(calls) == 1:   # the packed pass hears only the first region
                    segments.append(_Segment(seek, [_Word("您好请问有什么", c["start"] + 0.5, c["start"] + 1.0)]))
                    break
                segments.append(_Segment(seek, [_Word("再见", c["start"] + 0.5, c["start"] + 1.0)]))
            return iter(segments), None

    monkeypatch.setattr(faster_whisper, "BatchedInferencePipeline", FakePipeline)
    heard = list(decode_packed(None, [np.ones(30 * SR, np.float32)], [[region(2, 6), region(9, 11)]],
                               AsrOptions()))
    assert calls == [1, 1]                      # one packed window, then the skipped region alone
    assert [(h.text, h.start, h.end) for h in heard] == [("您好请问有什么", 2, 6), ("再见", 9, 11)]


def test_a_region_no_pass_heard_is_still_yielded_with_no_text(monkeypatch):
    """A VAD region that neither the packed pass nor its solo pass gave a word to is speech
    nobody could read: it comes back with no text (kept as untranscribed speech by the caller),
    never silently left out of the timeline."""
    import faster_whisper

    class FakePipeline:
        def __init__(self, model):
            pass

        def transcribe(self, audio, **kwargs):
            c = kwargs["clip_timestamps"][0]
            seek = int(int(c["start"] * SR) / SR * 100)
            if len(kwargs["clip_timestamps"]) == 1 and c["end"] - c["start"] < 5:
                return iter([]), None             # the solo pass of the second region: nothing
            return iter([_Segment(seek, [_Word("您好请问有什么", c["start"] + 0.5, c["start"] + 1.0)])]), None

    monkeypatch.setattr(faster_whisper, "BatchedInferencePipeline", FakePipeline)
    heard = list(decode_packed(None, [np.ones(30 * SR, np.float32)], [[region(2, 6), region(9, 11)]],
                               AsrOptions()))
    assert [(h.text, h.start, h.end) for h in heard] == [("您好请问有什么", 2, 6), ("", 9, 11)]
    assert heard[1].avg_logprob == float("-inf")


def test_a_region_a_looping_window_garbled_is_decoded_again_alone(monkeypatch):
    """A packed window in a loop / digit run garbles each of its regions: those regions get a
    solo pass, whose text is kept only when it is sound (else the packed text stays, flagged
    later by the guards)."""
    import faster_whisper

    passes = []

    class FakePipeline:
        def __init__(self, model):
            pass

        def transcribe(self, audio, **kwargs):
            clips = kwargs["clip_timestamps"]
            passes.append(len(clips))
            if len(passes) == 1:   # one packed window: the decoder loops over both regions
                seek = int(int(clips[0]["start"] * SR) / SR * 100)
                a, b = pack_windows[0]
                return iter([_Segment(seek, [_Word("五点五.", a.at + 0.5, a.at + 1.0),
                                             _Word("五.", b.at + 0.5, b.at + 1.0)])]), None
            out = []
            for k, c in enumerate(clips):  # solo: the first region heard properly, the second not
                seek = int(int(c["start"] * SR) / SR * 100)
                text = "您是想查询这个问题对吗" if k == 0 else "五."
                out.append(_Segment(seek, [_Word(text, c["start"] + 0.5, c["start"] + 1.0)]))
            return iter(out), None

    regions = [[region(2, 6), region(9, 13)]]
    pack_windows = pack([np.ones(30 * SR, np.float32)], regions, AsrOptions())[2]
    monkeypatch.setattr(faster_whisper, "BatchedInferencePipeline", FakePipeline)
    heard = list(decode_packed(None, [np.ones(30 * SR, np.float32)], regions, AsrOptions()))
    assert passes == [1, 2]
    assert [(h.text, h.start, h.end) for h in heard] == [("您是想查询这个问题对吗", 2, 6), ("五.", 9, 13)]
