"""How answers become points: pure functions over frozen exam versions.

No Flask, SQLAlchemy or Redis here. The worker feeds in a version snapshot
(plain dicts, as stored with the exam) and a student's answers, and gets a
`ScoreSheet` back; the unit tests do the same without any service running.

Rules, per question: a blank answer earns 0 and is never penalised; a
non-blank answer that earns nothing loses the question's `penalty`; partial
multiple choice never goes below 0 by itself. The exam's total is never
below 0. Amounts are decimals rounded half-up to 2 places.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

SINGLE_CHOICE = "single_choice"
MULTIPLE_CHOICE = "multiple_choice"
TRUE_FALSE = "true_false"
SHORT_TEXT = "short_text"
NUMERIC = "numeric"
ESSAY = "essay"
CHOICE_TYPES = (SINGLE_CHOICE, MULTIPLE_CHOICE)
QUESTION_TYPES = (SINGLE_CHOICE, MULTIPLE_CHOICE, TRUE_FALSE, SHORT_TEXT, NUMERIC, ESSAY)

ALL_OR_NOTHING = "all_or_nothing"
PARTIAL = "partial"

HIGHEST, AVERAGE, FIRST, LAST = "highest", "average", "first", "last"
GRADING_METHODS = (HIGHEST, AVERAGE, FIRST, LAST)

TWO_PLACES = Decimal("0.01")
ZERO = Decimal("0")


def round2(value: Decimal) -> Decimal:
    return Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def to_decimal(value) -> Decimal:
    """Exact decimal of a JSON number (via its text, so 0.1 stays 0.1)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


@dataclasses.dataclass(frozen=True)
class OptionKey:
    id: int
    correct: bool


@dataclasses.dataclass(frozen=True)
class AcceptedAnswer:
    text: str
    fraction: Decimal


@dataclasses.dataclass(frozen=True)
class QuestionKey:
    id: int
    type: str
    points: Decimal
    penalty: Decimal = ZERO
    options: tuple[OptionKey, ...] = ()
    scoring: str = ALL_OR_NOTHING
    correct_answer: bool | None = None
    accepted_answers: tuple[AcceptedAnswer, ...] = ()
    case_sensitive: bool = False
    answer: Decimal | None = None
    tolerance: Decimal = ZERO
    max_words: int | None = None

    @property
    def option_ids(self) -> frozenset[int]:
        return frozenset(option.id for option in self.options)

    @property
    def correct_option_ids(self) -> frozenset[int]:
        return frozenset(option.id for option in self.options if option.correct)

    @property
    def graded_by_hand(self) -> bool:
        return self.type == ESSAY


@dataclasses.dataclass(frozen=True)
class Answer:
    question_id: int
    option_ids: frozenset[int] = frozenset()
    value: bool | str | Decimal | None = None

    @property
    def is_blank(self) -> bool:
        if self.option_ids:
            return False
        if isinstance(self.value, str):
            return not self.value.strip()
        return self.value is None


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


def _earned(question: QuestionKey, answer: Answer) -> Decimal:
    """What a non-blank answer earns before any penalty, from 0 to points."""
    if question.type == SINGLE_CHOICE:
        return question.points if answer.option_ids == question.correct_option_ids else ZERO
    if question.type == MULTIPLE_CHOICE:
        correct = question.correct_option_ids
        if question.scoring != PARTIAL:
            return question.points if answer.option_ids == correct else ZERO
        share = question.points / len(correct)
        right = len(answer.option_ids & correct)
        wrong = len(answer.option_ids - correct)
        return max(ZERO, share * (right - wrong))
    if question.type == TRUE_FALSE:
        return question.points if answer.value is question.correct_answer else ZERO
    if question.type == SHORT_TEXT:
        fractions = [
            accepted.fraction
            for accepted in question.accepted_answers
            if text_matches(accepted.text, answer.value, question.case_sensitive)
        ]
        return question.points * max(fractions, default=ZERO)
    if question.type == NUMERIC:
        within = abs(to_decimal(answer.value) - question.answer) <= question.tolerance
        return question.points if within else ZERO
    raise ValueError(f"unknown question type {question.type!r}")


def score_question(question: QuestionKey, answer: Answer | None, manual_points: Decimal | None = None) -> Decimal | None:
    """Points for one answer, rounded; None for an essay not graded yet."""
    if question.graded_by_hand:
        return None if manual_points is None else round2(manual_points)
    if answer is None or answer.is_blank:
        return ZERO
    earned = _earned(question, answer)
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


def question_from_snapshot(data: Mapping) -> QuestionKey:
    """A question as stored in an exam version's snapshot."""
    return QuestionKey(
        id=int(data["id"]),
        type=data["type"],
        points=to_decimal(data["points"]),
        penalty=to_decimal(data.get("penalty") or 0),
        options=tuple(OptionKey(int(o["id"]), bool(o["correct"])) for o in data.get("options") or ()),
        scoring=data.get("scoring") or ALL_OR_NOTHING,
        correct_answer=data.get("correct_answer"),
        accepted_answers=tuple(
            AcceptedAnswer(a["text"], to_decimal(a["fraction"])) for a in data.get("accepted_answers") or ()
        ),
        case_sensitive=bool(data.get("case_sensitive")),
        answer=None if data.get("answer") is None else to_decimal(data["answer"]),
        tolerance=to_decimal(data.get("tolerance") or 0),
        max_words=data.get("max_words"),
    )


def answer_from_stored(data: Mapping) -> Answer:
    """An answer as the API stored it (JSON: numbers may be floats)."""
    value = data.get("value")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = to_decimal(value)
    return Answer(int(data["question_id"]), frozenset(data.get("option_ids") or ()), value)


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
