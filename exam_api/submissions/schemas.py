from marshmallow import EXCLUDE, Schema, fields, validate

from exam_api.attempts.schemas import AnswerInSchema
from exam_api.bounds import MAX_ID, id_field
from exam_api.submissions.models import STATUSES


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
    auto_submitted = fields.Boolean(
        metadata={"description": "Submitted by the server when the attempt ran out of time."}
    )
    attempts = fields.Integer(attribute="deliveries", metadata={"description": "Admins only: task deliveries."})
    failure_reason = fields.String(allow_none=True, metadata={"description": "Admins only."})


class SubmissionQuerySchema(Schema):
    exam_id = fields.Integer(
        validate=validate.Range(min=1, max=MAX_ID), metadata={"description": "Admins: only this exam's submissions."}
    )
