"""Celery task names: the contract between the API that enqueues and the
worker that runs, so neither imports the other."""

SCORE_SUBMISSION = "exam_api.score_submission"
RELAY_OUTBOX = "exam_api.relay_outbox"
SWEEP_SUBMISSIONS = "exam_api.sweep_submissions"
PRUNE_OUTBOX = "exam_api.prune_outbox"
PRUNE_IDEMPOTENCY_KEYS = "exam_api.prune_idempotency_keys"
AUTO_SUBMIT_EXPIRED = "exam_api.auto_submit_expired"
RUN_JOB = "exam_api.run_job"
DELIVER_WEBHOOKS = "exam_api.deliver_webhooks"

ROUTINE_TASKS = frozenset(
    {RELAY_OUTBOX, SWEEP_SUBMISSIONS, AUTO_SUBMIT_EXPIRED, PRUNE_OUTBOX, PRUNE_IDEMPOTENCY_KEYS, DELIVER_WEBHOOKS}
)
"""Beat's housekeeping, about one run a second: on a queue of its own, and
logged only when a run did something."""
