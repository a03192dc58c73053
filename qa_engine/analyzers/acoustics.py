"""``AcousticsAnalyzer``: timing facts of a voice conversation — dead air, overtalk,
speech rate, talk ratio and holds — from utterance timestamps alone.

It works on any ``Conversation`` with times (a transcribed call or a timed transcript).
Every mapping from a raw number onto [0, 1] (1 = good) is declared in
``AcousticsOptions``; the raw numbers go to ``Finding.detail`` and the moments to
``Finding.evidence``.

Every computation is O(n log n) in the number of utterances (sorts, bisections and a sweep
over interval ends), so a 20,000-utterance transcript takes well under a second. What a
hold is (versus dead air) is defined once in ``qa_engine.holds`` from the rulebook's hold
lexicon, which the keyword hold rules read too.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import asdict, dataclass
from typing import Any

from qa_engine.conversation import Conversation, Speaker, Utterance
from qa_engine.findings import Evidence, Finding, Findings
from qa_engine.holds import Doubt, HoldLexicon, Silence, agent_timeline, doubt, hold_lexicon

_CHARS = re.compile(r"[\u4e00-\u9fff]|[A-Za-z]+|\d")


@dataclass(frozen=True)
class AcousticsOptions:
    """Thresholds and the declared mappings raw value → finding value (1 = good)."""

    # dead_air: a gap where nobody speaks. Gaps right after a hold notice are holds, not dead air.
    dead_air_ok_s: float = 10.0          # longest uncovered gap ≤ this → 1
    dead_air_bad_s: float = 30.0         # ... ≥ this → 0, linear between
    dead_air_share_ok: float = 0.15      # silence share of the call ≤ this → 1
    dead_air_share_bad: float = 0.40     # ... ≥ this → 0; dead_air = min of the two mappings
    min_gap_s: float = 3.0               # gaps shorter than this are ordinary turn-taking (listed in detail only if ≥)
    # hold: a gap ≥ hold_min_s that the agent announced or thanked for (qa_engine.holds).
    # None = the rulebook's [lexicons] hold_notice list (the one the keyword rules read);
    # a tuple replaces it here only.
    hold_phrases: tuple[str, ...] | None = None
    hold_min_s: float = 5.0
    hold_ok_s: float = 60.0              # every hold ≤ this → 1 ...
    hold_bad_s: float = 180.0            # ... longest hold ≥ this → 0, linear between
    # overtalk: the agent starts speaking while the customer is still talking.
    backchannels: tuple[str, ...] = ("嗯", "嗯嗯", "对", "对对", "好", "好的", "是", "是的", "哦", "啊", "行", "明白",
                                     "了解", "没错")
    backchannel_max_s: float = 1.0       # a backchannel longer than this counts as a turn
    min_overlap_s: float = 0.3           # overlaps shorter than this are ordinary turn-taking
    overtalk_bad_count: int = 3          # 0 interruptions → 1, this many or more → 0, linear between
    # speech_rate: agent Chinese characters (Latin words, digits count 1) per minute of agent talk,
    # over the utterances whose text can be trusted: one carrying any of these ASR flags (garbled,
    # low confidence) is left out, characters and seconds alike, since its character count says
    # what the recogniser missed rather than how fast the agent spoke. Its seconds still count
    # as talk time (talk_ratio).
    rate_untrusted_flags: tuple[str, ...] = ("asr_low_confidence", "asr_doubtful", "asr_untranscribed")
    rate_ok: tuple[float, float] = (180.0, 300.0)
    rate_bad: tuple[float, float] = (120.0, 400.0)
    # talk_ratio: agent share of all talk time.
    ratio_ok: tuple[float, float] = (0.35, 0.65)
    ratio_bad: tuple[float, float] = (0.15, 0.85)


def _silence_measures(conversation: Conversation, silences: list[Silence]) -> tuple[float, float, float]:
    """Longest silence (s), their total (s) and the total's share of the call's duration."""
    longest = max((g.seconds for g in silences), default=0.0)
    total = sum(g.seconds for g in silences)
    return longest, total, total / conversation.duration if conversation.duration > 0 else 0.0


def _ramp_down(x: float, ok: float, bad: float) -> float:
    """1 at or below ``ok``, 0 at or above ``bad``, linear between."""
    if x <= ok:
        return 1.0
    if x >= bad:
        return 0.0
    return round(1.0 - (x - ok) / (bad - ok), 4)


def _band(x: float, ok: tuple[float, float], bad: tuple[float, float]) -> float:
    """1 inside ``ok``, falling linearly to 0 at the ``bad`` edges."""
    if ok[0] <= x <= ok[1]:
        return 1.0
    if x < ok[0]:
        return 0.0 if x <= bad[0] else round((x - bad[0]) / (ok[0] - bad[0]), 4)
    return 0.0 if x >= bad[1] else round((bad[1] - x) / (bad[1] - ok[1]), 4)


class AcousticsAnalyzer:
    """Timing findings: ``dead_air``, ``overtalk``, ``speech_rate``, ``talk_ratio``, ``hold``."""

    name = "acoustics"
    version = "1"
    FINDINGS = frozenset({"dead_air", "overtalk", "speech_rate", "talk_ratio", "hold"})

    def __init__(self, options: AcousticsOptions | None = None, rulebook: Any = None) -> None:
        """``rulebook``: a ``Rulebook`` or path whose hold lexicon to use (None = the shipped one)."""
        self.options = options or AcousticsOptions()
        self._rulebook = rulebook
        self._lexicon: HoldLexicon | None = None
        self._doubt: Doubt | None = None
        words = "|".join(sorted(map(re.escape, self.options.backchannels), key=len, reverse=True))
        self._backchannel = re.compile(f"(?:{words})+")

    @property
    def lexicon(self) -> HoldLexicon:
        """The hold phrases in use (loaded on first use)."""
        if self._lexicon is None:
            lexicon = hold_lexicon(self._rulebook)
            if self.options.hold_phrases is not None:
                lexicon = HoldLexicon(notice=tuple(self.options.hold_phrases), thanks=lexicon.thanks,
                                      asked=lexicon.asked)
            self._lexicon = lexicon
        return self._lexicon

    @property
    def produces(self) -> frozenset[str]:
        return self.FINDINGS

    def analyze(self, conversation: Conversation) -> Findings:
        """Measure the conversation's timing; N/A where it has no timing to measure."""
        utts = conversation.utterances
        reason = self._not_applicable(conversation)
        if reason:
            items = {k: Finding.not_applicable(reason) for k in self.FINDINGS}
            return Findings(analyzer=self.name, version=self.version, items=items)

        gaps = self._gaps(utts)
        holds = [g for g in gaps if g.is_hold and g.end - g.start >= self.options.hold_min_s]
        items = {
            "dead_air": self._dead_air(conversation, gaps),
            "hold": self._hold(holds),
            "overtalk": self._overtalk(conversation),
            "speech_rate": self._speech_rate(conversation),
            "talk_ratio": self._talk_ratio(conversation),
        }
        return Findings(analyzer=self.name, version=self.version, items=items,
                        detail={"call_duration_s": round(conversation.duration, 2),
                                "options": asdict(self.options),
                                "hold_phrases": list(self.lexicon.notice)})

    # -- applicability ---------------------------------------------------------------------
    @staticmethod
    def _not_applicable(conversation: Conversation) -> str | None:
        if conversation.channel not in ("phone", "voice", "call", "video"):
            return f"not a voice conversation (channel '{conversation.channel}')"
        if not conversation.utterances:
            return "no utterances"
        if not conversation.timed or all(u.start == 0 and u.end == 0 for u in conversation.utterances):
            return "no time stamps"
        return None

    # -- silence and holds -------------------------------------------------------------------
    def _gaps(self, utts: list[Utterance]) -> list[Silence]:
        """Gaps ≥ min_gap_s where nobody speaks, each classified (hold / asked for / dead air)."""
        o = self.options
        order = sorted(range(len(utts)), key=lambda i: utts[i].start)
        agent_order, agent_starts = agent_timeline(utts)
        lexicon = self.lexicon
        gaps, covered_until, last = [], None, None
        for i in order:
            u = utts[i]
            if covered_until is not None and u.start - covered_until >= o.min_gap_s:
                gaps.append(lexicon.classify(utts, agent_order, agent_starts, covered_until, u.start, last))
            if covered_until is None or u.end > covered_until:
                covered_until, last = u.end, i
        return gaps

    def _dead_air(self, conversation: Conversation, gaps: list[Silence]) -> Finding:
        dead = [g for g in gaps if not g.excused]
        longest, total, share = _silence_measures(conversation, dead)
        value = self._dead_air_value(conversation, dead)
        maybe = self._maybe_holds(conversation.utterances, dead)
        review = {}
        if maybe and self._dead_air_value(conversation, [g for g in dead if g not in maybe]) != value:
            # The charge rests on a silence whose notice or thanks may be in a garbled line.
            review = {"needs_review": True, "review_reason": "; ".join(maybe.values())}
        evidence = [Evidence(utterance=g.after, start=g.start, end=g.end,
                             note=f"{g.seconds:.1f} s of silence without a hold notice or thanks")
                    for g in sorted(dead, key=lambda g: -g.seconds)[:5]]
        return Finding(value=value, evidence=evidence, detail={
            "longest_gap_s": longest, "total_gap_s": round(total, 2),
            "silence_share": round(share, 4), "gaps": len(dead),
            "covered_by_hold_notice": sum(1 for g in gaps if g.notice is not None),
            "covered_by_hold_thanks": sum(1 for g in gaps if g.notice is None and g.thanks is not None),
            "asked_for": sum(1 for g in gaps if not g.is_hold and g.asked is not None),
            **({"maybe_holds": list(maybe.values())} if maybe else {})}, **review)

    def _dead_air_value(self, conversation: Conversation, dead: list[Silence]) -> float:
        o = self.options
        longest, _, share = _silence_measures(conversation, dead)
        return min(_ramp_down(longest, o.dead_air_ok_s, o.dead_air_bad_s),
                   _ramp_down(share, o.dead_air_share_ok, o.dead_air_share_bad))

    def _maybe_holds(self, utts: list[Utterance], dead: list[Silence]) -> dict[Silence, str]:
        """Dead-air silences that may be holds after all: an agent line where the notice or the
        thanks would be is doubtful ASR and sounds like one (the rulebook's
        ``low_confidence_similarity``, as for keyword misses) or has no reading at all."""
        if not dead:
            return {}
        if self._doubt is None:
            self._doubt = doubt(self._rulebook)
        d, lexicon = self._doubt, self.lexicon
        order, starts = agent_timeline(utts)
        out: dict[Silence, str] = {}
        for g in dead:
            for which, idx in zip(("notice", "thanks"), HoldLexicon.around(utts, order, starts, g.start, g.end)):
                for i in idx:
                    u = utts[i]
                    if not d.doubtful(u):
                        continue
                    conf = f"confidence {u.confidence:.2f}" if u.confidence is not None else "flagged doubtful"
                    if d.unread(u):
                        why = f"utterance {i} ({conf}) has no reading of its speech"
                    else:
                        sim, phrase = lexicon.resembles(which, u.text)
                        if d.similarity <= 0 or sim < d.similarity:
                            continue
                        text = u.text if len(u.text) <= 24 else u.text[:24] + "…"
                        why = (f"utterance {i} ({conf}) 「{text}」 sounds like '{phrase}' (similarity "
                               f"{sim:.2f} ≥ {d.similarity:g})")
                    out[g] = f"{g.seconds:.1f} s silence at {g.start:.1f} s may be a hold: {why}"
                    break
                if g in out:
                    break
        return out

    def _hold(self, holds: list[Silence]) -> Finding:
        o = self.options
        longest = max((g.seconds for g in holds), default=0.0)
        evidence = [Evidence(utterance=g.notice if g.notice is not None else g.thanks, start=g.start, end=g.end,
                             note=f"hold of {g.seconds:.1f} s " + ("after a hold notice" if g.notice is not None
                                                                 else "thanked for afterwards"))
                    for g in holds]
        return Finding(value=_ramp_down(longest, o.hold_ok_s, o.hold_bad_s), evidence=evidence, detail={
            "holds": len(holds), "longest_hold_s": longest, "total_hold_s": round(sum(g.seconds for g in holds), 2)})

    # -- overtalk ------------------------------------------------------------------------------
    def _is_backchannel(self, u: Utterance) -> bool:
        """Short and made only of backchannel words (嗯, 对对, 好的 …): listening, not interrupting."""
        text = re.sub(r"[\s，。！？、,.!?~…]", "", u.text)
        return u.duration <= self.options.backchannel_max_s and self._backchannel.fullmatch(text) is not None

    def _interruptions(self, by: list[tuple[int, Utterance]],
                       of: list[tuple[int, Utterance]]) -> list[tuple[int, int, float]]:
        """(interrupter, interrupted, overlap s): for each turn v of ``of``, the first utterance u
        of ``by`` (in utterance order) that starts inside v, overlaps it by ≥ min_overlap_s and
        is not a backchannel; at most one per interrupted turn, so an agent turn that Whisper
        split into several segments counts once.

        ``min(u.end, v.end) - u.start ≥ m`` splits into ``u.end - u.start ≥ m`` (a property of u
        alone: filtered once) and ``v.end - u.start ≥ m`` (monotone in u.start: a bisection), so
        each v is a range query over the eligible u sorted by start, answered in O(1) by a
        sparse table of minimum utterance indices.
        """
        m = self.options.min_overlap_s
        eligible = sorted(((u.start, i, u) for i, u in by if u.end - u.start >= m and not self._is_backchannel(u)),
                          key=lambda t: (t[0], t[1]))
        if not eligible:
            return []
        starts = [t[0] for t in eligible]
        table = _MinTable([t[1] for t in eligible])
        position = {i: k for k, (_, i, _) in enumerate(eligible)}
        found = []
        for j, v in of:
            lo = bisect_right(starts, v.start)
            hi = bisect_left(starts, v.end)
            # The last k in [lo, hi) with v.end - starts[k] >= m (the predicate falls with k).
            hi = lo + bisect_left(range(lo, hi), True, key=lambda k: not (v.end - starts[k] >= m))
            if lo < hi:
                i = table.min(lo, hi)
                u = eligible[position[i]][2]
                found.append((i, j, round(min(u.end, v.end) - u.start, 2)))
        return found

    def _overtalk(self, conversation: Conversation) -> Finding:
        o = self.options
        audio = conversation.attributes.get("audio") or {}
        if audio.get("treated_as") == "mono":
            return Finding.not_applicable("mono recording: overlapping speech is not observable")
        utts = conversation.utterances
        agent, customer = conversation.by(Speaker.AGENT), conversation.by(Speaker.CUSTOMER)
        if not agent or not customer:
            return Finding.not_applicable("needs speech from both agent and customer")
        by_agent = self._interruptions(agent, customer)
        by_customer = self._interruptions(customer, agent)
        overlap_s = _pairwise_overlap([u for _, u in agent], [u for _, u in customer])
        evidence = [Evidence(utterance=i, start=utts[i].start, end=min(utts[i].end, utts[j].end), text=utts[i].text,
                             note=f"agent started while the customer was speaking (utterance {j}), {s:.1f} s overlap")
                    for i, j, s in by_agent]
        value = _ramp_down(len(by_agent), 0, o.overtalk_bad_count)
        return Finding(value=value, evidence=evidence, detail={
            "agent_interruptions": len(by_agent), "customer_interruptions": len(by_customer),
            "overlap_s": round(overlap_s, 2)})

    # -- rate and ratio ------------------------------------------------------------------------
    def _speech_rate(self, conversation: Conversation) -> Finding:
        o = self.options
        rates, left_out = {}, []
        for role in (Speaker.AGENT, Speaker.CUSTOMER):
            turns = list(conversation.by(role))
            untrusted = [i for i, u in turns if any(f.startswith(o.rate_untrusted_flags) for f in u.flags)]
            skip = set(untrusted)
            trusted = [u for i, u in turns if i not in skip]
            seconds = sum(u.duration for u in trusted)
            chars = sum(len(_CHARS.findall(u.text)) for u in trusted)
            rates[role.value] = {"chars": chars, "seconds": round(seconds, 2),
                                 "cpm": round(chars / seconds * 60, 1) if seconds > 0 else None,
                                 "untrusted_s": round(sum(u.duration for _, u in turns) - seconds, 2)}
            if role is Speaker.AGENT:
                left_out = untrusted
        agent_cpm = rates["agent"]["cpm"]
        if agent_cpm is None or rates["agent"]["seconds"] < 5.0:
            reason = ("too little agent speech to measure a rate (< 5 s)" if rates["agent"]["untrusted_s"] == 0
                      else "too little reliably transcribed agent speech to measure a rate (< 5 s)")
            return Finding.not_applicable(reason, **rates)
        rates["agent"]["left_out"] = left_out
        return Finding(value=_band(agent_cpm, o.rate_ok, o.rate_bad), detail=rates)

    def _talk_ratio(self, conversation: Conversation) -> Finding:
        o = self.options
        agent = sum(u.duration for _, u in conversation.by(Speaker.AGENT))
        customer = sum(u.duration for _, u in conversation.by(Speaker.CUSTOMER))
        if agent + customer <= 0:
            return Finding.not_applicable("no timed speech from agent or customer")
        ratio = agent / (agent + customer)
        return Finding(value=_band(ratio, o.ratio_ok, o.ratio_bad), detail={
            "agent_talk_s": round(agent, 2), "customer_talk_s": round(customer, 2), "agent_share": round(ratio, 4)})


class _MinTable:
    """Sparse table: minimum of ``values[lo:hi]`` in O(1) after O(n log n) building."""

    def __init__(self, values: list[int]) -> None:
        self.levels = [values]
        width = 1
        while 2 * width <= len(values):
            prev = self.levels[-1]
            self.levels.append([min(prev[k], prev[k + width]) for k in range(len(prev) - width)])
            width *= 2

    def min(self, lo: int, hi: int) -> int:
        level = (hi - lo).bit_length() - 1
        row = self.levels[level]
        return min(row[lo], row[hi - (1 << level)])


def _pairwise_overlap(a: list[Utterance], b: list[Utterance]) -> float:
    """Σ over pairs (x in a, y in b) of their overlap in seconds, by one sweep.

    Equals ∫ A(t)·B(t) dt where A(t), B(t) count the intervals of each side covering t.
    """
    events = sorted([(u.start, 0, 1) for u in a if u.end > u.start] + [(u.end, 0, -1) for u in a if u.end > u.start]
                    + [(u.start, 1, 1) for u in b if u.end > u.start] + [(u.end, 1, -1) for u in b if u.end > u.start])
    counts, total, last = [0, 0], 0.0, None
    for t, side, delta in events:
        if last is not None and counts[0] and counts[1]:
            total += counts[0] * counts[1] * (t - last)
        counts[side] += delta
        last = t
    return total
