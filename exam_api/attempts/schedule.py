"""When an attempt must end: pure date arithmetic over the exam's timing,
the student's extension and the start, used wherever timing can change
(a start, an extension, an edit of the exam's timing)."""

from __future__ import annotations

from datetime import datetime, timedelta

from exam_api.attempts.models import Attempt
from exam_api.exams.models import Exam, ExamExtension


def close_for(exam: Exam, extension: ExamExtension | None) -> datetime | None:
    """The exam's close, or the student's later one."""
    return extension.close_at if extension and extension.close_at else exam.close_at


def deadline(exam: Exam, extension: ExamExtension | None, started_at: datetime) -> datetime | None:
    """The earlier of start + time limit (+ extra time) and the close."""
    candidates = []
    if exam.time_limit_seconds:
        extra = extension.extra_seconds if extension else 0
        candidates.append(started_at + timedelta(seconds=exam.time_limit_seconds + extra))
    closes = close_for(exam, extension)
    if closes:
        candidates.append(closes)
    return min(candidates, default=None)


def schedule(attempt: Attempt, exam: Exam, extension: ExamExtension | None) -> None:
    """Set the attempt's deadline and the last moment answers are accepted
    (the deadline plus the exam's grace)."""
    attempt.deadline = deadline(exam, extension, attempt.started_at)
    attempt.closes_at = (
        None if attempt.deadline is None else attempt.deadline + timedelta(seconds=exam.grace_seconds or 0)
    )
