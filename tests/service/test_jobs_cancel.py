"""POST /jobs/{id}/cancel: a queued job never runs, a running job stores nothing, the
recording is deleted, a callback hears "cancelled" and the audit trail says who did it."""

from __future__ import annotations

from service.models import ConversationRow, Job, OutboxMessage
from tests.service.conftest import wav_bytes

URL = "/api/v1/jobs"


def upload(service, **fields) -> dict:
    response = service.client.post(URL, headers=service.as_("qa"),
                                   files={"file": ("call.wav", wav_bytes(), "audio/wav")},
                                   data=fields)
    assert response.status_code == 202, response.text
    return response.json()


def cancel(service, job_id: str, role: str = "qa"):
    return service.client.post(f"{URL}/{job_id}/cancel", headers=service.as_(role))


def uploads(service) -> list[str]:
    return sorted(p.name for p in service.app.state.settings.upload_dir.iterdir())


def test_a_cancelled_queued_job_never_runs(service):
    job = upload(service, conversation_id="never")
    response = cancel(service, job["id"])
    assert response.status_code == 200, response.text
    out = response.json()
    assert out["status"] == "cancelled" and out["finished_at"] and out["result_url"] is None
    assert uploads(service) == []
    assert service.app.state.jobs.run_once() is False  # nothing left to claim
    with service.app.state.sessionmaker() as session:
        assert session.get(ConversationRow, "never") is None
    result = service.client.get(f"{URL}/{job['id']}/result", headers=service.as_("qa"))
    assert result.status_code == 409 and "cancelled" in result.json()["detail"]
    again = cancel(service, job["id"])
    assert again.status_code == 409 and "already finished" in again.json()["detail"]
    log = service.client.get("/api/v1/audit-log", headers=service.as_("qa")).json()
    assert [(e["action"], e["subject"], e["payload"]["was"]) for e in log] == [
        ("job.cancelled", f"job:{job['id']}", "queued")]


def test_a_job_cancelled_while_running_stores_nothing(service):
    job = upload(service, conversation_id="mid-way", callback_url="http://127.0.0.1:9/done")
    runner = service.app.state.jobs
    claimed = runner.claim()  # a worker has taken it and is transcribing
    assert claimed.id == job["id"]
    assert cancel(service, job["id"]).json()["status"] == "cancelled"
    assert uploads(service) != []  # the worker still reads it; it deletes it when it stops
    runner._run(claimed)
    runner._discard_upload(claimed)
    with service.app.state.sessionmaker() as session:
        assert session.get(ConversationRow, "mid-way") is None
        assert session.get(Job, job["id"]).status == "cancelled"
        callbacks = [m.payload for m in session.query(OutboxMessage).filter_by(kind="job")]
    assert [(c["job_id"], c["status"], c["result_url"]) for c in callbacks] == [
        (job["id"], "cancelled", None)]
    assert uploads(service) == []


def test_cancel_needs_a_qa_key_and_a_known_job(service):
    job = upload(service)
    assert cancel(service, job["id"], role="agent").status_code == 403
    assert cancel(service, "no-such-job").status_code == 404
    assert service.client.get(f"{URL}/{job['id']}", headers=service.as_("qa")).json()[
        "status"] == "queued"


def test_a_finished_job_cannot_be_cancelled(service):
    job = upload(service, conversation_id="done")
    assert service.app.state.jobs.run_once() is True
    response = cancel(service, job["id"])
    assert response.status_code == 409 and "succeeded" in response.json()["detail"]
