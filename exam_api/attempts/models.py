from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from exam_api.database import UTCDateTime, json_type, utcnow
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
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    exam_id: Mapped[int] = mapped_column(ForeignKey("exams.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    number: Mapped[int] = mapped_column(Integer)
    exam_version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default=STATUS_IN_PROGRESS)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    layout: Mapped[dict] = mapped_column(json_type(), doc="Question ids in the order shown.")

    def is_expired(self, now: datetime) -> bool:
        return self.deadline is not None and now > self.deadline
