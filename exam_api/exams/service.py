"""Exam authoring (admins) and reading (everyone), and the versions attempts use."""

from __future__ import annotations

from exam_api.auth.identity import Viewer
from exam_api.database import utcnow
from exam_api.exams import cache, repository
from exam_api.exams.models import STATUS_PUBLISHED, Exam, ExamVersion, Option, Question
from exam_api.exams.schemas import StudentExamSchema
from exam_api.exams.versions import record_current_version
from exam_api.extensions import db
from exam_api.problems import Conflict, NotFound

_EXAM_FIELDS = ("title", "description", "time_limit_seconds", "max_attempts", "pass_percent")


def _build_questions(questions: list[dict]) -> list[Question]:
    return [
        Question(
            position=position,
            type=q["type"],
            prompt=q["prompt"],
            points=q["points"],
            options=[
                Option(position=i, text=o["text"], correct=o["correct"]) for i, o in enumerate(q["options"])
            ],
        )
        for position, q in enumerate(questions)
    ]


def create(body: dict, author_id: int) -> Exam:
    exam = Exam(created_by=author_id, **{f: body[f] for f in _EXAM_FIELDS if f in body})
    exam.questions = _build_questions(body.get("questions", []))
    repository.add(db.session, exam)
    db.session.commit()
    return exam


def _get_live(exam_id: int) -> Exam:
    exam = repository.get(db.session, exam_id)
    if exam is None:
        raise NotFound(f"Exam {exam_id} does not exist.")
    return exam


def get_for_admin(exam_id: int) -> Exam:
    return _get_live(exam_id)


def get_for_viewer(exam_id: int, viewer: Viewer) -> Exam | dict:
    """Admins get the exam with its keys; students a published exam's
    student view, from the cache when it has it."""
    if viewer.is_admin:
        return _get_live(exam_id)
    view = cache.get_student_view(exam_id)
    if view is None:
        exam = repository.get(db.session, exam_id, published_only=True)
        if exam is None:
            raise NotFound(f"Exam {exam_id} does not exist.")
        view = StudentExamSchema().dump(exam)
        cache.put_student_view(exam_id, view)
    return view


def list_for_viewer(viewer: Viewer, *, page: int, page_size: int) -> tuple[list, int]:
    items, total = repository.page(
        db.session, published_only=not viewer.is_admin, offset=(page - 1) * page_size, limit=page_size
    )
    if not viewer.is_admin:
        items = StudentExamSchema(many=True).dump(items)
    return items, total


def update(exam_id: int, changes: dict) -> Exam:
    """Edit an exam; editing a published one records a new version, which
    attempts started from now on use (started ones keep theirs)."""
    exam = _get_live(exam_id)
    for field in _EXAM_FIELDS:
        if field in changes:
            setattr(exam, field, changes[field])
    if "questions" in changes:
        if exam.is_published and not changes["questions"]:
            raise Conflict("A published exam needs at least one question.")
        exam.questions = _build_questions(changes["questions"])
    db.session.flush()
    if exam.is_published:
        record_current_version(db.session, exam)
    db.session.commit()
    cache.invalidate(exam_id)
    return exam


def publish(exam_id: int) -> Exam:
    exam = _get_live(exam_id)
    if not exam.questions:
        raise Conflict("An exam needs at least one question before it is published.")
    exam.status = STATUS_PUBLISHED
    exam.published_at = exam.published_at or utcnow()
    record_current_version(db.session, exam)
    db.session.commit()
    cache.invalidate(exam_id)
    return exam


def delete(exam_id: int) -> None:
    """Hide the exam from everyone and stop new attempts; its attempts and
    submissions stay, because students' results must never be lost."""
    exam = _get_live(exam_id)
    exam.deleted_at = utcnow()
    db.session.commit()
    cache.invalidate(exam_id)


def published_version(exam_id: int) -> tuple[Exam, ExamVersion]:
    """The exam and the version a new attempt starts on."""
    exam = repository.get(db.session, exam_id, published_only=True)
    if exam is None:
        raise NotFound(f"Exam {exam_id} does not exist.")
    return exam, repository.get_version(db.session, exam.id, exam.version)


def version(exam_id: int, version_number: int) -> ExamVersion:
    found = repository.get_version(db.session, exam_id, version_number)
    if found is None:
        raise LookupError(f"exam {exam_id} has no version {version_number}")
    return found
