"""Attempts: a student's sitting of one exam version, with its deadline."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError

from exam_api.attempts import repository
from exam_api.attempts.models import Attempt
from exam_api.auth.identity import Viewer
from exam_api.database import utcnow
from exam_api.exams import service as exams
from exam_api.extensions import db
from exam_api.problems import Conflict, NotFound


class MaxAttemptsReached(Conflict):
    slug = "max-attempts-reached"
    title = "No attempts left"


@dataclasses.dataclass(frozen=True)
class AttemptView:
    """An attempt with its questions as the student sees them."""

    attempt: Attempt
    questions: list[dict]

    def __getattr__(self, name):
        return getattr(self.attempt, name)


def drawn_questions(attempt: Attempt, snapshot: dict) -> list[dict]:
    """The snapshot's questions this attempt asks, in the attempt's order."""
    by_id = {q["id"]: q for q in snapshot["questions"]}
    return [by_id[qid] for qid in attempt.layout["question_ids"]]


def _view(attempt: Attempt) -> AttemptView:
    snapshot = exams.version(attempt.exam_id, attempt.exam_version).snapshot
    return AttemptView(attempt, drawn_questions(attempt, snapshot))


def start(exam_id: int, viewer: Viewer) -> tuple[AttemptView, bool]:
    """Start an attempt, or return the student's unexpired one in progress.
    Returns (attempt, created)."""
    exam, version = exams.published_version(exam_id)
    now = utcnow()
    ongoing = repository.latest_in_progress(db.session, exam.id, viewer.user_id)
    if ongoing is not None and not ongoing.is_expired(now):
        return _view(ongoing), False

    used = repository.count_for(db.session, exam.id, viewer.user_id)
    if exam.max_attempts and used >= exam.max_attempts:
        raise MaxAttemptsReached(f"All {exam.max_attempts} attempt(s) at exam {exam.id} are used.")
    attempt = Attempt(
        exam_id=exam.id,
        user_id=viewer.user_id,
        number=used + 1,
        exam_version=version.version,
        started_at=now,
        deadline=_deadline(now, exam.time_limit_seconds),
        layout={"question_ids": [q["id"] for q in version.snapshot["questions"]]},
    )
    try:
        repository.add(db.session, attempt)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict("Another attempt at this exam was started at the same moment; reload it.") from None
    return AttemptView(attempt, drawn_questions(attempt, version.snapshot)), True


def _deadline(start: datetime, time_limit_seconds: int | None) -> datetime | None:
    return start + timedelta(seconds=time_limit_seconds) if time_limit_seconds else None


def get_owned(attempt_id: int, user_id: int) -> Attempt:
    """The attempt if it is the user's; another's is reported as absent."""
    attempt = repository.get(db.session, attempt_id)
    if attempt is None or attempt.user_id != user_id:
        raise NotFound(f"Attempt {attempt_id} does not exist.")
    return attempt
