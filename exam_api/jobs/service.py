"""Background jobs: started from a request, run by the worker in steps.

A request only records the job and enqueues it (202 with its id); the worker
runs it on the jobs queue. A job's work is a `step` function that does one
batch and says whether it is done; each step's effects commit together with
the job's progress, so a job survives a killed worker like a submission
does: Celery redelivers it (acks_late) and it resumes after its last commit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from exam_api import task_names
from exam_api.audit import service as audit
from exam_api.database import utcnow
from exam_api.extensions import db
from exam_api.jobs import repository
from exam_api.jobs.models import ACTIVE_STATUSES, FAILED, QUEUED, RUNNING, SUCCEEDED, Job
from exam_api.problems import Conflict, NotFound
from exam_api.task_queue import enqueue

logger = logging.getLogger(__name__)

Step = Callable[[Job], bool]
"""Does one batch of a job's work in the session; True when nothing is left."""


class JobRunning(Conflict):
    slug = "job-running"
    meaning = (
        "A job of this kind is already queued or running for this exam (the detail names it); wait for it to finish."
    )
    title = "A job of this kind is already running"


class NotReady(Conflict):
    slug = "job-not-ready"
    meaning = "The job has not succeeded (yet), so it has no file; poll GET /api/v1/jobs/{id} until it has."
    title = "The job has no file to download"


def _active_key(kind: str, exam_id: int) -> str:
    return f"{kind}:{exam_id}"


def _refuse_second(kind: str, exam_id: int, running: Job) -> JobRunning:
    return JobRunning(
        f"A {kind} job for exam {exam_id} is already {running.status}: job {running.id} (/api/v1/jobs/{running.id}).",
        headers={"Location": f"/api/v1/jobs/{running.id}"},
    )


def start(kind: str, exam_id: int, params: dict, user_id: int) -> Job:
    """Record and enqueue a job; 409 while one of the same kind runs for the exam."""
    key = _active_key(kind, exam_id)
    running = repository.active(db.session, key)
    if running is not None:
        raise _refuse_second(kind, exam_id, running)
    try:
        job = repository.add(
            db.session, Job(kind=kind, exam_id=exam_id, params=params, active_key=key, created_by=user_id)
        )
    except IntegrityError:
        db.session.rollback()
        raise _refuse_second(kind, exam_id, repository.active(db.session, key)) from None
    audit.record(f"job.{kind}.started", "exam", exam_id, job_id=job.id, params=params)
    job_id = job.id
    db.session.commit()
    enqueue(task_names.RUN_JOB, job_id)
    return repository.get(db.session, job_id)


def _get(job_id: int) -> Job:
    job = repository.get(db.session, job_id)
    if job is None:
        raise NotFound(f"Job {job_id} does not exist.")
    return job


_VIEW_FIELDS = ("id", "kind", "exam_id", "status", "progress", "error", "created_at", "started_at", "finished_at")


def view(job_id: int) -> dict:
    """The job as its starter follows it: the result only once it succeeded
    (until then `result` holds the work so far, for the job itself)."""
    job = _get(job_id)
    return {
        **{field: getattr(job, field) for field in _VIEW_FIELDS},
        "result": job.result if job.status == SUCCEEDED else None,
    }


def download(job_id: int) -> Job:
    """The job whose file is ready; 409 until it has succeeded."""
    job = _get(job_id)
    if job.status != SUCCEEDED or not job.file_path or not Path(job.file_path).exists():
        raise NotReady(f"Job {job_id} is {job.status}; its file can be downloaded once it has succeeded.")
    return job


def run(job_id: int, steps: dict[str, Step]) -> str:
    """Run (or resume) a job to its end; returns its final status."""
    job = repository.get(db.session, job_id)
    if job is None or job.status not in ACTIVE_STATUSES:
        db.session.commit()
        return job.status if job else "missing"
    if job.status == QUEUED:
        job.status, job.started_at = RUNNING, utcnow()
        db.session.commit()
    step = steps[job.kind]
    while True:
        job = repository.get_for_update(db.session, job_id)
        if job.status != RUNNING:
            db.session.commit()
            return job.status
        done = step(job)
        if done:
            job.status, job.progress, job.finished_at, job.active_key = SUCCEEDED, 100, utcnow(), None
        db.session.commit()
        if done:
            logger.info("job succeeded", extra={"job_id": job_id, "kind": job.kind})
            return SUCCEEDED


def fail(job_id: int, error: str) -> None:
    """The job gave up: say why, and free its slot for a new one."""
    db.session.rollback()
    job = repository.get(db.session, job_id)
    if job is not None and job.status in ACTIVE_STATUSES:
        job.status, job.error, job.finished_at, job.active_key = FAILED, error, utcnow(), None
    db.session.commit()
