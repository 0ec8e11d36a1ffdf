from marshmallow import Schema, fields, validate

from exam_api.bounds import MAX_ID, id_field
from exam_api.exams.schemas import StudentQuestionSchema

MAX_OPTION_IDS = 50


class AnswerInSchema(Schema):
    """One answer: `option_ids` for choice questions (for an ordering
    question: every option, in the student's order), `value` (true/false,
    text or a number) for the others; whether it fits is checked against
    the question."""

    question_id = id_field(required=True, metadata={"description": "The question answered (an id the attempt asked)."})
    option_ids = fields.List(
        id_field(),
        load_default=list,
        validate=validate.Length(max=MAX_OPTION_IDS),
        metadata={
            "description": "single_choice: one id; multiple_choice: any; ordering: every option, in the student's order."
        },
    )
    value = fields.Raw(allow_none=True, metadata={"description": "true/false, text or a number, by question type."})


_ANSWER_KEYS = frozenset(("question_id", "option_ids", "value"))


def _is_id(value) -> bool:
    return type(value) is int and 1 <= value <= MAX_ID


def _as_loaded(answer) -> dict | None:
    """The answer as AnswerInSchema loads it, when it is plainly well formed
    (a dict of the schema's keys, an int id, a short list of int ids); None
    for anything that needs the schema to judge it."""
    if type(answer) is not dict or not _ANSWER_KEYS.issuperset(answer) or not _is_id(answer.get("question_id")):
        return None
    option_ids = answer.get("option_ids", [])
    if type(option_ids) is not list or len(option_ids) > MAX_OPTION_IDS or not all(map(_is_id, option_ids)):
        return None
    loaded = {"question_id": answer["question_id"], "option_ids": list(option_ids)}
    if "value" in answer:
        loaded["value"] = answer["value"]
    return loaded


class AnswerList(fields.List):
    """A list of AnswerInSchema answers, loaded without a nested schema per
    answer when every one is plainly well formed: a submission of 30 answers
    spent most of its parsing there. Any other list is loaded by the schema,
    with its errors, so what is accepted and how is the same either way."""

    def __init__(self, **kwargs):
        super().__init__(fields.Nested(AnswerInSchema), validate=validate.Length(max=500), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if type(value) is list:
            loaded = [_as_loaded(answer) for answer in value]
            if None not in loaded:
                return loaded
        return super()._deserialize(value, attr, data, **kwargs)


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
    answers = AnswerList(
        required=True, metadata={"description": "Every answer so far; replaces what was saved (at most 500)."}
    )


class AutosavedSchema(Schema):
    id = fields.Integer(metadata={"description": "The attempt."})
    saved_at = fields.DateTime(metadata={"description": "When these answers were saved."})
    saved_answers = fields.List(
        fields.Dict(),
        metadata={"description": "The answers as stored; submitted automatically if the deadline passes."},
    )
