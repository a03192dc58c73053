"""Operational KPIs per call from a CSV: read, decode and validate by range per KPI.

The CSV has a ``conversation_id`` column and one column per KPI; a blank cell is unknown.
UTF-8 (with or without BOM), UTF-16 and GBK/GB18030 are detected, because Windows exports
in GBK are common. Every problem (an unknown or misspelled column, a row with more cells
than the header, a value that is not a finite number or is out of its KPI's range, a
repeated conversation id) is collected and reported in one ``KPIError`` line naming the
first problem and how many more there are, so a file is fixed in one go.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from qa_engine.errors import InputError, KPIError


@dataclass(frozen=True)
class KPISpec:
    """A KPI the scorecard may read: its valid range and what it means."""

    low: float
    high: float
    meaning: str


KPI_SPECS: dict[str, KPISpec] = {
    "aht_seconds": KPISpec(0, 86_400, "average handle time in seconds"),
    "answer_rate_20s": KPISpec(0, 1, "share of calls answered within 20 s (0–1)"),
    "fcr": KPISpec(0, 1, "first-contact resolution: 1 resolved, 0 not"),
    "csat": KPISpec(1, 5, "customer satisfaction on a 1–5 scale"),
    "nps_score": KPISpec(0, 10, "likelihood to recommend on a 0–10 scale"),
    "response_time_seconds": KPISpec(0, 86_400, "first response time in seconds"),
}
ID_COLUMN = "conversation_id"
# Problems listed in the message after the first one.
SHOWN_PROBLEMS = 3


def load_kpis_csv(path: str | Path, *, extra_kpis: Iterable[str] = ()) -> dict[str, dict[str, float]]:
    """Read and validate a KPI CSV: ``{conversation_id: {kpi: value}}``.

    ``extra_kpis`` names further KPI columns a custom scorecard reads (checked only for
    being finite numbers). Raises ``KPIError`` listing the problems.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KPIError("KPI file not found", source=str(path)) from None
    except IsADirectoryError:
        raise KPIError("KPI file is a folder; expected a CSV file", source=str(path)) from None
    text = _decode(raw, str(path))
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip() for cell in next(rows)]
    except StopIteration:
        raise KPIError("KPI file is empty", source=str(path)) from None
    except csv.Error as exc:
        raise KPIError(f"line 1: {exc}", source=str(path)) from None
    valid: dict[str, KPISpec | None] = dict(KPI_SPECS)
    valid.update({k: None for k in extra_kpis if k not in KPI_SPECS})
    if ID_COLUMN not in header:
        raise KPIError(f"KPI CSV needs a '{ID_COLUMN}' column; found: "
                       f"{', '.join(header) or '(nothing)'}{_suggest(header, [ID_COLUMN])}",
                       source=str(path))
    id_index = header.index(ID_COLUMN)
    columns, problems = _check_header(header, valid)
    kpis: dict[str, dict[str, float]] = {}
    first_line: dict[str, int] = {}
    try:
        for cells in rows:
            lineno = rows.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                problems.append(f"line {lineno}: {len(cells)} cells but the header has "
                                f"{len(header)} columns")
                continue
            cells = cells + [""] * (len(header) - len(cells))  # short rows: blank = unknown
            conversation_id = cells[id_index].strip()
            if not conversation_id:
                problems.append(f"line {lineno}: empty {ID_COLUMN}")
                continue
            if conversation_id in first_line:
                problems.append(f"line {lineno}: {ID_COLUMN} '{conversation_id}' repeats line "
                                f"{first_line[conversation_id]}")
                continue
            first_line[conversation_id] = lineno
            kpis[conversation_id] = _values(cells, columns, valid, lineno, problems)
    except csv.Error as exc:
        problems.append(f"line {rows.line_num}: {exc}")
    if problems:
        more = problems[1:1 + SHOWN_PROBLEMS]
        rest = len(problems) - 1 - len(more)
        listed = "; ".join(more) + (" …" if rest else "")
        tail = f" (+{len(problems) - 1} more: {listed})" if more else ""
        raise KPIError(problems[0] + tail, source=str(path))
    return kpis


def _decode(raw: bytes, source: str) -> str:
    from qa_engine.importers import decode_text

    if not raw.strip():
        raise KPIError("KPI file is empty", source=source)
    if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise KPIError("not a text CSV (binary data)", source=source)
    try:
        return decode_text(raw, source=source)
    except (InputError, UnicodeDecodeError):
        raise KPIError("not a text CSV: cannot decode as UTF-8, UTF-16 or GBK/GB18030",
                       source=source) from None


def _check_header(header: list[str], valid: dict) -> tuple[list[str | None], list[str]]:
    """Map each header cell to a KPI name (or the id column); list unknown ones."""
    problems = []
    columns: list[str | None] = []
    for name in header:
        if name == ID_COLUMN:
            columns.append(ID_COLUMN)
        elif name in valid:
            columns.append(name)
        elif not name:
            problems.append("header has an empty column name")
            columns.append(None)
        else:
            problems.append(f"unknown KPI column '{name}'{_suggest([name], valid)}; "
                            f"expected: {', '.join(valid)}")
            columns.append(None)
    repeated = sorted({c for c in header if header.count(c) > 1 and c})
    if repeated:
        problems.append(f"column(s) repeated in the header: {', '.join(repeated)}")
    return columns, problems


def _values(cells: list[str], columns: list[str | None], valid: dict, lineno: int,
            problems: list[str]) -> dict[str, float]:
    values: dict[str, float] = {}
    for name, cell in zip(columns, cells):
        raw = cell.strip()
        if name in (None, ID_COLUMN) or not raw:
            continue
        try:
            value = float(raw)
        except ValueError:
            problems.append(f"line {lineno}: KPI '{name}' is not a number: {raw!r}")
            continue
        if not math.isfinite(value):
            problems.append(f"line {lineno}: KPI '{name}' is not a finite number: {raw!r}")
            continue
        spec = valid[name]
        if spec is not None and not spec.low <= value <= spec.high:
            problems.append(f"line {lineno}: KPI '{name}' = {raw} is out of range "
                            f"[{spec.low:g}, {spec.high:g}] ({spec.meaning})")
            continue
        values[name] = value
    return values


def _suggest(names: Iterable[str], valid: Iterable[str]) -> str:
    for name in names:
        close = difflib.get_close_matches(name, list(valid), n=1, cutoff=0.6)
        if close:
            return f" (did you mean '{close[0]}'?)"
    return ""
