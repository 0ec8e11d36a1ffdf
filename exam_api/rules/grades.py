"""Grading methods: a student's final grade for an exam from their attempts."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from exam_api.rules.amounts import ZERO, round2, to_decimal

HIGHEST, AVERAGE, FIRST, LAST = "highest", "average", "first", "last"
GRADING_METHODS = (HIGHEST, AVERAGE, FIRST, LAST)


@dataclasses.dataclass(frozen=True)
class GradedAttempt:
    submitted_at: datetime
    score: Decimal
    max_score: Decimal
    percent: Decimal
    passed: bool
    """Decided against the pass mark of the version the attempt was sat on."""


@dataclasses.dataclass(frozen=True)
class FinalGrade:
    attempts: int
    score: Decimal | None
    percent: Decimal | None
    passed: bool | None


def final_grade(method: str, attempts: Sequence[GradedAttempt], pass_percent: Decimal) -> FinalGrade:
    """A student's grade for an exam from their scored attempts.

    highest: the attempt with the best percent (attempts of different exam
    versions may have different maxima, so percent, not points, compares);
    first / last: by submission time; each keeps the pass decision it got.
    average: the mean score and percent, against the exam's pass mark now.
    No scored attempt: no grade yet (None).
    """
    if not attempts:
        return FinalGrade(0, None, None, None)
    ordered = sorted(attempts, key=lambda a: a.submitted_at)
    if method == AVERAGE:
        score = round2(sum((a.score for a in ordered), ZERO) / len(ordered))
        percent = round2(sum((a.percent for a in ordered), ZERO) / len(ordered))
        return FinalGrade(len(ordered), score, percent, percent >= to_decimal(pass_percent))
    chosen = {
        HIGHEST: lambda: max(ordered, key=lambda a: a.percent),
        FIRST: lambda: ordered[0],
        LAST: lambda: ordered[-1],
    }[method]()
    return FinalGrade(len(ordered), chosen.score, chosen.percent, chosen.passed)
