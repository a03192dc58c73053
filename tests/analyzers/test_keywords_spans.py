"""Evidence spans index the original utterance text exactly, however it was written."""

from __future__ import annotations

import random

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.conversation import Conversation, Utterance
from qa_engine.text import fuzzy_key, normalize, pinyin_key

_NOISE = ["，", "。", " ", "、", "！", "…", "“", "”", "\u3000", "😀"]
_TRADITIONAL = str.maketrans("请问还么帮稍等谢来电见号为务", "請問還麼幫稍等謝來電見號為務")


def _decorate(rnd: random.Random, phrase: str) -> str:
    out = []
    for ch in phrase:
        if rnd.random() < 0.3:
            ch = ch.translate(_TRADITIONAL)
        if ch.isascii() and ch.isalnum() and rnd.random() < 0.5:
            ch = chr(ord(ch) + 0xFEE0)  # full width
        out.append(ch)
        if rnd.random() < 0.25:
            out.append(rnd.choice(_NOISE))
    return "".join(out)


def test_keywords_spans_point_into_decorated_original_text() -> None:
    analyzer = KeywordAnalyzer()
    phrases = [p for r in analyzer.rulebook.rules if r.kind == "required" for p in r.phrases]
    rnd = random.Random(20261123)
    checked = 0
    for k in range(40):
        chosen = rnd.sample(phrases, 6)
        utts, t = [], 0.0
        for p in chosen:
            text = rnd.choice(["好的", "嗯，", "那个", ""]) + _decorate(rnd, p) + rnd.choice(["。", "吧", "", "，谢谢"])
            utts.append(Utterance(speaker="agent", start=t, end=t + 2, text=text))
            utts.append(Utterance(speaker="customer", start=t + 2.5, end=t + 3, text="嗯"))
            t += 3.5
        conv = Conversation(id=f"span-{k}", utterances=utts)
        for finding in analyzer.analyze(conv).items.values():
            for hit in finding.detail.get("hits", []):
                u, (s, e) = hit["utterance"], hit["span"]
                original = conv.utterances[u].text[s:e]
                assert original == hit["text"]
                norm, target = normalize(original), normalize(hit["phrase"])
                key = {"exact": str, "pinyin": pinyin_key, "fuzzy_pinyin": fuzzy_key}.get(hit["mode"])
                if key is not None:
                    assert key(norm) == key(target), (original, hit)
                checked += 1
            for ev in finding.evidence:
                if ev.span is not None:
                    assert conv.utterances[ev.utterance].text[ev.span[0]:ev.span[1]] == ev.text
    assert checked > 100
