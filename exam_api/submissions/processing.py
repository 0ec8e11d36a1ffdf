"""Scoring submissions (the worker side), safe under any number of deliveries.

A task may run twice for one submission: a redelivery after a worker died,
the sweeper's re-enqueue, or two workers racing. Each step is therefore a
compare-and-set on the submission's status, and only the delivery that
moves it from `processing` to `scored` writes the result and its event, in
one transaction. Every other delivery finds nothing to do and says so.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
from datetime import timedelta

from flask import current_app

import celeryconfig
from exam_api import task_names
from exam_api.database import utcnow
from exam_api.extensions import db
from exam_api.rules.scoring import score_exam
from exam_api.submissions import events, repository
from exam_api.submissions.models import OPEN_STATUSES, REASON_POISON
from exam_api.submissions.scoring_inputs import scoring_inputs
from exam_api.task_queue import enqueue, waiting

logger = logging.getLogger(__name__)


class Outcome(enum.StrEnum):
    """What one delivery of the scoring task did."""

    SCORED = "scored"
    NEEDS_GRADING = "needs_grading"
    DUPLICATE = "duplicate"
    POISONED = "poisoned"


SWEEP_BATCH_SIZE = 1000


def score(submission_id: int, *, redelivered: bool = True) -> Outcome:
    """Score one submission; returns what happened (scored, needs_grading,
    duplicate, poisoned).

    A first delivery is one transaction, and its claim is the statement
    that stores the result: it reads the submission, scores it, and stores
    the result while counting the delivery, if the submission is still
    queued or processing; its event commits with it. Scoring takes well
    under a millisecond, so holding the lock through it costs far less than
    a second commit: on SQLite every transaction queues for the one write
    lock, and at a steady 100 submissions/s the worker's second commit per
    submission was what built the queue; on PostgreSQL each statement is a
    round trip. Two first deliveries racing both score, and the second's
    store finds the submission final.

    A redelivery (the broker gave the task back after its process died, or
    Celery retries it) commits its claim first, counting the delivery
    before scoring starts: a submission whose scoring kills its process is
    then seen as poison after `MAX_DELIVERIES`, one uncounted first try
    later. Both paths write the same rows and the same event.
    """
    settings = current_app.extensions["settings"]
    if redelivered:
        if not repository.claim(db.session, submission_id, utcnow()):
            return _duplicate(submission_id)
        submission = repository.get_for_scoring(db.session, submission_id)
        deliveries = submission.deliveries
    else:
        submission = repository.get_for_scoring(db.session, submission_id)
        if submission is None or submission.status not in OPEN_STATUSES:
            return _duplicate(submission_id)
        deliveries = submission.deliveries + 1
    if deliveries > settings.max_deliveries:
        fail(submission_id, REASON_POISON)
        logger.error(
            "submission delivered too often; marked failed",
            extra={"submission_id": submission_id, "deliveries": deliveries},
        )
        return Outcome.POISONED
    inputs = scoring_inputs(submission)
    if redelivered:
        db.session.commit()

    sheet = score_exam(*inputs)

    if not repository.record_score(db.session, submission, sheet, utcnow(), claimed=redelivered):
        db.session.rollback()
        logger.info("another delivery scored this submission first", extra={"submission_id": submission_id})
        return Outcome.DUPLICATE
    if sheet.needs_grading:
        db.session.commit()
        logger.info("submission waits for manual grading", extra={"submission_id": submission_id})
        return Outcome.NEEDS_GRADING
    events.record_scored(db.session, submission)
    db.session.commit()
    logger.info("submission scored", extra={"submission_id": submission_id, "score": str(sheet.score)})
    return Outcome.SCORED


def _duplicate(submission_id: int) -> Outcome:
    db.session.commit()
    logger.info("submission already final; duplicate delivery ignored", extra={"submission_id": submission_id})
    return Outcome.DUPLICATE


def fail(submission_id: int, reason: str) -> bool:
    failed = repository.mark_failed(db.session, submission_id, reason, utcnow())
    db.session.commit()
    return failed


@dataclasses.dataclass(frozen=True)
class SweepResult:
    due: int
    enqueued: int


def sweep() -> SweepResult:
    """Re-enqueue submissions whose task was lost (see `due_for_requeue`).

    A queued submission counts as lost only while no scoring task waits in
    the broker: behind a backlog it is waiting, not lost, and re-enqueueing
    it would only add a duplicate to the backlog (every sweep, for every
    submission waiting longer than SUBMISSION_REQUEUE_AFTER_SECONDS). A lost
    publish is recovered once the backlog has drained."""
    settings = current_app.extensions["settings"]
    now = utcnow()
    due = repository.due_for_requeue(
        db.session,
        enqueued_before=now - timedelta(seconds=settings.submission_requeue_after_seconds),
        processing_before=now - timedelta(seconds=settings.processing_stale_after_seconds),
        limit=SWEEP_BATCH_SIZE,
        include_queued=waiting(celeryconfig.SCORING_QUEUE) in (0, None),
    )
    db.session.commit()
    enqueued = [submission_id for submission_id in due if enqueue(task_names.SCORE_SUBMISSION, submission_id)]
    repository.mark_enqueued(db.session, enqueued, now)
    db.session.commit()
    if due:
        logger.warning("re-enqueued lost submissions", extra={"due": len(due), "enqueued": len(enqueued)})
    return SweepResult(len(due), len(enqueued))
