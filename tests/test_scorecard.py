"""The weighting module: weights, N/A, red lines, scenarios, KPI bands and validation."""

from __future__ import annotations

import pytest

from qa_engine.errors import ConfigError, UnknownNameError
from qa_engine.findings import Evidence, Finding, Findings
from qa_engine.scorecard import Band, Target, load_scorecard, parse_scorecard
from tests.conftest import make_conversation


def card(**overrides):
    data = {
        "name": "t", "version": "1", "total_weight": 10,
        "analyzers": {"kw": "keywords.v1"},
        "sections": [
            {"id": "s1", "items": [
                {"id": "a", "finding": "kw.a", "weight": 6},
                {"id": "b", "finding": "kw.b", "weight": 2},
                {"id": "aht", "kpi": "aht_seconds", "weight": 2,
                 "band": {"low": 200, "high": 300, "zero_low": 100, "zero_high": 500}}]},
            {"id": "s2", "items": [
                {"id": "bad_words", "finding": "kw.bad", "weight": 0, "red_line": True}]}],
    }
    data.update(overrides)
    return parse_scorecard(data)


def findings(a=1.0, b=1.0, bad=1.0, **extra):
    items = {"a": Finding(value=a) if a is not None else Finding.not_applicable("no agent"),
             "b": Finding(value=b), "bad": Finding(value=bad, evidence=[
                 Evidence(utterance=3, span=(0, 3), text="他妈的")] if bad == 0 else [])}
    items.update(extra)
    return {"kw": Findings(analyzer="kw", items=items)}


def test_scorecard_weighted_mean_of_applicable_items():
    result = card().score(make_conversation(("agent", "hi")), findings(a=1.0, b=0.0),
                          kpis={"aht_seconds": 250})
    assert result.score == pytest.approx(100 * (6 + 0 + 2) / 10)


def test_scorecard_na_item_leaves_denominator_and_is_reported():
    result = card().score(make_conversation(("agent", "hi")), findings(a=None, b=1.0))
    by_id = {i.id: i for i in result.items}
    assert by_id["a"].value is None and by_id["a"].na_reason == "no agent"
    assert by_id["aht"].value is None and "aht_seconds" in by_id["aht"].na_reason
    assert result.score == pytest.approx(100.0)  # only b (and the 0-weight red line) apply


def test_scorecard_all_na_gives_no_score():
    data = findings(a=None)
    data["kw"].items["b"] = Finding.not_applicable("x")
    data["kw"].items["bad"] = Finding.not_applicable("x")
    assert card().score(make_conversation(("agent", "hi")), data).score is None


def test_scorecard_red_line_fails_call_and_cites_evidence():
    result = card().score(make_conversation(("agent", "hi")), findings(bad=0.0))
    assert result.red_line_failed
    assert result.score == 0
    assert result.score_before_red_line == pytest.approx(100.0)
    assert "bad_words" in result.red_line_reasons[0] and "他妈的" in result.red_line_reasons[0]


def test_scorecard_needs_review_item_is_not_scored():
    data = findings(a=0.0)
    data["kw"].items["a"] = Finding(value=0.0, needs_review=True, review_reason="low ASR confidence")
    result = card(min_coverage=0.2).score(make_conversation(("agent", "hi")), data)
    item = next(i for i in result.items if i.id == "a")
    assert item.value is None and item.needs_review
    assert result.needs_review == ["a"]
    assert result.score == pytest.approx(100.0)
    assert result.coverage == pytest.approx(2 / 8)          # b scored; a (6) lost to review


def test_scorecard_withholds_the_score_when_too_little_evidence_applies():
    # The case: a clipped recording gated almost everything; what is left scored 100.
    data = findings(a=1.0, b=1.0)
    data["kw"].items["a"] = Finding.not_applicable("quality gate: agent channel (left) clipped (19.0% of samples)")
    result = card().score(make_conversation(("agent", "hi")), data)
    assert result.coverage == pytest.approx(0.25)
    assert result.score is None and result.score_before_red_line is None
    assert "coverage" in result.needs_review and "25%" in result.review_reasons["coverage"]


def test_scorecard_coverage_ignores_items_that_do_not_apply():
    # No complaint, no KPI: N/A for a reason, not lost evidence; a full call keeps its score.
    result = card().score(make_conversation(("agent", "hi")), findings(a=None, b=1.0))
    assert result.coverage == 1.0 and result.score == pytest.approx(100.0)
    assert result.needs_review == []


def test_scorecard_upstream_review_reasons_reach_needs_review():
    conv = make_conversation(("agent", "hi"))
    conv.attributes["needs_review"] = {"recording": "truncated: speech runs into the end of the file"}
    result = card().score(conv, findings())
    assert result.score == pytest.approx(100.0) and result.needs_review == ["recording"]
    assert result.review_reasons["recording"].startswith("truncated")


def test_scorecard_scenario_overrides_weights_when_attributes_match():
    scenario = {"id": "peak", "when": {"attributes.scenario": "delivery_peak"},
                "weights": {"b": 6}}
    sc = card(scenarios=[scenario])
    peak = make_conversation(("agent", "hi"), attributes={"scenario": "delivery_peak"})
    calm = make_conversation(("agent", "hi"))
    assert sc.score(peak, findings(a=1.0, b=0.0)).score == pytest.approx(50.0)
    assert sc.score(peak, findings()).scenarios == ["peak"]
    assert sc.score(calm, findings(a=1.0, b=0.0)).score == pytest.approx(75.0)


def test_scorecard_scenario_when_accepts_queue_lists():
    scenario = {"id": "q", "when": {"queue": ["billing", "refunds"]}, "weights": {"a": 0}}
    sc = card(scenarios=[scenario])
    assert sc.score(make_conversation(("agent", "x"), queue="refunds"), findings()).scenarios == ["q"]
    assert sc.score(make_conversation(("agent", "x"), queue="delivery"), findings()).scenarios == []


@pytest.mark.parametrize("raw,expected", [(250, 100), (200, 100), (150, 50), (100, 0), (50, 0),
                                          (400, 50), (600, 0)])
def test_scorecard_band_maps_kpi(raw, expected):
    band = Band(low=200, high=300, zero_low=100, zero_high=500)
    assert band.points(raw) == pytest.approx(expected)


@pytest.mark.parametrize("good,zero,raw,expected", [
    (0.95, 0.80, 0.95, 100), (0.95, 0.80, 0.875, 50), (0.95, 0.80, 0.5, 0), (0.95, 0.80, 1.0, 100),
    (20, 120, 20, 100), (20, 120, 70, 50), (20, 120, 300, 0)])
def test_scorecard_target_maps_kpi_both_directions(good, zero, raw, expected):
    assert Target(good=good, zero=zero).points(raw) == pytest.approx(expected)


def test_scorecard_kpi_item_reports_raw_value():
    result = card().score(make_conversation(("agent", "x")), findings(), kpis={"aht_seconds": 400})
    aht = next(i for i in result.items if i.id == "aht")
    assert aht.kpi_value == 400 and aht.value == pytest.approx(0.5)


def test_scorecard_call_kpis_are_overridden_by_given_kpis():
    conv = make_conversation(("agent", "x"), kpis={"aht_seconds": 600})
    result = card().score(conv, findings(), kpis={"aht_seconds": 250})
    assert next(i for i in result.items if i.id == "aht").value == 1.0


def test_scorecard_rejects_unknown_key_and_lists_valid_ones():
    with pytest.raises(ConfigError, match=r"unknown key 'wieght'.*expected one of: .*weight"):
        parse_scorecard({**card().model_dump(), "sections": [
            {"id": "s", "items": [{"id": "a", "finding": "kw.a", "wieght": 10}]}]})


def test_scorecard_rejects_weights_that_do_not_sum():
    with pytest.raises(ConfigError, match="sum to 10, but total_weight is 100"):
        card(total_weight=100)


def test_scorecard_rejects_section_weight_mismatch():
    data = card().model_dump()
    data["sections"][0]["weight"] = 7
    with pytest.raises(ConfigError, match="declares weight 7 but its items sum to 10"):
        parse_scorecard(data)


def test_scorecard_rejects_scenario_on_unknown_item():
    with pytest.raises(ConfigError, match="Unknown item 'zzz'.*expected one of: a, aht, b"):
        card(scenarios=[{"id": "p", "when": {"queue": "x"}, "weights": {"zzz": 1}}])


def test_scorecard_unknown_name_error_names_the_file_and_the_place():
    data = card().model_dump()
    data["scenarios"] = [{"id": "p", "when": {"queue": "x"}, "weights": {"zzz": 1}}]
    with pytest.raises(UnknownNameError, match=r"^cards/a\.toml: Unknown item 'zzz' in scenario 'p'"):
        parse_scorecard(data, source="cards/a.toml")


def test_scorecard_rejects_item_reading_unknown_analyzer():
    data = card().model_dump()
    data["sections"][0]["items"][0]["finding"] = "sentiment.x"
    with pytest.raises(ConfigError, match="Unknown analyzer 'sentiment'.*expected one of: kw"):
        parse_scorecard(data)


def test_scorecard_check_findings_names_missing_finding_and_valid_ones():
    with pytest.raises(UnknownNameError, match=r"Unknown finding 'kw.bad'.*expected one of: kw.a, kw.b"):
        card().check_findings({"kw": frozenset({"a", "b"})})


def test_scorecard_kpi_item_needs_a_scale():
    data = card().model_dump()
    data["sections"][0]["items"][2]["band"] = None
    with pytest.raises(ConfigError, match="exactly one of 'target' or 'band'"):
        parse_scorecard(data)


def test_load_scorecard_default_is_valid_and_sums_to_total():
    sc = load_scorecard()
    assert sum(i.weight for i in sc.items()) == sc.total_weight
    assert any(i.red_line for i in sc.items())
    assert {s.id for s in sc.scenarios} >= {"delivery_peak"}


def test_load_scorecard_reports_bad_toml_with_file_name(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("name = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.toml: invalid TOML"):
        load_scorecard(path)
