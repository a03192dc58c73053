"""CLI commands of the trained text models: ``qa predict sentiment`` and ``qa train``.

Imports of the models and training code happen inside the commands, so registering them
keeps ``qa --help`` fast.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class TrainTarget(StrEnum):
    sentiment = "sentiment"
    complaint = "complaint"
    service_acts = "service-acts"


# The training modules each target runs, in order, with their extra arguments (the service-act models
# share one metadata.json; each module updates its own entry).
TRAINING_STEPS: dict[TrainTarget, list[tuple[str, list[str]]]] = {
    TrainTarget.sentiment: [("training.sentiment", [])],
    TrainTarget.complaint: [("training.complaint", []), ("training.threat_call_model", [])],
    TrainTarget.service_acts: [("training.service_acts", ["--version", "v1"]),
                               ("training.service_acts", ["--version", "v2"]),
                               ("training.service_acts_confirm", [])],
}


def register(app: typer.Typer) -> None:
    """Add ``predict`` (sub-app) and ``train`` to the ``qa`` app."""
    predict = typer.Typer(help="Run a trained model over plain text, one input per line.", no_args_is_help=True)

    @predict.command("sentiment")
    def predict_sentiment(
        texts: Annotated[Path, typer.Argument(help="UTF-8 text file, one text per line ('-' for stdin).")],
        family: Annotated[str | None, typer.Option(
            help="Model family: neutral (the analyzer's, three classes; the default) | default | baseline.")] = None,
        batch_size: Annotated[int, typer.Option(min=1, help="Texts per model call.")] = 2048,
        agent: Annotated[bool, typer.Option("--agent", help="Read every line as an agent turn "
                                            "(agent heads: an apology or holding formula is neutral).")] = False,
    ) -> None:
        """Print one JSON line {"text", "label", "negative_prob"} per input line."""
        from qa_engine.analyzers.sentiment import SentimentAnalyzer
        from qa_engine.errors import InputError, QAEngineError

        try:
            analyzer = SentimentAnalyzer(family=family)
            stream = sys.stdin if str(texts) == "-" else open(texts, encoding="utf-8")
        except (QAEngineError, OSError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        try:
            with stream:
                batch: list[str] = []
                for line in _lines(stream, texts):
                    batch.append(line)
                    if len(batch) >= batch_size:
                        _emit(analyzer, batch, agent)
                        batch = []
                _emit(analyzer, batch, agent)
        except InputError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc

    app.add_typer(predict, name="predict")

    @app.command("train")
    def train(
        target: Annotated[TrainTarget, typer.Argument(help="Which model to (re)build.")],
        out: Annotated[Path, typer.Option(help="Models directory to write into.")] = Path("models"),
    ) -> None:
        """Rebuild a model from ../shared/data (needs the repository checkout with training/).

        complaint: risk, types, the threat finding's second opinion and its call-level model; service-acts: the
        problem-report models (v1, v2) and the confirm-need model.
        """
        import importlib
        import os
        import sys

        # The console script's sys.path starts at its own bin/ folder, not at the checkout.
        if os.getcwd() not in sys.path:
            sys.path.insert(0, os.getcwd())
        steps = TRAINING_STEPS[target]
        try:
            mains = [importlib.import_module(module).main for module, _ in steps]
        except ImportError as exc:
            typer.echo("error: training/ is not importable; run `qa train` from the repository root", err=True)
            raise typer.Exit(2) from exc
        for main, (_, extra) in zip(mains, steps, strict=True):
            main(["--out", str(out), *extra])


def _lines(stream, source: Path):
    from qa_engine.errors import InputError

    try:
        for line in stream:
            yield line.rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", source=str(source)) from exc


def _emit(analyzer, batch: list[str], agent: bool = False) -> None:
    if not batch:
        return
    roles = [agent] * len(batch) if agent else None
    probs = analyzer.class_probs(batch, roles)
    # negative_prob is the ranking score; the label comes from the class probabilities.
    for text, row, q in zip(batch, probs, analyzer.negative_probs(batch, roles, probs), strict=True):
        out = {"text": text, "label": analyzer.label_of(row), "negative_prob": round(float(q), 4)}
        if analyzer.negative_score is not None:
            out["label_negative_prob"] = round(float(row[0]), 4)
        if analyzer.three_class:
            out["neutral_prob"] = round(float(row[1]), 4)
            out["positive_prob"] = round(float(row[2]), 4)
            out["negative_vs_positive"] = round(float(row[0] / max(row[0] + row[2], 1e-12)), 4)
        print(json.dumps(out, ensure_ascii=False))
