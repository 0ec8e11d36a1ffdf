from marshmallow import Schema, fields

from exam_api.exams.schemas import StudentQuestionSchema


class AttemptSchema(Schema):
    id = fields.Integer()
    exam_id = fields.Integer()
    exam_version = fields.Integer()
    status = fields.String()
    started_at = fields.DateTime()
    deadline = fields.DateTime(allow_none=True)
    questions = fields.List(fields.Nested(StudentQuestionSchema))
