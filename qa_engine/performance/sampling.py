"""QA sampling plans: a random share of every agent's calls plus targeted rules.

The random part is stratified by agent — every agent gets ``random_share`` of their calls
(at least ``min_per_agent``) reviewed, drawn reproducibly from the plan's seed among the
calls no targeted rule picked. Targeted rules add every red-line call, low scores, high
complaint risk, items that need review, appealed calls and a larger share of a new
agent's calls. Each sampled call lists every reason it was picked for.
"""

from __future__ import annotations

import csv
import hashlib
import math
from collections.abc import Iterable, Mapping
from datetime import timedelta
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from qa_engine.performance.periods import Period
from qa_engine.performance.plan import Sampling, SamplingRule
from qa_engine.performance.records import CallRecord, by_agent
from qa_engine.performance.roster import AgentInfo


class SampledCall(BaseModel):
    """One call in the review queue, and why."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "conversation_id": "call-0918", "agent_id": "A1024", "reasons": ["red_line", "random"],
        "score": 0.0, "started_at": "2026-11-18T10:12:00+08:00", "queue": "billing"}]})

    conversation_id: str
    agent_id: str
    reasons: list[str] = Field(description="'random' and/or the ids of targeted rules.")
    score: float | None = None
    started_at: str = ""
    queue: str | None = None


def _draw_key(seed: int, conversation_id: str) -> str:
    return hashlib.sha256(f"{seed}|{conversation_id}".encode()).hexdigest()


def _matches(rule: SamplingRule, call: CallRecord, appealed: set[str]) -> bool:
    if rule.when == "red_line":
        return call.red_line_failed
    if rule.when == "score_below":
        return call.score is not None and call.score < rule.threshold  # type: ignore[operator]
    if rule.when == "risk_above":
        return call.risk is not None and call.risk > rule.threshold  # type: ignore[operator]
    if rule.when == "needs_review":
        return bool(call.needs_review)
    if rule.when == "appealed":
        return call.conversation_id in appealed
    return False


def draw_sample(plan: Sampling, calls: Iterable[CallRecord], period: Period, *,
                roster: Mapping[str, AgentInfo] | None = None,
                appealed: Iterable[str] = ()) -> list[SampledCall]:
    """The review sample of ``period``: per agent the random share plus targeted calls."""
    roster = roster or {}
    appealed = set(appealed)
    picked: dict[str, SampledCall] = {}

    def pick(call: CallRecord, reason: str) -> None:
        entry = picked.get(call.conversation_id)
        if entry is None:
            picked[call.conversation_id] = SampledCall(
                conversation_id=call.conversation_id, agent_id=call.agent_id, reasons=[reason],
                score=call.score, started_at=call.started_at.isoformat(), queue=call.queue)
        elif reason not in entry.reasons:
            entry.reasons.append(reason)

    agents = by_agent(c for c in calls if period.contains(c.day))
    for agent, mine in agents.items():
        for rule in plan.rules:
            if rule.when == "new_agent":
                info = roster.get(agent)
                if info is None or info.hired_on is None or \
                        info.hired_on < period.start - timedelta(days=rule.days):
                    continue
                count = math.ceil(rule.share * len(mine))  # type: ignore[operator]
                for call in sorted(mine, key=lambda c: _draw_key(plan.seed + 1,
                                                                 c.conversation_id))[:count]:
                    pick(call, rule.id)
                continue
            hits = [c for c in mine if _matches(rule, c, appealed)]
            if rule.when == "score_below":
                hits.sort(key=lambda c: c.score)  # type: ignore[arg-type, return-value]
            for call in hits[:rule.max_per_agent]:
                pick(call, rule.id)
        want = max(plan.min_per_agent, math.ceil(plan.random_share * len(mine) - 1e-9))
        rest = sorted((c for c in mine if c.conversation_id not in picked),
                      key=lambda c: _draw_key(plan.seed, c.conversation_id))
        for call in rest[:want]:
            pick(call, "random")
    return sorted(picked.values(), key=lambda s: (s.agent_id, s.started_at, s.conversation_id))


def write_sample_csv(sample: list[SampledCall], path: str | Path) -> None:
    """``sample.csv``: call, agent, reason (``+``-joined when several), score, start, queue."""
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["conversation_id", "agent_id", "reason", "score", "started_at", "queue"])
        for s in sample:
            writer.writerow([s.conversation_id, s.agent_id, "+".join(s.reasons),
                             "" if s.score is None else f"{s.score:.2f}", s.started_at,
                             s.queue or ""])
