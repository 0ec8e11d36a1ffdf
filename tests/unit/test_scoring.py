"""Scoring rules, as pure functions: no app, database or Redis."""

from decimal import Decimal

import pytest

from exam_api.submissions.scoring import (
    Answer,
    OptionKey,
    QuestionKey,
    question_from_snapshot,
    round2,
    score_exam,
    score_question,
)

SINGLE = QuestionKey(1, "single_choice", Decimal("2"), (OptionKey(10, True), OptionKey(11, False)))
MULTI = QuestionKey(
    2, "multiple_choice", Decimal("3"), (OptionKey(20, True), OptionKey(21, True), OptionKey(22, False))
)


def answer(question, *option_ids):
    return Answer(question.id, frozenset(option_ids))


def test_single_choice_correct_option_earns_full_points():
    assert score_question(SINGLE, answer(SINGLE, 10)) == Decimal("2")


def test_single_choice_wrong_option_earns_nothing():
    assert score_question(SINGLE, answer(SINGLE, 11)) == 0


def test_multiple_choice_exact_set_earns_full_points():
    assert score_question(MULTI, answer(MULTI, 20, 21)) == Decimal("3")


def test_multiple_choice_subset_earns_nothing():
    assert score_question(MULTI, answer(MULTI, 20)) == 0


def test_multiple_choice_superset_earns_nothing():
    assert score_question(MULTI, answer(MULTI, 20, 21, 22)) == 0


def test_a_blank_answer_earns_nothing():
    assert score_question(SINGLE, answer(SINGLE)) == 0


def test_a_missing_answer_earns_nothing():
    assert score_question(MULTI, None) == 0


def test_an_unknown_question_type_is_an_error():
    with pytest.raises(ValueError, match="riddle"):
        score_question(QuestionKey(3, "riddle", Decimal(1)), Answer(3, frozenset({1})))


def test_exam_score_sums_questions_and_a_left_out_question_scores_zero():
    sheet = score_exam([SINGLE, MULTI], {1: answer(SINGLE, 10)}, Decimal("50"))
    assert (sheet.score, sheet.max_score, sheet.percent) == (Decimal("2"), Decimal("5"), Decimal("40.00"))
    assert [q.points_awarded for q in sheet.questions] == [Decimal("2"), Decimal("0")]


def test_percent_at_the_pass_mark_passes():
    assert score_exam([SINGLE, MULTI], {2: answer(MULTI, 20, 21)}, Decimal("60")).passed


def test_percent_below_the_pass_mark_fails():
    assert not score_exam([SINGLE, MULTI], {2: answer(MULTI, 20, 21)}, Decimal("60.01")).passed


def test_percent_is_rounded_to_two_places():
    thirds = [QuestionKey(n, "single_choice", Decimal(1), (OptionKey(n * 10, True),)) for n in (1, 2, 3)]
    sheet = score_exam(thirds, {1: Answer(1, frozenset({10})), 2: Answer(2, frozenset({20}))}, Decimal(0))
    assert sheet.percent == Decimal("66.67")


def test_an_exam_without_points_scores_zero_percent():
    assert score_exam([], {}, Decimal(0)).percent == 0


def test_round2_rounds_half_up():
    assert round2(Decimal("0.125")) == Decimal("0.13")


def test_question_from_snapshot_reads_the_stored_form():
    stored = {"id": 5, "type": "single_choice", "points": "1.50", "options": [{"id": 7, "text": "x", "correct": True}]}
    assert question_from_snapshot(stored) == QuestionKey(5, "single_choice", Decimal("1.50"), (OptionKey(7, True),))
