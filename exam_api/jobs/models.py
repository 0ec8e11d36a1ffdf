from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from exam_api.database import UTCDateTime, json_type, utcnow
from exam_api.extensions import db

QUEUED, RUNNING, SUCCEEDED, FAILED = "queued", "running", "succeeded", "failed"
ACTIVE_STATUSES = (QUEUED, RUNNING)


class Job(db.Model):
    """Long work for an exam (a regrade, an export), run by the worker in
    steps. Each step commits its effects together with the job's `cursor`
    and `result`, so a redelivered job resumes where the last commit left
    it and never applies an effect twice. `active_key` ("kind:exam") is set
    while the job is queued or running; its unique index lets one such job
    per kind and exam exist at a time (NULLs never collide)."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    exam_id: Mapped[int] = mapped_column(Integer, ForeignKey("exams.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=QUEUED)
    active_key: Mapped[str | None] = mapped_column(String(60), unique=True)
    params: Mapped[dict] = mapped_column(json_type(), default=dict)
    progress: Mapped[int] = mapped_column(Integer, default=0)
    total_items: Mapped[int | None] = mapped_column(Integer)
    cursor: Mapped[int | None] = mapped_column(Integer)
    result: Mapped[dict | None] = mapped_column(json_type())
    error: Mapped[str | None] = mapped_column(Text)
    file_path: Mapped[str | None] = mapped_column(String(500))
    created_by: Mapped[int | None] = mapped_column(Integer, ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
