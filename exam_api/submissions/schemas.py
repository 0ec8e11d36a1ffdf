from marshmallow import EXCLUDE, Schema, fields, validate

from exam_api.attempts.schemas import AnswerList
from exam_api.bounds import MAX_ID, id_field
from exam_api.submissions.models import STATUSES


class SubmissionInSchema(Schema):
    attempt_id = id_field(
        required=True, metadata={"description": "The attempt being submitted; each attempt is submitted once."}
    )
    answers = AnswerList(
        required=True, metadata={"description": "One per question answered; a question left out scores 0."}
    )


class IdempotencyHeaderSchema(Schema):
    idempotency_key = fields.String(
        data_key="Idempotency-Key",
        validate=validate.Length(min=1, max=255),
        metadata={"description": "Retries with the same key and body get the first response back (24 h)."},
    )

    class Meta:
        unknown = EXCLUDE


class SubmissionAcceptedSchema(Schema):
    id = fields.Integer(metadata={"description": "Poll GET /submissions/{id} (the Location header) for the result."})
    status = fields.String(metadata={"description": "queued: stored, and waiting for the worker."})


class SubmissionSchema(Schema):
    id = fields.Integer(metadata={"description": "The submission's id."})
    attempt_id = fields.Integer(metadata={"description": "The attempt it submits."})
    exam_id = fields.Integer(metadata={"description": "The exam."})
    status = fields.String(
        metadata={
            "description": "queued, processing, needs_grading (an essay waits for a grader), scored or failed.",
            "enum": list(STATUSES),
        }
    )
    submitted_at = fields.DateTime(metadata={"description": "When the API accepted it (before the 202)."})
    scored_at = fields.DateTime(allow_none=True, metadata={"description": "When it became final; null until scored."})
    score = fields.Float(allow_none=True, metadata={"description": "Points earned; null until scored."})
    max_score = fields.Float(allow_none=True, metadata={"description": "Points available in the questions asked."})
    percent = fields.Float(
        allow_none=True, metadata={"description": "score / max_score x 100, 2 places; null until scored."}
    )
    passed = fields.Boolean(
        allow_none=True, metadata={"description": "percent reached the exam's pass_percent; null until scored."}
    )
    exam_version = fields.Integer(metadata={"description": "The exam version it was marked against."})
    auto_submitted = fields.Boolean(
        metadata={"description": "Submitted by the server when the attempt ran out of time."}
    )
    attempts = fields.Integer(attribute="deliveries", metadata={"description": "Admins only: task deliveries."})
    failure_reason = fields.String(allow_none=True, metadata={"description": "Admins only."})


class SubmissionQuerySchema(Schema):
    exam_id = fields.Integer(
        validate=validate.Range(min=1, max=MAX_ID), metadata={"description": "Admins: only this exam's submissions."}
    )
