"""API keys: ``qa_<prefix>_<secret>``; only ``hmac_sha256(salt, secret)`` is stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.models import ApiKey


class Role(str, Enum):
    """admin: everything; qa: score, review, decide appeals; supervisor: read, alerts,
    KPIs; agent: read own calls, appeal own findings."""

    ADMIN = "admin"
    QA = "qa"
    SUPERVISOR = "supervisor"
    AGENT = "agent"


@dataclass(frozen=True)
class Principal:
    """Who is calling: the key's id, role and (for agents) the agent id they are bound to."""

    key_id: int
    role: Role
    agent_id: str | None = None
    name: str | None = None

    @property
    def actor(self) -> str:
        """How the audit log names this caller."""
        who = f"key:{self.key_id}:{self.role.value}"
        return f"{who}:{self.agent_id}" if self.agent_id else who


class KeyCache:
    """Principals of recently seen keys, so a request needs no key lookup in the database.

    Entries live ``ttl`` seconds (0: nothing is cached); revoking a key through the API
    clears this process's cache, other processes accept a revoked key for up to ``ttl``.
    """

    def __init__(self, ttl: float = 30.0, max_size: int = 10_000) -> None:
        self.ttl, self.max_size = ttl, max_size
        self._entries: dict[str, tuple[Principal, float]] = {}

    @staticmethod
    def _slot(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    def get(self, key: str) -> Principal | None:
        entry = self._entries.get(self._slot(key))
        if entry is None or entry[1] < time.monotonic():
            return None
        return entry[0]

    def put(self, key: str, principal: Principal) -> None:
        if self.ttl <= 0:  # caching off: every request checks the database
            return
        if len(self._entries) >= self.max_size:
            self._entries.clear()
        self._entries[self._slot(key)] = (principal, time.monotonic() + self.ttl)

    def clear(self) -> None:
        self._entries.clear()


def _digest(salt: str, secret: str) -> str:
    return hmac.new(salt.encode(), secret.encode(), hashlib.sha256).hexdigest()


def create_key(session: Session, role: Role | str, *, agent_id: str | None = None,
               name: str | None = None) -> tuple[ApiKey, str]:
    """Store a new key and return (row, plaintext key); the plaintext is never stored."""
    role = Role(role)
    if role is Role.AGENT and not agent_id:
        raise ValueError("an agent key must be bound to an agent id (--agent-id)")
    if role is not Role.AGENT and agent_id:
        raise ValueError(f"only agent keys are bound to an agent id, not role '{role.value}'")
    prefix, secret, salt = secrets.token_hex(6), secrets.token_urlsafe(24), secrets.token_hex(16)
    row = ApiKey(prefix=prefix, salt=salt, key_hash=_digest(salt, secret), role=role.value,
                 agent_id=agent_id, name=name)
    session.add(row)
    session.flush()
    return row, f"qa_{prefix}_{secret}"


def authenticate(session: Session, key: str) -> Principal | None:
    """The principal for a presented key, or None if unknown, malformed or revoked."""
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != "qa":
        return None
    _, prefix, secret = parts
    row = session.scalar(select(ApiKey).where(ApiKey.prefix == prefix))
    if row is None or row.revoked:
        return None
    if not hmac.compare_digest(row.key_hash, _digest(row.salt, secret)):
        return None
    return Principal(key_id=row.id, role=Role(row.role), agent_id=row.agent_id, name=row.name)
