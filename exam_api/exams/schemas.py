from __future__ import annotations

from datetime import UTC

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from exam_api.bounds import duration_field, id_field
from exam_api.rules.grades import GRADING_METHODS, HIGHEST
from exam_api.rules.questions import QUESTION_TYPES, SCORING_METHODS, TYPE_DEFAULTS, authoring_problems
from exam_api.rules.review import REVIEW_WHEN

POINTS = {"places": 2, "validate": validate.Range(min=0, min_inclusive=False, max=10000)}


class OptionInSchema(Schema):
    id = id_field(
        metadata={
            "description": "Editing a question: the id of an option it has, which it keeps (answers that chose it "
            "still name it, so a regrade can re-mark them). Ignored when creating."
        }
    )
    text = fields.String(required=True, validate=validate.Length(min=1, max=2000))
    correct = fields.Boolean(
        metadata={"description": "Choice questions: required. Ordering questions: absent (their order is the key)."}
    )
    weight = fields.Decimal(
        places=2,
        allow_nan=False,
        validate=validate.Range(min=-100, max=100),
        metadata={
            "description": "Percent of the points this option earns: every option of a weighted multiple_choice "
            "question; a wrong single_choice option that earns partial credit."
        },
    )
    feedback = fields.String(allow_none=True, validate=validate.Length(max=10000))


class AcceptedAnswerSchema(Schema):
    text = fields.String(required=True, validate=validate.Length(min=1, max=1000))
    fraction = fields.Decimal(required=True, places=4, validate=validate.Range(min=0, max=1), as_string=True)
    feedback = fields.String(allow_none=True, validate=validate.Length(max=10000))


class NumericAnswerSchema(Schema):
    answer = fields.Decimal(required=True, places=6, as_string=True, allow_nan=False)
    tolerance = fields.Decimal(
        load_default=0, places=6, as_string=True, validate=validate.Range(min=0), allow_nan=False
    )
    fraction = fields.Decimal(required=True, places=4, validate=validate.Range(min=0, max=1), as_string=True)
    feedback = fields.String(allow_none=True, validate=validate.Length(max=10000))


class QuestionInSchema(Schema):
    """A question as admins author it; the fields beyond the common ones
    depend on `type` (see `rules.questions.TYPE_FIELDS`)."""

    type = fields.String(required=True, validate=validate.OneOf(QUESTION_TYPES))
    title = fields.String(allow_none=True, validate=validate.Length(min=1, max=200))
    prompt = fields.String(required=True, validate=validate.Length(min=1, max=10000))
    points = fields.Decimal(required=True, **POINTS)
    penalty = fields.Decimal(load_default=0, places=2, validate=validate.Range(min=0, max=10000))
    feedback = fields.String(allow_none=True, validate=validate.Length(max=10000))
    options = fields.List(fields.Nested(OptionInSchema), validate=validate.Length(min=2, max=50))
    scoring = fields.String(validate=validate.OneOf(SCORING_METHODS))
    correct_answer = fields.Boolean()
    feedback_wrong = fields.String(
        allow_none=True,
        validate=validate.Length(max=10000),
        metadata={"description": "true_false: feedback for a wrong answer."},
    )
    feedback_right = fields.String(
        allow_none=True,
        validate=validate.Length(max=10000),
        metadata={"description": "true_false: feedback for a right answer."},
    )
    accepted_answers = fields.List(fields.Nested(AcceptedAnswerSchema), validate=validate.Length(min=1, max=50))
    case_sensitive = fields.Boolean()
    answer = fields.Decimal(places=6, as_string=True, allow_nan=False)
    tolerance = fields.Decimal(places=6, as_string=True, validate=validate.Range(min=0), allow_nan=False)
    answer_feedback = fields.String(
        allow_none=True,
        validate=validate.Length(max=10000),
        metadata={"description": "numeric: feedback for the answer worth full marks."},
    )
    partial_answers = fields.List(
        fields.Nested(NumericAnswerSchema),
        validate=validate.Length(max=50),
        metadata={"description": "numeric: further accepted numbers, each worth a fraction of the points."},
    )
    max_words = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=100000))

    @validates_schema
    def _fields_fit_the_type(self, data, partial=False, **_kwargs):
        if not partial and (errors := authoring_problems(data)):
            raise ValidationError(errors)

    @post_load
    def _type_defaults(self, data, partial=False, **_kwargs):
        return data if partial else {**TYPE_DEFAULTS.get(data["type"], {}), **data}


class ReviewPolicySchema(Schema):
    """When students see their score, the correct answers and the feedback;
    what is left out keeps its current (or default) policy."""

    score = fields.String(validate=validate.OneOf(REVIEW_WHEN))
    answers = fields.String(validate=validate.OneOf(REVIEW_WHEN))
    feedback = fields.String(validate=validate.OneOf(REVIEW_WHEN))


class DateTime(fields.DateTime):
    """A date-time that passes already-serialized ISO text through: the exam
    service answers with rendered documents (see `exams.documents`), which
    the route dumps through the same schema."""

    def _serialize(self, value, attr, obj, **kwargs):
        return value if isinstance(value, str) else super()._serialize(value, attr, obj, **kwargs)


def _aware():
    return fields.AwareDateTime(load_default=None, allow_none=True, default_timezone=UTC)


class ExamInSchema(Schema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(load_default="", validate=validate.Length(max=20000))
    time_limit_seconds = duration_field(load_default=None, allow_none=True, min_inclusive=False)
    grace_seconds = duration_field(load_default=0.0)
    open_at = _aware()
    close_at = _aware()
    max_attempts = fields.Integer(
        load_default=1, validate=validate.Range(min=0, max=1000), metadata={"description": "0 means unlimited."}
    )
    pass_percent = fields.Decimal(load_default=50, places=2, validate=validate.Range(min=0, max=100))
    grading_method = fields.String(load_default=HIGHEST, validate=validate.OneOf(GRADING_METHODS))
    shuffle_questions = fields.Boolean(load_default=False)
    shuffle_options = fields.Boolean(load_default=False)
    questions_per_attempt = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=1, max=500))
    review = fields.Nested(ReviewPolicySchema, load_default=dict)
    questions = fields.List(fields.Nested(QuestionInSchema), load_default=list, validate=validate.Length(max=500))

    @validates_schema
    def _window_is_ordered(self, data, **_kwargs):
        if data.get("open_at") and data.get("close_at") and data["close_at"] <= data["open_at"]:
            raise ValidationError("close_at must be after open_at.", "close_at")


class ExamPatchSchema(ExamInSchema):
    """Any subset of an exam's fields; `questions`, when given, replaces them
    all and each must be whole. Only the top level is partial, so build it
    with `ExamPatchSchema.top_level_partial()`."""

    @classmethod
    def top_level_partial(cls) -> ExamPatchSchema:
        return cls(partial=tuple(cls._declared_fields))


class QuestionPatchSchema(QuestionInSchema):
    """Any subset of a question's fields (load with `partial=True`); the
    result is checked as a whole. `options` or `accepted_answers` replace
    the old ones."""


class OptionSchema(Schema):
    id = fields.Integer()
    text = fields.String()
    correct = fields.Boolean(metadata={"description": "Admins only."})
    weight = fields.Float(allow_none=True, metadata={"description": "Admins only."})
    feedback = fields.String(allow_none=True, metadata={"description": "Admins only."})


class AcceptedAnswerOutSchema(Schema):
    text = fields.String()
    fraction = fields.Float()
    feedback = fields.String(allow_none=True)


class NumericAnswerOutSchema(Schema):
    answer = fields.Float()
    tolerance = fields.Float()
    fraction = fields.Float()
    feedback = fields.String(allow_none=True)


class QuestionSchema(Schema):
    """A question with its key, as admins see it. Students see the
    `StudentQuestionSchema` subset."""

    id = fields.Integer()
    type = fields.String()
    title = fields.String(allow_none=True)
    prompt = fields.String()
    points = fields.Float()
    penalty = fields.Float()
    feedback = fields.String(allow_none=True)
    options = fields.List(fields.Nested(OptionSchema))
    scoring = fields.String(allow_none=True, metadata={"description": "multiple_choice and ordering; else null."})
    correct_answer = fields.Boolean(allow_none=True, metadata={"description": "true_false; else null."})
    feedback_wrong = fields.String(allow_none=True, metadata={"description": "true_false; else null."})
    feedback_right = fields.String(allow_none=True, metadata={"description": "true_false; else null."})
    accepted_answers = fields.List(
        fields.Nested(AcceptedAnswerOutSchema), allow_none=True, metadata={"description": "short_text; else null."}
    )
    case_sensitive = fields.Boolean(allow_none=True, metadata={"description": "short_text; else null."})
    answer = fields.Float(allow_none=True, metadata={"description": "numeric; else null."})
    tolerance = fields.Float(allow_none=True, metadata={"description": "numeric; else null."})
    answer_feedback = fields.String(allow_none=True, metadata={"description": "numeric; else null."})
    partial_answers = fields.List(
        fields.Nested(NumericAnswerOutSchema), allow_none=True, metadata={"description": "numeric; else null."}
    )
    max_words = fields.Integer(allow_none=True)


class ExamSchema(Schema):
    """An exam as admins see it; students see the `StudentExamSchema` subset
    (no keys, no bookkeeping timestamps), which is what the cache holds."""

    id = fields.Integer()
    title = fields.String()
    description = fields.String()
    status = fields.String(metadata={"description": "draft or published (admins see drafts)."})
    version = fields.Integer()
    time_limit_seconds = fields.Float(allow_none=True)
    grace_seconds = fields.Float()
    open_at = DateTime(allow_none=True)
    close_at = DateTime(allow_none=True)
    max_attempts = fields.Integer()
    pass_percent = fields.Float()
    grading_method = fields.String()
    shuffle_questions = fields.Boolean()
    shuffle_options = fields.Boolean()
    questions_per_attempt = fields.Integer(allow_none=True)
    review = fields.Dict(keys=fields.String(), values=fields.String())
    created_at = DateTime(metadata={"description": "Admins only."})
    updated_at = DateTime(metadata={"description": "Admins only."})
    published_at = DateTime(allow_none=True, metadata={"description": "Admins only."})
    questions = fields.List(
        fields.Nested(QuestionSchema),
        metadata={
            "description": "Students: absent before open_at, in timed exams, and when each attempt draws its own."
        },
    )


class StudentOptionSchema(Schema):
    id = fields.Integer()
    text = fields.String()


class StudentQuestionSchema(Schema):
    """What a student may see of a question while answering: no key, no feedback."""

    id = fields.Integer()
    type = fields.String()
    title = fields.String(allow_none=True)
    prompt = fields.String()
    points = fields.Float()
    penalty = fields.Float()
    scoring = fields.String(
        allow_none=True, metadata={"description": "multiple_choice and ordering; else null or absent."}
    )
    options = fields.List(fields.Nested(StudentOptionSchema))
    max_words = fields.Integer(allow_none=True)


class StudentExamSchema(ExamSchema):
    """What a student may see of an exam: no keys, no bookkeeping timestamps.
    This is what the cache holds, and it dumps through `ExamSchema` unchanged."""

    class Meta:
        exclude = ("created_at", "updated_at", "published_at")

    questions = fields.List(fields.Nested(StudentQuestionSchema))


class ExtensionInSchema(Schema):
    """A grant changes only what it names: extra time, a later close, or both."""

    user_id = id_field(required=True)
    extra_seconds = duration_field(min_inclusive=False)
    close_at = fields.AwareDateTime(default_timezone=UTC)

    @validates_schema
    def _gives_something(self, data, **_kwargs):
        if "extra_seconds" not in data and "close_at" not in data:
            raise ValidationError("Give extra_seconds, close_at, or both.", "_schema")


class ExtensionSchema(Schema):
    exam_id = fields.Integer()
    user_id = fields.Integer()
    extra_seconds = fields.Float()
    close_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()
    attempt_deadline = fields.DateTime(
        allow_none=True, metadata={"description": "The new deadline of the attempt in progress, if any."}
    )


class ExportQuerySchema(Schema):
    format = fields.String(
        load_default="json",
        validate=validate.OneOf(("json", "gift")),
        metadata={"description": "json (the exam as authored) or gift (its questions, Moodle's format)."},
    )


class ImportQuerySchema(ExportQuerySchema):
    title = fields.String(
        validate=validate.Length(min=1, max=200),
        metadata={"description": "The new exam's title (GIFT files have none; for JSON it replaces the file's)."},
    )
