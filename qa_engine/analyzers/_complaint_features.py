"""Conversation-level features of complaint risk, shared by training and inference.

A dialogue is reduced to *turns* (consecutive utterances of one speaker joined), so an STC3
Weibo thread and a transcribed phone call look alike. The features are the customer's
sentiment trajectory, escalation and anger language, persistence, the agent's apologies,
and the scores of text models over the customer's words; ``FEATURE_NAMES`` fixes the order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# Cue lexicons: category → words. Counted in the customer's text; each hit can be evidence.
CUES: dict[str, tuple[str, ...]] = {
    "escalation": ("投诉", "12315", "曝光", "领导", "上级", "主管", "经理", "媒体", "记者", "律师",
                   "工商", "消协", "消费者协会", "起诉", "举报", "315", "报警", "法院"),
    "compensation": ("退款", "退钱", "赔偿", "补偿", "赔钱", "退货", "退费"),
    "anger": ("垃圾", "骗子", "骗人", "欺骗", "坑人", "忽悠", "敷衍", "无语", "呵呵", "气死", "恶心",
              "差劲", "太差", "滚", "什么玩意", "搞什么", "离谱", "过分", "无耻", "流氓"),
    "persistence": ("一直", "多次", "几次", "好几次", "反复", "再次", "还是没", "到现在", "没人管",
                    "没人理", "没有人", "没回复", "石沉大海", "拖"),
    "questioning": ("为什么", "凭什么", "什么时候", "怎么回事", "到底", "难道", "有没有"),
    "disappointment": ("失望", "再也不", "差评", "态度", "不会再", "销户", "转网", "取消"),
}
APOLOGY = ("抱歉", "对不起", "不好意思", "歉意", "给您带来")

FEATURE_NAMES: tuple[str, ...] = (
    "cust_neg_mean", "cust_neg_max", "cust_neg_last", "cust_neg_first", "cust_neg_frac",
    "agent_neg_mean", "cust_turns", "turns", "log_cust_chars", "exclamations", "questions",
    "last_turn_customer", "log_last_cust_chars",
    *(f"cue_{c}" for c in CUES), "agent_apology",
    "text_dissatisfied_1", "text_dissatisfied_05", "text_mean_s",
)
TEXT_HEADS = ("dissatisfied_1", "dissatisfied_05", "neg_mean_s")


@dataclass
class Turn:
    speaker: str  # "customer" | "agent"
    text: str
    utterances: list[int]  # indices into the conversation (empty for training data)


def turns_from_pairs(pairs: list[tuple[str, str, int | None]]) -> list[Turn]:
    """Group (speaker, text, utterance index) in order into turns of one speaker."""
    out: list[Turn] = []
    for speaker, text, index in pairs:
        if not text.strip():
            continue
        if out and out[-1].speaker == speaker:
            out[-1].text += text
            if index is not None:
                out[-1].utterances.append(index)
        else:
            out.append(Turn(speaker, text, [] if index is None else [index]))
    return out


@lru_cache(maxsize=1)
def _automaton():
    import ahocorasick

    auto = ahocorasick.Automaton()
    for category, words in CUES.items():
        for word in words:
            auto.add_word(word, (category, word))
    auto.make_automaton()
    return auto


def cue_hits(text: str) -> list[tuple[str, str, int]]:
    """(category, cue, offset) for every cue occurrence in ``text``, overlaps included."""
    return sorted((category, word, end - len(word) + 1)
                  for end, (category, word) in _automaton().iter(text)) if text else []


def customer_text(turns: list[Turn]) -> str:
    return "。".join(t.text for t in turns if t.speaker == "customer")


def feature_vector(turns: list[Turn], turn_neg: list[float], text_scores: np.ndarray) -> np.ndarray:
    """Features of one dialogue; ``turn_neg`` is P(negative) per turn, ``text_scores`` the
    customer-text model margins for ``TEXT_HEADS``."""
    cust = [i for i, t in enumerate(turns) if t.speaker == "customer"]
    agent = [i for i, t in enumerate(turns) if t.speaker == "agent"]
    cp = [turn_neg[i] for i in cust] or [0.5]
    ap = [turn_neg[i] for i in agent] or [0.5]
    ctext = "".join(turns[i].text for i in cust)
    atext = "".join(turns[i].text for i in agent)
    counts = {c: 0 for c in CUES}
    for category, _, _ in cue_hits(ctext):
        counts[category] += 1
    f = [float(np.mean(cp)), max(cp), cp[-1], cp[0], float(np.mean([p >= 0.5 for p in cp])),
         float(np.mean(ap)), len(cust), len(turns), math.log1p(len(ctext)),
         ctext.count("!") + ctext.count("！"), ctext.count("?") + ctext.count("？"),
         float(bool(turns) and turns[-1].speaker == "customer"),
         math.log1p(len(turns[cust[-1]].text) if cust else 0),
         *(math.log1p(counts[c]) for c in CUES),
         math.log1p(sum(atext.count(w) for w in APOLOGY)),
         *(float(s) for s in text_scores)]
    return np.array(f, dtype=np.float64)
