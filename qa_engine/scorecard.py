"""The weighting module: a declarative scorecard turns findings and KPIs into a call score.

A scorecard (TOML, validated at load) has sections of items. Each item reads either an
analyzer finding (``finding = "keywords.greeting"``) or a KPI (``kpi = "aht_seconds"``)
mapped onto 0–100 by a ``target`` or a ``band``. The call score is the weighted mean of
the applicable items: N/A items leave the denominator and are reported as N/A. A red-line
item (一票否决) that fails sets the score to ``red_line_score`` and says why. Scenario
overrides change weights for calls whose attributes match.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from qa_engine.conversation import Conversation
from qa_engine.errors import UnknownNameError
from qa_engine.findings import Evidence, Findings
from qa_engine.models import models_dir
from qa_engine.tomlfile import read_toml, validate_document



class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Target(_Strict):
    """Linear map: ``zero`` scores 0, ``good`` scores 100; either may be the larger."""

    good: float
    zero: float

    @model_validator(mode="after")
    def _distinct(self) -> Target:
        if self.good == self.zero:
            raise ValueError("target.good and target.zero must differ")
        return self

    def points(self, raw: float) -> float:
        share = (raw - self.zero) / (self.good - self.zero)
        return 100.0 * min(1.0, max(0.0, share))


class Band(_Strict):
    """100 inside [low, high], falling linearly to 0 at ``zero_low`` and ``zero_high``."""

    low: float
    high: float
    zero_low: float
    zero_high: float

    @model_validator(mode="after")
    def _ordered(self) -> Band:
        if not self.zero_low < self.low <= self.high < self.zero_high:
            raise ValueError("band needs zero_low < low <= high < zero_high")
        return self

    def points(self, raw: float) -> float:
        if raw < self.low:
            return 100.0 * max(0.0, (raw - self.zero_low) / (self.low - self.zero_low))
        if raw > self.high:
            return 100.0 * max(0.0, (self.zero_high - raw) / (self.zero_high - self.high))
        return 100.0


class Item(_Strict):
    """One scored line of the scorecard."""

    id: str
    title: str = ""
    weight: float = Field(ge=0, description="Points this item is worth before normalisation.")
    finding: str | None = Field(default=None, description="'analyzer.key' of the finding read.")
    kpi: str | None = Field(default=None, description="KPI name read from the call's kpis.")
    target: Target | None = None
    band: Band | None = None
    red_line: bool = Field(default=False, description="Failing this item fails the call (一票否决).")
    red_line_below: float = Field(
        default=0.5, ge=0, le=1, description="A red-line item fails when its value is below this.")

    @model_validator(mode="after")
    def _one_source(self) -> Item:
        if (self.finding is None) == (self.kpi is None):
            raise ValueError(f"item '{self.id}' must set exactly one of 'finding' or 'kpi'")
        if self.kpi is not None and (self.target is None) == (self.band is None):
            raise ValueError(f"KPI item '{self.id}' must set exactly one of 'target' or 'band'")
        if self.finding is not None and (self.target or self.band):
            raise ValueError(f"finding item '{self.id}' takes no 'target' or 'band'")
        if self.finding is not None and self.finding.count(".") != 1:
            raise ValueError(f"item '{self.id}': finding must look like 'analyzer.key', "
                             f"got '{self.finding}'")
        return self


class Section(_Strict):
    id: str
    title: str = ""
    weight: float | None = Field(default=None, description="If set, the items' weights must sum to it.")
    items: list[Item]

    @model_validator(mode="after")
    def _items_sum(self) -> Section:
        total = sum(i.weight for i in self.items)
        if self.weight is not None and abs(total - self.weight) > 1e-6:
            raise ValueError(f"section '{self.id}' declares weight {self.weight:g} but its items "
                             f"sum to {total:g}")
        return self


class Scenario(_Strict):
    """Weight overrides for calls whose fields match ``when``.

    ``when`` keys are ``queue``, ``channel``, ``agent_id`` or ``attributes.NAME``; all must
    match (a list value matches any of its members).
    """

    id: str
    title: str = ""
    when: dict[str, Any]
    weights: dict[str, float]

    def applies_to(self, conversation: Conversation) -> bool:
        for key, expected in self.when.items():
            if key.startswith("attributes."):
                actual = conversation.attributes.get(key.removeprefix("attributes."))
            else:
                actual = getattr(conversation, key)
            allowed = expected if isinstance(expected, list) else [expected]
            if actual not in allowed:
                return False
        return True


class AgentRollupOptions(_Strict):
    interval: float = Field(default=0.90, gt=0, lt=1, description="Credible interval mass.")


class Scorecard(_Strict):
    """A validated scorecard. Build it with ``load_scorecard``."""

    name: str
    version: str
    description: str = ""
    total_weight: float = Field(gt=0, description="The items' base weights must sum to this.")
    red_line_score: float = Field(default=0, ge=0, le=100)
    min_coverage: float = Field(
        default=0.5, ge=0, le=1,
        description="Below this share of evidence (see ScoreResult.coverage) the call gets no score "
                    "and goes to review: a sliver of the weight must not give a full mark.")
    analyzers: dict[str, str] = Field(description="Analyzer name -> registered component, "
                                                  "e.g. keywords = 'keywords.v1'.")
    sections: list[Section]
    scenarios: list[Scenario] = Field(default_factory=list)
    agent_rollup: AgentRollupOptions = Field(default_factory=AgentRollupOptions)

    @model_validator(mode="after")
    def _consistent(self) -> Scorecard:
        ids = [i.id for i in self.items()]
        if duplicates := sorted({i for i in ids if ids.count(i) > 1}):
            raise ValueError(f"duplicate item ids: {', '.join(duplicates)}")
        total = sum(i.weight for i in self.items())
        if abs(total - self.total_weight) > 1e-6:
            raise ValueError(f"item weights sum to {total:g}, but total_weight is "
                             f"{self.total_weight:g}")
        for scenario in self.scenarios:
            for item_id in scenario.weights:
                if item_id not in ids:
                    raise UnknownNameError("item", item_id, ids, where=f"scenario '{scenario.id}'")
            for key in scenario.when:
                if key not in ("queue", "channel", "agent_id") and not key.startswith("attributes."):
                    raise UnknownNameError("scenario condition", key,
                                           ["queue", "channel", "agent_id", "attributes.NAME"],
                                           where=f"scenario '{scenario.id}'")
        for item in self.items():
            if item.finding and item.finding.split(".")[0] not in self.analyzers:
                raise UnknownNameError("analyzer", item.finding.split(".")[0], self.analyzers,
                                       where=f"item '{item.id}'")
        return self

    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    def findings_read(self) -> dict[str, frozenset[str]]:
        """Finding keys the items read, per analyzer name."""
        read: dict[str, set[str]] = {}
        for item in self.items():
            if item.finding is not None:
                analyzer, key = item.finding.split(".")
                read.setdefault(analyzer, set()).add(key)
        return {name: frozenset(keys) for name, keys in read.items()}

    def check_findings(self, produces: Mapping[str, frozenset[str]]) -> None:
        """Fail if an item reads a finding that its analyzer does not produce."""
        for item in self.items():
            if item.finding is None:
                continue
            analyzer, key = item.finding.split(".")
            if key not in produces.get(analyzer, frozenset()):
                valid = sorted(f"{a}.{k}" for a, keys in produces.items() for k in keys)
                raise UnknownNameError("finding", item.finding, valid, where=f"item '{item.id}'")

    def score(self, conversation: Conversation, findings: Mapping[str, Findings],
              kpis: Mapping[str, float] | None = None) -> ScoreResult:
        """Score one conversation from its findings and KPIs (``kpis`` overrides the call's own)."""
        return ScoreResult.model_validate(self.score_data(conversation, findings, kpis))

    def score_data(self, conversation: Conversation, findings: Mapping[str, Findings],
                   kpis: Mapping[str, float] | None = None) -> dict[str, Any]:
        """``score`` as the plain data of a ``ScoreResult`` (items as dicts), not yet validated.

        Items are scored as plain data and validated as one tree by the caller: a single
        pydantic call is much cheaper than building every ItemResult on its own, and the
        Inspector validates them straight into its ``Inspection``.
        """
        kpi_values = {**conversation.kpis, **(kpis or {})}
        scenarios = [s for s in self.scenarios if s.applies_to(conversation)]
        weights = {item.id: item.weight for item in self.items()}
        for scenario in scenarios:
            weights.update(scenario.weights)
        results = [_score_item(line, weights[line.item.id], findings, kpi_values)
                   for line in _lines(self)]
        applicable = [r for r in results if r["value"] is not None and r["weight"] > 0]
        denominator = sum(r["weight"] for r in applicable)
        raw = (100.0 * sum(r["weight"] * r["value"] for r in applicable) / denominator
               if denominator else None)
        # Evidence lost: items N/A because the input could not support them (quality gate,
        # doubtful ASR), not because they did not apply (no complaint, no KPI given).
        lost = sum(r["weight"] for r in results if r["value"] is None and r["weight"] > 0
                   and (r.get("needs_review") or (r.get("na_reason") or "").startswith("quality gate")))
        coverage = round(denominator / (denominator + lost), 4) if denominator + lost else None
        review_reasons = dict(conversation.attributes.get("needs_review") or {})
        if raw is not None and coverage is not None and coverage < self.min_coverage:
            review_reasons["coverage"] = (f"only {coverage:.0%} of the weight that should apply could be scored "
                                          f"(minimum {self.min_coverage:.0%}); score withheld")
            raw = None
        failed = [r for r in results if r.get("red_line_failed")]
        reasons = []
        for r in failed:
            evidence = r.get("evidence")
            cited = (f" — \"{evidence[0].text}\" (utterance {evidence[0].utterance})"
                     if evidence and evidence[0].text else "")
            reasons.append(f"{r['id']}: {r['title'] or r['source']} failed{cited}")
        return {
            "score": self.red_line_score if failed else raw, "score_before_red_line": raw,
            "red_line_failed": bool(failed), "red_line_reasons": reasons,
            "scenarios": [s.id for s in scenarios], "items": results, "coverage": coverage,
            "review_reasons": review_reasons,
            "needs_review": [r["id"] for r in results if r.get("needs_review")] + list(review_reasons)}


class ItemResult(BaseModel):
    """How one scorecard item was scored, with everything needed to trace it."""

    id: str
    section: str
    title: str = ""
    source: str = Field(description="'finding:analyzer.key' or 'kpi:name'.")
    weight: float = Field(description="Weight applied (after scenario overrides).")
    value: float | None = Field(description="[0, 1]; None = N/A (leaves the denominator).")
    na_reason: str | None = None
    kpi_value: float | None = Field(default=None, description="Raw KPI value for KPI items.")
    red_line: bool = False
    red_line_failed: bool = False
    needs_review: bool = False
    review_reason: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class ScoreResult(BaseModel):
    score: float | None
    score_before_red_line: float | None
    red_line_failed: bool
    red_line_reasons: list[str]
    scenarios: list[str]
    items: list[ItemResult]
    needs_review: list[str]
    coverage: float | None = None
    review_reasons: dict[str, str] = Field(default_factory=dict)


class _Line:
    """An item with what every call needs from it worked out once."""

    __slots__ = ("item", "common", "analyzer", "key", "kpi", "red_line", "red_line_below")

    def __init__(self, item: Item, section: Section) -> None:
        self.item = item
        self.kpi, self.red_line, self.red_line_below = item.kpi, item.red_line, item.red_line_below
        source = f"kpi:{item.kpi}" if item.kpi is not None else f"finding:{item.finding}"
        self.common = dict(id=item.id, section=section.id, title=item.title, red_line=item.red_line,
                           source=source)
        self.analyzer, self.key = item.finding.split(".") if item.finding is not None else ("", "")


# Scorecards are immutable, so their lines can be cached; one entry covers the usual case
# of one scorecard scoring many calls without holding on to scorecards no longer used.
_LINES: tuple[Scorecard, list[_Line]] | None = None


def _lines(card: Scorecard) -> list[_Line]:
    global _LINES
    cached = _LINES  # read once: another thread may replace it (then both entries are valid)
    if cached is not None and cached[0] is card:
        return cached[1]
    lines = [_Line(item, section) for section in card.sections for item in section.items]
    _LINES = (card, lines)
    return lines


def _score_item(line: _Line, weight: float,
                findings: Mapping[str, Findings], kpis: Mapping[str, float]) -> dict[str, Any]:
    """The data of the item's ``ItemResult``."""
    item = line.item
    if line.kpi is not None:
        raw = kpis.get(line.kpi)
        if raw is None:
            return {**line.common, "weight": weight, "value": None,
                    "na_reason": f"KPI '{line.kpi}' not provided"}
        scale = item.target or item.band
        value = scale.points(float(raw)) / 100.0
        return {**line.common, "weight": weight, "value": value, "kpi_value": float(raw),
                "red_line_failed": line.red_line and value < line.red_line_below}
    analyzer, key = line.analyzer, line.key
    found = findings.get(analyzer)
    finding = found.items.get(key) if found is not None else None
    if finding is None:
        return {**line.common, "weight": weight, "value": None,
                "na_reason": f"analyzer '{analyzer}' produced no finding '{key}'"}
    value = finding.value
    if value is not None and finding.needs_review:
        # Doubtful input (e.g. low ASR confidence) must not cost the agent points unseen:
        # the item leaves the denominator and is queued for a person to decide.
        return {**line.common, "weight": weight, "value": None,
                "na_reason": f"needs review: {finding.review_reason or 'doubtful input'}",
                "needs_review": True, "review_reason": finding.review_reason,
                "evidence": finding.evidence}
    return {**line.common, "weight": weight, "value": value, "na_reason": finding.na_reason,
            "evidence": finding.evidence,
            "red_line_failed": line.red_line and value is not None and value < line.red_line_below}


def load_scorecard(path: str | Path | None = None) -> Scorecard:
    """Load and validate a scorecard TOML (default: the bundled ``models/scorecard.toml``).

    Errors name the file, the bad key and the valid choices.
    """
    path = Path(path) if path is not None else models_dir() / "scorecard.toml"
    return parse_scorecard(read_toml(path, "scorecard"), source=str(path))


def parse_scorecard(data: Mapping[str, Any], *, source: str = "scorecard") -> Scorecard:
    """Validate a scorecard given as a mapping (e.g. parsed TOML or a JSON body)."""
    return validate_document(Scorecard, data, source)


