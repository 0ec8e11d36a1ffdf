"""Re-marking a scored submission against the exam's current key.

Moodle's "regrade against the current version": each question the attempt
asked is matched by id with the exam's current question and marked again
with the student's answer. What cannot be matched honestly is skipped for
that submission with a reason, and keeps its old points: a question no
longer in the exam, one whose type changed, one whose options were replaced
(the answer names option ids the current question lacks). Points a grader
gave by hand (essays) are kept as given.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal

from exam_api.rules.amounts import ZERO, round2, to_decimal
from exam_api.rules.answers import Answer
from exam_api.rules.questions import OPTION_TYPES, QuestionKey
from exam_api.rules.scoring import score_question

REMOVED = "question no longer in the exam"
TYPE_CHANGED = "question type changed"
OPTIONS_REPLACED = "answer names options the current question no longer has"


@dataclasses.dataclass(frozen=True)
class QuestionChange:
    question_id: int
    old_points: Decimal
    new_points: Decimal


@dataclasses.dataclass(frozen=True)
class Remark:
    points: dict[int, Decimal]
    """Every asked question's points after re-marking (unchanged where skipped)."""
    max_points: dict[int, Decimal]
    changes: tuple[QuestionChange, ...]
    skipped: tuple[tuple[int, str], ...]
    """(question id, reason) for the questions left as they were."""

    @property
    def max_score(self) -> Decimal:
        return round2(sum(self.max_points.values(), ZERO))

    @property
    def score(self) -> Decimal:
        return max(ZERO, round2(sum(self.points.values(), ZERO)))

    def percent(self) -> Decimal:
        return round2(100 * self.score / self.max_score) if self.max_score else ZERO


def _skip_reason(sat: QuestionKey, current: QuestionKey | None, answer: Answer | None) -> str | None:
    if current is None:
        return REMOVED
    if current.type != sat.type:
        return TYPE_CHANGED
    if current.type in OPTION_TYPES and answer is not None and not answer.chosen <= current.option_ids:
        return OPTIONS_REPLACED
    return None


def remark(
    stored_scores: Sequence[Mapping],
    sat: Mapping[int, QuestionKey],
    current: Mapping[int, QuestionKey],
    answers: Mapping[int, Answer],
    only: Collection[int] | None = None,
) -> Remark:
    """Re-mark the questions of `stored_scores` (the submission's per-question
    results as stored) that `only` names (all when None): `sat` holds the keys
    of the version the attempt was sat on, `current` the exam's current keys."""
    points, max_points, changes, skipped = {}, {}, [], []
    for stored in stored_scores:
        question_id = stored["question_id"]
        old = to_decimal(stored["points_awarded"])
        points[question_id], max_points[question_id] = old, to_decimal(stored["max_points"])
        if only is not None and question_id not in only:
            continue
        key, answer = current.get(question_id), answers.get(question_id)
        reason = _skip_reason(sat[question_id], key, answer)
        if reason is not None:
            skipped.append((question_id, reason))
            continue
        if key.graded_by_hand:
            continue
        new = score_question(key, answer)
        points[question_id], max_points[question_id] = new, round2(key.points)
        if new != old:
            changes.append(QuestionChange(question_id, old, new))
    return Remark(points, max_points, tuple(changes), tuple(skipped))
