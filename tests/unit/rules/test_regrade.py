"""Re-marking a scored submission against the exam's current key."""

import dataclasses
from decimal import Decimal as D

from exam_api.rules.answers import Answer
from exam_api.rules.questions import OptionKey, QuestionKey
from exam_api.rules.regrade import OPTIONS_REPLACED, REMOVED, TYPE_CHANGED, remark

CHOICE = QuestionKey(1, "single_choice", D(2), options=(OptionKey(10, True), OptionKey(11, False)))
TRUE_FALSE = QuestionKey(2, "true_false", D(1), correct_answer=True)
ESSAY = QuestionKey(3, "essay", D(5))
SAT = {q.id: q for q in (CHOICE, TRUE_FALSE, ESSAY)}
ANSWERS = {1: Answer(1, (11,)), 2: Answer(2, value=True), 3: Answer(3, value="Because.")}
STORED = [
    {"question_id": 1, "points_awarded": "0.00", "max_points": "2.00"},
    {"question_id": 2, "points_awarded": "1.00", "max_points": "1.00"},
    {"question_id": 3, "points_awarded": "4.00", "max_points": "5.00", "graded_by": 9},
]
KEY_FIXED = {**SAT, 1: dataclasses.replace(CHOICE, options=(OptionKey(10, False), OptionKey(11, True)))}


def test_an_unchanged_key_changes_nothing():
    result = remark(STORED, SAT, SAT, ANSWERS)
    assert (result.changes, result.skipped, result.score) == ((), (), D("5.00"))


def test_a_corrected_key_gives_the_points_the_answer_now_earns():
    result = remark(STORED, SAT, KEY_FIXED, ANSWERS)
    assert [(c.question_id, c.old_points, c.new_points) for c in result.changes] == [(1, D("0.00"), D("2.00"))]
    assert (result.score, result.max_score, result.percent()) == (D("7.00"), D("8.00"), D("87.50"))


def test_new_points_for_a_question_change_the_maximum_too():
    result = remark(STORED, SAT, {**SAT, 2: dataclasses.replace(TRUE_FALSE, points=D(3))}, ANSWERS)
    assert [(c.old_points, c.new_points) for c in result.changes] == [(D("1.00"), D("3.00"))]
    assert result.max_score == D("10.00")


def test_points_given_by_hand_are_kept():
    result = remark(STORED, SAT, {**KEY_FIXED, 3: dataclasses.replace(ESSAY, points=D(10))}, ANSWERS)
    assert result.points[3] == D("4.00") and result.max_points[3] == D("5.00")


def test_a_question_whose_type_changed_is_skipped_with_its_old_points():
    current = {**SAT, 2: QuestionKey(2, "numeric", D(1), answer=D(1))}
    result = remark(STORED, SAT, current, ANSWERS)
    assert result.skipped == ((2, TYPE_CHANGED),)
    assert result.points[2] == D("1.00")


def test_a_question_whose_chosen_option_is_gone_is_skipped():
    current = {**SAT, 1: dataclasses.replace(CHOICE, options=(OptionKey(12, True), OptionKey(13, False)))}
    assert remark(STORED, SAT, current, ANSWERS).skipped == ((1, OPTIONS_REPLACED),)


def test_a_question_removed_from_the_exam_is_skipped():
    current = {k: v for k, v in SAT.items() if k != 2}
    assert remark(STORED, SAT, current, ANSWERS).skipped == ((2, REMOVED),)


def test_only_the_named_questions_are_re_marked():
    assert remark(STORED, SAT, KEY_FIXED, ANSWERS, only={2}).changes == ()


def test_re_marking_twice_changes_nothing_the_second_time():
    first = remark(STORED, SAT, KEY_FIXED, ANSWERS)
    stored_again = [
        {
            **s,
            "points_awarded": str(first.points[s["question_id"]]),
            "max_points": str(first.max_points[s["question_id"]]),
        }
        for s in STORED
    ]
    assert remark(stored_again, SAT, KEY_FIXED, ANSWERS).changes == ()
