"""Figures people read about many inspections: histograms, section means, rule hit rates,
tied ranks. Shared by the audit report (``report_html``), the terminal tables and the
service's pages, so that none of them computes a figure of its own.

Every function takes inspections as plain JSON rows (``Inspection.model_dump(mode="json")``
or a ``calls.jsonl`` line), so a report can stream them and a page can pass stored JSON.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

RISK_ANALYZER, RISK_KEY = "complaint_risk", "risk"


def complaint_probability(row: Mapping[str, Any]) -> float | None:
    """The complaint-risk probability in an inspection row, if the model ran."""
    risk = (row.get("findings") or {}).get(RISK_ANALYZER, {}).get("items", {}).get(RISK_KEY, {})
    return risk.get("probability")


def histogram(values: Iterable[float | None], *, low: float, high: float,
              bins: int) -> list[dict[str, float]]:
    """Counts of ``values`` in ``bins`` equal bins over [low, high] (the last bin is closed;
    ``None`` is skipped): ``[{"low", "high", "count"}, …]``."""
    width = (high - low) / bins
    counts = [0] * bins
    for v in values:
        if v is None:
            continue
        # The epsilon keeps a value on a bin edge (0.7 / 0.1 = 6.999…) in the bin it opens.
        i = min(bins - 1, max(0, int((v - low) / width + 1e-9)))
        counts[i] += 1
    return [{"low": low + i * width, "high": low + (i + 1) * width, "count": c}
            for i, c in enumerate(counts)]


@dataclass
class RuleRate:
    """How often one rule (a keyword finding) matched and passed over a set of calls."""

    rule: str
    title: str
    calls: int = 0
    applicable: int = 0
    hits: int = 0
    passed: int = 0
    needs_review: int = 0

    @property
    def hit_rate(self) -> float | None:
        """Share of applicable calls where the rule's phrase matched."""
        return self.hits / self.applicable if self.applicable else None

    @property
    def pass_rate(self) -> float | None:
        """Share of applicable calls where the finding counts as compliant (value ≥ 0.5)."""
        return self.passed / self.applicable if self.applicable else None


@dataclass
class Overview:
    """Running totals over inspection rows: feed rows with ``add``; read the figures."""

    titles: Mapping[str, str] = field(default_factory=dict)
    calls: int = 0
    scores: list[float] = field(default_factory=list)
    risks: list[float] = field(default_factory=list)
    red_lines: int = 0
    needs_review: int = 0
    _sections: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    _rules: dict[str, RuleRate] = field(default_factory=dict)

    def add(self, row: Mapping[str, Any]) -> None:
        self.calls += 1
        if row.get("score") is not None:
            self.scores.append(row["score"])
        if (p := complaint_probability(row)) is not None:
            self.risks.append(p)
        self.red_lines += bool(row.get("red_line_failed"))
        self.needs_review += bool(row.get("needs_review"))
        for section, value in (row.get("sections") or {}).items():
            if value is not None:
                self._sections[section].append(value)
        for rule, finding in ((row.get("findings") or {}).get("keywords", {})
                              .get("items", {}).items()):
            rate = self._rules.get(rule)
            if rate is None:
                rate = self._rules[rule] = RuleRate(rule, self.titles.get(rule, rule))
            rate.calls += 1
            if finding.get("needs_review"):
                rate.needs_review += 1
            value = finding.get("value")
            if value is None:
                continue
            rate.applicable += 1
            rate.passed += value >= 0.5
            rate.hits += (finding.get("detail") or {}).get("matched_phrase") is not None

    def section_means(self) -> dict[str, float]:
        return {s: sum(v) / len(v) for s, v in self._sections.items() if v}

    def rules(self) -> list[RuleRate]:
        return sorted(self._rules.values(), key=lambda r: r.rule)

    def score_histogram(self, bins: int = 10) -> list[dict[str, float]]:
        return histogram(self.scores, low=0, high=100, bins=bins)

    def risk_histogram(self, bins: int = 10) -> list[dict[str, float]]:
        return histogram(self.risks, low=0, high=1, bins=bins)


def tied_ranks(intervals: Sequence[tuple[float, float]]) -> list[int]:
    """Rank = 1 + the number of others whose interval lies wholly above this one's.

    Agents whose credible intervals overlap cannot be told apart, so they share a rank;
    ``intervals`` are ``(low, high)`` pairs in any order.
    """
    return [1 + sum(1 for lo, _ in intervals if lo > high) for _, high in intervals]


def rank_label(rank: int, ranks: Sequence[int]) -> str:
    """``"3"`` or ``"=3"`` when others share the rank."""
    return f"={rank}" if sum(1 for r in ranks if r == rank) > 1 else str(rank)
