"""Is a phrase hit the speaker's own act? Negation, reported speech and word boundaries.

禁语 are judged on what the agent *does*: 保证 in 无法给您保证 is a refusal to promise,
不知道 in 商家表示不知道 reports the merchant, and 滚 inside 滚动 is not a word of its own.
The cues (``negators``, ``reporters``) are declared in the rulebook; word boundaries come
from jieba, imported on first use (only utterances holding a hit are segmented).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["judge", "word_boundaries"]

_NEGATION_TOKENS = 3  # a negator this many words before the hit negates it
_REPORT_CHARS = 16  # a reporting cue this many characters before the hit makes it reported


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


def judge(text: str, start: int, end: int, scope: Any, book: Any) -> bool:
    """Whether the hit ``text[start:end]`` (normalised utterance text) counts under ``scope``."""
    if scope.reported and book.reporters:
        before = text[max(0, start - _REPORT_CHARS):start]
        if any(r in before for r in book.reporters):
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
