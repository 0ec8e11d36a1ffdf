"""A background job survives a killed worker as a submission does: Celery
redelivers it and its effects happen once."""

from __future__ import annotations

import os
import signal

import pytest

from exam_api.task_names import RUN_JOB
from tests.support.databases import POSTGRESQL
from tests.support.faults import job_held, wait_until

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _needs_postgresql(fault_backend):
    if fault_backend != POSTGRESQL:
        pytest.skip("needs PostgreSQL: holding one job row; SQLite would hold every write")


def running_job(env, job_id: int, *, other_than: frozenset[int] = frozenset()) -> list[dict]:
    def active():
        return [t for t in env.inspector.active(RUN_JOB, job_id) if t["worker_pid"] not in other_than] or None

    return wait_until(active, timeout=60, message=f"job {job_id} running in a pool child")


def test_a_regrade_whose_pool_child_is_killed_is_redelivered_and_regrades_once(fault_env, queued):
    env, admin, submission_id = fault_env, queued.admin, queued.submission_id
    worker = env.stack.start_worker()
    scored = admin.wait_for_submission(submission_id)
    assert scored["score"] == 5.0
    exam = admin.call("GET", f"/api/v1/exams/{scored['exam_id']}")
    single = exam["questions"][0]
    options = [{"id": o["id"], "text": o["text"], "correct": not o["correct"]} for o in single["options"]][:2]
    admin.call("PATCH", f"/api/v1/exams/{exam['id']}/questions/{single['id']}", 200, json={"options": options})

    job_id = admin.call("POST", f"/api/v1/exams/{exam['id']}/regrade", 202, json={})["job_id"]
    with job_held(env.settings, job_id):
        [first] = running_job(env, job_id)
        os.kill(first["worker_pid"], signal.SIGKILL)
        running_job(env, job_id, other_than=frozenset({first["worker_pid"]}))

    job = wait_until(
        lambda: (j := admin.call("GET", f"/api/v1/jobs/{job_id}"))["status"] in ("succeeded", "failed") and j,
        timeout=60,
        message="the job to finish",
    )
    assert (job["status"], job["result"]["submissions_changed"]) == ("succeeded", 1), job
    assert admin.call("GET", f"/api/v1/submissions/{submission_id}")["score"] == 3.0
    assert env.regraded_outbox_rows(submission_id) == 1
    assert worker.running()
