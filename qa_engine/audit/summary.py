"""The audit's summaries, rebuilt in one streaming pass over the compact index.

- ``calls.csv`` / ``agents.csv``: for people (Excel): headers and section names are the
  scorecard's Chinese titles, UTF-8 with BOM so Excel opens them as UTF-8.
- ``calls.parquet`` / ``agents.parquet``: for BI tools, column names are the ids (written
  when pyarrow is installed: ``pip install 'qa-engine[audit]'``).
- ``summary.json``: counts, the team's variance estimates, calls without an agent id (not
  ranked), KPI ids that match no call.

Memory stays proportional to the number of agents, not calls: rows stream from the
index to the CSV/Parquet writers while the agent roll-up adds up sufficient statistics.
Each file is written to a temporary file and renamed over the old one.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from qa_engine.audit.files import atomic_path
from qa_engine.audit.ledger import INDEX_PATH, iter_live
from qa_engine.rollup import AgentScore, RollupAccumulator

CALL_COLUMNS = [  # (id, title); section columns go before "file"
    ("conversation_id", "通话ID"), ("agent_id", "坐席ID"), ("queue", "队列"),
    ("started_at", "开始时间"), ("score", "得分"), ("red_line_failed", "一票否决"),
    ("red_line_reasons", "一票否决原因"), ("needs_review", "待复核项"),
    ("complaint_probability", "投诉风险概率")]
AGENT_COLUMNS = [
    ("rank", "排名"), ("tied", "并列"), ("rank_range", "可能名次"), ("agent_id", "坐席ID"),
    ("calls", "通话数"), ("shrunk_mean", "收缩均分"), ("interval_low", "区间下限"),
    ("interval_high", "区间上限"), ("mean", "原始均分"), ("shrinkage", "收缩系数"),
    ("red_line_failures", "一票否决次数")]
PARQUET_BATCH = 4096


@dataclass
class Titles:
    """Scorecard titles for sections and items (ids when a title is missing)."""

    sections: dict[str, str] = field(default_factory=dict)
    items: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_scorecard(cls, scorecard) -> Titles:
        if scorecard is None:
            return cls()
        return cls(sections={s.id: s.title or s.id for s in scorecard.sections},
                   items={i.id: i.title or i.id for s in scorecard.sections for i in s.items})


@dataclass
class AuditSummary:
    """What the summaries say, for the terminal and ``summary.json``."""

    calls: int = 0
    scored_calls: int = 0
    calls_without_agent: int = 0
    agents: list[AgentScore] = field(default_factory=list)
    team: dict[str, Any] = field(default_factory=dict)
    kpi_ids_without_call: list[str] = field(default_factory=list)
    first_calls: list[dict[str, Any]] = field(default_factory=list)
    parquet: bool = False


def write_summaries(out_dir: Path, *, scorecard=None, interval: float | None = None,
                    kpi_ids: Iterable[str] = (), extra: dict[str, Any] | None = None,
                    first: int = 50, ledger=None) -> AuditSummary:
    """Rebuild every summary of ``out_dir`` from its index (see the module docstring).

    ``kpi_ids`` are the conversation ids of the KPI CSV, reported when they match no call;
    ``extra`` goes into ``summary.json``; the first ``first`` rows come back for display.
    An open ``Ledger`` saves the passes that work out which rows are live.
    """
    titles = Titles.from_scorecard(scorecard)
    interval = interval or (scorecard.agent_rollup.interval if scorecard is not None else 0.90)
    index_path = out_dir / INDEX_PATH
    if ledger is not None:
        sections = list({**dict.fromkeys(titles.sections), **ledger.sections})
        live_rows = ledger.iter_live
    else:
        sections = _section_ids(index_path, titles)
        live_rows = lambda: iter_live(index_path) if index_path.exists() else iter(())  # noqa: E731
    unmatched = set(kpi_ids)
    summary = AuditSummary()
    rollup = RollupAccumulator()

    def rows() -> Iterator[dict]:
        for row in live_rows():
            summary.calls += 1
            unmatched.discard(row["conversation_id"])
            if len(summary.first_calls) < first:
                summary.first_calls.append(row)
            if row.get("score") is not None:
                summary.scored_calls += 1
                rollup.add(row.get("agent_id"), row["score"], row["red_line_failed"],
                           row.get("sections"))
            yield row

    pa = _pyarrow()
    with atomic_path(out_dir / "calls.csv") as csv_temp, \
         _parquet_calls(pa, out_dir / "calls.parquet", sections) as parquet:
        with csv_temp.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([t for _, t in CALL_COLUMNS]
                            + [titles.sections.get(s, s) for s in sections] + ["文件"])
            for row in rows():
                writer.writerow(_call_cells(row, sections, titles))
                parquet.add(row)
    summary.agents, summary.team = rollup.result(interval=interval)
    summary.calls_without_agent = rollup.calls_without_agent
    summary.kpi_ids_without_call = sorted(unmatched)
    _write_agents_csv(out_dir / "agents.csv", summary.agents, sections, titles, interval)
    if pa is not None:
        _write_agents_parquet(pa, out_dir / "agents.parquet", summary.agents, sections)
    summary.parquet = pa is not None
    with atomic_path(out_dir / "summary.json") as temp:
        temp.write_text(json.dumps({
            "calls": summary.calls, "scored_calls": summary.scored_calls,
            "calls_without_agent": summary.calls_without_agent,
            "agents": len(summary.agents), "team": summary.team,
            "kpi_ids_without_call": {"count": len(unmatched),
                                     "first": summary.kpi_ids_without_call[:20]},
            **(extra or {})}, ensure_ascii=False, indent=2), encoding="utf-8")
    return summary


def _section_ids(index_path: Path, titles: Titles) -> list[str]:
    found = dict.fromkeys(titles.sections)
    if index_path.exists():
        for row in iter_live(index_path):
            found.update(dict.fromkeys(row.get("sections") or {}))
    return list(found)


def _call_cells(row: dict, sections: list[str], titles: Titles) -> list:
    return [row["conversation_id"], row.get("agent_id") or "", row.get("queue") or "",
            row.get("started_at") or "", _fmt(row.get("score")),
            "是" if row["red_line_failed"] else "否", " | ".join(row["red_line_reasons"]),
            "、".join(titles.items.get(i, i) for i in row["needs_review"]),
            _fmt(row.get("complaint_probability"), 3),
            *[_fmt((row.get("sections") or {}).get(s)) for s in sections], row["file"]]


def _write_agents_csv(path: Path, agents: list[AgentScore], sections: list[str], titles: Titles,
                      interval: float) -> None:
    header = [f"{t}（{interval:.0%}）" if c.startswith("interval_") else t
              for c, t in AGENT_COLUMNS] + [titles.sections.get(s, s) for s in sections]
    with atomic_path(path) as temp, temp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for a in agents:
            writer.writerow([a.rank, "是" if a.tied else "否", f"{a.rank_best}–{a.rank_worst}",
                             a.agent_id, a.calls, _fmt(a.shrunk_mean), _fmt(a.interval_low),
                             _fmt(a.interval_high), _fmt(a.mean), _fmt(a.shrinkage),
                             a.red_line_failures, *[_fmt(a.sections.get(s)) for s in sections]])


def _fmt(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


# -- Parquet ---------------------------------------------------------------------------
def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return None
    return pyarrow


class _ParquetCalls:
    """Streams call rows into a Parquet file in batches (ids as column names)."""

    def __init__(self, pa, path: Path, sections: list[str]) -> None:
        self.pa, self.sections = pa, sections
        self.schema = pa.schema(
            [("conversation_id", pa.string()), ("agent_id", pa.string()), ("queue", pa.string()),
             ("started_at", pa.timestamp("us", tz="UTC")), ("channel", pa.string()),
             ("score", pa.float64()), ("red_line_failed", pa.bool_()),
             ("red_line_reasons", pa.list_(pa.string())), ("needs_review", pa.list_(pa.string())),
             ("complaint_probability", pa.float64())]
            + [(f"section_{s}", pa.float64()) for s in sections]
            + [("file", pa.string()), ("file_sha256", pa.string())])
        self.writer = pa.parquet.ParquetWriter(str(path), self.schema)
        self.rows: list[dict] = []

    def add(self, row: dict) -> None:
        sections = row.get("sections") or {}
        self.rows.append({**{k: row.get(k) for k in (
            "conversation_id", "agent_id", "queue", "channel", "score", "red_line_failed",
            "red_line_reasons", "needs_review", "complaint_probability", "file", "file_sha256")},
            "started_at": _timestamp(row.get("started_at")),
            **{f"section_{s}": sections.get(s) for s in self.sections}})
        if len(self.rows) >= PARQUET_BATCH:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.writer.write_table(self.pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []


class _NoParquet:
    def add(self, row: dict) -> None:
        pass


@contextmanager
def _parquet_calls(pa, path: Path, sections: list[str]) -> Iterator[_ParquetCalls | _NoParquet]:
    if pa is None:
        yield _NoParquet()
        return
    with atomic_path(path) as temp:
        calls = _ParquetCalls(pa, temp, sections)
        try:
            yield calls
            calls.flush()
        finally:
            calls.writer.close()


def _write_agents_parquet(pa, path: Path, agents: list[AgentScore], sections: list[str]) -> None:
    rows = [{**a.model_dump(exclude={"sections"}),
             **{f"section_{s}": a.sections.get(s) for s in sections}} for a in agents]
    schema = pa.schema(
        [("agent_id", pa.string()), ("calls", pa.int64()), ("mean", pa.float64()),
         ("shrunk_mean", pa.float64()), ("interval_low", pa.float64()),
         ("interval_high", pa.float64()), ("interval", pa.float64()), ("shrinkage", pa.float64()),
         ("red_line_failures", pa.int64()), ("rank", pa.int64()), ("tied", pa.bool_()),
         ("rank_best", pa.int64()), ("rank_worst", pa.int64())]
        + [(f"section_{s}", pa.float64()) for s in sections])
    with atomic_path(path) as temp:
        pa.parquet.write_table(pa.Table.from_pylist(rows, schema=schema), str(temp))


def _timestamp(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
