from __future__ import annotations

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from exam_api.attempts.models import STATUS_IN_PROGRESS, STATUS_SUBMITTED, Attempt
from exam_api.exams import version_keys


def get(session: Session, attempt_id: int) -> Attempt | None:
    return session.get(Attempt, attempt_id)


ANSWERS_LOADS = (version_keys.stamp_loaded(Attempt.version),)
"""How an attempt is loaded to take answers: with what names its exam version."""


def get_for_answers(session: Session, attempt_id: int) -> Attempt | None:
    """With what names its exam version in the same round trip: answers are
    checked against the version's keys, which a process builds once
    (`exams.version_keys`). The loader options are built once, as every
    submit and autosave asks."""
    return session.get(Attempt, attempt_id, options=ANSWERS_LOADS)


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


MARK_SUBMITTED = (
    Attempt.__table__.update().where(Attempt.__table__.c.id == bindparam("attempt_id")).values(status=STATUS_SUBMITTED)
)
"""Also a part of the statement that writes a new submission on PostgreSQL
(`submissions.repository.insert_submitted`)."""


def mark_submitted(session: Session, attempt_id: int) -> None:
    """One prepared UPDATE, outside the unit of work (an attempt loaded in
    this session keeps its old status until it is expired)."""
    session.execute(MARK_SUBMITTED, {"attempt_id": attempt_id})


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
