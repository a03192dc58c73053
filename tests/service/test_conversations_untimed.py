"""POST /conversations accepts a timeless chat transcript (utterances without start/end)."""

from __future__ import annotations

from tests.service.conftest import conversation

URL = "/api/v1/conversations"


def test_utterances_without_times_are_scored_not_rejected(service):
    body = conversation("chat-7", channel="chat")
    for u in body["utterances"]:
        del u["start"], u["end"]
    response = service.client.post(URL, json=body, headers=service.as_("qa"))
    assert response.status_code == 201, response.text
    stored = service.client.get(f"{URL}/chat-7", headers=service.as_("qa")).json()
    assert stored["conversation"]["utterances"][0].get("start") is None


def test_half_timed_utterance_is_422_naming_it(service):
    body = conversation("c-half")
    del body["utterances"][1]["end"]
    response = service.client.post(URL, json=body, headers=service.as_("qa"))
    assert response.status_code == 422
    assert "utterances" in str(response.json()["detail"])
