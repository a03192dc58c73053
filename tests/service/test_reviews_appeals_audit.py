"""Review (机检正确/不正确) → re-scored version; appeals within the window; the history is
hash-chained and tampering is detected (API and `qa verify-audit-log`)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update
from typer.testing import CliRunner

from service.models import AuditEntry, ConversationRow
from tests.service.conftest import conversation

CONV = "/api/v1/conversations"


def scored(service, cid="c1", **kw):
    response = service.client.post(CONV, json=conversation(cid, **kw), headers=service.as_("qa"))
    assert response.status_code == 201
    return response.json()


def test_incorrect_machine_hit_is_overturned_and_both_versions_kept(service):
    first = scored(service, rude=True)
    response = service.client.post(f"{CONV}/c1/reviews", headers=service.as_("qa"), json={
        "finding": "keywords.forbidden_rude", "verdict": "incorrect", "comment": "客户说的"})
    assert response.status_code == 201, response.text
    review = response.json()
    assert review["value_before"] == 0.0 and review["value_after"] == 1.0
    assert (review["from_version"], review["to_version"]) == (1, 2)
    assert review["score_after"] > review["score_before"] == first["inspection"]["score"]
    now = service.client.get(f"{CONV}/c1", headers=service.as_("agent")).json()
    assert now["version"] == 2 and now["inspection"]["score"] == review["score_after"]
    finding = now["inspection"]["findings"]["keywords"]["items"]["forbidden_rude"]
    assert finding["detail"]["human"]["verdict"] == "incorrect"
    old = service.client.get(f"{CONV}/c1/versions/1", headers=service.as_("qa")).json()
    assert old["inspection"]["score"] == first["inspection"]["score"]
    listed = service.client.get(f"{CONV}/c1/reviews", headers=service.as_("agent")).json()
    assert [r["verdict"] for r in listed] == ["incorrect"]


def test_correct_verdict_makes_a_doubtful_finding_count(service):
    scored(service)
    # Mark a finding doubtful in the stored version, as low ASR confidence would.
    from service import store

    with service.app.state.sessionmaker() as session:
        row = session.get(ConversationRow, "c1")
        findings = store.inspection_of(session, "c1", 1).findings
        findings["keywords"].items["greeting"] = findings["keywords"].items["greeting"].model_copy(
            update={"value": 0.0, "needs_review": True, "review_reason": "asr_low_confidence"})
        store.rescore(session, service.app.state.inspector, row, reason="test", actor="t",
                      findings=findings)
        session.commit()
    before = service.client.get(f"{CONV}/c1", headers=service.as_("qa")).json()
    assert "greeting" in before["inspection"]["needs_review"]
    review = service.client.post(f"{CONV}/c1/reviews", headers=service.as_("qa"), json={
        "finding": "keywords.greeting", "verdict": "correct"}).json()
    assert review["value_after"] == 0.0
    after = service.client.get(f"{CONV}/c1", headers=service.as_("qa")).json()
    assert after["inspection"]["needs_review"] == []
    assert after["inspection"]["score"] < before["inspection"]["score"]


def test_review_of_an_unknown_finding_lists_the_valid_ones(service):
    scored(service)
    response = service.client.post(f"{CONV}/c1/reviews", headers=service.as_("qa"), json={
        "finding": "keywords.nope", "verdict": "incorrect"})
    assert response.status_code == 422 and "keywords.greeting" in response.json()["detail"]
    assert service.client.get(f"{CONV}/c1", headers=service.as_("qa")).json()["version"] == 1


def test_appeal_upheld_rescores_and_history_is_kept(service):
    scored(service, rude=True)
    appeal = service.client.post(f"{CONV}/c1/appeals", headers=service.as_("agent"), json={
        "finding": "keywords.forbidden_rude", "reason": "这是客户说的话"})
    assert appeal.status_code == 201, appeal.text
    appeal = appeal.json()
    assert appeal["status"] == "open" and appeal["agent_id"] == "A1"
    duplicate = service.client.post(f"{CONV}/c1/appeals", headers=service.as_("agent"), json={
        "finding": "keywords.forbidden_rude", "reason": "again"})
    assert duplicate.status_code == 409
    decided = service.client.post(f"/api/v1/appeals/{appeal['id']}/decision",
                                  headers=service.as_("qa"),
                                  json={"decision": "upheld", "comment": "录音确认"}).json()
    assert decided["status"] == "upheld" and decided["resulting_version"] == 2
    again = service.client.post(f"/api/v1/appeals/{appeal['id']}/decision",
                                headers=service.as_("qa"), json={"decision": "rejected"})
    assert again.status_code == 409
    detail = service.client.get(f"{CONV}/c1", headers=service.as_("agent")).json()
    assert [v["reason"] for v in detail["versions"]] == ["scored", "appeal"]
    mine = service.client.get("/api/v1/appeals", headers=service.as_("agent")).json()
    assert [a["status"] for a in mine] == ["upheld"]
    assert service.client.get("/api/v1/appeals", headers=service.as_("agent2")).json() == []


def test_rejected_appeal_keeps_the_score(service):
    scored(service, rude=True)
    appeal = service.client.post(f"{CONV}/c1/appeals", headers=service.as_("agent"), json={
        "finding": "keywords.forbidden_rude", "reason": "不服"}).json()
    service.client.post(f"/api/v1/appeals/{appeal['id']}/decision", headers=service.as_("qa"),
                        json={"decision": "rejected", "comment": "确有此语"})
    assert service.client.get(f"{CONV}/c1", headers=service.as_("qa")).json()["version"] == 1


def test_appeal_window_is_enforced(make_service):
    service = make_service(appeal_window_days=1)
    scored(service)
    with service.app.state.sessionmaker() as session:
        row = session.get(ConversationRow, "c1")
        row.created_at = row.created_at - timedelta(days=2)
        session.commit()
    response = service.client.post(f"{CONV}/c1/appeals", headers=service.as_("agent"), json={
        "finding": "keywords.greeting", "reason": "late"})
    assert response.status_code == 409 and "window closed" in response.json()["detail"]


def test_audit_chain_verifies_and_detects_tampering(service):
    scored(service, rude=True)
    service.client.post(f"{CONV}/c1/reviews", headers=service.as_("qa"), json={
        "finding": "keywords.forbidden_rude", "verdict": "incorrect"})
    appeal = service.client.post(f"{CONV}/c1/appeals", headers=service.as_("agent"), json={
        "finding": "keywords.greeting", "reason": "x"}).json()
    service.client.post(f"/api/v1/appeals/{appeal['id']}/decision", headers=service.as_("qa"),
                        json={"decision": "rejected"})
    log = service.client.get("/api/v1/audit-log", headers=service.as_("qa")).json()
    assert [e["action"] for e in log] == ["review.created", "appeal.created", "appeal.rejected"]
    assert log[1]["prev_hash"] == log[0]["hash"]
    verify = service.client.get("/api/v1/audit-log/verify", headers=service.as_("qa")).json()
    assert verify == {"ok": True, "entries": 3, "problems": []}
    assert _cli_verify(service).exit_code == 0

    with service.app.state.sessionmaker() as session:  # someone edits a verdict in the DB
        session.execute(update(AuditEntry).where(AuditEntry.seq == 1).values(
            payload={**log[0]["payload"], "verdict": "correct"}))
        session.commit()
    verify = service.client.get("/api/v1/audit-log/verify", headers=service.as_("qa")).json()
    assert verify["ok"] is False and "entry 1" in verify["problems"][0]
    result = _cli_verify(service)
    assert result.exit_code == 1 and "TAMPERED: entry 1" in result.output


def test_deleting_the_newest_entry_is_detected(service):
    scored(service)
    service.client.post(f"{CONV}/c1/reviews", headers=service.as_("qa"), json={
        "finding": "keywords.greeting", "verdict": "correct"})
    service.client.post(f"{CONV}/c1/reviews", headers=service.as_("qa"), json={
        "finding": "keywords.empathy", "verdict": "correct"})
    with service.app.state.sessionmaker() as session:
        session.query(AuditEntry).filter(AuditEntry.seq == 2).delete()
        session.commit()
    verify = service.client.get("/api/v1/audit-log/verify", headers=service.as_("qa")).json()
    assert verify["ok"] is False and "tip" in " ".join(verify["problems"])


def _cli_verify(service):
    import typer

    from qa_engine.commands.service import register

    app = typer.Typer()
    register(app)
    settings = service.app.state.settings
    env = {"QA_DATA_DIR": str(settings.data_dir),
           "QA_DATABASE_URL": settings.resolved_database_url}
    return CliRunner().invoke(app, ["verify-audit-log"], env=env)
