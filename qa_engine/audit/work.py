"""The per-file work of an audit, the same wherever it runs: load → inspect → rows.

``inspect_jobs`` turns a batch of files into ``Outcome``s (a ready ``calls.jsonl`` line
and its summary, or an error row). It never raises for a bad file: a load failure, or an
analyzer that crashes on one call (the batch is retried call by call to isolate it),
becomes that file's error row. Runners (``LocalRunner`` here, ``RayRunner`` in
``qa_engine.audit.ray_runner``) only decide where ``inspect_jobs`` runs; the one writer
in ``run_audit`` puts every outcome into the outputs exactly once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from qa_engine.audit.rows import call_summary, error_row
from qa_engine.importers import load_conversation
from qa_engine.privacy import redact


@dataclass(frozen=True)
class Job:
    """One file to score: its canonical path and content hash."""

    file: str
    sha256: str


@dataclass
class Outcome:
    """What became of one job: a scored row or an error row."""

    job: Job
    line: str | None = None
    summary: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    inspection: Any = None  # the Inspection, when the runner keeps it (local runs)


@dataclass(frozen=True)
class WorkOptions:
    """How rows are written: ``compact`` leaves the analyzers' raw findings out of
    ``calls.jsonl`` (items keep their evidence); ``mask_pii`` masks personal data (phone,
    ID and card numbers, e-mail, addresses) in everything a row, report or alert quotes."""

    compact: bool = False
    mask_pii: bool = True


def inspect_jobs(inspector, jobs: list[Job], kpis: Mapping[str, Mapping[str, float]],
                 options: WorkOptions = WorkOptions(), *,
                 keep_inspections: bool = False) -> list[Outcome]:
    """Load and inspect a batch of files; one ``Outcome`` per job, in order."""
    outcomes: list[Outcome | None] = [None] * len(jobs)
    loaded = []
    for i, job in enumerate(jobs):
        try:
            loaded.append((i, job, load_conversation(job.file)))
        except Exception as exc:  # noqa: BLE001 — one bad file never stops the audit
            outcomes[i] = Outcome(job, error=error_row(job.file, job.sha256, "load", exc))
    conversations = {i: conversation for i, _, conversation in loaded}
    for i, job, result in _inspect_isolating(inspector, loaded, kpis):
        if isinstance(result, BaseException):
            outcomes[i] = Outcome(job, error=error_row(job.file, job.sha256, "inspect", result))
            continue
        if options.mask_pii:
            result = redact(conversations[i], result)[1]
        row = result.model_dump(mode="json")
        row.update(file=job.file, file_sha256=job.sha256)
        summary = call_summary(row)
        if options.compact:
            row.pop("findings", None)
        outcomes[i] = Outcome(job, line=json.dumps(row, ensure_ascii=False), summary=summary,
                              inspection=result if keep_inspections else None)
    return outcomes  # type: ignore[return-value]


def _inspect_isolating(inspector, loaded: list, kpis: Mapping) -> Iterator[tuple]:
    """Inspect a batch at once; if the batch fails, retry one by one to isolate the bad call."""
    if not loaded:
        return
    conversations = [conv for _, _, conv in loaded]
    try:
        inspections = inspector.inspect_many(
            conversations, kpis_by_id={c.id: kpis.get(c.id, {}) for c in conversations})
    except Exception:  # noqa: BLE001
        inspections = None
    for n, (i, job, conv) in enumerate(loaded):
        if inspections is not None:
            yield i, job, inspections[n]
            continue
        try:
            yield i, job, inspector.inspect(conv, kpis=kpis.get(conv.id))
        except Exception as exc:  # noqa: BLE001
            yield i, job, exc


class LocalRunner:
    """Runs the batches in this process, one after the other."""

    def __init__(self, inspector) -> None:
        self._inspector = inspector

    @property
    def inspector(self):
        """The Inspector; a factory given instead is called once, at the first batch."""
        if callable(self._inspector) and not hasattr(self._inspector, "inspect_many"):
            self._inspector = self._inspector()
        return self._inspector

    def run(self, batches: Iterable[list[Job]], kpis: Mapping, options: WorkOptions, *,
            keep_inspections: bool = False) -> Iterator[list[Outcome]]:
        for batch in batches:
            yield inspect_jobs(self.inspector, batch, kpis, options,
                               keep_inspections=keep_inspections)

    def close(self) -> None:
        pass


class InspectorSpec:
    """A picklable recipe for the Inspector, built where the work runs (here, or once in
    each Ray actor): a scorecard (object or path) and a rulebook path."""

    def __init__(self, scorecard=None, rulebook=None) -> None:
        self.scorecard, self.rulebook = scorecard, rulebook

    def __call__(self):
        from qa_engine.pipeline import Inspector

        return Inspector(self.scorecard, rulebook=self.rulebook)
