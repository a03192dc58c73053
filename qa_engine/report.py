"""Rich renderings of inspections and agent tables for the terminal."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from qa_engine.pipeline import Inspection
from qa_engine.rollup import AgentScore


def _value_cell(value: float | None, na_reason: str | None) -> Text:
    if value is None:
        return Text("N/A", style="dim")
    style = "green" if value >= 0.8 else "yellow" if value >= 0.5 else "red"
    return Text(f"{100 * value:.0f}", style=style)


def render_inspection(inspection: Inspection, console: Console) -> None:
    """Explain one call: score, red lines, each item with weight, source and evidence."""
    score = "N/A" if inspection.score is None else f"{inspection.score:.1f}"
    header = Text.assemble(
        ("Call ", "bold"), (inspection.conversation_id, "bold cyan"),
        f"  agent {inspection.agent_id or '-'}  queue {inspection.queue or '-'}  ",
        ("score ", "bold"), (score, "bold red" if inspection.red_line_failed else "bold green"))
    lines = [header]
    if inspection.red_line_failed:
        lines.append(Text(f"RED LINE (一票否决): score before red line "
                          f"{inspection.score_before_red_line:.1f}", style="bold red"))
        lines.extend(Text(f"  • {r}", style="red") for r in inspection.red_line_reasons)
    if inspection.scenarios:
        lines.append(Text(f"Scenario weights applied: {', '.join(inspection.scenarios)}"))
    if inspection.needs_review:
        lines.append(Text(f"Needs review (not scored): {', '.join(inspection.needs_review)}",
                          style="yellow"))
    console.print(Panel(Group(*lines), expand=False))

    table = Table(title="Scorecard items (evidence: #utterance @seconds \\[chars] “text”)")
    table.add_column("section", no_wrap=True)
    table.add_column("item", no_wrap=True)
    table.add_column("w", justify="right")
    table.add_column("value", justify="right")
    table.add_column("evidence / reason", overflow="fold")
    for item in inspection.items:
        if item.value is None:
            detail = item.na_reason or ""
        elif item.kpi_value is not None:
            detail = f"KPI = {item.kpi_value:g}"
        else:
            detail = _evidence_text(item.evidence)
        table.add_row(item.section, f"{item.title or item.id}" + (" [red]⚑[/]" if item.red_line else ""),
                      f"{item.weight:g}", _value_cell(item.value, item.na_reason),
                      _clip(detail))
    console.print(table)
    sections = "  ".join(f"{s} {'N/A' if v is None else f'{v:.0f}'}"
                         for s, v in inspection.sections.items())
    console.print(f"[bold]Sections:[/] {sections}")
    console.print(f"[dim]versions: {', '.join(f'{k}={v}' for k, v in inspection.versions.items())}[/]")


def _clip(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _evidence_text(evidence: list) -> str:
    parts = []
    for ev in evidence[:1]:
        where = f"#{ev.utterance}" if ev.utterance is not None else ""
        when = f" @{ev.start:.1f}s" if ev.start is not None else ""
        span = f" [{ev.span[0]}:{ev.span[1]}]" if ev.span else ""
        text = f" “{ev.text}”" if ev.text else ""
        note = f" {ev.note}" if ev.note else ""
        parts.append(f"{where}{when}{span}{text}{note}".strip())
    return "; ".join(parts)


def agents_table(agents: list[AgentScore], *, title: str = "Agents") -> Table:
    """Leaderboard with shrunk means and credible intervals."""
    table = Table(title=title)
    for column in ("rank", "agent", "calls", "score (shrunk)", "90% interval", "raw mean",
                   "red lines"):
        table.add_column(column, justify="right" if column != "agent" else "left")
    for a in agents:
        table.add_row(str(a.rank), a.agent_id, str(a.calls), f"{a.shrunk_mean:.1f}",
                      f"{a.interval_low:.1f}–{a.interval_high:.1f}", f"{a.mean:.1f}",
                      str(a.red_line_failures))
    return table


def calls_table(inspections: list[Inspection], *, limit: int = 50, total: int | None = None) -> Table:
    """Per-call summary: score, weakest section, red lines, items awaiting review.

    Section scores for every call are in ``calls.csv``; the terminal shows the weakest
    section so the table fits an 80-column screen.
    """
    total = len(inspections) if total is None else total
    table = Table(title=f"Calls (first {min(limit, len(inspections))} of {total})")
    table.add_column("call", no_wrap=True)
    table.add_column("agent", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("weakest section", no_wrap=True)
    table.add_column("red line / review", overflow="fold")
    for i in inspections[:limit]:
        score = "N/A" if i.score is None else f"{i.score:.1f}"
        scored = {s: v for s, v in i.sections.items() if v is not None}
        weakest = min(scored, key=scored.get) if scored else None
        weak = f"{weakest} {scored[weakest]:.0f}" if weakest else "-"
        red = "; ".join(r.split(":")[0] for r in i.red_line_reasons)
        review = f"review: {', '.join(i.needs_review)}" if i.needs_review else ""
        table.add_row(i.conversation_id, i.agent_id or "-", score, weak,
                      Text(red, style="red") if red else Text(review, style="yellow"))
    return table
