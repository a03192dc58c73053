"""Read and verify the hash-chained audit log of reviews, appeals and KPI changes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from service import audit
from service.api.deps import QaUser, SessionDep
from service.api.routes.common import AUTH_ERRORS, INVALID
from service.models import AuditEntry
from service.schemas import AuditEntryOut, AuditVerification

router = APIRouter(prefix="/audit-log", tags=["audit"])


@router.get("", response_model=list[AuditEntryOut], summary="Audit entries in order",
            responses={**AUTH_ERRORS, **INVALID})
def list_entries(session: SessionDep, user: QaUser,
                 after: Annotated[int, Query(ge=0, le=2**31 - 1,
                                             description="Entries after this seq")] = 0,
                 limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[AuditEntryOut]:
    rows = session.scalars(select(AuditEntry).where(AuditEntry.seq > after)
                           .order_by(AuditEntry.seq).limit(limit))
    return [AuditEntryOut(seq=r.seq, at=r.at, actor=r.actor, action=r.action, subject=r.subject,
                          payload=r.payload, prev_hash=r.prev_hash, hash=r.hash) for r in rows]


@router.get("/verify", response_model=AuditVerification, summary="Recompute the hash chain",
            responses=AUTH_ERRORS)
def verify(session: SessionDep, user: QaUser) -> AuditVerification:
    result = audit.verify(session)
    return AuditVerification(ok=result.ok, entries=result.entries, problems=result.problems)
