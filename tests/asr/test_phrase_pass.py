"""The phrase second pass (qa_engine.asr.phrase_pass): which lines it retries, when a proposal
wins, that it is off by default, and the hotword list a rulebook gives. No model: the biased
decoder and the unprompted scorer are stand-ins; one slow test decodes for real."""

from __future__ import annotations

import numpy as np
import pytest

from qa_engine.asr import phrase_pass as pp
from qa_engine.asr.options import AsrOptions
from qa_engine.asr.packed import RegionText

from .conftest import AUDIO

SR = 16_000


def _region(start, end):
    return {"start": start, "end": end, "pad_start": start - 0.4, "pad_end": end + 0.4}


class _Word:
    def __init__(self, word):
        self.word = word


class _Placed:
    def __init__(self, region):
        self.region = region


def _fake(monkeypatch, proposals: dict[float, str], scores: dict[str, float]):
    """Biased decoding gives ``proposals[region start]``; the scorer gives ``scores[text]``.
    Returns the list of region starts the biased decoder was asked for."""
    asked: list[float] = []

    def decode(model, channels, regions, options):
        assert options.hotwords and options.pack_s == 0.0 and options.initial_prompt is None
        out = {}
        for regs in regions:
            for r in regs:
                asked.append(r["start"])
                out[id(r)] = [_Placed(r), [_Word(proposals[r["start"]])], 0.0]
        return out

    class Scorer:
        def __init__(self, model, language):
            pass

        def score(self, window, texts):
            return [scores[t] for t in texts]

    monkeypatch.setattr("qa_engine.asr.packed._decode", decode)
    monkeypatch.setattr(pp, "_Scorer", Scorer)
    return asked


def _heard(channel, start, end, text, prob):
    return RegionText(channel=channel, start=start, end=end, text=text, avg_logprob=float(np.log(prob)),
                      no_speech_prob=0.0)


OPTIONS = AsrOptions(phrase_pass_hotwords=("感谢您的来电", "您好"), phrase_pass_below=0.6, phrase_pass_margin=0.1)
CHANNELS = [np.zeros(20 * SR, np.float32), np.zeros(20 * SR, np.float32)]


def test_only_doubtful_lines_of_the_named_channels_are_retried(monkeypatch):
    regions = [[_region(1, 3), _region(5, 7)], [_region(2, 4)]]
    heard = [_heard(0, 1, 3, "当天灵的来电", 0.4), _heard(0, 5, 7, "好的", 0.9), _heard(1, 2, 4, "我想问", 0.3)]
    asked = _fake(monkeypatch, {1: "感谢您的来电", 5: "您好", 2: "您好"}, {"当天灵的来电": -1.5, "感谢您的来电": -1.0})
    out, decisions = pp.phrase_pass(None, CHANNELS, regions, heard, OPTIONS, {0})
    assert asked == [1]                                   # the confident line and the customer are left alone
    assert [d.kept for d in decisions] == [True]
    assert out[0].text == "感谢您的来电" and out[0].avg_logprob == -1.0
    assert out[1] is heard[1] and out[2] is heard[2]


def test_a_proposal_the_unprompted_model_does_not_prefer_is_not_kept(monkeypatch):
    regions = [[_region(1, 3), _region(5, 7)]]
    heard = [_heard(0, 1, 3, "博州市", 0.5), _heard(0, 5, 7, "当天灵的来电", 0.5)]
    # the phrase scores lower than what was heard, or higher by less than the margin
    _fake(monkeypatch, {1: "请稍等", 5: "感谢您的来电"},
          {"博州市": -1.0, "请稍等": -2.5, "当天灵的来电": -1.50, "感谢您的来电": -1.45})
    out, decisions = pp.phrase_pass(None, CHANNELS[:1], regions, heard, OPTIONS, {0})
    assert [d.kept for d in decisions] == [False, False]
    assert [h.text for h in out] == ["博州市", "当天灵的来电"]
    assert decisions[0].to_dict()["proposal"] == "请稍等"   # the rejected proposal stays on record


def test_off_without_phrases(monkeypatch):
    asked = _fake(monkeypatch, {}, {})
    heard = [_heard(0, 1, 3, "当天灵的来电", 0.1)]
    out, decisions = pp.phrase_pass(None, CHANNELS[:1], [[_region(1, 3)]], heard, AsrOptions(), {0})
    assert out == heard and decisions == [] and asked == []
    assert AsrOptions().phrase_pass_hotwords == () and AsrOptions().to_dict()["phrase_pass_hotwords"] == []


def test_accept_needs_more_than_the_margin():
    options = AsrOptions(phrase_pass_margin=0.2)
    assert not pp.accept(-1.0, -0.8, options)
    assert pp.accept(-1.0, -0.79, options)
    assert pp.doubtful(np.log(0.59), AsrOptions(phrase_pass_below=0.6))
    assert not pp.doubtful(np.log(0.61), AsrOptions(phrase_pass_below=0.6))


def test_rulebook_hotwords_are_a_short_list_of_required_phrases():
    from qa_engine.rulebook import load_rulebook

    rulebook = load_rulebook()
    hot = pp.rulebook_hotwords(rulebook)
    assert "您好" in hot and "感谢您的来电" in hot and "还有什么可以帮您" in hot
    assert len(hot) == len(set(hot)) and sum(map(len, hot)) < 200     # fits Whisper's prompt budget
    required = {p for r in rulebook.rules if r.kind == "required"
                for ps in [r.phrases, *[g.phrases for g in (r.groups or [])]] for p in (ps or [])}
    assert set(hot) <= required                                         # never a 禁语 or an anchor phrase


@pytest.mark.slow
def test_second_pass_on_real_audio_records_every_decision(asr_ready):
    from qa_engine.asr import transcribe_file
    from qa_engine.rulebook import load_rulebook

    hot = pp.rulebook_hotwords(load_rulebook())
    conv = transcribe_file(AUDIO / "call_stereo_8k_ulaw.wav",
                           AsrOptions(phrase_pass_hotwords=hot, phrase_pass_below=1.01))  # every line retried
    decisions = conv.attributes["asr"]["phrase_pass"]
    assert decisions and all(d["channel"] in (0, 1) for d in decisions)
    for d in decisions:  # kept only when the unprompted model prefers the proposal (margin 0)
        assert not d["kept"] or d["proposal_logprob"] > d["first_logprob"]
    off = transcribe_file(AUDIO / "call_stereo_8k_ulaw.wav", AsrOptions(phrase_pass_hotwords=hot,
                                                                         phrase_pass_max_rate=0 + 4000))
    assert "phrase_pass" not in off.attributes["asr"]       # an 8 kHz file above a 4 kHz limit: not run


def test_a_proposal_longer_than_the_speech_could_hold_is_not_kept(monkeypatch):
    # measured: a 0.4 s fragment of a mono mix re-decoded as 有什么可以帮您 and preferred by the scorer
    regions = [[_region(48.75, 49.15)]]
    heard = [_heard(0, 48.75, 49.15, "析作", 0.001)]
    _fake(monkeypatch, {48.75: "有什么可以帮您"}, {"析作": -6.9, "有什么可以帮您": -4.0})
    out, decisions = pp.phrase_pass(None, [np.zeros(60 * SR, np.float32)], regions, heard, OPTIONS, {0})
    assert [d.kept for d in decisions] == [False] and out[0].text == "析作"
    assert pp.accept(-6.9, -4.0, OPTIONS, proposal="有什么可以帮您", seconds=1.0)


def test_telephone_hotwords_apply_to_telephone_rate_recordings_only():
    from qa_engine.asr.transcribe import with_rate_hotwords

    options = AsrOptions(hotwords=("理赔",), telephone_hotwords=("您好", "理赔", "再见"))
    assert with_rate_hotwords(options, 8000).hotwords == ("理赔", "您好", "再见")
    assert with_rate_hotwords(options, 16000) is options                    # 16 kHz: unchanged
    assert with_rate_hotwords(options, 0) is options                        # rate unknown: unchanged
    assert with_rate_hotwords(AsrOptions(), 8000) is not None and AsrOptions().telephone_hotwords == ()
    assert with_rate_hotwords(AsrOptions(), 8000).hotwords == ()


def test_identity_phrases_are_not_offered_as_hotwords():
    from qa_engine.rulebook import load_rulebook

    rulebook = load_rulebook()
    verify = next(r for r in rulebook.rules if r.id == "verify_identity")
    assert not set(verify.phrases) & set(pp.rulebook_hotwords(rulebook))
    assert "手机尾号" in pp.rulebook_hotwords(rulebook, skip=())


def test_a_failing_second_pass_leaves_the_first_pass_and_says_so(monkeypatch):
    from qa_engine.asr import transcribe

    def boom(*args, **kwargs):
        raise RuntimeError("align failed")

    monkeypatch.setattr(pp, "phrase_pass", boom)
    heard = [_heard(0, 1, 3, "当天灵的来电", 0.4)]
    passes: list = []
    assert transcribe._second_pass(None, CHANNELS[:1], [[_region(1, 3)]], heard, OPTIONS, {0}, passes) is heard
    assert passes == [{"error": "RuntimeError: align failed"}]
