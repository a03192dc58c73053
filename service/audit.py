"""The keyed hash chain of reviews, appeals, KPI changes, API keys and subscriptions.

Each entry's hash is an HMAC-SHA256, under a key kept *outside* the database, of the
previous entry's hash and the entry's canonical JSON: editing, deleting or reordering any
entry breaks every hash after it, and — unlike a plain hash — someone who can write the
database but does not hold the key cannot compute a new, consistent chain after an edit.
The tip is kept in ``audit_head`` so that dropping the newest entries is detected too.

The key comes from ``QA_AUDIT_KEY`` or ``QA_AUDIT_KEY_FILE``; without either, a random
key is created once in ``<data_dir>/audit.key`` (0600). Keep it where the database's
writers cannot read it (another owner, a secret store): whoever holds both the key and
write access can still rewrite history. The key reaches ``append`` and ``verify`` through
``Session.info`` (``session_info``), set on the service's session factories.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.db import utcnow
from service.models import AuditEntry, AuditHead

if TYPE_CHECKING:
    from service.settings import Settings

GENESIS = "0" * 64
# No in-process lock: on PostgreSQL the head row is locked (FOR UPDATE); on SQLite every
# writing transaction begins IMMEDIATE (``service.db``), so appends are already in line.
# A Python lock here, held while waiting for SQLite's write lock, was a deadlock.


KEY_INFO = "audit_key"  # key in ``Session.info``


class AuditKeyError(RuntimeError):
    """No audit key is configured or the key file cannot be read."""


def load_key(settings: Settings) -> bytes:
    """The HMAC key: ``QA_AUDIT_KEY``, else ``QA_AUDIT_KEY_FILE``, else
    ``<data_dir>/audit.key`` (created with a random key, mode 0600, when missing)."""
    if settings.audit_key is not None:
        return settings.audit_key.get_secret_value().encode()
    path = settings.audit_key_file or settings.data_dir / "audit.key"
    if settings.audit_key_file is None and not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another worker process created it first
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32) + "\n")
    try:
        key = Path(path).read_text().strip()
    except OSError as exc:
        raise AuditKeyError(f"audit key file {path}: {exc.strerror}; set QA_AUDIT_KEY_FILE "
                            "to a readable file or QA_AUDIT_KEY") from None
    if len(key) < 16:
        raise AuditKeyError(f"audit key in {path} is shorter than 16 characters")
    return key.encode()


def session_info(key: bytes) -> dict[str, Any]:
    """``Session.info`` for a session factory whose sessions may append and verify."""
    return {KEY_INFO: key}


def _key_of(session: Session) -> bytes:
    key = session.info.get(KEY_INFO)
    if not key:
        raise AuditKeyError("this session has no audit key (make_sessionmaker(..., "
                            "info=audit.session_info(key)))")
    return key


def entry_hash(key: bytes, prev_hash: str, seq: int, at: datetime, actor: str, action: str,
               subject: str, payload: dict[str, Any]) -> str:
    """HMAC-SHA256 under ``key`` of the previous hash and the entry's canonical JSON."""
    body = json.dumps({"seq": seq, "at": at.isoformat(), "actor": actor, "action": action,
                       "subject": subject, "payload": payload},
                      sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hmac.new(key, (prev_hash + body).encode(), hashlib.sha256).hexdigest()


def append(session: Session, *, actor: str, action: str, subject: str,
           payload: dict[str, Any]) -> AuditEntry:
    """Add an entry in the caller's transaction (commit or roll back with it)."""
    key = _key_of(session)
    head = _locked_head(session)
    # Round-trip the payload through JSON so the hash matches what is read back.
    payload = json.loads(json.dumps(payload, ensure_ascii=False, default=str))
    at = utcnow()
    seq = head.seq + 1
    digest = entry_hash(key, head.hash, seq, at, actor, action, subject, payload)
    entry = AuditEntry(seq=seq, at=at, actor=actor, action=action, subject=subject,
                       payload=payload, prev_hash=head.hash, hash=digest)
    session.add(entry)
    head.seq, head.hash = seq, digest
    session.flush()
    return entry


def _locked_head(session: Session) -> AuditHead:
    """The chain's tip, locked for this transaction; created on the first append (two
    first appends racing: the loser's insert fails in its savepoint, and it waits for the
    winner's row instead)."""
    query = select(AuditHead).where(AuditHead.id == 1).with_for_update()
    head = session.scalar(query)
    if head is None:
        try:
            with session.begin_nested():
                session.add(AuditHead(id=1, seq=0, hash=GENESIS))
        except IntegrityError:
            pass
        head = session.scalar(query.execution_options(populate_existing=True))
    return head


@dataclass
class Verification:
    """Result of checking the chain."""

    ok: bool
    entries: int
    problems: list[str]


def verify(session: Session) -> Verification:
    """Recompute every HMAC; report the entries where the chain is broken."""
    key = _key_of(session)
    problems: list[str] = []
    prev, expected_seq, count = GENESIS, 1, 0
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
        count += 1
        if entry.seq != expected_seq:
            problems.append(f"entry {expected_seq}: missing (next entry is {entry.seq})")
        if entry.prev_hash != prev:
            problems.append(f"entry {entry.seq}: prev_hash does not match entry {entry.seq - 1}")
        recomputed = entry_hash(key, entry.prev_hash, entry.seq, entry.at, entry.actor, entry.action,
                                entry.subject, entry.payload)
        if recomputed != entry.hash:
            problems.append(f"entry {entry.seq}: content does not match its keyed hash "
                            "(altered, or written under another audit key)")
        prev, expected_seq = entry.hash, entry.seq + 1
    head = session.get(AuditHead, 1)
    if head is not None and (head.seq != expected_seq - 1 or head.hash != prev):
        problems.append(f"chain tip is entry {head.seq} but the log ends at entry "
                        f"{expected_seq - 1} (entries removed or head altered)")
    if head is None and count:
        problems.append("chain tip record is missing")
    return Verification(ok=not problems, entries=count, problems=problems)
