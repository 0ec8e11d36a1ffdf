from __future__ import annotations

import functools
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Row, and_, bindparam, func, select
from sqlalchemy.orm import Session

from exam_api.attempts.models import STATUS_IN_PROGRESS, STATUS_SUBMITTED, Attempt
from exam_api.exams import version_keys
from exam_api.exams.models import ExamVersion


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


class AttemptToAnswer(NamedTuple):
    """What taking answers reads of an attempt, as plain values: a submit
    only reads it, and loading it as the ORM's object with its version
    joined took three times as long (89 against 28 us per read)."""

    id: int
    exam_id: int
    user_id: int
    exam_version: int
    status: str
    closes_at: datetime | None
    layout: dict
    version: version_keys.VersionStamp | None


_ATTEMPTS = Attempt.__table__.c
_VERSIONS = ExamVersion.__table__.c
TO_ANSWER_COLUMNS = (
    *(_ATTEMPTS[name] for name in AttemptToAnswer._fields[:-1]),
    _VERSIONS.id.label("version_id"),
    _VERSIONS.created_at.label("version_created_at"),
)
"""The columns of `to_answer`'s row, all of the tables (a statement naming a
mapped attribute would be run and read through the ORM)."""
TO_ANSWER_FROM = Attempt.__table__.outerjoin(
    ExamVersion.__table__,
    and_(_VERSIONS.exam_id == _ATTEMPTS.exam_id, _VERSIONS.version == _ATTEMPTS.exam_version),
)


def to_answer(session: Session, row: Row) -> AttemptToAnswer:
    """The attempt in a row that starts with `TO_ANSWER_COLUMNS`."""
    *values, version_id, created_at = row[: len(TO_ANSWER_COLUMNS)]
    stamp = None
    if version_id is not None:
        stamp = version_keys.VersionStamp(version_id, created_at, functools.partial(_snapshot, session, version_id))
    return AttemptToAnswer(*values, stamp)


def _snapshot(session: Session, version_id: int) -> dict:
    return session.scalar(select(_VERSIONS.snapshot).where(_VERSIONS.id == version_id))


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
