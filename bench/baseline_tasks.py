"""The worker baseline: a no-op Celery task with the project's delivery
settings (acks_late, prefetch 1, time limits), on the same Redis, run by the
same `celery worker` command line (`--app bench.baseline_tasks`), on Celery
and kombu as shipped: the project's broker transport (one Redis client per
channel, `exam_api.broker_transport`) is the project's own work, measured as
part of it, as the bare Flask baseline has none of the API's either."""

from celery import Celery

import celeryconfig
from exam_api.config import Settings

QUEUE = "bench_noop"


def noop(submission_id: int) -> None:
    return None


def make_app(settings: Settings) -> Celery:
    celery_app = Celery("bench_noop")
    conf = {**celeryconfig.from_settings(settings), "task_default_queue": QUEUE, "broker_transport": None}
    celery_app.config_from_object(conf)
    celery_app.task(name="bench.noop")(noop)
    return celery_app


app = make_app(Settings.from_env())
