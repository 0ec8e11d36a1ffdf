from marshmallow import Schema, fields


class HealthSchema(Schema):
    status = fields.String(metadata={"description": "ok while the process answers."})


class ReadinessSchema(Schema):
    status = fields.String(
        metadata={"description": "ok when every dependency answered; otherwise the 503 names which did not."}
    )
    checks = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        metadata={"description": "Each dependency (database, redis, kafka) and ok or what failed."},
    )
