"""Agent scores over a period: hierarchical shrinkage toward the team mean.

A plain mean lets an agent with five lucky calls top the board. Each agent's mean is
pulled toward the team mean in proportion to how little evidence it rests on, under the
normal–normal model ``score = agent quality + call noise`` with agent qualities
``N(mu, tau2)`` and call noise ``N(0, sigma2)``.

The two variances are not fixed by a floor: they are integrated over a grid of the share
of variance between agents ``rho = tau2 / (tau2 + sigma2)`` (uniform prior) and the total
``V = tau2 + sigma2`` (prior 1/V), weighted by the likelihood of the pooled data (the
within-agent sum of squares and every agent's mean). With many calls per agent the grid
concentrates on the usual empirical-Bayes estimate; with one call per agent — where the
data cannot tell agent spread from call noise — ``rho`` stays uncertain, and the interval
is the quantile of the mixture over it, which keeps its promised coverage whatever the
split (``tests/test_rollup.py`` checks it by simulation).

Everything is computed from per-agent sufficient statistics (``AgentStats``), so a
streaming audit rolls up any number of calls in memory proportional to the agents.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from statistics import NormalDist
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
from pydantic import BaseModel, Field

SCORE_RANGE = (0.0, 100.0)
# Grid over rho = tau2 / (tau2 + sigma2): midpoints of equal steps in (0, 1).
RHO_STEPS = 120
# Grid over log V: a coarse pass finds where the posterior lies, a fine pass covers it.
LOG_V_STEPS = 160
# Cells whose posterior weight is below this share of the largest are dropped.
PRUNE = 1e-7
# The interval covers every share rho in this credible mass of its posterior.
RHO_CREDIBLE = 0.95


class AgentScore(BaseModel):
    """One agent's roll-up for a period."""

    agent_id: str
    calls: int = Field(description="Scored calls (score not N/A).")
    mean: float = Field(description="Plain mean of the call scores.")
    shrunk_mean: float = Field(description="Posterior mean, pulled toward the team mean.")
    interval_low: float
    interval_high: float
    interval: float = Field(description="Mass of the credible interval, e.g. 0.90.")
    shrinkage: float = Field(description="Weight on the team mean in [0, 1]; high = little evidence.")
    red_line_failures: int = 0
    sections: dict[str, float] = Field(default_factory=dict,
                                       description="Mean section score (0–100) over the calls.")
    rank: int = Field(default=0, description="1 = best. Agents whose interval overlaps that of "
                                             "the first agent of their group share its rank.")
    tied: bool = Field(default=False, description="Another agent shares this rank.")
    rank_best: int = Field(default=0, description="Best rank consistent with the intervals: "
                                                  "1 + agents whose interval lies wholly above.")
    rank_worst: int = Field(default=0, description="Worst rank consistent with the intervals.")


class CallScore(BaseModel):
    """The part of an inspection the roll-up needs."""

    agent_id: str | None = Field(description="None: the call is counted but not ranked.")
    score: float
    red_line_failed: bool = False
    sections: dict[str, float] = Field(default_factory=dict)


@dataclass
class AgentStats:
    """Sufficient statistics of one agent's calls; ``add`` one call at a time."""

    n: int = 0
    total: float = 0.0
    squares: float = 0.0
    red_line_failures: int = 0
    section_totals: dict[str, float] = field(default_factory=dict)
    section_counts: dict[str, int] = field(default_factory=dict)

    def add(self, score: float, red_line_failed: bool = False,
            sections: Mapping[str, float | None] | None = None) -> None:
        self.n += 1
        self.total += score
        self.squares += score * score
        self.red_line_failures += bool(red_line_failed)
        for section, value in (sections or {}).items():
            if value is not None:
                self.section_totals[section] = self.section_totals.get(section, 0.0) + value
                self.section_counts[section] = self.section_counts.get(section, 0) + 1

    @property
    def mean(self) -> float:
        return self.total / self.n

    @property
    def within_squares(self) -> float:
        """Sum of squared deviations from the agent's own mean."""
        return max(0.0, self.squares - self.total * self.total / self.n)

    def section_means(self) -> dict[str, float]:
        return {s: self.section_totals[s] / self.section_counts[s] for s in self.section_totals}


class RollupAccumulator:
    """Feeds calls one by one; ``result()`` ranks the agents. Calls without an agent id
    are counted (``calls_without_agent``) and left out of the ranking."""

    def __init__(self) -> None:
        self.agents: dict[str, AgentStats] = defaultdict(AgentStats)
        self.calls_without_agent = 0

    def add(self, agent_id: str | None, score: float, red_line_failed: bool = False,
            sections: Mapping[str, float | None] | None = None) -> None:
        if not agent_id:
            self.calls_without_agent += 1
            return
        self.agents[agent_id].add(score, red_line_failed, sections)

    def result(self, *, interval: float = 0.90) -> tuple[list[AgentScore], dict]:
        return rollup_stats(self.agents, interval=interval,
                            calls_without_agent=self.calls_without_agent)


def rollup_agents(calls: Iterable[CallScore], *,
                  interval: float = 0.90) -> tuple[list[AgentScore], dict]:
    """Roll call scores up per agent; returns (agents ranked by shrunk mean, team summary)."""
    acc = RollupAccumulator()
    for call in calls:
        acc.add(call.agent_id, call.score, call.red_line_failed, call.sections)
    return acc.result(interval=interval)


def rollup_stats(stats: Mapping[str, AgentStats], *, interval: float = 0.90,
                 calls_without_agent: int = 0) -> tuple[list[AgentScore], dict]:
    """Rank agents from their sufficient statistics (see the module docstring)."""
    stats = {a: s for a, s in stats.items() if s.n > 0}
    if not stats:
        return [], {"agents": 0, "calls": 0, "calls_without_agent": calls_without_agent}
    ids = list(stats)
    n = np.array([stats[a].n for a in ids], dtype=float)
    ybar = np.array([stats[a].mean for a in ids])
    posterior = _VariancePosterior(n, ybar, sum(s.within_squares for s in stats.values()),
                                   int(n.sum() - len(n)))
    means, lows, highs, shrink = posterior.agent_intervals(interval)
    agents = [AgentScore(
        agent_id=a, calls=stats[a].n, mean=stats[a].mean, shrunk_mean=float(means[i]),
        interval_low=float(lows[i]), interval_high=float(highs[i]), interval=interval,
        shrinkage=float(shrink[i]), red_line_failures=stats[a].red_line_failures,
        sections=stats[a].section_means()) for i, a in enumerate(ids)]
    rank_with_ties(agents)
    summary = {"agents": len(agents), "calls": int(n.sum()),
               "calls_without_agent": calls_without_agent,
               "team_mean": float(ybar @ n / n.sum()),
               "between_agent_variance": posterior.tau2, "within_agent_variance": posterior.sigma2,
               "within_agent_dof": posterior.dof_within,
               "between_agent_share": posterior.rho,
               "variance_split_identified": posterior.dof_within > 0}
    return agents, summary


def rank_with_ties(agents: list[AgentScore]) -> None:
    """Sort by shrunk mean and rank, sharing a rank where intervals overlap.

    Walking down the board, an agent whose interval reaches the interval of the first
    agent of the current group joins that group and takes its rank (competition ranking:
    1, 1, 1, 4 …). ``rank_best``/``rank_worst`` count the agents whose interval lies wholly
    above/below.
    """
    agents.sort(key=lambda a: (-a.shrunk_mean, a.agent_id))
    lows = sorted(a.interval_low for a in agents)
    highs = sorted(a.interval_high for a in agents)
    k = len(agents)
    leader = None
    for position, agent in enumerate(agents, start=1):
        if leader is None or agent.interval_high < leader.interval_low:
            leader, agent.rank = agent, position
        else:
            agent.rank = leader.rank
        agent.rank_best = 1 + (k - bisect_right(lows, agent.interval_high))
        agent.rank_worst = k - bisect_left(highs, agent.interval_low)
    counts: dict[int, int] = defaultdict(int)
    for agent in agents:
        counts[agent.rank] += 1
    for agent in agents:
        agent.tied = counts[agent.rank] > 1


class _VariancePosterior:
    """Posterior over (rho, V) on a grid, with mu integrated out (flat prior)."""

    def __init__(self, n: np.ndarray, ybar: np.ndarray, ss_within: float, dof_within: int) -> None:
        self.n, self.ybar = n, ybar
        self.ss_within, self.dof_within = ss_within, dof_within
        self.k = len(n)
        # Agents grouped by call count: the likelihood needs only these sums.
        sizes, inverse = np.unique(n, return_inverse=True)
        self.sizes = sizes
        self.count = np.bincount(inverse).astype(float)
        self.sum_y = np.bincount(inverse, weights=ybar)
        self.sum_y2 = np.bincount(inverse, weights=ybar * ybar)
        self.rho = self.tau2 = self.sigma2 = float("nan")
        self.weights: np.ndarray | None = None
        if self.k > 1 or self.dof_within > 0:  # else nothing at all can be estimated
            self._fit()

    def _loglik(self, rho: np.ndarray, log_v: np.ndarray) -> tuple[np.ndarray, ...]:
        """Log marginal likelihood, mu's GLS estimate and its variance on the grid."""
        v = np.exp(log_v)
        tau2, sigma2 = rho * v, (1 - rho) * v
        var = tau2[..., None] + sigma2[..., None] / self.sizes          # per size group
        inv = 1.0 / var
        w = (self.count * inv).sum(-1)
        mu = (self.sum_y * inv).sum(-1) / w
        quad = (self.sum_y2 * inv).sum(-1) - 2 * mu * (self.sum_y * inv).sum(-1) + mu * mu * w
        ll = -0.5 * ((self.count * np.log(var)).sum(-1) + quad + np.log(w))
        if self.dof_within:
            ll = ll - 0.5 * (self.dof_within * np.log(sigma2) + self.ss_within / sigma2)
        return ll, mu, 1.0 / w

    def _fit(self) -> None:
        rho = (np.arange(RHO_STEPS) + 0.5) / RHO_STEPS
        spread = float(np.var(self.ybar)) if self.k > 1 else 0.0
        scale = max(spread, self.ss_within / max(self.dof_within, 1), 1e-6)
        # log-V grid (the prior 1/V is flat in log V): a coarse pass over a wide range, then
        # a fine pass where the mass is.
        lo, hi = math.log(scale) - 12, math.log(scale) + 6
        for _ in range(2):
            log_v = np.linspace(lo, hi, LOG_V_STEPS)
            ll, mu, mu_var = self._loglik(rho[:, None], log_v[None, :])
            keep = ll > ll.max() + math.log(PRUNE)
            used = log_v[keep.any(0)]
            step = log_v[1] - log_v[0]
            lo, hi = used.min() - 2 * step, used.max() + 2 * step
        cell = np.where(keep, np.exp(ll - ll.max()), 0.0)
        # Collapse V (and mu) per rho: given rho, an agent's shrinkage does not depend on V.
        per_rho = cell.sum(1)
        live = per_rho > 0
        cell, per_rho, mu, mu_var = cell[live], per_rho[live], mu[live], mu_var[live]
        v = np.exp(log_v)
        self.grid_rho = rho[live]
        self.grid_v = (cell @ v) / per_rho
        self.grid_mu = (cell * mu).sum(1) / per_rho
        self.grid_mu_var = (cell * (mu_var + (mu - self.grid_mu[:, None]) ** 2)).sum(1) / per_rho
        self.weights = per_rho / per_rho.sum()
        self.rho = float(self.weights @ self.grid_rho)
        self.tau2 = float(self.weights @ (self.grid_rho * self.grid_v))
        self.sigma2 = float(self.weights @ ((1 - self.grid_rho) * self.grid_v))

    def agent_intervals(self, interval: float) -> tuple[np.ndarray, ...]:
        """Posterior mean, interval bounds and shrinkage of every agent.

        The interval is the union, over the share ``rho`` within its 95 % credible set, of
        the agent's ``interval`` credible interval given that share: whichever split is
        true, the interval given it lies inside, so coverage holds even when the data
        cannot identify the split (one call per agent).
        """
        low_bound, high_bound = SCORE_RANGE
        if self.weights is None:
            k = self.k
            return (self.ybar.copy(), np.full(k, low_bound), np.full(k, high_bound), np.zeros(k))
        z = NormalDist().inv_cdf(0.5 + interval / 2)
        plausible = _credible_cells(self.weights, RHO_CREDIBLE)
        means, lows, highs, shrinks = [], [], [], []
        for start in range(0, self.k, 2048):
            n = self.n[start:start + 2048, None]
            y = self.ybar[start:start + 2048, None]
            tau2 = self.grid_rho * self.grid_v
            sigma2 = (1 - self.grid_rho) * self.grid_v
            b = tau2 / (tau2 + sigma2 / n)                      # weight on the agent's own mean
            m = self.grid_mu + b * (y - self.grid_mu)
            s = np.sqrt(b * sigma2 / n + (1 - b) ** 2 * self.grid_mu_var)
            means.append(m @ self.weights)
            shrinks.append(1 - b @ self.weights)
            lows.append((m - z * s)[:, plausible].min(1))
            highs.append((m + z * s)[:, plausible].max(1))
        clip = lambda x: np.clip(np.concatenate(x), low_bound, high_bound)  # noqa: E731
        return (np.concatenate(means), clip(lows), clip(highs), np.concatenate(shrinks))


def _credible_cells(weights: np.ndarray, mass: float) -> np.ndarray:
    """Mask of the heaviest cells that together hold ``mass`` of the weight."""
    order = np.argsort(weights)[::-1]
    upto = int(np.searchsorted(np.cumsum(weights[order]), mass)) + 1
    mask = np.zeros(len(weights), dtype=bool)
    mask[order[:upto]] = True
    return mask
