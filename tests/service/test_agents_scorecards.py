"""Agent scorecard (shrunk mean, interval, sections, trend) and the team leaderboard."""

from __future__ import annotations

import pytest

from tests.service.conftest import conversation

CONV = "/api/v1/conversations"


@pytest.fixture
def team(service):
    calls = [(f"a1-{i}", "A1", f"2026-11-0{2 + i % 3}T10:00:00Z", False) for i in range(6)]
    calls += [(f"a2-{i}", "A2", "2026-11-03T10:00:00Z", True) for i in range(6)]
    calls += [("a3-0", "A3", "2026-11-04T10:00:00Z", False)]
    calls += [("old", "A1", "2026-09-01T10:00:00Z", True)]
    for cid, agent, when, rude in calls:
        body = conversation(cid, agent=agent, started_at=when, rude=rude)
        assert service.client.post(CONV, json=body, headers=service.as_("qa")).status_code == 201
    return service


def test_scorecard_for_a_period(team):
    response = team.client.get("/api/v1/agents/A1/scorecard", headers=team.as_("agent"),
                               params={"start": "2026-11-01T00:00:00Z",
                                       "end": "2026-12-01T00:00:00Z", "trend": "day"})
    assert response.status_code == 200, response.text
    card = response.json()
    assert card["score"]["calls"] == 6  # the September call is outside the period
    assert card["score"]["interval_low"] <= card["score"]["shrunk_mean"] <= card["score"]["interval_high"]
    assert set(card["score"]["sections"]) >= {"opening", "conduct"}
    assert [p["calls"] for p in card["trend"]] == [2, 2, 2]
    assert card["team"]["agents"] == 3


def test_leaderboard_shrinks_the_one_call_agent(team):
    board = team.client.get("/api/v1/agents/leaderboard", headers=team.as_("supervisor"),
                            params={"start": "2026-11-01T00:00:00Z"}).json()
    agents = {a["agent_id"]: a for a in board["agents"]}
    assert [a["agent_id"] for a in board["agents"]][-1] == "A2"  # rude every call
    # A3 scored as well as A1 per call, but on one call it is pulled further to the mean.
    assert agents["A3"]["mean"] == pytest.approx(agents["A1"]["mean"])
    assert agents["A3"]["shrinkage"] > agents["A1"]["shrinkage"]
    assert agents["A3"]["shrunk_mean"] < agents["A1"]["shrunk_mean"]


def test_agent_without_calls_has_no_score(team):
    card = team.client.get("/api/v1/agents/Z9/scorecard", headers=team.as_("qa")).json()
    assert card["score"] is None and card["trend"] == []
