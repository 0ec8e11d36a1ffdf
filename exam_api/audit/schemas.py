from marshmallow import Schema, fields, validate

from exam_api.bounds import MAX_ID


class AuditEventSchema(Schema):
    id = fields.Integer()
    occurred_at = fields.DateTime()
    actor_id = fields.Integer(allow_none=True, metadata={"description": "None for a failed login."})
    action = fields.String(metadata={"description": "For example auth.login, exam.published, submission.graded."})
    target_type = fields.String()
    target_id = fields.String()
    client_address = fields.String(allow_none=True)
    request_id = fields.String(allow_none=True)
    details = fields.Dict()


class AuditQuerySchema(Schema):
    actor_id = fields.Integer(validate=validate.Range(min=1, max=MAX_ID))
    action = fields.String(validate=validate.Length(max=60))
    target_type = fields.String(validate=validate.Length(max=40))
    target_id = fields.String(validate=validate.Length(max=320))
