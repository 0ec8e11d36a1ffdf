"""Scoring rules, as pure functions: no app, database or Redis."""

import dataclasses
from decimal import Decimal as D

import pytest

from exam_api.rules.amounts import round2
from exam_api.rules.answers import Answer, answer_from_stored
from exam_api.rules.questions import AcceptedAnswer, NumericAnswer, OptionKey, QuestionKey, question_from_snapshot
from exam_api.rules.scoring import answer_feedback, normalize_text, score_exam, score_question, text_matches

SINGLE = QuestionKey(1, "single_choice", D("2"), options=(OptionKey(10, True), OptionKey(11, False)))
MULTI = QuestionKey(
    2, "multiple_choice", D("3"), options=(OptionKey(20, True), OptionKey(21, True), OptionKey(22, False))
)
PARTIAL = QuestionKey(
    3,
    "multiple_choice",
    D("4"),
    scoring="partial",
    options=(OptionKey(30, True), OptionKey(31, True), OptionKey(32, False), OptionKey(33, False)),
)
TRUE_FALSE = QuestionKey(4, "true_false", D("1"), correct_answer=False)
SHORT = QuestionKey(
    5,
    "short_text",
    D("2"),
    accepted_answers=(AcceptedAnswer("Paris", D("1")), AcceptedAnswer("Par*", D("0.5"))),
)
NUMERIC = QuestionKey(6, "numeric", D("5"), answer=D("3.14"), tolerance=D("0.01"))
ESSAY = QuestionKey(7, "essay", D("10"), max_words=100)
ORDER = QuestionKey(8, "ordering", D("4"), options=tuple(OptionKey(n, False) for n in (80, 81, 82, 83)))
ORDER_PARTIAL = dataclasses.replace(ORDER, scoring="partial")


def chose(question, *option_ids):
    return Answer(question.id, tuple(option_ids))


def said(question, value):
    return Answer(question.id, value=value)


class TestChoice:
    def test_single_choice_correct_option_earns_full_points(self):
        assert score_question(SINGLE, chose(SINGLE, 10)) == D("2")

    def test_single_choice_wrong_option_earns_nothing(self):
        assert score_question(SINGLE, chose(SINGLE, 11)) == 0

    def test_multiple_choice_exact_set_earns_full_points(self):
        assert score_question(MULTI, chose(MULTI, 20, 21)) == D("3")

    @pytest.mark.parametrize("options", [(20,), (20, 21, 22)], ids=["subset", "superset"])
    def test_all_or_nothing_multiple_choice_needs_exactly_the_correct_set(self, options):
        assert score_question(MULTI, chose(MULTI, *options)) == 0

    def test_partial_each_correct_option_earns_its_share(self):
        assert score_question(PARTIAL, chose(PARTIAL, 30)) == D("2")

    def test_partial_each_wrong_option_costs_a_share(self):
        assert score_question(PARTIAL, chose(PARTIAL, 30, 31, 32)) == D("2")

    def test_partial_never_goes_below_zero(self):
        assert score_question(PARTIAL, chose(PARTIAL, 30, 32, 33)) == 0

    def test_partial_with_every_option_chosen_earns_nothing(self):
        assert score_question(PARTIAL, chose(PARTIAL, 30, 31, 32, 33)) == 0

    def test_partial_shares_are_rounded_to_two_places(self):
        thirds = QuestionKey(
            8, "multiple_choice", D("1"), scoring="partial", options=tuple(OptionKey(n, True) for n in (1, 2, 3))
        )
        assert score_question(thirds, chose(thirds, 1)) == D("0.33")
        assert score_question(thirds, chose(thirds, 1, 2)) == D("0.67")


class TestOrdering:
    def test_the_authored_order_earns_full_points(self):
        assert score_question(ORDER, chose(ORDER, 80, 81, 82, 83)) == D("4")

    def test_all_or_nothing_earns_nothing_for_one_swap(self):
        assert score_question(ORDER, chose(ORDER, 80, 81, 83, 82)) == 0

    def test_partial_earns_a_share_per_option_in_its_place(self):
        assert score_question(ORDER_PARTIAL, chose(ORDER_PARTIAL, 80, 81, 83, 82)) == D("2")

    def test_partial_with_no_option_in_its_place_earns_nothing(self):
        assert score_question(ORDER_PARTIAL, chose(ORDER_PARTIAL, 83, 82, 81, 80)) == 0

    def test_a_wrong_order_loses_the_penalty(self):
        penalised = dataclasses.replace(ORDER, penalty=D("1"))
        assert score_question(penalised, chose(penalised, 81, 80, 82, 83)) == D("-1")

    def test_partial_shares_are_rounded_to_two_places(self):
        thirds = QuestionKey(
            9, "ordering", D("1"), scoring="partial", options=tuple(OptionKey(n, False) for n in (1, 2, 3))
        )
        assert score_question(thirds, chose(thirds, 1, 3, 2)) == D("0.33")


class TestTrueFalse:
    def test_the_right_value_earns_full_points(self):
        assert score_question(TRUE_FALSE, said(TRUE_FALSE, False)) == D("1")

    def test_the_wrong_value_earns_nothing(self):
        assert score_question(TRUE_FALSE, said(TRUE_FALSE, True)) == 0


class TestShortText:
    def test_an_exact_match_earns_its_fraction(self):
        assert score_question(SHORT, said(SHORT, "Paris")) == D("2")

    def test_the_best_matching_answer_counts(self):
        assert score_question(SHORT, said(SHORT, "Parma")) == D("1")

    def test_no_match_earns_nothing(self):
        assert score_question(SHORT, said(SHORT, "Rome")) == 0

    def test_case_is_ignored_by_default(self):
        assert score_question(SHORT, said(SHORT, "pARIS")) == D("2")

    def test_case_counts_when_case_sensitive(self):
        strict = QuestionKey(
            9, "short_text", D("1"), accepted_answers=(AcceptedAnswer("Paris", D("1")),), case_sensitive=True
        )
        assert score_question(strict, said(strict, "paris")) == 0
        assert score_question(strict, said(strict, "Paris")) == D("1")

    def test_spaces_are_trimmed_and_runs_collapsed(self):
        spaced = QuestionKey(9, "short_text", D("1"), accepted_answers=(AcceptedAnswer("New  York", D("1")),))
        assert score_question(spaced, said(spaced, "  new   york ")) == D("1")

    @pytest.mark.parametrize(
        "pattern, text, matches",
        [
            ("Par*", "Par", True),
            ("Par*", "Paris", True),
            ("*is", "Paris", True),
            ("P*s", "Paris", True),
            ("P*s", "Parisian", False),
            ("a.b", "axb", False),
            ("(x)", "(x)", True),
            ("*", "", True),
            ("ab*ba", "aba", False),
            ("ab*ba", "abba", True),
            ("a*b*c", "acb", False),
            ("*a*a*b*", "a" * 5000, False),
        ],
    )
    def test_star_is_a_wildcard_and_nothing_else_is_special(self, pattern, text, matches):
        assert text_matches(pattern, text, case_sensitive=False) is matches

    def test_a_zero_fraction_match_is_wrong(self):
        zero = QuestionKey(
            9, "short_text", D("1"), penalty=D("0.5"), accepted_answers=(AcceptedAnswer("maybe", D("0")),)
        )
        assert score_question(zero, said(zero, "maybe")) == D("-0.5")

    def test_normalize_text(self):
        assert normalize_text("  A\t B  ", case_sensitive=False) == "a b"


class TestNumeric:
    @pytest.mark.parametrize("value", ["3.13", "3.14", "3.15"])
    def test_within_tolerance_earns_full_points_bounds_included(self, value):
        assert score_question(NUMERIC, said(NUMERIC, D(value))) == D("5")

    @pytest.mark.parametrize("value", ["3.12", "3.16"])
    def test_outside_tolerance_earns_nothing(self, value):
        assert score_question(NUMERIC, said(NUMERIC, D(value))) == 0

    def test_zero_tolerance_needs_the_exact_answer(self):
        exact = QuestionKey(9, "numeric", D("1"), answer=D("42"))
        assert score_question(exact, said(exact, D("42.0"))) == D("1")
        assert score_question(exact, said(exact, D("42.001"))) == 0

    def test_floats_from_json_compare_exactly(self):
        assert score_question(NUMERIC, answer_from_stored({"question_id": 6, "value": 3.15})) == D("5")


class TestBlanksAndPenalties:
    def test_a_missing_answer_earns_nothing(self):
        assert score_question(MULTI, None) == 0

    @pytest.mark.parametrize(
        "answer",
        [Answer(1), Answer(1, value=""), Answer(1, value="   "), Answer(1, value=None)],
        ids=["no-options", "empty-text", "spaces", "null"],
    )
    def test_a_blank_answer_is_never_penalised(self, answer):
        penalised = QuestionKey(1, "single_choice", D("2"), penalty=D("1"), options=SINGLE.options)
        assert score_question(penalised, answer) == 0

    def test_a_wrong_answer_loses_the_penalty(self):
        penalised = QuestionKey(1, "single_choice", D("2"), penalty=D("0.75"), options=SINGLE.options)
        assert score_question(penalised, chose(penalised, 11)) == D("-0.75")

    def test_a_partly_right_answer_is_not_penalised(self):
        penalised = QuestionKey(
            3, "multiple_choice", D("4"), penalty=D("1"), scoring="partial", options=PARTIAL.options
        )
        assert score_question(penalised, chose(penalised, 30)) == D("2")

    def test_the_exam_total_is_never_below_zero(self):
        penalised = QuestionKey(1, "single_choice", D("2"), penalty=D("2"), options=SINGLE.options)
        sheet = score_exam([penalised, MULTI], {1: chose(penalised, 11)}, D("0"))
        assert [q.points_awarded for q in sheet.questions] == [D("-2"), D("0")]
        assert (sheet.score, sheet.percent) == (0, 0)

    def test_penalties_reduce_a_positive_total(self):
        penalised = QuestionKey(1, "single_choice", D("2"), penalty=D("0.5"), options=SINGLE.options)
        sheet = score_exam([penalised, MULTI], {1: chose(penalised, 11), 2: chose(MULTI, 20, 21)}, D("0"))
        assert sheet.score == D("2.5")


class TestEssays:
    def test_an_ungraded_essay_has_no_points_yet(self):
        assert score_question(ESSAY, said(ESSAY, "words")) is None

    def test_an_exam_with_an_ungraded_essay_has_no_total_yet(self):
        sheet = score_exam([SINGLE, ESSAY], {1: chose(SINGLE, 10), 7: said(ESSAY, "words")}, D("50"))
        assert sheet.needs_grading
        assert (sheet.score, sheet.percent, sheet.passed) == (None, None, None)
        assert sheet.max_score == D("12")
        assert [q.points_awarded for q in sheet.questions] == [D("2"), None]

    def test_a_graded_essay_counts(self):
        sheet = score_exam([SINGLE, ESSAY], {1: chose(SINGLE, 10)}, D("50"), manual_points={7: D("7.5")})
        assert (sheet.score, sheet.percent, sheet.passed) == (D("9.5"), D("79.17"), True)

    def test_a_left_out_essay_is_not_answered_and_scores_zero_at_once(self):
        assert score_question(ESSAY, None) == 0

    def test_an_essay_of_only_whitespace_is_not_answered(self):
        assert score_question(ESSAY, said(ESSAY, "  \n\t ")) == 0

    def test_an_exam_whose_essay_was_left_blank_has_its_total_at_once(self):
        sheet = score_exam([SINGLE, ESSAY], {1: chose(SINGLE, 10), 7: said(ESSAY, "")}, D("50"))
        assert not sheet.needs_grading
        assert (sheet.score, sheet.max_score, sheet.passed) == (D("2"), D("12"), False)

    def test_a_grade_given_to_a_blank_essay_counts(self):
        assert score_question(ESSAY, None, manual_points=D("1")) == 1


class TestExamTotals:
    def test_exam_score_sums_questions_and_a_left_out_question_scores_zero(self):
        sheet = score_exam([SINGLE, MULTI], {1: chose(SINGLE, 10)}, D("50"))
        assert (sheet.score, sheet.max_score, sheet.percent) == (D("2"), D("5"), D("40.00"))

    def test_percent_at_the_pass_mark_passes(self):
        assert score_exam([SINGLE, MULTI], {2: chose(MULTI, 20, 21)}, D("60")).passed

    def test_percent_below_the_pass_mark_fails(self):
        assert not score_exam([SINGLE, MULTI], {2: chose(MULTI, 20, 21)}, D("60.01")).passed

    def test_percent_is_rounded_to_two_places(self):
        thirds = [QuestionKey(n, "single_choice", D(1), options=(OptionKey(n * 10, True),)) for n in (1, 2, 3)]
        sheet = score_exam(thirds, {1: Answer(1, (10,)), 2: Answer(2, (20,))}, D(0))
        assert sheet.percent == D("66.67")

    def test_an_exam_without_points_scores_zero_percent(self):
        assert score_exam([], {}, D(0)).percent == 0

    def test_round2_rounds_half_up(self):
        assert round2(D("0.125")) == D("0.13")
        assert round2(D("-0.125")) == D("-0.13")


class TestSnapshots:
    def test_a_choice_question_reads_from_the_stored_form(self):
        stored = {
            "id": 5,
            "type": "single_choice",
            "points": "1.50",
            "options": [{"id": 7, "text": "x", "correct": True}],
        }
        assert question_from_snapshot(stored) == QuestionKey(
            5, "single_choice", D("1.50"), options=(OptionKey(7, True),)
        )

    def test_every_type_field_reads_from_the_stored_form(self):
        stored = {
            "id": 9,
            "type": "numeric",
            "points": "2.00",
            "penalty": "0.50",
            "answer": "9.81",
            "tolerance": "0.05",
        }
        question = question_from_snapshot(stored)
        assert (question.answer, question.tolerance, question.penalty) == (D("9.81"), D("0.05"), D("0.50"))

    def test_stored_answers_keep_booleans_and_text(self):
        assert answer_from_stored({"question_id": 1, "value": True}).value is True
        assert answer_from_stored({"question_id": 1, "value": "x"}).value == "x"
        assert answer_from_stored({"question_id": 1, "option_ids": [3]}).option_ids == (3,)


class TestWeights:
    """GIFT's answer weights, as Moodle scores them."""

    SINGLE = QuestionKey(
        11,
        "single_choice",
        D("2"),
        options=(OptionKey(1, True), OptionKey(2, False, D("50")), OptionKey(3, False, D("-50"))),
    )
    WEIGHTED = QuestionKey(
        12,
        "multiple_choice",
        D("4"),
        scoring="weighted",
        options=(OptionKey(1, True, D("50")), OptionKey(2, True, D("50")), OptionKey(3, False, D("-100"))),
    )
    NUMERIC = QuestionKey(
        13,
        "numeric",
        D("2"),
        answer=D("3"),
        tolerance=D("0"),
        partial_answers=(NumericAnswer(D("3"), D("1"), D("0.5")),),
    )

    def test_a_weighted_wrong_single_choice_option_earns_its_share(self):
        assert score_question(self.SINGLE, chose(self.SINGLE, 2)) == D("1.00")

    def test_a_negative_weight_on_a_single_choice_counts_as_wrong(self):
        assert score_question(self.SINGLE, chose(self.SINGLE, 3)) == 0

    def test_weighted_multiple_choice_adds_the_chosen_weights(self):
        assert score_question(self.WEIGHTED, chose(self.WEIGHTED, 1)) == D("2.00")
        assert score_question(self.WEIGHTED, chose(self.WEIGHTED, 1, 2)) == D("4.00")

    def test_weighted_multiple_choice_never_goes_below_zero_by_itself(self):
        assert score_question(self.WEIGHTED, chose(self.WEIGHTED, 1, 3)) == 0

    def test_a_numeric_partial_answer_earns_its_fraction(self):
        assert score_question(self.NUMERIC, said(self.NUMERIC, D("3.8"))) == D("1.00")
        assert score_question(self.NUMERIC, said(self.NUMERIC, D("3"))) == D("2.00")
        assert score_question(self.NUMERIC, said(self.NUMERIC, D("5"))) == 0


class TestAnswerFeedback:
    """The feedback written for the answer given, read from a snapshot question."""

    TRUE_FALSE = {
        "type": "true_false",
        "correct_answer": True,
        "feedback_wrong": "It is one.",
        "feedback_right": "Right.",
    }
    SHORT = {
        "type": "short_text",
        "accepted_answers": [
            {"text": "Pacific", "fraction": "1", "feedback": "Yes."},
            {"text": "Atl*", "fraction": "0.5", "feedback": "Close."},
        ],
    }
    NUMBER = {
        "type": "numeric",
        "answer": "300",
        "tolerance": "5",
        "answer_feedback": "Exact.",
        "partial_answers": [{"answer": "300", "tolerance": "30", "fraction": "0.5", "feedback": "Near."}],
    }

    @pytest.mark.parametrize("value, expected", [(True, "Right."), (False, "It is one.")])
    def test_true_false_feedback_follows_right_or_wrong(self, value, expected):
        assert answer_feedback(self.TRUE_FALSE, Answer(1, value=value)) == expected

    def test_short_text_feedback_is_the_matched_answers(self):
        assert answer_feedback(self.SHORT, Answer(1, value="atlantic")) == "Close."
        assert answer_feedback(self.SHORT, Answer(1, value="Indian")) is None

    def test_numeric_feedback_is_the_nearest_accepted_numbers(self):
        assert answer_feedback(self.NUMBER, Answer(1, value=D("302"))) == "Exact."
        assert answer_feedback(self.NUMBER, Answer(1, value=D("320"))) == "Near."

    def test_a_blank_answer_gets_no_answer_feedback(self):
        assert answer_feedback(self.TRUE_FALSE, None) is None
