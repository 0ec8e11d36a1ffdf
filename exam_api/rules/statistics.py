"""Item analysis: which questions worked, by Moodle's quiz statistics.

The definitions follow Moodle's `mod/quiz/report/statistics` (the exam) and
`question/classes/statistics` (each question), with sample variances
(divided by s - 1). For a question: x is its mark in an attempt, T the
attempt's total mark (the sum of its question marks), y = T - x the rest of
the exam, m the question's maximum mark. A question counts only in the
attempts that asked it. Values are rounded to 2 places; a value whose
formula is undefined (too few attempts, zero variance) is None.
"""

from __future__ import annotations

import dataclasses
import math
import operator
import statistics
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

from exam_api.rules.grades import AVERAGE, FIRST, HIGHEST, LAST
from exam_api.rules.questions import MULTIPLE_CHOICE, SINGLE_CHOICE, TRUE_FALSE, QuestionKey

FIRST_ATTEMPTS, HIGHEST_ATTEMPTS, LAST_ATTEMPTS, ALL_ATTEMPTS = "first", "highest", "last", "all"
ATTEMPT_CHOICES = (FIRST_ATTEMPTS, HIGHEST_ATTEMPTS, LAST_ATTEMPTS, ALL_ATTEMPTS)

DUBIOUS_BELOW = 15
"""A discriminative efficiency under this marks a question worth a look."""

_DEFAULT_ATTEMPTS = {HIGHEST: HIGHEST_ATTEMPTS, FIRST: FIRST_ATTEMPTS, LAST: LAST_ATTEMPTS, AVERAGE: ALL_ATTEMPTS}


def default_attempts(grading_method: str) -> str:
    """The attempts that count, as the grading method counts them."""
    return _DEFAULT_ATTEMPTS[grading_method]


@dataclasses.dataclass(frozen=True)
class Sitting:
    """One scored attempt as item analysis reads it."""

    student: int
    number: int
    percent: float
    marks: Mapping[int, float]
    """Points per question asked."""
    chosen: Mapping[int, Collection[int]] = dataclasses.field(default_factory=dict)
    """Option ids chosen, per choice question."""

    @property
    def total(self) -> float:
        return sum(self.marks.values())


def counted(sittings: Iterable[Sitting], attempts: str) -> list[Sitting]:
    """Each student's first, highest (the earlier on a tie) or last attempt, or all."""
    sittings = sorted(sittings, key=lambda s: (s.student, s.number))
    if attempts == ALL_ATTEMPTS:
        return sittings
    by_student: dict[int, list[Sitting]] = {}
    for sitting in sittings:
        by_student.setdefault(sitting.student, []).append(sitting)
    pick = {
        FIRST_ATTEMPTS: lambda own: own[0],
        LAST_ATTEMPTS: lambda own: own[-1],
        HIGHEST_ATTEMPTS: lambda own: max(own, key=lambda s: (s.percent, -s.number)),
    }[attempts]
    return [pick(own) for own in by_student.values()]


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _covariance(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Sample covariance in C-level float sums: the statistics module's exact
    fraction arithmetic costs seconds over 10,000 attempts x 50 questions,
    and even math.fsum a tenth of a second. Marks are small numbers with two
    decimals: over 10,000 attempts plain float sums err by about 1e-9, far
    below what rounding to 2 places keeps."""
    s = len(xs)
    if s < 2:
        return None
    covariance = (sum(map(operator.mul, xs, ys)) - sum(xs) * sum(ys) / s) / (s - 1)
    return 0.0 if abs(covariance) < 1e-12 else covariance


def _variance(values: Sequence[float]) -> float | None:
    return _covariance(values, values)


def _sample_cumulants(values: Sequence[float]) -> tuple[int, float, float, float]:
    """s, and Moodle's k2 with the central moments m3 and m4 (divided by s)."""
    s = len(values)
    mean = statistics.fmean(values)
    m2, m3, m4 = (sum((v - mean) ** power for v in values) / s for power in (2, 3, 4))
    return s, s * m2 / (s - 1), m3, m4


def _skewness(values: Sequence[float]) -> float | None:
    if len(values) <= 2:
        return None
    s, k2, m3, _ = _sample_cumulants(values)
    k3 = s * s * m3 / ((s - 1) * (s - 2))
    return k3 / k2**1.5 if k2 else None


def _kurtosis(values: Sequence[float]) -> float | None:
    if len(values) <= 3:
        return None
    s, k2, _, m4 = _sample_cumulants(values)
    m2 = k2 * (s - 1) / s
    k4 = s * s * ((s + 1) * m4 - 3 * (s - 1) * m2 * m2) / ((s - 1) * (s - 2) * (s - 3))
    return k4 / (k2 * k2) if k2 else None


def random_guess(question: QuestionKey) -> float | None:
    """The percent a guess earns on average: single choice, the mean credit
    of its options; true/false, 50; any other type, unknown (None)."""
    if question.type == TRUE_FALSE:
        return 50.0
    if question.type == SINGLE_CHOICE and question.options:
        return 100 * sum(1 for o in question.options if o.correct) / len(question.options)
    return None


@dataclasses.dataclass
class _Item:
    question: QuestionKey
    marks: list[float]
    others: list[float]
    totals: list[float]

    @property
    def max_points(self) -> float:
        return float(self.question.points)


def _items(questions: Sequence[QuestionKey], sittings: Sequence[Sitting]) -> list[_Item]:
    """Per question, one column at a time (comprehensions, not appends in a
    nested loop: this runs questions x attempts times)."""
    totals = [s.total for s in sittings]
    items = []
    for question in questions:
        asked = [(mark, total) for s, total in zip(sittings, totals) if (mark := s.marks.get(question.id)) is not None]
        marks = [mark for mark, _ in asked]
        item_totals = [total for _, total in asked]
        items.append(_Item(question, marks, list(map(operator.sub, item_totals, marks)), item_totals))
    return items


def _question_report(item: _Item, sum_sqrt_cov: float, intended_total: float, chosen: Counter) -> dict:
    x, y, m = item.marks, item.others, item.max_points
    var_x, var_y = _variance(x), _variance(y)
    cov_xy = _covariance(x, y)
    cov_max = _covariance(sorted(x), sorted(y))
    cov_xt = _covariance(x, item.totals)
    discrimination = 100 * cov_xy / math.sqrt(var_x * var_y) if var_x and var_y else None
    efficiency = 100 * cov_xy / cov_max if cov_max else None
    effective = 100 * math.sqrt(cov_xt) / sum_sqrt_cov if sum_sqrt_cov and cov_xt is not None and cov_xt >= 0 else None
    report = {
        "question_id": item.question.id,
        "type": item.question.type,
        "attempts": len(x),
        "facility": _r(100 * statistics.fmean(x) / m) if x and m else None,
        "sd_percent": _r(100 * math.sqrt(var_x) / m) if var_x is not None and m else None,
        "random_guess": _r(random_guess(item.question)),
        "intended_weight": _r(100 * m / intended_total) if intended_total else None,
        "effective_weight": _r(effective),
        "discrimination_index": _r(discrimination),
        "discriminative_efficiency": _r(efficiency),
        "dubious": efficiency is not None and efficiency < DUBIOUS_BELOW,
        "options": None,
    }
    if item.question.type in (SINGLE_CHOICE, MULTIPLE_CHOICE):
        report["options"] = [{"option_id": o.id, "chosen": chosen[o.id]} for o in item.question.options]
    return report


def _options_chosen(sittings: Sequence[Sitting]) -> dict[int, Counter]:
    """How often each option was chosen, per question, in the attempts that
    asked it: one pass over the sittings, not one per question."""
    chosen: defaultdict[int, list[int]] = defaultdict(list)
    for sitting in sittings:
        marks = sitting.marks
        for question_id, option_ids in sitting.chosen.items():
            if question_id in marks:
                chosen[question_id].extend(option_ids)
    return {question_id: Counter(option_ids) for question_id, option_ids in chosen.items()}


def analyse(questions: Sequence[QuestionKey], sittings: Sequence[Sitting]) -> dict:
    """The exam's and each question's statistics over the counted sittings."""
    percents = [s.percent for s in sittings]
    totals = [s.total for s in sittings]
    items = _items(questions, sittings)
    chosen = _options_chosen(sittings)
    sum_sqrt_cov = sum(
        math.sqrt(cov) for cov in (_covariance(i.marks, i.totals) for i in items) if cov is not None and cov >= 0
    )
    intended_total = sum(i.max_points for i in items)
    sd_percent = math.sqrt(_variance(percents)) if len(percents) > 1 else None
    var_t = _variance(totals)
    mark_variances = [_variance(i.marks) for i in items]
    p = len(items)
    cic = None
    if var_t and p > 1 and all(v is not None for v in mark_variances):
        cic = 100 * p / (p - 1) * (1 - sum(mark_variances) / var_t)
    error_ratio = 100 * math.sqrt(1 - cic / 100) if cic is not None and cic <= 100 else None
    standard_error = error_ratio * sd_percent / 100 if error_ratio is not None and sd_percent is not None else None
    return {
        "attempts_counted": len(sittings),
        "mean_percent": _r(statistics.fmean(percents)) if percents else None,
        "median_percent": _r(statistics.median(percents)) if percents else None,
        "sd_percent": _r(sd_percent),
        "skewness": _r(_skewness(percents)),
        "kurtosis": _r(_kurtosis(percents)),
        "cic": _r(cic),
        "error_ratio": _r(error_ratio),
        "standard_error_percent": _r(standard_error),
        "questions": [
            _question_report(i, sum_sqrt_cov, intended_total, chosen.get(i.question.id, Counter())) for i in items
        ],
    }
