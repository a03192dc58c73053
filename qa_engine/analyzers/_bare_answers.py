"""Bare answers: a customer turn that only says yes or no (没有了 · 不用了 · 不对 · 好的), answering the agent.

Such a turn carries no feeling of its own — 没有了 answers 还有什么可以帮您的吗 — yet a text model reads its 没 / 不 as
negative (没有了没有了 0.62, 啊没了 0.69, 不对 0.91 on real calls). The sentiment analyzer leaves bare answers out of the
customer's mean and end of call; the per-utterance scores are unchanged.
"""

from __future__ import annotations

import re

from qa_engine.text import normalize

# Yes / no words, repeated or combined, with fillers and sentence particles around them.
_WORDS = ("没有", "没事", "没问题", "没了", "没", "不用", "不需要", "不要", "不是", "不对", "不了", "好的", "好", "行", "对",
          "是的", "是", "可以", "嗯", "哦", "噢", "啊", "呃", "唉", "哎", "诶", "了", "啦", "呀", "吧", "哈", "嘛", "的", "呢")
_BARE = re.compile("(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + ")+")
MAX_CHARS = 8  # longer turns say something besides yes or no


def is_bare_no(text: str) -> bool:
    """Whether ``text`` is a bare no: only yes / no words with fillers and particles (at most ``MAX_CHARS`` once
    normalised), a 没 or 不 among them."""
    if len(text) > 3 * MAX_CHARS:  # cheap: most turns are long, and normalising only shortens a text by its marks
        return False
    norm = normalize(text)
    return 0 < len(norm) <= MAX_CHARS and ("没" in norm or "不" in norm) and _BARE.fullmatch(norm) is not None
