"""The hash-chained audit log of reviews, appeals and KPI changes.

Each entry's hash covers the previous entry's hash and the entry's canonical JSON, so
editing, deleting or reordering any entry breaks every hash after it; the tip is kept in
``audit_head`` so that dropping the newest entries is detected too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.db import utcnow
from service.models import AuditEntry, AuditHead

GENESIS = "0" * 64
# No in-process lock: on PostgreSQL the head row is locked (FOR UPDATE); on SQLite every
# writing transaction begins IMMEDIATE (``service.db``), so appends are already in line.
# A Python lock here, held while waiting for SQLite's write lock, was a deadlock.


def entry_hash(prev_hash: str, seq: int, at: datetime, actor: str, action: str, subject: str,
               payload: dict[str, Any]) -> str:
    body = json.dumps({"seq": seq, "at": at.isoformat(), "actor": actor, "action": action,
                       "subject": subject, "payload": payload},
                      sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


def append(session: Session, *, actor: str, action: str, subject: str,
           payload: dict[str, Any]) -> AuditEntry:
    """Add an entry in the caller's transaction (commit or roll back with it)."""
    head = session.scalar(select(AuditHead).where(AuditHead.id == 1).with_for_update())
    if head is None:
        head = AuditHead(id=1, seq=0, hash=GENESIS)
        session.add(head)
    # Round-trip the payload through JSON so the hash matches what is read back.
    payload = json.loads(json.dumps(payload, ensure_ascii=False, default=str))
    at = utcnow()
    seq = head.seq + 1
    digest = entry_hash(head.hash, seq, at, actor, action, subject, payload)
    entry = AuditEntry(seq=seq, at=at, actor=actor, action=action, subject=subject,
                       payload=payload, prev_hash=head.hash, hash=digest)
    session.add(entry)
    head.seq, head.hash = seq, digest
    session.flush()
    return entry


@dataclass
class Verification:
    """Result of checking the chain."""

    ok: bool
    entries: int
    problems: list[str]


def verify(session: Session) -> Verification:
    """Recompute every hash; report the first entries where the chain is broken."""
    problems: list[str] = []
    prev, expected_seq, count = GENESIS, 1, 0
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
        count += 1
        if entry.seq != expected_seq:
            problems.append(f"entry {expected_seq}: missing (next entry is {entry.seq})")
        if entry.prev_hash != prev:
            problems.append(f"entry {entry.seq}: prev_hash does not match entry {entry.seq - 1}")
        recomputed = entry_hash(entry.prev_hash, entry.seq, entry.at, entry.actor, entry.action,
                                entry.subject, entry.payload)
        if recomputed != entry.hash:
            problems.append(f"entry {entry.seq}: content does not match its hash (altered)")
        prev, expected_seq = entry.hash, entry.seq + 1
    head = session.get(AuditHead, 1)
    if head is not None and (head.seq != expected_seq - 1 or head.hash != prev):
        problems.append(f"chain tip is entry {head.seq} but the log ends at entry "
                        f"{expected_seq - 1} (entries removed or head altered)")
    if head is None and count:
        problems.append("chain tip record is missing")
    return Verification(ok=not problems, entries=count, problems=problems)
