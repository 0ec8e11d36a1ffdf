"""Exam versions: the frozen content that attempts are shown and scored from.

A version's snapshot holds everything scoring and review need (questions,
keys, penalties, feedback and the pass mark) as plain JSON, so it can be
stored and handed to the pure scoring module unchanged.
"""

from __future__ import annotations

from exam_api.exams import repository
from exam_api.exams.models import Exam, ExamVersion, Question
from exam_api.rules.amounts import decimal_text


def _option_snapshot(option) -> dict:
    snapshot = {"id": option.id, "text": option.text, "correct": option.correct, "feedback": option.feedback}
    if option.weight is not None:
        snapshot["weight"] = decimal_text(option.weight)
    return snapshot


def question_snapshot(question: Question) -> dict:
    """A title and option weights only where they are set, so the snapshot of
    a question without them is what it was before they existed (an unchanged
    exam keeps its version)."""
    snapshot = {
        "id": question.id,
        "type": question.type,
        "prompt": question.prompt,
        "points": decimal_text(question.points),
        "penalty": decimal_text(question.penalty),
        "feedback": question.feedback,
        "options": [_option_snapshot(option) for option in question.options],
        **question.config,
    }
    if question.title is not None:
        snapshot["title"] = question.title
    return snapshot


def build_snapshot(exam: Exam) -> dict:
    return {
        "pass_percent": decimal_text(exam.pass_percent),
        "questions": [question_snapshot(question) for question in exam.questions],
    }


def record_current_version(session, exam: Exam) -> ExamVersion:
    """Freeze the exam's content; a changed content gets the next version
    number, an unchanged one keeps its version (so republishing is a no-op)."""
    snapshot = build_snapshot(exam)
    latest = repository.latest_version(session, exam.id)
    if latest is not None and latest.snapshot == snapshot:
        exam.version = latest.version
        return latest
    exam.version = latest.version + 1 if latest is not None else 1
    version = ExamVersion(exam_id=exam.id, version=exam.version, snapshot=snapshot)
    session.add(version)
    return version
