"""Chinese output hygiene: script, numbers, domain corrections, and phantom-text guards.

Whisper emits Traditional or mixed script, Arabic digits where people say the words,
and, on silence or hold music, text that nobody said (subtitle credits, loops). These
functions fix what can be fixed and *flag* what cannot, with the reason; nothing is
silently deleted.
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass, field

#: Phrases Whisper invents from its subtitle training data (credits, channel plugs).
SUBTITLE_CREDITS = re.compile(
    r"(字幕(由|提供|制作|组|志愿者)|请不吝点赞|点赞|订阅|转发|打赏|明镜与点点栏目|感谢观看|谢谢观看|"
    r"下期再见|本期视频|中文字幕|Amara\.org|优优独播剧场|YoYo Television)")

_DIGITS = "零一二三四五六七八九"
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(%?)")
_PUNCT = re.compile(r"[\s\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
                    r"!-/:-@\[-`{-~·…—“”‘’]+")


def to_simplified(text: str) -> str:
    """Convert Traditional or mixed script to Simplified (script only, no regional vocabulary)."""
    import zhconv

    return zhconv.convert(text, "zh-hans")


#: Words after which a number is an identifier, read digit by digit (工号1024 = 一零二四).
_ID_CUES = re.compile(r"(工号|编号|号码|电话|手机|尾号|单号|订单|账号|帐号|卡号|密码|验证码|身份证|后[四六]位|分机|房间|"
                      r"车牌|邮编|批次|型号)[是为:：\s]{0,2}$")


def _number_words(match: re.Match) -> str:
    import cn2an

    number, percent = match.group(1), match.group(2)
    integer = number.split(".")[0]
    before, after = match.string[max(0, match.start() - 6):match.start()], match.string[match.end():match.end() + 1]
    is_id = "." not in number and not percent and len(integer) > 1 and (
        _ID_CUES.search(before) is not None or (len(integer) == 4 and after == "年"))
    if is_id or len(integer) > 8 or (len(integer) > 1 and integer.startswith("0")):
        # Phone numbers, order ids, 工号 1024, years (2024年): people read these digit by digit.
        words = "".join(_DIGITS[int(c)] if c.isdigit() else "点" for c in number)
    else:
        # cn2an writes 二千; speakers (and references) say 两千 / 两万 at the head of a number.
        words = re.sub(r"^二(?=[千万亿])", "两", cn2an.an2cn(number))
    return ("百分之" + words) if percent else words


def digits_to_chinese(text: str) -> str:
    """Write Arabic numbers as spoken Chinese: 2499 → 两千四百九十九, 50% → 百分之五十.

    Amounts up to 8 digits are read as numbers; longer or zero-led runs (phone numbers),
    numbers after an identifier word (工号, 尾号, 订单号 …) and years digit by digit, as
    people say them."""
    return _NUMBER.sub(_number_words, text)


def apply_corrections(text: str, corrections: dict[str, str]) -> str:
    """Replace each heard form with the meant one (longest heard forms first)."""
    for heard in sorted(corrections, key=len, reverse=True):
        text = text.replace(heard, corrections[heard])
    return text


def normalize_for_cer(text: str) -> str:
    """The comparison form used by ``eval/asr.py``: Simplified, numbers as words, no
    punctuation or spaces, lower-case Latin."""
    text = _PUNCT.sub("", digits_to_chinese(to_simplified(text))).lower()
    # 两百 / 二百 are both said; compare them as one.
    return re.sub(r"两(?=[百千万亿])", "二", text)


def compression_ratio(text: str) -> float:
    """zlib compression ratio, as Whisper computes it; loops compress very well."""
    data = text.encode("utf-8")
    return len(data) / max(1, len(zlib.compress(data)))


def collapse_repeats(text: str, max_repeat: int) -> tuple[str, bool]:
    """Collapse a phrase (1–10 chars) repeated more than ``max_repeat`` times in a row to
    one occurrence. Returns the text and whether anything was collapsed."""
    pattern = re.compile(r"(.{1,10}?)\1{%d,}" % max_repeat)
    collapsed = pattern.sub(r"\1", text)
    return collapsed, collapsed != text


def _is_prompt_echo(text: str, options) -> bool:
    """True when the text is only the initial prompt, or only hotwords (possibly repeated)."""
    bare = _PUNCT.sub("", text)
    if not bare:
        return False
    prompt = _PUNCT.sub("", options.initial_prompt or "")
    if prompt and bare in prompt:
        return True
    words = [re.escape(w) for w in sorted((_PUNCT.sub("", h) for h in options.hotwords), key=len, reverse=True) if w]
    return bool(words) and re.fullmatch(f"(?:{'|'.join(words)})+", bare) is not None


_SPOKEN = re.compile(r"[\u3400-\u9fff]|[A-Za-z]+|\d")


def sparse(text: str, seconds: float | None, options) -> bool:
    """Far fewer characters than the speech could hold (「五.」 for 3.7 s): words are missing."""
    return (seconds is not None and seconds >= options.sparse_min_s
            and len(_SPOKEN.findall(text)) < options.min_chars_per_s * seconds)


def degenerate(text: str, seconds: float | None, options) -> bool:
    """Text a decoder in a bad state gives: a loop, a compressible run, or too few characters
    for the speech (``eval/asr_calls.py`` on telephone audio: 「零点零.零点二.四点五.五点五.」
    for an 8 s greeting, 「五点五.五.」 for 11 s). Worth decoding that speech again."""
    clean = text.replace("\ufffd", "").strip()
    return (collapse_repeats(clean, options.max_repeat)[1] or compression_ratio(clean) > options.max_compression_ratio
            or sparse(clean, seconds, options))


@dataclass
class SegmentVerdict:
    """What the guards decided about one decoded segment."""

    text: str
    confidence: float
    flags: list[str] = field(default_factory=list)
    drop_reason: str | None = None


def judge_segment(text: str, *, avg_logprob: float, no_speech_prob: float, compression: float | None,
                  options, seconds: float | None = None) -> SegmentVerdict:
    """Clean one segment's text and decide: keep, keep-with-flags, or drop (with reason).

    Confidence is ``exp(avg_logprob)``, the geometric-mean token probability, scaled by
    ``1 - no_speech_prob``. ``seconds``: the speech it was heard in, when known (a text far
    too short for it is flagged doubtful).
    """
    # U+FFFD: a multi-byte character cut between tokens; it carries no text.
    clean = text.replace("\ufffd", "").strip()
    if options.simplified:
        clean = to_simplified(clean)
    if options.corrections:
        clean = apply_corrections(clean, options.corrections)
    if options.digits_to_chinese:
        clean = digits_to_chinese(clean)
    confidence = max(0.0, min(1.0, math.exp(avg_logprob) * (1.0 - no_speech_prob)))
    verdict = SegmentVerdict(text=clean, confidence=round(confidence, 4))

    if not _PUNCT.sub("", clean):
        verdict.drop_reason = "no text"
        return verdict
    if SUBTITLE_CREDITS.search(clean):
        verdict.drop_reason = "subtitle-credit phrase (hallucination)"
        return verdict
    if no_speech_prob > options.max_no_speech_prob and avg_logprob < options.min_avg_logprob:
        verdict.drop_reason = f"no speech (no_speech_prob {no_speech_prob:.2f}, avg_logprob {avg_logprob:.2f})"
        return verdict

    collapsed, looped = collapse_repeats(clean, options.max_repeat)
    ratio = compression if compression is not None else compression_ratio(clean)
    if no_speech_prob > options.max_no_speech_prob and (looped or ratio > options.max_compression_ratio):
        # Typical on noise/unclear audio with a hotword prompt: a looped service phrase that
        # would credit the agent with a greeting nobody said.
        verdict.drop_reason = f"loop on non-speech (no_speech_prob {no_speech_prob:.2f}, compression {ratio:.1f})"
        return verdict
    if _is_prompt_echo(clean, options) and no_speech_prob > options.max_no_speech_prob / 2:
        verdict.drop_reason = "echo of the prompt / hotwords (hallucination)"
        return verdict
    if looped:
        verdict.text = collapsed
        verdict.flags.append("asr_doubtful: repetition collapsed")
    if ratio > options.max_compression_ratio:
        verdict.flags.append(f"asr_doubtful: compression ratio {ratio:.1f}")
    if avg_logprob < options.min_avg_logprob:
        verdict.flags.append(f"asr_doubtful: avg_logprob {avg_logprob:.2f}")
    if no_speech_prob > options.max_no_speech_prob:
        verdict.flags.append(f"asr_doubtful: no_speech_prob {no_speech_prob:.2f}")
    if sparse(verdict.text, seconds, options):
        verdict.flags.append(f"asr_doubtful: {len(_SPOKEN.findall(verdict.text))} character(s) in {seconds:.1f} s "
                             "of speech")
    if verdict.confidence < options.low_confidence:
        verdict.flags.append("asr_low_confidence")
    return verdict
