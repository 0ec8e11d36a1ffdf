from marshmallow import Schema, fields


class ReviewQuestionSchema(Schema):
    question_id = fields.Integer()
    type = fields.String()
    prompt = fields.String()
    points = fields.Float()
    answer = fields.Dict(allow_none=True)
    points_awarded = fields.Float(
        allow_none=True,
        metadata={"description": "When the answers policy allows: per-question points would reveal the key."},
    )
    correct_answer = fields.Raw(
        allow_none=True,
        metadata={"description": "Option ids (for ordering: in the right order), true/false, accepted texts or {answer, tolerance}; when allowed."},
    )
    feedback = fields.Dict(metadata={"description": "The question's, the chosen options' and the grader's; when allowed."})


class ReviewSchema(Schema):
    submission_id = fields.Integer()
    status = fields.String()
    score = fields.Float(allow_none=True)
    max_score = fields.Float(allow_none=True)
    percent = fields.Float(allow_none=True)
    questions = fields.List(fields.Nested(ReviewQuestionSchema))


class ResultSchema(Schema):
    exam_id = fields.Integer()
    user_id = fields.Integer()
    attempts = fields.Integer(metadata={"description": "Scored submissions."})
    final_score = fields.Float(allow_none=True)
    final_percent = fields.Float(allow_none=True)
    passed = fields.Boolean(allow_none=True)
    grading_method = fields.String()
