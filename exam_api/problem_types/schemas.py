from marshmallow import Schema, fields


class ProblemTypeSchema(Schema):
    slug = fields.String(metadata={"description": "The last part of the type URI.", "example": "queue-full"})
    type = fields.String(
        metadata={"description": "The `type` of a problem of this kind.", "example": "/problems/queue-full"}
    )
    title = fields.String(
        metadata={
            "description": "The problem's title, as errors of this type carry it.",
            "example": "Too many submissions waiting",
        }
    )
    status = fields.Integer(metadata={"description": "The HTTP status it comes with.", "example": 503})
    meaning = fields.String(metadata={"description": "What it means and what to do."})
