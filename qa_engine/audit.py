"""Batch audit: score every call in a folder, survive bad files, resume after a crash.

Outputs in ``out_dir``:
- ``calls.jsonl``: one ``Inspection`` per line with full evidence, plus ``file`` and
  ``file_sha256``; appended and flushed as calls finish, so a crash loses nothing.
- ``errors.jsonl``: one line per failed file: file, stage, error type, message.
- ``calls.csv`` and ``agents.csv``: summaries rebuilt from ``calls.jsonl`` at the end.

Re-running skips files whose path and content hash are already in ``calls.jsonl``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from qa_engine.errors import InputError, QAEngineError
from qa_engine.importers import SUPPORTED_SUFFIXES, load_conversation
from qa_engine.pipeline import Inspection, Inspector
from qa_engine.rollup import AgentScore, CallScore, rollup_agents

BATCH_SIZE = 64


@dataclass
class AuditResult:
    """What one ``run_audit`` did."""

    scored: int = 0
    skipped: int = 0
    failed: int = 0
    out_dir: Path = Path(".")
    agents: list[AgentScore] = field(default_factory=list)
    inspections: list[Inspection] = field(default_factory=list, repr=False)

    @property
    def total(self) -> int:
        return self.scored + self.skipped + self.failed

    @property
    def failure_rate(self) -> float:
        attempted = self.scored + self.failed
        return self.failed / attempted if attempted else 0.0


def find_call_files(root: Path) -> list[Path]:
    """Transcripts and recordings under ``root`` (recursively), in a stable order."""
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise InputError("no such file or directory", source=str(root))
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                  and not p.name.startswith("."))


def load_kpis_csv(path: Path) -> dict[str, dict[str, float]]:
    """Read ``conversation_id,<kpi>,...`` rows; blank cells mean unknown."""
    kpis: dict[str, dict[str, float]] = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or "conversation_id" not in reader.fieldnames:
                raise InputError("KPI CSV needs a 'conversation_id' column; found: "
                                 f"{', '.join(reader.fieldnames or [])}", source=str(path))
            for lineno, row in enumerate(reader, start=2):
                values = {}
                for key, raw in row.items():
                    if key == "conversation_id" or raw is None or not raw.strip():
                        continue
                    try:
                        values[key] = float(raw)
                    except ValueError:
                        raise InputError(f"line {lineno}: KPI '{key}' is not a number: {raw!r}",
                                         source=str(path)) from None
                kpis[row["conversation_id"]] = values
    except FileNotFoundError:
        raise InputError("KPI file not found", source=str(path)) from None
    return kpis


def run_audit(inspector: Inspector, root: Path, out_dir: Path, *,
              kpis: dict[str, dict[str, float]] | None = None,
              on_progress: Callable[[int], None] | None = None,
              on_inspection: Callable[[Inspection], None] | None = None) -> AuditResult:
    """Audit every call file under ``root`` into ``out_dir`` (see module docstring).

    ``on_progress(n)`` is called after each file with the number just handled;
    ``on_inspection`` sees each new inspection (e.g. to send alerts).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    files = find_call_files(root)
    done = _already_scored(out_dir / "calls.jsonl")
    result = AuditResult(out_dir=out_dir)
    kpis = kpis or {}
    with (out_dir / "calls.jsonl").open("a", encoding="utf-8") as calls_out, \
         (out_dir / "errors.jsonl").open("a", encoding="utf-8") as errors_out:
        for batch in _batches(files, BATCH_SIZE):
            loaded = []
            for path in batch:
                try:
                    digest = _sha256(path)
                    if done.get(str(path)) == digest:
                        result.skipped += 1
                        _tick(on_progress)
                        continue
                    loaded.append((path, digest, load_conversation(path)))
                except Exception as exc:  # noqa: BLE001 — one bad file never stops the audit
                    _write_error(errors_out, path, "load", exc)
                    result.failed += 1
                    _tick(on_progress)
            for path, digest, inspection in _inspect_isolating(inspector, loaded, kpis,
                                                               errors_out, result):
                row = json.loads(inspection.model_dump_json())
                row.update(file=str(path), file_sha256=digest)
                calls_out.write(json.dumps(row, ensure_ascii=False) + "\n")
                result.scored += 1
                if on_inspection:
                    on_inspection(inspection)
                _tick(on_progress)
            calls_out.flush()
            errors_out.flush()
            os.fsync(calls_out.fileno())
    result.agents = write_summaries(out_dir)
    return result


def _inspect_isolating(inspector: Inspector, loaded: list, kpis: dict, errors_out,
                       result: AuditResult) -> Iterator[tuple[Path, str, Inspection]]:
    """Inspect a batch at once; if the batch fails, retry one by one to isolate the bad call."""
    if not loaded:
        return
    conversations = [conv for _, _, conv in loaded]
    try:
        inspections = inspector.inspect_many(
            conversations, kpis_by_id={c.id: kpis.get(c.id, {}) for c in conversations})
    except Exception:  # noqa: BLE001
        inspections = None
    for i, (path, digest, conv) in enumerate(loaded):
        if inspections is not None:
            yield path, digest, inspections[i]
            continue
        try:
            yield path, digest, inspector.inspect(conv, kpis=kpis.get(conv.id))
        except Exception as exc:  # noqa: BLE001
            _write_error(errors_out, path, "inspect", exc)
            result.failed += 1


def write_summaries(out_dir: Path) -> list[AgentScore]:
    """Rebuild ``calls.csv`` and ``agents.csv`` from ``calls.jsonl``; return the agents."""
    rows = list(read_calls(out_dir / "calls.jsonl"))
    section_ids = list(dict.fromkeys(s for row in rows for s in row.get("sections", {})))
    with (out_dir / "calls.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["conversation_id", "agent_id", "queue", "started_at", "score",
                         "red_line_failed", "red_line_reasons", "needs_review",
                         "complaint_probability", *[f"section_{s}" for s in section_ids], "file"])
        for row in rows:
            writer.writerow([
                row["conversation_id"], row.get("agent_id"), row.get("queue"),
                row.get("started_at"), _fmt(row.get("score")), row["red_line_failed"],
                " | ".join(row["red_line_reasons"]), " ".join(row.get("needs_review", [])),
                _fmt(complaint_probability(row)),
                *[_fmt(row.get("sections", {}).get(s)) for s in section_ids], row.get("file")])
    calls = [CallScore(agent_id=row.get("agent_id") or "(unknown)", score=row["score"],
                       red_line_failed=row["red_line_failed"],
                       sections={k: v for k, v in row.get("sections", {}).items() if v is not None})
             for row in rows if row.get("score") is not None]
    agents, _ = rollup_agents(calls)
    with (out_dir / "agents.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["rank", "agent_id", "calls", "shrunk_mean", "interval_low",
                         "interval_high", "raw_mean", "shrinkage", "red_line_failures",
                         *[f"section_{s}" for s in section_ids]])
        for a in agents:
            writer.writerow([a.rank, a.agent_id, a.calls, _fmt(a.shrunk_mean),
                             _fmt(a.interval_low), _fmt(a.interval_high), _fmt(a.mean),
                             _fmt(a.shrinkage), a.red_line_failures,
                             *[_fmt(a.sections.get(s)) for s in section_ids]])
    return agents


def read_calls(path: Path) -> Iterator[dict]:
    """Rows of a ``calls.jsonl``, latest row per file winning; a torn last line is ignored."""
    if not path.exists():
        return iter(())
    latest: dict[str, dict] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut short by a crash; that file is simply scored again
            latest[row.get("file") or row["conversation_id"]] = row
    return iter(latest.values())


def complaint_probability(row: dict) -> float | None:
    """The complaint-risk probability in an inspection row, if the model ran."""
    risk = row.get("findings", {}).get("complaint_risk", {}).get("items", {}).get("risk", {})
    return risk.get("probability")


def _already_scored(path: Path) -> dict[str, str]:
    return {row["file"]: row.get("file_sha256") for row in read_calls(path) if row.get("file")}


def _write_error(handle, path: Path, stage: str, exc: Exception) -> None:
    message = exc.problem if isinstance(exc, InputError) else str(exc)
    handle.write(json.dumps({
        "file": str(path), "stage": stage, "error_type": type(exc).__name__,
        "code": getattr(exc, "code", None) if isinstance(exc, QAEngineError) else None,
        "message": message}, ensure_ascii=False) + "\n")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _batches(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _tick(callback: Callable[[int], None] | None) -> None:
    if callback:
        callback(1)


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"
