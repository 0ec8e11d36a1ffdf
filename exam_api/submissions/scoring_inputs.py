"""What scoring a submission takes, loaded from the database into the rules'
terms: the worker's scoring and a grader's marking read it the same way."""

from __future__ import annotations

from exam_api.exams import version_keys
from exam_api.rules import layout
from exam_api.rules.answers import Answer, answer_from_stored
from exam_api.rules.questions import QuestionKey
from exam_api.submissions.models import Submission


def scoring_inputs(submission: Submission) -> tuple[list[QuestionKey], dict[int, Answer], str]:
    """The questions its attempt asked (in the exam version it was sat on,
    keys as authored), its answers, and that version's pass mark."""
    keys = version_keys.of(submission)
    answers = {answer.question_id: answer for answer in map(answer_from_stored, submission.answers)}
    return layout.asked_keys(keys.questions, submission.attempt.layout), answers, keys.pass_percent
