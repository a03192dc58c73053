"""A step told as what the caller would have done had something not happened (要不是你们后来把钱退了，我早就去旅游局了),
or a plan the caller had and events overtook (本来我要去告你们的 法院都查好了 结果师傅今天修好了): an unreal past, so no
step taken or threatened now."""

from __future__ import annotations

import re

from qa_engine.analyzers._escalation_earlier import _REOPENED

# The condition that did not hold, in an earlier clause of the same sentence: 要不是 / 若不是 / 如果不是 (…), or 幸亏 / 多亏 /
# 还好 (…) followed by 不然 / 要不然 / 否则 in the cue's own clause.
_IF_NOT = r"(?:要不是|若不是|如果不是|要是不是|不是因为|要是没有|如果没有|要没有)"
_LUCKY = r"(?:幸亏|多亏|幸好|还好|好在)"
_UNREAL_IF = re.compile(_IF_NOT + r"[^。！？!?]{1,24}$")
_LUCKY_IF = re.compile(_LUCKY + r"[^。！？!?]{1,24}$")
_ELSE = r"(?:不然|要不然|要不|否则)[，,\s]?"
# The consequent: (我) 早就 / 早 (都) + at most a verb of going before the cue, and 了 after it in the clause (早就去旅游局了,
# 早投诉你们了) — 早就 + 了 is what would have happened long ago; 我现在就去旅游局 is no unreal past.
_LONG_AGO = r"(?:我|俺)?(?:也|都)?(?:早就|早都|早已|早)(?:都|已经|就)?[^，。！？,.!?\s]{0,4}$"
_LONG_AGO_PRE = re.compile(r"^(?:那)?" + _LONG_AGO)
_LONG_AGO_ELSE_PRE = re.compile(r"^" + _ELSE + _LONG_AGO)
# Fortieth pass (fresh57_dev: 幸亏 后来 你们 师傅 把 那个 摔坏 的 柜门 给 赔 了 不然 我 早就 去 消协 了): a recogniser's run-on line
# has no comma between the condition and the consequent, so both may stand in the cue's own clause — read there as the same
# frame (the condition, then 不然 / 否则 + 早就, right before the cue).
_RUN_ON_UNREAL = re.compile(_IF_NOT + r"[^，。！？,.!?]{1,24}?" + _LONG_AGO
                            + "|" + _LUCKY + r"[^，。！？,.!?]{1,24}?" + _ELSE + _LONG_AGO)
_DONE_POST = re.compile(r"^[^，。！？,.!?]{0,8}?了")
_SENTENCE_END = re.compile(r"[。！？!?]")


def would_have_taken(text: str, left: int, start: int, end: int) -> bool:
    """The cue ``text[start:end]`` (its clause opening at ``left``) is the consequent of an unreal past: a condition that did
    not hold (要不是 …, 幸亏 … 不然) in an earlier clause of its sentence, and 早就 … 了 around the cue (thirty-ninth pass)."""
    if not _DONE_POST.search(text[end:]):
        return False
    sentence = max((m.end() for m in _SENTENCE_END.finditer(text, 0, left)), default=0)
    before, clause_pre = text[sentence:left], text[left:start]
    if _UNREAL_IF.search(before) and _LONG_AGO_PRE.search(clause_pre):
        return True
    if _RUN_ON_UNREAL.search(clause_pre):
        return True
    return bool(_LUCKY_IF.search(before) and _LONG_AGO_ELSE_PRE.search(clause_pre))


# Forty-fourth pass (fresh52's 本来 我 要去告你们的 法院都查好了 结果师傅今天修好了): a plan opened with 本来 / 原本 and, later in
# the sentence, 结果 / 后来 / 最后 + the matter settled. Every cue inside the plan is part of it (法院都查好了 is the same
# lawsuit prepared), not only the one right after 本来. Not when the plan is taken up again (我还是要去 · 这次我一定告).
_PLAN_OPEN = re.compile(r"(?:本来|原本)(?:(?!结果|后来|最后|但是|可是|不过)[^。！？!?]){0,24}$")
_OVERTAKEN = re.compile(r"^(?:(?!结果|后来|最后)[^。！？!?]){0,16}?(?:结果|后来|最后)[^，。！？,.!?]{0,10}?(?<![没不未还])"
                        r"(?:修好|解决了|退了|赔了|退款了|到账了|处理好|办好|搞定|送到了|送来了|好了)")
# A settled step taken up again (``_REOPENED``), also 现在 and 告: 我现在要去 · 我还是要告
_TAKEN_UP_AGAIN = re.compile(_REOPENED.pattern + r"|我现在(?:要|会|得|去|打|找|告)|我(?:这次|这回|还是|还|再|又)告")


def plan_overtaken(text: str, start: int, end: int) -> bool:
    """The cue ``text[start:end]`` lies in a plan opened by 本来 / 原本 that the sentence says events overtook (结果 / 后来 …
    the matter settled), and the caller does not take it up again (forty-fourth pass)."""
    sentence = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    if not _PLAN_OPEN.search(text, max(sentence, start - 30), start):
        return False
    after = text[end:]
    return bool(_OVERTAKEN.search(after)) and not _TAKEN_UP_AGAIN.search(after)


# Fifty-first pass (fresh70's 我都把市长热线的号码翻出来了，准备打。结果八点半你们师傅就到了，修得也快，那就不打了): a step however it
# was planned, dropped later in the turn once the matter settled — 结果 / 后来 … the matter settled … 就不打了 / 就算了, within a few
# sentences of the cue. The plan need not open with 本来, because the drop says it in so many words. Not when the caller takes it up
# again (我现在还是要去).
_SETTLED_THEN_DROPPED = re.compile(r"(?:结果|后来|最后|然后)[^。！？!?]{0,24}?(?<![没不未还])(?:到了|来了|修好|修得|解决了?|退了|赔了|到账"
                                   r"|处理好|办好|搞定|好了)[^。！？!?]{0,40}?(?:那就|就|也就|那我就|我就|我也就)"
                                   r"(?:不(?:打|去|找|告|投诉|举报|报警|起诉|闹|反映)了|算了)")
_DROP_REACH = 100


def dropped_once_settled(text: str, end: int) -> bool:
    """After the cue ending at ``end``, the turn says the matter settled and the caller dropped the step (fifty-first pass)."""
    m = _SETTLED_THEN_DROPPED.search(text, end, end + _DROP_REACH)
    return m is not None and not _TAKEN_UP_AGAIN.search(text, m.end())
