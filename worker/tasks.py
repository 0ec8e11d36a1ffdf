"""Celery tasks: thin wrappers that take ids and call exam_api's services.

Every task is idempotent, because every task may run more than once
(acks_late redelivery, the sweeper, beat). Per-task delivery policy (time
limits, retry caps) comes from celeryconfig's annotations; retries use
Celery's own autoretry with exponential backoff and jitter.
"""

from __future__ import annotations

from celery.exceptions import SoftTimeLimitExceeded
from sqlalchemy.exc import OperationalError

from exam_api.idempotency import service as idempotency
from exam_api.outbox import relay
from exam_api.submissions import processing
from exam_api.submissions import service as submissions
from exam_api.task_names import (
    AUTO_SUBMIT_EXPIRED,
    PRUNE_IDEMPOTENCY_KEYS,
    PRUNE_OUTBOX,
    RELAY_OUTBOX,
    SCORE_SUBMISSION,
    SWEEP_SUBMISSIONS,
)
from worker.celery_app import celery_app, flask_app

# Worth retrying: a lost or stuck database connection. Scoring itself takes
# milliseconds, so a task past its soft time limit was waiting on something
# outside it (a lock, a slow disk): also retried. A bug is not retried.
TRANSIENT_ERRORS = (OperationalError, SoftTimeLimitExceeded)


class ScoringTask(celery_app.Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        """Once Celery gives up, mark the submission failed with the reason,
        so it shows in /admin/queue and can be retried, instead of sitting
        in `processing`."""
        with flask_app.app_context():
            processing.fail(args[0], f"scoring failed after {self.request.retries} retries: {exc!r}")


@celery_app.task(
    name=SCORE_SUBMISSION,
    base=ScoringTask,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_jitter=True,
)
def score_submission(submission_id: int) -> str:
    outcome = processing.score(submission_id)
    if outcome == processing.Outcome.SCORED:
        relay.relay_pending()
    return outcome


@celery_app.task(name=RELAY_OUTBOX)
def relay_outbox() -> int:
    return relay.relay_pending()


@celery_app.task(name=SWEEP_SUBMISSIONS)
def sweep_submissions() -> int:
    return processing.sweep().enqueued


@celery_app.task(name=PRUNE_OUTBOX)
def prune_outbox() -> int:
    return relay.prune_published()


@celery_app.task(name=PRUNE_IDEMPOTENCY_KEYS)
def prune_idempotency_keys() -> int:
    return idempotency.prune_expired()


@celery_app.task(name=AUTO_SUBMIT_EXPIRED)
def auto_submit_expired() -> int:
    return submissions.auto_submit_expired()
