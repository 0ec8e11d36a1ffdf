from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from exam_api.attempts.models import Attempt
from exam_api.database import Decimal2, UTCDateTime, json_type, utcnow
from exam_api.exams.models import ExamVersion, version_sat_on
from exam_api.extensions import db

QUEUED = "queued"
PROCESSING = "processing"
NEEDS_GRADING = "needs_grading"
SCORED = "scored"
FAILED = "failed"
STATUSES = (QUEUED, PROCESSING, NEEDS_GRADING, SCORED, FAILED)
OPEN_STATUSES = (QUEUED, PROCESSING)

REASON_POISON = "poison"


class Submission(db.Model):
    __tablename__ = "submissions"
    __table_args__ = (
        Index("ix_submissions_status_enqueued_at", "status", "enqueued_at"),
        # The oldest queued submission in one lookup: it bounds the queue's
        # length on every submit (`repository.queue_reaches`).
        Index("ix_submissions_status_id", "status", "id"),
        Index("ix_submissions_exam_id", "exam_id"),
        Index("ix_submissions_user_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id"), unique=True)
    exam_id: Mapped[int] = mapped_column(ForeignKey("exams.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    exam_version: Mapped[int] = mapped_column(Integer)
    answers: Mapped[list] = mapped_column(json_type())
    status: Mapped[str] = mapped_column(String(20), default=QUEUED)
    deliveries: Mapped[int] = mapped_column(Integer, default=0)
    failure_reason: Mapped[str | None] = mapped_column(String(500))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    enqueued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    processing_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    scored_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    score: Mapped[Decimal | None] = mapped_column(Decimal2)
    max_score: Mapped[Decimal | None] = mapped_column(Decimal2)
    percent: Mapped[Decimal | None] = mapped_column(Decimal2)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    question_scores: Mapped[list | None] = mapped_column(
        json_type(), doc="Per question: points awarded (null while an essay waits), and a grader's feedback."
    )
    auto_submitted: Mapped[bool] = mapped_column(Boolean, default=False)

    attempt: Mapped[Attempt] = relationship()
    version: Mapped[ExamVersion | None] = version_sat_on("Submission")
