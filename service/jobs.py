"""The durable job queue for uploaded recordings, worked by a few threads.

A job is claimed by a status transition (``queued`` → ``running``) in one UPDATE, so two
workers — threads or processes sharing a database — never take the same job. The claim
carries a lease that the owner keeps renewing; a job whose owner died (crash, kill) has
its lease run out and is taken up again, so nothing accepted is lost. The result, the
job's ``succeeded`` status and any callback are stored in one transaction guarded by the
claim, so nothing is done twice. A job may be cancelled while queued (it never runs) or
running (its worker stores nothing and stops at the next stage it reaches).
"""

from __future__ import annotations

import logging
import re
import threading
import uuid
from concurrent.futures import CancelledError
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import and_, or_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from qa_engine.conversation import Conversation
from fastapi import HTTPException

from qa_engine.errors import InputError, QAEngineError
from qa_engine.importers import check_usable
from qa_engine.pipeline import Inspector
from service import limits, store
from service.batching import InspectionBatcher
from service.db import claim_rows, transaction, utcnow
from service.limits import WorkBudget
from service.models import ConversationRow, Job, OutboxMessage
from service.settings import Settings
from service.workers import PollingWorkers

log = logging.getLogger("qa_engine.service.jobs")

FINISHED = ("succeeded", "failed", "cancelled")


def _claimable(now: datetime):
    return or_(Job.status == "queued",
               and_(Job.status == "running", Job.lease_expires_at < now))


class JobRunner(PollingWorkers):
    """Works the job queue with ``settings.job_workers`` threads (``run_once`` for one job)."""

    def __init__(self, factory: sessionmaker[Session], inspector: Inspector,
                 settings: Settings, model_slots: threading.Semaphore, *,
                 loader: Callable[[Path], Conversation] | None = None,
                 batcher: InspectionBatcher | None = None) -> None:
        if loader is None:
            from qa_engine.importers import load_conversation as loader
        self.factory, self.inspector, self.settings = factory, inspector, settings
        self.loader = loader
        self.batcher = batcher or InspectionBatcher(inspector)
        self.model_slots = model_slots
        self.instance = uuid.uuid4().hex
        super().__init__(settings.poll_interval_seconds, log)
        self._active: set[str] = set()
        self._lock = threading.Lock()

    # -- lifecycle -------------------------------------------------------------------
    def start(self) -> None:
        self.start_workers(self.settings.job_workers, "qa-job")
        if self._threads:
            self.start_thread(self._heartbeat, "qa-job-lease")

    def _heartbeat(self) -> None:
        interval = self.settings.job_lease_seconds / 3
        while not self._stop.wait(interval):
            with self._lock:
                active = list(self._active)
            if not active:
                continue
            try:
                with transaction(self.factory) as session:
                    session.execute(update(Job).where(
                        Job.id.in_(active), Job.claimed_by == self.instance,
                        Job.status == "running").values(lease_expires_at=self._lease_end()))
            except Exception:
                log.exception("job lease renewal failed")

    def _lease_end(self) -> datetime:
        return utcnow() + timedelta(seconds=self.settings.job_lease_seconds)

    # -- one job ---------------------------------------------------------------------
    def claim(self) -> Job | None:
        """Take the oldest claimable job, or None."""
        now = utcnow()
        with transaction(self.factory) as session:
            for job in claim_rows(session, Job, _claimable(now), Job.created_at, dict(
                    status="running", claimed_by=self.instance, lease_expires_at=self._lease_end(),
                    attempts=Job.attempts + 1, started_at=now)):
                if job.attempts > self.settings.job_max_attempts:
                    self._finish(session, job, error=(
                        f"gave up after {job.attempts - 1} attempts: the worker stopped "
                        "while running this job each time"))
                    continue
                with self._lock:
                    self._active.add(job.id)
                return job
        return None

    def run_once(self) -> bool:
        """Claim and run one job; False when there was none."""
        job = self.claim()
        if job is None:
            return False
        try:
            self._run(job)
        finally:
            with self._lock:
                self._active.discard(job.id)
        self._discard_upload(job)
        return True

    def _discard_upload(self, job: Job) -> None:
        """Delete the recording of a finished job (unless ``keep_uploads``)."""
        if self.settings.keep_uploads:
            return
        with self.factory() as session:
            status = session.get(Job, job.id, populate_existing=True).status
        if status in FINISHED:
            Path(job.stored_path).unlink(missing_ok=True)

    def _run(self, job: Job) -> None:
        try:
            conversation = self._transcribe(job)
            if not self._still_running(job):  # cancelled while it was being transcribed
                return
            self._check(conversation)
            with self.factory() as session:
                existing = session.get(ConversationRow, conversation.id)
                kpis = store.effective_kpis(session, conversation)
            body_hash = store.body_sha256(conversation)
            inspection = None
            if existing is None:
                inspection = self.batcher.inspect(conversation, kpis)
        except CancelledError:  # shutting down: the lease runs out, the job is taken up again
            return
        except QAEngineError as exc:
            self._fail(job, f"{type(exc).__name__} [{exc.code}]: {exc}")
            return
        except HTTPException as exc:  # the service's own bounds and work budget
            self._fail(job, str(exc.detail))
            return
        except ImportError as exc:
            self._fail(job, f"speech recognition is not installed ({exc}); install it with "
                            "pip install 'qa-engine[asr]'")
            return
        except Exception as exc:
            log.exception("job %s failed", job.id)
            self._fail(job, f"{type(exc).__name__}: {exc}")
            return
        try:
            with transaction(self.factory) as session:
                owned = self._owned(session, job)
                if owned is None:
                    return
                row = session.get(ConversationRow, conversation.id)
                if row is None:
                    stored, inspection, original = store.masked(self.settings, conversation,
                                                                inspection)
                    store.store_new(session, stored, inspection, body_hash=body_hash,
                                    actor=f"job:{job.id}", original=original)
                elif row.body_sha256 != body_hash:
                    raise _Conflict(conversation.id)
                self._finish(session, owned, conversation_id=conversation.id)
        except (_Conflict, IntegrityError):
            self._fail(job, f"conversation '{conversation.id}' is already stored with "
                            "different content; upload with another conversation_id")

    def _check(self, conversation: Conversation) -> None:
        """The same bounds as the JSON route: a recording without agent speech (e.g. 0
        utterances: silence or a truncated file) fails instead of "succeeding" unscored."""
        limits.check_conversation(conversation)
        WorkBudget(self.settings.max_utterances, self.settings.max_characters,
                   self.settings.max_audio_seconds).check(conversation)
        if not conversation.utterances:
            raise InputError("no speech was recognised in the recording (0 utterances): it "
                             "is silent, truncated or not a call", source=None)
        check_usable(conversation, require_agent=True, source=None)

    def _transcribe(self, job: Job) -> Conversation:
        with self.model_slots:
            conversation = self.loader(Path(job.stored_path))
        meta = {k: v for k, v in (job.metadata_ or {}).items() if v}
        update_fields = {"id": meta.get("conversation_id") or job.id,
                         "source": f"upload:{job.filename or job.id}"}
        for key in ("agent_id", "queue", "started_at", "channel"):
            if key in meta:
                update_fields[key] = meta[key]
        return Conversation.model_validate({**conversation.model_dump(), **update_fields})

    def _still_running(self, job: Job) -> bool:
        with self.factory() as session:
            current = session.get(Job, job.id, populate_existing=True)
            return current.status == "running" and current.claimed_by == self.instance

    def _owned(self, session: Session, job: Job) -> Job | None:
        """The job's row, locked, if this runner still holds its claim."""
        current = session.get(Job, job.id, with_for_update=True, populate_existing=True)
        if current.status == "running" and current.claimed_by == self.instance:
            return current
        return None

    def _fail(self, job: Job, error: str) -> None:
        error = redact_paths(error, job)
        with transaction(self.factory) as session:
            if (owned := self._owned(session, job)) is not None:
                self._finish(session, owned, error=error)

    def _finish(self, session: Session, job: Job, *, conversation_id: str | None = None,
                error: str | None = None) -> None:
        finish(session, job, "failed" if error else "succeeded",
               conversation_id=conversation_id, error=error)


def cancel(session: Session, job: Job) -> None:
    """Cancel a queued or running job in the caller's transaction (the row locked by the
    caller): a queued job is never claimed; a running job's worker no longer owns it, so
    it stores nothing. A callback hears ``cancelled``."""
    finish(session, job, "cancelled")


def finish(session: Session, job: Job, status: str, *, conversation_id: str | None = None,
           error: str | None = None) -> None:
    """Close a job with ``status`` and queue its callback, in the caller's transaction."""
    job.status = status
    job.error = error
    job.conversation_id = conversation_id or job.conversation_id
    job.finished_at, job.lease_expires_at = utcnow(), None
    if job.callback_url:
        conv = session.get(ConversationRow, conversation_id) if conversation_id else None
        session.add(OutboxMessage(
            id=str(uuid.uuid4()), kind="job", url=job.callback_url, next_attempt_at=utcnow(),
            payload={"type": "job", "job_id": job.id, "status": job.status, "error": error,
                     "conversation_id": conversation_id,
                     "score": conv.score if conv else None,
                     "result_url": f"/api/v1/conversations/{conversation_id}"
                     if conversation_id else None}))
    session.flush()


_ABSOLUTE_PATH = re.compile(r"(?<![\w.:/])/(?:[^\s'\"/:]+/)+[^\s'\":,)]*")


def redact_paths(error: str, job: Job) -> str:
    """The error without server paths: the stored file shows as its upload name, any other
    absolute path as ``<path>``."""
    shown = job.filename or "the upload"
    for path in {job.stored_path, str(Path(job.stored_path).resolve())}:
        error = error.replace(path, shown)
    return _ABSOLUTE_PATH.sub("<path>", error)


class _Conflict(Exception):
    def __init__(self, conversation_id: str) -> None:
        super().__init__(conversation_id)
