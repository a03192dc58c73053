"""The recordings page (/ui/recordings) and GET /jobs: staff see the uploads and their
state; qa cancels a queued job from the page through the API's own route (audited)."""

from __future__ import annotations

import re

from .conftest import wav_bytes
from .test_web_pages import csrf_in, sign_in

JOBS = "/api/v1/jobs"


def upload(service, conversation_id: str) -> dict:
    response = service.client.post(JOBS, headers=service.as_("qa"), data={
        "conversation_id": conversation_id}, files={"file": ("call.wav", wav_bytes(), "audio/wav")})
    assert response.status_code == 202, response.text
    return response.json()


def test_jobs_list_newest_first_and_filtered_by_status(service):
    first = upload(service, "rec-a")
    assert service.app.state.jobs.run_once() is True
    second = upload(service, "rec-b")
    listed = service.client.get(JOBS, headers=service.as_("supervisor")).json()
    assert [j["id"] for j in listed] == [second["id"], first["id"]]
    queued = service.client.get(JOBS, params={"status": "queued"},
                                headers=service.as_("qa")).json()
    assert [j["id"] for j in queued] == [second["id"]]
    bad = service.client.get(JOBS, params={"status": "done"}, headers=service.as_("qa"))
    assert bad.status_code == 422 and "not one of" in bad.json()["detail"]
    assert service.client.get(JOBS, headers=service.as_("agent")).status_code == 403


def test_recordings_page_lists_jobs_and_cancels_a_queued_one(service):
    done = upload(service, "rec-done")
    service.app.state.jobs.run_once()
    waiting = upload(service, "rec-wait")
    client = sign_in(service, "qa")
    page = client.get("/ui/recordings")
    assert page.status_code == 200
    rows = dict(re.findall(r'id="job-([^"]+)" data-status="([^"]+)"', page.text))
    assert rows == {done["id"]: "succeeded", waiting["id"]: "queued"}
    assert "/ui/calls/rec-done" in page.text  # a finished job links to its call
    forms = re.findall(r'action="/ui/recordings/([^/]+)/cancel"', page.text)
    assert forms == [waiting["id"]]  # only what has not finished can be cancelled
    after = client.post(f"/ui/recordings/{waiting['id']}/cancel", data={"csrf": csrf_in(page.text)})
    assert after.status_code == 200
    assert f'id="job-{waiting["id"]}" data-status="cancelled"' in after.text
    log = service.client.get("/api/v1/audit-log", headers=service.as_("qa")).json()
    assert log[-1]["action"] == "job.cancelled" and log[-1]["subject"] == f"job:{waiting['id']}"


def test_a_supervisor_sees_recordings_but_cannot_cancel(service):
    waiting = upload(service, "rec-sup")
    client = sign_in(service, "supervisor")
    page = client.get("/ui/recordings")
    assert page.status_code == 200 and f'id="job-{waiting["id"]}"' in page.text
    assert "cancel-form" not in page.text
    refused = client.post(f"/ui/recordings/{waiting['id']}/cancel",
                          data={"csrf": csrf_in(page.text)})
    assert refused.status_code == 403
    agent = sign_in(service, "agent")
    assert agent.get("/ui/recordings").status_code == 403
