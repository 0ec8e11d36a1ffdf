"""Grading methods: a student's final grade from their scored attempts."""

from datetime import datetime, timedelta
from decimal import Decimal as D

import pytest

from exam_api.rules.grades import GradedAttempt, final_grade

NOW = datetime(2026, 1, 1)


def attempt(minutes, score, percent, pass_mark=50):
    return GradedAttempt(NOW + timedelta(minutes=minutes), D(score), D(10), D(percent), D(percent) >= pass_mark)


class TestFinalGrade:
    ATTEMPTS = [attempt(2, "9", "90"), attempt(0, "4", "40"), attempt(1, "6", "60")]

    @pytest.mark.parametrize(
        "method, score, percent",
        [("highest", "9", "90"), ("average", "6.33", "63.33"), ("first", "4", "40"), ("last", "9", "90")],
    )
    def test_each_method(self, method, score, percent):
        grade = final_grade(method, self.ATTEMPTS, D("50"))
        assert (grade.attempts, grade.score, grade.percent) == (3, D(score), D(percent))

    def test_highest_compares_percent_not_points(self):
        grade = final_grade(
            "highest",
            [GradedAttempt(NOW, D(8), D(20), D(40), False), GradedAttempt(NOW, D(5), D(5), D(100), True)],
            D(50),
        )
        assert grade.score == D(5)

    def test_pass_follows_the_final_percent(self):
        assert not final_grade("first", self.ATTEMPTS, D("50")).passed
        assert final_grade("last", self.ATTEMPTS, D("50")).passed

    def test_a_chosen_attempt_keeps_the_pass_decision_of_its_version(self):
        sat_when_the_mark_was_50 = [attempt(0, "5.5", "55", pass_mark=50)]
        assert final_grade("highest", sat_when_the_mark_was_50, D("60")).passed is True

    def test_an_average_is_judged_against_the_pass_mark_now(self):
        assert final_grade("average", self.ATTEMPTS, D("64")).passed is False
        assert final_grade("average", self.ATTEMPTS, D("63")).passed is True

    def test_no_scored_attempt_means_no_grade_yet(self):
        assert final_grade("highest", [], D("50")) == final_grade("average", [], D("50"))
        assert final_grade("highest", [], D("50")).score is None
