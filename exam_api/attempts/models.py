from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from exam_api.database import UTCDateTime, json_type, utcnow
from exam_api.exams.models import Exam
from exam_api.extensions import db

STATUS_IN_PROGRESS = "in_progress"
STATUS_SUBMITTED = "submitted"


class Attempt(db.Model):
    __tablename__ = "attempts"
    __table_args__ = (
        # Numbering attempts per student and exam makes "at most max_attempts"
        # hold under concurrent starts: a second start with the same number fails.
        UniqueConstraint("exam_id", "user_id", "number"),
        Index("ix_attempts_user_exam", "user_id", "exam_id"),
        Index("ix_attempts_status_closes_at", "status", "closes_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    exam_id: Mapped[int] = mapped_column(ForeignKey("exams.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    number: Mapped[int] = mapped_column(Integer)
    exam_version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default=STATUS_IN_PROGRESS)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, doc="The deadline plus the exam's grace: the last moment answers are accepted."
    )
    layout: Mapped[dict] = mapped_column(
        json_type(), doc="The questions drawn, in the order shown, and each one's option order."
    )
    saved_answers: Mapped[list | None] = mapped_column(json_type())
    saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    exam: Mapped[Exam] = relationship()

    def is_expired(self, now: datetime) -> bool:
        return self.closes_at is not None and now > self.closes_at
