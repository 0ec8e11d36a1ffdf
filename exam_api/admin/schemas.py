from marshmallow import Schema, fields


class OutboxBacklogSchema(Schema):
    backlog = fields.Integer(metadata={"description": "Events not yet acknowledged by Kafka."})
    oldest_age_seconds = fields.Float(allow_none=True)


class QueueReportSchema(Schema):
    submissions = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={"description": "Count by status."})
    oldest_queued_age_seconds = fields.Float(allow_none=True)
    oldest_processing_age_seconds = fields.Float(allow_none=True)
    failed_last_hour = fields.Integer()
    outbox = fields.Nested(OutboxBacklogSchema)
