"""The one place Celery meets the Flask app, and how the API enqueues work.

`celery_init_app` follows Flask's Celery example: every task runs inside an
app context, and the Celery app lives in `app.extensions["celery"]`. The API
enqueues by task name, so `exam_api` never imports the worker package.
"""

from __future__ import annotations

import logging

import redis
from celery import Celery, Task
from flask import Flask, current_app
from kombu.exceptions import KombuError

import celeryconfig
from exam_api.redis_client import get_redis
from exam_api.request_ids import TASK_HEADER, bind_request_id, current_request_id, reset_request_id

logger = logging.getLogger(__name__)


def celery_init_app(app: Flask) -> Celery:
    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            token = bind_request_id(self.request.get(TASK_HEADER))
            try:
                with app.app_context():
                    return self.run(*args, **kwargs)
            finally:
                reset_request_id(token)

    celery_app = Celery(app.name, task_cls=FlaskTask)
    celery_app.config_from_object(celeryconfig.from_settings(app.extensions["settings"]))
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    return celery_app


def enqueue(task_name: str, *args) -> bool:
    """Publish a task without retrying; False when the broker is unreachable.

    Callers have already committed what the task works on, and a sweeper
    re-enqueues whatever was not picked up, so a failed publish loses nothing.
    """
    celery_app: Celery = current_app.extensions["celery"]
    try:
        celery_app.send_task(
            task_name,
            args=args,
            retry=False,
            headers={TASK_HEADER: current_request_id()},
            # Celery would bind a copy of the queue to the channel and look it
            # up in kombu's cache of declared entities on every publish, and
            # render the arguments with its safe repr: a fifth of a publish.
            # Tasks go to the default exchange, by queue name, which Redis
            # needs nothing declared for; the arguments are ids. (Celery also
            # copies the two reprs into the message's properties, unread.)
            declare=(),
            argsrepr=repr(args),
            kwargsrepr="{}",
        )
    except (KombuError, redis.RedisError, OSError) as exc:
        logger.warning("could not enqueue task", extra={"task": task_name, "error": repr(exc)})
        return False
    return True


def waiting(queue: str) -> int | None:
    """How many tasks wait in a queue of the broker (Redis: the queue is a
    list of that name); None when Redis does not answer."""
    try:
        return get_redis().llen(queue)
    except redis.RedisError:
        return None
