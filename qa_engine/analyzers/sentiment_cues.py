"""Cue features for the sentiment negative score: irony, repeat contact, waiting, rhetoric.

A char n-gram model reads 不错嘛 or 真快 as praise and 第三次 or 还没 as nothing in
particular; a complaint that says "not bad — third call and still the same script" or "4G
really is fast: an hour and still not my turn" then ranks below real thanks. These few
binary cues (regular expressions over the turn's text) add what a bag of n-grams cannot:
the *co-occurrence* of praise with a failure or a duration, and the forms of repeat contact,
waiting and rhetorical questions. Their weights are fitted together with the polarity head
(``training/sentiment_three.fit_polarity``) and stored beside it in ``metadata.json``; the
same function computes them at training and at run time.
"""

from __future__ import annotations

import re

import numpy as np

_PRAISE = r"(不错|真快|好快|真棒|真好|好样的|厉害|佩服|效率|真行|可真|真是好|太好了|谢谢你们|高端|神级|给力|周到|真心好|牛|靠谱)"
_FAILURE = (r"(还是|又|第[二三四五六七八九十几]次|一直|没人|没有人|还没|小时|天了|多久|等了|不能|不行|没有|打不|不了|慢|半天"
            r"|失灵|坏|卡|掉线|投诉)")
# a fix reported, not asked about (解决了吗？, 说好的解决了呢 are no thanks for a fix)
_RESOLVED = r"(解决了|好了|可以了|恢复了|恢复正常|搞定|圆满|收到了|到了|修好|通了|弄好)(?![吗呢嘛没么？?])"
_THANKS = r"(谢|感谢|赞|满意|表扬|支持)"

_RESOLVED_THANKS = re.compile(f"^(?!.*(说好的|不是说)).*({_RESOLVED}.{{0,14}}{_THANKS}|{_THANKS}.{{0,14}}{_RESOLVED})",
                              re.MULTILINE)
_PRAISE_RE, _FAILURE_RE, _HEHE = re.compile(_PRAISE), re.compile(_FAILURE), re.compile("呵呵")

CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("repeat_contact", re.compile(r"第[二三四五六七八九十几]次|好几次|多少次|不止一次|无数次|一次次|几遍|多少遍|好几遍"
                                  r"|(反映|反馈|打|催|说)了.{0,6}[次遍]")),
    ("waiting", re.compile(r"(等了|已经|都|快).{0,8}(小时|天|周|礼拜|星期|个月|分钟)了?|到现在|至今"
                           r"|还没(有)?(到|收到|处理|解决|回复|联系|人|修|装|发货|退)")),
    ("nobody", re.compile(r"(没人|没有人|无人)(理|管|回|联系|处理|接|问津)")),
    ("rhetorical", re.compile(r"难道|凭什么|什么意思|有用吗|有意思吗|何用|(是|好)吗[？?]|[？?]{2,}|谁来|还要我"
                              r"|(怎么|为什么|为啥).{0,12}(还|又|都)")),
    ("pleasant_surprise", re.compile(r"(没想到|想不到|没料到|居然|竟然).{0,6}(快|好|及时|准|便宜|给力|不错|周到|解决)")),
)
# praise beside a failure or a duration (irony) and 呵呵 beside one, in either order; then
# thanks near a fix; then the single-pattern cues
CUE_NAMES = ("praise_with_failure", "hehe_with_failure", "resolved_thanks") + tuple(name for name, _ in CUES)


def cue_matrix(texts: list[str]) -> np.ndarray:
    """Binary cue features (texts × ``len(CUE_NAMES)``).

    Each pattern scans the distinct texts joined by newlines once (no pattern crosses a
    line), so the cost is a few scans per batch rather than eight searches per text."""
    out = np.zeros((len(texts), len(CUE_NAMES)), dtype=np.float32)
    if not texts:
        return out
    uniq = list(dict.fromkeys(texts))
    lines = [t.replace("\n", " ") for t in uniq]
    joined = "\n".join(lines)
    starts = np.cumsum([0] + [len(t) + 1 for t in lines[:-1]])

    def hit(pattern: re.Pattern[str]) -> np.ndarray:
        found = np.zeros(len(uniq), dtype=bool)
        at = [m.start() for m in pattern.finditer(joined)]
        if at:
            found[np.searchsorted(starts, at, side="right") - 1] = True
        return found

    rows = np.zeros((len(uniq), len(CUE_NAMES)), dtype=np.float32)
    failure = hit(_FAILURE_RE)
    rows[:, 0] = failure & hit(_PRAISE_RE)
    rows[:, 1] = failure & hit(_HEHE)
    rows[:, 2] = hit(_RESOLVED_THANKS)
    for j, (_, pattern) in enumerate(CUES, start=3):
        rows[:, j] = hit(pattern)
    index = {t: i for i, t in enumerate(uniq)}
    return rows[[index[t] for t in texts]]
