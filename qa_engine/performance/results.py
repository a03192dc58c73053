"""Period results: per agent the indicator breakdown, weighted total, tier and coefficient.

Each indicator's period value is the empirical-Bayes roll-up of ``qa_engine.rollup``
(shrunk toward the team, with a credible interval), computed on the indicator's own 0–100
scale, so an agent with a handful of calls or ratings is pulled toward the team instead of
deciding their pay on luck. Indicators without data (no KPI on any call, no peer ratings)
leave the denominator and are listed as missing. Too few calls, or too much weight
missing, makes the result *provisional*: the plan's provisional tier applies.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from qa_engine.errors import InputError
from qa_engine.performance.periods import Period, within
from qa_engine.performance.plan import Indicator, PerformancePlan, Structure
from qa_engine.performance.ratings import Rating
from qa_engine.performance.records import CallRecord
from qa_engine.performance.roster import AgentInfo
from qa_engine.performance.tiers import coefficient, tier_by_rank, tier_by_score
from qa_engine.rollup import AgentScore, CallScore, rollup_agents
from qa_engine.scorecard import Band


class IndicatorResult(BaseModel):
    """One indicator of one agent's period result, with what it rests on."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "fcr", "title": "首次解决率 FCR", "source": "kpi:fcr", "weight": 15.0, "value": 0.82,
        "raw_mean": 0.83, "n": 118, "points": 82.5, "points_low": 75.0, "points_high": 90.1,
        "shrinkage": 0.04, "na_reason": None}]})

    id: str
    title: str = ""
    source: str
    weight: float = Field(description="Share of the total in percent (as planned).")
    value: float | None = Field(description="Period value (shrunk), in the source's units.")
    raw_mean: float | None = Field(default=None, description="Plain mean, before shrinkage.")
    n: int = Field(default=0, description="Calls or ratings behind the value.")
    points: float | None = Field(description="0–100 by the indicator's mapping; None = missing.")
    points_low: float | None = None
    points_high: float | None = None
    shrinkage: float | None = Field(default=None, description="Weight on the team mean.")
    na_reason: str | None = None


class AgentResult(BaseModel):
    """An agent's result for one period: the payroll row."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "agent_id": "A1024", "period": "2026-11", "structure": "frontline", "role": "agent",
        "queue": "billing", "calls": 118, "indicators": [{
            "id": "fcr", "title": "首次解决率 FCR", "source": "kpi:fcr", "weight": 15.0,
            "value": 0.82, "raw_mean": 0.83, "n": 118, "points": 82.5, "points_low": 75.0,
            "points_high": 90.1, "shrinkage": 0.04, "na_reason": None}],
        "total": 84.7, "total_low": 79.6, "total_high": 89.7, "interval": 0.9, "rank": 3,
        "tier": "A", "coefficient": 1.2, "provisional": False, "provisional_reason": None,
        "missing": [], "plan": "default@2026.11.1"}]})

    agent_id: str
    period: str
    structure: str | None
    role: str | None = None
    queue: str | None = Field(default=None, description="The agent's most frequent queue.")
    calls: int = Field(description="Scored calls in the period.")
    indicators: list[IndicatorResult] = Field(default_factory=list)
    total: float | None = Field(description="Weighted mean of the available indicators' points.")
    total_low: float | None = None
    total_high: float | None = None
    interval: float
    rank: int | None = Field(default=None, description="Rank by total within the structure.")
    tier: str | None = None
    coefficient: float | None = None
    provisional: bool = False
    provisional_reason: str | None = None
    top_share: bool = Field(default=False, description="In the plan's promotion top share of "
                                                       "the structure this period.")
    promotion_track: bool = Field(default=False, description="In the top share for the plan's "
                                                             "number of consecutive periods.")
    missing: list[str] = Field(default_factory=list, description="Indicators without data.")
    plan: str = ""


def period_results(plan: PerformancePlan, calls: Iterable[CallRecord], period: Period, *,
                   ratings: Iterable[Rating] = (),
                   roster: Mapping[str, AgentInfo] | None = None) -> list[AgentResult]:
    """Every agent with calls or ratings in ``period``, ranked within their structure."""
    roster = roster or {}
    in_period = [c for c in calls if period.contains(c.day)]
    rated = [r for r in ratings if within(r.period, period)]
    agents = sorted({c.agent_id for c in in_period} | {r.agent_id for r in rated})
    queues: dict[str, Counter] = defaultdict(Counter)
    for call in in_period:
        queues[call.agent_id][call.queue] += 1
    structure_of: dict[str, Structure | None] = {}
    main_queue: dict[str, str | None] = {}
    for agent in agents:
        main_queue[agent] = queues[agent].most_common(1)[0][0] if queues[agent] else None
        role = roster[agent].role if agent in roster else None
        structure_of[agent] = plan.structure_for(role, main_queue[agent])
    rolled = _roll_up(plan, in_period, rated, structure_of)
    scored = Counter(c.agent_id for c in in_period if c.score is not None)
    results = []
    for agent in agents:
        structure = structure_of[agent]
        indicators = ([_indicator_result(ind, plan, rolled.get(_key(ind), {}).get(agent))
                       for ind in structure.indicators] if structure else [])
        results.append(_agent_result(plan, period, agent, structure, indicators, scored[agent],
                                     roster.get(agent), main_queue[agent]))
    _rank_and_tier(plan, results)
    return results


def _key(ind: Indicator) -> str:
    return f"{ind.source}|{ind.mapping.model_dump_json()}"


def _to_scale(ind: Indicator, raw: float) -> float:
    """The source value on the mapping's own 0–100 scale (unclipped, affine)."""
    m = ind.mapping
    if isinstance(m, Band):
        return 100.0 * (raw - m.zero_low) / (m.zero_high - m.zero_low)
    return 100.0 * (raw - m.zero) / (m.good - m.zero)


def _from_scale(ind: Indicator, scaled: float) -> float:
    m = ind.mapping
    if isinstance(m, Band):
        return m.zero_low + scaled / 100.0 * (m.zero_high - m.zero_low)
    return m.zero + scaled / 100.0 * (m.good - m.zero)


def _roll_up(plan: PerformancePlan, calls: list[CallRecord], ratings: list[Rating],
             structure_of: Mapping[str, Structure | None]) -> dict[str, dict[str, AgentScore]]:
    """Shrunk scores per indicator key (source + mapping) and agent.

    Agents whose structures share an indicator (same source and mapping) are one team
    for its shrinkage; the roll-up runs on the mapping's scale so that its variance floor
    and interval clipping are in points, whatever the source's units.
    """
    indicators: dict[str, Indicator] = {}
    members: dict[str, set[str]] = defaultdict(set)
    for agent, structure in structure_of.items():
        for ind in structure.indicators if structure else []:
            indicators.setdefault(_key(ind), ind)
            members[_key(ind)].add(agent)
    out: dict[str, dict[str, AgentScore]] = {}
    for key, ind in indicators.items():
        observations = []
        if ind.kind == "rating":
            for r in ratings:
                if r.source == ind.name and r.agent_id in members[key]:
                    observations.append(CallScore(agent_id=r.agent_id,
                                                  score=_to_scale(ind, r.score)))
        else:
            for call in calls:
                value = call.value(ind.source)
                if value is not None and call.agent_id in members[key]:
                    observations.append(CallScore(agent_id=call.agent_id,
                                                  score=_to_scale(ind, value)))
        agents, _ = rollup_agents(observations, interval=plan.interval)
        out[key] = {a.agent_id: a for a in agents}
    return out


def _indicator_result(ind: Indicator, plan: PerformancePlan,
                      rolled: AgentScore | None) -> IndicatorResult:
    common = dict(id=ind.id, title=ind.title, source=ind.source,
                  weight=100.0 * ind.weight / plan.total_weight)
    if rolled is None:
        what = (f"no {ind.name} ratings" if ind.kind == "rating"
                else f"no value of '{ind.source}' on any call")
        return IndicatorResult(**common, value=None, points=None,
                               na_reason=f"{what} in the period")
    low, high = _points_interval(ind, rolled.interval_low, rolled.interval_high)
    return IndicatorResult(
        **common, value=_from_scale(ind, rolled.shrunk_mean),
        raw_mean=_from_scale(ind, rolled.mean), n=rolled.calls,
        points=_points(ind, rolled.shrunk_mean), points_low=low, points_high=high,
        shrinkage=rolled.shrinkage)


def _points(ind: Indicator, scaled: float) -> float:
    if isinstance(ind.mapping, Band):
        return ind.mapping.points(_from_scale(ind, scaled))
    return min(100.0, max(0.0, scaled))


def _points_interval(ind: Indicator, low: float, high: float) -> tuple[float, float]:
    if not isinstance(ind.mapping, Band):
        return _points(ind, low), _points(ind, high)
    ends = (_points(ind, low), _points(ind, high))
    band_low, band_high = _to_scale(ind, ind.mapping.low), _to_scale(ind, ind.mapping.high)
    top = 100.0 if low <= band_high and band_low <= high else max(ends)
    return min(ends), top


def _agent_result(plan: PerformancePlan, period: Period, agent: str,
                  structure: Structure | None, indicators: list[IndicatorResult], calls: int,
                  info: AgentInfo | None, queue: str | None) -> AgentResult:
    available = [i for i in indicators if i.points is not None]
    weight = sum(i.weight for i in available)
    total = low = high = None
    if weight:
        total = sum(i.weight * i.points for i in available) / weight  # type: ignore[operator]
        # The weighted ends of the indicators' intervals: conservative (it assumes the
        # indicators err together), so a thin period is never narrower than it should be.
        low = sum(i.weight * i.points_low for i in available) / weight  # type: ignore[operator]
        high = sum(i.weight * i.points_high for i in available) / weight  # type: ignore[operator]
    missing = [i.id for i in indicators if i.points is None]
    missing_share = 1 - weight / 100.0 if indicators else 1.0
    reasons = []
    if structure is None:
        reasons.append("no plan structure matches the agent's role or queue")
    if calls < plan.min_calls:
        reasons.append(f"{calls} scored call(s), fewer than min_calls {plan.min_calls}")
    if indicators and missing_share > plan.max_missing_share + 1e-9:
        reasons.append(f"{100 * missing_share:.0f} % of the weight has no data "
                       f"(max {100 * plan.max_missing_share:.0f} %)")
    return AgentResult(
        agent_id=agent, period=period.label, structure=structure.id if structure else None,
        role=info.role if info else None, queue=queue, calls=calls, indicators=indicators,
        total=total, total_low=low, total_high=high, interval=plan.interval,
        provisional=bool(reasons) or total is None,
        provisional_reason="; ".join(reasons) or (None if total is not None else "no data"),
        missing=missing, plan=f"{plan.name}@{plan.version}")


def _rank_and_tier(plan: PerformancePlan, results: list[AgentResult]) -> None:
    tiers = plan.tiers
    by_structure: dict[str | None, list[AgentResult]] = defaultdict(list)
    for r in results:
        if r.total is not None:
            by_structure[r.structure].append(r)
    for group in by_structure.values():
        group.sort(key=lambda r: (-r.total, r.agent_id))  # type: ignore[operator]
        top = math.ceil(plan.promotion.top_share * len(group) - 1e-9)
        for rank, r in enumerate(group, start=1):
            r.rank = rank
            r.top_share = rank <= top and not r.provisional
            r.tier = (tier_by_score(tiers, r.total) if tiers.by == "score"  # type: ignore[arg-type]
                      else tier_by_rank(tiers, rank, len(group)))
    for r in results:
        if r.provisional and tiers.provisional is not None:
            r.tier = tiers.provisional
        if r.tier is not None:
            total = r.total if r.total is not None and not r.provisional else tiers.formula.pivot
            r.coefficient = coefficient(tiers, r.tier, total)


def mark_promotion_track(plan: PerformancePlan, results: list[AgentResult], period: Period,
                         history: Iterable[AgentResult]) -> None:
    """Set ``promotion_track`` on agents in the top share this period and in each of the
    plan's ``periods − 1`` periods before it (``history``: earlier periods' results)."""
    in_top = {(h.agent_id, h.period) for h in history if h.top_share}
    earlier, labels = period, []
    for _ in range(plan.promotion.periods - 1):
        earlier = earlier.previous()
        labels.append(earlier.label)
    for r in results:
        r.promotion_track = r.top_share and all((r.agent_id, label) in in_top
                                                for label in labels)


def agents_csv(results: list[AgentResult]) -> str:
    """The payroll-ready table: one row per agent, one column per indicator (points) and
    its period value, the total with its interval, tier and coefficient."""
    ids = list(dict.fromkeys(i.id for r in results for i in r.indicators))
    handle = io.StringIO()
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(["agent_id", "period", "structure", *ids, "total", "interval_low",
                     "interval_high", "tier", "coefficient", "provisional", "calls", "rank",
                     "missing", *[f"{i}_value" for i in ids], "provisional_reason",
                     "promotion_track", "plan"])
    for r in results:
        ind = {i.id: i for i in r.indicators}
        writer.writerow([
            r.agent_id, r.period, r.structure or "",
            *[_fmt(ind[i].points) if i in ind else "" for i in ids],
            _fmt(r.total), _fmt(r.total_low), _fmt(r.total_high), r.tier or "",
            "" if r.coefficient is None else f"{r.coefficient:g}", r.provisional, r.calls,
            r.rank or "", " ".join(r.missing),
            *[_fmt(ind[i].value, 4) if i in ind else "" for i in ids],
            r.provisional_reason or "", r.promotion_track, r.plan])
    return handle.getvalue()


def write_agents_csv(results: list[AgentResult], path: str | Path) -> None:
    """Write ``agents_csv`` to ``path`` (UTF-8)."""
    Path(path).write_text(agents_csv(results), encoding="utf-8")


def load_results_jsonl(path: str | Path) -> list[AgentResult]:
    """Results of an earlier run (its ``results.jsonl``)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError("results file not found", source=str(path)) from None
    out = []
    for lineno, line in enumerate(lines, start=1):
        if line.strip():
            try:
                out.append(AgentResult.model_validate_json(line))
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"])
                raise InputError(f"line {lineno}: {where}: {first['msg']}",
                                 source=str(path)) from None
    return out


def results_json(results: list[AgentResult]) -> str:
    """The results as one JSON array (for the audit log and the API)."""
    return json.dumps([r.model_dump(mode="json") for r in results], ensure_ascii=False)


def _fmt(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"
