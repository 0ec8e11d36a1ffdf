"""How answers become points: pure functions over the keys of an exam version.

The worker feeds in the questions an attempt asked (as `QuestionKey`s) and
a student's answers, and gets a `ScoreSheet` back; the unit tests do the
same without any service running.

Rules, per question: a blank answer earns 0 and is never penalised; a
non-blank answer that earns nothing loses the question's `penalty`; partial
credit never goes below 0 by itself. The exam's total is never below 0.
Amounts are decimals rounded half-up to 2 places.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from decimal import Decimal

from exam_api.rules.amounts import ZERO, round2, to_decimal
from exam_api.rules.answers import Answer
from exam_api.rules.questions import (
    MULTIPLE_CHOICE,
    NUMERIC,
    ORDERING,
    PARTIAL,
    SHORT_TEXT,
    SINGLE_CHOICE,
    TRUE_FALSE,
    WEIGHTED,
    QuestionKey,
)


@dataclasses.dataclass(frozen=True)
class QuestionScore:
    question_id: int
    points_awarded: Decimal | None
    """None while the question waits to be graded by hand."""
    max_points: Decimal


@dataclasses.dataclass(frozen=True)
class ScoreSheet:
    questions: tuple[QuestionScore, ...]
    max_score: Decimal
    score: Decimal | None
    percent: Decimal | None
    passed: bool | None

    @property
    def needs_grading(self) -> bool:
        return self.score is None


def normalize_text(text: str, case_sensitive: bool) -> str:
    """Trim, collapse runs of white space, and fold case unless it matters."""
    collapsed = " ".join(text.split())
    return collapsed if case_sensitive else collapsed.casefold()


def text_matches(pattern: str, text: str, case_sensitive: bool) -> bool:
    """`*` in the accepted answer matches any run of characters, even none.

    A linear scan, not a regular expression: leftmost placement of each
    fixed piece is enough for `*`-only patterns, and a student's crafted
    answer cannot make matching slow.
    """
    pieces = normalize_text(pattern, case_sensitive).split("*")
    text = normalize_text(text, case_sensitive)
    if len(pieces) == 1:
        return text == pieces[0]
    first, *middle, last = pieces
    if len(first) + len(last) > len(text) or not text.startswith(first) or not text.endswith(last):
        return False
    position, end = len(first), len(text) - len(last)
    for piece in middle:
        found = text.find(piece, position, end)
        if found < 0:
            return False
        position = found + len(piece)
    return True


def _single_choice(question: QuestionKey, answer: Answer) -> Decimal:
    """The right option earns the points; a wrong one its weight, if it has one."""
    if answer.chosen == question.correct_option_ids:
        return question.points
    weights = {o.id: o.weight for o in question.options if o.weight is not None}
    if len(answer.chosen) != 1:
        return ZERO
    return question.points * weights.get(next(iter(answer.chosen)), ZERO) / 100


def _multiple_choice(question: QuestionKey, answer: Answer) -> Decimal:
    correct = question.correct_option_ids
    if question.scoring == WEIGHTED:
        weight = sum((o.weight for o in question.options if o.id in answer.chosen), ZERO)
        return question.points * min(max(weight, ZERO), Decimal(100)) / 100
    if question.scoring != PARTIAL:
        return question.points if answer.chosen == correct else ZERO
    share = question.points / len(correct)
    right = len(answer.chosen & correct)
    wrong = len(answer.chosen - correct)
    return max(ZERO, share * (right - wrong))


def _true_false(question: QuestionKey, answer: Answer) -> Decimal:
    return question.points if answer.value is question.correct_answer else ZERO


def _short_text(question: QuestionKey, answer: Answer) -> Decimal:
    fractions = [
        accepted.fraction
        for accepted in question.accepted_answers
        if text_matches(accepted.text, answer.value, question.case_sensitive)
    ]
    return question.points * max(fractions, default=ZERO)


def _numeric(question: QuestionKey, answer: Answer) -> Decimal:
    """The best fraction among the accepted numbers the answer is within."""
    given = to_decimal(answer.value)
    if abs(given - question.answer) <= question.tolerance:
        return question.points
    fractions = [a.fraction for a in question.partial_answers if abs(given - a.answer) <= a.tolerance]
    return question.points * max(fractions, default=ZERO)


def _ordering(question: QuestionKey, answer: Answer) -> Decimal:
    """All or nothing: the whole order must be right. Partial: a share of the
    points for each option standing in its right position."""
    key = question.correct_order
    if question.scoring != PARTIAL:
        return question.points if answer.option_ids == key else ZERO
    in_place = sum(1 for given, right in zip(answer.option_ids, key) if given == right)
    return question.points * in_place / len(key)


_EARNED = {
    SINGLE_CHOICE: _single_choice,
    MULTIPLE_CHOICE: _multiple_choice,
    TRUE_FALSE: _true_false,
    SHORT_TEXT: _short_text,
    NUMERIC: _numeric,
    ORDERING: _ordering,
}
"""What a non-blank answer earns before any penalty, from 0 to points, per
auto-scored type (essays are graded by hand)."""


def score_question(
    question: QuestionKey, answer: Answer | None, manual_points: Decimal | None = None
) -> Decimal | None:
    """Points for one answer, rounded; None for an essay not graded yet.
    A blank answer is "not answered" (Moodle's state) and earns 0 at once,
    an essay's too: a grader has nothing to read, so nothing waits for one."""
    if manual_points is not None:
        return round2(manual_points)
    if answer is None or answer.is_blank:
        return ZERO
    if question.graded_by_hand:
        return None
    try:
        earn = _EARNED[question.type]
    except KeyError:
        raise ValueError(f"unknown question type {question.type!r}") from None
    earned = earn(question, answer)
    return round2(earned) if earned > 0 else round2(-question.penalty)


def score_exam(
    questions: Iterable[QuestionKey],
    answers: Mapping[int, Answer],
    pass_percent: Decimal,
    manual_points: Mapping[int, Decimal] | None = None,
) -> ScoreSheet:
    """Score every question asked; one left out of `answers` scores 0. While
    an essay waits for its grade the sheet has no total yet."""
    manual_points = manual_points or {}
    results = tuple(
        QuestionScore(q.id, score_question(q, answers.get(q.id), manual_points.get(q.id)), round2(q.points))
        for q in questions
    )
    max_score = round2(sum((r.max_points for r in results), ZERO))
    if any(r.points_awarded is None for r in results):
        return ScoreSheet(results, max_score, None, None, None)
    score = max(ZERO, round2(sum((r.points_awarded for r in results), ZERO)))
    percent = round2(100 * score / max_score) if max_score else ZERO
    return ScoreSheet(results, max_score, score, percent, percent >= to_decimal(pass_percent))


def answer_feedback(question: Mapping, answer: Answer | None) -> str | None:
    """The feedback an author wrote for the answer given (a snapshot
    question): true/false's for a right or a wrong answer, the first accepted
    text or number the answer matches; choice options carry their own."""
    if answer is None or answer.is_blank:
        return None
    kind = question["type"]
    if kind == TRUE_FALSE:
        return question.get("feedback_right" if answer.value is question["correct_answer"] else "feedback_wrong")
    if kind == SHORT_TEXT:
        case_sensitive = bool(question.get("case_sensitive"))
        return next(
            (
                a.get("feedback")
                for a in question["accepted_answers"]
                if text_matches(a["text"], answer.value, case_sensitive)
            ),
            None,
        )
    if kind == NUMERIC:
        given = to_decimal(answer.value)
        if abs(given - to_decimal(question["answer"])) <= to_decimal(question.get("tolerance") or 0):
            return question.get("answer_feedback")
        return next(
            (
                a.get("feedback")
                for a in question.get("partial_answers") or ()
                if abs(given - to_decimal(a["answer"])) <= to_decimal(a.get("tolerance") or 0)
            ),
            None,
        )
    return None
