"""Item analysis of an exam over its scored submissions (admins)."""

from __future__ import annotations

import contextlib
import gc

from exam_api.exams import repository as exams_repository
from exam_api.exams import service as exams
from exam_api.extensions import db
from exam_api.results import statistics_cache
from exam_api.rules.questions import question_from_snapshot
from exam_api.rules.statistics import Sitting, analyse, counted, default_attempts
from exam_api.submissions import repository


@contextlib.contextmanager
def _collector_paused():
    """Item analysis builds about a million small objects, none of them in a
    cycle; the cyclic collector, run every few hundred allocations, walked
    them all again and again and took over half of a cold report's time.
    Reference counting still frees everything; the collector resumes after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _sitting(user_id: int, submission_id: int, percent, question_scores: list[dict], answers: list[dict]) -> Sitting:
    """Plain floats and tuples: thousands of these are built per request."""
    return Sitting(
        student=user_id,
        number=submission_id,
        percent=float(percent),
        marks={
            q["question_id"]: float(q["points_awarded"]) for q in question_scores if q["points_awarded"] is not None
        },
        chosen={a["question_id"]: a["option_ids"] for a in answers if a.get("option_ids")},
    )


def for_exam(exam_id: int, attempts: str | None) -> dict:
    """Statistics over the attempts that count (by default as the grading
    method counts them), for the questions of the exam's latest version:
    questions are matched by id across versions. Submissions still waiting
    for a grader are not scored yet, so they are left out."""
    exam = exams.get_for_admin(exam_id)
    attempts = attempts or default_attempts(exam.grading_method)
    version = exams_repository.latest_version(db.session, exam.id)
    fingerprint = (version.version if version else None, *repository.scored_fingerprint(db.session, exam.id))
    if (cached := statistics_cache.get(exam.id, attempts, fingerprint)) is not None:
        return cached
    questions = [question_from_snapshot(q) for q in version.snapshot["questions"]] if version else []
    with _collector_paused():
        sittings = counted((_sitting(*row) for row in repository.scored_marks(db.session, exam.id)), attempts)
        report = {"exam_id": exam.id, "attempts": attempts, **analyse(questions, sittings)}
    statistics_cache.put(exam.id, attempts, fingerprint, report)
    return report
