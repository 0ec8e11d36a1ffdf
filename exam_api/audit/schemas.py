from marshmallow import Schema, fields, validate

from exam_api.bounds import MAX_ID


class AuditEventSchema(Schema):
    id = fields.Integer(metadata={"description": "Increasing; the list is newest first."})
    occurred_at = fields.DateTime(metadata={"description": "When it happened."})
    actor_id = fields.Integer(allow_none=True, metadata={"description": "None for a failed login."})
    action = fields.String(metadata={"description": "For example auth.login, exam.published, submission.graded."})
    target_type = fields.String(
        metadata={
            "description": "What it was done to: user, exam, submission, or email (a failed login of an unknown address)."
        }
    )
    target_id = fields.String(metadata={"description": "Its id, or the email address tried."})
    client_address = fields.String(allow_none=True, metadata={"description": "The address the request came from."})
    request_id = fields.String(
        allow_none=True, metadata={"description": "The X-Request-ID of the request, to find it in the logs."}
    )
    details = fields.Dict(metadata={"description": "What changed, by action."})


class AuditQuerySchema(Schema):
    actor_id = fields.Integer(validate=validate.Range(min=1, max=MAX_ID))
    action = fields.String(validate=validate.Length(max=60))
    target_type = fields.String(validate=validate.Length(max=40))
    target_id = fields.String(validate=validate.Length(max=320))
