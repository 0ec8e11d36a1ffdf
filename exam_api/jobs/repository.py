from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from exam_api.jobs.models import Job


def add(session: Session, job: Job) -> Job:
    session.add(job)
    session.flush()
    return job


def get(session: Session, job_id: int) -> Job | None:
    return session.get(Job, job_id)


def active(session: Session, active_key: str) -> Job | None:
    return session.scalar(select(Job).where(Job.active_key == active_key))


def get_for_update(session: Session, job_id: int) -> Job | None:
    """The job, locked until the transaction ends: two deliveries of one job
    (a redelivery while the first still runs) take turns on its steps."""
    return session.scalar(
        select(Job).where(Job.id == job_id).with_for_update().execution_options(populate_existing=True)
    )
