"""Registry of analyzers by versioned name (``"keywords.v1"``).

A scorecard names the analyzers it needs; changing an analyzer's semantics means a new
``.vN`` so that last quarter's audit can still be recomputed. Entries are
``module:Class`` strings imported on first use, so ``import qa_engine`` stays light and
heavy dependencies (torch, faster-whisper) load only when their analyzer is created.
"""

from __future__ import annotations

import importlib
from typing import Any

from qa_engine.conversation import Conversation
from qa_engine.errors import ModelNotInstalledError, UnknownNameError
from qa_engine.findings import Analyzer, Finding, Findings

REGISTRY: dict[str, str] = {
    "keywords.v1": "qa_engine.analyzers.keywords:KeywordAnalyzer",
    "sentiment.v1": "qa_engine.analyzers.sentiment:SentimentAnalyzer",
    "complaint_risk.v1": "qa_engine.analyzers.complaint:ComplaintRiskAnalyzer",
    "acoustics.v1": "qa_engine.analyzers.acoustics:AcousticsAnalyzer",
    "escalation.v1": "qa_engine.analyzers.escalation:EscalationAnalyzer",
}


def registered() -> list[str]:
    """All registered analyzer names with their versions."""
    return sorted(REGISTRY)


def analyzer_class(name: str) -> type:
    """Import and return the class registered as ``name`` (e.g. ``"sentiment.v1"``)."""
    if name not in REGISTRY:
        raise UnknownNameError("analyzer", name, REGISTRY)
    module_name, _, attr = REGISTRY[name].partition(":")
    return getattr(importlib.import_module(module_name), attr)


def create(name: str, *, expected: frozenset[str] = frozenset(), **options: Any) -> Analyzer:
    """Build the analyzer registered as ``name`` with constructor ``options``.

    A model-based analyzer whose weights or dependencies are missing becomes an
    ``UnavailableAnalyzer`` that reports its findings (its ``FINDINGS``, else the
    ``expected`` keys a scorecard reads) as N/A with the reason, so the scorecard never
    scores a made-up number.
    """
    base = name.rsplit(".", 1)[0]
    try:
        cls = analyzer_class(name)
    except ImportError as exc:
        return UnavailableAnalyzer(base, expected, f"model not installed: {exc}")
    try:
        return cls(**options)
    except (ModelNotInstalledError, ImportError) as exc:
        keys = frozenset(getattr(cls, "FINDINGS", ())) or expected
        return UnavailableAnalyzer(base, keys, f"model not installed: {exc}")


class UnavailableAnalyzer:
    """Stands in for an analyzer that cannot run here; every finding is N/A."""

    version = "unavailable"

    def __init__(self, name: str, produces: frozenset[str], reason: str) -> None:
        self.name, self._produces, self.reason = name, produces, reason

    @property
    def produces(self) -> frozenset[str]:
        return self._produces

    def analyze(self, conversation: Conversation) -> Findings:
        return Findings(
            analyzer=self.name, version=self.version,
            items={key: Finding.not_applicable(self.reason) for key in self._produces},
            detail={"unavailable": self.reason})
