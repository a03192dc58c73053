"""How closely some span of an ASR text sounds like a phrase: the test that lets a
low-confidence utterance excuse a missed phrase only where the phrase could be.

Both sides become syllables (``qa_engine.text.syllables``), merged into their fuzzy-pinyin
class (``fuzzy_syllable``: zh/z, n/l, ing/in …, the classes the rulebook's tolerant
matching already merges). The cost of reading the phrase somewhere in the text is an edit
distance with a free start and end in the text (approximate substring matching, Sellers
1980): a syllable heard as one of its class costs 0, one that keeps its initial or its
final (好 → 号 → 航: the recogniser mishears part of a syllable) 0.5, any other 1, a
syllable missing or extra 1. Similarity = 1 − cost / syllables of the phrase (≥ 0).

Examples (fuzzy classes, costs): 您好 in 零航空号 … → lin·hao vs lin·han: 0.75;
感谢您的来电 in 当天灵的爱点 → 0.67; 尾号 in 好的请问还有什么可以帮您 → 0.5.
"""

from __future__ import annotations

import functools

from qa_engine.text import fuzzy_syllable, syllables

__all__ = ["key", "resemblance", "best_resemblance"]

_VOWELS = "aeiouv"


@functools.cache
def _parts(syllable: str) -> tuple[str, str, str]:
    """(fuzzy class, initial, final) of a syllable; a non-Chinese token is its own class."""
    f = fuzzy_syllable(syllable)
    for i, c in enumerate(f):
        if c in _VOWELS:
            return f, f[:i], f[i:]
    return f, f, ""


def key(text: str) -> tuple[tuple[str, str, str], ...]:
    """``text`` as syllable parts, ready for ``resemblance``."""
    return tuple(_parts(s) for s in syllables(text) if s.strip())


def resemblance(phrase: tuple[tuple[str, str, str], ...], text: tuple[tuple[str, str, str], ...]) -> float:
    """1 − the cheapest cost of reading ``phrase`` in some span of ``text`` / its length."""
    m = len(phrase)
    if not m:
        return 0.0
    # The substitution cost is written out in the loop: it runs for every syllable pair of every
    # doubtful line against every phrase, and a function call per pair halved the speed.
    classes = [p[0] for p in phrase]
    initials = [p[1] for p in phrase]
    finals = [p[2] for p in phrase]
    # prev[i]: cheapest cost of phrase[:i] ending at the current text position (free start).
    prev = [float(i) for i in range(m + 1)]
    best = prev[m]
    for t_class, t_initial, t_final in text:
        cur = [0.0] * (m + 1)
        left = 0.0
        for i in range(1, m + 1):
            j = i - 1
            if classes[j] == t_class:
                cost = 0.0
            elif (initials[j] and initials[j] == t_initial) or (finals[j] and finals[j] == t_final):
                cost = 0.5  # heard in part: its initial or its final kept
            else:
                cost = 1.0
            # read as (substitution), lost from the text (deletion), extra in the text (insertion)
            left = min(prev[j] + cost, prev[i] + 1.0, left + 1.0)
            cur[i] = left
        best = min(best, left)
        prev = cur
    return max(0.0, 1.0 - best / m)


def best_resemblance(phrases: list[tuple[str, tuple[tuple[str, str, str], ...]]],
                     text: tuple[tuple[str, str, str], ...], beat: float = 0.0) -> tuple[float, str]:
    """(similarity, phrase) of the phrase that ``text`` resembles most; (``beat``, '') when none
    resembles it more than ``beat`` (the best found elsewhere: alignments that cannot beat it
    are skipped)."""
    best, which = beat, ""
    if not text:
        return best, which
    classes = {t[0] for t in text}
    initials = {t[1] for t in text if t[1]}
    finals = {t[2] for t in text if t[2]}
    for phrase, k in phrases:
        # A lower bound on the cost: each phrase syllable is read as its nearest text syllable
        # or lost. Skip the alignment when even that cannot beat the best so far.
        floor = sum(0.0 if c in classes else 0.5 if (i and i in initials) or (f and f in finals) else 1.0
                    for c, i, f in k)
        if 1.0 - floor / len(k) <= best:
            continue
        s = resemblance(k, text)
        if s > best:
            best, which = s, phrase
            if best >= 1.0:
                break
    return best, which
