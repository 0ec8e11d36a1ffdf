"""Checking a student's answers against the attempt's questions."""

from decimal import Decimal

import pytest

from exam_api.submissions.answers import AnswerErrors, parse_answers
from exam_api.submissions.scoring import Answer, OptionKey, QuestionKey

QUESTIONS = [
    QuestionKey(1, "single_choice", Decimal(1), (OptionKey(10, True), OptionKey(11, False))),
    QuestionKey(2, "multiple_choice", Decimal(1), (OptionKey(20, True), OptionKey(21, False))),
]


def errors_of(raw):
    with pytest.raises(AnswerErrors) as caught:
        parse_answers(QUESTIONS, raw)
    return caught.value.errors["answers"]


def test_valid_answers_are_parsed_by_question():
    parsed = parse_answers(QUESTIONS, [{"question_id": 2, "option_ids": [20, 21]}])
    assert parsed == {2: Answer(2, frozenset({20, 21}))}


def test_no_answers_at_all_is_valid():
    assert parse_answers(QUESTIONS, []) == {}


def test_an_unknown_question_is_named():
    assert errors_of([{"question_id": 9, "option_ids": []}]) == {
        "0": {"question_id": ["Question 9 is not part of this attempt."]}
    }


def test_a_question_answered_twice_is_named_at_the_second_answer():
    errors = errors_of([{"question_id": 1, "option_ids": []}, {"question_id": 1, "option_ids": [10]}])
    assert list(errors) == ["1"]
    assert "more than once" in errors["1"]["question_id"][0]


def test_an_option_of_another_question_is_refused():
    assert "not options of question 1" in errors_of([{"question_id": 1, "option_ids": [20]}])["0"]["option_ids"][0]


def test_an_option_chosen_twice_is_refused():
    assert "twice" in errors_of([{"question_id": 2, "option_ids": [20, 20]}])["0"]["option_ids"][0]


def test_single_choice_takes_at_most_one_option():
    assert "at most one" in errors_of([{"question_id": 1, "option_ids": [10, 11]}])["0"]["option_ids"][0]


def test_every_problem_is_reported_at_once():
    errors = errors_of([{"question_id": 9, "option_ids": []}, {"question_id": 1, "option_ids": [99]}])
    assert set(errors) == {"0", "1"}
