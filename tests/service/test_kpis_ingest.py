"""KPI ingest (JSON, CSV; per call, per agent-period) re-scores from stored findings."""

from __future__ import annotations

from tests.service.conftest import conversation

CONV = "/api/v1/conversations"


def score(service, cid):
    return service.client.get(f"{CONV}/{cid}", headers=service.as_("qa")).json()


def post(service, **body):
    return service.client.post("/api/v1/kpis", json=body, headers=service.as_("supervisor"))


def test_call_kpis_rescore_and_keep_the_old_version(service):
    service.client.post(CONV, json=conversation("c1"), headers=service.as_("qa"))
    before = score(service, "c1")
    response = post(service, calls=[{"conversation_id": "c1", "kpis": {"csat": 2.0, "fcr": 0}}])
    assert response.status_code == 200, response.text
    result = response.json()
    assert [r["conversation_id"] for r in result["rescored"]] == ["c1"]
    after = score(service, "c1")
    assert after["version"] == 2 and after["inspection"]["kpis"] == {"csat": 2.0, "fcr": 0.0}
    csat = next(i for i in after["inspection"]["items"] if i["id"] == "csat")
    assert csat["value"] == 0.0  # csat 2 is the scorecard's zero point
    assert after["inspection"]["score"] < before["inspection"]["score"]
    # Findings are reused, not recomputed: the analyzers' versions and evidence stay.
    assert after["inspection"]["findings"] == before["inspection"]["findings"]
    old = service.client.get(f"{CONV}/c1/versions/1", headers=service.as_("qa")).json()
    assert old["inspection"]["score"] == before["inspection"]["score"]
    assert [v["reason"] for v in after["versions"]] == ["scored", "kpis"]


def test_same_kpis_again_change_nothing(service):
    service.client.post(CONV, json=conversation("c1"), headers=service.as_("qa"))
    post(service, calls=[{"conversation_id": "c1", "kpis": {"csat": 4.0}}])
    again = post(service, calls=[{"conversation_id": "c1", "kpis": {"csat": 4.0}}]).json()
    assert again["rescored"] == [] and again["unchanged"] == 1
    assert score(service, "c1")["version"] == 2


def test_unknown_call_rejects_the_whole_batch(service):
    service.client.post(CONV, json=conversation("c1"), headers=service.as_("qa"))
    response = post(service, calls=[{"conversation_id": "c1", "kpis": {"csat": 1.0}},
                                    {"conversation_id": "nope", "kpis": {"csat": 1.0}}])
    assert response.status_code == 422
    assert response.json()["detail"].startswith("calls[1].conversation_id")
    assert score(service, "c1")["version"] == 1  # nothing half-stored


def test_agent_period_kpis_apply_to_calls_in_the_period(service):
    for cid, agent, when in [("in", "A1", "2026-11-03T10:00:00Z"),
                             ("out", "A1", "2026-12-03T10:00:00Z"),
                             ("other", "A2", "2026-11-03T10:00:00Z")]:
        service.client.post(CONV, json=conversation(cid, agent=agent, started_at=when),
                            headers=service.as_("qa"))
    result = post(service, agent_periods=[{
        "agent_id": "A1", "period_start": "2026-11-01T00:00:00Z",
        "period_end": "2026-12-01T00:00:00Z", "kpis": {"answer_rate_20s": 0.8}}]).json()
    assert [r["conversation_id"] for r in result["rescored"]] == ["in"]
    assert score(service, "in")["inspection"]["kpis"] == {"answer_rate_20s": 0.8}
    assert score(service, "out")["version"] == score(service, "other")["version"] == 1
    # A call scored later in the period picks the period's KPIs up at once...
    service.client.post(CONV, json=conversation("late", started_at="2026-11-20T00:00:00Z"),
                        headers=service.as_("qa"))
    assert score(service, "late")["inspection"]["kpis"] == {"answer_rate_20s": 0.8}
    # ...and a call's own value wins over the period's.
    post(service, calls=[{"conversation_id": "in", "kpis": {"answer_rate_20s": 0.99}}])
    assert score(service, "in")["inspection"]["kpis"] == {"answer_rate_20s": 0.99}


def test_csv_per_call_and_per_period(service):
    service.client.post(CONV, json=conversation("c1", started_at="2026-11-03T10:00:00Z"),
                        headers=service.as_("qa"))
    headers = {**service.as_("qa"), "Content-Type": "text/csv"}
    response = service.client.post("/api/v1/kpis/csv", headers=headers,
                                   content=b"conversation_id,csat,fcr\nc1,5,\n")
    assert response.status_code == 200, response.text
    assert score(service, "c1")["inspection"]["kpis"] == {"csat": 5.0}
    periods = ("agent_id,period_start,period_end,nps_score\n"
               "A1,2026-11-01T00:00:00Z,2026-11-08T00:00:00Z,9\n")
    response = service.client.post("/api/v1/kpis/csv", headers=headers, content=periods.encode())
    assert response.json()["agent_periods"] == 1
    assert score(service, "c1")["inspection"]["kpis"] == {"csat": 5.0, "nps_score": 9.0}


def test_bad_csv_names_line_and_column(service):
    service.client.post(CONV, json=conversation("c1"), headers=service.as_("qa"))
    headers = {**service.as_("qa"), "Content-Type": "text/csv"}
    bad = service.client.post("/api/v1/kpis/csv", headers=headers,
                              content=b"conversation_id,csat\nc1,4\nc1,great\n")
    assert bad.status_code == 422
    assert bad.json()["detail"] == "line 3, column csat: 'great' is not a number"
    assert score(service, "c1")["version"] == 1
    no_key = service.client.post("/api/v1/kpis/csv", headers=headers, content=b"a,b\n1,2\n")
    assert no_key.status_code == 422 and "conversation_id" in no_key.json()["detail"]


def test_kpi_ingest_is_in_the_audit_log(service):
    service.client.post(CONV, json=conversation("c1"), headers=service.as_("qa"))
    post(service, calls=[{"conversation_id": "c1", "kpis": {"csat": 3.0}}])
    log = service.client.get("/api/v1/audit-log", headers=service.as_("qa")).json()
    assert log[-1]["action"] == "kpis.ingested" and log[-1]["payload"]["rescored"] == ["c1"]
