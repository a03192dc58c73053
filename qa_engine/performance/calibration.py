"""Calibration sessions: several reviewers score the same calls; agreement per item.

Cohen's κ for two reviewers, Fleiss' κ for three or more (each call rated by the same
number of reviewers). κ = (observed − chance agreement) / (1 − chance agreement):
1 is perfect agreement, 0 is what chance gives, below 0 worse than chance.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from qa_engine.errors import InputError

CALIBRATION_COLUMNS = ("conversation_id", "item", "reviewer", "label")


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's κ of two reviewers' labels for the same calls (None if undefined)."""
    if len(a) != len(b):
        raise ValueError("cohen_kappa: both reviewers must label the same calls")
    n = len(a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    chance = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if chance == 1:
        return None  # both always gave one and the same label: agreement is not informative
    return (observed - chance) / (1 - chance)


def fleiss_kappa(counts: Sequence[Sequence[int]]) -> float | None:
    """Fleiss' κ from a calls × categories table of how many reviewers chose each category.

    Every row must sum to the same number of reviewers (at least 2).
    """
    if not counts:
        return None
    raters = sum(counts[0])
    if raters < 2 or any(sum(row) != raters for row in counts):
        raise ValueError("fleiss_kappa: every call needs the same number (≥ 2) of ratings")
    n = len(counts)
    totals = [sum(row[j] for row in counts) for j in range(len(counts[0]))]
    p = [t / (n * raters) for t in totals]
    observed = sum((sum(c * c for c in row) - raters) / (raters * (raters - 1))
                   for row in counts) / n
    chance = sum(x * x for x in p)
    if chance == 1:
        return None
    return (observed - chance) / (1 - chance)


class ItemAgreement(BaseModel):
    """Agreement of the reviewers on one scorecard item over the calibration calls."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "item": "greeting", "method": "fleiss", "kappa": 0.71, "observed_agreement": 0.89,
        "calls": 20, "reviewers": 3, "labels": ["fail", "pass"], "skipped_calls": 0}]})

    item: str
    method: str = Field(description="'cohen' (2 reviewers) or 'fleiss' (3+).")
    kappa: float | None
    observed_agreement: float
    calls: int
    reviewers: int
    labels: list[str]
    skipped_calls: int = Field(default=0, description="Calls not rated by every reviewer.")


class CalibrationLabel(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "conversation_id": "call-0001", "item": "greeting", "reviewer": "qa-li",
        "label": "pass"}]})

    conversation_id: str
    item: str
    reviewer: str
    label: str


def agreement_by_item(labels: Iterable[CalibrationLabel]) -> list[ItemAgreement]:
    """κ per item; calls not rated by every reviewer of that item are left out (and counted)."""
    table: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for row in labels:
        table[row.item][row.conversation_id][row.reviewer] = row.label
    out = []
    for item, calls in table.items():
        reviewers = sorted({r for votes in calls.values() for r in votes})
        complete = {c: v for c, v in calls.items() if len(v) == len(reviewers)}
        categories = sorted({lab for v in complete.values() for lab in v.values()})
        if len(reviewers) < 2 or not complete:
            out.append(ItemAgreement(item=item, method="none", kappa=None, observed_agreement=0,
                                     calls=len(complete), reviewers=len(reviewers),
                                     labels=categories, skipped_calls=len(calls) - len(complete)))
            continue
        rows = [[sum(1 for lab in v.values() if lab == k) for k in categories]
                for v in complete.values()]
        k = len(reviewers)
        observed = sum((sum(c * c for c in row) - k) / (k * (k - 1)) for row in rows) / len(rows)
        if k == 2:
            a = [complete[c][reviewers[0]] for c in complete]
            b = [complete[c][reviewers[1]] for c in complete]
            method, kappa = "cohen", cohen_kappa(a, b)
        else:
            method, kappa = "fleiss", fleiss_kappa(rows)
        out.append(ItemAgreement(item=item, method=method, kappa=kappa,
                                 observed_agreement=observed, calls=len(complete),
                                 reviewers=k, labels=categories,
                                 skipped_calls=len(calls) - len(complete)))
    return sorted(out, key=lambda a: a.item)


def load_calibration_csv(path: str | Path) -> list[CalibrationLabel]:
    """Labels from a CSV with columns conversation_id, item, reviewer, label."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in CALIBRATION_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(f"calibration CSV lacks column(s) {', '.join(missing)}; needs "
                                 f"{', '.join(CALIBRATION_COLUMNS)}", source=str(path))
            rows = []
            for lineno, row in enumerate(reader, start=2):
                cells = {c: (row.get(c) or "").strip() for c in CALIBRATION_COLUMNS}
                if empty := [c for c, v in cells.items() if not v]:
                    raise InputError(f"line {lineno}: empty {', '.join(empty)}", source=str(path))
                rows.append(CalibrationLabel(**cells))
            return rows
    except FileNotFoundError:
        raise InputError("calibration file not found", source=str(path)) from None
