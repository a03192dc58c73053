"""Rich renderings of inspections and agent tables for the terminal.

Made to read at 80 columns: one line per item, items and sections by their scorecard
titles, evidence shortened to what fits (the full text is in ``--json``), agent ranks shared
while credible intervals overlap.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rich.cells import cell_len
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from qa_engine.findings import Evidence
from qa_engine.overview import rank_label, tied_ranks
from qa_engine.pipeline import Inspection
from qa_engine.rollup import AgentScore

# "greeting: no match for …" — the rule id before the note repeats the item's title.
_NOTE_PREFIX = re.compile(r"^[\w.]+: ")
ITEM_WIDTH = 24  # cells: a 10-character Chinese title and its red-line flag


def _value_cell(value: float | None) -> Text:
    if value is None:
        return Text("N/A", style="dim")
    style = "green" if value >= 0.8 else "yellow" if value >= 0.5 else "red"
    return Text(f"{100 * value:.0f}", style=style)


def _score(value: float | None) -> str:
    return "N/A" if value is None else f"{value:.0f}"


def render_inspection(inspection: Inspection, console: Console, *,
                      section_titles: Mapping[str, str] | None = None) -> None:
    """Explain one call: score, red lines, each item (by title) with weight, value and its
    evidence or the reason it is N/A, grouped by section."""
    titles = dict(section_titles or {})
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
        by_id = {i.id: i.title or i.id for i in inspection.items}
        lines.append(Text("Needs review (not scored): "
                          + ", ".join(by_id.get(r, r) for r in inspection.needs_review),
                          style="yellow"))
    console.print(Panel(Group(*lines), expand=False))

    names = [f" {i.title or i.id} ⚑" for i in inspection.items]
    names += [f"{titles.get(s, s)}  100" for s in inspection.sections]
    item_width = min(ITEM_WIDTH, max(map(cell_len, names), default=4))
    weight_width = max((len(f"{i.weight:g}") for i in inspection.items), default=1)
    # Rich shrinks every no-wrap column when one is too long; a fixed evidence width keeps
    # the short columns whole and cuts the evidence with an ellipsis instead.
    evidence_width = max(20, console.width - item_width - weight_width - 3 - 13)
    table = Table(title="Scorecard items (#utterance m:ss “text”; full evidence: --json)",
                  title_justify="left", expand=False)
    table.add_column("item", no_wrap=True, max_width=item_width, overflow="ellipsis")
    table.add_column("w", justify="right", no_wrap=True)
    table.add_column("val", justify="right", no_wrap=True)
    table.add_column("evidence / reason", no_wrap=True, overflow="ellipsis",
                     width=evidence_width)
    current = None
    for item in inspection.items:
        if item.section != current:
            current = item.section
            table.add_row(Text(f"{titles.get(current, current)}  "
                               f"{_score(inspection.sections.get(current))}", style="bold"),
                          "", "", "")
        name = Text(f" {item.title or item.id}")
        if item.red_line:
            name.append(" ⚑", style="red")
        table.add_row(name, f"{item.weight:g}", _value_cell(item.value), _reason(item))
    console.print(table)
    sections = "  ".join(f"{titles.get(s, s)} {_score(v)}" for s, v in inspection.sections.items())
    console.print(f"[bold]Sections:[/] {sections}")
    console.print(f"[dim]versions: {', '.join(f'{k}={v}' for k, v in inspection.versions.items())}[/]")


def _reason(item) -> Text:
    if item.needs_review and item.review_reason:
        return Text(f"review: {item.review_reason}", style="yellow")
    if item.value is None:
        return Text(item.na_reason or "", style="dim")
    if item.kpi_value is not None:
        return Text(f"KPI = {item.kpi_value:g}")
    return Text(evidence_text(item.evidence))


def _clock(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


def evidence_text(evidence: list[Evidence]) -> str:
    """The first piece of evidence in one short line: a matched span as ``#6 0:25 “不知道”``,
    a miss as the note saying what was looked for and where; ``(+n)`` counts the rest."""
    if not evidence:
        return ""
    ev = evidence[0]
    if ev.span is not None and ev.text:
        where = f"#{ev.utterance} " if ev.utterance is not None else ""
        when = f"{_clock(ev.start)} " if ev.start is not None else ""
        text = f"{where}{when}“{ev.text}”"
    else:
        text = _NOTE_PREFIX.sub("", ev.note or ev.text or "")
    more = f" (+{len(evidence) - 1})" if len(evidence) > 1 else ""
    return text + more


def agents_table(agents: list[AgentScore], *, title: str = "Agents") -> Table:
    """Leaderboard with shrunk means and credible intervals; agents whose intervals
    overlap share a rank (``=2``)."""
    ranks = tied_ranks([(a.interval_low, a.interval_high) for a in agents])
    interval = f"{100 * agents[0].interval:.0f}% interval" if agents else "interval"
    table = Table(title=f"{title} (= : intervals overlap, a tie)", title_justify="left")
    for column in ("rank", "agent", "calls", "shrunk", interval, "raw mean", "red lines"):
        table.add_column(column, justify="left" if column == "agent" else "right",
                         no_wrap=True)
    for a, rank in zip(agents, ranks, strict=True):
        table.add_row(rank_label(rank, ranks), a.agent_id, str(a.calls), f"{a.shrunk_mean:.1f}",
                      f"{a.interval_low:.1f}–{a.interval_high:.1f}", f"{a.mean:.1f}",
                      str(a.red_line_failures))
    return table


def calls_table(inspections: list[Inspection], *, limit: int = 50, total: int | None = None,
                section_titles: Mapping[str, str] | None = None, width: int = 80) -> Table:
    """Per-call summary: score, weakest section, red lines, items awaiting review.

    Section scores for every call are in ``calls.csv``; the terminal shows the weakest
    section so the table fits an 80-column screen.
    """
    titles = dict(section_titles or {})
    total = len(inspections) if total is None else total
    shown = inspections[:limit]
    rows = []
    for i in shown:
        score = "N/A" if i.score is None else f"{i.score:.1f}"
        scored = {s: v for s, v in i.sections.items() if v is not None}
        weakest = min(scored, key=scored.get) if scored else None
        weak = f"{titles.get(weakest, weakest)} {scored[weakest]:.0f}" if weakest else "-"
        by_id = {item.id: item.title or item.id for item in i.items}
        red = "; ".join(by_id.get(r.split(":")[0], r.split(":")[0]) for r in i.red_line_reasons)
        review = (f"review: {', '.join(by_id.get(r, r) for r in i.needs_review)}"
                  if i.needs_review else "")
        rows.append((i.conversation_id, i.agent_id or "-", score, weak,
                     Text(red, style="red") if red else Text(review, style="yellow")))
    table = Table(title=f"Calls (first {len(shown)} of {total})",
                  title_justify="left")
    headers = ("call", "agent", "score", "weakest section")
    used = sum(max([cell_len(h)] + [cell_len(r[k]) for r in rows]) for k, h in enumerate(headers))
    for header in headers:
        table.add_column(header, no_wrap=True, justify="right" if header == "score" else "left")
    table.add_column("red line / review", no_wrap=True, overflow="ellipsis",
                     width=max(12, width - used - 16))
    for row in rows:
        table.add_row(*row)
    return table
