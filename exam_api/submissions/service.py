"""Accepting submissions and reading them back (the API side).

Accepting is database-first: the submission, its `submitted` event and
(with an Idempotency-Key) the response to replay are committed together
before the 202 is sent, and only then is the scoring task enqueued. If
enqueueing fails the sweeper enqueues it later, so an accepted submission
is never lost.
"""

from __future__ import annotations

import dataclasses
from http import HTTPStatus

from flask import current_app
from sqlalchemy.exc import IntegrityError

from exam_api import task_names
from exam_api.attempts import service as attempts
from exam_api.attempts.models import STATUS_SUBMITTED
from exam_api.auth.identity import Viewer
from exam_api.database import utcnow
from exam_api.exams import service as exams
from exam_api.extensions import db
from exam_api.idempotency import service as idempotency
from exam_api.problems import Conflict, InvalidInput, NotFound, ServiceUnavailable
from exam_api.submissions import events, repository
from exam_api.submissions.answers import AnswerErrors, parse_answers
from exam_api.submissions.models import QUEUED, Submission
from exam_api.submissions.scoring import question_from_snapshot
from exam_api.task_queue import enqueue


class AlreadySubmitted(Conflict):
    slug = "already-submitted"
    title = "Attempt already submitted"


class AttemptExpired(Conflict):
    slug = "attempt-expired"
    title = "Attempt expired"


class QueueFull(ServiceUnavailable):
    slug = "queue-full"
    title = "Too many submissions waiting"


class NotFailed(Conflict):
    slug = "not-failed"
    title = "Only a failed submission can be retried"


@dataclasses.dataclass(frozen=True)
class Accepted:
    """What the client is told: the first answer, or its replay."""

    status: int
    body: dict
    replayed: bool = False

    @property
    def submission_id(self) -> int:
        return self.body["id"]


def submit(viewer: Viewer, attempt_id: int, raw_answers: list[dict], idempotency_key: str | None = None) -> Accepted:
    if idempotency_key is None:
        return _accept(viewer, attempt_id, raw_answers, held=None)
    request = {"attempt_id": attempt_id, "answers": raw_answers}
    held = idempotency.begin(viewer.user_id, idempotency_key, idempotency.fingerprint(request))
    if isinstance(held, idempotency.StoredResponse):
        return Accepted(held.status, held.body, replayed=True)
    try:
        return _accept(viewer, attempt_id, raw_answers, held=held)
    except BaseException:
        idempotency.release(held)
        raise


def _accept(viewer: Viewer, attempt_id: int, raw_answers: list[dict], held: idempotency.Held | None) -> Accepted:
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
    _refuse_when_queue_is_full()

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
        accepted = Accepted(HTTPStatus.ACCEPTED, {"id": submission.id, "status": QUEUED})
        if held is not None:
            idempotency.complete(held, idempotency.StoredResponse(accepted.status, accepted.body))
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise AlreadySubmitted(f"Attempt {attempt_id} has already been submitted.") from None
    enqueue(task_names.SCORE_SUBMISSION, submission.id)
    return accepted


def _refuse_when_queue_is_full() -> None:
    settings = current_app.extensions["settings"]
    if repository.count_queued(db.session) >= settings.max_queued_submissions:
        raise QueueFull(
            f"{settings.max_queued_submissions} or more submissions are waiting to be scored; "
            "nothing was stored, retry later.",
            headers={"Retry-After": str(settings.backpressure_retry_after_seconds)},
        )


def retry(submission_id: int) -> Accepted:
    """Put a failed submission back in the queue (admins)."""
    if repository.get(db.session, submission_id) is None:
        raise NotFound(f"Submission {submission_id} does not exist.")
    if not repository.requeue_failed(db.session, submission_id, utcnow()):
        db.session.rollback()
        raise NotFailed(f"Submission {submission_id} is not failed.")
    db.session.commit()
    enqueue(task_names.SCORE_SUBMISSION, submission_id)
    return Accepted(HTTPStatus.ACCEPTED, {"id": submission_id, "status": QUEUED})


_OWNER_FIELDS = (
    "id",
    "attempt_id",
    "exam_id",
    "status",
    "submitted_at",
    "scored_at",
    "score",
    "max_score",
    "percent",
    "passed",
)


def _as_seen_by(submission: Submission, viewer: Viewer) -> Submission | dict:
    """Admins see delivery internals (attempts, failure reason); owners do not."""
    if viewer.is_admin:
        return submission
    return {field: getattr(submission, field) for field in _OWNER_FIELDS}


def get_visible(submission_id: int, viewer: Viewer) -> Submission | dict:
    """The submission if the viewer owns it or is an admin; else absent."""
    submission = repository.get(db.session, submission_id)
    if submission is None or not (viewer.is_admin or submission.user_id == viewer.user_id):
        raise NotFound(f"Submission {submission_id} does not exist.")
    return _as_seen_by(submission, viewer)


def list_visible(viewer: Viewer, *, exam_id: int | None, page: int, page_size: int) -> tuple[list, int]:
    items, total = repository.page(
        db.session,
        user_id=None if viewer.is_admin else viewer.user_id,
        exam_id=exam_id,
        offset=(page - 1) * page_size,
        limit=page_size,
    )
    return [_as_seen_by(s, viewer) for s in items], total
