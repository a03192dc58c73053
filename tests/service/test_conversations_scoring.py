"""POST /conversations: scored synchronously, stored, idempotent on id; bad bodies → 422."""

from __future__ import annotations

import json

from tests.service.conftest import conversation

URL = "/api/v1/conversations"


def test_score_returns_inspection_with_evidence_and_stores_it(service):
    response = service.client.post(URL, json=conversation(rude=True), headers=service.as_("qa"))
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["created"] is True and body["version"] == 1
    inspection = body["inspection"]
    assert inspection["conversation_id"] == "call-1"
    rude = next(i for i in inspection["items"] if i["id"] == "no_rude")
    assert rude["value"] == 0.0 and rude["evidence"][0]["text"] == "你烦不烦"
    stored = service.client.get(f"{URL}/call-1", headers=service.as_("qa")).json()
    assert stored["inspection"]["score"] == inspection["score"]
    assert stored["conversation"]["utterances"][0]["text"].startswith("您好")
    assert [v["version"] for v in stored["versions"]] == [1]


def test_same_id_same_body_returns_stored_result_with_200(service):
    first = service.client.post(URL, json=conversation(), headers=service.as_("qa")).json()
    # Same content, different formatting and key order: still the same body.
    raw = json.dumps(dict(reversed(list(conversation().items()))), indent=2)
    again = service.client.post(URL, content=raw, headers={
        **service.as_("qa"), "Content-Type": "application/json"})
    assert again.status_code == 200
    assert again.json()["created"] is False
    assert again.json()["inspection"]["inspected_at"] == first["inspection"]["inspected_at"]


def test_same_id_different_body_is_a_conflict(service):
    service.client.post(URL, json=conversation(), headers=service.as_("qa"))
    response = service.client.post(URL, json=conversation(rude=True), headers=service.as_("qa"))
    assert response.status_code == 409
    assert "call-1" in response.json()["detail"]
    stored = service.client.get(f"{URL}/call-1", headers=service.as_("qa")).json()
    assert stored["version"] == 1 and "你烦不烦" not in json.dumps(stored["conversation"],
                                                                ensure_ascii=False)


def test_malformed_json_is_422_naming_the_position(service):
    response = service.client.post(URL, content=b'{"id": "x", "utterances": [}', headers={
        **service.as_("qa"), "Content-Type": "application/json"})
    assert response.status_code == 422
    assert "malformed JSON" in response.json()["detail"]


def test_bad_field_is_422_with_its_path(service):
    body = conversation()
    body["utterances"][1]["speaker"] = "bot"
    response = service.client.post(URL, json=body, headers=service.as_("qa"))
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith("utterances[1].speaker:") and "'bot'" in detail
    assert service.client.get(f"{URL}/call-1", headers=service.as_("qa")).status_code == 404


def test_transcript_without_agent_speech_is_refused_and_not_stored(service):
    body = conversation()
    body["utterances"] = [u for u in body["utterances"] if u["speaker"] != "agent"]
    response = service.client.post(URL, json=body, headers=service.as_("qa"))
    assert response.status_code == 422 and "agent" in response.json()["detail"]
    assert service.client.get(URL, headers=service.as_("qa")).json()["total"] == 0


def test_json_body_over_the_limit_is_413(make_service):
    service = make_service(max_body_bytes=2000)
    body = conversation()
    body["utterances"][0]["text"] = "您好" * 2000
    response = service.client.post(URL, json=body, headers=service.as_("qa"))
    assert response.status_code == 413


def test_streamed_body_over_the_limit_is_413_without_content_length(make_service):
    service = make_service(max_body_bytes=2000)
    payload = json.dumps(conversation() | {"channel": "x" * 5000}).encode()

    def chunks():
        for i in range(0, len(payload), 500):
            yield payload[i:i + 500]

    response = service.client.post(URL, content=chunks(), headers={
        **service.as_("qa"), "Content-Type": "application/json"})
    assert response.status_code == 413


def test_old_versions_stay_readable(service):
    service.client.post(URL, json=conversation(), headers=service.as_("qa"))
    one = service.client.get(f"{URL}/call-1/versions/1", headers=service.as_("qa"))
    assert one.status_code == 200 and one.json()["version"] == 1
    assert service.client.get(f"{URL}/call-1/versions/2",
                              headers=service.as_("qa")).status_code == 404


def test_concurrent_posts_of_one_call_store_it_once(service):
    import threading

    statuses: list[int] = []

    def post():
        statuses.append(service.client.post(URL, json=conversation("same"),
                                            headers=service.as_("qa")).status_code)

    threads = [threading.Thread(target=post) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses)[-1] == 201 and statuses.count(201) == 1
    assert set(statuses) <= {200, 201}
    detail = service.client.get(f"{URL}/same", headers=service.as_("qa")).json()
    assert [v["version"] for v in detail["versions"]] == [1]
