"""``Inspector``: conversation (or file) → analyzers → scorecard → ``Inspection``, one call."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from qa_engine import analyzers as registry
from qa_engine.conversation import Conversation
from qa_engine.findings import Analyzer, Finding, Findings
from qa_engine.scorecard import ItemResult, Scorecard, load_scorecard

__all__ = ["Inspection", "Inspector"]


class Inspection(BaseModel):
    """The scored result for one conversation, traceable down to utterances and weights.

    This is the output contract of ``qa inspect --json``, each ``calls.jsonl`` row and the
    HTTP API (``qa schema inspection`` prints its JSON Schema).
    """

    conversation_id: str
    agent_id: str | None = None
    queue: str | None = None
    started_at: datetime | None = None
    channel: str = "phone"
    source: str | None = None
    score: float | None = Field(description="0–100; None when every item is N/A.")
    score_before_red_line: float | None = Field(
        default=None, description="The weighted score had no red line failed.")
    red_line_failed: bool = False
    red_line_reasons: list[str] = Field(default_factory=list)
    scenarios: list[str] = Field(default_factory=list, description="Scenario overrides applied.")
    sections: dict[str, float | None] = Field(
        default_factory=dict, description="Section score 0–100 (None when all its items are N/A).")
    items: list[ItemResult] = Field(default_factory=list)
    needs_review: list[str] = Field(
        default_factory=list, description="Items left unscored because their input is doubtful, plus "
                                          "call-level reasons (see review_reasons).")
    coverage: float | None = Field(
        default=None, description="Scored weight / (scored weight + weight lost to the quality gate or "
                                  "doubtful input); below the scorecard's min_coverage the score is None.")
    review_reasons: dict[str, str] = Field(
        default_factory=dict, description="Call-level review reasons, e.g. coverage, a truncated recording.")
    kpis: dict[str, float] = Field(default_factory=dict, description="KPI values used.")
    findings: dict[str, Findings] = Field(default_factory=dict, description="Keyed by analyzer name.")
    duration_seconds: float = 0.0
    utterance_count: int = 0
    versions: dict[str, str] = Field(default_factory=dict)
    inspected_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))


class Inspector:
    """Runs the analyzers a scorecard names and scores their findings.

    Build once (loading models and compiling the rulebook is the expensive part) and call
    ``inspect`` per conversation, or ``inspect_many`` for batched model inference.

    Args:
        scorecard: a ``Scorecard``, a path to one, or None for the bundled default.
        rulebook: a rulebook object or path for the keyword analyzer; None = bundled default.
        analyzers: ready analyzers by name, replacing those the scorecard would create
            (useful in tests and for custom components).
        analyzer_options: extra constructor options per analyzer name.
    """

    def __init__(self, scorecard: Scorecard | str | Path | None = None, *,
                 rulebook: Any = None,
                 analyzers: Mapping[str, Analyzer] | None = None,
                 analyzer_options: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        self.scorecard = scorecard if isinstance(scorecard, Scorecard) else load_scorecard(scorecard)
        given = dict(analyzers or {})
        options = {name: dict(opts) for name, opts in (analyzer_options or {}).items()}
        if rulebook is not None:
            options.setdefault("keywords", {})["rulebook"] = _as_rulebook(rulebook)
            # One hold lexicon for both (qa_engine.holds): acoustics reads the same rulebook.
            options.setdefault("acoustics", {}).setdefault("rulebook", options["keywords"]["rulebook"])
        read = self.scorecard.findings_read()
        self.analyzers: dict[str, Analyzer] = {
            name: given.pop(name, None) or registry.create(
                component, expected=read.get(name, frozenset()), **options.get(name, {}))
            for name, component in self.scorecard.analyzers.items()}
        self.analyzers.update(given)
        self.scorecard.check_findings({n: a.produces for n, a in self.analyzers.items()})

    @property
    def versions(self) -> dict[str, str]:
        """Versions of the package, scorecard, rulebook and every analyzer used."""
        from qa_engine import __version__

        versions = {"qa_engine": __version__,
                    "scorecard": f"{self.scorecard.name}@{self.scorecard.version}"}
        if "keywords" in self.analyzers:
            versions["rulebook"] = self.analyzers["keywords"].version
        for name, analyzer in self.analyzers.items():
            component = self.scorecard.analyzers.get(name, name)
            versions[f"analyzer.{name}"] = f"{component}@{analyzer.version}"
        return versions

    def inspect(self, conversation: Conversation | str | Path, *,
                kpis: Mapping[str, float] | None = None) -> Inspection:
        """Inspect one conversation, or the file (transcript or recording) at a path."""
        if not isinstance(conversation, Conversation):
            from qa_engine.importers import load_conversation

            conversation = load_conversation(conversation)
        return self.inspect_many([conversation], kpis_by_id={conversation.id: kpis or {}})[0]

    def inspect_many(self, conversations: Sequence[Conversation], *,
                     kpis_by_id: Mapping[str, Mapping[str, float]] | None = None) -> list[Inspection]:
        """Inspect a batch; analyzers with ``analyze_batch`` see the whole batch at once."""
        per_analyzer = {name: self._run(analyzer, conversations)
                        for name, analyzer in self.analyzers.items()}
        kpis_by_id = kpis_by_id or {}
        return [
            self.score(conv, {name: results[i] for name, results in per_analyzer.items()},
                       kpis=kpis_by_id.get(conv.id))
            for i, conv in enumerate(conversations)]

    def analyze(self, conversation: Conversation) -> dict[str, Findings]:
        """Run every analyzer on one conversation (quality gate applied)."""
        return {name: self._run(a, [conversation])[0] for name, a in self.analyzers.items()}

    def score(self, conversation: Conversation, findings: Mapping[str, Findings], *,
              kpis: Mapping[str, float] | None = None) -> Inspection:
        """Score given findings, e.g. after a reviewer corrected one or new KPIs arrived."""
        gated = _apply_quality_gate(conversation, findings)
        # The score as plain data, validated once into the Inspection below (one pydantic
        # call instead of a ScoreResult and its ItemResults first).
        result = self.scorecard.score_data(conversation, gated, kpis)
        kpi_values = {**conversation.kpis, **(kpis or {})}
        versions = self.versions
        if asr := conversation.attributes.get("asr"):
            versions["asr"] = str(asr.get("model", asr)) if isinstance(asr, dict) else str(asr)
        return Inspection.model_validate({
            **result, "sections": _section_scores(result["items"]),
            "conversation_id": conversation.id, "agent_id": conversation.agent_id,
            "queue": conversation.queue, "started_at": conversation.started_at,
            "channel": conversation.channel, "source": conversation.source,
            "kpis": kpi_values, "findings": dict(gated), "duration_seconds": conversation.duration,
            "utterance_count": len(conversation.utterances), "versions": versions})

    @staticmethod
    def _run(analyzer: Analyzer, conversations: Sequence[Conversation]) -> list[Findings]:
        batch = getattr(analyzer, "analyze_batch", None)
        if batch is not None:
            return list(batch(list(conversations)))
        return [analyzer.analyze(c) for c in conversations]


def _apply_quality_gate(conversation: Conversation,
                        findings: Mapping[str, Findings]) -> dict[str, Findings]:
    """Turn every finding of a gated analyzer N/A (agent protection), keeping the reason.

    Upstream stages (ASR) put ``{"analyzer name": "reason"}`` in
    ``conversation.attributes["quality_gate"]`` when the input cannot support that
    analyzer's judgement (a near-silent agent channel, no time stamps, …).
    """
    gate = conversation.attributes.get("quality_gate") or {}
    out = dict(findings)
    for name, reason in gate.items():
        if name in out:
            original = out[name]
            out[name] = original.model_copy(update={
                "items": {key: Finding.not_applicable(f"quality gate: {reason}")
                          for key in original.items},
                "detail": {**original.detail, "quality_gate": reason}})
    return out


def _section_scores(items: list[dict[str, Any]]) -> dict[str, float | None]:
    """Section scores from the items' data (the fields of ``ItemResult``)."""
    weights: dict[str, float] = defaultdict(float)
    earned: dict[str, float] = defaultdict(float)
    sections: list[str] = []
    for item in items:
        section, value, weight = item["section"], item["value"], item["weight"]
        if section not in sections:
            sections.append(section)
        if value is not None and weight > 0:
            weights[section] += weight
            earned[section] += weight * value
    return {s: (100.0 * earned[s] / weights[s] if weights[s] else None) for s in sections}


def _as_rulebook(rulebook: Any) -> Any:
    if isinstance(rulebook, (str, Path)):
        from qa_engine.rulebook import load_rulebook

        return load_rulebook(rulebook)
    return rulebook
