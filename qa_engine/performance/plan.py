"""The performance plan (绩效方案): which indicators make an agent's period score, how.

A plan (TOML, validated at load like the scorecard) has one or more *structures* (per
role or queue), each a list of weighted indicators. An indicator reads a source — the
call-quality score (``quality``), a scorecard section (``section:ID``), a KPI
(``kpi:NAME``) or a 360° rating (``rating:customer|peer|supervisor|self``) — and maps its
period value onto 0–100 by a ``target`` or a ``band`` (the scorecard's own mappings).
Weights must sum to ``total_weight`` and each stay within ``weight_bounds`` (10–40 % by
default). The plan also configures tiers and incentive coefficients, deviation warnings,
coaching rules and the QA sampling plan. Errors name the bad key and list valid ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from qa_engine.errors import UnknownNameError
from qa_engine.models import models_dir
from qa_engine.scorecard import Band, Target
from qa_engine.tomlfile import read_toml, validate_document

PERIOD_KINDS = ("week", "month", "quarter")
RATING_SOURCES = ("customer", "peer", "supervisor", "self")
SOURCE_KINDS = ("quality", "section:ID", "kpi:NAME", "rating:SOURCE")
DEFAULT_KPIS = ("aht_seconds", "answer_rate_20s", "fcr", "csat", "nps_score",
                "response_time_seconds")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WeightBounds(_Strict):
    """Each indicator's share of ``total_weight``, in percent."""

    min: float = Field(default=10, ge=0, le=100)
    max: float = Field(default=40, ge=0, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> WeightBounds:
        if self.min > self.max:
            raise ValueError("weight_bounds.min must not exceed weight_bounds.max")
        return self


class Indicator(_Strict):
    """One weighted line of a structure: a source and its 0–100 mapping."""

    id: str
    title: str = ""
    source: str = Field(description="quality | section:ID | kpi:NAME | rating:SOURCE")
    weight: float = Field(gt=0, description="Points before normalisation.")
    target: Target | None = None
    band: Band | None = None

    @model_validator(mode="after")
    def _one_mapping(self) -> Indicator:
        if (self.target is None) == (self.band is None):
            raise ValueError(f"indicator '{self.id}' must set exactly one of 'target' or 'band'")
        kind, _, name = self.source.partition(":")
        if kind not in ("quality", "section", "kpi", "rating"):
            raise UnknownNameError("indicator source", self.source, SOURCE_KINDS,
                                   where=f"indicator '{self.id}'")
        if (kind == "quality") != (name == ""):
            raise ValueError(f"indicator '{self.id}': source '{self.source}' must look like "
                             f"one of: {', '.join(SOURCE_KINDS)}")
        if kind == "rating" and name not in RATING_SOURCES:
            raise UnknownNameError("rating source", name, RATING_SOURCES,
                                   where=f"indicator '{self.id}'")
        return self

    @property
    def kind(self) -> str:
        return self.source.partition(":")[0]

    @property
    def name(self) -> str:
        return self.source.partition(":")[2]

    @property
    def mapping(self) -> Target | Band:
        return self.target or self.band  # type: ignore[return-value]

    def points(self, raw: float) -> float:
        """The 0–100 points of a period value."""
        return self.mapping.points(raw)

    @property
    def higher_is_better(self) -> bool | None:
        """True/False for a target; None for a band (both sides are worse)."""
        return None if self.target is None else self.target.good > self.target.zero


class Structure(_Strict):
    """The indicator set of one role or queue (e.g. front-line agents, team leads).

    An agent takes the first structure whose ``roles`` holds their roster role, else
    whose ``queues`` holds their most frequent queue, else the structure with neither.
    """

    id: str
    title: str = ""
    roles: list[str] = Field(default_factory=list)
    queues: list[str] = Field(default_factory=list)
    indicators: list[Indicator]

    @model_validator(mode="after")
    def _unique(self) -> Structure:
        ids = [i.id for i in self.indicators]
        if duplicates := sorted({i for i in ids if ids.count(i) > 1}):
            raise ValueError(f"structure '{self.id}': duplicate indicator ids: "
                             f"{', '.join(duplicates)}")
        return self


class TierLevel(_Strict):
    """A tier: reached at ``min_score`` (by = score) or given to a ``share`` of the ranked
    agents (by = rank); ``coefficient`` is its incentive factor (coefficient mode table)."""

    id: str
    title: str = ""
    min_score: float | None = Field(default=None, ge=0, le=100)
    share: float | None = Field(default=None, gt=0, le=1)
    coefficient: float | None = Field(default=None, ge=0)


class Formula(_Strict):
    """coefficient = base + per_point × (total − pivot), clipped to [min, max]."""

    base: float = 1.0
    per_point: float = 0.02
    pivot: float = 75
    min: float = 0.5
    max: float = 1.5


class Tiers(_Strict):
    by: Literal["score", "rank"] = "score"
    levels: list[TierLevel]
    coefficient: Literal["table", "formula"] = "table"
    formula: Formula = Field(default_factory=Formula)
    provisional: str | None = Field(
        default=None, description="Tier given while the evidence is too thin to decide pay.")

    @model_validator(mode="after")
    def _consistent(self) -> Tiers:
        ids = [level.id for level in self.levels]
        if not ids:
            raise ValueError("tiers.levels must name at least one tier")
        if len(set(ids)) != len(ids):
            raise ValueError("tiers.levels: duplicate tier ids")
        for level in self.levels:
            needed = "min_score" if self.by == "score" else "share"
            if getattr(level, needed) is None:
                raise ValueError(f"tier '{level.id}' needs '{needed}' (tiers.by = '{self.by}')")
            if self.coefficient == "table" and level.coefficient is None:
                raise ValueError(f"tier '{level.id}' needs 'coefficient' "
                                 "(tiers.coefficient = 'table')")
        if self.by == "score":
            scores = [level.min_score for level in self.levels]
            if scores != sorted(scores, reverse=True) or scores[-1] != 0:
                raise ValueError("tiers.levels: min_score must fall from the best tier to the "
                                 "last, which must have min_score = 0")
        elif abs(sum(level.share for level in self.levels) - 1) > 1e-6:  # type: ignore[misc]
            raise ValueError("tiers.levels: shares must sum to 1")
        if self.provisional is not None and self.provisional not in ids:
            raise UnknownNameError("tier", self.provisional, ids, where="tiers.provisional")
        return self

    def level(self, tier_id: str) -> TierLevel:
        return next(level for level in self.levels if level.id == tier_id)


class WarningOptions(_Strict):
    """EWMA control chart on daily values (see ``qa_engine.performance.warnings``)."""

    indicators: list[str] = Field(default_factory=list, description="Indicator ids charted.")
    smoothing: float = Field(default=0.3, gt=0, le=1, description="EWMA λ.")
    limit: float = Field(default=3.0, gt=0, description="Control limit in EWMA sigmas (L).")
    min_days: int = Field(default=3, ge=1, description="Consecutive days beyond the limit.")
    clip: float = Field(default=3.0, gt=0, description="A day's standardised value is clipped "
                                                       "to ±clip before smoothing.")
    baseline_days: int = Field(default=10, ge=3, description="First days with data = baseline.")
    lookback_days: int = Field(default=35, ge=0,
                               description="Days before the period start also read.")
    relative_to_team: bool = Field(
        default=True, description="Chart the agent minus the rest of the team that day, so a "
                                  "team-wide dip is not one agent's deviation.")
    min_sigma_share: float = Field(
        default=0.05, gt=0, description="Floor on a day's sigma, as a share of the mapping span.")


class CoachingRule(_Strict):
    """A declarative coaching trigger.

    kinds: ``mean`` (a source's mean over ``window_days`` is ``below`` or ``above`` a
    threshold, with at least ``min_calls`` values), ``red_lines`` (at least ``at_least``
    red-line calls in the window), ``warning_unaddressed`` (a deviation warning whose alarm
    is ``after_days`` old and no coaching task covers it).
    """

    id: str
    title: str = ""
    kind: Literal["mean", "red_lines", "warning_unaddressed"]
    source: str | None = None
    below: float | None = None
    above: float | None = None
    window_days: int = Field(default=28, ge=1)
    min_calls: int = Field(default=5, ge=1)
    at_least: int = Field(default=2, ge=1)
    after_days: int = Field(default=7, ge=0)
    owner: str = Field(default="supervisor", description="'supervisor' = the roster's "
                                                         "supervisor of the agent; else literal.")
    due_days: int = Field(default=14, ge=0)
    evidence_calls: int = Field(default=5, ge=1)

    @model_validator(mode="after")
    def _kind_fields(self) -> CoachingRule:
        if self.kind == "mean":
            if self.source is None:
                raise ValueError(f"coaching rule '{self.id}' (kind mean) needs 'source'")
            kind = self.source.partition(":")[0]
            if kind not in ("quality", "section", "kpi"):
                raise UnknownNameError("coaching source", self.source,
                                       ["quality", "section:ID", "kpi:NAME"],
                                       where=f"coaching rule '{self.id}'")
            if (self.below is None) == (self.above is None):
                raise ValueError(f"coaching rule '{self.id}' needs exactly one of "
                                 "'below' or 'above'")
        return self


class Coaching(_Strict):
    rules: list[CoachingRule] = Field(default_factory=list)


class SamplingRule(_Strict):
    """A targeted sampling rule: every matching call (up to ``max_per_agent``), or a
    ``share`` of a new agent's calls.

    when: red_line | score_below | risk_above | needs_review | new_agent | appealed
    """

    id: str
    when: Literal["red_line", "score_below", "risk_above", "needs_review", "new_agent",
                  "appealed"]
    threshold: float | None = None
    share: float | None = Field(default=None, gt=0, le=1)
    days: int = Field(default=90, ge=1, description="new_agent: hired within this many days.")
    max_per_agent: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _fields(self) -> SamplingRule:
        if self.when in ("score_below", "risk_above") and self.threshold is None:
            raise ValueError(f"sampling rule '{self.id}' ({self.when}) needs 'threshold'")
        if self.when == "new_agent" and self.share is None:
            raise ValueError(f"sampling rule '{self.id}' (new_agent) needs 'share'")
        return self


class Sampling(_Strict):
    random_share: float = Field(default=0.10, ge=0, le=1, description="Random share per agent.")
    min_per_agent: int = Field(default=1, ge=0)
    seed: int = 0
    rules: list[SamplingRule] = Field(default_factory=list)


class Promotion(_Strict):
    """The promotion track: in the top ``top_share`` of one's structure (not provisional)
    for ``periods`` consecutive periods, this one included."""

    top_share: float = Field(default=0.10, gt=0, le=1)
    periods: int = Field(default=2, ge=1)


class RatingOptions(_Strict):
    scale_min: float = 1
    scale_max: float = 5
    leniency_flag: float = Field(default=0.5, ge=0,
                                 description="Report a rater as lenient/severe beyond this.")
    leniency_min_compared: int = Field(
        default=3, ge=1, description="Flag a rater only with this many compared ratings.")


class PerformancePlan(_Strict):
    """A validated performance plan. Build it with ``load_plan``."""

    name: str
    version: str
    description: str = ""
    period: Literal["week", "month", "quarter"] = "month"
    total_weight: float = Field(default=100, gt=0)
    weight_bounds: WeightBounds = Field(default_factory=WeightBounds)
    kpis: list[str] = Field(default_factory=lambda: list(DEFAULT_KPIS),
                            description="KPI names indicators and rules may read.")
    interval: float = Field(default=0.90, gt=0, lt=1, description="Credible interval mass.")
    min_calls: int = Field(default=20, ge=0,
                           description="Fewer scored calls in the period: provisional tier.")
    max_missing_share: float = Field(
        default=0.4, ge=0, le=1, description="More indicator weight missing: provisional tier.")
    structures: list[Structure]
    tiers: Tiers
    promotion: Promotion = Field(default_factory=Promotion)
    ratings: RatingOptions = Field(default_factory=RatingOptions)
    warnings: WarningOptions = Field(default_factory=WarningOptions)
    coaching: Coaching = Field(default_factory=Coaching)
    sampling: Sampling = Field(default_factory=Sampling)

    @model_validator(mode="after")
    def _consistent(self) -> PerformancePlan:
        ids = [s.id for s in self.structures]
        if not ids:
            raise ValueError("structures: at least one structure is needed")
        if len(set(ids)) != len(ids):
            raise ValueError("structures: duplicate structure ids")
        low, high = self.weight_bounds.min, self.weight_bounds.max
        for structure in self.structures:
            total = sum(i.weight for i in structure.indicators)
            if abs(total - self.total_weight) > 1e-6:
                raise ValueError(f"structure '{structure.id}': indicator weights sum to "
                                 f"{total:g}, but total_weight is {self.total_weight:g}")
            for ind in structure.indicators:
                share = 100 * ind.weight / self.total_weight
                if not low - 1e-9 <= share <= high + 1e-9:
                    raise ValueError(f"structure '{structure.id}', indicator '{ind.id}': weight "
                                     f"is {share:g} % of the total, outside weight_bounds "
                                     f"{low:g}–{high:g} %")
                if ind.kind == "kpi" and ind.name not in self.kpis:
                    raise UnknownNameError("KPI", ind.name, self.kpis,
                                           where=f"indicator '{ind.id}'")
        if sum(1 for s in self.structures if not s.roles and not s.queues) > 1:
            raise ValueError("structures: at most one structure may have neither roles nor queues")
        charted = {i.id: i for s in self.structures for i in s.indicators}
        for ind_id in self.warnings.indicators:
            if ind_id not in charted:
                raise UnknownNameError("indicator", ind_id, charted, where="warnings.indicators")
            if charted[ind_id].kind == "rating":
                raise ValueError(f"warnings.indicators: '{ind_id}' reads ratings, which have no "
                                 "daily values to chart")
        for rule in self.coaching.rules:
            if rule.source and rule.source.startswith("kpi:") and rule.source[4:] not in self.kpis:
                raise UnknownNameError("KPI", rule.source[4:], self.kpis,
                                       where=f"coaching rule '{rule.id}'")
        return self

    def indicator(self, indicator_id: str) -> Indicator:
        """The first indicator with this id (structures may share ids)."""
        for structure in self.structures:
            for ind in structure.indicators:
                if ind.id == indicator_id:
                    return ind
        raise UnknownNameError("indicator", indicator_id,
                               [i.id for s in self.structures for i in s.indicators])

    def structure_for(self, role: str | None, queue: str | None) -> Structure | None:
        """The structure an agent with this roster role and main queue is measured by."""
        for structure in self.structures:
            if role is not None and role in structure.roles:
                return structure
        for structure in self.structures:
            if queue is not None and queue in structure.queues:
                return structure
        return next((s for s in self.structures if not s.roles and not s.queues), None)


def load_plan(path: str | Path | None = None) -> PerformancePlan:
    """Load and validate a plan TOML (default: the bundled ``models/performance.toml``)."""
    path = Path(path) if path is not None else models_dir() / "performance.toml"
    return parse_plan(read_toml(path, "performance plan"), source=str(path))


def parse_plan(data: Mapping[str, Any], *, source: str = "performance plan") -> PerformancePlan:
    """Validate a plan given as a mapping (parsed TOML or a JSON body)."""
    return validate_document(PerformancePlan, data, source)
