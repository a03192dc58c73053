"""Coverage of the agents' 90 % intervals by simulation: this roll-up vs the old one.

Agents' true means are drawn from N(70, tau²), their call scores from N(true mean, sigma²);
coverage is the share of agents whose interval holds the true mean (nominal 90 %). The
baseline is the previous method (method-of-moments variances with a floor of 1 on both,
copied here from git history) run on the same data.

    python eval/rollup_coverage.py
"""

from __future__ import annotations

import math
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qa_engine.rollup import CallScore, rollup_agents  # noqa: E402

Z90 = 1.6448536269514722


def old_rollup(calls: list[CallScore]) -> dict[str, tuple[float, float, float]]:
    """The roll-up before this change: (shrunk mean, low, high) per agent."""
    by_agent: dict[str, list[float]] = {}
    for c in calls:
        by_agent.setdefault(c.agent_id, []).append(c.score)
    scores = [s for v in by_agent.values() for s in v]
    team = sum(scores) / len(scores)
    squares = sum(sum((s - sum(v) / len(v)) ** 2 for s in v) for v in by_agent.values() if len(v) > 1)
    dof = sum(len(v) - 1 for v in by_agent.values() if len(v) > 1)
    if dof == 0:
        sigma2 = max(sum((s - team) ** 2 for s in scores) / max(len(scores) - 1, 1), 1.0)
    else:
        sigma2 = max(squares / dof, 1.0)
    k = len(by_agent)
    means = [(sum(v) / len(v), len(v)) for v in by_agent.values()]
    spread = sum((m - team) ** 2 for m, _ in means) / (k - 1)
    tau2 = max(spread - sum(sigma2 / n for _, n in means) / k, 1.0)
    out = {}
    for agent, v in by_agent.items():
        n, m = len(v), sum(v) / len(v)
        shrink = (sigma2 / n) / (tau2 + sigma2 / n)
        post = shrink * team + (1 - shrink) * m
        sd = math.sqrt(1 / (1 / tau2 + n / sigma2))
        out[agent] = (post, max(0, post - Z90 * sd), min(100, post + Z90 * sd))
    return out


def simulate(agents: int, calls_per_agent: int, tau: float, sigma: float, reps: int, seed: int):
    rng = random.Random(seed)
    new_cov, old_cov, new_width, old_width = [], [], [], []
    for _ in range(reps):
        truth = {f"a{i}": rng.gauss(70, tau) for i in range(agents)}
        calls = [CallScore(agent_id=a, score=rng.gauss(m, sigma))
                 for a, m in truth.items() for _ in range(calls_per_agent)]
        new = {a.agent_id: (a.interval_low, a.interval_high) for a in rollup_agents(calls)[0]}
        old = {a: (lo, hi) for a, (_, lo, hi) in old_rollup(calls).items()}
        for result, cov, width in ((new, new_cov, new_width), (old, old_cov, old_width)):
            cov.append(statistics.mean(lo <= truth[a] <= hi for a, (lo, hi) in result.items()))
            width.append(statistics.mean(hi - lo for lo, hi in result.values()))
    return (statistics.mean(new_cov), statistics.mean(old_cov),
            statistics.mean(new_width), statistics.mean(old_width))


def main() -> None:
    print("| agents × calls | tau | sigma | coverage new | coverage old | width new | width old |")
    print("|---|---|---|---|---|---|---|")
    for agents, per, tau, sigma in [(50, 1, 8, 10), (50, 1, 3, 10), (50, 1, 10, 3), (50, 1, 6, 6),
                                    (50, 5, 8, 10), (50, 5, 3, 10), (40, 20, 4, 10), (200, 50, 3, 12)]:
        new, old, wn, wo = simulate(agents, per, tau, sigma, reps=100, seed=agents + per + tau)
        print(f"| {agents} × {per} | {tau} | {sigma} | {new:.1%} | {old:.1%} | {wn:.1f} | {wo:.1f} |")


if __name__ == "__main__":
    main()
