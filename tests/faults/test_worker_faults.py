"""Workers that die, race or stop mid-task: every accepted submission is
still scored exactly once, or ends visibly failed."""

from __future__ import annotations

import os
import signal
import time

import pytest

from ops.kafka_reader import read_topic
from tests.support.databases import POSTGRESQL
from tests.support.faults import scoring_held, wait_until
from tests.support.log_lines import json_lines

pytestmark = pytest.mark.slow


@pytest.fixture
def needs_postgresql(fault_backend):
    if fault_backend != POSTGRESQL:
        pytest.skip("needs PostgreSQL: SQLite's single write lock stops a task before it can count its delivery")


def scored_events_for(env, submission_id: int) -> list:
    return [
        e
        for e in read_topic(env.settings.kafka_bootstrap_servers, env.settings.topic_submission_scored)
        if e.value["submission_id"] == submission_id
    ]


def running_in(env, submission_id: int, *, other_than: set[int] = frozenset(), hosts: int = 1) -> list[dict]:
    """Wait until the scoring task runs in `hosts` workers, in pool children not in `other_than`."""

    def active():
        tasks = [t for t in env.inspector.active_scoring(submission_id) if t["worker_pid"] not in other_than]
        return tasks if len({t["hostname"] for t in tasks}) >= hosts else None

    return wait_until(active, timeout=60, message=f"submission {submission_id} running in {hosts} worker(s)")


def assert_scored_exactly_once(env, admin, submission_id: int) -> dict:
    result = admin.wait_for_submission(submission_id, timeout=60)
    assert result["status"] == "scored", result
    assert result["score"] == 5.0
    assert env.scored_outbox_rows(submission_id) == 1
    events = wait_until(lambda: scored_events_for(env, submission_id), timeout=30, message="the scored event")
    time.sleep(1)
    events = scored_events_for(env, submission_id)
    assert len({e.value["event_id"] for e in events}) == 1
    return result


def test_a_pool_child_killed_mid_task_is_redelivered_and_scored_once(fault_env, queued):
    env, admin, submission_id = fault_env, queued.admin, queued.submission_id

    with scoring_held(env.settings, submission_id):
        worker = env.stack.start_worker()
        [first] = running_in(env, submission_id)
        os.kill(first["worker_pid"], signal.SIGKILL)
        [again] = running_in(env, submission_id, other_than={first["worker_pid"]})
        assert again["worker_pid"] != first["worker_pid"]

    env.stack.start("beat")
    result = assert_scored_exactly_once(env, admin, submission_id)
    assert result["attempts"] == 1, "the killed first delivery rolled back with its claim; the redelivery counted"
    assert worker.running()


def test_two_workers_given_the_same_submission_store_one_result(fault_env, queued):
    env, admin, submission_id = fault_env, queued.admin, queued.submission_id

    with scoring_held(env.settings, submission_id):
        first = env.stack.start("worker", as_name="worker-a", extra_args="--hostname worker-a@%h --concurrency 1")
        second = env.stack.start("worker", as_name="worker-b", extra_args="--hostname worker-b@%h --concurrency 1")
        env.stack.wait_for_worker(first)
        env.stack.wait_for_worker(second)
        env.inspector.send_scoring(submission_id)
        running = running_in(env, submission_id, hosts=2)
        assert len({t["hostname"] for t in running}) == 2

    env.stack.start("beat")
    assert_scored_exactly_once(env, admin, submission_id)
    logs = first.log() + second.log()
    assert [line["message"] for line in json_lines(logs)].count("submission scored") == 1
    assert logs.count("another delivery scored this submission first") + logs.count("duplicate delivery ignored") == 1


@pytest.mark.parametrize(
    "fault_env",
    [{"sweep_interval_seconds": 10.0, "submission_requeue_after_seconds": 30.0}],
    indirect=True,
    ids=["default-sweeper-timing"],
)
def test_a_killed_worker_main_process_is_recovered_by_the_sweeper_within_a_minute(fault_env, queued):
    env, admin, submission_id = fault_env, queued.admin, queued.submission_id

    with scoring_held(env.settings, submission_id):
        worker = env.stack.start_worker()
        running_in(env, submission_id)
        killed_at = time.monotonic()
        worker.kill_group()

    report = admin.call("GET", "/api/v1/admin/queue")
    assert report["submissions"]["queued"] == 1, "the first delivery's claim died with its transaction"

    env.stack.start("beat")
    replacement = env.stack.start_worker("worker-2")
    assert_scored_exactly_once(env, admin, submission_id)
    assert time.monotonic() - killed_at < 60
    assert "re-enqueued lost submissions" in replacement.log()


@pytest.mark.parametrize("fault_env", [{"max_deliveries": 3}], indirect=True, ids=["max-deliveries-3"])
def test_a_task_that_kills_its_child_every_time_ends_failed_as_poison(needs_postgresql, fault_env, queued):
    env, admin, submission_id = fault_env, queued.admin, queued.submission_id

    killed: set[int] = set()
    with scoring_held(env.settings, submission_id):
        env.stack.start_worker()

        def killed_or_failed():
            """Kill each delivery once it runs: the first counts itself only
            when it commits, each redelivery before it scores (so wait for
            its count)."""
            current = admin.submission(submission_id)
            if current["status"] == "failed":
                return True
            for task in env.inspector.active_scoring(submission_id):
                if task["worker_pid"] not in killed and current["attempts"] == len(killed):
                    killed.add(task["worker_pid"])
                    os.kill(task["worker_pid"], signal.SIGKILL)
            return False

        wait_until(killed_or_failed, timeout=120, interval=0.3, message="the submission to fail as poison")

    env.stack.start("beat")
    failed = admin.submission(submission_id)
    assert (failed["status"], failed["failure_reason"], failed["attempts"]) == ("failed", "poison", 4)
    assert len(killed) == 4, "an uncounted first try, then three counted ones"
    report = admin.call("GET", "/api/v1/admin/queue")
    assert (report["submissions"]["failed"], report["failed_last_hour"]) == (1, 1)

    assert admin.call("POST", f"/api/v1/submissions/{submission_id}/retry", 202)["status"] == "queued"
    assert_scored_exactly_once(env, admin, submission_id)


def test_sigterm_lets_a_worker_finish_its_current_task(fault_env, queued):
    env, admin, submission_id = fault_env, queued.admin, queued.submission_id

    with scoring_held(env.settings, submission_id):
        worker = env.stack.start_worker()
        running_in(env, submission_id)
        worker.signal(signal.SIGTERM)
        time.sleep(2)
        assert worker.running(), "a warm shutdown waits for the task in progress"

    wait_until(lambda: not worker.running(), timeout=30, message="the worker to exit")
    assert worker.popen.returncode == 0
    result = assert_scored_exactly_once(env, admin, submission_id)
    assert result["attempts"] == 1
