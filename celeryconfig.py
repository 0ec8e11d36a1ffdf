"""Celery's settings, built from the platform's `Settings`.

The delivery policy is what makes a 202 a promise: acks_late with
reject_on_worker_lost puts a task back when its worker dies, prefetch 1
keeps a dying worker from holding other tasks hostage, and the visibility
timeout outlasts both the hard time limit and the longest retry countdown
so Redis never redelivers a task that is merely slow or waiting to retry.
"""

from __future__ import annotations

import os
from datetime import timedelta

from exam_api import broker_transport
from exam_api.config import Settings
from exam_api.task_names import (
    AUTO_SUBMIT_EXPIRED,
    DELIVER_WEBHOOKS,
    PRUNE_IDEMPOTENCY_KEYS,
    PRUNE_OUTBOX,
    RELAY_OUTBOX,
    ROUTINE_TASKS,
    RUN_JOB,
    SCORE_SUBMISSION,
    SWEEP_SUBMISSIONS,
)

SCORING_QUEUE = "exam_api"
JOBS_QUEUE = "exam_api.jobs"
"""Long jobs (regrades, exports) wait in a queue of their own, so a big one
never sits in front of submissions; `make run`'s worker takes both, and a
dedicated worker can take only this one (`--queues exam_api.jobs`)."""
ROUTINE_QUEUE = "exam_api.routine"
"""Beat's housekeeping (task_names.ROUTINE_TASKS), about one task a
second: on its own queue so Flower's views and the queue lengths show the
scoring work apart from it."""
WORKER_QUEUES = (SCORING_QUEUE, JOBS_QUEUE, ROUTINE_QUEUE)


def pool_size(settings: Settings) -> int:
    """With prefetch 1 a pool child waits for its next task while the main
    process acknowledges the last one and fetches the next (a third of its
    time on PostgreSQL, profiled at 200 tasks/s): on PostgreSQL one child
    more than the cores fills those gaps. SQLite lets one transaction write
    at a time, so there a third child only queues for the lock. On 2 cores,
    bursts of 3,000 scoring tasks, alternating runs: PostgreSQL 265/241
    tasks/s with 2 children, 302/276 with 3 (253 with 4); SQLite 314/304
    with 2, 289/290 with 3."""
    if settings.worker_concurrency:
        return settings.worker_concurrency
    cores = os.cpu_count() or 1
    return cores if settings.database_url.startswith("sqlite") else cores + 1


def from_settings(settings: Settings) -> dict:
    longest_hold = max(settings.scoring_time_limit_seconds, settings.retry_backoff_max_seconds)
    if settings.broker_visibility_timeout_seconds <= longest_hold:
        raise ValueError(
            "BROKER_VISIBILITY_TIMEOUT_SECONDS must exceed SCORING_TIME_LIMIT_SECONDS and "
            "RETRY_BACKOFF_MAX_SECONDS, or Redis redelivers tasks that are still running"
        )
    return {
        "broker_url": settings.redis_url,
        "broker_transport": broker_transport.PATH
        if settings.redis_url.partition("://")[0] in broker_transport.SCHEMES
        else None,
        "broker_connection_retry_on_startup": True,
        "broker_transport_options": {
            "visibility_timeout": settings.broker_visibility_timeout_seconds,
            "socket_connect_timeout": 2,
            "socket_timeout": 10,
            # A publish fails at once when Redis is down instead of retrying
            # for seconds inside a request; the worker's consumer reconnects
            # under its own policy (broker_connection_retry), unaffected.
            "max_retries": 0,
        },
        "task_publish_retry": False,
        "task_ignore_result": True,
        "task_serializer": "json",
        "accept_content": ["json"],
        "task_default_queue": SCORING_QUEUE,
        "task_routes": {RUN_JOB: {"queue": JOBS_QUEUE}, **{name: {"queue": ROUTINE_QUEUE} for name in ROUTINE_TASKS}},
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "worker_concurrency": pool_size(settings),
        "worker_cancel_long_running_tasks_on_connection_loss": True,
        "worker_hijack_root_logger": False,
        "worker_send_task_events": True,
        "task_send_sent_event": False,
        "task_annotations": {
            SCORE_SUBMISSION: {
                "soft_time_limit": settings.scoring_soft_time_limit_seconds,
                "time_limit": settings.scoring_time_limit_seconds,
                "max_retries": settings.scoring_max_retries,
                "retry_backoff_max": settings.retry_backoff_max_seconds,
            }
        },
        "beat_schedule_filename": settings.beat_schedule_file,
        "beat_schedule": {
            "sweep-submissions": {
                "task": SWEEP_SUBMISSIONS,
                "schedule": timedelta(seconds=settings.sweep_interval_seconds),
                "options": {"expires": settings.sweep_interval_seconds},
            },
            "relay-outbox": {
                "task": RELAY_OUTBOX,
                "schedule": timedelta(seconds=settings.outbox_relay_interval_seconds),
                "options": {"expires": max(1.0, settings.outbox_relay_interval_seconds)},
            },
            "auto-submit-expired": {
                "task": AUTO_SUBMIT_EXPIRED,
                "schedule": timedelta(seconds=settings.auto_submit_interval_seconds),
                "options": {"expires": settings.auto_submit_interval_seconds},
            },
            "prune-outbox": {"task": PRUNE_OUTBOX, "schedule": timedelta(hours=1)},
            "deliver-webhooks": {
                "task": DELIVER_WEBHOOKS,
                "schedule": timedelta(seconds=settings.webhook_interval_seconds),
                "options": {"expires": settings.webhook_interval_seconds},
            },
            "prune-idempotency-keys": {"task": PRUNE_IDEMPOTENCY_KEYS, "schedule": timedelta(hours=1)},
        },
    }
