"""Deviation early warning: an EWMA control chart per agent and indicator on daily values.

For each charted indicator the agent's daily mean (minus the rest of the team's mean that
day, when ``relative_to_team``: a team-wide dip is nobody's deviation) is compared with
the agent's own baseline — the first ``baseline_days`` days with data. Each day is
standardised by the baseline's noise (call-to-call spread over that day's calls plus any
day-to-day spread beyond it), clipped (one extreme day is not a trend), smoothed by an
EWMA, and compared with a control limit that also allows for the error of the baseline
mean (shared by every later day). Only a run of at least
``min_days`` consecutive days beyond the control limit raises a warning: a sustained
break, not one bad day. The warning lists the days of the shift (back to where the chart
left its baseline side), the size of the shift, the workload and the calls behind it.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict, Field

from qa_engine.performance.periods import Period
from qa_engine.performance.plan import Indicator, PerformancePlan, WarningOptions
from qa_engine.performance.records import CallRecord
from qa_engine.scorecard import Band


class ChartPoint(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "day": "2026-11-18", "calls": 4, "value": 61.2, "z": -3.0, "ewma": -1.9, "limit": 1.6}]})

    day: date
    calls: int
    value: float = Field(description="The agent's daily mean (raw units).")
    z: float = Field(description="Standardised against the baseline; negative = worse.")
    ewma: float
    limit: float


class DeviationWarning(BaseModel):
    """A sustained break in one agent's indicator, with the days and calls behind it."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "dev-3f2a9c1b0d4e", "agent_id": "A1024", "indicator": "quality",
        "title": "通话质检得分", "source": "quality", "period": "2026-11",
        "reference": "agent's own baseline, relative to the rest of the team",
        "baseline_start": "2026-11-01", "baseline_end": "2026-11-10", "baseline_mean": 88.1,
        "recent_mean": 52.4, "shift": -35.2, "shift_sigma": -4.8, "team_shift": 0.4,
        "alarm_day": "2026-11-20", "days": ["2026-11-17", "2026-11-18"],
        "calls": ["call-0917", "call-0918"], "worst_calls": ["call-0918"],
        "calls_per_day": 4.0, "baseline_calls_per_day": 4.0, "chart": []}]})

    id: str
    agent_id: str
    indicator: str
    title: str = ""
    source: str
    period: str
    reference: str = Field(description="What the chart compares with.")
    baseline_start: date
    baseline_end: date
    baseline_mean: float = Field(description="The agent's mean over the baseline days.")
    recent_mean: float = Field(description="The agent's mean over the shift days.")
    shift: float = Field(description="Change of the charted value (raw units; relative to the "
                                     "team when the chart is).")
    shift_sigma: float = Field(description="The shift in daily standard deviations.")
    team_shift: float | None = Field(
        default=None, description="The rest of the team's change over the same days.")
    alarm_day: date = Field(description="The day the break became sustained.")
    days: list[date]
    calls: list[str] = Field(description="The agent's calls on those days.")
    worst_calls: list[str] = Field(default_factory=list)
    calls_per_day: float
    baseline_calls_per_day: float
    chart: list[ChartPoint] = Field(default_factory=list)


def detect_deviations(plan: PerformancePlan, calls: Iterable[CallRecord],
                      period: Period) -> list[DeviationWarning]:
    """Warnings raised (alarm day) within ``period`` for the plan's charted indicators."""
    options = plan.warnings
    first = period.start - timedelta(days=options.lookback_days)
    window = [c for c in calls if first <= c.day < period.end]
    out = []
    for indicator_id in options.indicators:
        ind = plan.indicator(indicator_id)
        daily = _daily(window, ind.source)
        totals = _totals(daily)
        for agent in sorted(daily):
            for warning in _chart(agent, ind, daily, totals, options, period):
                if period.contains(warning.alarm_day):
                    out.append(warning)
    return out


# agent -> day -> [(value, call id)]
Daily = dict[str, dict[date, list[tuple[float, str]]]]


def _daily(calls: list[CallRecord], source: str) -> Daily:
    daily: Daily = defaultdict(lambda: defaultdict(list))
    for call in calls:
        value = call.value(source)
        if value is not None:
            daily[call.agent_id][call.day].append((value, call.conversation_id))
    return daily


def _totals(daily: Daily) -> dict[date, tuple[float, int]]:
    """The whole team's sum of values and count per day (an agent's own part is taken
    out again in ``_chart``, so the team is counted once, not once per agent)."""
    totals: dict[date, tuple[float, int]] = defaultdict(lambda: (0.0, 0))
    for days in daily.values():
        for day, values in days.items():
            s, n = totals[day]
            totals[day] = (s + sum(v for v, _ in values), n + len(values))
    return totals


def _span(ind: Indicator) -> float:
    m = ind.mapping
    return (m.zero_high - m.zero_low) if isinstance(m, Band) else abs(m.good - m.zero)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _chart(agent: str, ind: Indicator, daily: Daily, totals: dict[date, tuple[float, int]],
           options: WarningOptions, period: Period) -> list[DeviationWarning]:
    mine = daily[agent]
    team_sum: dict[date, float] = {}
    team_n: dict[date, int] = defaultdict(int)
    if options.relative_to_team:
        for day, values in mine.items():
            s, n = totals[day]
            team_sum[day] = s - sum(v for v, _ in values)
            team_n[day] = n - len(values)
    days = [d for d in sorted(mine) if not options.relative_to_team or team_n[d]]
    if len(days) < options.baseline_days + options.min_days:
        return []
    own = {d: _mean([v for v, _ in mine[d]]) for d in days}
    team = {d: team_sum[d] / team_n[d] for d in days} if options.relative_to_team else {}
    x = {d: own[d] - team.get(d, 0.0) for d in days}
    base = days[:options.baseline_days]
    mu0 = _mean([x[d] for d in base])
    # Noise of one day's value: call-to-call variance over its calls (and over the team's
    # calls it is compared with), plus whatever day-to-day variance the baseline shows
    # beyond that.
    squares, dof = 0.0, 0
    for d in base:
        values = [v for v, _ in mine[d]]
        m = _mean(values)
        squares += sum((v - m) ** 2 for v in values)
        dof += len(values) - 1
    floor = (options.min_sigma_share * _span(ind)) ** 2
    call_var = max(squares / dof if dof else 0.0, floor)

    def noise(day: date) -> float:
        return call_var / len(mine[day]) + (call_var / team_n[day] if team else 0.0)

    between = [x[d] for d in base]
    day_var = max(0.0, sum((v - mu0) ** 2 for v in between) / (len(base) - 1)
                  - _mean([noise(d) for d in base]))
    # The baseline mean is itself an estimate, and its error is shared by every later day:
    # the chart's variance includes it, or a lucky baseline would read as a lasting drop.
    mu0_var = sum(day_var + noise(d) for d in base) / len(base) ** 2
    sign = {True: 1.0, False: -1.0, None: 0.0}[ind.higher_is_better]
    lam, ewma, points = options.smoothing, 0.0, []
    for t, day in enumerate(days[options.baseline_days:], start=1):
        sd = math.sqrt(max(day_var + noise(day), floor))
        z = (x[day] - mu0) / sd
        z = sign * z if sign else -abs(z)  # a band: either side of the baseline is worse
        # One extreme day (a single red-line call scores 0) must not carry the chart over
        # the limit for days on its own: clip each day's evidence, as robust EWMA does.
        z = max(-options.clip, min(options.clip, z))
        ewma = lam * z + (1 - lam) * ewma
        limit = options.limit * math.sqrt(lam / (2 - lam) * (1 - (1 - lam) ** (2 * t))
                                          + mu0_var / sd ** 2)
        points.append(ChartPoint(day=day, calls=len(mine[day]), value=own[day], z=z,
                                 ewma=ewma, limit=limit))
    warnings, i = [], 0
    while i < len(points):
        if points[i].ewma >= -points[i].limit:
            i += 1
            continue
        j = i
        while j < len(points) and points[j].ewma < -points[j].limit:
            j += 1
        if j - i >= options.min_days:
            onset = _onset(points, i, j)
            warnings.append(_warning(agent, ind, period, options, points, onset, i, j, mine, own,
                                     team, x, mu0, base, day_var, call_var))
        i = j
    return warnings


def _onset(points: list[ChartPoint], run_start: int, run_end: int) -> int:
    """The most likely first day of the shift: the start that maximises the standardised
    sum of the days' z from there to the end of the run (a change-point estimate), looked
    for between the last day the chart was on the good side and the start of the run."""
    earliest = run_start
    while earliest > 0 and points[earliest - 1].ewma < 0:
        earliest -= 1
    best, best_stat = run_start, -math.inf
    for start in range(earliest, run_start + 1):
        segment = [p.z for p in points[start:run_end]]
        stat = -sum(segment) / math.sqrt(len(segment))
        if stat > best_stat:
            best, best_stat = start, stat
    return best


def _warning(agent, ind: Indicator, period: Period, options: WarningOptions,
             points: list[ChartPoint], onset: int, run_start: int, run_end: int, mine, own,
             team, x, mu0: float, base: list[date], day_var: float,
             call_var: float) -> DeviationWarning:
    shift_days = [p.day for p in points[onset:run_end]]
    shift = _mean([x[d] for d in shift_days]) - mu0
    per_day = _mean([len(mine[d]) for d in shift_days])
    sd = math.sqrt(day_var + call_var / per_day)
    cited = [(v, cid) for d in shift_days for v, cid in mine[d]]
    higher = ind.higher_is_better
    ordered = sorted(cited, key=lambda vc: vc[0] if higher else -vc[0]) if higher is not None \
        else cited
    team_shift = (_mean([team[d] for d in shift_days]) - _mean([team[d] for d in base])
                  if team else None)
    first = shift_days[0]
    digest = hashlib.sha1(f"{agent}|{ind.id}|{first}".encode()).hexdigest()[:12]
    return DeviationWarning(
        id=f"dev-{digest}", agent_id=agent, indicator=ind.id, title=ind.title, source=ind.source,
        period=period.label,
        reference=("agent's own baseline, relative to the rest of the team"
                   if team else "agent's own baseline"),
        baseline_start=base[0], baseline_end=base[-1],
        baseline_mean=_mean([own[d] for d in base]),
        recent_mean=_mean([own[d] for d in shift_days]), shift=shift, shift_sigma=shift / sd,
        team_shift=team_shift, alarm_day=points[run_start + options.min_days - 1].day,
        days=shift_days, calls=[cid for _, cid in cited],
        worst_calls=[cid for _, cid in ordered[:5]], calls_per_day=per_day,
        baseline_calls_per_day=_mean([len(mine[d]) for d in base]), chart=points)
