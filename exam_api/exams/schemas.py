from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from exam_api.submissions.scoring import MULTIPLE_CHOICE, QUESTION_TYPES, SINGLE_CHOICE

POINTS = {"places": 2, "validate": validate.Range(min=0, min_inclusive=False, max=10000)}


class OptionInSchema(Schema):
    text = fields.String(required=True, validate=validate.Length(min=1, max=2000))
    correct = fields.Boolean(required=True)


class QuestionInSchema(Schema):
    type = fields.String(required=True, validate=validate.OneOf(QUESTION_TYPES))
    prompt = fields.String(required=True, validate=validate.Length(min=1, max=10000))
    points = fields.Decimal(required=True, **POINTS)
    options = fields.List(
        fields.Nested(OptionInSchema), required=True, validate=validate.Length(min=2, max=50)
    )

    @validates_schema
    def _correct_options_fit_type(self, data, **_kwargs):
        correct = sum(1 for option in data.get("options", []) if option["correct"])
        if data.get("type") == SINGLE_CHOICE and correct != 1:
            raise ValidationError("A single_choice question needs exactly one correct option.", "options")
        if data.get("type") == MULTIPLE_CHOICE and correct < 1:
            raise ValidationError("A multiple_choice question needs at least one correct option.", "options")


class ExamInSchema(Schema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(load_default="", validate=validate.Length(max=20000))
    time_limit_seconds = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(min=1, max=7 * 24 * 3600)
    )
    max_attempts = fields.Integer(
        load_default=1,
        validate=validate.Range(min=0, max=1000),
        metadata={"description": "0 means unlimited."},
    )
    pass_percent = fields.Decimal(load_default=50, places=2, validate=validate.Range(min=0, max=100))
    questions = fields.List(fields.Nested(QuestionInSchema), load_default=list, validate=validate.Length(max=500))


class ExamPatchSchema(ExamInSchema):
    """Any subset of an exam's fields (load it with `partial=True`);
    `questions`, when given, replaces them all."""


class OptionSchema(Schema):
    id = fields.Integer()
    text = fields.String()
    correct = fields.Boolean(metadata={"description": "Admins only; absent for students."})


class QuestionSchema(Schema):
    id = fields.Integer()
    type = fields.String()
    prompt = fields.String()
    points = fields.Float()
    options = fields.List(fields.Nested(OptionSchema))


class ExamSchema(Schema):
    """An exam as admins see it; students see the `StudentExamSchema` subset
    (no keys, no bookkeeping timestamps), which is what the cache holds."""

    id = fields.Integer()
    title = fields.String()
    description = fields.String()
    status = fields.String(metadata={"description": "draft or published (admins see drafts)."})
    version = fields.Integer()
    time_limit_seconds = fields.Integer(allow_none=True)
    max_attempts = fields.Integer()
    pass_percent = fields.Float()
    created_at = fields.DateTime(metadata={"description": "Admins only."})
    updated_at = fields.DateTime(metadata={"description": "Admins only."})
    published_at = fields.DateTime(allow_none=True, metadata={"description": "Admins only."})
    questions = fields.List(fields.Nested(QuestionSchema))


class StudentOptionSchema(Schema):
    id = fields.Integer()
    text = fields.String()


class StudentQuestionSchema(QuestionSchema):
    options = fields.List(fields.Nested(StudentOptionSchema))


class StudentExamSchema(ExamSchema):
    """What a student may see of an exam: no answer keys. Plain JSON values
    only, so the cached copy dumps through `ExamSchema` unchanged."""

    class Meta:
        exclude = ("created_at", "updated_at", "published_at")

    questions = fields.List(fields.Nested(StudentQuestionSchema))
