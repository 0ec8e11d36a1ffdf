"""Checks a student's answers against the questions of their attempt.

Pure, like scoring: the schema has already checked the JSON's shape, this
checks each answer against its question (is it part of the attempt, is it
answered once, does the answer's shape fit the question's type) and reports
every problem at once, keyed like marshmallow's nested errors and naming
the question.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from exam_api.submissions.scoring import (
    CHOICE_TYPES,
    ESSAY,
    NUMERIC,
    SHORT_TEXT,
    SINGLE_CHOICE,
    TRUE_FALSE,
    Answer,
    QuestionKey,
    answer_from_stored,
)

MAX_TEXT_LENGTH = {SHORT_TEXT: 1_000, ESSAY: 100_000}
MAX_NUMBER = 10**15


class AnswerErrors(ValueError):
    def __init__(self, errors: dict):
        super().__init__("answers do not fit the attempt's questions")
        self.errors = errors


def parse_answers(questions: Iterable[QuestionKey], raw_answers: Sequence[Mapping]) -> dict[int, Answer]:
    by_id = {q.id: q for q in questions}
    answers: dict[int, Answer] = {}
    errors: dict[str, dict[str, list[str]]] = {}

    for index, raw in enumerate(raw_answers):
        question_id = raw["question_id"]
        question = by_id.get(question_id)
        if question is None:
            errors[str(index)] = {"question_id": [f"Question {question_id} is not part of this attempt."]}
        elif question_id in answers:
            errors[str(index)] = {"question_id": [f"Question {question_id} is answered more than once."]}
        elif problem := _shape_problem(question, raw.get("option_ids") or [], raw.get("value")):
            field, message = problem
            errors[str(index)] = {field: [message]}
        else:
            answers[question_id] = answer_from_stored(raw)

    if errors:
        raise AnswerErrors({"answers": errors})
    return answers


def _shape_problem(question: QuestionKey, option_ids: Sequence[int], value) -> tuple[str, str] | None:
    """(field, message) when the answer does not fit the question's type."""
    name = f"Question {question.id} is {question.type}"
    if question.type in CHOICE_TYPES:
        if value is not None:
            return "value", f"{name}: answer with option_ids, not value."
        foreign = [o for o in option_ids if o not in question.option_ids]
        if foreign:
            return "option_ids", f"Option(s) {foreign} are not options of question {question.id}."
        if len(set(option_ids)) != len(option_ids):
            return "option_ids", f"An option is chosen twice for question {question.id}."
        if question.type == SINGLE_CHOICE and len(option_ids) > 1:
            return "option_ids", f"{name}: choose at most one option."
        return None
    if option_ids:
        return "option_ids", f"{name}: answer with value, not option_ids."
    if value is None:
        return None
    if question.type == TRUE_FALSE and not isinstance(value, bool):
        return "value", f"{name}: value must be true or false."
    if question.type == NUMERIC and not _is_number(value):
        return "value", f"{name}: value must be a number between -{MAX_NUMBER} and {MAX_NUMBER}."
    if question.type in (SHORT_TEXT, ESSAY):
        if not isinstance(value, str):
            return "value", f"{name}: value must be text."
        if len(value) > MAX_TEXT_LENGTH[question.type]:
            return "value", f"{name}: at most {MAX_TEXT_LENGTH[question.type]} characters."
        if question.type == ESSAY and question.max_words and len(value.split()) > question.max_words:
            return "value", f"{name}: at most {question.max_words} words (got {len(value.split())})."
    return None


def _is_number(value) -> bool:
    """A finite JSON number of sane size (booleans are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return abs(value) <= MAX_NUMBER if isinstance(value, int) else math.isfinite(value) and abs(value) <= MAX_NUMBER
