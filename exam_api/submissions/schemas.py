from marshmallow import EXCLUDE, Schema, fields, validate

from exam_api.bounds import MAX_ID, id_field
from exam_api.submissions.models import STATUSES


class AnswerInSchema(Schema):
    """One answer: `option_ids` for choice questions, `value` (true/false,
    text or a number) for the others; whether it fits is checked against
    the question."""

    question_id = id_field(required=True)
    option_ids = fields.List(id_field(), load_default=list, validate=validate.Length(max=50))
    value = fields.Raw(allow_none=True, metadata={"description": "true/false, text or a number, by question type."})


class SubmissionInSchema(Schema):
    attempt_id = id_field(required=True)
    answers = fields.List(fields.Nested(AnswerInSchema), required=True, validate=validate.Length(max=500))


class IdempotencyHeaderSchema(Schema):
    idempotency_key = fields.String(
        data_key="Idempotency-Key",
        validate=validate.Length(min=1, max=255),
        metadata={"description": "Retries with the same key and body get the first response back (24 h)."},
    )

    class Meta:
        unknown = EXCLUDE


class SubmissionAcceptedSchema(Schema):
    id = fields.Integer()
    status = fields.String()


class SubmissionSchema(Schema):
    id = fields.Integer()
    attempt_id = fields.Integer()
    exam_id = fields.Integer()
    status = fields.String(metadata={"enum": list(STATUSES)})
    submitted_at = fields.DateTime()
    scored_at = fields.DateTime(allow_none=True)
    score = fields.Float(allow_none=True)
    max_score = fields.Float(allow_none=True)
    percent = fields.Float(allow_none=True)
    passed = fields.Boolean(allow_none=True)
    exam_version = fields.Integer()
    auto_submitted = fields.Boolean(metadata={"description": "Submitted by the server when the attempt ran out of time."})
    attempts = fields.Integer(attribute="deliveries", metadata={"description": "Admins only: task deliveries."})
    failure_reason = fields.String(allow_none=True, metadata={"description": "Admins only."})


class SubmissionQuerySchema(Schema):
    exam_id = fields.Integer(
        validate=validate.Range(min=1, max=MAX_ID), metadata={"description": "Admins: only this exam's submissions."}
    )


class GradeInSchema(Schema):
    question_id = id_field(required=True)
    points = fields.Decimal(required=True, places=2, allow_nan=False, validate=validate.Range(min=-1e6, max=1e6))
    feedback = fields.String(allow_none=True, validate=validate.Length(max=20000))


class GradesInSchema(Schema):
    grades = fields.List(fields.Nested(GradeInSchema), required=True, validate=validate.Length(min=1, max=500))


class GradingQueueItemSchema(Schema):
    submission_id = fields.Integer()
    attempt_id = fields.Integer()
    user_id = fields.Integer()
    submitted_at = fields.DateTime()
    auto_submitted = fields.Boolean()
    pending_question_ids = fields.List(fields.Integer())


class ReviewQuestionSchema(Schema):
    question_id = fields.Integer()
    type = fields.String()
    prompt = fields.String()
    points = fields.Float()
    answer = fields.Dict(allow_none=True)
    points_awarded = fields.Float(allow_none=True, metadata={"description": "When the score policy allows."})
    correct_answer = fields.Raw(
        allow_none=True,
        metadata={"description": "Option ids, true/false, accepted texts or {answer, tolerance}; when allowed."},
    )
    feedback = fields.Dict(metadata={"description": "The question's, the chosen options' and the grader's; when allowed."})


class ReviewSchema(Schema):
    submission_id = fields.Integer()
    status = fields.String()
    score = fields.Float(allow_none=True)
    max_score = fields.Float(allow_none=True)
    percent = fields.Float(allow_none=True)
    questions = fields.List(fields.Nested(ReviewQuestionSchema))


class ResultSchema(Schema):
    exam_id = fields.Integer()
    user_id = fields.Integer()
    attempts = fields.Integer(metadata={"description": "Scored submissions."})
    final_score = fields.Float(allow_none=True)
    final_percent = fields.Float(allow_none=True)
    passed = fields.Boolean(allow_none=True)
    grading_method = fields.String()
