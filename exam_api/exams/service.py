"""Exam authoring (admins) and reading (everyone), and the versions attempts use."""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal

from sqlalchemy.exc import IntegrityError

from exam_api.attempts import repository as attempts_repository
from exam_api.audit import service as audit
from exam_api.auth.identity import Viewer
from exam_api.database import utcnow
from exam_api.exams import cache, documents, repository
from exam_api.exams.models import STATUS_PUBLISHED, Exam, ExamVersion, Option, Question
from exam_api.exams.versions import record_current_version
from exam_api.extensions import db
from exam_api.problems import Conflict, InvalidInput, NotFound
from exam_api.rules.questions import CHOICE_TYPES, TYPE_DEFAULTS, TYPE_FIELDS, authoring_problems
from exam_api.rules.review import DEFAULT_REVIEW

_EXAM_FIELDS = (
    "title",
    "description",
    "time_limit_seconds",
    "grace_seconds",
    "open_at",
    "close_at",
    "max_attempts",
    "pass_percent",
    "grading_method",
    "shuffle_questions",
    "shuffle_options",
    "questions_per_attempt",
)
_QUESTION_FIELDS = ("type", "title", "prompt", "points", "penalty", "feedback")
_TIMING_FIELDS = {"time_limit_seconds", "close_at", "grace_seconds"}


def _options(options: list[dict]) -> list[Option]:
    """Option rows; an ordering question's options carry no `correct` flag (their order is the key)."""
    return [
        Option(
            position=i,
            text=o["text"],
            correct=o.get("correct", False),
            weight=o.get("weight"),
            feedback=o.get("feedback"),
        )
        for i, o in enumerate(options)
    ]


def _kept_options(question: Question, given: list[dict]) -> list[Option]:
    """The patched options: one that names an id of this question's options is
    that option, edited in place (answers that chose it keep naming it); one
    without an id is new."""
    existing = {option.id: option for option in question.options}
    unknown = {
        str(index): {"id": [f"Question {question.id} has no option {o['id']}."]}
        for index, o in enumerate(given)
        if o.get("id") is not None and o["id"] not in existing
    }
    if unknown:
        raise InvalidInput(f"Question {question.id} would not be valid.", errors={"options": unknown})
    kept = []
    for position, (o, fresh) in enumerate(zip(given, _options(given))):
        option = existing.get(o.get("id"), fresh)
        option.position, option.text, option.correct = position, fresh.text, fresh.correct
        option.weight, option.feedback = fresh.weight, fresh.feedback
        kept.append(option)
    return kept


def _config(body: dict) -> dict:
    """The type's own fields, as JSON (decimals as exact text); options have their own rows."""
    return {field: _json_ready(body[field]) for field in TYPE_FIELDS[body["type"]] - {"options"} if field in body}


def _json_ready(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    return value


def _build_question(body: dict, position: int) -> Question:
    return Question(
        position=position,
        **{field: body.get(field) for field in _QUESTION_FIELDS},
        options=_options(body.get("options", [])),
        config=_config(body),
    )


def _check_window(exam: Exam) -> None:
    if exam.open_at and exam.close_at and exam.close_at <= exam.open_at:
        raise InvalidInput("close_at must be after open_at.", errors={"close_at": ["Must be after open_at."]})


def create(body: dict, author_id: int) -> Exam:
    exam = Exam(created_by=author_id, **{f: body[f] for f in _EXAM_FIELDS if f in body})
    exam.review = {**DEFAULT_REVIEW, **body.get("review", {})}
    exam.questions = [_build_question(q, n) for n, q in enumerate(body.get("questions", []))]
    repository.add(db.session, exam)
    audit.record("exam.created", "exam", exam.id)
    db.session.commit()
    return exam


def _get_live(exam_id: int) -> Exam:
    exam = repository.get(db.session, exam_id)
    if exam is None:
        raise NotFound(f"Exam {exam_id} does not exist.")
    return exam


def get_for_admin(exam_id: int) -> Exam:
    return _get_live(exam_id)


def get_for_viewer(exam_id: int, viewer: Viewer) -> documents.Document:
    """The exam's document: with its keys for admins; for students a
    published exam's student view, served as cached when it is."""
    if viewer.is_admin:
        return documents.rendered(documents.for_admin(_get_live(exam_id)))
    cached = cache.get_student_view(exam_id)
    if cached is not None:
        return cached
    exam = repository.get(db.session, exam_id, published_only=True)
    if exam is None:
        raise NotFound(f"Exam {exam_id} does not exist.")
    now = utcnow()
    document = documents.rendered(documents.for_student(exam, now))
    if not documents.is_before_opening(exam, now):
        cache.put_student_view(exam_id, document)
    return document


def list_for_viewer(viewer: Viewer, *, page: int, page_size: int) -> tuple[list[dict], int]:
    items, total = repository.page(
        db.session, published_only=not viewer.is_admin, offset=(page - 1) * page_size, limit=page_size
    )
    if viewer.is_admin:
        return [documents.for_admin(exam) for exam in items], total
    now = utcnow()
    return [documents.for_student(exam, now) for exam in items], total


def _changed(exam: Exam, action: str, question: Question | None = None, **details) -> Exam:
    """Commit a content change with its audit event: a published exam gets a
    new version, which attempts started from now on use (started ones keep theirs)."""
    db.session.flush()
    if question is None:
        audit.record(action, "exam", exam.id, **details)
    else:
        audit.record(action, "question", question.id, exam_id=exam.id, **details)
    if exam.is_published:
        record_current_version(db.session, exam)
    exam.updated_at = utcnow()
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(f"Exam {exam.id} was changed by someone else at the same moment; reload it.") from None
    cache.invalidate(exam.id)
    return exam


def update(exam_id: int, changes: dict) -> Exam:
    exam = _get_live(exam_id)
    for field in _EXAM_FIELDS:
        if field in changes:
            setattr(exam, field, changes[field])
    _check_window(exam)
    if _TIMING_FIELDS & changes.keys():
        _reschedule_in_progress(exam)
    if "review" in changes:
        exam.review = {**exam.review, **changes["review"]}
    if "questions" in changes:
        if exam.is_published and not changes["questions"]:
            raise Conflict("A published exam needs at least one question.")
        exam.questions = [_build_question(q, n) for n, q in enumerate(changes["questions"])]
    return _changed(exam, "exam.updated", fields=sorted(changes))


def _reschedule_in_progress(exam: Exam) -> None:
    """New timing applies to attempts in progress too (with each student's
    extension), in the same transaction as the edit."""
    extensions = repository.extensions_of(db.session, exam.id)
    for attempt in attempts_repository.in_progress(db.session, exam.id):
        attempt.schedule(exam, extensions.get(attempt.user_id))


def publish(exam_id: int) -> Exam:
    exam = _get_live(exam_id)
    if not exam.questions:
        raise Conflict("An exam needs at least one question before it is published.")
    exam.status = STATUS_PUBLISHED
    exam.published_at = exam.published_at or utcnow()
    return _changed(exam, "exam.published")


def delete(exam_id: int) -> None:
    """Hide the exam from everyone and stop new attempts; its attempts and
    submissions stay, because students' results must never be lost."""
    exam = _get_live(exam_id)
    exam.deleted_at = utcnow()
    audit.record("exam.deleted", "exam", exam.id)
    db.session.commit()
    cache.invalidate(exam_id)


def _get_question(exam: Exam, question_id: int) -> Question:
    question = next((q for q in exam.questions if q.id == question_id), None)
    if question is None:
        raise NotFound(f"Exam {exam.id} has no question {question_id}.")
    return question


def add_question(exam_id: int, body: dict) -> Question:
    exam = _get_live(exam_id)
    question = _build_question(body, max((q.position for q in exam.questions), default=-1) + 1)
    exam.questions.append(question)
    _changed(exam, "question.added", question)
    return question


def _authoring_form(question: Question) -> dict:
    """The question as it would be authored: what a patch is laid over."""
    return {
        **{field: getattr(question, field) for field in _QUESTION_FIELDS},
        **question.config,
        **(
            {"options": [_authoring_option(question.type, option) for option in question.options]}
            if question.options
            else {}
        ),
    }


def _authoring_option(kind: str, option: Option) -> dict:
    """Only choice options are flagged correct or not (an ordering key is the order itself)."""
    flag = {"correct": option.correct} if kind in CHOICE_TYPES else {}
    weight = {} if option.weight is None else {"weight": option.weight}
    return {"text": option.text, **flag, **weight, "feedback": option.feedback}


def update_question(exam_id: int, question_id: int, changes: dict) -> Question:
    """Patch a question, checking the result as a whole. Options are kept
    (with their ids) unless the patch gives new ones; fields of the old type
    are dropped when the type changes."""
    exam = _get_live(exam_id)
    question = _get_question(exam, question_id)
    current = _authoring_form(question)
    kind = changes.get("type", question.type)
    if kind != question.type:
        current = {field: current[field] for field in _QUESTION_FIELDS if current.get(field) is not None}
    merged = {**TYPE_DEFAULTS.get(kind, {}), **current, **changes}
    if errors := authoring_problems(merged):
        raise InvalidInput(f"Question {question_id} would not be valid.", errors=errors)
    for field in _QUESTION_FIELDS:
        setattr(question, field, merged.get(field))
    question.config = _config(merged)
    if "options" in changes:
        question.options = _kept_options(question, changes["options"])
    elif "options" not in merged:
        question.options = []
    _changed(exam, "question.updated", question, fields=sorted(changes))
    return question


def delete_question(exam_id: int, question_id: int) -> None:
    exam = _get_live(exam_id)
    question = _get_question(exam, question_id)
    if exam.is_published and len(exam.questions) == 1:
        raise Conflict("A published exam needs at least one question.")
    exam.questions.remove(question)
    _changed(exam, "question.deleted", question)


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


def snapshots(exam_id: int) -> Callable[[int], dict]:
    """A lookup of the exam's version snapshots by number that reads each
    version once: a pass over many submissions meets the same few versions."""
    return functools.cache(lambda version_number: version(exam_id, version_number).snapshot)
