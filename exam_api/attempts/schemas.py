from marshmallow import Schema, fields, validate

from exam_api.bounds import id_field
from exam_api.exams.schemas import StudentQuestionSchema


class AnswerInSchema(Schema):
    """One answer: `option_ids` for choice questions (for an ordering
    question: every option, in the student's order), `value` (true/false,
    text or a number) for the others; whether it fits is checked against
    the question."""

    question_id = id_field(required=True)
    option_ids = fields.List(id_field(), load_default=list, validate=validate.Length(max=50))
    value = fields.Raw(allow_none=True, metadata={"description": "true/false, text or a number, by question type."})


class AttemptSchema(Schema):
    id = fields.Integer()
    exam_id = fields.Integer()
    exam_version = fields.Integer()
    status = fields.String(metadata={"description": "in_progress or submitted"})
    started_at = fields.DateTime()
    deadline = fields.DateTime(
        allow_none=True, metadata={"description": "Answers are accepted until this plus the exam's grace."}
    )
    seconds_left = fields.Float(allow_none=True, metadata={"description": "Until the deadline, by the server's clock."})
    questions = fields.List(fields.Nested(StudentQuestionSchema))
    saved_answers = fields.List(fields.Dict(), allow_none=True, metadata={"description": "The last autosaved answers."})
    saved_at = fields.DateTime(allow_none=True)


class AutosaveInSchema(Schema):
    answers = fields.List(fields.Nested(AnswerInSchema), required=True, validate=validate.Length(max=500))


class AutosavedSchema(Schema):
    id = fields.Integer()
    saved_at = fields.DateTime()
    saved_answers = fields.List(fields.Dict())
