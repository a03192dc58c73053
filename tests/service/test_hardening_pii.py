"""Personal data is masked in what the service stores and sends — transcript, inspection
evidence, alerts — with evidence spans still pointing at the right characters; roles in
QA_PII_ORIGINALS_FOR see the original transcript."""

from __future__ import annotations

from tests.service.conftest import RUDE, conversation
from tests.service.test_alerts_delivery import deliver_all, receiver, subscribe  # noqa: F401

CONV = "/api/v1/conversations"
PHONE = "幺三八一二三四五六七八"


def with_pii(cid="p1", **kw):
    body = conversation(cid, rude=True, **kw)
    body["utterances"][0]["text"] = f"请记一下{PHONE}，{RUDE}"
    body["utterances"][1]["text"] = "我的手机13812345678，邮箱a.b@qq.com"
    return body


def test_stored_transcript_inspection_and_evidence_are_masked(service):
    response = service.client.post(CONV, json=with_pii(), headers=service.as_("qa"))
    assert response.status_code == 201
    assert PHONE not in response.text and "13812345678" not in response.text
    detail = service.client.get(f"{CONV}/p1", headers=service.as_("qa")).json()
    texts = [u["text"] for u in detail["conversation"]["utterances"]]
    assert texts[0] == f"请记一下{'*' * len(PHONE)}，{RUDE}"
    assert "13812345678" not in texts[1] and "a.b@qq.com" not in texts[1]
    # Evidence spans still point at the right characters of the masked text.
    hit = detail["inspection"]["findings"]["keywords"]["items"]["forbidden_rude"]["evidence"][0]
    a, b = hit["span"]
    assert texts[hit["utterance"]][a:b] == hit["text"] == RUDE
    risk = detail["inspection"]["findings"]["complaint_risk"]["items"]["risk"]["evidence"][0]
    assert "13812345678" not in risk["text"] and risk["text"] == texts[1]


def test_alerts_and_webhooks_carry_masked_text(service, receiver):
    hook = receiver()
    subscribe(service, hook.url, threshold=0.5)
    service.client.post(CONV, json=with_pii("p2", risk=0.9), headers=service.as_("qa"))
    deliver_all(service)
    alerts = service.client.get("/api/v1/alerts", headers=service.as_("supervisor")).text
    assert "13812345678" not in alerts and "*" * 11 in alerts
    assert hook.calls and "13812345678" not in str(hook.calls[0][1])


def test_originals_kept_for_named_roles_only(make_service):
    service = make_service(pii_originals_for=["admin"])
    service.client.post(CONV, json=with_pii(), headers=service.as_("qa"))
    admin = service.client.get(f"{CONV}/p1", headers=service.as_("admin")).json()
    qa = service.client.get(f"{CONV}/p1", headers=service.as_("qa")).json()
    assert PHONE in admin["conversation"]["utterances"][0]["text"]
    assert PHONE not in qa["conversation"]["utterances"][0]["text"]
    assert PHONE not in str(admin["inspection"])


def test_masking_can_be_switched_off(make_service):
    service = make_service(pii_redaction=False)
    service.client.post(CONV, json=with_pii(), headers=service.as_("qa"))
    detail = service.client.get(f"{CONV}/p1", headers=service.as_("qa")).json()
    assert PHONE in detail["conversation"]["utterances"][0]["text"]
