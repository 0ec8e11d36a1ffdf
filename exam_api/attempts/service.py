"""Attempts: a student's sitting of one exam version, its questions (drawn
and ordered once, at the start), its deadline, and answers saved on the way."""

from __future__ import annotations

import dataclasses
import random
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from exam_api.attempts import repository
from exam_api.attempts.models import STATUS_IN_PROGRESS, Attempt
from exam_api.attempts.repository import AttemptToAnswer
from exam_api.audit import service as audit
from exam_api.auth.identity import Viewer
from exam_api.database import utcnow
from exam_api.exams import repository as exams_repository
from exam_api.exams import service as exams
from exam_api.exams import version_keys
from exam_api.exams.models import ExamExtension
from exam_api.extensions import db
from exam_api.problems import Conflict, InvalidInput, NotFound
from exam_api.rules import layout, timing
from exam_api.rules.answers import AnswerErrors, parse_answers
from exam_api.users import service as users

_draw = random.SystemRandom()

Answerable = Attempt | AttemptToAnswer
"""An attempt taking answers: loaded to change (an autosave), or read as plain values (a submit)."""


class MaxAttemptsReached(Conflict):
    slug = "max-attempts-reached"
    meaning = "You have used every attempt this exam allows."
    title = "No attempts left"


class ExamNotOpen(Conflict):
    slug = "exam-not-open"
    meaning = "The exam opens later (its open_at, or your extension's)."
    title = "Exam not open yet"


class ExamClosed(Conflict):
    slug = "exam-closed"
    meaning = "The exam has closed for you; no attempt can start or take answers."
    title = "Exam closed"


class AttemptExpired(Conflict):
    slug = "attempt-expired"
    meaning = "The attempt's time and grace are over; what was saved is submitted automatically."
    title = "Attempt expired"


class AttemptSubmitted(Conflict):
    slug = "already-submitted"
    meaning = "This attempt has been submitted already; start a new attempt if the exam allows more."
    title = "Attempt already submitted"


@dataclasses.dataclass(frozen=True)
class AttemptView:
    """An attempt as its student sees it: its questions in its layout, and
    the time left by the server's clock."""

    id: int
    exam_id: int
    exam_version: int
    status: str
    started_at: datetime
    deadline: datetime | None
    seconds_left: float | None
    questions: list[dict]
    saved_answers: list[dict] | None
    saved_at: datetime | None

    @classmethod
    def of(cls, attempt: Attempt, snapshot: dict, now: datetime) -> AttemptView:
        seconds_left = None
        if attempt.deadline is not None:
            seconds_left = max(0.0, round((attempt.deadline - now).total_seconds(), 3))
        return cls(
            id=attempt.id,
            exam_id=attempt.exam_id,
            exam_version=attempt.exam_version,
            status=attempt.status,
            started_at=attempt.started_at,
            deadline=attempt.deadline,
            seconds_left=seconds_left,
            questions=layout.shown(snapshot["questions"], attempt.layout),
            saved_answers=attempt.saved_answers,
            saved_at=attempt.saved_at,
        )


def _view(attempt: Attempt, now: datetime) -> AttemptView:
    return AttemptView.of(attempt, exams.version(attempt.exam_id, attempt.exam_version).snapshot, now)


def start(exam_id: int, viewer: Viewer) -> tuple[AttemptView, bool]:
    """Start an attempt, or return the student's unexpired one in progress.
    Returns (attempt, created)."""
    exam, version = exams.published_version(exam_id)
    now = utcnow()
    ongoing = repository.latest_in_progress(db.session, exam.id, viewer.user_id)
    if ongoing is not None and not ongoing.is_expired(now):
        return _view(ongoing, now), False

    extension = exams_repository.get_extension(db.session, exam.id, viewer.user_id)
    if exam.open_at and now < exam.open_at:
        raise ExamNotOpen(f"Exam {exam.id} opens at {exam.open_at.isoformat()}.")
    closes = exam.close_for(extension)
    if closes and now >= closes:
        raise ExamClosed(f"Exam {exam.id} closed at {closes.isoformat()}.")
    used = repository.count_for(db.session, exam.id, viewer.user_id)
    if exam.max_attempts and used >= exam.max_attempts:
        raise MaxAttemptsReached(f"All {exam.max_attempts} attempt(s) at exam {exam.id} are used.")

    attempt = Attempt(
        exam_id=exam.id,
        user_id=viewer.user_id,
        number=used + 1,
        exam_version=version.version,
        started_at=now,
        layout=layout.draw(
            version.snapshot["questions"],
            _draw,
            questions_per_attempt=exam.questions_per_attempt,
            shuffle_questions=exam.shuffle_questions,
            shuffle_options=exam.shuffle_options,
        ),
    )
    attempt.schedule(exam, extension)
    try:
        repository.add(db.session, attempt)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict("Another attempt at this exam was started at the same moment; reload it.") from None
    return AttemptView.of(attempt, version.snapshot, now), True


def get_owned(attempt_id: int, user_id: int) -> Attempt:
    """The attempt, to answer, if it is the user's; another's is reported as absent."""
    return owned(repository.get_for_answers(db.session, attempt_id), attempt_id, user_id)


def owned(attempt: Answerable | None, attempt_id: int, user_id: int) -> Answerable:
    """The attempt read as `attempt_id`, if there is one and it is the user's."""
    if attempt is None or attempt.user_id != user_id:
        raise NotFound(f"Attempt {attempt_id} does not exist.")
    return attempt


def get_visible(attempt_id: int, viewer: Viewer) -> AttemptView:
    attempt = repository.get(db.session, attempt_id)
    if attempt is None or not (viewer.is_admin or attempt.user_id == viewer.user_id):
        raise NotFound(f"Attempt {attempt_id} does not exist.")
    return _view(attempt, utcnow())


def open_for_answers(attempt: Answerable, now: datetime) -> None:
    """Refuse answers to an attempt that is submitted or past its deadline and grace."""
    if attempt.status != STATUS_IN_PROGRESS:
        raise AttemptSubmitted(f"Attempt {attempt.id} has already been submitted.")
    if timing.has_passed(attempt.closes_at, now):
        raise AttemptExpired(f"Attempt {attempt.id} closed at {attempt.closes_at.isoformat()}.")


def checked_answers(attempt: Answerable, raw_answers: list[dict]) -> list[dict]:
    """The answers if every one fits a question of this attempt, else 422."""
    try:
        parse_answers(layout.asked_keys(version_keys.of(attempt).questions, attempt.layout), raw_answers)
    except AnswerErrors as exc:
        raise InvalidInput("Some answers do not fit this attempt's questions.", errors=exc.errors) from None
    return raw_answers


def autosave(attempt_id: int, viewer: Viewer, raw_answers: list[dict]) -> Attempt:
    """Store answers in progress; the last saved set is what an expired
    attempt is submitted with."""
    attempt = get_owned(attempt_id, viewer.user_id)
    now = utcnow()
    open_for_answers(attempt, now)
    attempt.saved_answers = checked_answers(attempt, raw_answers)
    attempt.saved_at = now
    db.session.commit()
    return attempt


@dataclasses.dataclass(frozen=True)
class GrantedExtension:
    """An extension as granted, with the deadline it gave the attempt in progress."""

    exam_id: int
    user_id: int
    extra_seconds: float
    close_at: datetime | None
    created_at: datetime
    attempt_deadline: datetime | None


def grant_extension(exam_id: int, body: dict, granted_by: int) -> GrantedExtension:
    """More time or a later close for one student: for attempts started from
    now on and for the one in progress, whose deadline moves at once. A
    grant changes what it names and keeps the rest of an earlier grant."""
    exam = exams.get_for_admin(exam_id)
    student = users.get(body["user_id"])
    extension = exams_repository.get_extension(db.session, exam.id, student.id)
    if extension is None:
        extension = ExamExtension(exam_id=exam.id, user_id=student.id, extra_seconds=0.0)
        db.session.add(extension)
    for field in ("extra_seconds", "close_at"):
        if field in body:
            setattr(extension, field, body[field])
    extension.created_by = granted_by
    extension.created_at = utcnow()
    deadline = None
    for attempt in repository.in_progress(db.session, exam.id, student.id):
        attempt.schedule(exam, extension)
        deadline = attempt.deadline
    audit.record(
        "extension.granted",
        "exam",
        exam.id,
        user_id=student.id,
        extra_seconds=extension.extra_seconds,
        close_at=extension.close_at.isoformat() if extension.close_at else None,
    )
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict("Another extension for this student was granted at the same moment; retry.") from None
    return GrantedExtension(
        extension.exam_id,
        extension.user_id,
        extension.extra_seconds,
        extension.close_at,
        extension.created_at,
        deadline,
    )
