"""Exams as the JSON documents the read endpoints answer with.

A published exam's student view is what the cache holds and what most
requests read, so it is rendered once, when it is cached, and a read serves
it as stored. The admin view is rendered the same way so that reading an
exam always gives one kind of thing: a document.
"""

from __future__ import annotations

from datetime import datetime

from exam_api.exams.models import Exam
from exam_api.exams.schemas import ExamSchema, StudentExamSchema
from exam_api.rules.layout import listed_options


def for_admin(exam: Exam) -> dict:
    return ExamSchema().dump(exam)


def for_student(exam: Exam, now: datetime) -> dict:
    """No keys; options listed so that none gives its key away; and no
    questions before the exam opens, when each attempt draws its own, or
    when the exam is timed (the clock starts with the attempt, so the paper
    is seen only inside one)."""
    view = StudentExamSchema().dump(exam)
    if is_before_opening(exam, now) or exam.questions_per_attempt or exam.time_limit_seconds:
        del view["questions"]
    else:
        view["questions"] = [{**q, "options": listed_options(q)} if "options" in q else q for q in view["questions"]]
    return view


def is_before_opening(exam: Exam, now: datetime) -> bool:
    return exam.open_at is not None and now < exam.open_at
