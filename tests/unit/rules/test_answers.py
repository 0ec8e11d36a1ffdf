"""Checking a student's answers against the attempt's questions."""

from decimal import Decimal

import pytest

from exam_api.rules.answers import Answer, AnswerErrors, parse_answers
from exam_api.rules.questions import AcceptedAnswer, OptionKey, QuestionKey

QUESTIONS = [
    QuestionKey(1, "single_choice", Decimal(1), options=(OptionKey(10, True), OptionKey(11, False))),
    QuestionKey(2, "multiple_choice", Decimal(1), options=(OptionKey(20, True), OptionKey(21, False))),
    QuestionKey(3, "true_false", Decimal(1), correct_answer=True),
    QuestionKey(4, "short_text", Decimal(1), accepted_answers=(AcceptedAnswer("x", Decimal(1)),)),
    QuestionKey(5, "numeric", Decimal(1), answer=Decimal(1)),
    QuestionKey(6, "essay", Decimal(1), max_words=3),
    QuestionKey(7, "ordering", Decimal(1), options=(OptionKey(70, False), OptionKey(71, False), OptionKey(72, False))),
]


def errors_of(raw):
    with pytest.raises(AnswerErrors) as caught:
        parse_answers(QUESTIONS, raw)
    return caught.value.errors["answers"]


def test_valid_answers_are_parsed_by_question():
    parsed = parse_answers(
        QUESTIONS,
        [
            {"question_id": 2, "option_ids": [20, 21]},
            {"question_id": 3, "value": False},
            {"question_id": 4, "value": "text"},
            {"question_id": 5, "value": 2.5},
            {"question_id": 6, "value": "three short words"},
        ],
    )
    assert parsed[2] == Answer(2, (20, 21))
    assert parsed[3].value is False
    assert parsed[5].value == Decimal("2.5")


def test_no_answers_at_all_is_valid():
    assert parse_answers(QUESTIONS, []) == {}


@pytest.mark.parametrize("question_id", [3, 4, 5, 6])
def test_a_blank_value_is_valid_for_every_value_type(question_id):
    assert parse_answers(QUESTIONS, [{"question_id": question_id, "value": None}])[question_id].is_blank


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


@pytest.mark.parametrize(
    "raw, field, words",
    [
        ({"question_id": 1, "value": "Paris"}, "value", "Question 1 is single_choice"),
        ({"question_id": 3, "option_ids": [10]}, "option_ids", "Question 3 is true_false"),
        ({"question_id": 3, "value": "yes"}, "value", "true or false"),
        ({"question_id": 3, "value": 1}, "value", "true or false"),
        ({"question_id": 4, "value": 42}, "value", "must be text"),
        ({"question_id": 5, "value": "3.14"}, "value", "must be a number"),
        ({"question_id": 5, "value": True}, "value", "must be a number"),
        ({"question_id": 5, "value": float("nan")}, "value", "must be a number"),
        ({"question_id": 5, "value": 10**400}, "value", "must be a number"),
        ({"question_id": 4, "value": "x" * 1001}, "value", "at most 1000 characters"),
        ({"question_id": 6, "value": ["essay"]}, "value", "must be text"),
        ({"question_id": 6, "value": "one two three four"}, "value", "at most 3 words"),
    ],
    ids=[
        "value-for-choice",
        "options-for-true-false",
        "text-for-true-false",
        "number-for-true-false",
        "number-for-short-text",
        "text-for-numeric",
        "boolean-for-numeric",
        "nan-for-numeric",
        "huge-integer-for-numeric",
        "overlong-short-text",
        "list-for-essay",
        "essay-too-long",
    ],
)
def test_an_answer_whose_shape_does_not_fit_its_type_names_the_question(raw, field, words):
    message = errors_of([raw])["0"][field][0]
    assert words in message
    assert f"Question {raw['question_id']}" in message or f"question {raw['question_id']}" in message


def test_every_problem_is_reported_at_once():
    errors = errors_of([{"question_id": 9, "option_ids": []}, {"question_id": 1, "option_ids": [99]}])
    assert set(errors) == {"0", "1"}


def test_an_ordering_answer_keeps_the_order_given():
    assert parse_answers(QUESTIONS, [{"question_id": 7, "option_ids": [72, 70, 71]}])[7].option_ids == (72, 70, 71)


def test_an_ordering_answer_must_place_every_option():
    assert errors_of([{"question_id": 7, "option_ids": [72, 70]}]) == {
        "0": {"option_ids": ["Question 7 is ordering: list all 3 options, in your order."]}
    }


def test_an_ordering_answer_cannot_place_an_option_twice():
    assert errors_of([{"question_id": 7, "option_ids": [72, 72, 70]}]) == {
        "0": {"option_ids": ["An option is chosen twice for question 7."]}
    }


def test_an_ordering_answer_is_given_with_option_ids_not_value():
    assert errors_of([{"question_id": 7, "value": "72,70,71"}]) == {
        "0": {"value": ["Question 7 is ordering: answer with option_ids, not value."]}
    }


def test_a_blank_ordering_answer_is_accepted():
    assert parse_answers(QUESTIONS, [{"question_id": 7, "option_ids": []}])[7].is_blank
