"""The recordings page (``/ui/recordings``): uploaded recordings' jobs and their state,
with a cancel button for those still queued or running.

Like the other pages it calls the jobs route functions (``service.api.routes.jobs``) with
the signed-in principal, so roles (staff see the list; qa and admin may cancel) and the
audit log (``job.cancelled``) are the API's own.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from service.api.deps import SessionDep, SettingsDep
from service.api.routes import jobs as jobs_api
from service.jobs import FINISHED
from service.web.i18n import WORDS, translator
from service.web.pages import (
    PREFIX,
    REVIEWERS,
    STAFF,
    FormDep,
    WebUser,
    _lang,
    allow,
    back_to,
    page_errors,
    render,
)

router = APIRouter(prefix=f"{PREFIX}/recordings", include_in_schema=False)

WORDS.update({
    "recordings": ("录音", "Recordings"),
    "job_status": ("状态", "Status"),
    "file": ("文件", "File"),
    "uploaded": ("上传时间", "Uploaded"),
    "finished": ("完成时间", "Finished"),
    "attempts": ("尝试次数", "Attempts"),
    "cancel": ("取消", "Cancel"),
    "job_cancelled": ("已取消该任务", "Job cancelled"),
    "status_queued": ("排队中", "queued"),
    "status_running": ("处理中", "running"),
    "status_succeeded": ("已完成", "succeeded"),
    "status_failed": ("失败", "failed"),
    "status_cancelled": ("已取消", "cancelled"),
})


@router.get("")
@page_errors
def recordings(request: Request, session: SessionDep, user: WebUser) -> HTMLResponse:
    allow(user, STAFF)
    status = request.query_params.get("status") or None
    jobs = jobs_api.list_jobs(session, user, status=status, limit=200)
    return render(request, "recordings.html", jobs=jobs, status=status,
                  statuses=jobs_api.JOB_STATUSES, finished=FINISHED,
                  may_cancel=user.role in REVIEWERS)


@router.post("/{job_id}/cancel")
@page_errors
def cancel(job_id: str, request: Request, session: SessionDep, settings: SettingsDep,
           user: WebUser, form: FormDep) -> Response:
    allow(user, REVIEWERS)
    jobs_api.cancel_job(job_id, request, session, user, settings)
    return back_to(f"{PREFIX}/recordings", translator(_lang(request))("job_cancelled"))
