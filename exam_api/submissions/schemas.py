from marshmallow import Schema, fields, validate

from exam_api.submissions.models import STATUSES


class AnswerInSchema(Schema):
    question_id = fields.Integer(required=True, strict=True)
    option_ids = fields.List(
        fields.Integer(strict=True), load_default=list, validate=validate.Length(max=50)
    )


class SubmissionInSchema(Schema):
    attempt_id = fields.Integer(required=True, strict=True)
    answers = fields.List(fields.Nested(AnswerInSchema), required=True, validate=validate.Length(max=500))


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


class SubmissionQuerySchema(Schema):
    exam_id = fields.Integer(metadata={"description": "Admins: only this exam's submissions."})
