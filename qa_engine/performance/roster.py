"""The agent roster: role (which plan structure applies), supervisor, hire date."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from qa_engine.errors import InputError


def _iso_date_only(value: object) -> object:
    # pydantic reads a bare number as Unix seconds (0 → 1970-01-01); the schema promises
    # a YYYY-MM-DD string.
    if isinstance(value, (int, float)):
        raise ValueError("expected a date as YYYY-MM-DD, e.g. 2026-10-20")
    return value


class AgentInfo(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "agent_id": "A1024", "role": "agent", "supervisor": "S1", "hired_on": "2026-10-20"}]})

    agent_id: str
    role: str | None = None
    supervisor: str | None = None
    hired_on: Annotated[date | None, BeforeValidator(_iso_date_only)] = None


def load_roster_csv(path: str | Path) -> dict[str, AgentInfo]:
    """Roster rows by agent id: columns agent_id[, role, supervisor, hired_on (YYYY-MM-DD)]."""
    path = Path(path)
    roster: dict[str, AgentInfo] = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if "agent_id" not in (reader.fieldnames or []):
                raise InputError("roster CSV needs an 'agent_id' column", source=str(path))
            for lineno, row in enumerate(reader, start=2):
                cells = {k: (v.strip() or None) if v else None for k, v in row.items()
                         if k in AgentInfo.model_fields}
                try:
                    info = AgentInfo.model_validate(cells)
                except ValidationError as exc:
                    first = exc.errors()[0]
                    raise InputError(f"line {lineno}, column {first['loc'][0]}: {first['msg']}",
                                     source=str(path)) from None
                roster[info.agent_id] = info
    except FileNotFoundError:
        raise InputError("roster file not found", source=str(path)) from None
    return roster
