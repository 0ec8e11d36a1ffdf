from marshmallow import Schema, fields

from exam_api.users.schemas import UserSchema


class AccountSchema(UserSchema):
    disabled_at = fields.DateTime(allow_none=True, metadata={"description": "Set while the account is disabled."})


class OutboxBacklogSchema(Schema):
    backlog = fields.Integer(metadata={"description": "Events not yet acknowledged by Kafka."})
    oldest_age_seconds = fields.Float(allow_none=True)


class QueueReportSchema(Schema):
    submissions = fields.Dict(
        keys=fields.String(), values=fields.Integer(), metadata={"description": "Count by status."}
    )
    oldest_queued_age_seconds = fields.Float(allow_none=True)
    oldest_processing_age_seconds = fields.Float(allow_none=True)
    failed_last_hour = fields.Integer()
    outbox = fields.Nested(OutboxBacklogSchema)
