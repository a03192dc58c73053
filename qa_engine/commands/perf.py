"""``qa perf``: the performance loop — period results, warnings, coaching, sampling, κ."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from qa_engine.errors import QAEngineError

perf_app = typer.Typer(help="Agent performance: period scores with 360° ratings, tiers and "
                            "coefficients, deviation warnings, coaching, QA sampling.",
                       no_args_is_help=True)

PlanOption = Annotated[Optional[Path], typer.Option(
    "--plan", help="Performance plan TOML (default: bundled models/performance.toml).")]


def register(app: typer.Typer) -> None:
    """Add the ``perf`` command group to the ``qa`` app."""
    app.add_typer(perf_app, name="perf")


def _fail(exc: QAEngineError) -> typer.Exit:
    from rich.console import Console

    Console(stderr=True, soft_wrap=True).print(f"[red]error[/] [{exc.code}] {exc}",
                                               highlight=False)
    return typer.Exit(code=2)


@perf_app.command("run")
def run(
    calls: Annotated[Path, typer.Option("--calls", help="calls.jsonl written by `qa audit`.")],
    period: Annotated[str, typer.Option("--period", help="YYYY-MM, YYYY-Www or YYYY-Qn.")],
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("perf-out"),
    plan: PlanOption = None,
    kpis: Annotated[Optional[Path], typer.Option(
        help="KPI CSV with a conversation_id column (overrides the inspections' KPIs).")] = None,
    ratings: Annotated[Optional[Path], typer.Option(
        help="360° ratings CSV: agent_id, period, source, rater_id, score.")] = None,
    roster: Annotated[Optional[Path], typer.Option(
        help="Roster CSV: agent_id, role, supervisor, hired_on.")] = None,
    tasks: Annotated[Optional[Path], typer.Option(
        help="coaching.jsonl of an earlier run: follow-ups, no duplicate tasks.")] = None,
    appealed: Annotated[Optional[Path], typer.Option(
        help="Text file of appealed conversation ids, one per line.")] = None,
    history: Annotated[Optional[list[Path]], typer.Option(
        help="results.jsonl of earlier periods (repeatable): the promotion track.")] = None,
) -> None:
    """One period: agents.csv (payroll), warnings.jsonl, coaching.jsonl, sample.csv."""
    from qa_engine.audit import load_kpis_csv
    from qa_engine.performance import load_calls_jsonl, load_plan, load_ratings_csv, parse_period
    from qa_engine.performance.coaching import load_tasks_jsonl
    from qa_engine.performance.results import load_results_jsonl
    from qa_engine.performance.roster import load_roster_csv
    from qa_engine.performance.run import run_period, write_outputs

    try:
        the_plan = load_plan(plan)
        the_period = parse_period(period)
        records = load_calls_jsonl(calls, load_kpis_csv(kpis) if kpis else None)
        result = run_period(
            the_plan, records, the_period,
            ratings=load_ratings_csv(ratings) if ratings else (),
            roster=load_roster_csv(roster) if roster else None,
            tasks=load_tasks_jsonl(tasks) if tasks else (),
            appealed=_ids(appealed) if appealed else (),
            history=[r for path in history or [] for r in load_results_jsonl(path)])
    except QAEngineError as exc:
        raise _fail(exc) from None
    write_outputs(result, out)
    _render(result)
    typer.echo(f"→ {out}/agents.csv, warnings.jsonl, coaching.jsonl, sample.csv, raters.csv, "
               "results.jsonl, summary.json")


def _ids(path: Path) -> list[str]:
    from qa_engine.errors import InputError

    try:
        return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip()]
    except FileNotFoundError:
        raise InputError("appealed-ids file not found", source=str(path)) from None


def _render(result) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"{result.period.label}: {result.plan}")
    for col in ("agent", "structure", "rank", "total", "interval", "tier", "coef", "calls",
                "no data"):
        table.add_column(col, no_wrap=True)
    for r in sorted(result.results, key=lambda r: (r.structure or "", r.rank or 10**6)):
        interval = (f"{r.total_low:.0f}–{r.total_high:.0f}" if r.total_low is not None else "")
        tier = f"{r.tier or '-'}{'*' if r.provisional else ''}"
        table.add_row(r.agent_id, r.structure or "-", str(r.rank or ""),
                      "" if r.total is None else f"{r.total:.1f}", interval, tier,
                      "" if r.coefficient is None else f"{r.coefficient:g}", str(r.calls),
                      " ".join(r.missing))
    console.print(table)
    console.print("* provisional (too few calls or too much weight without data); the "
                  "indicator breakdown is in agents.csv")
    for w in result.warnings:
        console.print(f"[yellow]warning[/] {w.agent_id} {w.indicator}: {w.shift:+.2f} "
                      f"({w.shift_sigma:+.1f}σ) over {len(w.days)} days from {w.days[0]}, "
                      f"{len(w.calls)} calls, e.g. {', '.join(w.worst_calls[:3])}")
    for t in result.new_tasks:
        console.print(f"[cyan]coaching[/] {t.agent_id} {t.rule} → {t.owner}, due {t.due}: "
                      f"{t.reason}")
    summary = result.summary()
    if summary["promotion_track"]:
        console.print(f"promotion track: {', '.join(summary['promotion_track'])}")
    console.print(f"{summary['agents']} agents ({summary['provisional']} provisional), "
                  f"{summary['warnings']} warnings, {summary['new_coaching_tasks']} new coaching "
                  f"tasks, {summary['sampled_calls']} calls sampled for review")


@perf_app.command("check")
def check(plan: Annotated[Path, typer.Argument(help="Performance plan TOML to validate.")]) -> None:
    """Validate a plan: keys, sources, weights and bounds, tiers, rules."""
    from qa_engine.performance import load_plan

    try:
        loaded = load_plan(plan)
    except QAEngineError as exc:
        raise _fail(exc) from None
    typer.echo(f"{plan}: ok — {loaded.name}@{loaded.version}, period {loaded.period}, "
               f"{len(loaded.structures)} structures, {len(loaded.tiers.levels)} tiers, "
               f"{len(loaded.coaching.rules)} coaching rules, "
               f"{len(loaded.sampling.rules)} sampling rules")


@perf_app.command("calibrate")
def calibrate(
    labels: Annotated[Path, typer.Argument(help="CSV: conversation_id, item, reviewer, label.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON line per item.")] = False,
) -> None:
    """Inter-rater agreement of a calibration session: Cohen's/Fleiss' κ per item."""
    from qa_engine.performance.calibration import agreement_by_item, load_calibration_csv

    try:
        report = agreement_by_item(load_calibration_csv(labels))
    except QAEngineError as exc:
        raise _fail(exc) from None
    for item in report:
        if as_json:
            typer.echo(item.model_dump_json())
            continue
        kappa = "n/a" if item.kappa is None else f"{item.kappa:.3f}"
        typer.echo(f"{item.item}: κ={kappa} ({item.method}), observed agreement "
                   f"{item.observed_agreement:.3f}, {item.calls} calls × {item.reviewers} "
                   f"reviewers" + (f", {item.skipped_calls} incomplete calls left out"
                                   if item.skipped_calls else ""))


@perf_app.command("close")
def close(
    tasks: Annotated[Path, typer.Argument(help="coaching.jsonl holding the task.")],
    task_id: Annotated[str, typer.Argument(help="The task's id.")],
    outcome: Annotated[str, typer.Option("--outcome", help="What the coaching achieved.")],
    by: Annotated[str, typer.Option("--by", help="Who closes it.")],
) -> None:
    """Close a coaching task in a coaching.jsonl, recording its outcome."""
    from qa_engine.errors import InputError
    from qa_engine.performance.coaching import close_task, load_tasks_jsonl

    try:
        loaded = load_tasks_jsonl(tasks)
        if task_id not in {t.id for t in loaded}:
            raise InputError(f"no coaching task '{task_id}'", source=str(tasks))
        updated = [close_task(t, outcome=outcome, closed_by=by) if t.id == task_id else t
                   for t in loaded]
    except QAEngineError as exc:
        raise _fail(exc) from None
    tasks.write_text("".join(t.model_dump_json() + "\n" for t in updated), encoding="utf-8")
    typer.echo(f"closed {task_id}")
