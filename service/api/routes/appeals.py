"""Agents appeal findings on their own calls within a window; reviewers uphold or reject."""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

from fastapi import APIRouter, HTTPException
from sqlalchemy import func, select

from service import audit
from service.api.deps import AgentUser, CurrentUser, InspectorDep, QaUser, SessionDep, SettingsDep
from service.api.routes.common import AUTH_ERRORS, INVALID, NOT_FOUND, visible_conversation
from service.auth import Role
from service.corrections import check_finding, correct
from service.db import utcnow
from service.models import Appeal
from service.schemas import AppealDecisionIn, AppealIn, AppealOut, ErrorOut

router = APIRouter(tags=["appeals"])
CONFLICT = {409: {"model": ErrorOut, "description": "Window closed, duplicate or decided"}}


def appeal_out(a: Appeal) -> AppealOut:
    return AppealOut(id=a.id, conversation_id=a.conversation_id, finding=a.finding,
                     agent_id=a.agent_id, reason=a.reason, status=a.status, version=a.version,
                     decided_by=a.decided_by, decision_comment=a.decision_comment,
                     resulting_version=a.resulting_version, created_at=a.created_at,
                     decided_at=a.decided_at)


@router.post("/conversations/{conversation_id}/appeals", response_model=AppealOut,
             status_code=201, summary="Appeal a finding on your own call",
             responses={**AUTH_ERRORS, **NOT_FOUND, **INVALID, **CONFLICT})
def create_appeal(conversation_id: str, body: AppealIn, session: SessionDep,
                  settings: SettingsDep, user: AgentUser) -> AppealOut:
    """Open within ``QA_APPEAL_WINDOW_DAYS`` of the call being scored; one open appeal per
    finding."""
    row = visible_conversation(session, conversation_id, user, for_update=True)
    closes = row.created_at + timedelta(days=settings.appeal_window_days)
    if utcnow() > closes:
        raise HTTPException(409, f"the appeal window closed at {closes.isoformat()} "
                                 f"({settings.appeal_window_days:g} days after scoring)")
    check_finding(session, row, body.finding)
    open_one = session.scalar(select(Appeal).where(
        Appeal.conversation_id == row.id, Appeal.finding == body.finding,
        Appeal.status == "open"))
    if open_one is not None:
        raise HTTPException(409, f"appeal {open_one.id} on '{body.finding}' is still open")
    filed = session.scalar(select(func.count()).select_from(Appeal).where(
        Appeal.conversation_id == row.id, Appeal.finding == body.finding)) or 0
    if filed >= settings.appeal_max_per_finding:
        raise HTTPException(409, f"'{body.finding}' of this call was already appealed {filed} "
                                 f"times (QA_APPEAL_MAX_PER_FINDING={settings.appeal_max_per_finding})")
    appeal = Appeal(conversation_id=row.id, finding=body.finding, agent_id=user.agent_id,
                    reason=body.reason, status="open", version=row.version)
    session.add(appeal)
    session.flush()
    audit.append(session, actor=user.actor, action="appeal.created",
                 subject=f"conversation:{row.id}", payload={
                     "appeal_id": appeal.id, "finding": body.finding, "reason": body.reason,
                     "version": row.version})
    session.commit()
    return appeal_out(appeal)


@router.get("/appeals", response_model=list[AppealOut], summary="List appeals",
            responses={**AUTH_ERRORS, **INVALID})
def list_appeals(session: SessionDep, user: CurrentUser,
                 status: Literal["open", "upheld", "rejected"] | None = None,
                 conversation_id: str | None = None) -> list[AppealOut]:
    """An agent's key sees only that agent's appeals."""
    conditions = []
    if user.role is Role.AGENT:
        conditions.append(Appeal.agent_id == user.agent_id)
    if status is not None:
        conditions.append(Appeal.status == status)
    if conversation_id is not None:
        conditions.append(Appeal.conversation_id == conversation_id)
    return [appeal_out(a) for a in session.scalars(
        select(Appeal).where(*conditions).order_by(Appeal.id))]


def _visible_appeal(session, appeal_id: int, user) -> Appeal:
    appeal = session.get(Appeal, appeal_id) if abs(appeal_id) < 2**31 else None
    if appeal is None or (user.role is Role.AGENT and appeal.agent_id != user.agent_id):
        raise HTTPException(404, f"appeal {appeal_id} not found")
    return appeal


@router.get("/appeals/{appeal_id}", response_model=AppealOut, summary="One appeal",
            responses={**AUTH_ERRORS, **NOT_FOUND})
def get_appeal(appeal_id: int, session: SessionDep, user: CurrentUser) -> AppealOut:
    return appeal_out(_visible_appeal(session, appeal_id, user))


@router.post("/appeals/{appeal_id}/decision", response_model=AppealOut,
             summary="Uphold (re-score) or reject an appeal",
             responses={**AUTH_ERRORS, **NOT_FOUND, **INVALID, **CONFLICT})
def decide_appeal(appeal_id: int, body: AppealDecisionIn, session: SessionDep,
                  inspector: InspectorDep, user: QaUser) -> AppealOut:
    """'upheld' overturns the finding (default: flips its value) and stores a re-scored
    version; 'rejected' keeps the score. Either way the decision is kept and audited."""
    appeal = _visible_appeal(session, appeal_id, user)
    if appeal.status != "open":
        raise HTTPException(409, f"appeal {appeal_id} was already {appeal.status}")
    payload: dict = {"appeal_id": appeal.id, "finding": appeal.finding,
                     "decision": body.decision, "comment": body.comment}
    if body.decision == "upheld":
        row = visible_conversation(session, appeal.conversation_id, user, for_update=True)
        fix = correct(session, inspector, row, appeal.finding, wrong=True, value=body.value,
                      actor=user.actor, reason="appeal",
                      note={"by": user.actor, "appeal_id": appeal.id, "comment": body.comment})
        appeal.resulting_version = fix.to_version
        payload.update(value_before=fix.value_before, value_after=fix.value_after,
                       from_version=fix.from_version, to_version=fix.to_version,
                       score_before=fix.score_before, score_after=fix.score_after)
    appeal.status = body.decision
    appeal.decided_by, appeal.decision_comment = user.actor, body.comment
    appeal.decided_at = utcnow()
    audit.append(session, actor=user.actor, action=f"appeal.{body.decision}",
                 subject=f"conversation:{appeal.conversation_id}", payload=payload)
    session.commit()
    return appeal_out(appeal)
