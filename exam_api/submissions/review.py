"""What a student may see of a finished submission, and when.

Each exam's review policy says, for the score, the correct answers and the
feedback: `immediately`, `after_close` (once the exam's close, or the
student's extended close, has passed; never while there is no close) or
`never`. Admins always see everything. What is not allowed is left out of
the answer (absent, not null).
"""

from __future__ import annotations

from datetime import datetime

from exam_api.attempts.service import drawn_questions
from exam_api.auth.identity import Viewer
from exam_api.database import utcnow
from exam_api.exams import repository as exams_repository
from exam_api.exams import service as exams
from exam_api.exams.models import AFTER_CLOSE, DEFAULT_REVIEW, IMMEDIATELY, Exam
from exam_api.extensions import db
from exam_api.problems import NotFound
from exam_api.submissions import repository
from exam_api.submissions.models import Submission
from exam_api.submissions.scoring import CHOICE_TYPES, NUMERIC, SHORT_TEXT, TRUE_FALSE


def visible_submission(submission_id: int, viewer: Viewer) -> Submission:
    """The submission if the viewer owns it or is an admin; else absent."""
    submission = repository.get(db.session, submission_id)
    if submission is None or not (viewer.is_admin or submission.user_id == viewer.user_id):
        raise NotFound(f"Submission {submission_id} does not exist.")
    return submission


def _closed_for(exam: Exam, user_id: int, now: datetime) -> bool:
    extension = exams_repository.get_extension(db.session, exam.id, user_id)
    closes = extension.close_at if extension and extension.close_at else exam.close_at
    return closes is not None and now >= closes


def allows(kind: str, submission: Submission, viewer: Viewer, now: datetime) -> bool:
    """May this viewer see `kind` (score, answers, feedback) of the submission now?"""
    if viewer.is_admin:
        return True
    exam = db.session.get(Exam, submission.exam_id)
    when = {**DEFAULT_REVIEW, **(exam.review or {})}[kind]
    return when == IMMEDIATELY or (when == AFTER_CLOSE and _closed_for(exam, submission.user_id, now))


def correct_answer(question: dict):
    """The key of a question, in the shape its answers take."""
    if question["type"] in CHOICE_TYPES:
        return [o["id"] for o in question["options"] if o["correct"]]
    if question["type"] == TRUE_FALSE:
        return question["correct_answer"]
    if question["type"] == SHORT_TEXT:
        return [{"text": a["text"], "fraction": float(a["fraction"])} for a in question["accepted_answers"]]
    if question["type"] == NUMERIC:
        return {"answer": float(question["answer"]), "tolerance": float(question.get("tolerance") or 0)}
    return None


def _feedback(question: dict, answer: dict | None, grade: dict | None) -> dict:
    chosen = set((answer or {}).get("option_ids") or ())
    return {
        "question": question.get("feedback"),
        "options": [
            {"option_id": o["id"], "feedback": o["feedback"]}
            for o in question["options"]
            if o["id"] in chosen and o.get("feedback")
        ],
        "grader": (grade or {}).get("feedback"),
    }


def _answer(answer: dict | None) -> dict | None:
    if answer is None:
        return None
    return {key: answer[key] for key in ("option_ids", "value") if answer.get(key) not in (None, [])} or None


def review(submission_id: int, viewer: Viewer) -> dict:
    submission = visible_submission(submission_id, viewer)
    now = utcnow()
    show = {kind: allows(kind, submission, viewer, now) for kind in ("score", "answers", "feedback")}
    snapshot = exams.version(submission.exam_id, submission.exam_version).snapshot
    answers = {a["question_id"]: a for a in submission.answers}
    grades = {g["question_id"]: g for g in submission.question_scores or []}

    questions = []
    for question in drawn_questions(submission.attempt, snapshot):
        item = {
            "question_id": question["id"],
            "type": question["type"],
            "prompt": question["prompt"],
            "points": float(question["points"]),
            "answer": _answer(answers.get(question["id"])),
        }
        if show["score"]:
            awarded = grades.get(question["id"], {}).get("points_awarded")
            item["points_awarded"] = None if awarded is None else float(awarded)
        if show["answers"]:
            item["correct_answer"] = correct_answer(question)
        if show["feedback"]:
            item["feedback"] = _feedback(question, answers.get(question["id"]), grades.get(question["id"]))
        questions.append(item)

    document = {"submission_id": submission.id, "status": submission.status, "questions": questions}
    if show["score"]:
        document.update(score=submission.score, max_score=submission.max_score, percent=submission.percent)
    return document
