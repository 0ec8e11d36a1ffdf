"""The worker baseline: a no-op Celery task with the project's delivery
settings (acks_late, prefetch 1, time limits), on the same Redis, run by the
same `celery worker` command line (`--app bench.baseline_tasks`)."""

from celery import Celery

import celeryconfig
from exam_api.config import Settings

QUEUE = "bench_noop"


def noop(submission_id: int) -> None:
    return None


def make_app(settings: Settings) -> Celery:
    celery_app = Celery("bench_noop")
    celery_app.config_from_object({**celeryconfig.from_settings(settings), "task_default_queue": QUEUE})
    celery_app.task(name="bench.noop")(noop)
    return celery_app


app = make_app(Settings.from_env())
