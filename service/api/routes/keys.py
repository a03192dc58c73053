"""API keys (admin only): create (the key is shown once), list, revoke."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response
from sqlalchemy import select

from service import audit
from service.api.deps import AdminUser, SessionDep
from service.api.routes.common import AUTH_ERRORS, INVALID, NOT_FOUND
from service.auth import create_key
from service.models import ApiKey
from service.schemas import KeyCreated, KeyIn, KeyOut

router = APIRouter(prefix="/keys", tags=["keys"])


def key_out(row: ApiKey) -> dict:
    return dict(id=row.id, role=row.role, agent_id=row.agent_id, name=row.name,
                revoked=row.revoked, created_at=row.created_at)


@router.post("", response_model=KeyCreated, status_code=201, summary="Create an API key",
             responses={**AUTH_ERRORS, **INVALID})
def create(body: KeyIn, session: SessionDep, user: AdminUser) -> KeyCreated:
    """The plaintext key is in this response only; the service keeps a salted hash."""
    try:
        row, key = create_key(session, body.role, agent_id=body.agent_id, name=body.name)
    except ValueError as exc:
        raise HTTPException(422, f"agent_id: {exc}") from None
    audit.append(session, actor=user.actor, action="key.created", subject=f"key:{row.id}",
                 payload={"role": row.role, "agent_id": row.agent_id, "name": row.name})
    session.commit()
    return KeyCreated(**key_out(row), key=key)


@router.get("", response_model=list[KeyOut], summary="List API keys", responses=AUTH_ERRORS)
def list_keys(session: SessionDep, user: AdminUser) -> list[KeyOut]:
    return [KeyOut(**key_out(r)) for r in session.scalars(select(ApiKey).order_by(ApiKey.id))]


@router.delete("/{key_id}", status_code=204, response_class=Response, summary="Revoke a key",
               responses={**AUTH_ERRORS, **NOT_FOUND})
def revoke(key_id: int, session: SessionDep, user: AdminUser, request: Request) -> Response:
    row = session.get(ApiKey, key_id) if abs(key_id) < 2**31 else None
    if row is None:
        raise HTTPException(404, f"key {key_id} not found")
    if not row.revoked:
        row.revoked = True
        audit.append(session, actor=user.actor, action="key.revoked", subject=f"key:{row.id}",
                     payload={"role": row.role, "agent_id": row.agent_id, "name": row.name})
    session.commit()
    request.app.state.key_cache.clear()
    return Response(status_code=204)
