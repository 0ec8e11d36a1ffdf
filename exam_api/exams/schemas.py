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
    text = fields.String(
        required=True, validate=validate.Length(min=1, max=2000), metadata={"description": "What the student sees."}
    )
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
    feedback = fields.String(
        allow_none=True,
        validate=validate.Length(max=10000),
        metadata={"description": "For a student who chose it, shown in review as the review policy allows."},
    )


def _fraction() -> fields.Decimal:
    """The share of a question's points an accepted answer earns."""
    return fields.Decimal(
        required=True,
        places=4,
        validate=validate.Range(min=0, max=1),
        as_string=True,
        metadata={"description": "The share of the points it earns, 0 to 1."},
    )


class AcceptedAnswerSchema(Schema):
    text = fields.String(
        required=True,
        validate=validate.Length(min=1, max=1000),
        metadata={"description": "An answer that earns credit (compared trimmed; case by case_sensitive)."},
    )
    fraction = _fraction()
    feedback = fields.String(
        allow_none=True,
        validate=validate.Length(max=10000),
        metadata={"description": "Shown in review to a student who gave it."},
    )


class NumericAnswerSchema(Schema):
    answer = fields.Decimal(
        required=True, places=6, as_string=True, allow_nan=False, metadata={"description": "The number accepted."}
    )
    tolerance = fields.Decimal(
        load_default=0,
        places=6,
        as_string=True,
        validate=validate.Range(min=0),
        allow_nan=False,
        metadata={"description": "How far from answer still counts (plus or minus)."},
    )
    fraction = _fraction()
    feedback = fields.String(
        allow_none=True,
        validate=validate.Length(max=10000),
        metadata={"description": "Shown in review to a student whose answer matched."},
    )


class QuestionInSchema(Schema):
    """A question as admins author it; the fields beyond the common ones
    depend on `type` (see `rules.questions.TYPE_FIELDS`)."""

    type = fields.String(
        required=True,
        validate=validate.OneOf(QUESTION_TYPES),
        metadata={"description": "single_choice, multiple_choice, true_false, short_text, numeric, essay or ordering."},
    )
    title = fields.String(
        allow_none=True,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "A short name for admins' lists; students see the prompt."},
    )
    prompt = fields.String(
        required=True,
        validate=validate.Length(min=1, max=10000),
        metadata={"description": "The question as students read it."},
    )
    points = fields.Decimal(
        required=True, **POINTS, metadata={"description": "What a full answer earns (more than 0, 2 decimal places)."}
    )
    penalty = fields.Decimal(
        load_default=0,
        places=2,
        validate=validate.Range(min=0, max=10000),
        metadata={"description": "Points lost for a non-blank answer that earns nothing (a blank never loses any)."},
    )
    feedback = fields.String(
        allow_none=True,
        validate=validate.Length(max=10000),
        metadata={"description": "General feedback, shown in review whatever the answer."},
    )
    options = fields.List(
        fields.Nested(OptionInSchema),
        validate=validate.Length(min=2, max=50),
        metadata={"description": "Choice and ordering questions: 2 to 50 options (for ordering, in the right order)."},
    )
    scoring = fields.String(
        validate=validate.OneOf(SCORING_METHODS),
        metadata={
            "description": "multiple_choice and ordering: all_or_nothing, partial or weighted (weighted: multiple_choice only)."
        },
    )
    correct_answer = fields.Boolean(metadata={"description": "true_false: the right answer."})
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
    accepted_answers = fields.List(
        fields.Nested(AcceptedAnswerSchema),
        validate=validate.Length(min=1, max=50),
        metadata={"description": "short_text: the answers that earn credit, each with its fraction."},
    )
    case_sensitive = fields.Boolean(metadata={"description": "short_text: whether case counts (default false)."})
    answer = fields.Decimal(
        places=6, as_string=True, allow_nan=False, metadata={"description": "numeric: the number worth full marks."}
    )
    tolerance = fields.Decimal(
        places=6,
        as_string=True,
        validate=validate.Range(min=0),
        allow_nan=False,
        metadata={"description": "numeric: how far from answer still earns full marks."},
    )
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
    max_words = fields.Integer(
        allow_none=True,
        validate=validate.Range(min=1, max=100000),
        metadata={"description": "essay: the longest answer accepted, in words."},
    )

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

    score = fields.String(
        validate=validate.OneOf(REVIEW_WHEN),
        metadata={"description": "When students see their score: immediately, after_close or never."},
    )
    answers = fields.String(
        validate=validate.OneOf(REVIEW_WHEN),
        metadata={"description": "When students see the right answers: immediately, after_close or never."},
    )
    feedback = fields.String(
        validate=validate.OneOf(REVIEW_WHEN),
        metadata={"description": "When students see feedback: immediately, after_close or never."},
    )


class DateTime(fields.DateTime):
    """A date-time that passes already-serialized ISO text through: the exam
    service answers with rendered documents (see `exams.documents`), which
    the route dumps through the same schema."""

    def _serialize(self, value, attr, obj, **kwargs):
        return value if isinstance(value, str) else super()._serialize(value, attr, obj, **kwargs)


def _aware(**kwargs):
    return fields.AwareDateTime(load_default=None, allow_none=True, default_timezone=UTC, **kwargs)


class ExamInSchema(Schema):
    title = fields.String(
        required=True, validate=validate.Length(min=1, max=200), metadata={"description": "Shown to students."}
    )
    description = fields.String(
        load_default="",
        validate=validate.Length(max=20000),
        metadata={"description": "Instructions shown before an attempt starts."},
    )
    time_limit_seconds = duration_field(
        load_default=None,
        allow_none=True,
        min_inclusive=False,
        metadata={"description": "Each attempt's time; null for untimed."},
    )
    grace_seconds = duration_field(
        load_default=0.0,
        metadata={
            "description": "After the deadline, submissions are still accepted this long (then the saved answers are submitted)."
        },
    )
    open_at = _aware(metadata={"description": "No attempt starts before it; null opens on publish."})
    close_at = _aware(metadata={"description": "No attempt starts, and every deadline ends, at it; null never closes."})
    max_attempts = fields.Integer(
        load_default=1, validate=validate.Range(min=0, max=1000), metadata={"description": "0 means unlimited."}
    )
    pass_percent = fields.Decimal(
        load_default=50,
        places=2,
        validate=validate.Range(min=0, max=100),
        metadata={"description": "The percent a submission needs to pass, 0 to 100."},
    )
    grading_method = fields.String(
        load_default=HIGHEST,
        validate=validate.OneOf(GRADING_METHODS),
        metadata={"description": "Which attempt makes the final grade: highest, average, first or last."},
    )
    shuffle_questions = fields.Boolean(
        load_default=False, metadata={"description": "Each attempt asks the questions in its own order."}
    )
    shuffle_options = fields.Boolean(
        load_default=False, metadata={"description": "Each attempt shows choice options in its own order."}
    )
    questions_per_attempt = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=500),
        metadata={"description": "Each attempt draws this many of the questions; null asks them all."},
    )
    review = fields.Nested(ReviewPolicySchema, load_default=dict)
    questions = fields.List(
        fields.Nested(QuestionInSchema),
        load_default=list,
        validate=validate.Length(max=500),
        metadata={"description": "The questions, in order (at most 500)."},
    )

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
    id = fields.Integer(metadata={"description": "Answers name options by it (option_ids)."})
    text = fields.String(metadata={"description": "What the student sees."})
    correct = fields.Boolean(metadata={"description": "Admins only."})
    weight = fields.Float(allow_none=True, metadata={"description": "Admins only."})
    feedback = fields.String(allow_none=True, metadata={"description": "Admins only."})


class AcceptedAnswerOutSchema(Schema):
    text = fields.String(metadata={"description": "An answer that earns credit."})
    fraction = fields.Float(metadata={"description": "The share of the points it earns, 0 to 1."})
    feedback = fields.String(allow_none=True, metadata={"description": "Shown in review to a student who gave it."})


class NumericAnswerOutSchema(Schema):
    answer = fields.Float(metadata={"description": "The number accepted."})
    tolerance = fields.Float(metadata={"description": "How far from answer still counts."})
    fraction = fields.Float(metadata={"description": "The share of the points it earns, 0 to 1."})
    feedback = fields.String(
        allow_none=True, metadata={"description": "Shown in review to a student whose answer matched."}
    )


class QuestionSchema(Schema):
    """A question with its key, as admins see it. Students see the
    `StudentQuestionSchema` subset."""

    id = fields.Integer(metadata={"description": "Answers name the question by it (question_id)."})
    type = fields.String(
        metadata={"description": "single_choice, multiple_choice, true_false, short_text, numeric, essay or ordering."}
    )
    title = fields.String(allow_none=True, metadata={"description": "A short name for admins' lists."})
    prompt = fields.String(metadata={"description": "The question as students read it."})
    points = fields.Float(metadata={"description": "What a full answer earns."})
    penalty = fields.Float(metadata={"description": "Points lost for a non-blank answer that earns nothing."})
    feedback = fields.String(allow_none=True, metadata={"description": "General feedback, shown in review."})
    options = fields.List(
        fields.Nested(OptionSchema), metadata={"description": "Choice and ordering questions; else empty."}
    )
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
    max_words = fields.Integer(
        allow_none=True, metadata={"description": "essay: the longest answer accepted, in words; else null."}
    )


class ExamSchema(Schema):
    """An exam as admins see it; students see the `StudentExamSchema` subset
    (no keys, no bookkeeping timestamps), which is what the cache holds."""

    id = fields.Integer(metadata={"description": "The exam's id."})
    title = fields.String(metadata={"description": "Shown to students."})
    description = fields.String(metadata={"description": "Instructions shown before an attempt starts."})
    status = fields.String(metadata={"description": "draft or published (admins see drafts)."})
    version = fields.Integer(
        metadata={
            "description": "A new version is frozen when a published exam's questions or pass mark change; each attempt is marked against the version it started on."
        }
    )
    time_limit_seconds = fields.Float(
        allow_none=True, metadata={"description": "Each attempt's time; null for untimed."}
    )
    grace_seconds = fields.Float(
        metadata={"description": "How long after the deadline a submission is still accepted."}
    )
    open_at = DateTime(
        allow_none=True, metadata={"description": "No attempt starts before it; null: open since publishing."}
    )
    close_at = DateTime(
        allow_none=True,
        metadata={"description": "No attempt starts, and every deadline ends, at it; null: never closes."},
    )
    max_attempts = fields.Integer(metadata={"description": "Attempts each student may make; 0 means unlimited."})
    pass_percent = fields.Float(metadata={"description": "The percent a submission needs to pass."})
    grading_method = fields.String(
        metadata={"description": "Which attempt makes the final grade: highest, average, first or last."}
    )
    shuffle_questions = fields.Boolean(metadata={"description": "Each attempt asks the questions in its own order."})
    shuffle_options = fields.Boolean(metadata={"description": "Each attempt shows choice options in its own order."})
    questions_per_attempt = fields.Integer(
        allow_none=True, metadata={"description": "Each attempt draws this many questions; null asks them all."}
    )
    review = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        metadata={
            "description": "When students see their score, the right answers and feedback (immediately, after_close or never)."
        },
    )
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
    id = fields.Integer(metadata={"description": "Name it in option_ids to choose it."})
    text = fields.String(metadata={"description": "What the option says."})


class StudentQuestionSchema(Schema):
    """What a student may see of a question while answering: no key, no feedback."""

    id = fields.Integer(metadata={"description": "Name it in question_id when answering."})
    type = fields.String(
        metadata={
            "description": "Says how to answer: option_ids for single_choice, multiple_choice and ordering; value for the others."
        }
    )
    title = fields.String(allow_none=True, metadata={"description": "A short name, if the author gave one."})
    prompt = fields.String(metadata={"description": "The question."})
    points = fields.Float(metadata={"description": "What a full answer earns."})
    penalty = fields.Float(metadata={"description": "Points lost for a wrong (non-blank) answer."})
    scoring = fields.String(
        allow_none=True, metadata={"description": "multiple_choice and ordering; else null or absent."}
    )
    options = fields.List(
        fields.Nested(StudentOptionSchema),
        metadata={"description": "Choice and ordering questions, in this attempt's order; else empty."},
    )
    max_words = fields.Integer(
        allow_none=True, metadata={"description": "essay: the longest answer accepted, in words."}
    )


class StudentExamSchema(ExamSchema):
    """What a student may see of an exam: no keys, no bookkeeping timestamps.
    This is what the cache holds, and it dumps through `ExamSchema` unchanged."""

    class Meta:
        exclude = ("created_at", "updated_at", "published_at")

    questions = fields.List(fields.Nested(StudentQuestionSchema))


class ExtensionInSchema(Schema):
    """A grant changes only what it names: extra time, a later close, or both."""

    user_id = id_field(required=True, metadata={"description": "The student who gets it."})
    extra_seconds = duration_field(
        min_inclusive=False, metadata={"description": "Added to the time limit of this student's attempts."}
    )
    close_at = fields.AwareDateTime(
        default_timezone=UTC, metadata={"description": "This student's own close, later than the exam's."}
    )

    @validates_schema
    def _gives_something(self, data, **_kwargs):
        if "extra_seconds" not in data and "close_at" not in data:
            raise ValidationError("Give extra_seconds, close_at, or both.", "_schema")


class ExtensionSchema(Schema):
    exam_id = fields.Integer(metadata={"description": "The exam."})
    user_id = fields.Integer(metadata={"description": "The student."})
    extra_seconds = fields.Float(metadata={"description": "Added to the time limit."})
    close_at = fields.DateTime(allow_none=True, metadata={"description": "This student's own close; null: the exam's."})
    created_at = fields.DateTime(metadata={"description": "When it was granted."})
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
