"""``qa rules``: validate a rulebook, and dry-run one on a conversation with full evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qa_engine.errors import QAEngineError

rules_app = typer.Typer(help="Service-keyword rulebooks: check one, or dry-run it on a call.",
                        no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the ``rules`` command group to the ``qa`` app."""
    app.add_typer(rules_app, name="rules")


def _fail(exc: QAEngineError) -> typer.Exit:
    from rich.console import Console

    Console(stderr=True, soft_wrap=True).print(f"[red]error[/] [{exc.code}] {exc}", markup=True,
                                               highlight=False)
    return typer.Exit(code=2)


@rules_app.command("check")
def check(rulebook: Annotated[Path, typer.Argument(help="Rulebook TOML to validate.")]) -> None:
    """Validate a rulebook: schema, anchors, regexes, phrases. Exit 2 with the error if invalid."""
    from qa_engine.rulebook import load_rulebook

    try:
        book = load_rulebook(rulebook)
    except QAEngineError as exc:
        raise _fail(exc) from None
    kinds = {k: sum(1 for r in book.rules if r.kind == k) for k in ("required", "forbidden", "detect")}
    typer.echo(f"{rulebook}: ok — version {book.version}, {len(book.rules)} rules "
               f"({kinds['required']} required, {kinds['forbidden']} forbidden, {kinds['detect']} detect), "
               f"{len(book.anchors)} anchors")


@rules_app.command("test")
def test(
    rulebook: Annotated[Path, typer.Argument(help="Rulebook TOML.")],
    file: Annotated[Path, typer.Argument(help="Conversation (.json or text export).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the Findings as JSON.")] = False,
) -> None:
    """Dry-run RULEBOOK on one conversation: every hit and miss with its evidence."""
    from qa_engine.analyzers.keywords import KeywordAnalyzer

    try:
        analyzer = KeywordAnalyzer(rulebook)
        conversation = _load(file)
        findings = analyzer.analyze(conversation)
    except QAEngineError as exc:
        raise _fail(exc) from None
    if as_json:
        typer.echo(findings.model_dump_json(indent=2))
        return
    _render(findings, conversation)


def _load(file: Path):
    try:
        from qa_engine.importers import load_conversation
    except ImportError:  # the importers module is optional for this command
        from qa_engine.conversation import Conversation
        from qa_engine.errors import InputError

        try:
            return Conversation.model_validate_json(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(str(exc).splitlines()[0], source=str(file)) from None
    return load_conversation(file)


def _render(findings, conversation) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{conversation.id}: rulebook {findings.version}", show_lines=True)
    table.add_column("rule", no_wrap=True)
    table.add_column("result", no_wrap=True)
    for col in ("utt", "span", "time s"):
        table.add_column(col, no_wrap=True)
    table.add_column("matched text / note", overflow="fold", ratio=1)
    counts = {"pass": 0, "fail": 0, "n/a": 0, "review": 0}
    for rule_id, f in findings.items.items():
        if f.value is None:
            result, style = "N/A", "dim"
            counts["n/a"] += 1
        elif f.value >= 1.0:
            result, style = "pass", "green"
            counts["pass"] += 1
        else:
            result, style = "FAIL", "red"
            counts["fail"] += 1
        if f.needs_review:
            result += " (review)"
            counts["review"] += 1
        label = Text(result, style=style)
        rows = f.evidence or [None]
        for j, ev in enumerate(rows):
            first = j == 0
            if ev is None:
                cells = ["", "", "", f.na_reason or ""]
            else:
                time = f"{ev.start:.1f}–{ev.end:.1f}" if ev.start is not None and ev.end is not None else ""
                span = f"{ev.span[0]}–{ev.span[1]}" if ev.span else ""
                text = f"「{ev.text}」 {ev.note or ''}" if ev.text else (ev.note or "")
                cells = ["" if ev.utterance is None else str(ev.utterance), span, time, text]
            if first and f.review_reason:
                cells[3] = f"{cells[3]}\nreview: {f.review_reason}"
            name = f"{rule_id}\n[dim]{f.detail.get('kind', '')}[/]" if first else ""
            table.add_row(name, label if first else "", *cells)
    console = Console()
    console.print(table)
    console.print(f"{counts['pass']} pass, {counts['fail']} fail, {counts['n/a']} N/A, "
                  f"{counts['review']} need review")
