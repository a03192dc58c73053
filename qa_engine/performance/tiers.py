"""Tiers (S/A/B/C/D by score or by rank share) and incentive coefficients (table or formula)."""

from __future__ import annotations

from qa_engine.performance.plan import Tiers


def tier_by_score(tiers: Tiers, total: float) -> str:
    """The best tier whose ``min_score`` the total reaches."""
    for level in tiers.levels:
        if total >= level.min_score:  # type: ignore[operator]
            return level.id
    return tiers.levels[-1].id


def tier_by_rank(tiers: Tiers, rank: int, count: int) -> str:
    """Tier of the agent at ``rank`` (1 = best) of ``count``: the levels take their
    ``share`` of the ranking in order (top 10 % S, next 20 % A, …)."""
    position = rank / count
    cumulative = 0.0
    for level in tiers.levels:
        cumulative += level.share  # type: ignore[operator]
        if position <= cumulative + 1e-9:
            return level.id
    return tiers.levels[-1].id


def coefficient(tiers: Tiers, tier: str, total: float) -> float:
    """The incentive coefficient: the tier's table value, or the plan's formula on the total."""
    if tiers.coefficient == "table":
        return float(tiers.level(tier).coefficient)  # type: ignore[arg-type]
    f = tiers.formula
    return round(min(f.max, max(f.min, f.base + f.per_point * (total - f.pivot))), 4)
