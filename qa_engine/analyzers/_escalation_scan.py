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
from qa_engine.analyzers._escalation_scope import _clause_bounds

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
