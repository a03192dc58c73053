"""Poisoned rows: lone surrogates, overflowing times, unbounded and unreachable ids are
refused with a JSON 422 and nothing is stored; unexpected errors are JSON 500s."""

from __future__ import annotations

import pytest

from tests.service.conftest import conversation, wav_bytes

CONV = "/api/v1/conversations"
SUBS = "/api/v1/alerts/subscriptions"
LONE = "\\ud800"  # as the JSON escape a client sends


def raw_post(service, path, body: str, role="qa"):
    return service.client.post(path, content=body.encode(), headers={
        **service.as_(role), "Content-Type": "application/json"})


def test_lone_surrogate_in_subscription_queues_is_422_and_listing_still_works(service):
    response = raw_post(service, SUBS, '{"url": "http://127.0.0.1:9/h", "threshold": 0.5, '
                                       f'"queues": ["a{LONE}"]}}', role="supervisor")
    assert response.status_code == 422, response.text
    assert response.json()["detail"].startswith("queues[0]")
    listed = service.client.get(SUBS, headers=service.as_("supervisor"))
    assert listed.status_code == 200 and listed.json() == []


@pytest.mark.parametrize("field", ["agent_id", "queue", "id", "text", "channel"])
def test_lone_surrogate_in_a_conversation_is_422_and_not_stored(service, field):
    import json

    body = conversation("s1")
    if field == "text":
        body["utterances"][0]["text"] = "PLACEHOLDER"
    else:
        body[field] = "PLACEHOLDER"
    raw = json.dumps(body).replace("PLACEHOLDER", f"x{LONE}")
    response = raw_post(service, CONV, raw)
    assert response.status_code == 422 and response.json()["code"] == "invalid_body"
    listed = service.client.get(CONV, headers=service.as_("qa")).json()
    assert listed["total"] == 0


def test_a_valid_surrogate_pair_is_accepted(service):
    import json

    body = conversation("emoji")
    body["utterances"][1]["text"] = "PLACEHOLDER"
    raw = json.dumps(body).replace("PLACEHOLDER", "好的\\ud83d\\ude00")
    response = raw_post(service, CONV, raw)
    assert response.status_code == 201, response.text


@pytest.mark.parametrize("change, field", [
    ({"agent_id": "A" * 1_000}, "agent_id"),
    ({"queue": "q" * 1_000}, "queue"),
    ({"id": "a/b"}, "id"),
    ({"agent_id": "team/A1"}, "agent_id"),
    ({"started_at": "9999-12-31T23:59:59-14:00"}, "started_at"),
    ({"kpis": {"csat": 1e300}}, "kpis"),
])
def test_unbounded_or_unreachable_fields_are_422(service, change, field):
    response = service.client.post(CONV, json=conversation("b1") | change,
                                   headers=service.as_("qa"))
    assert response.status_code == 422, response.text
    assert response.json()["detail"].startswith(field)


def test_overflowing_times_are_422(service):
    body = conversation("t1")
    body["utterances"][1].update(start=1.0, end=1.7e308)
    response = service.client.post(CONV, json=body, headers=service.as_("qa"))
    assert response.status_code == 422 and response.json()["detail"].startswith("utterances[1]")


def test_subscription_queues_and_kpi_bounds(service):
    many = service.client.post(SUBS, headers=service.as_("supervisor"), json={
        "url": "http://127.0.0.1:9/h", "threshold": 0.5, "queues": [f"q{i}" for i in range(101)]})
    assert many.status_code == 422
    kpis = service.client.post("/api/v1/kpis", headers=service.as_("supervisor"), json={
        "agent_periods": [{"agent_id": "A" * 200, "period_start": "2026-11-01T00:00:00Z",
                           "period_end": "2026-11-08T00:00:00Z", "kpis": {"x": 1}}]})
    assert kpis.status_code == 422
    far = service.client.post("/api/v1/kpis", headers=service.as_("supervisor"), json={
        "agent_periods": [{"agent_id": "A1", "period_start": "2026-11-01T00:00:00Z",
                           "period_end": "9999-12-31T23:59:59-14:00", "kpis": {"x": 1}}]})
    assert far.status_code == 422


def test_upload_with_a_slash_in_conversation_id_is_422(service):
    response = service.client.post("/api/v1/jobs", headers=service.as_("qa"),
                                   files={"file": ("a.wav", wav_bytes(), "audio/wav")},
                                   data={"conversation_id": "x/y"})
    assert response.status_code == 422 and response.json()["detail"].startswith("conversation_id")


def test_an_unexpected_error_is_a_json_500_and_leaks_nothing(make_service):
    from tests.service.conftest import fake_inspector

    inspector = fake_inspector()

    def broken(conversation):
        raise RuntimeError("boom at /srv/secret/path")

    inspector.analyzers["keywords"].analyze = broken
    service = make_service(inspector=inspector)
    response = service.client.post(CONV, json=conversation("e1"), headers=service.as_("qa"))
    assert response.status_code == 500
    assert response.json()["code"] == "internal_error"
    assert "boom" not in response.text and "/srv" not in response.text


def test_re_appeals_after_rejection_are_bounded(make_service):
    service = make_service(appeal_max_per_finding=2)
    service.client.post(CONV, json=conversation("a1"), headers=service.as_("qa"))
    statuses = []
    for _ in range(4):
        made = service.client.post(f"{CONV}/a1/appeals", headers=service.as_("agent"), json={
            "finding": "keywords.greeting", "reason": "again"})
        statuses.append(made.status_code)
        if made.status_code == 201:
            service.client.post(f"/api/v1/appeals/{made.json()['id']}/decision",
                                headers=service.as_("qa"), json={"decision": "rejected"})
    assert statuses == [201, 201, 409, 409]


def test_docs_are_served_from_local_assets_and_head_health_is_200(service):
    for page in ("/api/v1/docs", "/api/v1/redoc"):
        html = service.client.get(page)
        assert html.status_code == 200
        assert "https://" not in html.text and "cdn" not in html.text.lower()
        for asset in ("swagger-ui-bundle.js", "redoc.standalone.js"):
            if asset in html.text:
                assert service.client.get(f"/api/v1/docs-assets/{asset}").status_code == 200
    assert service.client.head("/api/v1/health").status_code == 200


def test_openapi_documents_the_error_bodies_really_sent(service):
    schema = service.client.get("/api/v1/openapi.json").json()
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    post = schema["paths"]["/api/v1/conversations"]["post"]["responses"]
    for code in ("400", "413", "422", "503"):
        ref = post[code]["content"]["application/json"]["schema"]["$ref"]
        assert ref.endswith("/ErrorOut"), code
    bad = service.client.post(CONV, content=b"{not json", headers={
        **service.as_("qa"), "Content-Type": "application/json"})
    assert bad.status_code in (400, 422) and "detail" in bad.json()


def test_405_lists_every_method_of_the_path(service):
    response = service.client.request("PUT", CONV, headers=service.as_("qa"))
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}


def test_boolean_is_not_a_corrected_value(service):
    service.client.post(CONV, json=conversation("v1"), headers=service.as_("qa"))
    response = service.client.post(f"{CONV}/v1/reviews", headers=service.as_("qa"), json={
        "finding": "keywords.greeting", "verdict": "incorrect", "value": False})
    assert response.status_code == 422
