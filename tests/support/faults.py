"""Tools for fault tests: hold a task mid-scoring with a database lock,
see which pool child runs it, wait for a state."""

from __future__ import annotations

import contextlib
import sqlite3
import time

from celery import Celery
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from exam_api.config import Settings
from exam_api.database import utcnow
from exam_api.outbox.models import OutboxEvent
from exam_api.submissions.events import SCORED, event_id
from exam_api.task_names import SCORE_SUBMISSION


def wait_until(predicate, timeout: float = 60, interval: float = 0.2, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout}s waiting for {message}")
        time.sleep(interval)


@contextlib.contextmanager
def _sqlite_write_lock(path: str):
    connection = sqlite3.connect(path, isolation_level=None, timeout=30)
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        connection.execute("ROLLBACK")
        connection.close()


@contextlib.contextmanager
def _postgres_open_transaction(database_url: str, statement):
    """Run `statement` and keep its transaction open (and its locks held)."""
    engine = create_engine(database_url)
    connection = engine.connect()
    connection.execute(statement)
    try:
        yield
    finally:
        connection.rollback()
        connection.close()
        engine.dispose()


def scoring_held(settings: Settings, submission_id: int):
    """Block the scoring of one submission in the database until the block exits.

    PostgreSQL: an uncommitted outbox row carrying the event id that scoring
    will write (event ids are derived from the submission) makes the scoring
    transaction's insert wait on the unique index, after the delivery has
    claimed the submission and counted itself; nothing else is blocked.
    SQLite has one write lock for the whole file, so there every write waits
    (a delivery stops at its claim): keep beat stopped while holding it.
    Either way the task is running, unacknowledged, inside a pool child.
    """
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite":
        return _sqlite_write_lock(url.database)
    hold_row = insert(OutboxEvent).values(
        event_id=event_id(SCORED, submission_id),
        event_type="test.hold",
        topic="test.hold",
        key="hold",
        payload={},
        created_at=utcnow(),
    )
    return _postgres_open_transaction(settings.database_url, hold_row)


def job_held(settings: Settings, job_id: int):
    """Block a job in the database until the block exits (PostgreSQL): its row
    locked, the worker's first step waits on it, unacknowledged in a pool child."""
    return _postgres_open_transaction(
        settings.database_url, text("SELECT id FROM jobs WHERE id = :id FOR UPDATE").bindparams(id=job_id)
    )


def writes_held(settings: Settings):
    """Block every new submission row (an in-flight POST /submissions waits)."""
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite":
        return _sqlite_write_lock(url.database)
    return _postgres_open_transaction(settings.database_url, text("LOCK TABLE submissions IN EXCLUSIVE MODE"))


class TaskInspector:
    """Asks the workers (Celery remote control, over the broker) what runs."""

    def __init__(self, settings: Settings):
        self.app = Celery(broker=settings.redis_url)

    def active(self, task_name: str, argument: int) -> list[dict]:
        """The running deliveries of a task given this one argument, with their host."""
        replies = self.app.control.inspect(timeout=1.0).active() or {}
        return [
            {**task, "hostname": hostname}
            for hostname, tasks in replies.items()
            for task in tasks
            if task["name"] == task_name and list(task["args"]) == [argument]
        ]

    def active_scoring(self, submission_id: int) -> list[dict]:
        return self.active(SCORE_SUBMISSION, submission_id)

    def runs(self, task_name: str) -> int:
        """How many times the workers have run `task_name` since they started."""
        replies = self.app.control.inspect(timeout=1.0).stats() or {}
        return sum(stats.get("total", {}).get(task_name, 0) for stats in replies.values())

    def send_scoring(self, submission_id: int) -> None:
        self.app.send_task(SCORE_SUBMISSION, args=[submission_id], queue="exam_api")

    def close(self) -> None:
        self.app.close()
