"""The ``qa`` command line: inspect one call, audit a folder, print schemas.

More command groups (rules, predict/train, transcribe, serve) live in
``qa_engine.commands`` and register themselves here.
"""

from __future__ import annotations

import importlib
import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from qa_engine.errors import QAEngineError

app = typer.Typer(help="qa-engine: conversation quality inspection (智能质检).",
                  no_args_is_help=True, pretty_exceptions_enable=False)
console = Console()
err_console = Console(stderr=True, soft_wrap=True)

ScorecardOption = Annotated[Optional[Path], typer.Option(
    "--scorecard", help="Scorecard TOML (default: bundled models/scorecard.toml).")]
RulebookOption = Annotated[Optional[Path], typer.Option(
    "--rulebook", help="Rulebook TOML (default: bundled models/rulebook.toml).")]


def _fail(exc: QAEngineError) -> typer.Exit:
    err_console.print(f"[red]error[/] [{exc.code}] {exc}")
    return typer.Exit(code=2)


def _inspector(scorecard: Path | None, rulebook: Path | None):
    from qa_engine.pipeline import Inspector

    return Inspector(scorecard, rulebook=rulebook)


@app.command()
def inspect(
    file: Annotated[Path, typer.Argument(help="Transcript (.json/.txt) or recording.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the inspection as JSON.")] = False,
    kpis: Annotated[Optional[Path], typer.Option(help="KPI CSV with a conversation_id column.")] = None,
    scorecard: ScorecardOption = None,
    rulebook: RulebookOption = None,
) -> None:
    """Score one call and explain every item: hits, misses, evidence, weights, KPIs."""
    from qa_engine.importers import load_conversation
    from qa_engine.kpis import load_kpis_csv
    from qa_engine.report import render_inspection

    try:
        inspector = _inspector(scorecard, rulebook)
        conversation = load_conversation(file)
        extra = {i.kpi for i in inspector.scorecard.items() if i.kpi}
        call_kpis = load_kpis_csv(kpis, extra_kpis=extra).get(conversation.id) if kpis else None
        inspection = inspector.inspect(conversation, kpis=call_kpis)
    except QAEngineError as exc:
        raise _fail(exc) from None
    if as_json:
        typer.echo(inspection.model_dump_json(indent=2))
    else:
        render_inspection(inspection, console, section_titles=_section_titles(inspector.scorecard))


@app.command()
def audit(
    directory: Annotated[Path, typer.Argument(help="Folder of transcripts and/or recordings.")],
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("audit-out"),
    kpis: Annotated[Optional[Path], typer.Option(help="KPI CSV with a conversation_id column.")] = None,
    scorecard: ScorecardOption = None,
    rulebook: RulebookOption = None,
    alerts_webhook: Annotated[Optional[str], typer.Option(
        "--alerts-webhook", help="POST complaint-risk alerts to this URL.")] = None,
    max_failure_rate: Annotated[float, typer.Option(
        help="Exit 1 when the share of failed files exceeds this (0 = any failure).")] = 0.0,
    report: Annotated[bool, typer.Option(
        "--report/--no-report", help="Write report.html (self-contained, offline plots).")] = True,
    compact: Annotated[bool, typer.Option(
        "--compact", help="Leave the analyzers' raw findings out of calls.jsonl "
                          "(items keep their evidence).")] = False,
    mask_pii: Annotated[bool, typer.Option(
        "--mask-pii/--keep-pii",
        help="Mask phone, ID and card numbers, e-mail and addresses in calls.jsonl, the "
             "report and alerts (scores are computed on the original text).")] = True,
    ray: Annotated[bool, typer.Option(
        "--ray", help="Run loading, transcription and inspection on Ray (a local Ray unless "
                      "--ray-address names a cluster).")] = False,
    ray_address: Annotated[Optional[str], typer.Option(
        "--ray-address",
        help="Ray cluster to join (ray://host:10001 or host:6379); implies --ray.")] = None,
    ray_workers: Annotated[Optional[int], typer.Option(
        "--ray-workers", min=1,
        help="Ray actors holding the models (default: the cluster's CPUs).")] = None,
) -> None:
    """Score every call in DIRECTORY; write calls.jsonl/csv/parquet, agents.csv, errors.jsonl.

    Bad files are listed in errors.jsonl and the audit goes on; re-running skips calls
    already scored (by content hash), resumes after a crash and retries failed files.
    """
    from qa_engine.audit import check_out_dir, find_call_files, run_audit
    from qa_engine.audit.work import InspectorSpec
    from qa_engine.kpis import load_kpis_csv
    from qa_engine.pipeline import Inspection
    from qa_engine.report import agents_table, calls_table
    from qa_engine.scorecard import load_scorecard

    try:
        check_out_dir(out)
        files = find_call_files(directory)
        card = load_scorecard(scorecard)
        kpi_values = load_kpis_csv(kpis, extra_kpis={i.kpi for i in card.items() if i.kpi}) if kpis else {}
        factory = InspectorSpec(card, rulebook)
        runner = _ray_runner(factory, ray_address, ray_workers) if ray or ray_address else None
        on_inspection = _alert_hook(alerts_webhook, out) if alerts_webhook else None
    except QAEngineError as exc:
        raise _fail(exc) from None
    with Progress(TextColumn("[bold]auditing"), BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=err_console, transient=False) as progress:
        task = progress.add_task("audit", total=len(files))
        try:
            result = run_audit(factory, directory, out, kpis=kpi_values, scorecard=card, files=files,
                               on_progress=lambda n: progress.advance(task, n),
                               on_inspection=on_inspection, compact=compact,
                               mask_pii=mask_pii, runner=runner)
        except QAEngineError as exc:
            raise _fail(exc) from None
    summary = result.summary
    for repair in result.repairs:
        err_console.print(f"[yellow]repaired[/] {out / repair}")
    titles = _section_titles(card)
    console.print(calls_table([Inspection.model_validate({**row, "items": [], "findings": {}})
                               for row in summary.first_calls], total=summary.calls,
                              section_titles=titles, width=console.width))
    console.print(agents_table(result.agents))
    if summary.calls_without_agent:
        console.print(f"{summary.calls_without_agent} scored call(s) have no agent_id: counted "
                      "in calls.csv, not ranked")
    if summary.kpi_ids_without_call:
        shown = ", ".join(summary.kpi_ids_without_call[:5])
        more = len(summary.kpi_ids_without_call) - 5
        shown += f" (+{more} more)" if more > 0 else ""
        err_console.print(f"[yellow]warning[/] {kpis}: {len(summary.kpi_ids_without_call)} "
                          f"conversation id(s) match no call: {shown}")
    parquet = ", calls.parquet, agents.parquet" if summary.parquet else ""
    console.print(f"files {result.files}: scored {result.scored}, skipped (already scored) "
                  f"{result.skipped}, duplicates {result.duplicates}, failed {result.failed} "
                  f"→ {out}/calls.csv, calls.jsonl, agents.csv, errors.jsonl, summary.json{parquet}")
    if report:
        from qa_engine.report_html import write_report

        console.print(f"report → {write_report(out, section_titles=titles)}", soft_wrap=True)
    if result.failed and result.failure_rate > max_failure_rate:
        err_console.print(f"[red]{result.failed} of {result.files} file(s) failed "
                          f"({result.failure_rate:.1%})[/]: see {out}/errors.jsonl")
        raise typer.Exit(code=1)


def _section_titles(card) -> dict[str, str]:
    """Section id → the title people read (the id where the scorecard gives none)."""
    return {s.id: s.title or s.id for s in card.sections}


def _ray_runner(factory, address: str | None, workers: int | None):
    from qa_engine.audit.ray_runner import RayRunner

    return RayRunner(factory, address=address, workers=workers)


def _alert_hook(url: str, out: Path):
    """Send complaint-risk alerts for each new inspection (policy from the complaint model).

    Every alert is first logged to ``alerts.jsonl``; a webhook that still refuses after its
    retries is reported in ``alert_failures.jsonl`` and the audit goes on.
    """
    from qa_engine.alerts import AlertPolicy, LogSink, WebhookSink

    policy = AlertPolicy.default()
    log, webhook = LogSink(out / "alerts.jsonl"), WebhookSink(url)

    def hook(inspection) -> None:
        alert = policy.evaluate(inspection)
        if alert is None:
            return
        log.send(alert)
        try:
            webhook.send(alert)
        except QAEngineError as exc:
            err_console.print(f"[yellow]alert not delivered[/] {exc}")
            with (out / "alert_failures.jsonl").open("a", encoding="utf-8") as handle:
                handle.write(json.dumps({"conversation_id": alert.conversation_id,
                                         "idempotency_key": alert.idempotency_key,
                                         "error": str(exc)}, ensure_ascii=False) + "\n")

    return hook


class SchemaName(str, Enum):
    conversation = "conversation"
    inspection = "inspection"
    scorecard = "scorecard"


@app.command()
def schema(name: Annotated[SchemaName, typer.Argument()] = SchemaName.conversation) -> None:
    """Print the JSON Schema of a conversation, an inspection or a scorecard."""
    if name is SchemaName.conversation:
        from qa_engine.conversation import Conversation as model
    elif name is SchemaName.inspection:
        from qa_engine.pipeline import Inspection as model
    else:
        from qa_engine.scorecard import Scorecard as model
    typer.echo(json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2))


for _area in ("rules", "models", "asr", "service", "perf"):
    try:
        _module = importlib.import_module(f"qa_engine.commands.{_area}")
    except ModuleNotFoundError as _exc:
        if _exc.name != f"qa_engine.commands.{_area}":
            raise
        continue
    _module.register(app)


if __name__ == "__main__":
    app()
