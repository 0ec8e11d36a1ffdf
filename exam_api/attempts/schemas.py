from marshmallow import Schema, fields, validate

from exam_api.bounds import id_field
from exam_api.exams.schemas import StudentQuestionSchema


class AnswerInSchema(Schema):
    """One answer: `option_ids` for choice questions (for an ordering
    question: every option, in the student's order), `value` (true/false,
    text or a number) for the others; whether it fits is checked against
    the question."""

    question_id = id_field(required=True, metadata={"description": "The question answered (an id the attempt asked)."})
    option_ids = fields.List(
        id_field(),
        load_default=list,
        validate=validate.Length(max=50),
        metadata={
            "description": "single_choice: one id; multiple_choice: any; ordering: every option, in the student's order."
        },
    )
    value = fields.Raw(allow_none=True, metadata={"description": "true/false, text or a number, by question type."})


class AttemptSchema(Schema):
    id = fields.Integer(metadata={"description": "Submit with it (attempt_id)."})
    exam_id = fields.Integer(metadata={"description": "The exam."})
    exam_version = fields.Integer(metadata={"description": "The exam version this attempt is marked against."})
    status = fields.String(metadata={"description": "in_progress or submitted"})
    started_at = fields.DateTime(metadata={"description": "When the attempt began; the deadline counts from it."})
    deadline = fields.DateTime(
        allow_none=True, metadata={"description": "Answers are accepted until this plus the exam's grace."}
    )
    seconds_left = fields.Float(allow_none=True, metadata={"description": "Until the deadline, by the server's clock."})
    questions = fields.List(
        fields.Nested(StudentQuestionSchema),
        metadata={"description": "What this attempt asks, in its order (a draw and shuffles are fixed per attempt)."},
    )
    saved_answers = fields.List(fields.Dict(), allow_none=True, metadata={"description": "The last autosaved answers."})
    saved_at = fields.DateTime(
        allow_none=True, metadata={"description": "When answers were last autosaved; null before any."}
    )


class AutosaveInSchema(Schema):
    answers = fields.List(
        fields.Nested(AnswerInSchema),
        required=True,
        validate=validate.Length(max=500),
        metadata={"description": "Every answer so far; replaces what was saved (at most 500)."},
    )


class AutosavedSchema(Schema):
    id = fields.Integer(metadata={"description": "The attempt."})
    saved_at = fields.DateTime(metadata={"description": "When these answers were saved."})
    saved_answers = fields.List(
        fields.Dict(),
        metadata={"description": "The answers as stored; submitted automatically if the deadline passes."},
    )
