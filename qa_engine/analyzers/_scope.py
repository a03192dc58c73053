"""Is a phrase hit the speaker's own act? Negation, reported speech and word boundaries.

禁语 are judged on what the agent *does*: 保证 in 无法给您保证 is a refusal to promise,
不知道 in 商家表示不知道 reports the merchant, and 滚 inside 滚动 is not a word of its own.
The cues (``negators``, ``reporters``) are declared in the rulebook; word boundaries and
parts of speech come from jieba, imported on first use (only utterances holding a hit are
segmented).

Reported speech is a cue up to 16 characters before the hit — the only sign ASR text (no
punctuation) gives — or, where the original text is punctuated, a quotation the hit stands
in: a quotation a speech verb opens (竟然说"谁让你…", 说：我们也没有办法), up to its closing mark
or the end of that sentence (酒店回复说："…我们也没办法！"), however far the cue is.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["judge", "parts_of_speech", "quoted", "word_boundaries"]

_NEGATION_TOKENS = 3  # a negator this many words before the hit negates it
_REPORT_CHARS = 16  # a reporting cue this many characters before the hit makes it reported
# A sentence ends at these; a quotation opened before the hit in the same sentence holds it.
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_SPEECH = "(说|道|称|讲|表示|回答|回复|答复|答|问|骂|喊)"
_SAY_COLON = re.compile(_SPEECH + r"\s*[:：]")
_SAY_QUOTE = re.compile(_SPEECH + r"\s*[:：]?\s*(?P<q>[“「『‘\"＂])")
_CLOSE_QUOTES, _BOTH_QUOTES = "”」』’", "\"＂"
_VERBAL = ("v", "p")  # jieba flags of a verb (v, vn, vd …) or a preposition (给, 为, 替)


@lru_cache(maxsize=4096)
def word_boundaries(text: str) -> tuple[frozenset[int], tuple[str, ...], tuple[int, ...]]:
    """(offsets where a jieba word starts or ends, the words, each word's start)."""
    try:
        import jieba
    except ImportError as exc:  # a core dependency; say how to fix a broken install
        raise ImportError("word-boundary scope needs jieba: pip install 'jieba>=0.42'") from exc
    jieba.setLogLevel(60)
    words, starts, pos = [], [], 0
    for w in jieba.lcut(text, HMM=False):
        words.append(w)
        starts.append(pos)
        pos += len(w)
    edges = frozenset(starts) | {pos}
    return edges, tuple(words), tuple(starts)


@lru_cache(maxsize=4096)
def parts_of_speech(text: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """(each word's start, its jieba part-of-speech flag) of ``text``."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    starts, flags, pos = [], [], 0
    for pair in jieba.posseg.lcut(text, HMM=False):
        starts.append(pos)
        flags.append(pair.flag)
        pos += len(pair.word)
    return tuple(starts), tuple(flags)


def quoted(original: str, start: int) -> bool:
    """Whether offset ``start`` of a punctuated text stands inside a quotation.

    Only the sentence holding the hit is read, and only quotations a speech verb opens:
    说："… / 骂"… not closed before the hit, or 说： / 回复： (to the end of the sentence).
    Quotation marks alone are also used for emphasis and for the writer's own words
    (送你三个字"滚犊子"), so they do not make a quotation.
    """
    before = original[:start]
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    sentence = before[ends[-1]:] if ends else before
    for m in _SAY_QUOTE.finditer(sentence):
        tail = sentence[m.end():]
        mark = m.group("q")
        if mark in _BOTH_QUOTES:
            if not any(q in tail for q in _BOTH_QUOTES):
                return True
        elif not any(q in tail for q in _CLOSE_QUOTES):
            return True
    return _SAY_COLON.search(sentence) is not None


def _followed_by_verb(text: str, end: int) -> bool:
    """Whether the word after ``text[:end]`` is a verb or preposition (an adverb before one counts)."""
    starts, flags = parts_of_speech(text)
    k = next((j for j, s in enumerate(starts) if s >= end), len(starts))
    if k < len(flags) and flags[k] in ("d", "ad"):  # 没办法再给您… · 没办法直接退
        k += 1
    return k < len(flags) and flags[k].startswith(_VERBAL)


def judge(text: str, start: int, end: int, scope: Any, book: Any, *, original: str = "",
          original_start: int = 0) -> bool:
    """Whether the hit ``text[start:end]`` (normalised utterance text) counts under ``scope``.

    ``original`` (the utterance as written) and ``original_start`` (the hit's offset in it)
    let reported speech see quotation marks, which normalisation removes.
    """
    if scope.reported:
        if book.reporters:
            before = text[max(0, start - _REPORT_CHARS):start]
            if any(r in before for r in book.reporters):
                return False
        if original and quoted(original, original_start):
            return False
    if scope.bare and _followed_by_verb(text, end):
        return False
    if not (scope.words or (scope.negated and book.negators)):
        return True
    edges, words, starts = word_boundaries(text)
    if scope.words and (start not in edges or end not in edges):
        return False
    if scope.negated and book.negators:
        k = next((j for j, s in enumerate(starts) if s >= start), len(words))
        previous = words[max(0, k - _NEGATION_TOKENS):k]
        negators = set(book.negators)
        if any(w in negators for w in previous):
            return False
    return True
