"""Exams in and out as files: our JSON, and Moodle's GIFT for the questions.

The JSON is the exam as it is authored (the body `POST /exams` takes,
without ids), so an export imports as it is and exports again the same. A
GIFT file holds questions only; an import makes a draft exam of them. An
import is checked whole before anything is stored: any error is a 422
listing every error, and nothing is created.
"""

from __future__ import annotations

import dataclasses
import json

from marshmallow import ValidationError

from exam_api.exams import gift
from exam_api.exams import service as exams
from exam_api.exams.models import Exam
from exam_api.exams.schemas import ExamInSchema, ExamSchema, QuestionInSchema
from exam_api.problems import InvalidInput

JSON, GIFT = "json", "gift"
FORMATS = (JSON, GIFT)
MEDIA_TYPES = {JSON: "application/json", GIFT: "text/plain; charset=utf-8"}
EXTENSIONS = {JSON: "json", GIFT: "gift.txt"}
DEFAULT_GIFT_TITLE = "Imported questions"


@dataclasses.dataclass(frozen=True)
class ExportedFile:
    text: str
    media_type: str
    file_name: str


def _without_none(value):
    if isinstance(value, dict):
        return {key: _without_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_none(item) for item in value]
    return value


def authored(exam: Exam) -> dict:
    """The exam as `POST /exams` takes it: the admin view less what the
    server decides (ids, status, version, timestamps) and less the fields
    other question types have (null in the view)."""
    view = ExamSchema().dump(exam)
    document = {field: view[field] for field in ExamInSchema._declared_fields if field in view}
    question_fields = QuestionInSchema._declared_fields
    document["questions"] = [
        {
            **{field: q[field] for field in question_fields if field in q and field != "options"},
            **(
                {"options": [{k: v for k, v in o.items() if k != "id"} for o in q["options"]]}
                if q.get("options")
                else {}
            ),
        }
        for q in view["questions"]
    ]
    return _without_none(document)


def export(exam_id: int, fmt: str) -> ExportedFile:
    exam = exams.get_for_admin(exam_id)
    document = authored(exam)
    if fmt == JSON:
        text = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    else:
        try:
            text = gift.dump(document["questions"])
        except ValueError as exc:
            raise InvalidInput(f"Exam {exam_id} cannot be written as GIFT: {exc}.") from None
    return ExportedFile(text, MEDIA_TYPES[fmt], f"exam-{exam_id}.{EXTENSIONS[fmt]}")


def _json_body(text: str) -> dict:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            "The file is not JSON.", errors={"file": [{"line": exc.lineno, "message": exc.msg}]}
        ) from None
    if not isinstance(document, dict):
        raise InvalidInput("The file is not an exam: a JSON object is expected.")
    return document


def _gift_body(text: str, title: str | None) -> dict:
    try:
        parsed = gift.parse(text)
    except gift.GiftError as exc:
        raise InvalidInput(
            f"The GIFT file has {len(exc.errors)} error(s); nothing was imported.", errors={"file": exc.errors}
        ) from None
    if not parsed.questions:
        raise InvalidInput("The GIFT file has no questions.")
    return {"title": title or DEFAULT_GIFT_TITLE, "questions": parsed.questions}


def import_exam(text: str, fmt: str, author_id: int, title: str | None = None) -> Exam:
    """A draft exam from a file; 422 listing every error, storing nothing."""
    document = _json_body(text) if fmt == JSON else _gift_body(text, title)
    if fmt == JSON and title:
        document["title"] = title
    try:
        body = ExamInSchema().load(document)
    except ValidationError as exc:
        raise InvalidInput("The exam in the file is not valid; nothing was imported.", errors=exc.messages) from None
    return exams.create(body, author_id=author_id)
