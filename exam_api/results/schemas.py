from marshmallow import Schema, fields, validate

from exam_api.results.exports import FORMATS, KINDS
from exam_api.rules.statistics import ATTEMPT_CHOICES


class ReviewQuestionSchema(Schema):
    question_id = fields.Integer(metadata={"description": "The question."})
    type = fields.String(metadata={"description": "The question's type."})
    prompt = fields.String(metadata={"description": "The question."})
    points = fields.Float(metadata={"description": "What a full answer earns."})
    answer = fields.Dict(
        allow_none=True, metadata={"description": "What the student answered (option_ids or value); null if blank."}
    )
    points_awarded = fields.Float(
        allow_none=True,
        metadata={"description": "When the answers policy allows: per-question points would reveal the key."},
    )
    correct_answer = fields.Raw(
        allow_none=True,
        metadata={
            "description": "Option ids (for ordering: in the right order), true/false, accepted texts or {answer, tolerance}; when allowed."
        },
    )
    feedback = fields.Dict(
        metadata={
            "description": "The question's, the one written for the answer given (true/false, short text, numeric), the chosen options' and the grader's; when allowed."
        }
    )


class ReviewSchema(Schema):
    submission_id = fields.Integer(metadata={"description": "The submission reviewed."})
    status = fields.String(metadata={"description": "The submission's status."})
    score = fields.Float(allow_none=True, metadata={"description": "Absent while the review policy hides the score."})
    max_score = fields.Float(
        allow_none=True, metadata={"description": "Points available; absent while the review policy hides the score."}
    )
    percent = fields.Float(allow_none=True, metadata={"description": "Absent while the review policy hides the score."})
    questions = fields.List(
        fields.Nested(ReviewQuestionSchema), metadata={"description": "Each question asked, in the attempt's order."}
    )


class ResultSchema(Schema):
    exam_id = fields.Integer(metadata={"description": "The exam."})
    user_id = fields.Integer(metadata={"description": "The student."})
    attempts = fields.Integer(metadata={"description": "Scored submissions."})
    final_score = fields.Float(
        allow_none=True, metadata={"description": "By the grading method over the scored submissions; null before any."}
    )
    final_percent = fields.Float(
        allow_none=True, metadata={"description": "By the grading method; null before any scored submission."}
    )
    passed = fields.Boolean(
        allow_none=True,
        metadata={"description": "final_percent reached the pass mark; null before any scored submission."},
    )
    grading_method = fields.String(metadata={"description": "highest, average, first or last."})


class StatisticsQuerySchema(Schema):
    attempts = fields.String(
        validate=validate.OneOf(ATTEMPT_CHOICES),
        metadata={"description": "Which attempts count; by default as the grading method counts them (average: all)."},
    )


class OptionCountSchema(Schema):
    option_id = fields.Integer(metadata={"description": "The option."})
    chosen = fields.Integer(metadata={"description": "Counted attempts that chose this option."})


class QuestionStatisticsSchema(Schema):
    question_id = fields.Integer(metadata={"description": "The question."})
    type = fields.String(metadata={"description": "The question's type."})
    attempts = fields.Integer(metadata={"description": "Counted attempts that asked this question."})
    facility = fields.Float(allow_none=True, metadata={"description": "100 mean(x) / m."})
    sd_percent = fields.Float(allow_none=True, metadata={"description": "100 sd(x) / m."})
    random_guess = fields.Float(
        allow_none=True, metadata={"description": "Percent a guess earns; single choice and true/false only."}
    )
    intended_weight = fields.Float(allow_none=True, metadata={"description": "100 m / sum of m."})
    effective_weight = fields.Float(
        allow_none=True, metadata={"description": "100 sqrt(cov(x, T)) / sum over questions."}
    )
    discrimination_index = fields.Float(allow_none=True, metadata={"description": "100 corr(x, T - x)."})
    discriminative_efficiency = fields.Float(
        allow_none=True, metadata={"description": "100 cov(x, y) / cov(sorted x, sorted y)."}
    )
    dubious = fields.Boolean(metadata={"description": "Discriminative efficiency below 15."})
    options = fields.List(
        fields.Nested(OptionCountSchema),
        allow_none=True,
        metadata={"description": "Choice questions: how often each option was chosen; else null."},
    )


class StatisticsSchema(Schema):
    exam_id = fields.Integer(metadata={"description": "The exam."})
    attempts = fields.String(metadata={"description": "Which attempts count: first, highest, last or all."})
    attempts_counted = fields.Integer(metadata={"description": "Scored submissions counted."})
    mean_percent = fields.Float(allow_none=True, metadata={"description": "Mean score, percent."})
    median_percent = fields.Float(allow_none=True, metadata={"description": "Median score, percent."})
    sd_percent = fields.Float(
        allow_none=True, metadata={"description": "Sample standard deviation of the scores, percent."}
    )
    skewness = fields.Float(allow_none=True, metadata={"description": "Needs 3 or more attempts."})
    kurtosis = fields.Float(allow_none=True, metadata={"description": "Excess kurtosis; needs 4 or more attempts."})
    cic = fields.Float(
        allow_none=True, metadata={"description": "Coefficient of internal consistency: Cronbach's alpha x 100."}
    )
    error_ratio = fields.Float(allow_none=True, metadata={"description": "100 sqrt(1 - cic / 100)."})
    standard_error_percent = fields.Float(allow_none=True, metadata={"description": "error_ratio x sd_percent / 100."})
    questions = fields.List(
        fields.Nested(QuestionStatisticsSchema), metadata={"description": "One entry per question, in exam order."}
    )


class ExportInSchema(Schema):
    kind = fields.String(
        required=True,
        validate=validate.OneOf(KINDS),
        metadata={
            "description": "grades: a row per scored submission with points per question; responses: each answer and the right one; final: a row per student by the grading method."
        },
    )
    format = fields.String(
        load_default="csv",
        validate=validate.OneOf(FORMATS),
        metadata={"description": "csv (UTF-8 with BOM) or json (JSON lines)."},
    )
