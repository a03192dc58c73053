"""360° ratings: customer, peer, supervisor (and self) ratings per agent and period.

Each rating names its rater and the rater's role (``source``). A rater's own bias is
reported as *leniency*: how far their ratings sit above (or below) what the other raters
of the same source gave the same agents in the same period. A source with no ratings for
an agent leaves that agent's denominator; it is never filled in.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from qa_engine.errors import InputError
from qa_engine.performance.periods import parse_period
from qa_engine.performance.plan import RATING_SOURCES, RatingOptions

RATING_COLUMNS = ("agent_id", "period", "source", "rater_id", "score")


class Rating(BaseModel):
    """One rater's rating of one agent for one period."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "agent_id": "A1024", "period": "2026-11", "source": "peer", "rater_id": "A2048",
        "score": 4.0, "comment": "helps the new colleagues"}]})

    agent_id: str = Field(min_length=1)
    period: str = Field(description="YYYY-MM, YYYY-Www or YYYY-Qn.")
    source: str = Field(description="customer | peer | supervisor | self")
    rater_id: str = Field(min_length=1)
    score: float
    comment: str = ""

    @field_validator("source")
    @classmethod
    def _known_source(cls, value: str) -> str:
        if value not in RATING_SOURCES:
            raise ValueError(f"unknown rating source '{value}'; expected one of: "
                             f"{', '.join(RATING_SOURCES)}")
        return value

    @field_validator("period")
    @classmethod
    def _valid_period(cls, value: str) -> str:
        try:
            return parse_period(value).label
        except InputError as exc:  # a field error, so that it names the field
            raise ValueError(exc.problem) from None


def check_scale(ratings: Iterable[Rating], options: RatingOptions) -> None:
    """Fail on a rating outside the plan's scale (naming the agent, rater and value)."""
    for r in ratings:
        if not options.scale_min <= r.score <= options.scale_max:
            raise InputError(f"rating of agent '{r.agent_id}' by '{r.rater_id}' is {r.score:g}, "
                             f"outside the scale {options.scale_min:g}–{options.scale_max:g}")


def load_ratings_csv(path: str | Path) -> list[Rating]:
    """Ratings from a CSV with columns agent_id, period, source, rater_id, score[, comment]."""
    path = Path(path)
    ratings = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in RATING_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(f"ratings CSV lacks column(s) {', '.join(missing)}; needs "
                                 f"{', '.join(RATING_COLUMNS)} (and optionally comment)",
                                 source=str(path))
            for lineno, row in enumerate(reader, start=2):
                try:
                    ratings.append(Rating.model_validate(
                        {k: (v or "").strip() for k, v in row.items() if k is not None}))
                except ValidationError as exc:
                    first = exc.errors()[0]
                    cause = first.get("ctx", {}).get("error") or first["msg"]
                    raise InputError(f"line {lineno}, column {first['loc'][0]}: {cause}",
                                     source=str(path)) from None
    except FileNotFoundError:
        raise InputError("ratings file not found", source=str(path)) from None
    return ratings


class RaterLeniency(BaseModel):
    """How generous one rater is compared with the others rating the same agents."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "rater_id": "S2", "source": "supervisor", "ratings": 10, "mean": 4.8, "compared": 10,
        "leniency": 0.8, "flag": "lenient"}]})

    rater_id: str
    source: str
    ratings: int
    mean: float
    compared: int = Field(description="Ratings with at least one other rater of the same agent.")
    leniency: float | None = Field(description="Mean of (own rating − others' mean); + = lenient.")
    flag: str | None = Field(default=None, description="'lenient' or 'severe' beyond the plan's "
                                                       "leniency_flag; None otherwise.")


def rater_leniency(ratings: Iterable[Rating], *, flag_beyond: float = 0.5,
                   min_compared: int = 3) -> list[RaterLeniency]:
    """Leniency of every rater, by source; most lenient first (judgeable raters first).

    Only a rater with at least ``min_compared`` comparable ratings is flagged: one survey
    answer above the others says nothing about the person who gave it.
    """
    ratings = list(ratings)
    groups: dict[tuple[str, str, str], list[Rating]] = defaultdict(list)
    for r in ratings:
        groups[(r.source, r.agent_id, r.period)].append(r)
    diffs: dict[tuple[str, str], list[float]] = defaultdict(list)
    own: dict[tuple[str, str], list[float]] = defaultdict(list)
    for r in ratings:
        own[(r.rater_id, r.source)].append(r.score)
        others = [o.score for o in groups[(r.source, r.agent_id, r.period)]
                  if o.rater_id != r.rater_id]
        if others:
            diffs[(r.rater_id, r.source)].append(r.score - sum(others) / len(others))
    out = []
    for (rater, source), scores in own.items():
        d = diffs.get((rater, source), [])
        leniency = sum(d) / len(d) if d else None
        flag = None
        if leniency is not None and len(d) >= min_compared and abs(leniency) > flag_beyond:
            flag = "lenient" if leniency > 0 else "severe"
        out.append(RaterLeniency(rater_id=rater, source=source, ratings=len(scores),
                                 mean=sum(scores) / len(scores), compared=len(d),
                                 leniency=leniency, flag=flag))
    # Raters with enough comparable ratings first (those are the ones that can be judged).
    out.sort(key=lambda x: (x.compared < min_compared, x.leniency is None, -(x.leniency or 0.0)))
    return out
