"""Jobs: a recording without speech fails clearly; the 202 names the conversation and its
result URL; finished uploads are deleted, stale ``.part`` files too; errors show no
server paths; the database and uploads are private files."""

from __future__ import annotations

import os
import stat
import time

from qa_engine.conversation import Conversation
from tests.service.conftest import wav_bytes
from tests.service.test_jobs_upload import stored_files, upload


def silent_loader(path):
    return Conversation(id=path.stem, utterances=[])


def test_a_recording_with_no_speech_is_a_failed_job_with_a_clear_error(make_service):
    service = make_service(loader=silent_loader)
    job = upload(service, wav_bytes(), conversation_id="quiet").json()
    assert service.app.state.jobs.run_once()
    done = service.client.get(f"/api/v1/jobs/{job['id']}", headers=service.as_("qa")).json()
    assert done["status"] == "failed" and "0 utterances" in done["error"]
    assert done["result_url"] is None


def test_202_names_the_conversation_and_its_result_url(service):
    job = upload(service, wav_bytes(), conversation_id="rec-7").json()
    assert job["conversation_id"] == "rec-7"
    assert job["result_url"] == "/api/v1/conversations/rec-7"
    default = upload(service, wav_bytes()).json()
    assert default["conversation_id"] == default["id"]


def test_upload_is_deleted_after_its_job_unless_kept(make_service):
    service = make_service()
    upload(service, wav_bytes(), conversation_id="r1")
    assert len(stored_files(service)) == 1
    assert service.app.state.jobs.run_once()
    assert stored_files(service) == []


def test_kept_uploads_stay(make_service):
    service = make_service(keep_uploads=True)
    upload(service, wav_bytes(), conversation_id="r1")
    assert service.app.state.jobs.run_once()
    assert len(stored_files(service)) == 1


def test_stale_part_files_are_removed_at_startup(make_service, tmp_path):
    uploads = tmp_path / "data" / "uploads"
    uploads.mkdir(parents=True)
    stale, fresh = uploads / "dead.part", uploads / "live.part"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"y")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    make_service()
    assert not stale.exists() and fresh.exists()


def test_job_errors_do_not_show_server_paths(make_service):
    def failing_loader(path):
        raise ValueError(f"cannot decode {path.resolve()} (see /usr/lib/x/codec.so)")

    service = make_service(loader=failing_loader)
    job = upload(service, wav_bytes(), name="mine.wav").json()
    service.app.state.jobs.run_once()
    error = service.client.get(f"/api/v1/jobs/{job['id']}",
                               headers=service.as_("qa")).json()["error"]
    assert "mine.wav" in error and "/usr" not in error and str(service.app.state.settings
                                                               .data_dir) not in error


def test_database_and_uploads_are_private_files(make_service, tmp_path):
    service = make_service(database_url=None, keep_uploads=True)
    upload(service, wav_bytes(), conversation_id="r1")
    db = tmp_path / "data" / "qa.sqlite3"
    [stored] = list((tmp_path / "data" / "uploads").iterdir())
    for path in (db, stored):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, f"{path.name} is {oct(mode)}"
