"""What the performance loop reads from each scored call (a ``calls.jsonl`` row).

A ``CallRecord`` is the part of an ``Inspection`` the period results, warnings, coaching
and sampling need; ``calls.jsonl`` written by ``qa audit`` (or the service's stored
inspections) is the input, so nothing is scored twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from qa_engine.errors import InputError


class CallRecord(BaseModel):
    """One scored call, reduced to what the performance loop reads."""

    conversation_id: str
    agent_id: str
    queue: str | None = None
    started_at: datetime
    score: float | None = None
    red_line_failed: bool = False
    red_line_reasons: list[str] = Field(default_factory=list)
    sections: dict[str, float | None] = Field(default_factory=dict)
    kpis: dict[str, float] = Field(default_factory=dict)
    needs_review: list[str] = Field(default_factory=list)
    risk: float | None = Field(default=None, description="Complaint-risk probability.")

    @property
    def day(self) -> date:
        """The call centre's day of the call (its own time zone as recorded)."""
        return self.started_at.date()

    def value(self, source: str) -> float | None:
        """The call's value of a call-level source (quality, section:ID, kpi:NAME)."""
        kind, _, name = source.partition(":")
        if kind == "quality":
            return self.score
        if kind == "section":
            return self.sections.get(name)
        if kind == "kpi":
            return self.kpis.get(name)
        return None

    @classmethod
    def from_inspection(cls, row: Mapping[str, Any],
                        kpis: Mapping[str, float] | None = None) -> CallRecord:
        """From an inspection (a dict as in ``calls.jsonl``); ``kpis`` override its own."""
        risk = (row.get("findings", {}).get("complaint_risk", {}).get("items", {})
                .get("risk", {}).get("probability"))
        return cls.model_validate({
            "conversation_id": row["conversation_id"], "agent_id": row.get("agent_id"),
            "queue": row.get("queue"), "started_at": row.get("started_at"),
            "score": row.get("score"), "red_line_failed": row.get("red_line_failed", False),
            "red_line_reasons": row.get("red_line_reasons", []),
            "sections": row.get("sections", {}), "kpis": {**row.get("kpis", {}), **(kpis or {})},
            "needs_review": row.get("needs_review", []), "risk": risk})


def load_calls_jsonl(path: str | Path,
                     kpis: Mapping[str, Mapping[str, float]] | None = None) -> list[CallRecord]:
    """Scored calls from a ``calls.jsonl`` (latest row per conversation wins).

    ``kpis`` (per conversation id, e.g. from a KPI CSV) override the inspections' own.
    A row without an agent or a start time cannot be placed in a period: an error names
    its line. A torn last line (a crash while writing) is ignored, as ``qa audit`` does.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError("calls file not found", source=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("calls file is not UTF-8", source=str(path)) from None
    kpis = kpis or {}
    records: dict[str, CallRecord] = {}
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            if lineno == len(lines):
                continue
            raise InputError(f"line {lineno}: invalid JSON: {exc.msg}", source=str(path)) from None
        if not isinstance(row, dict) or "conversation_id" not in row:
            raise InputError(f"line {lineno}: not an inspection (no conversation_id)",
                             source=str(path))
        try:
            record = CallRecord.from_inspection(row, kpis.get(row["conversation_id"]))
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"])
            raise InputError(f"line {lineno} ({row['conversation_id']}): {field}: {first['msg']}",
                             source=str(path)) from None
        records[record.conversation_id] = record
    return list(records.values())


def by_agent(calls: Iterable[CallRecord]) -> dict[str, list[CallRecord]]:
    """Calls grouped per agent, each in time order."""
    out: dict[str, list[CallRecord]] = {}
    for call in sorted(calls, key=lambda c: (c.started_at, c.conversation_id)):
        out.setdefault(call.agent_id, []).append(call)
    return out
