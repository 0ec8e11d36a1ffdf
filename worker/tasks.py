"""Celery tasks: thin wrappers that take ids and call exam_api's services.

Shared tasks (Flask's Celery example): they bind to whichever Celery app is
current, the one `exam_api.task_queue.celery_init_app` made, whose task
class runs each task inside the Flask app context. So this module imports
neither the Celery app nor the Flask app.

Every task is idempotent, because every task may run more than once
(acks_late redelivery, the sweeper, beat). Per-task delivery policy (time
limits, retry caps) comes from celeryconfig's annotations; retries use
Celery's own autoretry with exponential backoff and jitter.
"""

from __future__ import annotations

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from sqlalchemy.exc import OperationalError

from exam_api.extensions import db
from exam_api.grading import regrade
from exam_api.idempotency import service as idempotency
from exam_api.jobs import service as jobs
from exam_api.metrics.instruments import SCORING_DURATION, SCORING_OUTCOMES
from exam_api.outbox import relay
from exam_api.outbox.publisher import publisher
from exam_api.results import exports
from exam_api.submissions import processing
from exam_api.submissions import service as submissions
from exam_api.task_names import (
    AUTO_SUBMIT_EXPIRED,
    DELIVER_WEBHOOKS,
    PRUNE_IDEMPOTENCY_KEYS,
    PRUNE_OUTBOX,
    RELAY_OUTBOX,
    RUN_JOB,
    SCORE_SUBMISSION,
    SWEEP_SUBMISSIONS,
)
from exam_api.webhooks import service as webhooks

# Worth retrying: a lost or stuck database connection. Scoring itself takes
# milliseconds, so a task past its soft time limit was waiting on something
# outside it (a lock, a slow disk): also retried. A bug is not retried.
TRANSIENT_ERRORS = (OperationalError, SoftTimeLimitExceeded)


@shared_task(
    name=SCORE_SUBMISSION,
    bind=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_jitter=True,
)
def score_submission(self, submission_id: int) -> str:
    try:
        with SCORING_DURATION.time():
            outcome = processing.score(submission_id, redelivered=redelivered(self))
    except Exception as exc:
        SCORING_OUTCOMES.labels("gave_up" if gives_up(self, exc) else "retried").inc()
        if gives_up(self, exc):
            _mark_failed(self, submission_id, exc)
        raise
    SCORING_OUTCOMES.labels(outcome).inc()
    if outcome == processing.Outcome.SCORED:
        publisher.wake()
    return outcome


def redelivered(task) -> bool:
    """Whether this message ran before: the broker gave it back (kombu marks
    a restored or rejected-and-requeued message) or Celery retries it."""
    return bool((task.request.delivery_info or {}).get("redelivered")) or bool(task.request.retries)


def gives_up(task, exc: Exception) -> bool:
    """Celery will not run this delivery again: the error is not transient,
    or it is and the retries are used up."""
    if not isinstance(exc, TRANSIENT_ERRORS):
        return True
    return task.max_retries is not None and task.request.retries >= task.max_retries


def _mark_failed(task, submission_id: int, exc: Exception) -> None:
    """Mark the submission failed with the reason, so it shows in
    /admin/queue and can be retried, instead of sitting in `processing`."""
    db.session.rollback()
    processing.fail(submission_id, f"scoring failed after {task.request.retries} retries: {exc!r}")


@shared_task(name=RELAY_OUTBOX)
def relay_outbox() -> int:
    return relay.relay_pending()


@shared_task(name=SWEEP_SUBMISSIONS)
def sweep_submissions() -> int:
    return processing.sweep().enqueued


@shared_task(name=PRUNE_OUTBOX)
def prune_outbox() -> int:
    return relay.prune_published()


@shared_task(name=PRUNE_IDEMPOTENCY_KEYS)
def prune_idempotency_keys() -> int:
    return idempotency.prune_expired()


@shared_task(name=AUTO_SUBMIT_EXPIRED)
def auto_submit_expired() -> int:
    return submissions.auto_submit_expired()


@shared_task(name=DELIVER_WEBHOOKS)
def deliver_webhooks() -> int:
    return webhooks.deliver()


JOB_STEPS = {regrade.KIND: regrade.step, exports.JOB_KIND: exports.step}
"""What each kind of job does per step (see exam_api.jobs.service)."""


@shared_task(name=RUN_JOB, bind=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, retry_jitter=True)
def run_job(self, job_id: int) -> str:
    try:
        return jobs.run(job_id, JOB_STEPS)
    except Exception as exc:
        if gives_up(self, exc):
            jobs.fail(job_id, f"{type(exc).__name__}: {exc}")
        raise
