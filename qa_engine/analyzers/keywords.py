"""Service-keyword analyzer: runs a compiled rulebook over one conversation.

Per conversation the utterances are normalised and joined once (vectorised, see
``qa_engine.text``), the rulebook's single Aho–Corasick automaton makes one pass over the
fuzzy-syllable key of the joined text, and each candidate is confirmed at its own rule's
tolerance (exact text, same pinyin, or fuzzy pinyin). Regexes run lazily, only over the
utterances their condition may look at. Rules are then decided from the hits: role and
window, order against anchors, exclusions, quantifiers, preconditions and silences.
Every finding cites evidence in the *original* utterance text, hits and misses
alike, and is flagged for review when it rests on doubtful ASR output.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Any

from qa_engine.analyzers._regex_gate import any_of
from qa_engine.analyzers._resemble import best_resemblance
from qa_engine.analyzers._resemble import key as sound_key
from qa_engine.conversation import Conversation, Speaker, Utterance
from qa_engine.findings import Findings
from qa_engine.holds import doubt
from qa_engine.rulebook import (
    CompiledGroup,
    CompiledRule,
    CompiledRulebook,
    Rule,
    Rulebook,
    Window,
    compile_rulebook,
    load_rulebook,
)

__all__ = ["KeywordAnalyzer", "DEFAULT_RULE_IDS"]

# Rule ids of the shipped rulebook (tests keep this equal to models/rulebook.toml); the
# scorecard reads these as "keywords.<id>".
DEFAULT_RULE_IDS = frozenset({
    "greeting", "opening_offer", "self_intro", "confirm_need", "verify_identity",
    "apology_on_complaint", "empathy", "hold_notice", "hold_thanks", "closing_offer_help",
    "closing_farewell", "forbidden_dismissive", "forbidden_rude", "forbidden_profanity",
    "forbidden_blame", "forbidden_promise", "forbidden_solicit_rating", "customer_escalation",
})

_MAX_HIT_EVIDENCE = 10
_NEGATED_ACT_CHARS = 4  # a negator this close before a not_preceded_by act undoes it (无法直接帮您申请)
_MAX_PHRASES_IN_NOTE = 6


class _Hit:
    """One match: positions are in the conversation's joined normalised text."""

    __slots__ = ("group", "utt", "pos", "end", "phrase", "canonical", "mode", "probability")

    def __init__(self, group: int, utt: int, pos: int, end: int, phrase: str, canonical: str,
                 mode: str, probability: float | None = None) -> None:
        self.group, self.utt, self.pos, self.end = group, utt, pos, end
        self.phrase, self.canonical, self.mode = phrase, canonical, mode
        self.probability = probability


class _Scan:
    """Everything matched in one conversation, before rules are decided."""

    def __init__(self, compiled: CompiledRulebook, conv: Conversation) -> None:
        from qa_engine.text import normalize_many

        self.conv = conv
        self.compiled = compiled
        utts = conv.utterances
        self.texts = texts = [u.text for u in utts]
        nm = normalize_many(texts)
        self.norm = nm
        starts = nm.starts
        joined = nm.text
        found: dict[int, list[_Hit]] = {}
        excluded: dict[int, list[_Hit]] = {}
        if compiled.automaton is not None:
            for last, (length, entries) in compiled.automaton.iter(nm.fuzzy):
                pos = last - length + 1
                end = last + 1
                matched = joined[pos:end]
                matched_pinyin = None
                utt = -1
                for e in entries:
                    if matched == e.normalised:
                        mode = e.via or "exact"
                    elif e.tolerance == "exact":
                        continue
                    else:
                        if matched_pinyin is None:
                            matched_pinyin = nm.pinyin_slice(pos, end)
                        if matched_pinyin == e.pinyin:
                            mode = "pinyin"
                        elif e.tolerance == "fuzzy_pinyin":
                            mode = "fuzzy_pinyin"
                        else:
                            continue
                    if utt < 0:
                        utt = bisect_right(starts, pos) - 1
                    hit = _Hit(e.group, utt, pos, end, e.phrase, e.canonical, mode)
                    (excluded if e.exclusion else found).setdefault(e.group, []).append(hit)
        self._found, self._excluded = found, excluded
        self._hits: dict[int, list[_Hit]] = {}
        self._windows: dict[tuple[str, int], list[int]] = {}
        self._gaps: dict[float, list[tuple[int, float, float]]] = {}
        self._summaries: dict[int, tuple[list[int], str, float, float]] = {}
        self._sets: dict[int, tuple[list[int], frozenset[int]]] = {}
        agent, customer = [], []
        for i, u in enumerate(utts):
            if u.speaker is Speaker.AGENT:
                agent.append(i)
            elif u.speaker is Speaker.CUSTOMER:
                customer.append(i)
        self.role_utts = {"agent": agent, "customer": customer, "any": list(range(len(utts)))}
        self._spoken: dict[str, bool] = {}
        self.set_aside: dict[int, list[str]] = {}  # group key -> hits not_answering discarded, in words
        self._times: list[tuple[float | None, float | None]] | None = None
        self._texts_norm: list[str] | None = None

    def spoken(self, role: str) -> bool:
        """Whether ``role`` said anything non-blank."""
        value = self._spoken.get(role)
        if value is None:
            texts = self.texts
            value = self._spoken[role] = any(texts[i].strip() for i in self.role_utts[role])
        return value

    def hits(self, g: CompiledGroup) -> list[_Hit]:
        """The group's hits anywhere its role and window allow, exclusions applied, in order."""
        cached = self._hits.get(g.key)
        if cached is not None:
            return cached
        hits = self._found.get(g.key)
        if not hits and not g.regex and g.detector is None:
            self._hits[g.key] = []
            return self._hits[g.key]
        hits = hits or []
        if g.regex:
            hits = hits + self._regex_hits(g)
        if g.detector is not None:
            hits = hits + self._detector_hits(g)
        if len(hits) > 1:
            hits.sort(key=_hit_order)
        if hits and g.key in self._excluded:
            hits = _apply_exclusions(hits, self._excluded[g.key], g.exclusion_scope)
        if hits and g.not_followed_by:
            hits = [h for h in hits if not self._followed(h, g)]
        if hits and g.not_preceded_by:
            hits = [h for h in hits if not self._preceded(h, g)]
        if hits and g.scope is not None:
            hits = [h for h in hits if self.in_scope(h, g)]
        if hits and g.not_answering is not None:
            hits = [h for h in hits if not self._answers(h, g)]
        kept: list[_Hit] = []
        for h in hits:  # overlapping hits of one group are one occurrence: keep the longest
            if kept and h.pos < kept[-1].end:
                if h.end - h.pos > kept[-1].end - kept[-1].pos:
                    kept[-1] = h
                continue
            kept.append(h)
        self._hits[g.key] = kept
        return kept

    def _regex_hits(self, g: CompiledGroup) -> list[_Hit]:
        # Only over the group's widest window: regexes are slow on a whole call.
        joined, starts = self.norm.text, self.norm.starts
        gate = self._regex_gate(g)
        out = []
        for i in self.window(g.role, g.window):
            base = starts[i]
            segment = joined[base:starts[i + 1] - 1] if i + 1 < len(starts) else joined[base:]
            if gate is not None and gate.search(segment) is None:
                continue
            for pattern in g.regex:
                for m in pattern.finditer(segment):
                    if m.end() > m.start():
                        out.append(_Hit(g.key, i, base + m.start(), base + m.end(), pattern.pattern,
                                        pattern.pattern, "regex"))
        if g.lone_tag is not None:
            out.extend(self._lone_tag_hits(g, gate))
        return out

    def _lone_tag_hits(self, g: CompiledGroup, gate: re.Pattern[str] | None) -> list[_Hit]:
        """Regex hits of a line read with the lone tag (对吧) its speaker says as the next line (``g.lone_tags``).

        Only a match that runs into the tag counts (the earlier line alone was read above); it is cited on the
        earlier line, and its note names the tag's line.
        """
        utts, out = self.conv.utterances, []
        allowed = self.window(g.role, g.window)
        inside = self.as_set(allowed)
        for i in allowed:
            prev = i - 1
            if prev not in inside or utts[prev].speaker is not utts[i].speaker:
                continue
            tag = self.utterance_text(i)
            earlier = self.utterance_text(prev)
            if not earlier or g.lone_tag.search(tag) is None:
                continue
            joined = earlier + tag
            if gate is not None and gate.search(joined) is None:
                continue
            base = self.norm.starts[prev]
            for pattern in g.regex:
                m = pattern.search(joined)
                if m is not None and m.start() < len(earlier) < m.end():
                    note = f"{pattern.pattern} + '{tag}' (#{i}, a line of its own)"
                    out.append(_Hit(g.key, prev, base + m.start(), base + len(earlier), pattern.pattern, note,
                                    "regex"))
                    break
        return out

    def _regex_gate(self, g: CompiledGroup) -> re.Pattern[str] | None:
        """A prefilter for a group of several regexes: their alternation (None for one)."""
        gates = self.compiled.regex_gates
        if g.key not in gates:
            gate = None
            if len(g.regex) > 1:
                try:
                    gate = any_of([p.pattern for p in g.regex])
                except re.error:  # e.g. a group name used twice: scan the regexes one by one
                    gate = None
            gates[g.key] = gate
        return gates[g.key]

    def utterance_text(self, i: int) -> str:
        """The normalised text of utterance ``i``."""
        starts, joined = self.norm.starts, self.norm.text
        return joined[starts[i]:starts[i + 1] - 1] if i + 1 < len(starts) else joined[starts[i]:]

    def _detector_hits(self, g: CompiledGroup) -> list[_Hit]:
        detector = self.compiled.detectors[g.detector]
        indices = self.window(g.role, g.window)
        texts = self._norm_texts()
        # Only the earliest hit matters to an anchor, and to a condition without `after`
        # once it is satisfied: stop there (the model detector is the costly part of a call).
        first_only = g.name.startswith("anchor ") or g.after is None
        found = detector.find(texts, indices, self.roles(), g.min_probability, first_only=first_only)
        starts = self.norm.starts
        mode = f"model:{detector.version}" if found and found[0].probability is not None else f"detector:{detector.version}"
        return [_Hit(g.key, d.utterance, starts[d.utterance] + d.start, starts[d.utterance] + d.end, d.note,
                     d.note, mode, d.probability) for d in found if d.end > d.start]

    def _norm_texts(self) -> list[str]:
        if self._texts_norm is None:
            self._texts_norm = [self.utterance_text(i) for i in range(len(self.texts))]
        return self._texts_norm

    def roles(self) -> list[str]:
        return [u.speaker.value for u in self.conv.utterances]

    def _followed(self, h: _Hit, g: CompiledGroup) -> bool:
        """Whether one of ``g.not_followed_by`` follows the hit closely, in the same utterance."""
        starts, joined = self.norm.starts, self.norm.text
        limit = starts[h.utt + 1] - 1 if h.utt + 1 < len(starts) else len(joined)
        after = joined[h.end:min(limit, h.end + g.followed_within)]
        return any(x in after for x in g.not_followed_by)

    def _preceded(self, h: _Hit, g: CompiledGroup) -> bool:
        """Whether one of ``g.not_preceded_by`` stands before the hit in its utterance, not negated.

        A negator right before it (无法帮您申请, 没办法给您记录) means the act is not done.
        """
        starts, joined = self.norm.starts, self.norm.text
        lo = max(starts[h.utt], h.pos - g.preceded_within)
        before = joined[lo:h.pos]
        negators = self.compiled.book.negators
        for x in g.not_preceded_by:
            k = before.find(x)
            while k >= 0:
                lead = joined[max(starts[h.utt], lo + k - _NEGATED_ACT_CHARS):lo + k]
                if not any(n in lead for n in negators):
                    return True
                k = before.find(x, k + 1)
        return False

    def _answers(self, h: _Hit, g: CompiledGroup) -> bool:
        """Whether the hit answers a prompt in its speaker's previous lines (``g.not_answering``).

        The hit must overlap one of the answer phrases (感谢您的耐心等待) and a prompt (您稍等) must stand in one of
        the speaker's ``lines`` utterances before it. A discarded hit is kept in ``set_aside`` for the evidence.
        """
        a = g.not_answering
        base = self.norm.starts[h.utt]
        text = self.utterance_text(h.utt)
        lo, hi = h.pos - base, h.end - base
        # the first occurrence that could still reach into the hit (ends after lo) overlaps it iff it starts before hi
        answer = next((x for x in a.phrases if 0 <= text.find(x, max(0, lo - len(x) + 1)) < hi), None)
        if answer is None:
            return False
        speaker = self.conv.utterances[h.utt].speaker.value
        own = self.role_utts.get(speaker) or self.role_utts["any"]
        k = bisect_right(own, h.utt - 1)
        for j in reversed(own[max(0, k - a.lines):k]):
            prior = self.utterance_text(j)
            prompt = next((x for x in a.prompts if x in prior), None)
            if prompt is not None:
                self.set_aside.setdefault(g.key, []).append(
                    f"#{h.utt} 「{_clip(self.texts[h.utt])}」: '{answer}' answers '{prompt}' in #{j} "
                    f"(not_answering), not counted")
                return True
        return False

    def in_scope(self, h: _Hit, g: CompiledGroup) -> bool:
        """Whether the hit is the speaker's own act: not negated, not reported, whole words."""
        from qa_engine.analyzers._scope import judge

        base = self.norm.starts[h.utt]
        original = self.texts[h.utt]
        return judge(self.utterance_text(h.utt), h.pos - base, h.end - base, g.scope, self.compiled.book,
                     original=original, original_start=self.original_span(h)[0] if original else 0)

    def window(self, role: str, window: Window | None) -> list[int]:
        """Indices of the role's utterances inside ``window``, in order."""
        key = (role, id(window))  # windows belong to the compiled rulebook, so ids are stable
        cached = self._windows.get(key)
        if cached is not None:
            return cached
        idx = self.role_utts[role]
        if window is not None:
            utts = self.conv.utterances
            if window.first_utterances is not None:
                idx = idx[: window.first_utterances]
            if window.last_utterances is not None:
                idx = idx[-window.last_utterances:]
            if window.first_seconds is not None:
                idx = [i for i in idx if utts[i].start < window.first_seconds]
            if window.last_seconds is not None:
                cutoff = self.conv.duration - window.last_seconds
                idx = [i for i in idx if utts[i].end > cutoff]
        self._windows[key] = idx
        self._sets[id(idx)] = (idx, frozenset(idx))
        return idx

    def as_set(self, idx: list[int]) -> frozenset[int] | set[int]:
        """``set(idx)``, cached for the window lists this scan hands out."""
        cached = self._sets.get(id(idx))
        if cached is not None and cached[0] is idx:
            return cached[1]
        return set(idx)

    def gaps(self, min_seconds: float) -> list[tuple[int, float, float]]:
        """Silences longer than ``min_seconds``: (index of the utterance after it, start, end)."""
        cached = self._gaps.get(min_seconds)
        if cached is None:
            cached, last_end = [], None
            for i, (start, end) in enumerate(self.times()):
                if last_end is not None and start - last_end > min_seconds:
                    cached.append((i, last_end, start))
                if last_end is None or end > last_end:
                    last_end = end
            self._gaps[min_seconds] = cached
        return cached

    def times(self) -> list[tuple[float, float]]:
        """(start, end) of every utterance, read off the models once (model attributes are slow)."""
        if self._times is None:
            self._times = [(u.start, u.end) for u in self.conv.utterances]
        return self._times

    def summary(self, allowed: list[int]) -> tuple[str, float, float]:
        """(ranges as text, start, end) of a window; cached per list object."""
        cached = self._summaries.get(id(allowed))
        if cached is not None:
            return cached[1:]
        times = self.times()
        value = (_ranges(allowed), times[allowed[0]][0], times[allowed[-1]][1])
        self._summaries[id(allowed)] = (allowed, *value)  # keeps the list alive: ids stay unique
        return value

    def original_span(self, hit: _Hit) -> tuple[int, int]:
        return self.norm.original_span(hit.utt, hit.pos, hit.end)


def _evidence_hits(support: list[_GroupResult]) -> list[tuple[_GroupResult, _Hit]]:
    """The hits cited as evidence, at most ``_MAX_HIT_EVIDENCE``, in group and hit order.

    When there are more, the first hit of every utterance comes before a second hit in the
    same utterance, so a long line holding many hits cannot hide later lines that hold one.
    """
    pairs = [(r, h) for r in support for h in r.hits]
    if len(pairs) <= _MAX_HIT_EVIDENCE:
        return pairs
    seen: set[int] = set()
    first, rest = [], []
    for k, (_, h) in enumerate(pairs):
        (rest if h.utt in seen else first).append(k)
        seen.add(h.utt)
    keep = sorted((first + rest)[:_MAX_HIT_EVIDENCE])
    return [pairs[k] for k in keep]


def _hit_order(h: _Hit) -> tuple[int, int]:
    return h.pos, h.pos - h.end


def _apply_exclusions(hits: list[_Hit], exclusions: list[_Hit], scope: str) -> list[_Hit]:
    if scope == "utterance":
        spoiled = {x.utt for x in exclusions}
        return [h for h in hits if h.utt not in spoiled]
    return [h for h in hits if not any(x.pos < h.end and h.pos < x.end for x in exclusions)]


class _GroupResult:
    """What one condition group found, and where it looked (``positional``: a window at a
    place in the call — the opening, the close, next to a silence, after an anchor — rather
    than the whole call)."""

    __slots__ = ("group", "allowed", "hits", "note", "positional", "below")

    def __init__(self, group: CompiledGroup, allowed: list[int], hits: list[_Hit], note: str | None,
                 positional: bool = False, below: list[_Hit] | None = None) -> None:
        self.group, self.allowed, self.hits, self.note = group, allowed, hits, note
        self.positional = positional
        self.below = below or []  # hits that did not count: in fewer utterances than min_hits


class _RuleFacts:
    """The fields of a ``Rule`` that deciding it reads, copied off the pydantic model once.

    Attribute reads on pydantic models go through a ``__getattr__`` hook; a rule's fields
    are read many times per conversation, so the hot path reads them from slots instead.
    """

    __slots__ = ("id", "kind", "role", "channels", "when", "when_any", "unless", "review_if",
                 "review_unless", "review_unless_any", "gap", "quantifier", "at_least", "same_utterance",
                 "min_hits", "counts")

    def __init__(self, rule: Rule) -> None:
        for name in self.__slots__[:-1]:
            setattr(self, name, getattr(rule, name))
        # Whether any min_hits > 1 (the rule's or a group's): then every group must be searched.
        self.counts = rule.min_hits > 1 or any(g.min_hits > 1 for g in rule.groups)


class KeywordAnalyzer:
    """Checks a conversation against the service-keyword rulebook; one finding per rule.

    ``rulebook`` is a path to a TOML rulebook, a loaded ``Rulebook``, or None for the
    shipped default. The rulebook is compiled once here; ``analyze`` is then cheap.
    """

    name = "keywords"
    FINDINGS = DEFAULT_RULE_IDS

    def __init__(self, rulebook: str | Path | Rulebook | None = None) -> None:
        book = rulebook if isinstance(rulebook, Rulebook) else load_rulebook(rulebook)
        self.rulebook = book
        self.compiled = compile_rulebook(book)
        self.version = book.version
        self._produces = frozenset(r.id for r in book.rules)
        self._doubt = doubt(book)  # when a line is doubtful ASR, and when it is no reading at all
        self._sound_keys: dict[int, tuple[list[tuple[str, tuple]], list[str]]] = {}  # group key → see _sound_keys_of
        self._hold_lexicon = None   # qa_engine.holds.HoldLexicon, built on first gap rule with holds_only
        self._static = {cr.rule.id: self._static_detail(cr.rule) for cr in self.compiled.rules}
        self._rules = [(cr, _RuleFacts(cr.rule)) for cr in self.compiled.rules]
        self._needs_time = {cr.rule.id: _needs_time(cr) for cr in self.compiled.rules}
        self._whats: dict[int, str] = {}
        self._miss_notes: dict[int, str] = {}
        self._empty_notes: dict[int, str] = {}
        for cr in self.compiled.rules:
            verb = "no match for" if cr.rule.kind == "required" else "none of"
            for g in cr.groups:
                what = self._whats[g.key] = _phrase_list(g)
                self._miss_notes[g.key] = f"{g.name}: {verb} {what} in {g.role} utterances "
                self._empty_notes[g.key] = (f"{g.name}: no {g.role} utterance in the searched window; "
                                            f"nothing to match {what}")

    def _static_detail(self, rule: Any) -> dict[str, Any]:
        d = {"rule_id": rule.id, "rule_version": rule.version, "rulebook_version": self.version,
             "kind": rule.kind, "role": rule.role, "section": rule.section, "red_line": rule.red_line,
             "description": rule.description, "quantifier": rule.quantifier}
        if rule.kind == "detect":
            d["informational"] = True
        return d

    @property
    def produces(self) -> frozenset[str]:
        """The rule ids of the rulebook: the finding keys."""
        return self._produces

    def analyze_batch(self, conversations: list[Conversation]) -> list[Findings]:
        return [self.analyze(c) for c in conversations]

    def analyze(self, conversation: Conversation) -> Findings:
        """One finding per rule: 1 = compliant, 0 = not, None = N/A with the reason."""
        scan = _Scan(self.compiled, conversation)
        anchors = _LazyAnchors(self, scan)  # an anchor is matched when a rule first asks for it
        items = {rule.id: self._decide(cr, rule, scan, anchors) for cr, rule in self._rules}
        # Findings and evidence are built as plain data and validated as one tree: a single
        # pydantic call is about twice as fast as constructing every nested model in Python.
        return Findings.model_validate({
            "analyzer": self.name, "version": self.version, "items": items,
            "detail": {"rulebook_version": self.version, "rules": len(items)}})

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _anchor_hits(scan: _Scan, g: CompiledGroup) -> list[_Hit]:
        hits = scan.hits(g)
        if not hits:
            return []
        allowed = scan.as_set(scan.window(g.role, g.window))
        return [h for h in hits if h.utt in allowed]

    def _group(self, scan: _Scan, g: CompiledGroup, anchors: dict[str, list[_Hit]],
               restrict: list[int] | None) -> _GroupResult:
        allowed = scan.window(g.role, g.window)
        if restrict is not None:
            keep = set(restrict)
            allowed = [i for i in allowed if i in keep]
        lo, hi, note = -1, None, None
        ordered = g.after is not None or g.before is not None
        for ref, side in ((g.after, "after"), (g.before, "before")) if ordered else ():
            if ref is None:
                continue
            found = anchors[ref]
            if not found:
                note = f"anchor '{ref}' not found; {side} not applied"
                continue
            a = found[0]
            if side == "after":
                lo = max(lo, a.end)
                later = [i for i in allowed if i > a.utt]
                allowed = ([a.utt] if a.utt in allowed else []) + (later[: g.within] if g.within else later)
            else:
                hi = a.pos if hi is None else min(hi, a.pos)
                earlier = [i for i in allowed if i < a.utt]
                allowed = (earlier[-g.within:] if g.within else earlier) + ([a.utt] if a.utt in allowed else [])
        hits = scan.hits(g)
        if hits:
            keep = scan.as_set(allowed)
            if lo < 0 and hi is None:
                hits = [h for h in hits if h.utt in keep]
            else:
                hits = [h for h in hits if h.utt in keep and h.pos >= lo and (hi is None or h.end <= hi)]
        positional = g.window is not None or restrict is not None or bool(ordered and g.within)
        if g.min_hits > 1 and hits and len({h.utt for h in hits}) < g.min_hits:
            return _GroupResult(g, allowed, [], note, positional, below=hits)
        return _GroupResult(g, allowed, hits, note, positional)

    @staticmethod
    def _quantify(rule: Any, results: list[_GroupResult]) -> tuple[bool, list[_GroupResult]]:
        """Whether the rule's quantifier holds, and the results whose hits support it."""
        q = rule.quantifier
        if q == "none":
            return not any(r.hits for r in results), results
        need = len(results) if q == "all" else (rule.at_least or 1)
        if not rule.same_utterance:
            held = sum(1 for r in results if r.hits) >= need
            if held and rule.min_hits > 1:
                held = len({h.utt for r in results for h in r.hits}) >= rule.min_hits
            return held, results
        per_utt: dict[int, int] = {}
        for r in results:
            for u in {h.utt for h in r.hits}:
                per_utt[u] = per_utt.get(u, 0) + 1
        good = sorted(u for u, n in per_utt.items() if n >= need)
        if len(good) < max(1, rule.min_hits):
            return False, results
        # With min_hits > 1 every utterance that holds the quantifier is evidence, else the first.
        keep = set(good) if rule.min_hits > 1 else {good[0]}
        return True, [_GroupResult(r.group, r.allowed, [h for h in r.hits if h.utt in keep], r.note, r.positional)
                      for r in results]

    def _decide(self, cr: CompiledRule, rule: _RuleFacts, scan: _Scan,
                anchors: dict[str, list[_Hit]]) -> dict[str, Any]:
        """The rule's finding as the data of a ``Finding``."""
        conv = scan.conv
        detail = dict(self._static[rule.id])
        if rule.channels is not None and conv.channel not in rule.channels:
            return _na(f"rule applies to channels {', '.join(rule.channels)}, not '{conv.channel}'", detail)
        if not scan.spoken(rule.role):
            return _na("no speech" if rule.role == "any" else f"no {rule.role} speech", detail)
        for name in rule.when:
            if not anchors[name]:
                return _na(f"precondition not met: no '{name}'{self._about(name)} in the call", detail)
        if rule.when_any and not any(anchors[name] for name in rule.when_any):
            names = " or ".join(f"'{n}'{self._about(n)}" for n in rule.when_any)
            return _na(f"precondition not met: no {names} in the call", detail)
        for name in rule.unless:
            if anchors[name]:
                h = anchors[name][0]
                return _na(f"'{name}'{self._about(name)} at utterance {h.utt}: "
                           f"「{scan.texts[h.utt][slice(*scan.original_span(h))]}」", detail)

        if self._needs_time[rule.id] and not conv.timed:
            return _na("no time stamps", detail)
        if rule.gap is not None:
            return self._decide_gaps(cr, rule, scan, anchors, detail)
        if rule.quantifier == "any" and not rule.same_utterance and len(cr.groups) > 1 and not rule.counts:
            # The first group that matches settles it: later ones (a model) need not run.
            results = []
            for g in cr.groups:
                results.append(self._group(scan, g, anchors, None))
                if results[-1].hits:
                    break
        else:
            results = [self._group(scan, g, anchors, None) for g in cr.groups]
        satisfied, support = self._quantify(rule, results)
        value = _value(rule.kind, satisfied)
        evidence: list[dict[str, Any]] = []
        hit_details: list[dict[str, Any]] = []
        partial = []
        for r, h in _evidence_hits(support):
            ev, hd = self._hit_evidence(scan, r.group, h)
            if satisfied or rule.quantifier == "none":
                evidence.append(ev)
                hit_details.append(hd)
            else:  # e.g. 十一 (from 双十一) without a badge word: not the act, not evidence
                partial.append(hd)
        if sum(len(r.hits) for r in support) > _MAX_HIT_EVIDENCE:
            detail["hits_total"] = sum(len(r.hits) for r in support)
        below = [r for r in results if r.below]
        if below or rule.min_hits > 1:
            self._count_detail(scan, rule, results, below, partial, detail)
        if partial:
            detail["partial_hits"] = partial
        windows = {}
        for r in results:  # where each unmatched condition looked
            if not r.hits:
                ev, windows[r.group.name] = self._miss(scan, r)
                if r.below:  # not "none of": there were hits, in too few utterances
                    utts = sorted({h.utt for h in r.below})
                    ev["note"] += (f"; hits in {len(utts)} utterance(s) (#{', #'.join(map(str, utts))}), "
                                   f"min_hits = {r.group.min_hits}")
                evidence.append(ev)
        detail["hits"] = hit_details
        detail["windows"] = windows
        notes = [r.note for r in results if r.note]
        if notes:
            detail["notes"] = notes
        detail["matched_phrase"] = hit_details[0]["phrase"] if hit_details else None
        detail["match_mode"] = hit_details[0]["mode"] if hit_details else None
        self._preconditions(rule, scan, anchors, evidence, detail)
        finding = {"value": value, "evidence": evidence, "detail": detail}
        if value == 0.0:
            self._review(finding, rule, conv, results, support, anchors, scan)
        # Hits not_answering discarded (the hold's thanks), the rule's own and its close anchors': why a line did
        # not count. Anchors are matched lazily, so this reads them only after the review has.
        aside = [x for r in results for x in scan.set_aside.get(r.group.key, ())]
        for name in (*rule.review_unless, *rule.review_unless_any):
            aside += [f"{name}: {x}" for x in scan.set_aside.get(scan.compiled.anchors[name].key, ())]
        if aside:
            detail["set_aside"] = aside
        return finding

    def _count_detail(self, scan: _Scan, rule: _RuleFacts, results: list[_GroupResult],
                      below: list[_GroupResult], partial: list[dict[str, Any]], detail: dict[str, Any]) -> None:
        """What min_hits counted: the utterances with a hit, and hits that did not count."""
        if rule.min_hits > 1:
            detail["min_hits"] = rule.min_hits
            detail["hit_utterances"] = sorted({h.utt for r in results for h in r.hits})
        for r in below:
            detail.setdefault("below_min_hits", []).append(
                f"{r.group.name}: hits in {len({h.utt for h in r.below})} utterance(s), needs {r.group.min_hits}")
            for h in r.below:
                if len(partial) < _MAX_HIT_EVIDENCE:
                    partial.append(self._hit_evidence(scan, r.group, h)[1])

    def _about(self, anchor: str) -> str:
        description = self.rulebook.anchors[anchor].description
        return f" ({description})" if description else ""

    def _preconditions(self, rule: _RuleFacts, scan: _Scan, anchors: dict[str, list[_Hit]],
                       evidence: list[dict[str, Any]], detail: dict[str, Any]) -> None:
        """Cite what made a conditional rule apply (a model hit names its model and probability)."""
        names = [*rule.when, *(n for n in rule.when_any if anchors[n])][:2]
        if not names:
            return
        cited = []
        for name in names:
            h = anchors[name][0]
            ev, hd = self._hit_evidence(scan, self.compiled.anchors[name], h)
            ev["note"] = f"applies: {name}{self._about(name)}: {ev['note']}"
            evidence.append(ev)
            cited.append({"anchor": name, **hd})
        detail["preconditions"] = cited

    def _decide_gaps(self, cr: CompiledRule, rule: _RuleFacts, scan: _Scan,
                     anchors: dict[str, list[_Hit]], detail: dict[str, Any]) -> dict[str, Any]:
        conv = scan.conv
        gap = rule.gap
        assert gap is not None
        gaps = scan.gaps(gap.min_seconds)
        if gap.holds_only and gaps:
            gaps = self._holds(conv, gaps)
            if not gaps:
                return _na(f"no hold longer than {gap.min_seconds:g} s (other silences are dead air)", detail)
        if not gaps:
            return _na(f"no silence longer than {gap.min_seconds:g} s", detail)
        evidence: list[dict[str, Any]] = []
        gap_details, failed_results = [], []
        ok_all = True
        for i, start, end in gaps:
            # Each group looks at the `within` utterances of its own role next to the silence.
            results = []
            for g in cr.groups:
                role_idx, n = scan.role_utts[g.role], g.within or gap.within
                cut = bisect_left(role_idx, i)  # role_idx is sorted: its entries before i end at cut
                near = role_idx[max(0, cut - n):cut] if gap.side == "before" else role_idx[cut:cut + n]
                results.append(self._group(scan, g, anchors, near))
            window = sorted({j for r in results for j in r.allowed})
            satisfied, support = self._quantify(rule, results)
            ok = _value(rule.kind, satisfied) == 1.0
            if not ok:
                ok_all = False
                failed_results.extend(results)
            hits = [h for r in support for h in r.hits]
            gap_details.append({"after_utterance": i - 1, "before_utterance": i, "start": start, "end": end,
                                "seconds": round(end - start, 3), "compliant": ok, "searched": window,
                                "phrase": hits[0].phrase if hits else None,
                                "mode": hits[0].mode if hits else None})
            for r in support:
                for h in r.hits[:1]:
                    evidence.append(self._hit_evidence(scan, r.group, h)[0])
            if not hits:
                evidence.append({
                    "utterance": i, "start": start, "end": end,
                    "note": (f"{end - start:.1f} s silence: no {self._whats[cr.groups[0].key]} in the "
                             f"{gap.within} {rule.role} utterance(s) {gap.side} it "
                             f"(searched {_ranges(window) or 'none'})")})
        value = 1.0 if ok_all else 0.0
        detail["gaps"] = gap_details
        detail["matched_phrase"] = next((g["phrase"] for g in gap_details if g["phrase"]), None)
        detail["match_mode"] = next((g["mode"] for g in gap_details if g["mode"]), None)
        finding = {"value": value, "evidence": evidence, "detail": detail}
        if value == 0.0:
            self._review(finding, rule, conv, failed_results, failed_results)
        return finding

    def _holds(self, conv: Conversation, gaps: list[tuple[int, float, float]]) -> list[tuple[int, float, float]]:
        """The silences that are holds or asked for (``qa_engine.holds``, the rulebook's hold
        lexicon); the others are dead air, which acoustics charges."""
        from qa_engine.holds import agent_timeline, from_rulebook

        if self._hold_lexicon is None:
            self._hold_lexicon = from_rulebook(self.rulebook)
        utts = conv.utterances
        order, starts = agent_timeline(utts)
        return [g for g in gaps
                if self._hold_lexicon.classify(utts, order, starts, g[1], g[2], g[0] - 1).excused]

    def _review(self, finding: dict[str, Any], rule: Any, conv: Conversation, results: list[_GroupResult],
                support: list[_GroupResult], anchors: dict[str, list[_Hit]] | None = None,
                scan: _Scan | None = None) -> None:
        """Flag a failing finding that rests on a truncated recording, on doubtful ASR output
        where the phrase would be, or on homophone matches only."""
        utts = conv.utterances
        rests_on_absence = (rule.kind == "required") == (rule.quantifier != "none")
        if rests_on_absence:
            reason = self._truncated(rule, anchors if anchors is not None else {}, scan)
            if not reason:
                reason, charged = self._doubtful_window(results, utts)
                if charged and not reason:
                    finding["detail"]["low_confidence_charged"] = charged
            if reason:
                finding["needs_review"] = True
                finding["review_reason"] = reason
            return
        hits = [h for r in support for h in r.hits]
        if hits and all(self._doubt.doubtful(utts[h.utt]) for h in hits):
            finding["needs_review"] = True
            finding["review_reason"] = (
                f"hit only in low-confidence ASR (utterances {_ranges(sorted({h.utt for h in hits}))}, "
                f"confidence < {self._doubt.low_confidence:g})")
        elif hits and all(h.mode not in ("exact", "regex") for h in hits):
            finding["needs_review"] = True
            finding["review_reason"] = "hit only through homophone (pinyin) matching"

    def _truncated(self, rule: Any, anchors: dict[str, list[_Hit]], scan: _Scan | None) -> str | None:
        """Why a miss may be the recording's fault: it starts mid-script or ends before the close."""
        for name in getattr(rule, "review_if", ()):
            if anchors.get(name):
                h = anchors[name][0]
                said = scan.texts[h.utt][slice(*scan.original_span(h))] if scan is not None else ""
                return (f"{self.rulebook.anchors[name].description or name} "
                        f"(utterance {h.utt}: 「{said}」); the miss is not charged")
        for name in getattr(rule, "review_unless", ()):
            if not anchors.get(name):
                return f"no {self.rulebook.anchors[name].description or name} found; the miss is not charged"
        either = getattr(rule, "review_unless_any", ())
        if either and not any(anchors.get(name) for name in either):
            ends = " or ".join(self.rulebook.anchors[name].description or name for name in either)
            return f"no {ends} found; the miss is not charged"
        return None

    def _doubtful_window(self, results: list[_GroupResult],
                         utts: list[Utterance]) -> tuple[str | None, str | None]:
        """Whether a miss rests on doubtful ASR where the phrase would be: (review reason or
        None, why doubtful lines that were looked at did not excuse it, or None).

        A condition with phrases: a doubtful line with text excuses the miss only when some span
        of it sounds like one of the phrases (``low_confidence_similarity``, see
        ``qa_engine.analyzers._resemble``); a line read clearly enough to say something else
        charges it, and so does any line with text for an exact condition (a near text is
        another word there), or one holding a phrase the rule set aside. A line whose text is no reading of its speech (no text, a loop, too sparse:
        ``low_confidence_unread_flags``) cannot show that, and neither can a condition found by
        a detector or model (acts in words no list has) or by regexes alone: for those the
        window rule decides — any such line in a small searched window (the opening, next to a
        silence), or a large share of a long one; not one stray line anywhere in the call.
        """
        reasons, charged = [], []
        for r in results:
            if not r.allowed:
                continue
            doubtful = [i for i in r.allowed if self._doubt.doubtful(utts[i])]
            if not doubtful:
                continue
            if self._doubt.similarity > 0 and r.group.phrases and r.group.detector is None:
                phrases, held = self._sound_keys_of(r.group)  # no sound keys for an exact condition
                read = [i for i in doubtful if not self._doubt.unread(utts[i])]
                best, phrase, where, aside = 0.0, "", -1, []
                for i in read:
                    keyed = self._at_tolerance(r.group, utts[i].text) if held else ""
                    if any(h in keyed for h in held):
                        aside.append(i)  # matched, then set aside by the rule's own filters
                        continue
                    s, p = best_resemblance(phrases, sound_key(utts[i].text), beat=best)
                    if p:
                        best, phrase, where = s, p, i
                        if best >= self._doubt.similarity:
                            break
                if read and best >= self._doubt.similarity:
                    u = utts[where]
                    conf = f"confidence {u.confidence:.2f}" if u.confidence is not None else "flagged doubtful"
                    reasons.append(f"miss with low-confidence ASR where the phrase would be: utterance {where} "
                                   f"({conf}) 「{_clip(u.text)}」 sounds like '{phrase}' (similarity "
                                   f"{best:.2f} ≥ {self._doubt.similarity:g})")
                    continue
                if read:
                    closest = f"closest '{phrase}' {best:.2f} in utterance {where}" if phrase else "none close"
                    if not phrases:
                        closest = "an exact condition: a line with text is judged as read"
                    if aside:
                        closest += (f"; utterance(s) {_ranges(aside)} hold a phrase the rule set aside "
                                    f"(exclusion, scope or what follows)")
                    charged.append(f"{r.group.name}: utterance(s) {_ranges(read)} read below confidence "
                                   f"{self._doubt.low_confidence:g} but sound like none of its phrases ({closest}, < "
                                   f"{self._doubt.similarity:g})")
                doubtful = [i for i in doubtful if i not in read]
                if not doubtful:
                    continue
            # A whole-call window is never "small", however few lines the agent spoke: one
            # garbled line in a short call is not where a whole-call phrase would be.
            small = r.positional and len(r.allowed) <= self.rulebook.low_confidence_window
            share = len(doubtful) / len(r.allowed)
            if small or share >= self.rulebook.low_confidence_share:
                where = "where the phrase would be" if small else f"{share:.0%} of the searched utterances"
                reasons.append(f"miss with low-confidence ASR {where} (utterances {_ranges(doubtful)}, "
                               f"confidence < {self._doubt.low_confidence:g})")
        return (reasons[0] if reasons else None), ("; ".join(charged) or None)

    def _sound_keys_of(self, g: CompiledGroup) -> tuple[list[tuple[str, tuple]], list[str]]:
        """The condition's phrases, synonyms and ASR-confusion variants as (label, syllable key)
        for ``best_resemblance`` — none for an exact condition, which says a near text is another
        word (之前 is not 致歉, 不好意思 is not 很不好意思) — and the same variants at the
        condition's tolerance (``_at_tolerance``): a line holding one was matched and set aside
        by the rule."""
        cached = self._sound_keys.get(g.key)
        if cached is None:
            from qa_engine.text import confusion_variants, normalize

            keys: list[tuple[str, tuple]] = []
            held: list[str] = []
            if g.detector is None:
                book, exact = self.rulebook, g.tolerance == "exact"
                seen = set()
                for phrase in g.phrases:
                    for variant in (phrase, *book.synonyms.get(phrase, ())):
                        norm = normalize(variant)
                        variants = confusion_variants(norm, book.asr_confusions) if g.confusions else []
                        for v in (norm, *variants):
                            k = None if exact else sound_key(v)
                            if k and k not in seen:
                                seen.add(k)
                                keys.append((v if v == normalize(phrase) else f"{v}' for '{phrase}", k))
                            held.append(self._at_tolerance(g, v))
            cached = self._sound_keys[g.key] = (keys, [h for h in held if h])
        return cached

    @staticmethod
    def _at_tolerance(g: CompiledGroup, text: str) -> str:
        """``text`` normalised and keyed as the condition matches: characters, pinyin or fuzzy pinyin."""
        from qa_engine.text import fuzzy_key, normalize, pinyin_key

        norm = normalize(text)
        if g.tolerance == "exact":
            return norm
        return pinyin_key(norm) if g.tolerance == "pinyin" else fuzzy_key(norm)

    @staticmethod
    def _hit_evidence(scan: _Scan, g: CompiledGroup, h: _Hit) -> tuple[dict[str, Any], dict[str, Any]]:
        """The data of the hit's ``Evidence``, and its entry in the finding's detail."""
        start, end = scan.times()[h.utt]
        s, e = scan.original_span(h)
        text = scan.texts[h.utt][s:e]
        if h.mode.startswith(("model:", "detector:")):
            note = f"{g.name}: {h.canonical}"
        else:
            note = f"{g.name}: '{h.canonical}'" if h.mode == "exact" else f"{g.name}: '{h.canonical}' ({h.mode})"
        ev = {"utterance": h.utt, "span": (s, e), "start": start, "end": end, "text": text, "note": note}
        hd = {"group": g.name, "utterance": h.utt, "span": [s, e], "text": text,
              "phrase": h.phrase, "canonical": h.canonical, "mode": h.mode}
        if h.probability is not None:
            hd["probability"] = h.probability
        return ev, hd

    def _miss(self, scan: _Scan, r: _GroupResult) -> tuple[dict[str, Any], dict[str, Any]]:
        """Evidence data and window detail for a condition that matched nothing in its window."""
        g = r.group
        window: dict[str, Any] = {"role": g.role, "utterances": r.allowed}
        if r.note:
            window["note"] = r.note
        if not r.allowed:
            return {"note": self._empty_notes[g.key]}, window
        ranges, window["start"], window["end"] = scan.summary(r.allowed)
        if len(r.allowed) == len(scan.role_utts[g.role]) and len(r.allowed) > 3:
            ranges = f"(all {len(r.allowed)}: {r.allowed[0]}–{r.allowed[-1]})"
        elif ranges.count(",") > 4:
            ranges = ", ".join(ranges.split(", ")[:5]) + f", … ({len(r.allowed)} utterances)"
        note = self._miss_notes[g.key] + ranges
        if window["start"] is not None:
            note += f" ({window['start']:.1f}–{window['end']:.1f} s)"
        # No utterance: a miss is nowhere; the window says where it was looked for.
        return {"start": window["start"], "end": window["end"],
                "note": f"{note} ({r.note})" if r.note else note}, window


def _needs_time(cr: CompiledRule) -> bool:
    """Whether deciding the rule reads utterance times (silences, windows in seconds)."""
    if cr.rule.gap is not None:
        return True
    return any(g.window is not None and (g.window.first_seconds is not None or g.window.last_seconds is not None)
               for g in cr.groups)


class _LazyAnchors(dict):
    """Anchor name → its hits, computed on first access (a model-backed anchor costs
    milliseconds, and a rule whose `when_any` is met by a phrase never needs it)."""

    def __init__(self, analyzer: KeywordAnalyzer, scan: _Scan) -> None:
        super().__init__()
        self._analyzer, self._scan = analyzer, scan

    def __missing__(self, name: str) -> list[_Hit]:
        hits = self[name] = self._analyzer._anchor_hits(self._scan, self._analyzer.compiled.anchors[name])
        return hits

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self._analyzer.compiled.anchors else default


def _value(kind: str, satisfied: bool) -> float:
    if kind == "required":
        return 1.0 if satisfied else 0.0
    return 0.0 if satisfied else 1.0


def _na(reason: str, detail: dict[str, Any]) -> dict[str, Any]:
    return {"value": None, "na_reason": reason, "detail": detail}


def _phrase_list(g: CompiledGroup) -> str:
    items = [*g.phrases, *(p.pattern for p in g.regex)]
    shown = "/".join(items[:_MAX_PHRASES_IN_NOTE])
    return shown + ("/…" if len(items) > _MAX_PHRASES_IN_NOTE else "")


def _clip(text: str, n: int = 24) -> str:
    return text if len(text) <= n else text[:n] + "…"


def _ranges(idx: list[int]) -> str:
    """``[0, 1, 2, 5]`` → ``0–2, 5``."""
    out, start, prev = [], None, None
    for i in idx:
        if start is None:
            start = prev = i
        elif i == prev + 1:
            prev = i
        else:
            out.append(f"{start}" if start == prev else f"{start}–{prev}")
            start = prev = i
    if start is not None:
        out.append(f"{start}" if start == prev else f"{start}–{prev}")
    return ", ".join(out)
