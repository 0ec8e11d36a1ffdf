from marshmallow import Schema, fields, validate

from exam_api.bounds import id_field


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


class RegradeInSchema(Schema):
    dry_run = fields.Boolean(
        load_default=False, metadata={"description": "Report what would change; change and publish nothing."}
    )
    question_ids = fields.List(
        id_field(),
        validate=validate.Length(min=1, max=1000),
        metadata={"description": "Only these questions (default: all)."},
    )
    submission_ids = fields.List(
        id_field(),
        validate=validate.Length(min=1, max=10000),
        metadata={"description": "Only these submissions (default: every scored one)."},
    )
