from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exam_api.attempts.models import STATUS_IN_PROGRESS, Attempt


def get(session: Session, attempt_id: int) -> Attempt | None:
    return session.get(Attempt, attempt_id)


def count_for(session: Session, exam_id: int, user_id: int) -> int:
    return session.scalar(
        select(func.count()).select_from(Attempt).where(Attempt.exam_id == exam_id, Attempt.user_id == user_id)
    )


def latest_in_progress(session: Session, exam_id: int, user_id: int) -> Attempt | None:
    return session.scalar(
        select(Attempt)
        .where(Attempt.exam_id == exam_id, Attempt.user_id == user_id, Attempt.status == STATUS_IN_PROGRESS)
        .order_by(Attempt.number.desc())
        .limit(1)
    )


def add(session: Session, attempt: Attempt) -> Attempt:
    session.add(attempt)
    session.flush()
    return attempt


def past_close(session: Session, now, limit: int) -> list[Attempt]:
    """Attempts still in progress past their deadline and grace."""
    return list(
        session.scalars(
            select(Attempt)
            .where(Attempt.status == STATUS_IN_PROGRESS, Attempt.closes_at < now)
            .order_by(Attempt.closes_at)
            .limit(limit)
        )
    )


def in_progress(session: Session, exam_id: int, user_id: int | None = None) -> list[Attempt]:
    """An exam's attempts in progress (one student's, given `user_id`)."""
    query = select(Attempt).where(Attempt.exam_id == exam_id, Attempt.status == STATUS_IN_PROGRESS)
    if user_id is not None:
        query = query.where(Attempt.user_id == user_id)
    return list(session.scalars(query))
