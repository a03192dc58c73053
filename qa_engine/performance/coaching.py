"""Coaching triggers: declarative rules turn weak spots into coaching tasks, not penalties.

A task carries the evidence calls (the agent's own recordings to coach from), an owner,
a due date and a status. Closing it records the outcome; ``follow_up`` tells, in the next
period, whether the indicator that triggered it moved.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from qa_engine.errors import InputError
from qa_engine.performance.periods import Period
from qa_engine.performance.plan import CoachingRule, PerformancePlan
from qa_engine.performance.records import CallRecord, by_agent
from qa_engine.performance.roster import AgentInfo
from qa_engine.performance.warnings import DeviationWarning


class FollowUp(BaseModel):
    """Where the triggering indicator stands in a later period."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "period": "2026-12", "before": 0.6, "after": 0.81, "change": 0.21, "improved": True,
        "calls": 117}]})

    period: str
    before: float | None
    after: float | None
    change: float | None
    improved: bool | None = Field(description="Moved the right way past the threshold side.")
    calls: int


class CoachingTask(BaseModel):
    """A coaching task for one agent, with the calls to coach from."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "coach-0d1b04f681d2", "agent_id": "A1024", "rule": "low_fcr",
        "title": "首次解决率辅导", "reason": "kpi:fcr mean 0.6 over 112 calls is below 0.7",
        "source": "kpi:fcr", "value": 0.6, "threshold": 0.7, "direction": "below",
        "period": "2026-11", "window_start": "2026-11-03", "window_end": "2026-11-30",
        "evidence_calls": ["call-0911", "call-0923"], "warning_id": None, "owner": "S1",
        "created_on": "2026-11-30", "due": "2026-12-14", "status": "open", "outcome": None,
        "closed_by": None, "closed_at": None, "follow_up": None}]})

    id: str
    agent_id: str
    rule: str
    title: str = ""
    reason: str
    source: str | None = Field(default=None, description="The indicator source that triggered it.")
    value: float | None = Field(default=None, description="Its value when the task was created.")
    threshold: float | None = None
    direction: Literal["below", "above"] | None = None
    period: str
    window_start: date
    window_end: date
    evidence_calls: list[str]
    warning_id: str | None = None
    owner: str
    created_on: date
    due: date
    status: Literal["open", "closed"] = "open"
    outcome: str | None = None
    closed_by: str | None = None
    closed_at: datetime | None = None
    follow_up: FollowUp | None = None


def coaching_tasks(plan: PerformancePlan, calls: Iterable[CallRecord], period: Period, *,
                   warnings: Iterable[DeviationWarning] = (),
                   existing: Iterable[CoachingTask] = (),
                   roster: Mapping[str, AgentInfo] | None = None) -> list[CoachingTask]:
    """New tasks the plan's rules raise at the end of ``period``.

    A rule that already has an open task for the agent (in ``existing``) raises no second
    one; a warning counts as addressed when any task (open or closed) cites it.
    """
    roster = roster or {}
    existing = list(existing)
    open_keys = {(t.agent_id, t.rule) for t in existing if t.status == "open"}
    addressed = {t.warning_id for t in existing if t.warning_id}
    agents = by_agent(calls)
    today = period.last_day
    tasks: list[CoachingTask] = []
    for rule in plan.coaching.rules:
        window = (today - timedelta(days=rule.window_days - 1), today)
        if rule.kind == "warning_unaddressed":
            for warning in warnings:
                if warning.id in addressed or (warning.agent_id, rule.id) in open_keys:
                    continue
                if (today - warning.alarm_day).days < rule.after_days:
                    continue
                tasks.append(_task(rule, warning.agent_id, period, window, roster,
                                   reason=f"deviation warning on {warning.indicator} since "
                                          f"{warning.days[0]} (shift {warning.shift:+.2f}) "
                                          f"not addressed after {rule.after_days} days",
                                   evidence_calls=warning.worst_calls or warning.calls,
                                   source=warning.source, value=warning.recent_mean,
                                   warning_id=warning.id))
                addressed.add(warning.id)
            continue
        for agent, agent_calls in agents.items():
            if (agent, rule.id) in open_keys:
                continue
            recent = [c for c in agent_calls if window[0] <= c.day <= window[1]]
            task = (_mean_rule(rule, agent, recent, period, window, roster)
                    if rule.kind == "mean" else
                    _red_line_rule(rule, agent, recent, period, window, roster))
            if task is not None:
                tasks.append(task)
    return tasks


def _mean_rule(rule: CoachingRule, agent: str, recent: list[CallRecord], period: Period,
               window: tuple[date, date], roster) -> CoachingTask | None:
    valued = [(c.value(rule.source), c) for c in recent if c.value(rule.source) is not None]
    if len(valued) < rule.min_calls:
        return None
    mean = sum(v for v, _ in valued) / len(valued)
    below = rule.below is not None
    threshold = rule.below if below else rule.above
    if (below and mean >= threshold) or (not below and mean <= threshold):
        return None
    # Worst first, the most recent among equals: the calls to coach from are fresh ones.
    worst = sorted(valued, key=lambda vc: (vc[0] if below else -vc[0],
                                           -vc[1].started_at.timestamp()))
    evidence = [c.conversation_id for _, c in worst[:rule.evidence_calls]]
    side = "below" if below else "above"
    return _task(rule, agent, period, window, roster,
                 reason=f"{rule.source} mean {mean:.3g} over {len(valued)} calls "
                        f"({window[0]}–{window[1]}) is {side} {threshold:g}",
                 evidence_calls=evidence, source=rule.source, value=mean, threshold=threshold,
                 direction=side)


def _red_line_rule(rule: CoachingRule, agent: str, recent: list[CallRecord], period: Period,
                   window: tuple[date, date], roster) -> CoachingTask | None:
    failed = [c for c in recent if c.red_line_failed]
    if len(failed) < rule.at_least:
        return None
    return _task(rule, agent, period, window, roster,
                 reason=f"{len(failed)} red-line calls ({window[0]}–{window[1]}), at least "
                        f"{rule.at_least} trigger coaching: "
                        + "; ".join(r for c in failed[:3] for r in c.red_line_reasons[:1]),
                 evidence_calls=[c.conversation_id for c in failed[:rule.evidence_calls]],
                 source="red_lines", value=float(len(failed)), threshold=float(rule.at_least),
                 direction="above")


def _task(rule: CoachingRule, agent: str, period: Period, window: tuple[date, date], roster,
          **fields) -> CoachingTask:
    owner = rule.owner
    if owner == "supervisor" and agent in roster and roster[agent].supervisor:
        owner = roster[agent].supervisor
    digest = hashlib.sha1(f"{agent}|{rule.id}|{period.label}".encode()).hexdigest()[:12]
    return CoachingTask(id=f"coach-{digest}", agent_id=agent, rule=rule.id,
                        title=rule.title or rule.id, period=period.label,
                        window_start=window[0], window_end=window[1], owner=owner,
                        created_on=period.last_day,
                        due=period.last_day + timedelta(days=rule.due_days), **fields)


def close_task(task: CoachingTask, *, outcome: str, closed_by: str,
               at: datetime | None = None) -> CoachingTask:
    """The task closed with its recorded outcome (a closed task cannot be closed again)."""
    if task.status == "closed":
        raise InputError(f"coaching task '{task.id}' is already closed")
    if not outcome.strip():
        raise InputError("closing a coaching task needs an outcome")
    return task.model_copy(update={"status": "closed", "outcome": outcome.strip(),
                                   "closed_by": closed_by,
                                   "closed_at": at or datetime.now().astimezone()})


def follow_up(task: CoachingTask, calls: Iterable[CallRecord], period: Period) -> FollowUp:
    """The triggering indicator of ``task`` in ``period`` (usually the next one)."""
    mine = [c for c in calls if c.agent_id == task.agent_id and period.contains(c.day)]
    if task.source == "red_lines":
        after: float | None = float(sum(c.red_line_failed for c in mine))
        n = len(mine)
    elif task.source is not None:
        values = [v for c in mine if (v := c.value(task.source)) is not None]
        after, n = (sum(values) / len(values) if values else None), len(values)
    else:
        after, n = None, len(mine)
    change = after - task.value if after is not None and task.value is not None else None
    improved = None
    if change is not None and task.direction is not None:
        improved = change > 0 if task.direction == "below" else change < 0
    return FollowUp(period=period.label, before=task.value, after=after, change=change,
                    improved=improved, calls=n)


def load_tasks_jsonl(path: str | Path) -> list[CoachingTask]:
    """Tasks from an earlier run's ``coaching.jsonl``."""
    path = Path(path)
    tasks = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError("coaching tasks file not found", source=str(path)) from None
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            tasks.append(CoachingTask.model_validate_json(line))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise InputError(f"line {lineno}: {where}: {first['msg']}", source=str(path)) from None
    return tasks
