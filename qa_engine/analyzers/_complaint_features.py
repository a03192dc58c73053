"""Conversation-level features of complaint risk, shared by training and inference.

A dialogue is reduced to *turns* (consecutive utterances of one speaker joined), so an STC3
Weibo thread and a transcribed phone call look alike. The features are the customer's
sentiment trajectory, escalation and anger language, persistence, the agent's apologies,
and the scores of text models over the customer's words; ``FEATURE_NAMES`` fixes the order.
Three call-shaped features read the whole call: explicit threats (``escalation.v1``'s
detector: negated or reported 投诉 does not count), the share of customer turns that repeat
an earlier one (a customer saying the same thing again is not being helped), and whether the
customer's last turns close calmly (谢谢 / 好的 / 再见) or not. Four dialogue-shape features
(customer turns, capped; whether the customer came back after the agent's first answer; the
length of the customer's last turn; an unresolved end: the customer has the last word and it
is not a calm close) and two text heads read on the customer's **last turn** alone say
whether the customer's last word was an unresolved complaint (``eval/complaint_cv.py``
measures what they add on STC3).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# Cue lexicons: category → words. Counted in the customer's text; each hit can be evidence.
CUES: dict[str, tuple[str, ...]] = {
    "compensation": ("退款", "退钱", "赔偿", "补偿", "赔钱", "退货", "退费"),
    "anger": ("垃圾", "骗子", "骗人", "欺骗", "坑人", "忽悠", "敷衍", "无语", "呵呵", "气死", "恶心",
              "差劲", "太差", "滚", "什么玩意", "搞什么", "离谱", "过分", "无耻", "流氓"),
    "persistence": ("一直", "多次", "几次", "好几次", "反复", "再次", "还是没", "到现在", "没人管",
                    "没人理", "没有人", "没回复", "石沉大海", "拖"),
    "questioning": ("为什么", "凭什么", "什么时候", "怎么回事", "到底", "难道"),
    "disappointment": ("失望", "再也不", "差评", "态度差", "态度不好", "态度恶劣", "什么态度", "不会再",
                       "销户", "转网"),
}
APOLOGY = ("抱歉", "对不起", "不好意思", "歉意", "给您带来")

# Rates, means and capped counts. Of the dialogue shape only what survives the change of
# register is kept: the customer-turn count is capped (every phone call sits at the cap, so
# it only shifts calls as a group, which the phone calibration absorbs), and who spoke last
# counts only when the customer's last word is not a calm close (a phone call ends with
# 再见 from either side).
TEXT_HEADS = ("dissatisfied_1", "dissatisfied_05", "neg_mean_s", "soft_1")  # on all the customer's words
LAST_HEADS = ("last_dissatisfied_1", "last_soft_1")  # on the customer's last turn only
FEATURE_NAMES: tuple[str, ...] = (
    "cust_neg_mean", "cust_neg_max", "cust_neg_last", "cust_neg_first", "cust_neg_frac",
    "cust_neg_turns", "agent_neg_mean", "exclamations_per_turn", "questions_per_turn",
    *(f"cue_{c}" for c in CUES), "agent_apology", "threats", "cust_repeats", "calm_close",
    "cust_turns", "cust_came_back", "last_turn_chars", "unresolved_end",
    "text_dissatisfied_1", "text_dissatisfied_05", "text_mean_s", "text_soft_1",
    "text_last_dissatisfied_1", "text_last_soft_1",
)
CAP = 3  # counts above this say nothing more in any register
TURN_CAP = 5  # customer turns: STC3 threads have 1–4, every phone call has more


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


CALM_CLOSE = ("谢谢", "感谢", "好的", "好吧", "行", "可以", "没问题", "再见", "拜拜", "辛苦")
UNCALM = ("不行", "不可以", "不好", "不用谢", "没用", "算了")


def repeat_share(texts: list[str], overlap: float = 0.5) -> float:
    """Share of turns whose character bigrams mostly (≥ ``overlap``) repeat an earlier turn."""
    seen: list[set[str]] = []
    repeats = 0
    for text in texts:
        grams = {text[i:i + 2] for i in range(len(text) - 1)}
        if len(grams) >= 4 and any(len(grams & g) >= overlap * len(grams) for g in seen):
            repeats += 1
        if len(grams) >= 4:
            seen.append(grams)
    return repeats / max(1, len(texts))


def calm_close(texts: list[str]) -> float:
    """1 when the customer's last two turns close calmly (谢谢, 好的, 再见 …), else 0."""
    tail = "".join(texts[-2:])
    return float(any(w in tail for w in CALM_CLOSE) and not any(w in tail for w in UNCALM))


def unresolved_end(turns: list[Turn]) -> float:
    """1 when the customer has the last word and it is not a calm close (谢谢, 好的, 再见 …):
    the agent's last answer did not settle it. Who spoke last alone separates STC3 threads
    as well, but a calm phone call often ends with the customer's 好的谢谢."""
    if not turns or turns[-1].speaker != "customer":
        return 0.0
    return 1.0 - calm_close([turns[-1].text])


def call_threats(conversation) -> list:
    """The explicit threats the complaint-risk model counts (feature ``threats``) and cites: the
    threat hits of ``escalation.detect_threats`` on the customer's utterances (the rules read in
    the conversation's context, then the learned second opinion, as ``QA_THREAT_OPINION`` says).
    ``ComplaintRiskAnalyzer`` and ``training.complaint`` both call this one function, so the count
    the stacker is fitted on is the count it reads at run time."""
    from qa_engine.analyzers.escalation import detect_threats

    return [h for h in detect_threats(conversation) if h.threat]


def feature_vector(turns: list[Turn], turn_neg: list[float], text_scores: np.ndarray,
                   threats: int = 0) -> np.ndarray:
    """Features of one dialogue; ``turn_neg`` is P(negative) per turn, ``text_scores`` the
    text model margins for ``TEXT_HEADS`` (all the customer's words) then ``LAST_HEADS``
    (the customer's last turn), ``threats`` the number of explicit threats the escalation
    detector found in the customer's turns."""
    cust = [i for i, t in enumerate(turns) if t.speaker == "customer"]
    agent = [i for i, t in enumerate(turns) if t.speaker == "agent"]
    cp = [turn_neg[i] for i in cust] or [0.5]
    ap = [turn_neg[i] for i in agent] or [0.5]
    ctext = "".join(turns[i].text for i in cust)
    atext = "".join(turns[i].text for i in agent)
    counts = {c: 0 for c in CUES}
    for category, _, _ in cue_hits(ctext):
        counts[category] += 1
    n_cust = max(1, len(cust))
    f = [float(np.mean(cp)), max(cp), cp[-1], cp[0], float(np.mean([p >= 0.5 for p in cp])),
         min(CAP, sum(p >= 0.5 for p in cp)), float(np.mean(ap)),
         min(CAP, (ctext.count("!") + ctext.count("！")) / n_cust),
         min(CAP, (ctext.count("?") + ctext.count("？")) / n_cust),
         *(min(CAP, counts[c]) for c in CUES),
         min(CAP, sum(atext.count(w) for w in APOLOGY)),
         min(CAP, threats), repeat_share([turns[i].text for i in cust]),
         calm_close([turns[i].text for i in cust]),
         min(TURN_CAP, len(cust)), float(len(cust) > 1), float(np.log1p(len(turns[cust[-1]].text) if cust else 0)),
         unresolved_end(turns),
         *(float(s) for s in text_scores)]
    return np.array(f, dtype=np.float64)
