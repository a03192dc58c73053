"""The deliverer is woken for a raised alert (not for every scored call)."""

from __future__ import annotations

import time

from tests.service.conftest import conversation
from tests.service.test_alerts_delivery import CONV, receiver, subscribe  # noqa: F401


def test_an_alert_wakes_the_deliverer_and_a_calm_call_does_not(make_service, receiver,  # noqa: F811
                                                               monkeypatch):
    # Polling once a minute: only a wake-up can deliver within the test.
    service = make_service(deliverers=1, poll_interval_seconds=60)
    outbox = service.app.state.outbox
    wakes = []
    real_wake = outbox.wake
    monkeypatch.setattr(outbox, "wake", lambda: (wakes.append(1), real_wake()))
    hook = receiver()
    subscribe(service, hook.url, threshold=0.7)
    service.client.post(CONV, json=conversation("calm", risk=0.2), headers=service.as_("qa"))
    assert wakes == []
    service.client.post(CONV, json=conversation("angry", risk=0.9), headers=service.as_("qa"))
    assert wakes == [1]
    for _ in range(200):
        if hook.calls:
            break
        time.sleep(0.05)
    assert [body["conversation_id"] for _, body in hook.calls] == ["angry"]
