"""Submission queries. State changes are compare-and-set updates: each names
the status it expects, and its row count says whether this caller won."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import and_, bindparam, func, or_, select, update
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.attributes import set_committed_value

from exam_api.attempts import repository as attempts_repository
from exam_api.attempts.models import Attempt
from exam_api.attempts.repository import TO_ANSWER_COLUMNS, TO_ANSWER_FROM, AttemptToAnswer
from exam_api.database import streamed_rows
from exam_api.exams import version_keys
from exam_api.outbox.models import OutboxEvent
from exam_api.rules.scoring import ScoreSheet
from exam_api.submissions.models import (
    FAILED,
    NEEDS_GRADING,
    OPEN_STATUSES,
    PROCESSING,
    QUEUED,
    SCORED,
    Submission,
)
from exam_api.users.models import User

_NO_SYNC = {"synchronize_session": False}


def get(session: Session, submission_id: int) -> Submission | None:
    return session.get(Submission, submission_id)


_SCORING_LOADS = (
    joinedload(Submission.attempt),
    version_keys.stamp_loaded(Submission.version),
)


def get_for_scoring(session: Session, submission_id: int) -> Submission | None:
    """With its attempt and what names its exam version in the same round
    trip: scoring reads the attempt's layout and the version's keys, which
    a process builds once (`exams.version_keys`)."""
    return session.get(Submission, submission_id, options=_SCORING_LOADS)


_INSERT_NEW = Submission.__table__.insert().returning(Submission.__table__.c.id)


def insert_new(session: Session, values: dict) -> int:
    """A new submission in one prepared INSERT, outside the unit of work; its id."""
    return session.execute(_INSERT_NEW, values).scalar_one()


def page(
    session: Session, *, user_id: int | None, exam_id: int | None, offset: int, limit: int
) -> tuple[list[Submission], int]:
    query = select(Submission)
    if user_id is not None:
        query = query.where(Submission.user_id == user_id)
    if exam_id is not None:
        query = query.where(Submission.exam_id == exam_id)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    items = session.scalars(query.order_by(Submission.id.desc()).offset(offset).limit(limit)).all()
    return list(items), total


_SUBMISSIONS = Submission.__table__.c
_QUEUED_SPAN = (
    select(func.max(_SUBMISSIONS.id)).scalar_subquery()
    - select(func.min(_SUBMISSIONS.id)).where(_SUBMISSIONS.status == QUEUED).scalar_subquery()
).label("queued_span")
_FOR_SUBMIT = (
    select(*TO_ANSWER_COLUMNS, _QUEUED_SPAN)
    .select_from(TO_ANSWER_FROM)
    .where(Attempt.__table__.c.id == bindparam("attempt_id"))
)
_FOR_SUBMIT_WITH_NEW_ID = _FOR_SUBMIT.add_columns(
    func.nextval(func.pg_get_serial_sequence(Submission.__tablename__, Submission.id.key))
)
_QUEUED_UP_TO = select(func.count()).select_from(
    select(Submission.id).where(Submission.status == QUEUED).limit(bindparam("limit")).subquery()
)


class SubmitReading(NamedTuple):
    """What a submit reads, in one statement: the attempt (as taking answers
    reads it; None when there is none), the queue's span (see
    `queue_reaches`) and, on PostgreSQL, the id the new submission will
    have, drawn from its sequence so that its writes can be one statement
    (`insert_submitted`; a refused submit leaves a gap, as a rollback does)."""

    attempt: AttemptToAnswer | None
    queued_span: int | None
    new_id: int | None


def read_for_submit(session: Session, attempt_id: int) -> SubmitReading:
    drawing = session.get_bind().dialect.name == "postgresql"
    row = session.execute(_FOR_SUBMIT_WITH_NEW_ID if drawing else _FOR_SUBMIT, {"attempt_id": attempt_id}).first()
    if row is None:
        return SubmitReading(None, None, None)
    rest = row[len(TO_ANSWER_COLUMNS) :]
    return SubmitReading(attempts_repository.to_answer(session, row), rest[0], rest[1] if drawing else None)


def insert_submitted(session: Session, submission: dict, event_row: dict) -> None:
    """PostgreSQL: the submission (its id drawn by `read_for_submit`), its
    attempt marked submitted and its `submitted` event as one statement of
    data-modifying CTEs. It is atomic on its own, so a submit needs no
    transaction: one round trip where a transaction's BEGIN, three writes and
    COMMIT took five. Every column is given: defaults apply to the outer
    statement only."""
    session.execute(
        _submitted_statement(tuple(submission), tuple(event_row)),
        {
            **{f"submission_{name}": value for name, value in submission.items()},
            **{f"event_{name}": value for name, value in event_row.items()},
            "attempt_id": submission["attempt_id"],
        },
    )


@functools.cache
def _submitted_statement(submission_columns: tuple[str, ...], event_columns: tuple[str, ...]):
    new_submission = Submission.__table__.insert().values(
        {name: bindparam(f"submission_{name}") for name in submission_columns}
    )
    return (
        OutboxEvent.__table__.insert()
        .values({name: bindparam(f"event_{name}") for name in event_columns})
        .add_cte(new_submission.cte("new_submission"), attempts_repository.MARK_SUBMITTED.cte("submitted_attempt"))
    )


def queue_reaches(session: Session, limit: int, span: int | None) -> bool:
    """Whether `limit` or more submissions are queued, given the queue's
    span: the newest submission's id less the oldest queued one's (None
    when none is queued). Every queued submission's id lies in that span,
    so one shorter than `limit` answers no without counting: the question
    is asked on every submit, and a long queue must not make every submit
    slower. A longer span (a long queue, or an old submission still queued
    among many scored) is counted, no further than `limit`."""
    if limit <= 0:
        return True
    if span is None or span + 1 < limit:
        return False
    return session.scalar(_QUEUED_UP_TO, {"limit": limit}) >= limit


def claim(session: Session, submission_id: int, now: datetime) -> bool:
    """Count a delivery and mark the submission processing, unless it is final."""
    result = session.execute(
        update(Submission)
        .where(Submission.id == submission_id, Submission.status.in_(OPEN_STATUSES))
        .values(status=PROCESSING, deliveries=Submission.deliveries + 1, processing_started_at=now),
        execution_options=_NO_SYNC,
    )
    return result.rowcount == 1


def question_scores(sheet: ScoreSheet, grades: dict[int, dict] | None = None) -> list[dict]:
    """Per-question results as stored, keeping any grader's notes."""
    grades = grades or {}
    return [
        {
            **grades.get(q.question_id, {}),
            "question_id": q.question_id,
            "points_awarded": None if q.points_awarded is None else str(q.points_awarded),
            "max_points": str(q.max_points),
        }
        for q in sheet.questions
    ]


def record_score(
    session: Session, submission: Submission, sheet: ScoreSheet, now: datetime, *, claimed: bool = True
) -> bool:
    """processing -> scored, or -> needs_grading while essays wait for a
    grader; False when another delivery got there first. Unless `claimed`
    (a first delivery, see `processing.score`), the same statement is the
    claim: it counts the delivery and takes a queued submission too. The
    loaded submission takes the stored result as it is now in the database,
    so its event is written without reading the row back."""
    values = {
        "status": NEEDS_GRADING if sheet.needs_grading else SCORED,
        "score": sheet.score,
        "max_score": sheet.max_score,
        "percent": sheet.percent,
        "passed": sheet.passed,
        "question_scores": question_scores(sheet),
        "failure_reason": None,
    }
    if not sheet.needs_grading:
        values["scored_at"] = now
    parameters = {f"new_{name}": value for name, value in values.items()}
    if not claimed:
        parameters["new_processing_started_at"] = now
    result = session.execute(_score_statement(tuple(values), claimed), {"submission_id": submission.id, **parameters})
    if result.rowcount != 1:
        return False
    for column, value in values.items():
        set_committed_value(submission, column, value)
    return True


@functools.cache
def _score_statement(columns: tuple[str, ...], claimed: bool):
    """`record_score`'s UPDATE, built once per shape: built per task, it
    was a fifth of a scoring task's time (py-spy, PostgreSQL)."""
    values = {name: bindparam(f"new_{name}") for name in columns}
    if not claimed:
        values["deliveries"] = _SUBMISSIONS.deliveries + 1
        values["processing_started_at"] = bindparam("new_processing_started_at")
    expected = _SUBMISSIONS.status == PROCESSING if claimed else _SUBMISSIONS.status.in_(OPEN_STATUSES)
    return update(Submission.__table__).where(_SUBMISSIONS.id == bindparam("submission_id"), expected).values(values)


def get_for_update(session: Session, submission_id: int) -> Submission | None:
    """The submission, locked until the transaction ends (graders take turns)."""
    return session.scalar(select(Submission).where(Submission.id == submission_id).with_for_update())


def awaiting_grades(session: Session, exam_id: int, *, offset: int, limit: int) -> tuple[list[Submission], int]:
    query = select(Submission).where(Submission.exam_id == exam_id, Submission.status == NEEDS_GRADING)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    items = session.scalars(query.order_by(Submission.submitted_at, Submission.id).offset(offset).limit(limit))
    return list(items), total


def students_of(session: Session, exam_id: int, *, offset: int, limit: int) -> tuple[list[int], int]:
    """The students who submitted anything for the exam, by id, one page of them."""
    query = select(Submission.user_id).where(Submission.exam_id == exam_id).distinct()
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    return list(session.scalars(query.order_by(Submission.user_id).offset(offset).limit(limit))), total


def scored_for(session: Session, exam_id: int, user_ids: list[int]) -> list[Submission]:
    """These students' scored submissions of the exam, by student, oldest first."""
    query = select(Submission).where(
        Submission.exam_id == exam_id, Submission.status == SCORED, Submission.user_id.in_(user_ids)
    )
    return list(session.scalars(query.order_by(Submission.user_id, Submission.submitted_at)))


def mark_failed(session: Session, submission_id: int, reason: str, now: datetime) -> bool:
    result = session.execute(
        update(Submission)
        .where(Submission.id == submission_id, Submission.status.in_(OPEN_STATUSES))
        .values(status=FAILED, failure_reason=reason[:500], failed_at=now),
        execution_options=_NO_SYNC,
    )
    return result.rowcount == 1


def requeue_failed(session: Session, submission_id: int, now: datetime) -> bool:
    result = session.execute(
        update(Submission)
        .where(Submission.id == submission_id, Submission.status == FAILED)
        .values(status=QUEUED, deliveries=0, failure_reason=None, failed_at=None, enqueued_at=now),
        execution_options=_NO_SYNC,
    )
    return result.rowcount == 1


def due_for_requeue(
    session: Session, *, enqueued_before: datetime, processing_before: datetime, limit: int, include_queued: bool = True
) -> list[int]:
    """Submissions whose task was lost: queued and not picked up in time
    (unless `include_queued` is False), or processing past the point where
    the task's hard time limit killed it."""
    stale_processing = and_(Submission.status == PROCESSING, Submission.processing_started_at < processing_before)
    lost = or_(Submission.status == QUEUED, stale_processing) if include_queued else stale_processing
    return list(
        session.scalars(
            select(Submission.id)
            .where(Submission.enqueued_at < enqueued_before, lost)
            .order_by(Submission.id)
            .limit(limit)
        )
    )


def mark_enqueued(session: Session, ids: list[int], now: datetime) -> None:
    if ids:
        session.execute(
            update(Submission).where(Submission.id.in_(ids)).values(enqueued_at=now), execution_options=_NO_SYNC
        )


def counts_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(select(Submission.status, func.count()).group_by(Submission.status)).all()
    return dict(rows)


def oldest_in_status(session: Session, status: str) -> datetime | None:
    column = Submission.processing_started_at if status == PROCESSING else Submission.submitted_at
    return session.scalar(select(func.min(column)).where(Submission.status == status))


def failed_since(session: Session, since: datetime) -> int:
    return session.scalar(
        select(func.count()).select_from(Submission).where(Submission.status == FAILED, Submission.failed_at >= since)
    )


def scored_marks(session: Session, exam_id: int) -> Iterator[tuple]:
    """Every scored submission of the exam as plain columns (user_id, id,
    percent, question_scores, answers), oldest first: item analysis reads
    thousands, so no ORM objects, streamed."""
    query = select(
        Submission.user_id, Submission.id, Submission.percent, Submission.question_scores, Submission.answers
    ).where(Submission.exam_id == exam_id, Submission.status == SCORED)
    return streamed_rows(session, query.order_by(Submission.id))


def scored_batch(
    session: Session, exam_id: int, *, after: int, limit: int, ids: list[int] | None = None
) -> list[Submission]:
    """The exam's scored submissions with ids above `after`, in id order (a
    job's next batch), each with its attempt and what names its exam
    version in the same query, as `get_for_scoring` loads one."""
    query = (
        select(Submission)
        .options(*_SCORING_LOADS)
        .where(Submission.exam_id == exam_id, Submission.status == SCORED, Submission.id > after)
    )
    if ids is not None:
        query = query.where(Submission.id.in_(ids))
    return list(session.scalars(query.order_by(Submission.id).limit(limit)))


def count_scored(session: Session, exam_id: int, ids: list[int] | None = None) -> int:
    query = (
        select(func.count()).select_from(Submission).where(Submission.exam_id == exam_id, Submission.status == SCORED)
    )
    if ids is not None:
        query = query.where(Submission.id.in_(ids))
    return session.scalar(query)


def export_batch(session: Session, exam_id: int, *, after: int, limit: int) -> list[tuple]:
    """The next batch of the exam's scored submissions, with who sat them and
    when their attempt started: (Submission, email, full_name, attempt number,
    started_at), in id order."""
    query = (
        select(Submission, User.email, User.full_name, Attempt.number, Attempt.started_at)
        .join(User, User.id == Submission.user_id)
        .join(Attempt, Attempt.id == Submission.attempt_id)
        .where(Submission.exam_id == exam_id, Submission.status == SCORED, Submission.id > after)
        .order_by(Submission.id)
        .limit(limit)
    )
    return list(session.execute(query))


def scored_fingerprint(session: Session, exam_id: int) -> tuple:
    """What changes when one of the exam's submissions is scored or its score
    changes: how many are scored, the latest scoring time and the sum of scores."""
    return tuple(
        session.execute(
            select(func.count(), func.max(Submission.scored_at), func.sum(Submission.score)).where(
                Submission.exam_id == exam_id, Submission.status == SCORED
            )
        ).one()
    )
