"""Answer shapes: what a student's answer to each question type looks like,
and the check of a whole set of answers against the questions of an attempt.

The schema has already checked the JSON's shape; this checks each answer
against its question (is it part of the attempt, is it answered once, does
its shape fit the question's type) and reports every problem at once, keyed
like marshmallow's nested errors and naming the question.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from exam_api.rules.amounts import to_decimal
from exam_api.rules.questions import (
    ESSAY,
    NUMERIC,
    OPTION_TYPES,
    ORDERING,
    SHORT_TEXT,
    SINGLE_CHOICE,
    TRUE_FALSE,
    QuestionKey,
)

MAX_TEXT_LENGTH = {SHORT_TEXT: 1_000, ESSAY: 100_000}
MAX_NUMBER = 10**15


@dataclasses.dataclass(frozen=True)
class Answer:
    """One answer: `option_ids` in the order the student gave them (only an
    ordering question looks at the order), or a `value`."""

    question_id: int
    option_ids: tuple[int, ...] = ()
    value: bool | str | Decimal | None = None

    @property
    def chosen(self) -> frozenset[int]:
        return frozenset(self.option_ids)

    @property
    def is_blank(self) -> bool:
        if self.option_ids:
            return False
        if isinstance(self.value, str):
            return not self.value.strip()
        return self.value is None


def answer_from_stored(data: Mapping) -> Answer:
    """An answer as the API stored it (JSON: numbers may be floats)."""
    value = data.get("value")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = to_decimal(value)
    return Answer(int(data["question_id"]), tuple(data.get("option_ids") or ()), value)


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
    if question.type in OPTION_TYPES:
        return _options_problem(question, name, option_ids, value)
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


def _options_problem(question: QuestionKey, name: str, option_ids: Sequence[int], value) -> tuple[str, str] | None:
    if value is not None:
        return "value", f"{name}: answer with option_ids, not value."
    foreign = [o for o in option_ids if o not in question.option_ids]
    if foreign:
        return "option_ids", f"Option(s) {foreign} are not options of question {question.id}."
    if len(set(option_ids)) != len(option_ids):
        return "option_ids", f"An option is chosen twice for question {question.id}."
    if question.type == SINGLE_CHOICE and len(option_ids) > 1:
        return "option_ids", f"{name}: choose at most one option."
    if question.type == ORDERING and option_ids and len(option_ids) != len(question.options):
        return "option_ids", f"{name}: list all {len(question.options)} options, in your order."
    return None


def _is_number(value) -> bool:
    """A finite JSON number of sane size (booleans are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return abs(value) <= MAX_NUMBER if isinstance(value, int) else math.isfinite(value) and abs(value) <= MAX_NUMBER
