"""A second decoding pass for doubtful lines, biased toward the rulebook's service phrases.

Off by default (``AsrOptions.phrase_pass_hotwords`` empty), by a rule written before the
held-out constructed calls were scored (``eval/asr_phrase_pass_rule.md``): on the fresh
telephone calls it changed no stereo score and took one mono call from 1.6 to 20.4 points off
the truth; on the tuning calls (line by line) it kept 2 of 22 proposals, both adding 尾号 to a line with
no identity check (with identity phrases among the hotwords, since left out).

How it works when switched on: a region whose first-pass text is doubtful (mean word
probability below ``phrase_pass_below``) on a channel the caller names (the agent's) is
decoded again alone, with the phrases as Whisper hotwords. The hotwords only *propose*: the
proposal replaces the first text only when the model **without** any prompt finds it more
likely for that audio than the first text, by more than ``phrase_pass_margin`` (mean token
log-probability, both texts forced through the same window in Simplified script), and it is
not more text than the speech could hold. A known weakness, measured: a mean per token
favours a fluent proposal that leaves the hard words out (a merged mono line lost the agent's
您是想…对吗 that way). Every decision, kept or not, is recorded with both texts and scores.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from qa_engine.asr.decode import SAMPLE_RATE
from qa_engine.asr.hygiene import _SPOKEN, degenerate, to_simplified
from qa_engine.asr.options import AsrOptions


#: Rules whose phrases are not offered as hotwords: identity checks are followed by digits, and
#: on garbled number-like telephone audio Whisper turned 可以处理好 into 一桌尾号 with 手机尾号
#: as a hotword (an identity check nobody made; eval/asr_phrase_pass.py, first set).
NOT_HOTWORDS = ("verify_identity",)


def rulebook_hotwords(rulebook, per_rule: int = 2, skip: tuple[str, ...] = NOT_HOTWORDS) -> tuple[str, ...]:
    """The first ``per_rule`` phrases of every required rule (but ``skip``) and of each of its
    groups, in rulebook order, without repeats: a short list, because Whisper keeps only the
    last ~220 prompt tokens and a long list biases harder (``eval/asr_phrase_pass.py``)."""
    out: list[str] = []
    for rule in rulebook.rules:
        if rule.kind != "required" or rule.id in skip:
            continue
        for phrases in [rule.phrases, *[g.phrases for g in (rule.groups or [])]]:
            for p in (phrases or [])[:per_rule]:
                if p not in out:
                    out.append(p)
    return tuple(out)


@dataclass
class Decision:
    """One doubtful region the pass looked at."""

    channel: int
    start: float
    end: float
    first: str
    proposal: str
    first_logprob: float     # unprompted mean token log-probability of the first text
    proposal_logprob: float  # ... of the proposal, same window
    kept: bool

    def to_dict(self) -> dict:
        return {"channel": self.channel, "start": round(self.start, 2), "end": round(self.end, 2),
                "first": self.first, "proposal": self.proposal, "first_logprob": round(self.first_logprob, 3),
                "proposal_logprob": round(self.proposal_logprob, 3), "kept": self.kept}


def doubtful(avg_logprob: float, options: AsrOptions) -> bool:
    """Whether a first-pass region is re-decoded: its mean word probability is below the bar."""
    return math.exp(avg_logprob) < options.phrase_pass_below


def accept(first_logprob: float, proposal_logprob: float, options: AsrOptions, *, proposal: str = "",
           seconds: float | None = None) -> bool:
    """The proposal wins only when the unprompted model prefers it by more than the margin, and
    it is not more text than the speech could hold (``phrase_pass_max_cps``)."""
    if seconds is not None and len(_SPOKEN.findall(proposal)) > options.phrase_pass_max_cps * max(seconds, 0.0):
        return False
    return proposal_logprob > first_logprob + options.phrase_pass_margin


def phrase_pass(model, channels: list[np.ndarray], regions: list[list[dict]], heard: list, options: AsrOptions,
                retry_channels: set[int]) -> tuple[list, list[Decision]]:
    """``heard`` (``packed.RegionText``s) with doubtful regions of ``retry_channels`` re-decoded
    with the phrase hotwords and replaced where ``accept`` says so; and the decisions."""
    from qa_engine.asr.packed import _decode

    if not options.phrase_pass_hotwords:
        return heard, []
    by_start = {(ch, round(r["start"], 3)): r for ch, regs in enumerate(regions) for r in regs}
    todo = [h for h in heard if h.channel in retry_channels and h.text.strip() and doubtful(h.avg_logprob, options)]
    if not todo:
        return heard, []
    wanted = [[] for _ in regions]
    for h in todo:
        region = by_start.get((h.channel, round(h.start, 3)))
        if region is not None:
            wanted[h.channel].append(region)
    biased = replace(options, pack_s=0.0, hotwords=tuple(options.phrase_pass_hotwords), initial_prompt=None)
    proposals = {id(entry[0].region): "".join(w.word for w in entry[1])
                 for entry in _decode(model, channels, wanted, biased).values()}
    scorer = _Scorer(model, options.language)
    decisions: list[Decision] = []
    out = []
    todo_ids = {id(h) for h in todo}
    for h in heard:
        region = by_start.get((h.channel, round(h.start, 3))) if id(h) in todo_ids else None
        proposal = proposals.get(id(region)) if region is not None else None
        if region is None or not proposal or not proposal.strip():
            out.append(h)
            continue
        window = channels[h.channel][int(region["pad_start"] * SAMPLE_RATE):int(region["pad_end"] * SAMPLE_RATE)]
        first_lp, prop_lp = scorer.score(window, [to_simplified(h.text), to_simplified(proposal)])
        kept = (accept(first_lp, prop_lp, options, proposal=proposal, seconds=h.end - h.start)
                and not degenerate(proposal, h.end - h.start, options))
        decisions.append(Decision(h.channel, h.start, h.end, h.text.strip(), proposal.strip(), first_lp, prop_lp, kept))
        out.append(replace(h, text=proposal, avg_logprob=prop_lp) if kept else h)
    return out, decisions


class _Scorer:
    """Mean token log-probability of given texts for one audio window, unprompted (Whisper's
    start-of-transcript, language and task tokens only), by CTranslate2's forced alignment."""

    def __init__(self, model, language: str):
        from faster_whisper.tokenizer import Tokenizer

        self.model = model
        self.tokenizer = Tokenizer(model.hf_tokenizer, True, task="transcribe", language=language)

    def score(self, window: np.ndarray, texts: list[str]) -> list[float]:
        features = self.model.feature_extractor(window)
        frames = min(features.shape[-1], 3000)
        features = np.pad(features, ((0, 0), (0, max(0, 3000 - features.shape[-1]))))[:, :3000]
        encoded = self.model.encode(features)
        start = [*self.tokenizer.sot_sequence, self.tokenizer.no_timestamps]
        tokens = [self.tokenizer.encode(t) or [self.tokenizer.eot] for t in texts]
        scores = []
        for toks in tokens:  # one window encoded once; the batch of align must match it (1)
            result = self.model.model.align(encoded, start, [toks], frames)[0]
            probs = np.asarray(result.text_token_probs[:len(toks)], dtype=float)
            scores.append(float(np.mean(np.log(np.maximum(probs, 1e-6)))) if len(probs) else float("-inf"))
        return scores
