"""Liveness: GET or HEAD /health (no key needed)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import func, select

from service.api.deps import InspectorDep, SessionDep
from service.models import Job
from service.schemas import Health

router = APIRouter(tags=["health"])


@router.head("/health", include_in_schema=False)
@router.get("/health", response_model=Health, summary="Liveness and loaded versions")
def health(session: SessionDep, inspector: InspectorDep) -> Health:
    queued = session.scalar(select(func.count()).select_from(Job).where(Job.status == "queued"))
    return Health(status="ok", database=session.get_bind().dialect.name,
                  versions=inspector.versions, jobs_queued=queued or 0)
