"""Item analysis pinned against worked examples (Moodle's definitions,
sample variances); the arithmetic is in each docstring."""

from decimal import Decimal as D

import pytest

from exam_api.rules.questions import OptionKey, QuestionKey
from exam_api.rules.statistics import Sitting, analyse, counted, default_attempts, random_guess

CHOICE = QuestionKey(1, "single_choice", D(1), options=tuple(OptionKey(10 + n, n == 0) for n in range(4)))
TRUE_FALSE = QuestionKey(2, "true_false", D(1), correct_answer=True)
NUMERIC = QuestionKey(3, "numeric", D(2), answer=D(1))


@pytest.fixture
def two_by_four():
    """Four students, two 1-point questions: (1,1) (1,0) (0,1) (0,0)."""
    marks = [(1, 1), (1, 0), (0, 1), (0, 0)]
    return analyse(
        [CHOICE, TRUE_FALSE], [Sitting(n, 1, 50.0 * (a + b), {1: a, 2: b}) for n, (a, b) in enumerate(marks)]
    )


@pytest.fixture
def three_by_five():
    """Five students; x1 = 1 1 1 0 0, x2 = 1 1 0 1 0, x3 (of 2) = 2 0 2 0 0; T = 4 2 3 1 0."""
    x1, x2, x3 = [1, 1, 1, 0, 0], [1, 1, 0, 1, 0], [2, 0, 2, 0, 0]
    sittings = [Sitting(n, 1, 25.0 * (a + b + c), {1: a, 2: b, 3: c}) for n, (a, b, c) in enumerate(zip(x1, x2, x3))]
    return analyse([CHOICE, TRUE_FALSE, NUMERIC], sittings)


class TestExam:
    def test_mean_median_and_sample_sd_of_the_percents(self, two_by_four):
        """Percents 100 50 50 0: mean 50, median 50; squares of deviations
        2500 + 0 + 0 + 2500 = 5000, / (4 - 1) = 1666.67, sqrt = 40.82."""
        assert (two_by_four["mean_percent"], two_by_four["median_percent"], two_by_four["sd_percent"]) == (
            50,
            50,
            40.82,
        )

    def test_skewness_of_a_symmetric_spread_is_zero(self, two_by_four):
        """m3 = (125000 - 125000) / 4 = 0."""
        assert two_by_four["skewness"] == 0

    def test_kurtosis_is_excess_kurtosis_with_small_sample_correction(self, two_by_four):
        """m2 = 5000/4 = 1250, m4 = 2 x 50^4 / 4 = 3125000; k2 = 4 x 1250 / 3 = 1666.67;
        k4 = 16 (5 x 3125000 - 3 x 3 x 1250^2) / (3 x 2 x 1) = 4166666.67; k4 / k2^2 = 1.5."""
        assert two_by_four["kurtosis"] == 1.5

    def test_cic_is_cronbachs_alpha_in_percent(self, three_by_five):
        """var x1 = 1.2/4 = 0.3, var x2 = 0.3, var x3 = 4.8/4 = 1.2 (sum 1.8);
        var T = (4 + 0 + 1 + 1 + 4)/4 = 2.5; cic = 100 x 3/2 x (1 - 1.8/2.5) = 42."""
        assert three_by_five["cic"] == 42

    def test_error_ratio_and_standard_error_follow_from_cic(self, three_by_five):
        """error ratio = 100 sqrt(1 - 0.42) = 76.16; percents 100 50 75 25 0,
        sd = sqrt(6250/4) = 39.53; standard error = 76.16 x 39.53 / 100 = 30.10."""
        assert (three_by_five["error_ratio"], three_by_five["sd_percent"]) == (76.16, 39.53)
        assert three_by_five["standard_error_percent"] == 30.1

    def test_too_few_attempts_leave_the_spread_undefined(self):
        report = analyse([CHOICE, TRUE_FALSE], [Sitting(1, 1, 50.0, {1: 1, 2: 0})])
        assert report["attempts_counted"] == 1
        assert [report[k] for k in ("sd_percent", "skewness", "kurtosis", "cic")] == [None] * 4
        assert report["questions"][0]["discrimination_index"] is None

    def test_no_attempts_give_no_figures(self):
        report = analyse([CHOICE], [])
        assert (report["attempts_counted"], report["mean_percent"], report["questions"][0]["facility"]) == (
            0,
            None,
            None,
        )


class TestQuestions:
    def test_facility_and_sd_are_percents_of_the_questions_points(self, three_by_five):
        """x3 (of 2) = 2 0 2 0 0: mean 0.8 -> facility 40; sd sqrt(1.2) = 1.095 -> 54.77 % of 2."""
        numeric = three_by_five["questions"][2]
        assert (numeric["facility"], numeric["sd_percent"]) == (40, 54.77)

    def test_discrimination_is_the_correlation_with_the_rest_of_the_exam(self, three_by_five):
        """x1 = 1 1 1 0 0, y = T - x1 = 3 1 2 1 0; cov = 1.8/4 = 0.45, var x = 0.3,
        var y = 5.2/4 = 1.3; 100 x 0.45 / sqrt(0.39) = 72.06."""
        assert three_by_five["questions"][0]["discrimination_index"] == 72.06

    def test_discriminative_efficiency_compares_with_the_best_possible_pairing(self, three_by_five):
        """sorted x1 = 0 0 1 1 1 with sorted y = 0 1 1 2 3 gives cov 0.45 too: 100 %."""
        assert three_by_five["questions"][0]["discriminative_efficiency"] == 100

    def test_a_question_that_does_not_discriminate_is_dubious(self, two_by_four, three_by_five):
        """x2 = 1 1 0 1 0 against y = T - x2 = 3 1 3 0 0: products of deviations
        0.64 - 0.16 - 0.96 - 0.56 + 0.84 = -0.2, cov = -0.05: efficiency -7.14, below 15."""
        assert three_by_five["questions"][1]["discriminative_efficiency"] == -7.14
        assert three_by_five["questions"][1]["dubious"] and not three_by_five["questions"][0]["dubious"]
        assert two_by_four["questions"][0]["discriminative_efficiency"] == 0

    def test_intended_and_effective_weights(self, two_by_four, three_by_five):
        """Intended: 100 m / sum m = 1/4, 1/4, 2/4. Effective: 100 sqrt(cov(x, T)) / the sum
        of those roots; with two mirror-image questions each is 50."""
        assert [q["intended_weight"] for q in three_by_five["questions"]] == [25, 25, 50]
        assert [q["effective_weight"] for q in two_by_four["questions"]] == [50, 50]

    def test_choice_questions_count_each_option_chosen(self):
        sittings = [Sitting(n, 1, 0.0, {1: 0}, {1: frozenset({chosen})}) for n, chosen in enumerate([10, 11, 11])]
        options = analyse([CHOICE], sittings)["questions"][0]["options"]
        assert options == [
            {"option_id": 10, "chosen": 1},
            {"option_id": 11, "chosen": 2},
            {"option_id": 12, "chosen": 0},
            {"option_id": 13, "chosen": 0},
        ]

    def test_a_question_counts_only_in_the_attempts_that_asked_it(self):
        sittings = [Sitting(1, 1, 100.0, {1: 1}), Sitting(2, 1, 0.0, {2: 0})]
        assert [q["attempts"] for q in analyse([CHOICE, TRUE_FALSE], sittings)["questions"]] == [1, 1]


class TestRandomGuess:
    def test_single_choice_guesses_the_mean_option_credit(self):
        assert random_guess(CHOICE) == 25

    def test_true_false_guesses_half(self):
        assert random_guess(TRUE_FALSE) == 50

    def test_other_types_have_no_guess_score(self):
        assert random_guess(NUMERIC) is None


class TestCountedAttempts:
    SITTINGS = [
        Sitting(1, 1, 40.0, {}),
        Sitting(1, 2, 90.0, {}),
        Sitting(1, 3, 60.0, {}),
        Sitting(2, 1, 70.0, {}),
        Sitting(2, 2, 70.0, {}),
    ]

    @pytest.mark.parametrize(
        "attempts, expected",
        [
            ("first", [(1, 1), (2, 1)]),
            ("last", [(1, 3), (2, 2)]),
            ("highest", [(1, 2), (2, 1)]),
            ("all", [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2)]),
        ],
    )
    def test_which_attempts_count(self, attempts, expected):
        assert [(s.student, s.number) for s in counted(self.SITTINGS, attempts)] == expected

    @pytest.mark.parametrize(
        "method, attempts", [("highest", "highest"), ("first", "first"), ("last", "last"), ("average", "all")]
    )
    def test_the_default_follows_the_grading_method(self, method, attempts):
        assert default_attempts(method) == attempts
