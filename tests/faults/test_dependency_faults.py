"""Kafka or Redis down: submissions are still accepted and scored, events
wait, and everything catches up when the service returns."""

from __future__ import annotations

import threading
import time

import pytest
import requests
from sqlalchemy import create_engine, func, select

from exam_api.outbox.models import OutboxEvent
from ops.kafka_reader import wait_for_events
from tests.support.exams import correct_answers
from tests.support.faults import wait_until, writes_held

pytestmark = pytest.mark.slow


def accept(student, exam) -> int:
    attempt = student.start_attempt(exam["id"])
    response = student.submit(attempt["id"], correct_answers(exam))
    assert response.status_code == 202, response.text
    return response.json()["id"]


def outbox_counts(settings) -> tuple[int, int]:
    """(rows, distinct event ids) in the outbox."""
    engine = create_engine(settings.database_url)
    try:
        with engine.connect() as connection:
            return connection.execute(select(func.count(), func.count(func.distinct(OutboxEvent.event_id)))).one()
    finally:
        engine.dispose()


def test_events_wait_while_kafka_is_down_and_all_arrive_once_it_returns(fault_env):
    env = fault_env
    env.stack.start("api")
    env.stack.start_worker()
    env.stack.start("beat")
    admin, student, exam = env.admin, env.new_student(), env.published_exam()

    env.kafka.stop()
    ids = [accept(student, exam) for _ in range(50)]
    for submission_id in ids:
        assert student.wait_for_submission(submission_id, timeout=60)["status"] == "scored"

    report = admin.call("GET", "/api/v1/admin/queue")
    assert report["submissions"]["scored"] == 50
    assert report["outbox"]["backlog"] == 100
    assert report["outbox"]["oldest_age_seconds"] > 0
    assert outbox_counts(env.settings) == (100, 100)
    assert env.stack.processes["api"].running()

    env.start_kafka()
    wait_until(
        lambda: admin.call("GET", "/api/v1/admin/queue")["outbox"]["backlog"] == 0,
        timeout=90,
        message="the outbox to drain",
    )
    scored = [
        e
        for e in wait_for_events(env.settings.kafka_bootstrap_servers, env.settings.topic_submission_scored, 50)
        if e.value["exam_id"] == exam["id"]
    ]
    assert len(scored) == 50
    assert len({e.value["event_id"] for e in scored}) == 50
    assert {e.value["submission_id"] for e in scored} == set(ids)
    assert outbox_counts(env.settings) == (100, 100)
    assert [e.offset for e in scored] == sorted(e.offset for e in scored), "one exam's events keep their order"


def test_submissions_posted_while_redis_is_down_are_all_scored_when_it_returns(fault_env):
    env = fault_env
    env.stack.start("api")
    worker = env.stack.start_worker()
    env.stack.start("beat")
    admin, student, exam = env.admin, env.new_student(), env.published_exam()

    env.redis.stop()
    started = time.monotonic()
    ids = [accept(student, exam) for _ in range(20)]
    assert time.monotonic() - started < 30, "no request waits on the dead Redis"

    ready = requests.get(f"{env.stack.base_url}/readyz", timeout=5)
    assert ready.status_code == 503
    assert ready.json()["errors"]["checks"]["redis"] == "down"
    assert admin.call("GET", "/api/v1/admin/queue")["submissions"]["queued"] == 20
    assert student.call("GET", f"/api/v1/exams/{exam['id']}")["id"] == exam["id"]
    assert "falling back to in-memory storage" in env.stack.processes["api"].log()

    env.start_redis()
    for submission_id in ids:
        assert student.wait_for_submission(submission_id, timeout=90)["status"] == "scored"
    assert "re-enqueued lost submissions" in worker.log()
    assert requests.get(f"{env.stack.base_url}/readyz", timeout=5).status_code == 200


def test_sigterm_lets_the_api_finish_a_request_in_flight(fault_env):
    env = fault_env
    api = env.stack.start("api")
    student, exam = env.new_student(), env.published_exam()
    attempt = student.start_attempt(exam["id"])

    answers: list = []
    with writes_held(env.settings):
        request = threading.Thread(target=lambda: answers.append(student.submit(attempt["id"], [])))
        request.start()
        time.sleep(1)
        api.signal(15)
        time.sleep(1)
        assert api.running(), "gunicorn waits for the request in flight"

    request.join(timeout=30)
    assert answers and answers[0].status_code == 202
    wait_until(lambda: not api.running(), timeout=30, message="gunicorn to exit")
    assert api.popen.returncode == 0
