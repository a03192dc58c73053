"""The audit chain is keyed (HMAC, key outside the database): an edit re-chained without
the key is detected by the API and `qa verify-audit-log`; key and subscription changes are
audited; a revoked key stops working at once in every server process."""

from __future__ import annotations

import hashlib
import hmac
import json
import stat

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from typer.testing import CliRunner

from service.api.deps import get_conversation_loader, get_inspector
from service.main import create_app
from service.models import AuditEntry, AuditHead
from tests.service.conftest import conversation, fake_inspector, fake_loader
from tests.service.test_reviews_appeals_audit import _cli_verify

CONV = "/api/v1/conversations"


def _rechain(session, key: bytes | None) -> None:
    """What an operator with write access would do: edit entry 1, recompute every hash
    (plain SHA-256 when ``key`` is None, as the old chain was) and move the tip."""
    prev = "0" * 64
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
        payload = dict(entry.payload)
        if entry.seq == 1:
            payload["verdict"] = "correct"
        body = json.dumps({"seq": entry.seq, "at": entry.at.isoformat(), "actor": entry.actor,
                           "action": entry.action, "subject": entry.subject,
                           "payload": payload},
                          sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        data = (prev + body).encode()
        digest = (hmac.new(key, data, hashlib.sha256).hexdigest() if key
                  else hashlib.sha256(data).hexdigest())
        session.execute(update(AuditEntry).where(AuditEntry.seq == entry.seq).values(
            payload=payload, prev_hash=prev, hash=digest))
        prev = digest
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(hash=prev))
    session.commit()


def _reviewed(service) -> None:
    service.client.post(CONV, json=conversation("c1", rude=True), headers=service.as_("qa"))
    for finding in ("keywords.forbidden_rude", "keywords.greeting"):
        assert service.client.post(f"{CONV}/c1/reviews", headers=service.as_("qa"), json={
            "finding": finding, "verdict": "incorrect"}).status_code == 201


def test_an_edit_rechained_without_the_key_is_detected(service):
    _reviewed(service)
    assert _cli_verify(service).exit_code == 0
    with service.app.state.sessionmaker() as session:
        _rechain(session, key=None)
    verify = service.client.get("/api/v1/audit-log/verify", headers=service.as_("qa")).json()
    assert verify["ok"] is False and "entry 1" in verify["problems"][0]
    result = _cli_verify(service)
    assert result.exit_code == 1 and "TAMPERED: entry 1" in result.output


def test_an_edit_rechained_under_a_guessed_key_is_detected(service):
    _reviewed(service)
    with service.app.state.sessionmaker() as session:
        _rechain(session, key=b"guessed-key-0000000000")
    assert _cli_verify(service).exit_code == 1


def test_the_key_lives_in_a_private_file_outside_the_database(service):
    key_file = service.app.state.settings.data_dir / "audit.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(key_file.read_text().strip()) >= 32


def test_key_and_subscription_changes_are_audited(service):
    admin, sup = service.as_("admin"), service.as_("supervisor")
    created = service.client.post("/api/v1/keys", headers=admin,
                                  json={"role": "qa", "name": "x"}).json()
    assert service.client.delete(f"/api/v1/keys/{created['id']}", headers=admin).status_code == 204
    sub = service.client.post("/api/v1/alerts/subscriptions", headers=sup, json={
        "url": "http://127.0.0.1:9/h", "threshold": 0.5}).json()
    service.client.delete(f"/api/v1/alerts/subscriptions/{sub['id']}", headers=sup)
    log = service.client.get("/api/v1/audit-log", headers=service.as_("qa")).json()
    assert [e["action"] for e in log] == ["key.created", "key.revoked", "subscription.created",
                                          "subscription.deactivated"]
    assert log[1]["subject"] == f"key:{created['id']}"
    assert "key" not in log[0]["payload"]  # the secret is never logged
    assert service.client.get("/api/v1/audit-log/verify", headers=admin).json()["ok"]


def test_revocation_holds_at_once_in_another_server_process(make_service):
    """Two apps on one database stand in for ``qa serve --workers 2``."""
    first = make_service()
    settings = first.app.state.settings
    other = create_app(settings)
    inspector = fake_inspector()
    other.dependency_overrides[get_inspector] = lambda: inspector
    other.dependency_overrides[get_conversation_loader] = lambda: fake_loader
    with TestClient(other) as second:
        made = first.client.post("/api/v1/keys", headers=first.as_("admin"),
                                 json={"role": "qa"}).json()
        key = {"X-API-Key": made["key"]}
        assert second.get(CONV, headers=key).status_code == 200  # seen (and cached) there
        assert first.client.delete(f"/api/v1/keys/{made['id']}",
                                   headers=first.as_("admin")).status_code == 204
        assert second.get(CONV, headers=key).status_code == 401


def test_cli_key_creation_is_audited(service):
    import typer

    from qa_engine.commands.service import register

    app = typer.Typer()
    register(app)
    settings = service.app.state.settings
    env = {"QA_DATA_DIR": str(settings.data_dir),
           "QA_DATABASE_URL": settings.resolved_database_url}
    result = CliRunner().invoke(app, ["keys", "create", "--role", "qa"], env=env)
    assert result.exit_code == 0, result.output
    log = service.client.get("/api/v1/audit-log", headers=service.as_("qa")).json()
    assert [e["action"] for e in log] == ["key.created"] and log[0]["actor"] == "cli"
    assert _cli_verify(service).exit_code == 0
