"""How answers become points: pure functions over frozen exam versions.

No Flask, SQLAlchemy or Redis here. The worker feeds in a version snapshot
(plain dicts, as stored with the exam) and a student's answers, and gets a
`ScoreSheet` back; the unit tests do the same without any service running.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

SINGLE_CHOICE = "single_choice"
MULTIPLE_CHOICE = "multiple_choice"
QUESTION_TYPES = (SINGLE_CHOICE, MULTIPLE_CHOICE)

TWO_PLACES = Decimal("0.01")
ZERO = Decimal("0")


def round2(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclasses.dataclass(frozen=True)
class OptionKey:
    id: int
    correct: bool


@dataclasses.dataclass(frozen=True)
class QuestionKey:
    id: int
    type: str
    points: Decimal
    options: tuple[OptionKey, ...] = ()

    @property
    def option_ids(self) -> frozenset[int]:
        return frozenset(option.id for option in self.options)

    @property
    def correct_option_ids(self) -> frozenset[int]:
        return frozenset(option.id for option in self.options if option.correct)


@dataclasses.dataclass(frozen=True)
class Answer:
    question_id: int
    option_ids: frozenset[int] = frozenset()

    @property
    def is_blank(self) -> bool:
        return not self.option_ids


@dataclasses.dataclass(frozen=True)
class QuestionScore:
    question_id: int
    points_awarded: Decimal
    max_points: Decimal


@dataclasses.dataclass(frozen=True)
class ScoreSheet:
    score: Decimal
    max_score: Decimal
    percent: Decimal
    passed: bool
    questions: tuple[QuestionScore, ...]


def score_question(question: QuestionKey, answer: Answer | None) -> Decimal:
    """Points for one answer; a missing or blank answer earns nothing."""
    if answer is None or answer.is_blank:
        return ZERO
    if question.type in (SINGLE_CHOICE, MULTIPLE_CHOICE):
        return question.points if answer.option_ids == question.correct_option_ids else ZERO
    raise ValueError(f"unknown question type {question.type!r}")


def score_exam(
    questions: Iterable[QuestionKey], answers: Mapping[int, Answer], pass_percent: Decimal
) -> ScoreSheet:
    """Score every question asked; one left out of `answers` scores 0."""
    results = tuple(
        QuestionScore(q.id, round2(score_question(q, answers.get(q.id))), round2(q.points))
        for q in questions
    )
    score = round2(sum((r.points_awarded for r in results), ZERO))
    max_score = round2(sum((r.max_points for r in results), ZERO))
    percent = round2(100 * score / max_score) if max_score else ZERO
    return ScoreSheet(score, max_score, percent, percent >= Decimal(pass_percent), results)


def question_from_snapshot(data: Mapping) -> QuestionKey:
    return QuestionKey(
        id=int(data["id"]),
        type=data["type"],
        points=Decimal(str(data["points"])),
        options=tuple(OptionKey(int(o["id"]), bool(o["correct"])) for o in data.get("options", ())),
    )
