"""Complaint-risk alerts: subscriptions, durable outbox, retries with backoff, one
Idempotency-Key per alert, alerts listed with evidence."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from service.outbox import backoff
from service.settings import Settings
from tests.service.conftest import conversation

CONV = "/api/v1/conversations"


class Receiver:
    """A local webhook endpoint answering with the queued status codes (then 200)."""

    def __init__(self, statuses=()):
        self.statuses = list(statuses)
        self.calls: list[tuple[dict, dict]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                receiver.calls.append((dict(self.headers), body))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    made = []

    def make(statuses=()):
        made.append(Receiver(statuses))
        return made[-1]

    yield make
    for r in made:
        r.close()


def subscribe(service, url, threshold=0.7, queues=()):
    response = service.client.post("/api/v1/alerts/subscriptions", headers=service.as_("supervisor"),
                                   json={"url": url, "threshold": threshold,
                                         "queues": list(queues)})
    assert response.status_code == 201, response.text
    return response.json()


def deliver_all(service, rounds=20):
    for _ in range(rounds):
        if not service.app.state.outbox.run_once():
            return


def test_high_risk_call_raises_an_alert_with_evidence_and_delivers_it(service, receiver):
    hook = receiver()
    subscribe(service, hook.url, threshold=0.7)
    service.client.post(CONV, json=conversation("calm", risk=0.2), headers=service.as_("qa"))
    service.client.post(CONV, json=conversation("angry", risk=0.9), headers=service.as_("qa"))
    deliver_all(service)
    assert len(hook.calls) == 1
    headers, body = hook.calls[0]
    assert body["conversation_id"] == "angry" and body["risk"] == pytest.approx(0.9)
    assert body["evidence"][0]["text"] == "我要查一下话费"
    assert headers["Idempotency-Key"]
    alerts = service.client.get("/api/v1/alerts", headers=service.as_("qa")).json()
    assert [a["conversation_id"] for a in alerts] == ["angry"]
    assert alerts[0]["evidence"][0]["text"] == "我要查一下话费"
    assert alerts[0]["delivery"]["status"] == "delivered"
    assert alerts[0]["delivery"]["id"] == headers["Idempotency-Key"]


def test_failed_deliveries_are_retried_with_the_same_key(make_service, receiver):
    service = make_service(alert_backoff_seconds=0.01)
    hook = receiver(statuses=[500, 503])
    subscribe(service, hook.url)
    service.client.post(CONV, json=conversation("angry", risk=0.95), headers=service.as_("qa"))
    for _ in range(50):
        deliver_all(service)
        if len(hook.calls) == 3:
            break
        time.sleep(0.02)
    keys = {h["Idempotency-Key"] for h, _ in hook.calls}
    assert len(hook.calls) == 3 and len(keys) == 1
    alert = service.client.get("/api/v1/alerts", headers=service.as_("qa")).json()[0]
    assert alert["delivery"]["status"] == "delivered" and alert["delivery"]["attempts"] == 3


def test_delivery_gives_up_after_max_attempts(make_service, receiver):
    service = make_service(alert_backoff_seconds=0.01, alert_max_attempts=2)
    hook = receiver(statuses=[500] * 10)
    subscribe(service, hook.url)
    service.client.post(CONV, json=conversation("angry", risk=0.95), headers=service.as_("qa"))
    for _ in range(30):
        deliver_all(service)
        time.sleep(0.02)
    alert = service.client.get("/api/v1/alerts", headers=service.as_("qa")).json()[0]
    assert alert["delivery"]["status"] == "failed" and alert["delivery"]["attempts"] == 2
    assert alert["delivery"]["last_error"] == "HTTP 500" and len(hook.calls) == 2


def test_unreachable_webhook_is_retried_later_not_lost(make_service):
    service = make_service(alert_backoff_seconds=60)
    subscribe(service, "http://127.0.0.1:9/nothing-listens")
    service.client.post(CONV, json=conversation("angry", risk=0.95), headers=service.as_("qa"))
    deliver_all(service)
    delivery = service.client.get("/api/v1/alerts", headers=service.as_("qa")).json()[0]["delivery"]
    assert delivery["status"] == "pending" and delivery["attempts"] == 1
    assert delivery["last_error"]


def test_backoff_doubles_and_is_capped():
    settings = Settings(alert_backoff_seconds=2, alert_backoff_max_seconds=10)
    assert [backoff(settings, n) for n in (1, 2, 3, 4, 5)] == [2, 4, 8, 10, 10]


def test_queue_filter_and_one_alert_per_call(service, receiver):
    hook = receiver()
    subscribe(service, hook.url, queues=["complaints"])
    service.client.post(CONV, json=conversation("billing", risk=0.9, queue="billing"),
                        headers=service.as_("qa"))
    service.client.post(CONV, json=conversation("c", risk=0.9, queue="complaints"),
                        headers=service.as_("qa"))
    # A later version of the same call (KPIs) does not alert again.
    service.client.post("/api/v1/kpis", headers=service.as_("qa"),
                        json={"calls": [{"conversation_id": "c", "kpis": {"csat": 1}}]})
    deliver_all(service)
    assert [b["conversation_id"] for _, b in hook.calls] == ["c"]


def test_background_deliverer_sends_without_being_asked(make_service, receiver):
    service = make_service(deliverers=1)
    hook = receiver()
    subscribe(service, hook.url)
    service.client.post(CONV, json=conversation("angry", risk=0.99), headers=service.as_("qa"))
    for _ in range(100):
        if hook.calls:
            break
        time.sleep(0.05)
    assert len(hook.calls) == 1


def test_job_callback_goes_through_the_outbox(service, receiver):
    from tests.service.conftest import wav_bytes

    hook = receiver()
    job = service.client.post("/api/v1/jobs", headers=service.as_("qa"), data={
        "callback_url": hook.url, "conversation_id": "rec-9"},
        files={"file": ("a.wav", wav_bytes(), "audio/wav")}).json()
    service.app.state.jobs.run_once()
    deliver_all(service)
    assert len(hook.calls) == 1
    body = hook.calls[0][1]
    assert body["job_id"] == job["id"] and body["status"] == "succeeded"
    assert body["conversation_id"] == "rec-9"


def test_deactivated_subscription_gets_nothing(service, receiver):
    hook = receiver()
    sub = subscribe(service, hook.url)
    assert service.client.delete(f"/api/v1/alerts/subscriptions/{sub['id']}",
                                 headers=service.as_("admin")).status_code == 204
    service.client.post(CONV, json=conversation("angry", risk=0.99), headers=service.as_("qa"))
    deliver_all(service)
    assert hook.calls == []


def test_subscription_without_threshold_uses_the_models_own(service, receiver):
    from qa_engine.alerts import AlertPolicy

    try:
        shipped = AlertPolicy.from_model().threshold
    except Exception:
        pytest.skip("no complaint model metadata installed")
    hook = receiver()
    response = service.client.post("/api/v1/alerts/subscriptions", json={"url": hook.url},
                                   headers=service.as_("admin"))
    assert response.status_code == 201
    assert response.json()["threshold"] is None
    assert response.json()["effective_threshold"] == shipped
    below, above = max(shipped - 0.05, 0.0), min(shipped + 0.05, 1.0)
    service.client.post(CONV, json=conversation("below", risk=below), headers=service.as_("qa"))
    service.client.post(CONV, json=conversation("above", risk=above), headers=service.as_("qa"))
    deliver_all(service)
    assert [b["conversation_id"] for _, b in hook.calls] == ["above"]
    body = hook.calls[0][1]
    # The body is the library's Alert (as the CLI sinks send it) plus the service's fields.
    assert body["probability"] == pytest.approx(above) and body["threshold"] == shipped
    assert body["idempotency_key"] and body["model_version"] == "fake-1"
