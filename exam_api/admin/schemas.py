from marshmallow import Schema, fields

from exam_api.users.schemas import UserSchema


class AccountSchema(UserSchema):
    disabled_at = fields.DateTime(allow_none=True, metadata={"description": "Set while the account is disabled."})


class OutboxBacklogSchema(Schema):
    backlog = fields.Integer(metadata={"description": "Events not yet acknowledged by Kafka."})
    oldest_age_seconds = fields.Float(
        allow_none=True, metadata={"description": "Age of the oldest event not on Kafka yet; null when none waits."}
    )


class QueueReportSchema(Schema):
    submissions = fields.Dict(
        keys=fields.String(), values=fields.Integer(), metadata={"description": "Count by status."}
    )
    oldest_queued_age_seconds = fields.Float(
        allow_none=True, metadata={"description": "How long the oldest queued submission has waited; null when none."}
    )
    oldest_processing_age_seconds = fields.Float(
        allow_none=True,
        metadata={"description": "How long the oldest submission in processing has been there; null when none."},
    )
    failed_last_hour = fields.Integer(
        metadata={
            "description": "Submissions marked failed in the last hour (retry them with POST /submissions/{id}/retry)."
        }
    )
    outbox = fields.Nested(OutboxBacklogSchema)
