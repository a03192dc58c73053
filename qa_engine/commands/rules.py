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


@rules_app.command("backtest")
def backtest_cmd(
    labels: Annotated[Path, typer.Argument(help="Label file (JSON lines, see eval/labels/GUIDE.md).")],
    rulebook: Annotated[Path | None, typer.Option(help="Rulebook TOML (default: the bundled one).")] = None,
    scorecard: Annotated[Path | None, typer.Option(help="Scorecard TOML (default: the bundled one).")] = None,
    baseline: Annotated[Path | None, typer.Option(
        help="A second rulebook printed beside, e.g. last release's.")] = None,
    baseline_scorecard: Annotated[Path | None, typer.Option(help="Scorecard for the baseline.")] = None,
    calls: Annotated[Path | None, typer.Option(
        help="Where the labelled calls are (default: the label file's _meta.calls).")] = None,
    calls_format: Annotated[str | None, typer.Option(help="musied | conversations.")] = None,
    split: Annotated[str, typer.Option(help="dev | test | all: which labelled calls.")] = "all",
    show: Annotated[int, typer.Option(help="Disagreements to print (all are in --json).")] = 40,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report(s) as JSON.")] = False,
    save: Annotated[Path | None, typer.Option(
        help="Also write the report(s) as JSON here, with the date and label file; the "
             "workbench's Rules page shows the file at QA_BACKTEST_REPORT "
             "(default <data_dir>/backtest.json).")] = None,
) -> None:
    """Agreement, precision, recall and N/A rate of every finding against human labels,
    and every disagreement with the utterance text and what the rule saw."""
    import json

    from qa_engine.backtest import load_calls, load_labels, remap_musied_indices

    try:
        meta, labelled = load_labels(labels)
        if split not in ("dev", "test", "all"):
            raise _bad_option(f"unknown split '{split}'; expected one of: all, dev, test")
        source = calls or (labels.parent / meta["calls"] if "calls" in meta else None)
        if source is None:
            raise _bad_option("no --calls given and the label file names none (_meta.calls)")
        fmt = calls_format or meta.get("calls_format", "conversations")
        conversations = load_calls(source, fmt, [c.doc_id for c in labelled])
        if fmt == "musied":  # labels cite content lines; blank ones are not utterances
            labelled = remap_musied_indices(labelled, source)
        runs = [("new", rulebook, scorecard)]
        if baseline is not None or baseline_scorecard is not None:
            runs.insert(0, ("baseline", baseline, baseline_scorecard))
        only = meta.get("acts")  # a label file that labels some acts only scores those
        reports = {name: _run(labelled, conversations, rb, sc, split, only) for name, rb, sc in runs}
    except QAEngineError as exc:
        raise _fail(exc) from None
    if save is not None:
        from datetime import UTC, datetime

        saved = {"saved_at": datetime.now(UTC).isoformat(timespec="seconds"), "labels": str(labels),
                 "split": split, "reports": {name: r.as_dict() for name, r in reports.items()}}
        save.parent.mkdir(parents=True, exist_ok=True)
        tmp = save.with_name(save.name + ".tmp")
        tmp.write_text(json.dumps(saved, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(save)
    if as_json:
        typer.echo(json.dumps({name: r.as_dict() for name, r in reports.items()}, ensure_ascii=False, indent=1))
        return
    _render_backtest(reports, show)


def _bad_option(message: str) -> QAEngineError:
    from qa_engine.errors import InputError

    return InputError(message)


def _run(labelled, conversations, rulebook, scorecard, split, only=None):
    from qa_engine.backtest import backtest as run_backtest
    from qa_engine.pipeline import Inspector

    inspector = Inspector(scorecard, rulebook=rulebook)
    weights = {}
    for item in inspector.scorecard.items():
        if item.finding and item.finding.startswith("keywords."):
            weights[item.finding.split(".", 1)[1]] = item.weight
    return run_backtest(labelled, conversations, inspector.inspect_many,
                        rulebook=str(rulebook or "bundled"), scorecard=str(scorecard or "bundled"),
                        split=split, weights=weights, only=only)


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.0f}%"


def _ratio(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def _render_backtest(reports, show: int) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    names = list(reports)
    new = reports[names[-1]]
    two = len(names) > 1
    title = f"backtest on {new.calls} labelled calls ({new.split}); rulebook {new.rulebook}"
    if two:
        title += f"\n₀ = {names[0]} ({reports[names[0]].rulebook}), ₁ = {names[-1]}"
    table = Table(title=title, caption="agr = agreement, P/R = precision/recall of the act (of the "
                                       "violation for 禁语), N/A and rev = share of calls N/A / sent to review")
    table.add_column("finding", no_wrap=True, max_width=22)
    table.add_column("w", justify="right")
    table.add_column("n", justify="right")
    for i, name in enumerate(names):
        tag = "" if not two else ("₀" if i == 0 else "₁")
        for col in ("agr", "P", "R", "N/A"):
            table.add_column(col + tag, justify="right", no_wrap=True)
    table.add_column("rev", justify="right", no_wrap=True)
    findings = sorted({k for r in reports.values() for k in r.stats}, key=lambda k: (k == "any_forbidden", k))
    for fid in findings:
        st_new = new.stats.get(fid)
        row = [fid, "" if st_new is None or st_new.scored_weight is None else f"{st_new.scored_weight:g}",
               str(st_new.calls) if st_new else ""]
        for name in names:
            st = reports[name].stats.get(fid)
            if st is None:
                row.extend(["—"] * 4)
            else:
                row.extend([_pct(st.agreement), _ratio(st.precision), _ratio(st.recall), _pct(st.na_rate)])
        row.append(_pct(st_new.review_rate) if st_new else "")
        table.add_row(*row)
    console.print(table)
    for name in names:
        r = reports[name]
        d = r.as_dict()["score"]
        if d["mean"] is not None:
            console.print(f"{name}: call score mean {d['mean']:.1f}, median {d['median']:.1f} "
                          f"({len(r.scores)} calls); {len(r.disagreements)} disagreements")
    if show <= 0:
        return
    console.print(f"[bold]disagreements ({names[-1]}): first {min(show, len(new.disagreements))} of "
                  f"{len(new.disagreements)}; all in --json[/]  (* labelled utterance, + rule hit)")
    for d in new.disagreements[:show]:
        console.print(f"{d.doc_id} [bold]{d.finding}[/]: expected {d.expected}, got {d.got}", highlight=False)
        for u in d.utterances:
            mark = ("*" if u["labelled"] else "") + ("+" if u["rule_hit"] else "")
            console.print(f"   {mark}#{u['index']} {u['speaker'][0].upper()}: {u['text'][:36]}", highlight=False,
                          markup=False)
        console.print(f"   rule: {d.rule_saw[:110]}", highlight=False, markup=False)
