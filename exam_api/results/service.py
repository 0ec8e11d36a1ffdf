"""A student's final grade for an exam, by the exam's grading method."""

from __future__ import annotations

from exam_api.auth.identity import Viewer
from exam_api.database import utcnow
from exam_api.exams import repository as exams_repository
from exam_api.exams import service as exams
from exam_api.exams.models import Exam
from exam_api.extensions import db
from exam_api.problems import NotFound
from exam_api.rules.grades import GradedAttempt, final_grade
from exam_api.submissions import repository
from exam_api.submissions.models import Submission
from exam_api.submissions.visibility import allows


def _row(exam: Exam, user_id: int, scored: list[Submission], show_score: bool = True) -> dict:
    grade = final_grade(
        exam.grading_method,
        [GradedAttempt(s.submitted_at, s.score, s.max_score, s.percent, s.passed) for s in scored],
        exam.pass_percent,
    )
    row = {"exam_id": exam.id, "user_id": user_id, "attempts": grade.attempts, "grading_method": exam.grading_method}
    if show_score:
        row.update(final_score=grade.score, final_percent=grade.percent, passed=grade.passed)
    return row


def mine(exam_id: int, viewer: Viewer) -> dict:
    """The viewer's own result; the score only where the review policy allows."""
    exam = exams_repository.get(db.session, exam_id, published_only=not viewer.is_admin)
    if exam is None:
        raise NotFound(f"Exam {exam_id} does not exist.")
    scored = repository.scored_for(db.session, exam.id, [viewer.user_id])
    show = all(allows("score", s, viewer, utcnow()) for s in scored)
    return _row(exam, viewer.user_id, scored, show_score=show)


def everyone(exam_id: int, *, page: int, page_size: int) -> tuple[list[dict], int]:
    """One row per student who submitted anything, by user id (admins)."""
    exam = exams.get_for_admin(exam_id)
    students, total = repository.students_of(db.session, exam.id, offset=(page - 1) * page_size, limit=page_size)
    scored = repository.scored_for(db.session, exam.id, students)
    return [_row(exam, user_id, [s for s in scored if s.user_id == user_id]) for user_id in students], total
