"""One customer utterance scanned: every cue found, overlaps resolved, each classified; the
``ThreatHit`` record and ``scan_text``."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from qa_engine.analyzers._escalation_classify import classify
from qa_engine.analyzers._escalation_cues import _ANY_CUE, _PATTERNS
from qa_engine.analyzers._escalation_nouns import _NOUN_CATEGORIES
from qa_engine.analyzers._escalation_places import _SERVING_GAP
from qa_engine.analyzers._escalation_reading import _FILLER, _segmented, _without_fillers, rules_reading
from qa_engine.analyzers._escalation_scope import IF_NOT_THEN, _clause_bounds

_NOUN_REASONS = frozenset({"place", "mention", "service"})
# "procedure" (twenty-sixth pass): 还是打12315投诉？ — the complaint made at the body asked about is asked about too
# "someone_else" (twenty-ninth pass): 我妈要去消协告你们 — the second cue of the phrase is the same person's step
_CARRIED_REASONS = frozenset({"reported", "negated", "procedure", "someone_else"})
_JOINERS = set("的了被和或也跟")
# Seventieth pass (fresh103's 我不是要找律师跟你们打官司): the next cue after 跟 / 和 + a party is the same phrase (找律师跟你们打官司)
_WITH_PARTY_GAP = re.compile(r"\s?(?:去|来)?(?:跟|和|同|与)(?:你们|您们|你|您|他们|她们|他|她|贵公司|你们公司)\s?")
# Ninety-first pass (fresh156's 他说你爱投诉就投诉去): someone's 爱 / 要 X 就 (去) X, the same words told, carries the report
_TOLD_DARE_GAP = re.compile(r"(?:那|那你|你)?就去?")
# Fifty-third pass (fresh73's 她…说要打幺二三四五投诉你们 还说要找电视台): the same speaker going on with 还 / 又 / 也 说(要)
_ALSO_SAID_GAP = re.compile(r"(?:你们|他们|她们)?[^我你，。！？,.!?]{0,6}?[\s，,]?(?:还|又|也|并且|而且|还一直)说(?:要|他要|她要|一定要)?(?:去|打|找|请|上)?"
                            # fifty-fourth pass (fresh74's …嚷着要打12315，还要找记者来拍): the same speaker's next step, 还要 + verb
                            r"|(?:你们|他们|她们)?[\s，,]?(?:还|又|也)要(?:找|打|去|叫|请|上)")


@dataclass(frozen=True)
class ThreatHit:
    """One cue in one customer utterance and whether it counts as a threat."""

    utterance: int
    span: tuple[int, int]
    category: str
    cue: str
    sentence: str  # the clause around the cue, for display
    threat: bool
    reason: str  # "threat", or why set aside: negated / reported / someone_else / withdrawn / resolved / place / question / procedure / prior / mention / service / incident / accepted
    # Set only when the learned second opinion ran (``SecondOpinion``): its name and probability, and the
    # rules' own reason where the model changed the decision (reason then model_veto / model_threat).
    model: str | None = None
    probability: float | None = None
    rule_reason: str | None = None
    # A cue of ``RULE_ONLY_PATTERNS`` (added after the second opinion was trained): the model never judges it.
    rule_only: bool = False


# Sixty-fifth pass (fresh93's 我今天上午已经报警了，派出所的人说会去你们店里调查, and the police reports told as done that blind
# writers label threats in fresh72, fresh78, fresh88): the caller's own report to the police, told as done, that the rules read as
# a threat stands — the learned vetoes, trained on calls where 报警 was mostly an alarm, a game or a costume, do not set it aside
_POLICE_CALLED = re.compile(r"(?:我|俺|本人)[^，。！？,.!?他她]{0,8}?(?:已经|以经|早就|刚才|刚刚|都)\s?(?:报(?:了)?警|报了?案)"
                            # seventieth pass (fresh102's 报警我已经报了 就是刚才那个司机…): the report named first, told as done after
                            r"|报(?:了)?警\s?(?:我|俺|本人)(?:已经|以经|早就|刚才|刚刚|都)\s?报(?:了|过了?)"
                            # Hundred-and-third pass (fresh217's 摄像头我拍照了，也已经报警，派出所做了笔录): the report told as done
                            # opening a clause, its subject the caller's dropped 我 (也 / 都 / 我也 + 已经)
                            r"|^(?:我)?(?:也|都)(?:已经|以经|早就)\s?报(?:了)?(?:警|案)")
# Seventieth pass (fresh102's 12315的号码我已经查好了，今天下午还找不到件，我就打过去): a hotline the rules read as a threat, and the
# caller's own dialling of it announced later in the same sentence — the learned vetoes read only the words around the number
# (a number looked up), so they do not set it aside; not a call to ask something (我就打过去问问)
_HOTLINE_DIALLED = re.compile(r"[^。！？!?]*?(?:我|俺)?(?:就|马上|立马|立刻|直接|这就|现在就)\s?(?:打|拨)(?:过去|这个电话|这个号码?|那个电话|那个号码?)"
                              r"(?!\s?(?:问|咨询|查|了解))"
                              # Hundred-and-first pass (fresh204's 一二三一五我是会打的，先跟你说一声): the number named first, then the
                              # caller's firm 我是会打的 / 我肯定要打
                              # (真 / 真的 after 是 since the hundred-and-fourth pass: fresh230's 12315我是真会打的)
                              r"|(?:我|俺)(?:是|就是)?(?:真的|真)?(?:一定|肯定|铁定)?(?:会|要)(?:打|拨)(?:的|过去)?(?=$|[，。！？,.!?\s])")


# Ninety-eighth pass (fresh182's 扣我押金和违约金的事，我已经向法院递了诉状): the caller's own lawsuit told as done — filed, its case
# opened, the company sued — stands against the learned vetoes, as the report to the police told as done does; a calm tone
# about it (asking for the legal department's number) is what the call model reads low
_SUIT_FILED = re.compile(r"(?:我|俺|本人)(?!朋友|同事|同学|室友|家|妈|爸|老|爱人|哥|姐|弟|妹|儿子|女儿|闺女|邻居|亲戚|们)"
                         r"[^，。！？,.!?他她]{0,8}?(?:已经|以经|早就|都)\s?"
                         r"(?:(?:向|去|到|跟|在)法院[^，。！？,.!?]{0,3}?(?:递|交|提|立|起诉|告)|起诉|把你们告|告了?你们|立了?案)")


def suit_filed_by_caller(hit: ThreatHit) -> bool:
    """``hit`` is a legal cue inside the caller's own lawsuit told as done (我已经向法院递了诉状, 我已经起诉你们了)."""
    return hit.category == "legal" and any(hit.cue in m.group() for m in _SUIT_FILED.finditer(hit.sentence))


def police_called_by_caller(hit: ThreatHit) -> bool:
    """``hit`` is a police cue inside the caller's own report to the police told as done (我今天上午已经报警了)."""
    return hit.category == "police" and any(hit.cue in m.group() for m in _POLICE_CALLED.finditer(hit.sentence))


# Seventy-second pass (fresh106's 差评我是一定会给的，除非你们把这单的钱退给我): the review named first and the caller's firm
# intention right after it (一定 / 肯定 / 必须 / 绝对) — the second opinion, reading the words around the review, set it aside
# (写定了 / 给定了, the caller's mind made up, since the seventy-eighth pass: fresh118's 这个差评我是写定了)
_FIRM_REVIEW = re.compile(r"(?:我|俺)(?:是)?(?:(?:一定|肯定|必须|绝对|铁定)(?:是)?(?:会|要|得)?(?:给|写|打|发|留)"
                          r"|(?:写|给|打|发)定了)")
# Hundred-and-first pass (fresh203's 这家店我保证给他差评): the caller's firm intention right before the review, as after it
_FIRM_REVIEW_BEFORE = re.compile(r"(?:我|俺)(?:是)?(?:一定|肯定|必须|绝对|铁定|保证)(?:是)?(?:会|要|得)?(?:给|写|打|发|留)"
                                 r"(?:他|她|他们|你们|这家店?|这个店|商家|店家)?(?:个|一个|条|一条)?$")


# Hundred-and-second pass (fresh214's 我要报警，司机半路把我和孩子赶下车，还骂人。): the caller's own plain announcement, 我要报警 /
# 我现在就报警 opening a sentence or a clause — the second opinion had set it aside at 0.28
# (two adverbs, 我马上就报警, since the hundred-and-third pass: fresh217)
# (会, 我会报警的, since the hundred-and-fourth pass: fresh228)
_POLICE_ANNOUNCED = re.compile(r"(?:^|[，。！？,.!?\s])(?:我|俺)(?:现在|今天)?(?:就|马上|这就|立马|直接|必须){0,2}(?:要|会)?(?:去)?报(?:警|案)")


def police_announced_by_caller(hit: ThreatHit, text: str) -> bool:
    """``hit`` is a police cue the caller announces in their own voice at the head of a clause (我要报警)."""
    return hit.category == "police" and any(m.end() == hit.span[1] for m in _POLICE_ANNOUNCED.finditer(text, 0, hit.span[1]))


def police_warned_by_caller(hit: ThreatHit, text: str) -> bool:
    """``hit`` is a police cue the caller warns of after an unmet condition (今天中午之前不让我看，我就报警; ninety-ninth pass,
    fresh180: the second opinion had set it aside at 0.22)."""
    return hit.category == "police" and IF_NOT_THEN.search(text, 0, hit.span[0]) is not None


def kept_from_vetoes(hit: ThreatHit, text: str) -> bool:
    """``hit`` (a cue of the utterance ``text``) is a step the learned vetoes do not set aside: the caller's own report to
    the police or lawsuit told as done, a police report warned of after an unmet condition or announced (我要报警), a hotline whose dialling the caller announces after it (12315的号码我查好了…我就打过去), or a
    review named first with the caller's firm intention after it (差评我是一定会给的)."""
    if (police_called_by_caller(hit) or suit_filed_by_caller(hit) or police_warned_by_caller(hit, text)
            or police_announced_by_caller(hit, text)):
        return True
    if hit.category == "review":
        return (_FIRM_REVIEW.match(text, hit.span[1]) is not None
                or _FIRM_REVIEW_BEFORE.search(text, 0, hit.span[0]) is not None)
    return hit.category == "hotline" and _HOTLINE_DIALLED.match(text, hit.span[1]) is not None


def scan_text(text: str, utterance: int = 0) -> list[ThreatHit]:
    """Every cue in one customer utterance, each classified; overlapping cues keep the longest.

    The rules read ``rules_reading(text)`` (Traditional as Simplified, ASCII lower case, a cue word written with one
    character of the same sound as the word); fillers (嗯, 呃, 那个) and spaces between digits are read past. Spans, cues and
    sentences refer to ``text``.
    """
    read = rules_reading(text)
    hits = _scan_reading(read, utterance)
    if read == text:
        return hits
    out = []
    for h in hits:
        left, right = _clause_bounds(text, *h.span)
        out.append(replace(h, cue=text[h.span[0]:h.span[1]], sentence=text[left:right].strip()))
    return out


def _scan_reading(text: str, utterance: int) -> list[ThreatHit]:
    segmented = _segmented(text)
    if _FILLER.search(text) is None and not segmented:
        return _scan(text, utterance)
    clean, kept = _without_fillers(text, segmented)
    hits = _scan(clean, utterance)
    out = []
    for h in hits:
        start, end = kept[h.span[0]], kept[h.span[1] - 1] + 1
        left, right = _clause_bounds(text, start, end)
        out.append(replace(h, span=(start, end), cue=text[start:end], sentence=text[left:right].strip()))
    return out


def _scan(text: str, utterance: int) -> list[ThreatHit]:
    if not _ANY_CUE.search(text):
        return []
    found: list[tuple[int, int, str, bool]] = []
    for category, pattern, rule_only in _PATTERNS:
        for m in pattern.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), category, rule_only))
    if any(f[3] for f in found):
        # a rule-only cue never displaces a cue of CUE_PATTERNS (the second opinion's candidates stay as trained)
        plain = [f for f in found if not f[3]]
        found = plain + [f for f in found if f[3] and not any(f[0] < p[1] and p[0] < f[1] for p in plain)]
    found.sort(key=lambda f: (f[0], -(f[1] - f[0]), f[3]))
    hits: list[ThreatHit] = []
    taken_until = 0
    for start, end, category, rule_only in found:
        if start < taken_until:
            continue
        left, right = _clause_bounds(text, start, end)
        prev = hits[-1] if hits else None
        gap = text[prev.span[1]:start] if prev is not None else None
        if (prev is not None and prev.reason in _NOUN_REASONS and category in _NOUN_CATEGORIES
                and (gap in ("", "的") or _SERVING_GAP.fullmatch(gap))):
            reason = prev.reason  # one noun phrase: 我是市电视台的记者 (the 记者 is the same person)
        elif prev is not None and prev.reason in _CARRIED_REASONS and (
                (len(gap) <= 2 and set(gap) <= _JOINERS) or _ALSO_SAID_GAP.fullmatch(gap)
                or _WITH_PARTY_GAP.fullmatch(gap) or (prev.reason == "reported" and _TOLD_DARE_GAP.fullmatch(gap))):
            # one phrase: 听说你们被媒体曝光了, 他说要投诉举报你们, 不是要找律师跟你们打官司; and the same speaker going on
            # (说要报警 还说要找律师)
            reason = prev.reason
        else:
            reason = classify(text, start, end, category, after=taken_until)
        taken_until = end
        hits.append(ThreatHit(utterance, (start, end), category, text[start:end], text[left:right].strip(),
                              reason == "threat", reason, rule_only=rule_only))
    return hits
