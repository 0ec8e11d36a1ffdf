"""Grading essays by hand, and regrading them.

A submission with essays is scored by the worker for everything else and
waits in `needs_grading`. Graders give points per essay; when the last one
is graded the submission becomes `scored` and only then is its
`exam.submission.scored` event written. Grading a scored submission again
writes `exam.submission.regraded` with the old and the new score. Graders
take turns on a submission (its row is locked while one grades).
"""

from __future__ import annotations

from decimal import Decimal

from exam_api.audit import service as audit
from exam_api.database import utcnow
from exam_api.exams import service as exams
from exam_api.extensions import db
from exam_api.problems import Conflict, InvalidInput, NotFound
from exam_api.rules.scoring import score_exam
from exam_api.submissions import events, repository
from exam_api.submissions.models import NEEDS_GRADING, SCORED, Submission
from exam_api.submissions.scoring_inputs import scoring_inputs

GRADED_BY_HAND = "graded_by_hand"


class NotGradable(Conflict):
    slug = "not-gradable"
    meaning = "The submission has nothing waiting for a grader (or is not scored yet), or the grade names a question it does not have."
    title = "Submission cannot be graded now"


def grading_queue(exam_id: int, *, page: int, page_size: int) -> tuple[list[dict], int]:
    """Submissions of an exam waiting for a grader, oldest first."""
    exams.get_for_admin(exam_id)
    waiting, total = repository.awaiting_grades(db.session, exam_id, offset=(page - 1) * page_size, limit=page_size)
    return [
        {
            "submission_id": s.id,
            "attempt_id": s.attempt_id,
            "user_id": s.user_id,
            "submitted_at": s.submitted_at,
            "auto_submitted": s.auto_submitted,
            "pending_question_ids": [q["question_id"] for q in s.question_scores if q["points_awarded"] is None],
        }
        for s in waiting
    ], total


def _checked(grades: list[dict], essays: dict) -> dict[int, dict]:
    errors, by_question = {}, {}
    for index, grade in enumerate(grades):
        question = essays.get(grade["question_id"])
        if question is None:
            errors[str(index)] = {
                "question_id": [f"Question {grade['question_id']} is not an essay of this submission."]
            }
        elif grade["question_id"] in by_question:
            errors[str(index)] = {"question_id": [f"Question {grade['question_id']} is graded twice."]}
        elif not 0 <= grade["points"] <= question.points:
            errors[str(index)] = {"points": [f"Question {question.id} is worth 0 to {question.points} points."]}
        else:
            by_question[grade["question_id"]] = grade
    if errors:
        raise InvalidInput("Some grades do not fit this submission.", errors={"grades": errors})
    return by_question


def grade(submission_id: int, grades: list[dict], grader_id: int) -> Submission:
    submission = repository.get_for_update(db.session, submission_id)
    if submission is None:
        raise NotFound(f"Submission {submission_id} does not exist.")
    if submission.status not in (NEEDS_GRADING, SCORED):
        raise NotGradable(f"Submission {submission_id} is {submission.status}; grade it once it is scored.")

    questions, answers, pass_mark = scoring_inputs(submission)
    given = _checked(grades, {q.id: q for q in questions if q.graded_by_hand})

    now = utcnow()
    essay_ids = {q.id for q in questions if q.graded_by_hand}
    notes = {entry["question_id"]: entry for entry in submission.question_scores or []}
    for question_id, grade_ in given.items():
        notes[question_id] = {
            **notes.get(question_id, {}),
            "points_awarded": str(grade_["points"]),
            "feedback": grade_.get("feedback"),
            "graded_by": grader_id,
            "graded_at": now.isoformat(),
        }
    manual = {
        qid: Decimal(note["points_awarded"])
        for qid, note in notes.items()
        if qid in essay_ids and note.get("points_awarded") is not None
    }
    sheet = score_exam(questions, answers, pass_mark, manual_points=manual)

    before = {"status": submission.status, "score": submission.score, "percent": submission.percent}
    submission.question_scores = repository.question_scores(sheet, notes)
    submission.score, submission.percent, submission.passed = sheet.score, sheet.percent, sheet.passed
    submission.max_score = sheet.max_score
    if not sheet.needs_grading:
        submission.status = SCORED
        submission.scored_at = submission.scored_at or now
        if before["status"] == NEEDS_GRADING:
            events.record_scored(db.session, submission)
        else:
            events.record_regraded(db.session, submission, before, now, reason=GRADED_BY_HAND)
    audit.record(
        "submission.graded",
        "submission",
        submission.id,
        grades={str(question_id): str(grade_["points"]) for question_id, grade_ in given.items()},
        score_before=None if before["score"] is None else str(before["score"]),
        score_after=None if submission.score is None else str(submission.score),
    )
    db.session.commit()
    return submission
