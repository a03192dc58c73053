"""Dependencies as ``Annotated`` aliases: settings, DB session, Inspector, caller, roles."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import anyio
from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker

from qa_engine.conversation import Conversation
from qa_engine.pipeline import Inspector
from service.auth import KeyCache, Principal, Role, authenticate
from service.settings import Settings


# Plain accessors are `async def` so that FastAPI calls them on the event loop instead of
# sending each through the thread pool.
async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_session_factory(request: Request) -> sessionmaker[Session]:
    return request.app.state.sessionmaker


def get_session(request: Request,
                factory: Annotated[sessionmaker[Session], Depends(get_session_factory)]
                ) -> Iterator[Session]:
    """A session for the request; anything not committed is rolled back at the end.

    GET and HEAD only read: their SQLite transactions take no write lock."""
    if request.method in ("GET", "HEAD"):
        factory = request.app.state.read_sessionmaker
    with factory() as session:
        yield session


async def get_inspector(request: Request) -> Inspector:
    """The Inspector loaded once in ``lifespan`` (override this in tests)."""
    return request.app.state.inspector


async def get_conversation_loader() -> Callable[[Path], Conversation]:
    """What turns a stored upload into a Conversation (``load_conversation``: ASR for audio)."""
    from qa_engine.importers import load_conversation

    return load_conversation


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionFactoryDep = Annotated[sessionmaker[Session], Depends(get_session_factory)]
SessionDep = Annotated[Session, Depends(get_session)]
InspectorDep = Annotated[Inspector, Depends(get_inspector)]

_api_key = APIKeyHeader(name="X-API-Key", auto_error=False,
                        description="An API key from `qa keys create`.")
_bearer = HTTPBearer(auto_error=False, description="The same API key as a bearer token.")


async def get_current_user(
        request: Request, factory: SessionFactoryDep,
        api_key: Annotated[str | None, Security(_api_key)] = None,
        bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)] = None,
) -> Principal:
    """The caller of a valid, unrevoked key; 401 otherwise."""
    key = api_key or (bearer.credentials if bearer else None)
    if not key:
        raise HTTPException(401, "missing API key: send 'X-API-Key: <key>' or "
                                 "'Authorization: Bearer <key>'",
                            headers={"WWW-Authenticate": "Bearer"})
    cache: KeyCache = request.app.state.key_cache
    principal = cache.get(key)
    if principal is None:
        principal = await anyio.to_thread.run_sync(
            _lookup, request.app.state.read_sessionmaker, key)
        if principal is not None:
            cache.put(key, principal)
    if principal is None:
        raise HTTPException(401, "invalid or revoked API key",
                            headers={"WWW-Authenticate": "Bearer"})
    return principal


def _lookup(factory: sessionmaker[Session], key: str) -> Principal | None:
    with factory() as session:
        return authenticate(session, key)


CurrentUser = Annotated[Principal, Depends(get_current_user)]


def require(*roles: Role) -> Callable[[Principal], Principal]:
    """A dependency admitting only ``roles`` (403 for any other valid key)."""
    allowed = frozenset(roles)

    async def check(user: CurrentUser) -> Principal:
        if user.role not in allowed:
            raise HTTPException(403, f"role '{user.role.value}' may not do this; allowed: "
                                     f"{', '.join(sorted(r.value for r in allowed))}")
        return user

    return check


AdminUser = Annotated[Principal, Depends(require(Role.ADMIN))]
QaUser = Annotated[Principal, Depends(require(Role.ADMIN, Role.QA))]
StaffUser = Annotated[Principal, Depends(require(Role.ADMIN, Role.QA, Role.SUPERVISOR))]
AlertManager = Annotated[Principal, Depends(require(Role.ADMIN, Role.SUPERVISOR))]
AgentUser = Annotated[Principal, Depends(require(Role.AGENT))]
