"""Outbound URL policy: webhooks and job callbacks refuse loopback in every spelling,
private, link-local, multicast and metadata targets (422, nothing stored), after DNS
resolution; delivery checks again and never follows a redirect."""

from __future__ import annotations

import pytest

from service.urlpolicy import UrlPolicy, UrlRefused
from tests.service.conftest import conversation, wav_bytes
from tests.service.test_alerts_delivery import Receiver, deliver_all, subscribe

SUBS = "/api/v1/alerts/subscriptions"
REFUSED = [
    "http://127.0.0.1/hook", "http://127.1/hook", "http://2130706433/hook",
    "http://0x7f000001/hook", "http://0177.0.0.1/hook", "http://0x7f.1/hook",
    "http://[::ffff:127.0.0.1]/hook", "http://[::1]/hook", "http://[::]/hook",
    "http://0.0.0.0/hook", "http://localhost:8000/hook", "http://foo.localhost/hook",
    "http://10.0.0.5/hook", "http://172.16.3.4/hook", "http://192.168.1.1/hook",
    "http://[fd00::1]/hook", "http://[fe80::1]/hook", "http://169.254.169.254/latest/meta-data",
    "http://[::ffff:169.254.169.254]/", "http://100.100.100.200/", "http://224.0.0.1/hook",
    "http://[ff02::1]/hook", "http://metadata.google.internal/computeMetadata/v1/",
    "http://metadata/", "http://instance-data/latest/", "http://testserver/api/v1/keys",
    "ftp://example.com/hook", "http://[2002:7f00:1::]/hook",
]


def fake_dns(table):
    def resolve(host, port):
        if host not in table:
            raise UrlRefused(f"host '{host}' does not resolve")
        return table[host]
    return resolve


def test_subscription_to_a_non_public_target_is_422_and_not_stored(make_service):
    service = make_service(outbound_allow=[])
    accepted = []
    for url in REFUSED:  # one service for every spelling: each is refused on its own
        response = service.client.post(SUBS, headers=service.as_("supervisor"),
                                       json={"url": url, "threshold": 0.5})
        if response.status_code != 422 or "url" not in response.json()["detail"]:
            accepted.append((url, response.status_code))
    assert accepted == []
    listed = service.client.get(SUBS, headers=service.as_("supervisor"))
    assert listed.status_code == 200 and listed.json() == []


@pytest.mark.parametrize("url", ["http://127.1:9/done", "http://[::ffff:127.0.0.1]/",
                                 "http://169.254.169.254/"])
def test_job_callback_to_a_non_public_target_is_422(make_service, url):
    service = make_service(outbound_allow=[])
    response = service.client.post("/api/v1/jobs", headers=service.as_("qa"),
                                   files={"file": ("a.wav", wav_bytes(), "audio/wav")},
                                   data={"callback_url": url})
    assert response.status_code == 422, response.text
    assert response.json()["detail"].startswith("callback_url")
    assert not list((service.app.state.settings.upload_dir).glob("*"))


def test_names_are_checked_after_dns_resolution():
    policy = UrlPolicy([], resolver=fake_dns({
        "rebind.example": ["93.184.216.34", "127.0.0.1"], "good.example": ["93.184.216.34"],
        "v6.example": ["::ffff:10.0.0.1"]}))
    assert policy.check("https://good.example/hook").address == "93.184.216.34"
    for url in ("https://rebind.example/x", "https://v6.example/x", "https://nowhere.example/"):
        with pytest.raises(UrlRefused):
            policy.check(url)


def test_allow_list_admits_named_hosts_and_cidrs_only():
    policy = UrlPolicy(["10.1.2.0/24", "hooks.corp.lan"], resolver=fake_dns({
        "hooks.corp.lan": ["10.9.9.9"], "other.corp.lan": ["10.9.9.9"]}))
    assert policy.check("http://10.1.2.7:8080/h").address == "10.1.2.7"
    assert policy.check("http://hooks.corp.lan/h").address == "10.9.9.9"
    for url in ("http://10.1.3.7/h", "http://other.corp.lan/h", "http://127.0.0.1/h"):
        with pytest.raises(UrlRefused):
            policy.check(url)
    with pytest.raises(UrlRefused, match="own API"):
        policy.check("http://10.1.2.7:8000/api/v1/keys", own=["10.1.2.7:8000"])


def test_delivery_checks_again_and_does_not_follow_redirects(make_service):
    inner = Receiver()
    outer = Receiver(statuses=[302])
    service = make_service(outbound_allow=["127.0.0.1/32"], alert_max_attempts=1)
    subscribe(service, outer.url, threshold=0.5)
    try:
        # The policy tightens after the subscription was stored: delivery refuses it.
        service.client.post("/api/v1/conversations", json=conversation("r1", risk=0.9),
                            headers=service.as_("qa"))
        service.app.state.outbox.policy = UrlPolicy([])
        deliver_all(service)
        alerts = service.client.get("/api/v1/alerts", headers=service.as_("supervisor")).json()
        assert alerts[0]["delivery"]["status"] == "failed"
        assert "outbound URL policy" in alerts[0]["delivery"]["last_error"]
        assert outer.calls == []
        # Allowed again: a redirect is an error, its target is never called.
        service.app.state.outbox.policy = UrlPolicy(["127.0.0.1/32"])
        service.client.post("/api/v1/conversations", json=conversation("r2", risk=0.9),
                            headers=service.as_("qa"))
        deliver_all(service)
        alerts = service.client.get("/api/v1/alerts?conversation_id=r2",
                                    headers=service.as_("supervisor")).json()
        assert len(outer.calls) == 1 and inner.calls == []
        assert "redirect" in alerts[0]["delivery"]["last_error"]
        headers, body = outer.calls[0]
        assert body["idempotency_key"] == headers["Idempotency-Key"]
    finally:
        inner.close()
        outer.close()


def test_the_in_flight_webhook_lease_is_a_setting(make_service):
    from service.db import utcnow

    service = make_service(webhook_lease_seconds=5)
    subscribe(service, "http://127.0.0.1:9/h", threshold=0.5)
    service.client.post("/api/v1/conversations", json=conversation("l1", risk=0.9),
                        headers=service.as_("qa"))
    message = service.app.state.outbox.claim()
    left = (message.lease_expires_at - utcnow()).total_seconds()
    assert 0 < left <= 5
