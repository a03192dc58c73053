"""Upload a recording (multipart) → 202 + job; list and poll jobs; fetch a result; cancel."""

from __future__ import annotations

import os
import uuid
from datetime import datetime
from typing import Annotated
from pathlib import Path

import anyio
from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import HttpUrl, TypeAdapter, ValidationError
from sqlalchemy import select

from service import audit, jobs, limits, store
from service.api.deps import QaUser, SessionDep, SettingsDep, StaffUser
from service.api.routes.common import AUTH_ERRORS, INVALID, NOT_FOUND, check_outbound
from service.db import transaction
from service.models import ConversationRow, Job
from service.schemas import ErrorOut, JobOut, ScoredConversation
from service.uploads import receive_upload

router = APIRouter(prefix="/jobs", tags=["jobs"])

UPLOAD_BODY = {
    "required": True,
    "content": {"multipart/form-data": {
        "schema": {
            "type": "object", "required": ["file"],
            "properties": {
                "file": {"type": "string", "format": "binary",
                         "description": "The recording: WAV, MP3, FLAC, Ogg, M4A or AMR "
                                        "(sniffed from its bytes)."},
                "conversation_id": {"type": "string", "description": "Default: the job id."},
                "agent_id": {"type": "string"}, "queue": {"type": "string"},
                "started_at": {"type": "string", "format": "date-time"},
                "channel": {"type": "string"},
                "callback_url": {"type": "string", "format": "uri",
                                 "description": "POSTed the job's outcome when it finishes."}},
            "examples": [{"file": "(binary)", "conversation_id": "call-0001",
                          "agent_id": "A1024", "queue": "billing",
                          "callback_url": "https://pbx.example.com/qa-done"}]}}}}
_URL = TypeAdapter(HttpUrl)
_TIME = TypeAdapter(datetime)


def job_out(job: Job) -> JobOut:
    return JobOut(id=job.id, status=job.status, filename=job.filename, size_bytes=job.size_bytes,
                  media_type=job.media_type, conversation_id=job.conversation_id,
                  error=job.error, attempts=job.attempts, callback_url=job.callback_url,
                  created_at=job.created_at, started_at=job.started_at,
                  finished_at=job.finished_at,
                  result_url=f"/api/v1/conversations/{job.conversation_id}"
                  if job.conversation_id and job.status not in ("failed", "cancelled")
                  else None)


def _check_fields(fields: dict[str, str]) -> None:
    for name, value in fields.items():
        if "\x00" in value:
            raise HTTPException(422, f"{name}: contains a NUL character")
    for name, adapter in (("callback_url", _URL), ("started_at", _TIME)):
        if fields.get(name):
            try:
                value = adapter.validate_python(fields[name])
            except ValidationError as exc:
                raise HTTPException(422, f"{name}: {exc.errors()[0]['msg']}") from None
            if name == "started_at":
                limits.check_time(value, name)
    if fields.get("conversation_id"):
        limits.check_id(fields["conversation_id"], "conversation_id")
    for name in ("agent_id", "queue", "channel"):
        limits.check_name(fields.get(name) or None, name)


@router.post(
    "", response_model=JobOut, status_code=202, openapi_extra={"requestBody": UPLOAD_BODY},
    summary="Upload a recording to transcribe and score",
    responses={**AUTH_ERRORS, **INVALID,
               413: {"model": ErrorOut, "description": "Larger than QA_MAX_UPLOAD_BYTES"},
               415: {"model": ErrorOut, "description": "Not a recording (content sniffed)"}})
async def upload_recording(request: Request, user: QaUser, settings: SettingsDep) -> JobOut:
    """Accept a recording and queue it; poll ``GET /jobs/{id}`` or pass ``callback_url``.

    The job survives a restart of the service: it is stored before the 202 is sent.
    """
    job_id = str(uuid.uuid4())
    partial = settings.upload_dir / f"{job_id}.part"
    upload = await receive_upload(request, partial, settings.max_upload_bytes)
    final = settings.upload_dir / f"{job_id}{upload.suffix}"
    try:
        _check_fields(upload.fields)
        if upload.fields.get("callback_url"):
            await anyio.to_thread.run_sync(check_outbound, request,
                                           upload.fields["callback_url"], "callback_url")
        os.replace(partial, final)
        fields = upload.fields
        job = Job(id=job_id, status="queued", filename=upload.filename,
                  conversation_id=fields.get("conversation_id") or job_id,
                  stored_path=str(final.resolve()), size_bytes=upload.size,
                  media_type=upload.media_type, sha256=upload.sha256,
                  metadata_={k: v for k, v in fields.items() if k != "callback_url" and v},
                  callback_url=fields.get("callback_url") or None, created_by=user.actor)

        def save() -> JobOut:
            with transaction(request.app.state.sessionmaker) as session:
                session.add(job)
                session.flush()
                return job_out(job)

        out = await anyio.to_thread.run_sync(save)
    except BaseException:
        for path in (partial, final):
            if path.exists():
                os.unlink(path)
        raise
    request.app.state.jobs.wake()
    return out


JOB_STATUSES = ("queued", "running", "succeeded", "failed", "cancelled")


@router.get("", response_model=list[JobOut], summary="Recent jobs, newest first",
            responses={**AUTH_ERRORS, **INVALID})
def list_jobs(session: SessionDep, user: StaffUser,
              status: Annotated[str | None, Query(
                  description="Only jobs in this state: " + " | ".join(JOB_STATUSES))] = None,
              limit: Annotated[int, Query(ge=1, le=500)] = 50) -> list[JobOut]:
    if status is not None and status not in JOB_STATUSES:
        raise HTTPException(422, f"status: '{status}' is not one of {', '.join(JOB_STATUSES)}")
    query = select(Job).order_by(Job.created_at.desc(), Job.id).limit(limit)
    if status is not None:
        query = query.where(Job.status == status)
    return [job_out(job) for job in session.scalars(query)]


@router.get("/{job_id}", response_model=JobOut, summary="A job's status",
            responses={**AUTH_ERRORS, **NOT_FOUND})
def get_job(job_id: str, session: SessionDep, user: StaffUser) -> JobOut:
    job = session.get(Job, job_id)
    if job is None:
        raise HTTPException(404, f"job '{job_id}' not found")
    return job_out(job)


@router.get("/{job_id}/result", response_model=ScoredConversation,
            summary="The scored conversation a finished job produced",
            responses={**AUTH_ERRORS, **NOT_FOUND,
                       409: {"model": ErrorOut, "description": "Job not finished or failed"}})
def get_job_result(job_id: str, session: SessionDep, user: StaffUser) -> ScoredConversation:
    job = session.get(Job, job_id)
    if job is None:
        raise HTTPException(404, f"job '{job_id}' not found")
    if job.status != "succeeded":
        raise HTTPException(409, f"job '{job_id}' is {job.status}" +
                            (f": {job.error}" if job.error else ""))
    row = session.get(ConversationRow, job.conversation_id)
    return ScoredConversation(conversation_id=row.id, version=row.version,
                              inspection=store.inspection_of(session, row.id, row.version))


@router.post("/{job_id}/cancel", response_model=JobOut, summary="Cancel a queued or running job",
             responses={**AUTH_ERRORS, **NOT_FOUND,
                        409: {"model": ErrorOut, "description": "The job has already finished"}})
def cancel_job(job_id: str, request: Request, session: SessionDep, user: QaUser,
               settings: SettingsDep) -> JobOut:
    """A queued job is never run; a running one stores nothing and its worker stops at the
    next stage it reaches. The recording is deleted (unless ``QA_KEEP_UPLOADS``), a
    callback hears ``cancelled``, and the audit trail records who cancelled it."""
    job = session.get(Job, job_id, with_for_update=True)
    if job is None:
        raise HTTPException(404, f"job '{job_id}' not found")
    if job.status in jobs.FINISHED:
        raise HTTPException(409, f"job '{job_id}' has already finished: {job.status}")
    was = job.status
    jobs.cancel(session, job)
    audit.append(session, actor=user.actor, action="job.cancelled", subject=f"job:{job.id}",
                 payload={"was": was, "filename": job.filename})
    session.commit()
    if was == "queued" and not settings.keep_uploads:
        Path(job.stored_path).unlink(missing_ok=True)  # a running job's worker deletes it
    request.app.state.outbox.wake()
    return job_out(job)
