"""One period of the performance loop: results, warnings, coaching, follow-ups, sample.

``run_period`` is what ``qa perf run`` and the service call; ``write_outputs`` writes the
files (agents.csv, warnings.jsonl, coaching.jsonl, sample.csv, raters.csv, summary.json).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from qa_engine.errors import InputError
from qa_engine.performance.coaching import CoachingTask, coaching_tasks, follow_up
from qa_engine.performance.periods import Period, within
from qa_engine.performance.plan import PerformancePlan
from qa_engine.performance.ratings import RaterLeniency, Rating, check_scale, rater_leniency
from qa_engine.performance.records import CallRecord
from qa_engine.performance.results import (
    AgentResult,
    mark_promotion_track,
    period_results,
    write_agents_csv,
)
from qa_engine.performance.roster import AgentInfo
from qa_engine.performance.sampling import SampledCall, draw_sample, write_sample_csv
from qa_engine.performance.warnings import DeviationWarning, detect_deviations


@dataclass
class PeriodRun:
    """Everything one period's run produced."""

    period: Period
    plan: str
    results: list[AgentResult]
    warnings: list[DeviationWarning]
    new_tasks: list[CoachingTask]
    followed_up: list[CoachingTask] = field(default_factory=list)
    sample: list[SampledCall] = field(default_factory=list)
    raters: list[RaterLeniency] = field(default_factory=list)

    @property
    def tasks(self) -> list[CoachingTask]:
        """Earlier tasks with this period's follow-up, then the new ones."""
        return [*self.followed_up, *self.new_tasks]

    def summary(self) -> dict:
        tiers: dict[str, int] = {}
        for r in self.results:
            tiers[r.tier or "-"] = tiers.get(r.tier or "-", 0) + 1
        return {"period": self.period.label, "plan": self.plan, "agents": len(self.results),
                "provisional": sum(r.provisional for r in self.results), "tiers": tiers,
                "promotion_track": [r.agent_id for r in self.results if r.promotion_track],
                "warnings": len(self.warnings), "new_coaching_tasks": len(self.new_tasks),
                "followed_up_tasks": len(self.followed_up), "sampled_calls": len(self.sample)}


def run_period(plan: PerformancePlan, calls: Iterable[CallRecord], period: Period, *,
               ratings: Iterable[Rating] = (), roster: Mapping[str, AgentInfo] | None = None,
               tasks: Iterable[CoachingTask] = (), appealed: Iterable[str] = (),
               history: Iterable[AgentResult] = ()) -> PeriodRun:
    """Results, warnings, new coaching tasks, follow-ups of earlier tasks and the sample.

    ``calls`` may reach back before the period: the warnings' baselines read them.
    ``tasks`` are coaching tasks of earlier runs: those created before this period get its
    follow-up and keep a rule from raising a duplicate while open. ``history`` holds earlier
    periods' results (``results.jsonl``) for the promotion track.
    """
    if period.kind != plan.period:
        raise InputError(f"period '{period.label}' is a {period.kind}, but plan "
                         f"'{plan.name}' assesses by {plan.period} (its 'period' key)")
    calls = list(calls)
    ratings = list(ratings)
    check_scale(ratings, plan.ratings)
    earlier = [t for t in tasks if t.created_on < period.start]
    results = period_results(plan, calls, period, ratings=ratings, roster=roster)
    mark_promotion_track(plan, results, period, history)
    warnings = detect_deviations(plan, calls, period)
    new = coaching_tasks(plan, calls, period, warnings=warnings, existing=earlier, roster=roster)
    followed = [t.model_copy(update={"follow_up": follow_up(t, calls, period)}) for t in earlier]
    sample = draw_sample(plan.sampling, calls, period, roster=roster, appealed=appealed)
    raters = rater_leniency([r for r in ratings if within(r.period, period)],
                            flag_beyond=plan.ratings.leniency_flag,
                            min_compared=plan.ratings.leniency_min_compared)
    return PeriodRun(period=period, plan=f"{plan.name}@{plan.version}", results=results,
                     warnings=warnings, new_tasks=new, followed_up=followed, sample=sample,
                     raters=raters)


def write_outputs(run: PeriodRun, out_dir: str | Path) -> Path:
    """Write the run's files into ``out_dir`` (created); returns it."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    write_agents_csv(run.results, out / "agents.csv")
    _jsonl(out / "warnings.jsonl", run.warnings)
    _jsonl(out / "coaching.jsonl", run.tasks)
    write_sample_csv(run.sample, out / "sample.csv")
    with (out / "raters.csv").open("w", encoding="utf-8") as handle:
        handle.write("rater_id,source,ratings,mean,compared,leniency,flag\n")
        for r in run.raters:
            leniency = "" if r.leniency is None else f"{r.leniency:+.2f}"
            handle.write(f"{r.rater_id},{r.source},{r.ratings},{r.mean:.2f},{r.compared},"
                         f"{leniency},{r.flag or ''}\n")
    _jsonl(out / "results.jsonl", run.results)
    (out / "summary.json").write_text(json.dumps(run.summary(), ensure_ascii=False, indent=2)
                                      + "\n", encoding="utf-8")
    return out


def _jsonl(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(row.model_dump_json() + "\n")
