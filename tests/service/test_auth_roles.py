"""Every route's role rules: no key → 401, a role not allowed → 403, allowed roles pass;
agents see only their own calls."""

from __future__ import annotations

import pytest

from tests.service.conftest import conversation, wav_bytes

ALL = {"admin", "qa", "supervisor", "agent"}
STAFF = {"admin", "qa", "supervisor"}
QA = {"admin", "qa"}

NOV = {"params": {"period": "2026-11"}}
PERFORMANCE_ROUTES = [
    ("PUT", "/performance/roster", STAFF, {"json": {"agents": [{"agent_id": "A1"}]}}),
    ("GET", "/performance/roster", STAFF, {}),
    ("POST", "/performance/ratings", STAFF, {"json": {"ratings": [
        {"agent_id": "A1", "period": "2026-11", "source": "peer", "rater_id": "A2",
         "score": 4}]}}),
    ("POST", "/performance/ratings/csv", STAFF, {
        "content": b"agent_id,period,source,rater_id,score\nA1,2026-11,peer,A2,4\n",
        "headers": {"Content-Type": "text/csv"}}),
    ("GET", "/performance/ratings/leniency", STAFF, NOV),
    ("POST", "/performance/runs", STAFF, {"json": {"period": "2026-11"}}),
    ("GET", "/performance/results", ALL, NOV),
    ("GET", "/performance/results.csv", STAFF, NOV),
    ("GET", "/performance/warnings", ALL, {}),
    ("GET", "/performance/coaching", ALL, {}),
    ("POST", "/performance/coaching/{task_id}/close", STAFF, {"json": {"outcome": "done"}}),
    ("GET", "/performance/sample", STAFF, NOV),
    ("POST", "/performance/sample/{period}/{conversation_id}/reviewed", STAFF, {}),
    ("POST", "/performance/calibration", STAFF, {"json": {"labels": [
        {"conversation_id": "call-1", "item": "greeting", "reviewer": "r1", "label": "pass"}]}}),
]

# (method, path, allowed roles, request kwargs). Paths name objects made by `seeded`.
ROUTES = [
    ("POST", "/conversations", QA, {"json": conversation("new-call")}),
    ("GET", "/conversations", ALL, {}),
    ("GET", "/conversations/{conversation_id}", ALL, {}),
    ("GET", "/conversations/{conversation_id}/versions/{version}", ALL, {}),
    ("POST", "/jobs", QA, {"files": {"file": ("a.wav", wav_bytes(), "audio/wav")}}),
    ("GET", "/jobs", STAFF, {}),
    ("GET", "/jobs/{job_id}", STAFF, {}),
    ("GET", "/jobs/{job_id}/result", STAFF, {}),
    ("POST", "/jobs/{job_id}/cancel", QA, {}),
    ("POST", "/kpis", STAFF, {"json": {"calls": [{"conversation_id": "call-1",
                                                  "kpis": {"csat": 4}}]}}),
    ("POST", "/kpis/csv", STAFF, {"content": b"conversation_id,csat\ncall-1,5\n",
                                  "headers": {"Content-Type": "text/csv"}}),
    ("GET", "/agents/leaderboard", STAFF, {}),
    ("GET", "/agents/{agent_id}/scorecard", ALL, {}),
    ("POST", "/alerts/subscriptions", {"admin", "supervisor"},
     {"json": {"url": "http://127.0.0.1:9/hook", "threshold": 0.9}}),
    ("GET", "/alerts/subscriptions", {"admin", "supervisor"}, {}),
    ("DELETE", "/alerts/subscriptions/{subscription_id}", {"admin", "supervisor"}, {}),
    ("GET", "/alerts", STAFF, {}),
    ("POST", "/alerts/{alert_id}/ack", STAFF, {}),
    ("POST", "/conversations/{conversation_id}/reviews", QA,
     {"json": {"finding": "keywords.greeting", "verdict": "correct"}}),
    ("GET", "/conversations/{conversation_id}/reviews", ALL, {}),
    ("POST", "/conversations/{conversation_id}/appeals", {"agent"},
     {"json": {"finding": "keywords.greeting", "reason": "识别错误"}}),
    ("GET", "/appeals", ALL, {}),
    ("GET", "/appeals/{appeal_id}", ALL, {}),
    ("POST", "/appeals/{appeal_id}/decision", QA, {"json": {"decision": "rejected"}}),
    ("GET", "/audit-log", QA, {}),
    ("GET", "/audit-log/verify", QA, {}),
    ("POST", "/keys", {"admin"}, {"json": {"role": "qa"}}),
    ("GET", "/keys", {"admin"}, {}),
    ("DELETE", "/keys/{key_id}", {"admin"}, {}),
    *PERFORMANCE_ROUTES,
]
PUBLIC = {("GET", "/health"), ("HEAD", "/health")}


def seeded(service) -> dict[str, str]:
    """Objects the paths refer to: a call of agent A1, a finished job, an appeal, …"""
    qa = service.as_("qa")
    assert service.client.post("/api/v1/conversations", json=conversation("call-1"),
                               headers=qa).status_code == 201
    job = service.client.post("/api/v1/jobs", headers=qa, files={
        "file": ("a.wav", wav_bytes(), "audio/wav")}).json()
    service.app.state.jobs.run_once()
    sub = service.client.post("/api/v1/alerts/subscriptions", headers=service.as_("admin"),
                              json={"url": "http://127.0.0.1:9/", "threshold": 0.5}).json()
    appeal = service.client.post("/api/v1/conversations/call-1/appeals",
                                 headers=service.as_("agent"),
                                 json={"finding": "keywords.empathy", "reason": "有共情"}).json()
    extra_key = service.key("qa")
    with service.app.state.sessionmaker() as session:
        from service.auth import authenticate

        key_id = authenticate(session, extra_key["X-API-Key"]).key_id
    return {"conversation_id": "call-1", "version": "1", "job_id": job["id"],
            "agent_id": "A1", "subscription_id": str(sub["id"]), "appeal_id": str(appeal["id"]),
            "key_id": str(key_id), "alert_id": "no-such-alert", "task_id": "coach-none",
            "period": "2026-11"}


def test_the_table_covers_every_route(service):
    paths = service.client.get("/api/v1/openapi.json").json()["paths"]
    routes = {(m.upper(), p.removeprefix("/api/v1")) for p, ops in paths.items() for m in ops}
    assert routes - PUBLIC == {(m, p) for m, p, _, _ in ROUTES}


@pytest.mark.parametrize("method,path,allowed,kwargs", ROUTES,
                         ids=[f"{m} {p}" for m, p, _, _ in ROUTES])
def test_roles(make_service, method, path, allowed, kwargs):
    service = make_service()
    url = "/api/v1" + path.format(**seeded(service))
    anonymous = service.client.request(method, url, **kwargs)
    assert anonymous.status_code == 401
    bad_key = service.client.request(method, url, **_with_key(kwargs, "qa_nope_nope"))
    assert bad_key.status_code == 401
    for role in sorted(ALL):
        response = service.client.request(
            method, url, **_with_key(kwargs, service.keys[role]))
        if role in allowed:
            assert response.status_code not in (401, 403), (role, response.text)
            assert response.status_code < 500
        else:
            assert response.status_code == 403, (role, response.status_code, response.text)


def _with_key(kwargs: dict, key: str) -> dict:
    return {**kwargs, "headers": {**kwargs.get("headers", {}), "X-API-Key": key}}


def test_bearer_token_works_too(service):
    response = service.client.get("/api/v1/conversations", headers={
        "Authorization": f"Bearer {service.keys['qa']}"})
    assert response.status_code == 200


def test_revoked_key_is_refused(service):
    key = service.key("qa")
    with service.app.state.sessionmaker() as session:
        from service.auth import authenticate

        key_id = authenticate(session, key["X-API-Key"]).key_id
    assert service.client.delete(f"/api/v1/keys/{key_id}",
                                 headers=service.as_("admin")).status_code == 204
    assert service.client.get("/api/v1/conversations", headers=key).status_code == 401


def test_keys_are_stored_hashed(service):
    from service.models import ApiKey

    with service.app.state.sessionmaker() as session:
        stored = {(k.prefix, k.key_hash, k.salt) for k in session.query(ApiKey)}
    for key in service.keys.values():
        assert not any(key.split("_", 2)[2] in "".join(row) for row in stored)


def test_agent_cannot_read_another_agents_call(service):
    service.client.post("/api/v1/conversations", json=conversation("theirs", agent="A2"),
                        headers=service.as_("qa"))
    for path in ("/conversations/theirs", "/conversations/theirs/versions/1",
                 "/conversations/theirs/reviews"):
        assert service.client.get("/api/v1" + path,
                                  headers=service.as_("agent")).status_code == 404
        assert service.client.get("/api/v1" + path,
                                  headers=service.as_("agent2")).status_code == 200
    assert service.client.get("/api/v1/agents/A2/scorecard",
                              headers=service.as_("agent")).status_code == 403
    appeal = service.client.post("/api/v1/conversations/theirs/appeals",
                                 headers=service.as_("agent"),
                                 json={"finding": "keywords.greeting", "reason": "x"})
    assert appeal.status_code == 404


def test_agent_key_needs_agent_id(service):
    response = service.client.post("/api/v1/keys", headers=service.as_("admin"),
                                   json={"role": "agent"})
    assert response.status_code == 422 and "agent" in response.json()["detail"]
    created = service.client.post("/api/v1/keys", headers=service.as_("admin"),
                                  json={"role": "agent", "agent_id": "A9"}).json()
    assert created["key"].startswith("qa_")
    listed = service.client.get("/api/v1/keys", headers=service.as_("admin")).json()
    assert all("key" not in k for k in listed)
