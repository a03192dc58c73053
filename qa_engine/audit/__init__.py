"""Batch audit: score every call in a folder, survive bad files and crashes, resume.

Outputs in ``out_dir``:

- ``calls.jsonl``: one ``Inspection`` per line with full evidence (``compact``: without
  the analyzers' raw findings), plus ``file`` (canonical path) and ``file_sha256``;
  appended and flushed to disk batch by batch, so a crash loses nothing.
- ``errors.jsonl``: one row per failed file (file, hash, stage, error type, code,
  message; ``level`` "warning" for files only warned about, e.g. a copy of a scored
  file), without repeats across reruns.
- ``calls.csv``, ``agents.csv`` (Chinese titles), ``calls.parquet``, ``agents.parquet``
  (ids; with pyarrow), ``summary.json``: rebuilt atomically at the end from a compact
  index, in memory proportional to the agents (``qa_engine.audit.summary``).

Re-running skips every file whose content hash is already scored — however its path is
spelled — and retries the files that failed (``qa_engine.audit.ledger``). The work per
file runs in this process or on Ray (``qa_engine.audit.ray_runner``); only this module
writes the outputs.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from qa_engine.audit.errlog import ErrorLog
from qa_engine.audit.files import remove_stale_temps
from qa_engine.audit.ledger import Ledger, read_calls
from qa_engine.audit.rows import complaint_probability, error_row, warning_row
from qa_engine.audit.summary import AuditSummary, write_summaries
from qa_engine.audit.work import Job, LocalRunner, Outcome, WorkOptions
from qa_engine.errors import AuditOutputError, InputError
from qa_engine.importers import SUPPORTED_SUFFIXES
from qa_engine.kpis import load_kpis_csv
from qa_engine.rollup import AgentScore

__all__ = ["AuditResult", "find_call_files", "load_kpis_csv", "read_calls", "run_audit",
           "write_summaries", "complaint_probability"]

BATCH_SIZE = 64


@dataclass
class AuditResult:
    """What one ``run_audit`` did; counts are over the files found under the folder."""

    files: int = 0
    scored: int = 0
    skipped: int = 0
    duplicates: int = 0
    failed: int = 0
    out_dir: Path = Path(".")
    repairs: list[str] = field(default_factory=list)
    summary: AuditSummary = field(default_factory=AuditSummary)

    @property
    def agents(self) -> list[AgentScore]:
        return self.summary.agents

    @property
    def total(self) -> int:
        return self.files

    @property
    def failure_rate(self) -> float:
        """Failed files over every file of the audit (not only those tried this run)."""
        return self.failed / self.files if self.files else 0.0


def find_call_files(root: Path) -> list[Path]:
    """Transcripts and recordings under ``root`` (recursively), canonical, in a stable order.

    Raises ``InputError`` when ``root`` does not exist or holds no supported file.
    """
    root = Path(root)
    if root.is_file():
        if root.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise InputError(f"unsupported file type '{root.suffix or '(none)'}'; expected one "
                             f"of: {', '.join(sorted(SUPPORTED_SUFFIXES))}", source=str(root))
        return [root.resolve()]
    if not root.is_dir():
        raise InputError("no such file or directory", source=str(root))
    found, others = _walk(str(root.resolve()))  # resolved root: the paths are canonical
    if not found:
        ignored = f"; {others} other file(s) ignored" if others else " (the folder is empty)"
        raise InputError(f"no transcripts or recordings found (supported: "
                         f"{', '.join(sorted(SUPPORTED_SUFFIXES))}){ignored}", source=str(root))
    return [Path(p) for p in sorted(set(found))]


def _walk(folder: str) -> tuple[list[str], int]:
    """Supported files under ``folder`` (hidden ones skipped) and the count of others."""
    found, others, stack = [], 0, [folder]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif os.path.splitext(entry.name)[1].lower() not in SUPPORTED_SUFFIXES:
                    others += 1
                elif entry.is_symlink():  # only links need resolving (they may point anywhere)
                    target = os.path.realpath(entry.path)
                    if os.path.isfile(target):
                        found.append(target)
                elif entry.is_file(follow_symlinks=False):
                    found.append(entry.path)
    return found, others


def check_out_dir(out_dir: Path) -> None:
    """Refuse an output path that is a file (or lies under one) before anything runs."""
    for parent in [out_dir, *out_dir.parents]:
        if parent.exists():
            if not parent.is_dir():
                raise AuditOutputError(f"--out {out_dir}: {parent} is a file, not a folder; "
                                       "name a folder for the audit's outputs")
            return


def run_audit(inspector, root: Path, out_dir: Path, *,
              kpis: Mapping[str, Mapping[str, float]] | None = None,
              on_progress: Callable[[int], None] | None = None,
              on_inspection: Callable | None = None,
              compact: bool = False, mask_pii: bool = True, runner=None, scorecard=None,
              batch_size: int = BATCH_SIZE, files: list[Path] | None = None) -> AuditResult:
    """Audit every call file under ``root`` into ``out_dir`` (see the module docstring).

    ``inspector`` is an ``Inspector`` or a factory called only when a file needs scoring
    (a rerun with nothing new never loads the models); ``runner`` decides where the work
    runs (default: this process). ``on_progress(n)`` is called after each file;
    ``on_inspection`` sees each new inspection (e.g. to send alerts); ``files`` is
    ``find_call_files(root)`` when the caller has it already. ``mask_pii`` (default)
    masks personal data in every row, report and alert (``qa_engine.privacy``).
    """
    out_dir = Path(out_dir)
    check_out_dir(out_dir)
    files = find_call_files(root) if files is None else files
    root = Path(root).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(out_dir)
    kpis = kpis or {}
    runner = runner or LocalRunner(inspector)
    scorecard = _scorecard(scorecard if scorecard is not None
                           else getattr(inspector, "scorecard", None))
    result = AuditResult(out_dir=out_dir, files=len(files))
    ledger, errors = Ledger(out_dir), ErrorLog(out_dir / "errors.jsonl")
    result.repairs += ledger.open() + errors.open()
    try:
        jobs = _jobs(files, ledger, errors, result, on_progress)
        outcomes = runner.run(_batches(jobs, batch_size), kpis, WorkOptions(compact=compact, mask_pii=mask_pii),
                              keep_inspections=on_inspection is not None)
        for batch in outcomes:
            _write(batch, ledger, errors, result, on_progress, on_inspection)
    finally:
        ledger.close()
        runner.close()
    ledger.compact()  # a changed file's old row leaves calls.jsonl: one row per call
    errors.finish(root)
    result.failed = errors.failures
    result.summary = write_summaries(
        out_dir, scorecard=scorecard, kpi_ids=kpis.keys(), ledger=ledger,
        extra={"last_run": {"root": str(root), "files": result.files, "scored": result.scored,
                            "skipped": result.skipped, "duplicates": result.duplicates,
                            "failed": result.failed, "failure_rate": result.failure_rate,
                            "repairs": result.repairs}})
    return result


def _scorecard(card):
    """The scorecard for titles and the roll-up interval (None: ids and 90 %)."""
    from qa_engine.scorecard import Scorecard, load_scorecard

    if card is None or isinstance(card, Scorecard):
        return card
    return load_scorecard(card)


def _jobs(files: list[Path], ledger: Ledger, errors: ErrorLog, result: AuditResult,
          on_progress) -> Iterator[Job]:
    """Hash every file; yield those whose content is not scored yet."""
    for path in files:
        name = str(path)
        try:
            digest = sha256_file(path)
        except OSError as exc:
            errors.add(error_row(name, None, "read", exc))
            _tick(on_progress)
            continue
        if (rejected := errors.content_error(name, digest)) is not None:
            errors.add(rejected)  # still failing, for the same reason
            _tick(on_progress)
            continue
        same = ledger.lookup(name, digest)
        if same is None:
            yield Job(name, digest)
            continue
        if same == name or not Path(same).exists():
            result.skipped += 1  # scored before (a moved file keeps its first path)
        else:
            _duplicate(name, digest, same, errors, result)
        _tick(on_progress)


def _duplicate(name: str, digest: str, same: str, errors: ErrorLog, result: AuditResult) -> None:
    result.duplicates += 1
    errors.add(warning_row(name, digest, "dedupe",
                           f"same content as {same}; the call is scored once"))


def _write(batch: list[Outcome], ledger: Ledger, errors: ErrorLog, result: AuditResult,
           on_progress, on_inspection) -> None:
    """The one writer: put a batch of outcomes into the outputs, each exactly once."""
    rows, seen = [], {}
    for outcome in batch:
        job = outcome.job
        if outcome.error is not None:
            errors.add(outcome.error)
        elif (same := ledger.lookup(job.file, job.sha256) or seen.get(job.sha256)) is not None:
            # a copy of a file scored earlier in this run: kept once
            _duplicate(job.file, job.sha256, same, errors, result)
            outcome.error = {}  # not scored: no alert either
        else:
            seen[job.sha256] = job.file
            rows.append((outcome.line, outcome.summary))
    ledger.append(rows)
    result.scored += len(rows)
    for outcome in batch:
        if outcome.error is None and on_inspection is not None:
            on_inspection(outcome.inspection if outcome.inspection is not None
                          else _inspection(outcome.line))
        _tick(on_progress)


def _inspection(line: str):
    from qa_engine.pipeline import Inspection

    return Inspection.model_validate_json(line)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _tick(callback: Callable[[int], None] | None) -> None:
    if callback:
        callback(1)
