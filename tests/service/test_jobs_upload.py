"""POST /jobs: streamed upload with a size cap, sniffed content, durable jobs that are
finished after a crash and never run twice."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import anyio
import pytest

from qa_engine.importers import load_conversation
from service.db import utcnow
from service.jobs import JobRunner
from service.models import ConversationRow, Job
from tests.service.conftest import wav_bytes

URL = "/api/v1/jobs"


def upload(service, data: bytes, name: str = "call.wav", content_type: str = "audio/wav",
           **fields):
    return service.client.post(URL, headers=service.as_("qa"),
                               files={"file": (name, data, content_type)}, data=fields)


def stored_files(service):
    return sorted(p.name for p in service.app.state.settings.upload_dir.iterdir())


def job_rows(service):
    with service.app.state.sessionmaker() as session:
        return session.query(Job).all()


def test_upload_is_accepted_then_scored_by_a_worker(service):
    response = upload(service, wav_bytes(), conversation_id="rec-1", agent_id="A1",
                      queue="billing")
    assert response.status_code == 202, response.text
    job = response.json()
    assert job["status"] == "queued" and job["media_type"] == "audio/wav"
    assert job["filename"] == "call.wav"
    assert service.app.state.jobs.run_once() is True
    done = service.client.get(f"{URL}/{job['id']}", headers=service.as_("qa")).json()
    assert done["status"] == "succeeded" and done["conversation_id"] == "rec-1"
    assert done["attempts"] == 1
    result = service.client.get(f"{URL}/{job['id']}/result", headers=service.as_("qa")).json()
    assert result["inspection"]["agent_id"] == "A1" and result["inspection"]["queue"] == "billing"
    assert service.app.state.jobs.run_once() is False


def test_content_is_sniffed_not_taken_from_the_header(service):
    response = upload(service, b"%PDF-1.7 not audio at all", name="call.wav",
                      content_type="audio/wav")
    assert response.status_code == 415
    assert stored_files(service) == [] and job_rows(service) == []
    # A real WAV sent as text/plain is still a WAV.
    assert upload(service, wav_bytes(), name="x.txt",
                  content_type="text/plain").status_code == 202


@pytest.mark.parametrize("head,media", [
    (b"ID3\x04\x00", "audio/mpeg"), (b"\xff\xfb\x90\x00", "audio/mpeg"),
    (b"fLaC\x00\x00\x00\x22", "audio/flac"), (b"OggS\x00\x02", "audio/ogg"),
    (b"\x00\x00\x00\x20ftypM4A ", "audio/mp4")])
def test_audio_formats_are_recognised_by_magic_bytes(service, head, media):
    response = upload(service, head + b"\x00" * 64, name="x.bin")
    assert response.status_code == 202 and response.json()["media_type"] == media


def test_upload_over_the_cap_is_413_and_nothing_is_kept(make_service):
    service = make_service(max_upload_bytes=10_000)
    response = upload(service, wav_bytes(seconds=2.0))
    assert response.status_code == 413
    assert stored_files(service) == [] and job_rows(service) == []


def test_cap_is_enforced_while_streaming_without_content_length(make_service):
    """Drive the ASGI app directly to count how much of the body it pulls before the 413."""
    service = make_service(max_upload_bytes=10_000)
    boundary = "XyZ"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"a.wav\"\r\nContent-Type: audio/wav\r\n\r\n").encode()
    pulled, sent = [], []

    async def receive():
        pulled.append(1)
        body = head + wav_bytes(0.01) if len(pulled) == 1 else b"\x00" * 4096
        return {"type": "http.request", "body": body, "more_body": len(pulled) < 1000}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": URL, "raw_path": URL.encode(),
             "query_string": b"", "root_path": "", "server": ("testserver", 80),
             "client": ("127.0.0.1", 1234), "headers": [
                 (b"x-api-key", service.keys["qa"].encode()),
                 (b"content-type", f"multipart/form-data; boundary={boundary}".encode())]}
    anyio.run(service.app, scope, receive, send)
    assert sent[0]["status"] == 413
    assert len(pulled) < 10  # ~4 KiB chunks against a 10 kB cap: stopped at once
    assert stored_files(service) == [] and job_rows(service) == []


def test_missing_file_part_and_wrong_body_type(service):
    response = service.client.post(URL, headers=service.as_("qa"), data={"queue": "x"},
                                   files={"other": ("a", b"1", "text/plain")})
    assert response.status_code == 422 and "file" in response.json()["detail"]
    response = service.client.post(URL, headers=service.as_("qa"), json={"file": "x"})
    assert response.status_code == 415


def test_bad_callback_url_is_422_and_nothing_kept(service):
    response = upload(service, wav_bytes(), callback_url="not a url")
    assert response.status_code == 422 and response.json()["detail"].startswith("callback_url")
    assert stored_files(service) == [] and job_rows(service) == []


def test_corrupt_audio_fails_the_job_with_a_message(make_service):
    """The real loader (ASR when installed) on a file that only looks like a WAV."""
    service = make_service(loader=load_conversation)
    job = upload(service, b"RIFF\x10\x00\x00\x00WAVEjunkjunkjunk").json()
    service.app.state.jobs.run_once()
    done = service.client.get(f"{URL}/{job['id']}", headers=service.as_("qa")).json()
    assert done["status"] == "failed"
    assert done["error"] and len(done["error"]) > 10, done
    result = service.client.get(f"{URL}/{job['id']}/result", headers=service.as_("qa"))
    assert result.status_code == 409 and "failed" in result.json()["detail"]


@pytest.mark.slow
def test_real_recording_is_transcribed_and_scored_when_asr_is_installed(make_service):
    pytest.importorskip("qa_engine.asr")
    pytest.importorskip("faster_whisper")
    recording = Path(__file__).resolve().parents[1] / "fixtures" / "audio" / "call_stereo_8k_ulaw.wav"
    if not recording.exists():
        pytest.skip("ASR fixture recording not present")
    service = make_service(loader=load_conversation)
    job = upload(service, recording.read_bytes(), conversation_id="asr-1").json()
    service.app.state.jobs.run_once()
    done = service.client.get(f"{URL}/{job['id']}", headers=service.as_("qa")).json()
    assert done["status"] == "succeeded", done["error"]
    result = service.client.get(f"{URL}/{job['id']}/result", headers=service.as_("qa")).json()
    assert result["inspection"]["utterance_count"] > 0
    assert result["inspection"]["conversation_id"] == "asr-1"


def test_job_accepted_before_a_crash_is_finished_after_restart(make_service, tmp_path):
    first = make_service(job_lease_seconds=30)
    job = upload(first, wav_bytes(), conversation_id="crashed").json()
    # The first process claimed the job and died mid-way: its lease is left to run out.
    dead = JobRunner(first.app.state.sessionmaker, first.app.state.inspector,
                     first.app.state.settings, threading.Semaphore(1))
    assert dead.claim().id == job["id"]
    with first.app.state.sessionmaker() as session:
        row = session.get(Job, job["id"])
        row.lease_expires_at = utcnow() - timedelta(seconds=1)
        session.commit()
    first.client.__exit__(None, None, None)

    second = make_service(job_workers=1)  # same data dir and database: a restart
    for _ in range(200):
        status = second.client.get(f"{URL}/{job['id']}", headers=second.as_("qa")).json()
        if status["status"] in ("succeeded", "failed"):
            break
        threading.Event().wait(0.05)
    assert status["status"] == "succeeded" and status["attempts"] == 2
    with second.app.state.sessionmaker() as session:
        assert session.query(ConversationRow).filter_by(id="crashed").count() == 1


def test_two_workers_never_take_the_same_job(service):
    for i in range(6):
        upload(service, wav_bytes(), conversation_id=f"c{i}")
    state = service.app.state
    runners = [JobRunner(state.sessionmaker, state.inspector, state.settings,
                         threading.Semaphore(2), loader=state.jobs.loader) for _ in range(3)]
    claimed: list[str] = []
    lock = threading.Lock()

    def work(runner):
        while (job := runner.claim()) is not None:
            with lock:
                claimed.append(job.id)
            runner._run(job)

    threads = [threading.Thread(target=work, args=(r,)) for r in runners]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(claimed) == 6 and len(set(claimed)) == 6
    assert all(j.status == "succeeded" and j.attempts == 1 for j in job_rows(service))


def test_a_job_that_keeps_crashing_the_worker_is_given_up(make_service):
    service = make_service(job_max_attempts=2)
    job = upload(service, wav_bytes()).json()
    with service.app.state.sessionmaker() as session:
        row = session.get(Job, job["id"])
        row.status, row.attempts = "running", 2
        row.lease_expires_at = utcnow() - timedelta(seconds=1)
        session.commit()
    assert service.app.state.jobs.run_once() is False
    done = service.client.get(f"{URL}/{job['id']}", headers=service.as_("qa")).json()
    assert done["status"] == "failed" and "gave up" in done["error"]
