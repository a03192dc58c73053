"""Agent scores over a period: empirical-Bayes shrinkage toward the team mean.

A plain mean lets an agent with five lucky calls top the board. Here each agent's mean is
pulled toward the team mean in proportion to how little evidence it rests on (a
normal–normal model with method-of-moments estimates of the between-agent variance
``tau2`` and the within-agent variance ``sigma2``), and reported with a credible interval.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

from pydantic import BaseModel, Field
from scipy.stats import norm

# Floor on the between-agent variance: with identical agents the method-of-moments
# estimate reaches zero and would erase every difference, however many calls back it.
MIN_TAU2 = 1.0


class AgentScore(BaseModel):
    """One agent's roll-up for a period."""

    agent_id: str
    calls: int = Field(description="Scored calls (score not N/A).")
    mean: float = Field(description="Plain mean of the call scores.")
    shrunk_mean: float = Field(description="Empirical-Bayes estimate, pulled toward the team mean.")
    interval_low: float
    interval_high: float
    interval: float = Field(description="Mass of the credible interval, e.g. 0.90.")
    shrinkage: float = Field(description="Weight on the team mean in [0, 1]; high = little evidence.")
    red_line_failures: int = 0
    sections: dict[str, float] = Field(default_factory=dict,
                                       description="Mean section score (0–100) over the calls.")
    rank: int = 0


class CallScore(BaseModel):
    """The part of an inspection the roll-up needs."""

    agent_id: str
    score: float
    red_line_failed: bool = False
    sections: dict[str, float] = Field(default_factory=dict)


def rollup_agents(calls: Iterable[CallScore], *, interval: float = 0.90) -> tuple[list[AgentScore], dict]:
    """Roll call scores up per agent; returns (agents ranked by shrunk mean, team summary)."""
    by_agent: dict[str, list[CallScore]] = defaultdict(list)
    for call in calls:
        by_agent[call.agent_id].append(call)
    if not by_agent:
        return [], {"agents": 0, "calls": 0}
    all_scores = [c.score for cs in by_agent.values() for c in cs]
    team_mean = sum(all_scores) / len(all_scores)
    sigma2 = _pooled_within_variance(by_agent)
    tau2 = _between_variance(by_agent, team_mean, sigma2)
    z = norm.ppf(0.5 + interval / 2)
    agents = []
    for agent_id, cs in by_agent.items():
        n = len(cs)
        mean = sum(c.score for c in cs) / n
        shrink = (sigma2 / n) / (tau2 + sigma2 / n)
        posterior_mean = shrink * team_mean + (1 - shrink) * mean
        posterior_sd = math.sqrt(1 / (1 / tau2 + n / sigma2))
        agents.append(AgentScore(
            agent_id=agent_id, calls=n, mean=mean, shrunk_mean=posterior_mean,
            interval_low=max(0.0, posterior_mean - z * posterior_sd),
            interval_high=min(100.0, posterior_mean + z * posterior_sd),
            interval=interval, shrinkage=shrink,
            red_line_failures=sum(c.red_line_failed for c in cs),
            sections=_section_means(cs)))
    agents.sort(key=lambda a: a.shrunk_mean, reverse=True)
    for rank, agent in enumerate(agents, start=1):
        agent.rank = rank
    summary = {"agents": len(agents), "calls": len(all_scores), "team_mean": team_mean,
               "between_agent_variance": tau2, "within_agent_variance": sigma2}
    return agents, summary


def _pooled_within_variance(by_agent: Mapping[str, list[CallScore]]) -> float:
    squares, dof = 0.0, 0
    for cs in by_agent.values():
        if len(cs) > 1:
            m = sum(c.score for c in cs) / len(cs)
            squares += sum((c.score - m) ** 2 for c in cs)
            dof += len(cs) - 1
    if dof == 0:  # every agent has one call: fall back to the spread of all scores
        scores = [c.score for cs in by_agent.values() for c in cs]
        m = sum(scores) / len(scores)
        return max(sum((s - m) ** 2 for s in scores) / max(len(scores) - 1, 1), MIN_TAU2)
    return max(squares / dof, MIN_TAU2)


def _between_variance(by_agent: Mapping[str, list[CallScore]], team_mean: float,
                      sigma2: float) -> float:
    k = len(by_agent)
    if k < 2:
        return MIN_TAU2
    means = [(sum(c.score for c in cs) / len(cs), len(cs)) for cs in by_agent.values()]
    spread = sum((m - team_mean) ** 2 for m, _ in means) / (k - 1)
    noise = sum(sigma2 / n for _, n in means) / k
    return max(spread - noise, MIN_TAU2)


def _section_means(calls: list[CallScore]) -> dict[str, float]:
    totals: dict[str, list[float]] = defaultdict(list)
    for call in calls:
        for section, value in call.sections.items():
            totals[section].append(value)
    return {s: sum(v) / len(v) for s, v in totals.items()}
