from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from exam_api.database import UTCDateTime, json_type, utcnow
from exam_api.exams.models import Exam, ExamExtension, ExamVersion, version_sat_on
from exam_api.extensions import db
from exam_api.rules import timing

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
    version: Mapped[ExamVersion | None] = version_sat_on("Attempt")

    def is_expired(self, now: datetime) -> bool:
        return timing.has_passed(self.closes_at, now)

    def schedule(self, exam: Exam, extension: ExamExtension | None) -> None:
        """Set the deadline and the last moment answers are accepted, from the
        exam's timing and the student's extension. Called wherever they can
        change: a start, an extension, an edit of the exam's timing."""
        self.deadline = timing.deadline(
            self.started_at,
            exam.time_limit_seconds,
            extension.extra_seconds if extension else 0,
            exam.close_for(extension),
        )
        self.closes_at = timing.last_answer_at(self.deadline, exam.grace_seconds)
