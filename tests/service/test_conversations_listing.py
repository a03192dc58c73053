"""GET /conversations filters: agent, queue, date range, score range, risk, red line."""

from __future__ import annotations

import pytest

from tests.service.conftest import conversation

URL = "/api/v1/conversations"


@pytest.fixture
def stored(service):
    calls = [
        conversation("c1", agent="A1", queue="billing", started_at="2026-11-01T10:00:00Z"),
        conversation("c2", agent="A1", queue="sales", started_at="2026-11-03T10:00:00Z",
                     rude=True),
        conversation("c3", agent="A2", queue="billing", started_at="2026-11-05T10:00:00Z",
                     risk=0.9),
    ]
    for body in calls:
        assert service.client.post(URL, json=body, headers=service.as_("qa")).status_code == 201
    return service


def ids(service, role="qa", **params):
    response = service.client.get(URL, params=params, headers=service.as_(role))
    assert response.status_code == 200, response.text
    return sorted(item["id"] for item in response.json()["items"])


def test_filters_select_the_matching_calls(stored):
    assert ids(stored) == ["c1", "c2", "c3"]
    assert ids(stored, agent_id="A1") == ["c1", "c2"]
    assert ids(stored, queue="billing") == ["c1", "c3"]
    assert ids(stored, started_from="2026-11-02T00:00:00Z",
               started_to="2026-11-05T00:00:00Z") == ["c2"]
    assert ids(stored, min_risk=0.5) == ["c3"]
    assert ids(stored, red_line_failed=True) == []  # rudeness is not a red line
    assert ids(stored, min_score=0, max_score=100) == ["c1", "c2", "c3"]


def test_score_range_separates_the_rude_call(stored):
    scores = {i["id"]: i["score"] for i in stored.client.get(
        URL, headers=stored.as_("qa")).json()["items"]}
    assert scores["c2"] < scores["c1"]
    assert ids(stored, max_score=scores["c2"]) == ["c2"]
    assert "c2" not in ids(stored, min_score=scores["c2"] + 0.01)


def test_red_line_filter(service):
    body = conversation("red")
    body["kpis"] = {}
    service.client.post(URL, json=body, headers=service.as_("qa"))
    # A red line through a corrected finding: no_profanity reads keywords.forbidden_profanity.
    review = service.client.post(f"{URL}/red/reviews", headers=service.as_("qa"), json={
        "finding": "keywords.forbidden_profanity", "verdict": "incorrect"})
    assert review.status_code == 201, review.text
    assert ids(service, red_line_failed=True) == ["red"]
    detail = service.client.get(f"{URL}/red", headers=service.as_("qa")).json()
    assert detail["inspection"]["score"] == 0 and detail["inspection"]["red_line_reasons"]


def test_pagination_and_total(stored):
    page = stored.client.get(URL, params={"limit": 2}, headers=stored.as_("qa")).json()
    assert page["total"] == 3 and len(page["items"]) == 2
    assert page["items"][0]["id"] == "c3"  # newest first


def test_agent_lists_only_own_calls(stored):
    assert ids(stored, role="agent") == ["c1", "c2"]
    response = stored.client.get(URL, params={"agent_id": "A2"}, headers=stored.as_("agent"))
    assert response.status_code == 403


def test_bad_filter_is_422_naming_the_parameter(stored):
    response = stored.client.get(URL, params={"min_risk": 3}, headers=stored.as_("qa"))
    assert response.status_code == 422 and "min_risk" in response.json()["detail"]
