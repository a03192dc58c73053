"""Hand-built scored calls for the performance tests (no analyzer or model runs)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from qa_engine.performance.records import CallRecord

TZ = timezone(timedelta(hours=8))


def call(cid: str, agent: str, day: int, *, score: float | None = 85.0, month: int = 11,
         hour: int = 10, red_line: bool = False, kpis: dict | None = None,
         sections: dict | None = None, queue: str = "billing", risk: float | None = None,
         needs_review: list[str] | None = None) -> CallRecord:
    """A scored call on ``day`` of ``month`` 2026 (+08:00)."""
    return CallRecord(
        conversation_id=cid, agent_id=agent, queue=queue,
        started_at=datetime(2026, month, day, hour, tzinfo=TZ), score=0.0 if red_line else score,
        red_line_failed=red_line,
        red_line_reasons=["no_profanity: 辱骂 failed — \"他妈的\""] if red_line else [],
        sections=sections or {}, kpis=kpis or {}, needs_review=needs_review or [], risk=risk)


def month_of_calls(agents: list[str], *, seed: int = 1, per_day: int = 4, days: int = 30,
                   mean: float = 85.0, sd: float = 8.0, drop: dict | None = None,
                   fcr: dict | None = None, team_dip: tuple[int, int, float] | None = None
                   ) -> list[CallRecord]:
    """``per_day`` calls a day per agent in November 2026 with normal quality scores.

    ``drop``: agent -> (first day, points lost); ``fcr``: agent -> FCR rate (default 0.85);
    ``team_dip``: (first day, last day, points) every agent loses on those days.
    """
    rng = random.Random(seed)
    drop, fcr = drop or {}, fcr or {}
    calls = []
    for day in range(1, days + 1):
        for agent in agents:
            for k in range(per_day):
                score = rng.gauss(mean, sd)
                if agent in drop and day >= drop[agent][0]:
                    score -= drop[agent][1]
                if team_dip and team_dip[0] <= day <= team_dip[1]:
                    score -= team_dip[2]
                resolved = 1.0 if rng.random() < fcr.get(agent, 0.85) else 0.0
                calls.append(call(f"{agent}-{day:02d}-{k}", agent, day, hour=9 + 2 * k,
                                  score=max(0.0, min(100.0, score)),
                                  kpis={"fcr": resolved, "csat": 4.0 + resolved * 0.5,
                                        "response_time_seconds": rng.gauss(15, 4),
                                        "aht_seconds": rng.gauss(260, 40)},
                                  sections={"handling": max(0.0, min(100.0, score))}))
    return calls
