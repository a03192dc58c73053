"""Inspector: analyzers → scorecard → Inspection, quality gate, N/A for missing models."""

from __future__ import annotations

import json

from qa_engine import analyzers as registry
from qa_engine.pipeline import Inspection, Inspector
from qa_engine.scorecard import parse_scorecard
from tests.conftest import FixedAnalyzer, make_conversation

CARD = parse_scorecard({
    "name": "t", "version": "3", "total_weight": 10,
    "analyzers": {"kw": "keywords.v1", "mood": "sentiment.v1"},
    "sections": [{"id": "s", "items": [
        {"id": "greet", "finding": "kw.greeting", "weight": 5},
        {"id": "mood", "finding": "mood.customer_end", "weight": 5}]}]})


def inspector(**values):
    return Inspector(CARD, analyzers={
        "kw": FixedAnalyzer("kw", {"greeting": values.get("greeting", 1.0)}),
        "mood": FixedAnalyzer("mood", {"customer_end": values.get("mood", 0.5)})})


def test_pipeline_inspection_carries_items_findings_and_versions(conversation):
    result = inspector().inspect(conversation)
    assert result.score == 75.0
    assert result.conversation_id == conversation.id and result.agent_id == "A1"
    assert set(result.findings) == {"kw", "mood"}
    assert result.versions["scorecard"] == "t@3"
    assert result.versions["analyzer.kw"] == "keywords.v1@fixed-1"
    assert result.sections == {"s": 75.0}
    assert Inspection.model_validate(json.loads(result.model_dump_json())).score == 75.0


def test_pipeline_quality_gate_turns_gated_analyzer_na(conversation):
    gated = conversation.model_copy(update={"attributes": {"quality_gate": {"kw": "agent channel near-silent"}}})
    result = inspector(greeting=0.0).inspect(gated)
    greet = next(i for i in result.items if i.id == "greet")
    assert greet.value is None and "agent channel near-silent" in greet.na_reason
    assert result.score == 50.0


def test_pipeline_missing_model_reports_na_not_a_number(conversation):
    unavailable = registry.UnavailableAnalyzer("mood", frozenset({"customer_end"}), "model not installed: x")
    result = Inspector(CARD, analyzers={"kw": FixedAnalyzer("kw", {"greeting": 1.0}),
                                        "mood": unavailable}).inspect(conversation)
    mood = next(i for i in result.items if i.id == "mood")
    assert mood.value is None and mood.na_reason.startswith("model not installed")
    assert result.score == 100.0


def test_pipeline_registry_turns_import_failure_into_unavailable(monkeypatch):
    monkeypatch.setitem(registry.REGISTRY, "ghost.v1", "qa_engine.analyzers.no_such_module:Ghost")
    analyzer = registry.create("ghost.v1", expected=frozenset({"x"}))
    findings = analyzer.analyze(make_conversation(("agent", "hi")))
    assert findings.items["x"].value is None and "model not installed" in findings.items["x"].na_reason


def test_pipeline_inspect_many_matches_inspect(conversation):
    other = make_conversation(("agent", "喂"), id="c2")
    insp = inspector()
    many = insp.inspect_many([conversation, other], kpis_by_id={"c2": {"csat": 5}})
    assert [m.conversation_id for m in many] == [conversation.id, "c2"]
    assert many[1].kpis == {"csat": 5}
    assert many[0].score == insp.inspect(conversation).score


def test_pipeline_rescore_after_review_correction(conversation):
    insp = inspector(greeting=0.0)
    findings = insp.analyze(conversation)
    assert insp.score(conversation, findings).score == 25.0
    findings["kw"].items["greeting"].value = 1.0  # a reviewer marked the miss as wrong
    assert insp.score(conversation, findings).score == 75.0


def test_pipeline_inspects_a_file(tmp_path, conversation):
    path = tmp_path / "c.json"
    path.write_text(conversation.model_dump_json(), encoding="utf-8")
    assert inspector().inspect(path).source == str(path)
