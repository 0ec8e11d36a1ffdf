"""Exams as the JSON documents the read endpoints answer with.

A published exam's student view is what the cache holds and what most
requests read, so it is rendered to JSON text once, when it is cached, and a
read serves that text as stored. The
admin view is rendered the same way, so reading one exam always gives one
kind of thing: a `Document`.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from flask import current_app
from werkzeug.http import generate_etag

from exam_api.exams.models import Exam
from exam_api.exams.schemas import ExamSchema, StudentExamSchema
from exam_api.rules.layout import listed_options


@dataclasses.dataclass(frozen=True)
class Document:
    text: str
    etag: str


def rendered(view: dict) -> Document:
    """The JSON text a view is answered with (the app's JSON settings: sorted
    keys), and its ETag, kept with it so that serving it hashes nothing."""
    text = current_app.json.dumps(view) + "\n"
    return Document(text, generate_etag(text.encode()))


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
