"""Checks a student's answers against the questions of their attempt.

Pure, like scoring: the schema has already checked the JSON's shape, this
checks it against the exam (question ids, option ids, one answer each) and
reports every problem at once, keyed like marshmallow's nested errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from exam_api.submissions.scoring import SINGLE_CHOICE, Answer, QuestionKey


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
            continue
        if question_id in answers:
            errors[str(index)] = {"question_id": [f"Question {question_id} is answered more than once."]}
            continue
        problem = _option_problem(question, raw.get("option_ids") or [])
        if problem:
            errors[str(index)] = {"option_ids": [problem]}
            continue
        answers[question_id] = Answer(question_id, frozenset(raw.get("option_ids") or []))

    if errors:
        raise AnswerErrors({"answers": errors})
    return answers


def _option_problem(question: QuestionKey, option_ids: Sequence[int]) -> str | None:
    foreign = [o for o in option_ids if o not in question.option_ids]
    if foreign:
        return f"Option(s) {foreign} are not options of question {question.id}."
    if len(set(option_ids)) != len(option_ids):
        return f"An option is chosen twice for question {question.id}."
    if question.type == SINGLE_CHOICE and len(option_ids) > 1:
        return f"Question {question.id} is single choice: choose at most one option."
    return None
