"""The performance loop (客服绩效考核) on top of scored calls.

plan (TOML) → period results with 360° ratings, tiers and incentive coefficients →
deviation early warnings → coaching tasks → QA sampling and calibration. No web
framework here; the CLI (``qa perf``) and the service call these functions.

    from qa_engine.performance import load_plan, parse_period, run_period
"""

from __future__ import annotations

from qa_engine.performance.calibration import agreement_by_item, cohen_kappa, fleiss_kappa
from qa_engine.performance.coaching import CoachingTask, close_task, coaching_tasks, follow_up
from qa_engine.performance.periods import Period, parse_period
from qa_engine.performance.plan import PerformancePlan, load_plan, parse_plan
from qa_engine.performance.ratings import Rating, load_ratings_csv, rater_leniency
from qa_engine.performance.records import CallRecord, load_calls_jsonl
from qa_engine.performance.results import AgentResult, period_results
from qa_engine.performance.run import PeriodRun, run_period, write_outputs
from qa_engine.performance.sampling import draw_sample
from qa_engine.performance.warnings import DeviationWarning, detect_deviations

__all__ = ["AgentResult", "CallRecord", "CoachingTask", "DeviationWarning", "PerformancePlan",
           "Period", "PeriodRun", "Rating", "agreement_by_item", "close_task", "coaching_tasks",
           "cohen_kappa", "detect_deviations", "draw_sample", "fleiss_kappa", "follow_up",
           "load_calls_jsonl", "load_plan", "load_ratings_csv", "parse_period", "parse_plan",
           "period_results", "rater_leniency", "run_period", "write_outputs"]
