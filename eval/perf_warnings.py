"""Deviation early warning on simulated agent-months: false alarms vs detections.

The data are **simulated** (normal call scores, Bernoulli FCR; self-made, known labels), so
the figures describe the chart's behaviour on that model, not accuracy on real call
centres. Each agent-month: ten agents, four calls a day for November 2026. Compared in the
same run on the same data:

- baseline: a plain Shewhart run rule — the agent's daily mean below the baseline mean
  minus two baseline daily standard deviations on 3 consecutive days (the same first ten
  days as baseline, no team adjustment, no clipping);
- shipped: ``qa_engine.performance.warnings`` with the bundled plan's options.

    python eval/perf_warnings.py [--months 60]
"""

from __future__ import annotations

import argparse
import random
import statistics
from datetime import date, datetime, timedelta, timezone

from qa_engine.performance.periods import parse_period
from qa_engine.performance.plan import load_plan
from qa_engine.performance.records import CallRecord
from qa_engine.performance.warnings import detect_deviations

TZ = timezone(timedelta(hours=8))
NOV = parse_period("2026-11")
AGENTS = [f"A{i:02d}" for i in range(10)]
TARGET = "A03"


def month(seed: int, *, drop: float = 0.0, fcr_to: float | None = None,
          team_dip: float = 0.0) -> list[CallRecord]:
    """Scores ~N(85, 8); from 17 Nov the target loses ``drop`` points (or its FCR falls to
    ``fcr_to``), or every agent loses ``team_dip`` points."""
    rng = random.Random(seed)
    calls = []
    for day in range(1, 31):
        for agent in AGENTS:
            for k in range(4):
                late = day >= 17
                score = rng.gauss(85, 8) - (drop if agent == TARGET and late else 0) \
                    - (team_dip if late else 0)
                p = fcr_to if fcr_to is not None and agent == TARGET and late else 0.85
                calls.append(CallRecord(
                    conversation_id=f"{agent}-{day}-{k}", agent_id=agent,
                    started_at=datetime(2026, 11, day, 9 + 2 * k, tzinfo=TZ),
                    score=max(0.0, min(100.0, score)),
                    kpis={"fcr": float(rng.random() < p),
                          "response_time_seconds": rng.gauss(15, 4)}))
    return calls


def shewhart(calls: list[CallRecord], source: str, higher_is_better: bool,
             baseline_days: int = 10, run: int = 3) -> set[tuple[str, date]]:
    """(agent, alarm day) of the plain run rule."""
    out = set()
    daily: dict[str, dict[date, list[float]]] = {}
    for c in calls:
        v = c.value(source)
        if v is not None:
            daily.setdefault(c.agent_id, {}).setdefault(c.day, []).append(v)
    for agent, days in daily.items():
        ordered = sorted(days)
        means = [statistics.fmean(days[d]) for d in ordered]
        base = means[:baseline_days]
        mu, sd = statistics.fmean(base), statistics.stdev(base) or 1e-9
        streak = 0
        for d, m in zip(ordered[baseline_days:], means[baseline_days:]):
            worse = m < mu - 2 * sd if higher_is_better else m > mu + 2 * sd
            streak = streak + 1 if worse else 0
            if streak == run:
                out.add((agent, d))
                break
    return out


def evaluate(months: int) -> None:
    plan = load_plan()
    scenarios = {
        "steady team (false alarms)": dict(),
        "team-wide dip of 15 points (false alarms)": dict(team_dip=15.0),
        "target's quality −10 from day 17": dict(drop=10.0),
        "target's quality −20 from day 17": dict(drop=20.0),
        "target's FCR 0.85 → 0.55 from day 17": dict(fcr_to=0.55),
    }
    print(f"{months} simulated months × {len(AGENTS)} agents per scenario; "
          "shipped = EWMA chart (bundled plan), baseline = 3-day Shewhart run rule\n")
    print("| scenario | indicator | method | target flagged | other agents flagged "
          "(per 100 agent-months) | median alarm day |")
    print("|---|---|---|---|---|---|")
    for name, kwargs in scenarios.items():
        indicator = "fcr" if "fcr_to" in kwargs else "quality"
        source = "kpi:fcr" if indicator == "fcr" else "quality"
        tallies = {"shipped": [0, 0, []], "baseline": [0, 0, []]}
        for m in range(months):
            calls = month(1000 * (list(scenarios).index(name) + 1) + m, **kwargs)
            shipped = {(w.agent_id, w.alarm_day) for w in detect_deviations(plan, calls, NOV)
                       if w.indicator == indicator}
            for label, alarms in (("shipped", shipped),
                                  ("baseline", shewhart(calls, source, True))):
                hit = [d for a, d in alarms if a == TARGET]
                tallies[label][0] += bool(hit)
                tallies[label][1] += sum(1 for a, _ in alarms if a != TARGET)
                tallies[label][2] += [d.day for d in hit]
        for label, (hits, others, days) in tallies.items():
            rate = 100 * others / (months * (len(AGENTS) - 1))
            median = f"{statistics.median(days):.0f}" if days else "–"
            print(f"| {name} | {indicator} | {label} | {hits}/{months} | {rate:.1f} | {median} |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--months", type=int, default=60)
    evaluate(parser.parse_args().months)
