from marshmallow import Schema, fields, validate

from exam_api.bounds import id_field


class GradeInSchema(Schema):
    question_id = id_field(
        required=True, metadata={"description": "An essay (or other hand-graded question) of the submission."}
    )
    points = fields.Decimal(
        required=True,
        places=2,
        allow_nan=False,
        validate=validate.Range(min=-1e6, max=1e6),
        metadata={"description": "0 to the question's points."},
    )
    feedback = fields.String(
        allow_none=True,
        validate=validate.Length(max=20000),
        metadata={"description": "Shown to the student in review."},
    )


class GradesInSchema(Schema):
    grades = fields.List(
        fields.Nested(GradeInSchema),
        required=True,
        validate=validate.Length(min=1, max=500),
        metadata={"description": "One per question graded (at most 500); the submission is scored once none is left."},
    )


class GradingQueueItemSchema(Schema):
    submission_id = fields.Integer(metadata={"description": "Grade it with POST /submissions/{id}/grades."})
    attempt_id = fields.Integer(metadata={"description": "The attempt."})
    user_id = fields.Integer(metadata={"description": "The student."})
    submitted_at = fields.DateTime(metadata={"description": "Oldest first in the queue."})
    auto_submitted = fields.Boolean(metadata={"description": "Submitted by the deadline, not by the student."})
    pending_question_ids = fields.List(
        fields.Integer(), metadata={"description": "The questions still waiting for a grade."}
    )


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
