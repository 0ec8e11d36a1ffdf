"""When an attempt must end: date arithmetic over the exam's timing, one
student's extension and the attempt's start. Used wherever timing can change:
a start, an extension, an edit of the exam's timing."""

from __future__ import annotations

from datetime import datetime, timedelta


def close_for(exam_close: datetime | None, extension_close: datetime | None) -> datetime | None:
    """The exam's close, or the student's later one (an extension's close replaces the exam's)."""
    return extension_close or exam_close


def last_close(exam_close: datetime | None, latest_extension_close: datetime | None) -> datetime | None:
    """When the exam is closed for every student: an exam without a close
    never is; otherwise the later of its close and any extension's."""
    if exam_close is None:
        return None
    return max(exam_close, latest_extension_close or exam_close)


def deadline(
    started_at: datetime, time_limit_seconds: float | None, extra_seconds: float, closes: datetime | None
) -> datetime | None:
    """The earlier of start + time limit (+ extra time) and the close; None
    when the exam has neither."""
    candidates = []
    if time_limit_seconds:
        candidates.append(started_at + timedelta(seconds=time_limit_seconds + (extra_seconds or 0)))
    if closes:
        candidates.append(closes)
    return min(candidates, default=None)


def last_answer_at(deadline_at: datetime | None, grace_seconds: float | None) -> datetime | None:
    """The last moment answers are accepted: the deadline plus the exam's grace."""
    return None if deadline_at is None else deadline_at + timedelta(seconds=grace_seconds or 0)


def has_passed(moment: datetime | None, now: datetime) -> bool:
    """Past a moment that may not exist (no moment never passes)."""
    return moment is not None and now > moment
