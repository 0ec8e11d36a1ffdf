"""Who may see a submission, and which parts of it a student may see now.

Used by the submission reads (the score) and by review and results (score,
answers, feedback), so every read applies one policy: admins see
everything; a student sees only their own submission, and of it what the
exam's review policy (`rules.review`) allows at this moment.
"""

from __future__ import annotations

from datetime import datetime

from exam_api.auth.identity import Viewer
from exam_api.exams import repository as exams_repository
from exam_api.exams.models import Exam
from exam_api.extensions import db
from exam_api.problems import NotFound
from exam_api.rules import review
from exam_api.submissions import repository
from exam_api.submissions.models import Submission


def visible_submission(submission_id: int, viewer: Viewer) -> Submission:
    """The submission if the viewer owns it or is an admin; else absent."""
    submission = repository.get(db.session, submission_id)
    if submission is None or not (viewer.is_admin or submission.user_id == viewer.user_id):
        raise NotFound(f"Submission {submission_id} does not exist.")
    return submission


def allows(kind: str, submission: Submission, viewer: Viewer, now: datetime) -> bool:
    """May this viewer see `kind` (score, answers, feedback) of the submission now?

    "After close" waits for the last close of all: an early finisher must
    not see the key while a student with a later, extended close still sits."""
    if viewer.is_admin:
        return True
    exam = db.session.get(Exam, submission.exam_id)
    closes = None
    if review.waits_for_close(exam.review, kind):
        closes = exam.closed_for_everyone(exams_repository.latest_extension_close(db.session, exam.id))
    return review.allows(exam.review, kind, closes, now)
