"""Accepting submissions and reading them back (the API side).

Accepting is database-first: the submission, its `submitted` event and
(with an Idempotency-Key) the response to replay are committed together
before the 202 is sent, and only then is the scoring task enqueued. If
enqueueing fails the sweeper enqueues it later, so an accepted submission
is never lost. Attempts that run out of time are submitted the same way by
beat, with their last autosaved answers.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime
from http import HTTPStatus

from flask import current_app
from sqlalchemy.exc import IntegrityError

from exam_api import task_names
from exam_api.attempts import repository as attempts_repository
from exam_api.attempts import service as attempts
from exam_api.attempts.models import Attempt
from exam_api.audit import service as audit
from exam_api.auth.identity import Viewer
from exam_api.database import begin_reading, end_reading, utcnow
from exam_api.extensions import db
from exam_api.idempotency import service as idempotency
from exam_api.problems import Conflict, NotFound, ServiceUnavailable
from exam_api.submissions import events, repository, visibility
from exam_api.submissions.models import QUEUED, Submission
from exam_api.task_queue import enqueue

logger = logging.getLogger(__name__)

AUTO_SUBMIT_BATCH = 500


class QueueFull(ServiceUnavailable):
    slug = "queue-full"
    meaning = "Too many submissions are waiting to be scored; nothing was stored. Send the same submission again after Retry-After."
    title = "Too many submissions waiting"


class NotFailed(Conflict):
    slug = "not-failed"
    meaning = "Only a failed submission can be put back in the scoring queue."
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
    # Everything that decides whether to accept is read first, in a read
    # transaction: on SQLite the write lock is then held only for the writes.
    # A submission of the same attempt racing this one still loses on the
    # unique attempt id, and the queue limit is a bound, not a count.
    # On PostgreSQL the writes are one statement (`repository.insert_submitted`),
    # so without an idempotency key to complete beside them there is no
    # transaction at all.
    begin_reading(db.session(), then_one_write=held is None)
    attempt, queued_span, new_id = repository.read_for_submit(db.session, attempt_id)
    attempt = attempts.owned(attempt, attempt_id, viewer.user_id)
    now = utcnow()
    attempts.open_for_answers(attempt, now)
    answers = attempts.checked_answers(attempt, raw_answers)
    _refuse_when_queue_is_full(queued_span)
    end_reading(db.session())
    try:
        submission_id = _record(attempt, answers, now, auto_submitted=False, new_id=new_id)
        accepted = Accepted(HTTPStatus.ACCEPTED, {"id": submission_id, "status": QUEUED})
        if held is not None:
            idempotency.complete(held, idempotency.StoredResponse(accepted.status, accepted.body))
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise attempts.AttemptSubmitted(f"Attempt {attempt_id} has already been submitted.") from None
    enqueue(task_names.SCORE_SUBMISSION, submission_id)
    return accepted


def _record(
    attempt: Attempt, answers: list[dict], now: datetime, *, auto_submitted: bool, new_id: int | None = None
) -> int:
    """The submission, its attempt marked submitted and its `submitted`
    event, in the caller's transaction: one statement when the submission's
    id was drawn already (`new_id`, PostgreSQL), else three (no unit of
    work: this is the API's busiest write). Returns its id."""
    values = {
        "attempt_id": attempt.id,
        "exam_id": attempt.exam_id,
        "user_id": attempt.user_id,
        "exam_version": attempt.exam_version,
        "answers": answers,
        "status": QUEUED,
        "deliveries": 0,
        "submitted_at": now,
        "enqueued_at": now,
        "auto_submitted": auto_submitted,
    }
    if new_id is not None:
        values["id"] = new_id
        repository.insert_submitted(db.session, values, events.submitted(Submission(**values)))
        return new_id
    submission_id = repository.insert_new(db.session, values)
    attempts_repository.mark_submitted(db.session, attempt.id)
    events.record_submitted(db.session, Submission(id=submission_id, **values))
    return submission_id


def _refuse_when_queue_is_full(queued_span: int | None) -> None:
    settings = current_app.extensions["settings"]
    if repository.queue_reaches(db.session, settings.max_queued_submissions, queued_span):
        raise QueueFull(
            f"{settings.max_queued_submissions} or more submissions are waiting to be scored; "
            "nothing was stored, retry later.",
            headers={"Retry-After": str(settings.backpressure_retry_after_seconds)},
        )


def auto_submit_expired() -> int:
    """Submit every attempt past its deadline and grace with its last
    autosaved answers, so a student who lost the connection is still graded.
    Racing a student's own last-second submission, whichever commits first
    is the attempt's one submission; the other finds it submitted."""
    now = utcnow()
    submitted = []
    for attempt in attempts_repository.past_close(db.session, now, AUTO_SUBMIT_BATCH):
        try:
            submission_id = _record(attempt, attempt.saved_answers or [], now, auto_submitted=True)
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            continue
        submitted.append(submission_id)
        logger.info("expired attempt submitted", extra={"attempt_id": attempt.id, "submission_id": submission_id})
    db.session.commit()
    for submission_id in submitted:
        enqueue(task_names.SCORE_SUBMISSION, submission_id)
    return len(submitted)


def retry(submission_id: int) -> Accepted:
    """Put a failed submission back in the queue (admins)."""
    if repository.get(db.session, submission_id) is None:
        raise NotFound(f"Submission {submission_id} does not exist.")
    if not repository.requeue_failed(db.session, submission_id, utcnow()):
        db.session.rollback()
        raise NotFailed(f"Submission {submission_id} is not failed.")
    audit.record("submission.retried", "submission", submission_id)
    db.session.commit()
    enqueue(task_names.SCORE_SUBMISSION, submission_id)
    return Accepted(HTTPStatus.ACCEPTED, {"id": submission_id, "status": QUEUED})


_OWNER_FIELDS = (
    "id",
    "attempt_id",
    "exam_id",
    "exam_version",
    "status",
    "submitted_at",
    "scored_at",
    "auto_submitted",
)
_RESULT_FIELDS = ("score", "max_score", "percent", "passed")
_DELIVERY_FIELDS = ("deliveries", "failure_reason")


def _as_seen_by(submission: Submission, viewer: Viewer, now: datetime) -> dict:
    """The submission's fields this viewer may see: admins everything,
    delivery internals included; owners their result only when the exam's
    score policy allows it at this moment (what is not allowed is absent)."""
    fields = _OWNER_FIELDS
    if visibility.allows("score", submission, viewer, now):
        fields += _RESULT_FIELDS
    if viewer.is_admin:
        fields += _DELIVERY_FIELDS
    return {field: getattr(submission, field) for field in fields}


def get_visible(submission_id: int, viewer: Viewer) -> dict:
    """The submission if the viewer owns it or is an admin; else absent."""
    return _as_seen_by(visibility.visible_submission(submission_id, viewer), viewer, utcnow())


def list_visible(viewer: Viewer, *, exam_id: int | None, page: int, page_size: int) -> tuple[list[dict], int]:
    items, total = repository.page(
        db.session,
        user_id=None if viewer.is_admin else viewer.user_id,
        exam_id=exam_id,
        offset=(page - 1) * page_size,
        limit=page_size,
    )
    now = utcnow()
    return [_as_seen_by(s, viewer, now) for s in items], total
