"""A finished submission question by question, as far as the exam's review
policy (`rules.review`) lets the viewer see it now: what is not allowed is
left out of the answer (absent, not null)."""

from __future__ import annotations

from exam_api.auth.identity import Viewer
from exam_api.database import utcnow
from exam_api.exams import service as exams
from exam_api.rules import layout
from exam_api.rules.answers import answer_from_stored
from exam_api.rules.questions import correct_answer
from exam_api.rules.review import REVIEW_KINDS
from exam_api.rules.scoring import answer_feedback
from exam_api.submissions.visibility import allows, visible_submission


def _feedback(question: dict, answer: dict | None, grade: dict | None) -> dict:
    chosen = set((answer or {}).get("option_ids") or ())
    return {
        "question": question.get("feedback"),
        "answer": answer_feedback(question, None if answer is None else answer_from_stored(answer)),
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
    show = {kind: allows(kind, submission, viewer, now) for kind in REVIEW_KINDS}
    snapshot = exams.version(submission.exam_id, submission.exam_version).snapshot
    answers = {a["question_id"]: a for a in submission.answers}
    grades = {g["question_id"]: g for g in submission.question_scores or []}

    authored = {q["id"]: q for q in snapshot["questions"]}

    questions = []
    for question in layout.shown(snapshot["questions"], submission.attempt.layout):
        item = {
            "question_id": question["id"],
            "type": question["type"],
            "prompt": question["prompt"],
            "points": float(question["points"]),
            "answer": _answer(answers.get(question["id"])),
        }
        if show["answers"]:
            awarded = grades.get(question["id"], {}).get("points_awarded")
            item["points_awarded"] = None if awarded is None else float(awarded)
            shown_order = [option["id"] for option in question["options"]]
            item["correct_answer"] = correct_answer(authored[question["id"]], shown_order)
        if show["feedback"]:
            item["feedback"] = _feedback(question, answers.get(question["id"]), grades.get(question["id"]))
        questions.append(item)

    document = {"submission_id": submission.id, "status": submission.status, "questions": questions}
    if show["score"]:
        document.update(score=submission.score, max_score=submission.max_score, percent=submission.percent)
    return document
