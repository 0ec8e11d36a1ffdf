"""What the API puts on the broker when it enqueues a task."""

import base64
import json

import pytest
import redis
from kombu.messaging import Producer

from celeryconfig import JOBS_QUEUE, ROUTINE_QUEUE, SCORING_QUEUE
from exam_api.task_names import RELAY_OUTBOX, RUN_JOB, SCORE_SUBMISSION
from exam_api.task_queue import enqueue


@pytest.fixture
def queued(settings):
    """The messages waiting in a queue, oldest first."""
    broker = redis.Redis.from_url(settings.redis_url)

    def read(queue=SCORING_QUEUE):
        return [json.loads(raw) for raw in reversed(broker.lrange(queue, 0, -1))]

    return read


def test_an_enqueued_task_names_its_ids_for_flower(app_context, queued):
    enqueue(SCORE_SUBMISSION, 7)
    (message,) = queued()
    assert (message["headers"]["task"], message["headers"]["argsrepr"]) == (SCORE_SUBMISSION, "(7,)")
    assert json.loads(base64.b64decode(message["body"]))[0] == [7]


def test_a_publish_declares_no_queue(app_context, queued, monkeypatch):
    declared = []
    monkeypatch.setattr(Producer, "maybe_declare", lambda producer, entity, **kw: declared.append(entity))
    enqueue(SCORE_SUBMISSION, 7)
    enqueue(SCORE_SUBMISSION, 8)
    assert len(queued()) == 2
    assert declared == []


@pytest.mark.parametrize(
    ("task", "queue"), [(SCORE_SUBMISSION, SCORING_QUEUE), (RUN_JOB, JOBS_QUEUE), (RELAY_OUTBOX, ROUTINE_QUEUE)]
)
def test_each_task_reaches_its_queue_on_a_broker_where_nothing_was_declared(app_context, queued, task, queue):
    enqueue(task, 7)
    assert [message["headers"]["task"] for message in queued(queue)] == [task]
