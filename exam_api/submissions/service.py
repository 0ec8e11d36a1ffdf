"""Accepting submissions and reading them back (the API side).

Accepting is database-first: the submission and its `submitted` event are
committed together before the 202 is sent, and only then is the scoring
task enqueued. If enqueueing fails the sweeper enqueues it later, so an
accepted submission is never lost.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from exam_api import task_names
from exam_api.attempts import service as attempts
from exam_api.attempts.models import STATUS_SUBMITTED
from exam_api.auth.identity import Viewer
from exam_api.database import utcnow
from exam_api.exams import service as exams
from exam_api.extensions import db
from exam_api.problems import Conflict, InvalidInput, NotFound
from exam_api.submissions import events, repository
from exam_api.submissions.answers import AnswerErrors, parse_answers
from exam_api.submissions.models import Submission
from exam_api.submissions.scoring import question_from_snapshot
from exam_api.task_queue import enqueue


class AlreadySubmitted(Conflict):
    slug = "already-submitted"
    title = "Attempt already submitted"


class AttemptExpired(Conflict):
    slug = "attempt-expired"
    title = "Attempt expired"


def submit(viewer: Viewer, attempt_id: int, raw_answers: list[dict]) -> Submission:
    attempt = attempts.get_owned(attempt_id, viewer.user_id)
    if attempt.status == STATUS_SUBMITTED:
        raise AlreadySubmitted(f"Attempt {attempt.id} has already been submitted.")
    now = utcnow()
    if attempt.is_expired(now):
        raise AttemptExpired(f"Attempt {attempt.id} passed its deadline at {attempt.deadline.isoformat()}.")

    snapshot = exams.version(attempt.exam_id, attempt.exam_version).snapshot
    questions = [question_from_snapshot(q) for q in attempts.drawn_questions(attempt, snapshot)]
    try:
        parse_answers(questions, raw_answers)
    except AnswerErrors as exc:
        raise InvalidInput("Some answers do not fit this attempt's questions.", errors=exc.errors) from None

    submission = Submission(
        attempt_id=attempt.id,
        exam_id=attempt.exam_id,
        user_id=attempt.user_id,
        exam_version=attempt.exam_version,
        answers=raw_answers,
        submitted_at=now,
        enqueued_at=now,
    )
    attempt.status = STATUS_SUBMITTED
    try:
        repository.add(db.session, submission)
        events.record_submitted(db.session, submission)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise AlreadySubmitted(f"Attempt {attempt_id} has already been submitted.") from None
    enqueue(task_names.SCORE_SUBMISSION, submission.id)
    return submission


def get_visible(submission_id: int, viewer: Viewer) -> Submission:
    """The submission if the viewer owns it or is an admin; else absent."""
    submission = repository.get(db.session, submission_id)
    if submission is None or not (viewer.is_admin or submission.user_id == viewer.user_id):
        raise NotFound(f"Submission {submission_id} does not exist.")
    return submission


def list_visible(viewer: Viewer, *, exam_id: int | None, page: int, page_size: int) -> tuple[list[Submission], int]:
    return repository.page(
        db.session,
        user_id=None if viewer.is_admin else viewer.user_id,
        exam_id=exam_id,
        offset=(page - 1) * page_size,
        limit=page_size,
    )
