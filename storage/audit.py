"""The audit trail: an append-only hash chain of every write, refusal and login."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from .models import AuditEvent, utcnow

GENESIS = "0" * 64
# Any fixed number: PostgreSQL advisory lock that serializes appends from every desk.
_AUDIT_LOCK = 0x0D055_1E4


@dataclass(frozen=True)
class Event:
    seq: int
    at: dt.datetime
    actor: str
    case_no: str
    action: str
    details: dict
    prev_hash: str
    hash: str


def canonical(details: dict) -> str:
    """The one JSON form of an event's details that its hash covers."""
    return json.dumps(details, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def event_hash(prev_hash: str, seq: int, at: dt.datetime, actor: str, case_no: str, action: str,
               details_json: str) -> str:
    """SHA-256 over the previous link and every field of this event."""
    body = "\x1f".join([prev_hash, str(seq), at.isoformat(timespec="microseconds"), actor, case_no,
                        action, details_json])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append(session: Session, actor: str, action: str, case_no: str = "", details: dict | None = None) -> Event:
    """Append one event inside the caller's transaction.

    Appends are serialized: on PostgreSQL by a transaction-scoped advisory lock, on SQLite by
    the write transaction itself (BEGIN IMMEDIATE). A unique constraint on ``prev_hash`` would
    refuse a fork even if that ever failed.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _AUDIT_LOCK})
    last = session.execute(select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)).first()
    seq = (last.seq + 1) if last else 1
    prev = last.hash if last else GENESIS
    at = utcnow()
    details_json = canonical(details or {})
    digest = event_hash(prev, seq, at, actor, case_no, action, details_json)
    session.add(AuditEvent(seq=seq, at=at, actor=actor, case_no=case_no, action=action,
                           details=details_json, prev_hash=prev, hash=digest))
    session.flush()
    return Event(seq, at, actor, case_no, action, json.loads(details_json), prev, digest)


def to_event(row: AuditEvent) -> Event:
    return Event(row.seq, row.at, row.actor, row.case_no, row.action, json.loads(row.details),
                 row.prev_hash, row.hash)


def check_chain(rows) -> list[str]:
    """Problems found walking the chain in seq order: changed, removed or reordered events."""
    problems: list[str] = []
    prev = GENESIS
    expected_seq = 1
    for row in rows:
        if row.seq != expected_seq:
            problems.append(f"event {expected_seq}..{row.seq - 1} removed (sequence jumps from "
                            f"{expected_seq - 1} to {row.seq})" if row.seq > expected_seq
                            else f"event {row.seq} out of order")
        if row.prev_hash != prev:
            problems.append(f"event {row.seq} does not follow the event before it (removed or reordered)")
        recomputed = event_hash(row.prev_hash, row.seq, row.at, row.actor, row.case_no, row.action, row.details)
        if recomputed != row.hash:
            problems.append(f"event {row.seq} ({row.action}) was changed after it was written")
        prev = row.hash
        expected_seq = row.seq + 1
    return problems
