"""Exam versions: the frozen content that attempts are shown and scored from.

A version's snapshot holds everything scoring and review need (questions,
keys, penalties, feedback and the pass mark) as plain JSON, so it can be
stored and handed to the pure scoring module unchanged.
"""

from __future__ import annotations

from decimal import Decimal

from exam_api.exams import repository
from exam_api.exams.models import Exam, ExamVersion, Question
from exam_api.submissions.scoring import round2


def _decimal_text(value) -> str:
    """One spelling per amount ("2.50", never "2.5"), so that comparing
    snapshots compares content, not how a value happened to be typed."""
    return str(round2(Decimal(str(value))))


def question_snapshot(question: Question) -> dict:
    return {
        "id": question.id,
        "type": question.type,
        "prompt": question.prompt,
        "points": _decimal_text(question.points),
        "penalty": _decimal_text(question.penalty),
        "feedback": question.feedback,
        "options": [
            {"id": option.id, "text": option.text, "correct": option.correct, "feedback": option.feedback}
            for option in question.options
        ],
        **question.config,
    }


def build_snapshot(exam: Exam) -> dict:
    return {
        "pass_percent": _decimal_text(exam.pass_percent),
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
