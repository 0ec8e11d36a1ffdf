from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from exam_api.idempotency.models import COMPLETED, IN_PROGRESS, IdempotencyKey

_NO_SYNC = {"synchronize_session": False}


def get(session: Session, user_id: int, key: str) -> IdempotencyKey | None:
    return session.scalar(select(IdempotencyKey).where(IdempotencyKey.user_id == user_id, IdempotencyKey.key == key))


def add(session: Session, row: IdempotencyKey) -> IdempotencyKey:
    session.add(row)
    session.flush()
    return row


def take_over(session: Session, key_id: int, now: datetime, locked_until: datetime) -> bool:
    """Hold a key whose first request died holding it (its lock ran out)."""
    result = session.execute(
        update(IdempotencyKey)
        .where(IdempotencyKey.id == key_id, IdempotencyKey.status == IN_PROGRESS, IdempotencyKey.locked_until < now)
        .values(locked_until=locked_until),
        execution_options=_NO_SYNC,
    )
    return result.rowcount == 1


def complete(session: Session, key_id: int, status: int, body: dict) -> None:
    session.execute(
        update(IdempotencyKey)
        .where(IdempotencyKey.id == key_id)
        .values(status=COMPLETED, response_status=status, response_body=body),
        execution_options=_NO_SYNC,
    )


def remove(session: Session, key_id: int) -> None:
    session.execute(delete(IdempotencyKey).where(IdempotencyKey.id == key_id), execution_options=_NO_SYNC)


def remove_in_progress(session: Session, key_id: int) -> None:
    """Drop a held key, never a completed one (a retry that took over a
    stale key may have completed it meanwhile)."""
    session.execute(
        delete(IdempotencyKey).where(IdempotencyKey.id == key_id, IdempotencyKey.status == IN_PROGRESS),
        execution_options=_NO_SYNC,
    )


def remove_expired(session: Session, now: datetime) -> int:
    return session.execute(
        delete(IdempotencyKey).where(IdempotencyKey.expires_at <= now), execution_options=_NO_SYNC
    ).rowcount
