"""Helpers shared by the routers: error responses, loading a conversation a caller may see."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.auth import Principal, Role
from service.models import ConversationRow, InspectionRow
from service.schemas import ErrorOut, VersionInfo
from service.urlpolicy import UrlPolicy, UrlRefused

AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Missing or invalid API key"},
    403: {"model": ErrorOut, "description": "The key's role may not do this"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "Not found"}}
INVALID: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorOut, "description": "Invalid body or parameters; 'detail' names the field"}}


def visible_conversation(session: Session, conversation_id: str, user: Principal, *,
                         for_update: bool = False) -> ConversationRow:
    """The conversation, or 404 — also for an agent asking for another agent's call."""
    row = session.get(ConversationRow, conversation_id, with_for_update=for_update)
    if row is None or (user.role is Role.AGENT and row.agent_id != user.agent_id):
        raise HTTPException(404, f"conversation '{conversation_id}' not found")
    return row


def versions_of(session: Session, conversation_id: str) -> list[VersionInfo]:
    rows = session.scalars(select(InspectionRow).where(
        InspectionRow.conversation_id == conversation_id).order_by(InspectionRow.version))
    return [VersionInfo(version=r.version, reason=r.reason, actor=r.actor, score=r.score,
                        created_at=r.created_at) for r in rows]


def check_outbound(request: Request, url: str, field: str) -> None:
    """422 unless the outbound URL policy lets the service call ``url``."""
    policy: UrlPolicy = request.app.state.url_policy
    own = [request.headers.get("host", "")]
    if request.scope.get("server"):
        host, port = request.scope["server"][:2]
        own.append(f"{host}:{port}")
    try:
        policy.check(url, own=[o for o in own if o])
    except UrlRefused as exc:
        raise HTTPException(422, f"{field}: refused by the outbound URL policy: {exc}") from None
